"""An attribute ruler that looks its token patterns up instead of running them through a Matcher.

The English pipelines map fine-grained tags to POS and morphology (and fix a few lemmas) with about
180 ``attribute_ruler`` patterns, nearly all of a single token. spaCy's Matcher steps every pattern
over every token, which costs more on CPU than the tagger; indexing the one-token patterns by the
token's tag, lower-case form or dependency label gives the same annotations at a fraction of the
cost. Patterns of several tokens still go through a (small) Matcher. Patterns using anything but
equality, ``IN``, ``NOT_IN`` and ``REGEX`` on known attributes are not indexed: the original
component is then kept unchanged.
"""

# No ``from __future__ import annotations``: spaCy validates the factory's signature at runtime.
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

from eventwire.errors import Unindexable

# Pattern attributes the index understands, read from the token as the Matcher reads them.
TOKEN_VALUES: dict[str, Callable[[Token], Any]] = {
    "TAG": attrgetter("tag_"),
    "LOWER": attrgetter("lower_"),
    "DEP": attrgetter("dep_"),
    "ORTH": attrgetter("orth_"),
    "TEXT": attrgetter("text"),
    "NORM": attrgetter("norm_"),
    "POS": attrgetter("pos_"),
    "IS_SPACE": attrgetter("is_space"),
    "IS_PUNCT": attrgetter("is_punct"),
    "IS_DIGIT": attrgetter("is_digit"),
}
# Attributes a rule can be filed under (first one present wins): the token's own value picks the
# few rules worth testing.
INDEX_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

Test = tuple[Callable[[Token], Any], str, Any]  # (value getter, operator, operand)


@dataclass(slots=True)
class _Rule:
    order: int  # the pattern's position in the ruler: later rules win
    tests: tuple[Test, ...]
    attrs: dict

    def matches(self, token: Token) -> bool:
        for get, op, operand in self.tests:
            value = get(token)
            if op == "==":
                if value != operand:
                    return False
            elif op == "IN":
                if value not in operand:
                    return False
            elif op == "NOT_IN":
                if value in operand:
                    return False
            elif not (isinstance(value, str) and operand.search(value)):
                return False
        return True


def _tests(spec: dict[str, Any]) -> tuple[dict[str, tuple[str, Any]], tuple[Test, ...]]:
    """Compile one token's pattern; also returns each attribute's (operator, operand) for indexing."""
    parsed: dict[str, tuple[str, Any]] = {}
    tests: list[Test] = []
    for key, value in spec.items():
        if key not in TOKEN_VALUES:
            raise Unindexable(key)
        if isinstance(value, dict):
            if len(value) != 1:
                raise Unindexable(str(value))
            ((op, operand),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(operand, list):
                operand = frozenset(operand)
            elif op == "REGEX" and isinstance(operand, str):
                operand = re.compile(operand)
            else:
                raise Unindexable(op)
        elif isinstance(value, str | bool):
            op, operand = "==", value
        else:
            raise Unindexable(repr(value))
        parsed[key] = (op, operand)
        tests.append((TOKEN_VALUES[key], op, operand))
    return parsed, tuple(tests)


class IndexedAttributeRuler:
    """Same patterns and output as an ``AttributeRuler``, applied by dictionary lookups."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = vocab
        self.index: dict[str, dict[Any, list[_Rule]]] = {key: {} for key in INDEX_KEYS}
        self.unfiled: list[_Rule] = []
        self.matcher = Matcher(vocab)
        self.multi: dict[str, tuple[int, dict, int]] = {}

    def load(self, ruler: AttributeRuler) -> "IndexedAttributeRuler":
        """Take over every pattern of ``ruler``; raises Unindexable for one it cannot reproduce."""
        for order, (attrs, target) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            _, patterns = ruler.matcher.get(str(order))
            several = [p for p in patterns if len(p) != 1]
            if several:
                self.matcher.add(str(order), several)
                self.multi[str(order)] = (order, attrs, target)
            for pattern in patterns:
                if len(pattern) == 1:
                    if target not in (0, -1):
                        raise Unindexable(f"index {target} of a one-token pattern")
                    self._file(_Rule(order, (), attrs), pattern[0])
        return self

    def _file(self, rule: _Rule, spec: dict[str, Any]) -> None:
        parsed, rule.tests = _tests(spec)
        for key in INDEX_KEYS:
            op, operand = parsed.get(key, (None, None))
            if op in ("==", "IN"):
                index = self.index[key]
                # The filing test is met by the lookup; the rule checks the rest itself.
                rule.tests = tuple(t for t in rule.tests if t[0] is not TOKEN_VALUES[key])
                for value in [operand] if op == "==" else sorted(operand, key=str):
                    index.setdefault(value, []).append(rule)
                return
        self.unfiled.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        # Every match is found on the unmodified doc before any is applied, as AttributeRuler does.
        spans: dict[int, list[tuple[int, dict]]] = {}
        for match_id, start, end in self.matcher(doc, allow_missing=True) if self.multi else ():
            order, attrs, target = self.multi[doc.vocab.strings[match_id]]
            i = (start if target >= 0 else end) + target
            if not start <= i < end:
                raise ValueError(f"attribute_ruler: index {target} outside a match of {end - start} tokens")
            spans.setdefault(i, []).append((order, attrs))
        by_tag, by_lower, by_dep, by_space = (self.index[k] for k in INDEX_KEYS)
        unfiled = self.unfiled
        for token in doc:
            hits = [
                (rule.order, rule.attrs)
                for rules in (
                    by_tag.get(token.tag_),
                    by_lower.get(token.lower_),
                    by_dep.get(token.dep_),
                    by_space.get(token.is_space),
                    unfiled,
                )
                if rules
                for rule in rules
                if rule.matches(token)
            ]
            if spans:
                hits.extend(spans.get(token.i, ()))
            if len(hits) > 1:
                hits.sort(key=lambda hit: hit[0])
            for _, attrs in hits:
                set_token_attrs(token, attrs)
        return doc


@Language.factory("indexed_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for its indexed equivalent; False when left as is."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        IndexedAttributeRuler(nlp.vocab).load(ruler)
    except Unindexable:
        return False
    nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler").load(ruler)
    return True
