"""The verb-pattern lexicon: PETRARCH-2 verb dictionaries read into lemma-indexed tables.

A dictionary has synsets (``&WEAPON`` → phrases), verb blocks (``--- ATTACK [190] ---``) listing
verb lemmas (optionally multi-word, ``+CARRY_OUT``, ``RE_+ARREST``) with an optional own code, and
phrase patterns (``- * &WEAPON (AGAINST) [175]``) that refine the block code from the words
around the verb. The same reader loads the shipped CAMEO lexicon (compiled to JSON by
``scripts/build_ontology.py``) and any other dictionary in that format, so coders can be run with
alternative lexicons.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NULL_CODE = "---"
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
# Pattern symbols that mark roles or skips in PETRARCH patterns; they carry no word to match.
_ROLE_MARKERS = {"$", "+", "%", "^", "*"}
# Prepositions and particles: pattern words that name no participant or object of the event.
FUNCTION_WORDS = {"from", "to", "with", "on", "in", "at", "of", "for", "by", "into", "onto", "out", "up", "down",
                  "off", "over", "about", "against", "back", "away", "the", "a", "an"}  # fmt: skip


@dataclass(slots=True)
class VerbEntry:
    """One verb form: ``before``/``after`` are the other words of a multi-word verb."""

    block: str
    code: str | None  # None: use the block code
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(slots=True)
class Pattern:
    """A phrase pattern; each ``Seq`` is a tuple of words/synset names matched consecutively."""

    code: str
    pre: tuple[tuple[str, ...], ...] = ()
    post: tuple[tuple[str, ...], ...] = ()
    preps: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    text: str = ""
    # The verbs the pattern was written for (its ``# TAKE`` comment): merged blocks such as
    # APPREHEND hold "take part [030]", which only "take" means.
    verbs: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        """More required words → more specific → preferred when several patterns match; a content
        word counts double a bare preposition, which says little about the event."""
        return (
            sum(_word_weight(w) for s in self.pre for w in s)
            + sum(_word_weight(w) for s in self.post for w in s)
            + sum(1 + 2 * sum(len(s) for s in seqs) for _, seqs in self.preps)
            + 2 * sum(self.compound_marks)
        )

    @property
    def compound_marks(self) -> tuple[bool, bool]:
        """(before the verb, after it): PETRARCH's ``%`` asks for a compound actor there
        ("- % * [030:030]": two parties that agree agree with each other)."""
        body = self.text.lstrip("- ").split("[")[0]
        pre, _, post = body.partition("*")
        return "%" in pre, "%" in post


def _word_weight(word: str) -> int:
    """A pattern word's weight in its specificity: a bare preposition or particle written as a
    plain word ("- * FROM +") says as little about the event as a prepositional slot."""
    return 1 if word in FUNCTION_WORDS else 2


@dataclass(slots=True)
class Lexicon:
    """Verb lemma → entries, block → (code, patterns), synset → phrases."""

    name: str
    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def entries(self, *forms: str) -> list[VerbEntry]:
        seen: list[VerbEntry] = []
        for form in forms:
            for entry in self.verbs.get(form, ()):
                if entry not in seen:
                    seen.append(entry)
        return seen

    def extend(self, other: Lexicon) -> None:
        """Add ``other``'s verbs, blocks, patterns and synset members to this lexicon (a
        block both have keeps this lexicon's code and gains the other's patterns)."""
        for block, code in other.blocks.items():
            self.blocks.setdefault(block, code)
        for block, patterns in other.patterns.items():
            self.patterns.setdefault(block, []).extend(patterns)
        for synset, phrases in other.synsets.items():
            members = self.synsets.setdefault(synset, [])
            members.extend(p for p in phrases if p not in members)
        for lemma, entries in other.verbs.items():
            bucket = self.verbs.setdefault(lemma, [])
            bucket.extend(e for e in entries if e not in bucket)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "blocks": self.blocks,
            "synsets": {k: [list(p) for p in v] for k, v in self.synsets.items()},
            "verbs": {
                lemma: [[e.block, e.code, list(e.before), list(e.after)] for e in entries]
                for lemma, entries in self.verbs.items()
            },
            "patterns": {
                block: [[p.code, p.pre, p.post, p.preps, p.text, list(p.verbs)] for p in pats]
                for block, pats in self.patterns.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lexicon:
        def seqs(raw: list) -> tuple[tuple[str, ...], ...]:
            return tuple(tuple(s) for s in raw)

        return cls(
            name=data["name"],
            blocks=dict(data["blocks"]),
            synsets={k: [tuple(p) for p in v] for k, v in data["synsets"].items()},
            verbs={
                lemma: [VerbEntry(b, c, tuple(bef), tuple(aft)) for b, c, bef, aft in entries]
                for lemma, entries in data["verbs"].items()
            },
            patterns={
                block: [
                    Pattern(code, seqs(pre), seqs(post), tuple((p, seqs(s)) for p, s in preps), text, tuple(rest[0]))
                    if rest
                    else Pattern(code, seqs(pre), seqs(post), tuple((p, seqs(s)) for p, s in preps), text)
                    for code, pre, post, preps, text, *rest in pats
                ]
                for block, pats in data["patterns"].items()
            },
        )


def load_lexicon(path: str | Path) -> Lexicon:
    """A compiled lexicon (``.json``) or a PETRARCH-format verb dictionary (anything else)."""
    path = Path(path)
    if path.suffix == ".json":
        return Lexicon.from_json(json.loads(path.read_text(encoding="utf-8")))
    return read_verb_dictionary(path)


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    if line.startswith("#"):
        return ""
    cut = line.find("#")
    return (line[:cut] if cut >= 0 else line).strip()


def _plural(word: str) -> str | None:
    """PETRARCH's synset plural rule; words ending in '_' are marked as having no plural."""
    if word.endswith("_"):
        return None
    if word.endswith("y"):
        return word[:-1] + "ies"
    if word.endswith("s"):
        return word[:-1] + "es"
    return word + "s"


def _seq(token: str) -> tuple[str, ...]:
    return tuple(w for w in token.lower().split("_") if w and w not in _ROLE_MARKERS)


def _parse_pattern(body: str, code: str, text: str) -> Pattern | None:
    """``pre * post`` with ``{noun phrase}``, ``(prep words)`` and ``A_B`` consecutive words."""
    if "*" not in body:
        return None
    pre_raw, _, post_raw = body.partition("*")

    def parse(part: str, allow_preps: bool) -> tuple[list, list]:
        nouns: list[tuple[str, ...]] = []
        preps: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
        for m in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", part):
            if m.group(1) is not None:
                words = m.group(1).split()
                if not words:
                    continue
                inner = [_seq(w) for w in words[1:]]
                inner_seqs = tuple(s for s in inner if s)
                prep = words[0].lower()
                if allow_preps:
                    preps.append((prep, inner_seqs))
                else:
                    nouns.append((prep,))
                    nouns.extend(inner_seqs)
            elif m.group(2) is not None:
                seq = tuple(w for word in m.group(2).split() for w in _seq(word))
                if seq:
                    nouns.append(seq)
            else:
                seq = _seq(m.group(3))
                if seq:
                    nouns.append(seq)
        return nouns, preps

    pre, pre_preps = parse(pre_raw, allow_preps=False)
    post, post_preps = parse(post_raw, allow_preps=True)
    return Pattern(code, tuple(pre), tuple(post), tuple(post_preps), text)


def _verb_forms(word: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """``RE_+ARREST`` → ('arrest', ('re',), ()); ``+CARRY_OUT`` → ('carry', (), ('out',))."""
    parts = word.lower().split("_")
    idx = next((i for i, p in enumerate(parts) if p.startswith("+")), None)
    if idx is None:
        # Plain word, or an unmarked multi-word: the first word is the verb.
        return parts[0], (), tuple(p for p in parts[1:] if p)
    return parts[idx][1:], tuple(p for p in parts[:idx] if p), tuple(p for p in parts[idx + 1 :] if p)


def read_verb_dictionary(path: str | Path, name: str | None = None, comment_verbs: bool = False) -> Lexicon:
    """Read a PETRARCH-2 verb dictionary (e.g. CAMEO.2.0.txt) into a :class:`Lexicon`.

    Args:
        path: the dictionary file.
        name: a label for the lexicon (default: the file name).
        comment_verbs: also enter the verbs that pattern comments name as the pattern's origin
            (``# URGE``) when no block lists them; CAMEO.2.0 dropped some verb lines (urge,
            condemn's synonyms …) while keeping their patterns.
    Returns:
        The lexicon; transformation lines (``~``) are skipped.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    return parse_verb_dictionary(text, name or path.name, comment_verbs)


def parse_verb_dictionary(text: str, name: str, comment_verbs: bool = False) -> Lexicon:
    """A PETRARCH-2 verb dictionary given as text (see :func:`read_verb_dictionary`)."""
    lex = Lexicon(name=name)
    block = ""
    synset: str | None = None
    in_comment = False
    origins: list[tuple[str, str]] = []
    for raw in text.splitlines():
        if in_comment:
            if "-->" in raw:
                in_comment = False
            continue
        if raw.lstrip().startswith("<!--") and "-->" not in raw:
            in_comment = True
            continue
        header = _HEADER.match(raw.strip())
        if header:
            block, code = header.group(1), header.group(2).strip()
            lex.blocks[block] = code or NULL_CODE
            lex.patterns.setdefault(block, [])
            synset = None
            continue
        line = _strip_comment(raw)
        if not line or line.startswith("~"):
            continue
        if line.startswith("&") and len(line.split()) == 1:
            # "&AUXVERB1_": the trailing '_' only says "no plurals"; patterns cite "&AUXVERB1".
            synset = line.lower()
            lex.synsets.setdefault(synset.rstrip("_"), [])
            continue
        if synset is not None and line.startswith("+"):
            _add_synset_member(lex, synset, line[1:])
            continue
        if line.startswith("-"):
            codes = _CODE.findall(line)
            if not block or not codes:
                continue
            body = line[1 : line.rfind("[")]
            pattern = _parse_pattern(body, codes[-1].strip(), " ".join(line.split()))
            named = _comment_verbs(raw)
            if pattern is not None:
                pattern.verbs = tuple(named)
                lex.patterns[block].append(pattern)
            if comment_verbs:
                origins.extend((block, verb) for verb in named)
            continue
        if block:
            _add_verb(lex, block, line)
    for block_name, verb in origins:
        if verb not in lex.verbs:
            lex.verbs[verb] = [VerbEntry(block_name, None)]
    return lex


def _comment_verbs(raw: str) -> list[str]:
    """``# SEND , DEPLOY <ab 02 Dec 2005>`` → ['send', 'deploy'] (single upper-case words only)."""
    if "#" not in raw:
        return []
    comment = raw[raw.find("#") + 1 :].split("<")[0]
    return [w.strip().lower() for w in comment.split(",") if re.fullmatch(r"\s*[A-Z]{3,}\s*", w)]


def _add_synset_member(lex: Lexicon, name: str, member: str) -> None:
    member = member.strip()
    synset = name.rstrip("_")
    if member.startswith("&"):
        lex.synsets[synset].extend(lex.synsets.get(member.lower().rstrip("_"), []))
        return
    words = tuple(w for w in re.split(r"[\s_]+", member.lower()) if w)
    if not words:
        return
    lex.synsets[synset].append(words)
    plural = None if name.endswith("_") else _plural(member.lower().rstrip())
    if plural and " " not in member.strip() and "_" not in member.strip("_"):
        lex.synsets[synset].append((plural,))
    elif plural and not member.endswith("_"):
        lex.synsets[synset].append((*words[:-1], _plural(words[-1]) or words[-1]))


def _add_verb(lex: Lexicon, block: str, line: str) -> None:
    codes = _CODE.findall(line)
    code = codes[-1].strip() if codes else None
    line = _CODE.sub(" ", line)
    forms_match = re.search(r"\{([^}]*)\}", line)
    primary = line[: forms_match.start()] if forms_match else line
    words = primary.split()
    if not words:
        return
    forms = [words[0]] + (forms_match.group(1).split() if forms_match else [])
    for form in forms:
        lemma, before, after = _verb_forms(form)
        if not lemma:
            continue
        entry = VerbEntry(block, code, before, after)
        bucket = lex.verbs.setdefault(lemma, [])
        if entry not in bucket:
            bucket.append(entry)
