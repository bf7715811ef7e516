"""Match a parsed predicate against the verb lexicon: lemma lookup, then phrase patterns.

The words around a verb are split like PETRARCH-2 splits a verb phrase: words before the verb in
its clause (``pre``), words after it (``post``, objects and complements) and prepositional
phrases (``preps``); a pattern matches when all its words occur in the right place. Token forms
are the lower-cased text and lemma, so a dictionary's singular entry also matches a plural.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.coding.lexicon import NULL_CODE, Lexicon, Pattern, VerbEntry
from eventwire.coding.tree import Tree, tree_of, word_forms

Forms = frozenset[str]
NESTED_CLAUSES = {"relcl", "acl", "advcl", "ccomp"}
# A verb of saying whose pattern names an attack ("described the attack as …") reports or
# characterises the attack; the speaker did not carry it out, so such patterns are not used.
SPEECH_ROOT = "01"
FORCE_ROOTS = {"18", "19", "20"}
# "according to reports" attributes the clause; its words say nothing about the event.
ATTRIBUTION_PREPS = {"according"}
_LEFT_CLAUSES = {"advcl", "mark", "punct", "cc", "parataxis", "ccomp"}
_PREP_DEPS = {"prep", "agent", "dative"}
# Dependents that belong to the verb's own phrase (PETRARCH's VP contents).
PHRASE_DEPS = {"dobj", "dative", "iobj", "attr", "oprd", "prt", "prep", "agent", "acomp", "advmod", "npadvmod"}
# Match quality by what decided the code: a phrase pattern is the most specific evidence.
QUALITY_PATTERN, QUALITY_VERB_CODE, QUALITY_BLOCK_CODE = 1.0, 0.8, 0.6
# Inflections of the verbs named in pattern comments, reduced to a base form.
INFLECTION_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ing", ""),
                       ("ing", "e"))  # fmt: skip


@dataclass(slots=True)
class Match:
    """What the lexicon says about one predicate."""

    code: str | None  # CAMEO code source → target; None: no event this way
    reverse: str | None  # code target → source ("042:043" visit/host)
    block: str
    pattern: str | None
    quality: float


@dataclass(slots=True)
class PhraseContext:
    pre: list[Forms]
    post: list[Forms]
    preps: list[tuple[str, list[Forms]]]


def forms(token: Token) -> Forms:
    return word_forms(token.lower_, token.lemma_)


def _phrase_subtree(tree: Tree, i: int) -> list[int]:
    """A dependent's subtree without relative or adverbial clauses inside it ("a resolution that
    aims to tighten sanctions": the sanctions are not what is supported)."""
    out = [i]
    deps = tree.deps
    for k in tree.kids[i]:
        if deps[k] not in NESTED_CLAUSES:
            out.extend(_phrase_subtree(tree, k))
    return out


def _clause_words(tree: Tree, i: int, depth: int = 0) -> list[int]:
    """The verb's complements (objects, particles, adverbs, preps, an xcomp's own phrase)."""
    deps, lowers = tree.deps, tree.lowers
    found: list[int] = []
    for k in tree.kids[i]:
        if k < i:
            continue
        dep = deps[k]
        if dep in PHRASE_DEPS and lowers[k] not in ATTRIBUTION_PREPS:
            found.extend(_phrase_subtree(tree, k))
        elif dep == "xcomp" and depth < 2:
            found.extend(a for a in tree.kids[k] if a < k and deps[a] == "aux")
            found.append(k)
            found.extend(_clause_words(tree, k, depth + 1))
    return sorted(found)


def phrase_context(verb: Token) -> PhraseContext:
    """The verb's own phrase: pre-verb words, post-verb words and prepositional phrases.

    Like PETRARCH's verb phrase, the post-verb words are the objects and complements (an xcomp
    included: "vowed to resist to the end"), not subordinate or reported clauses, so a pattern
    word deep inside a quoted clause does not decide the reporting verb's code.
    """
    tree = tree_of(verb.doc)
    deps, heads, form = tree.deps, tree.heads, tree.forms_at
    i = verb.i
    post_tokens = _clause_words(tree, i)
    pre = [
        form(t) for child in tree.kids[i] if child < i and deps[child] not in _LEFT_CLAUSES for t in tree.subtree(child)
    ]
    # Upper-pattern words also come from the verbs governing this one ("indicated it would act").
    head = i
    for _ in range(3):
        if deps[head] not in ("ccomp", "xcomp", "conj") or heads[head] == head:
            break
        head = heads[head]
        pre.insert(0, form(head))
    post = [form(t) for t in post_tokens]
    holders = {i} | {c for c in tree.kids[i] if deps[c] in ("dobj", "attr", "oprd", "xcomp")}
    preps = [
        (tree.lowers[t], [form(x) for x in tree.subtree(t) if x != t])
        for t in post_tokens
        if deps[t] in _PREP_DEPS and heads[t] in holders
    ]
    return PhraseContext(pre, post, preps)


def split_code(raw: str | None) -> tuple[str | None, str | None]:
    """``"042:043"`` → ("042", "043"); ``":110"`` → (None, "110"); ``"---"`` → (None, None)."""
    if not raw:
        return None, None
    code, _, reverse = raw.partition(":")
    code, reverse = code.strip(), reverse.strip()
    return (code if code and code != NULL_CODE else None), (reverse if reverse and reverse != NULL_CODE else None)


@dataclass(slots=True)
class CompiledPattern:
    """A pattern with the word sets that must occur for it to match at all (a cheap pre-check)."""

    pattern: Pattern
    specificity: int
    pre: tuple[frozenset[str], ...]
    post: tuple[frozenset[str], ...]
    preps: frozenset[str]
    family: str | None  # CAMEO root of the pattern's code (either direction); None: a null code
    origins: frozenset[str]  # forms of the verbs the pattern was written for
    compound: tuple[bool, bool]  # a compound actor required before / after the verb


def _origin_forms(verbs: tuple[str, ...]) -> frozenset[str]:
    """Comment verbs are written inflected ("RALLIED", "TAKES"): their likely base forms too."""
    out: set[str] = set()
    for verb in verbs:
        out.add(verb)
        for suffix, repl in INFLECTION_SUFFIXES:
            if verb.endswith(suffix) and len(verb) - len(suffix) >= 3:
                out.add(verb[: len(verb) - len(suffix)] + repl)
    return frozenset(out)


def pattern_applies(cp: CompiledPattern, verb_forms: Forms, verb_families: frozenset[str]) -> bool:
    """A pattern that changes the code family applies only to the verbs it was written for.

    CAMEO.2.0 merged verb-specific pattern lists into synonym blocks, so "take part [030]" sits
    with "capture"; a refinement inside the verb's own family ("arrest protesters") still
    generalises over the block, and so does any pattern of a block without a code of its own
    (begin/suspend/continue: there the pattern names the whole event).
    """
    if not cp.origins or cp.family is None or not verb_families or cp.family in verb_families:
        return True
    return bool(cp.origins & verb_forms)


# A block the lexicon has no patterns for: nothing compiled, no anchors.
_NO_PATTERNS: tuple[list, dict, list] = ([], {}, [])


class Matcher:
    """Pattern matching over one lexicon: patterns by block, most specific first, each with
    anchor-word sets so most patterns are rejected by a set intersection. A block is compiled
    the first time one of its verbs is matched: a text uses few of the lexicon's blocks, so
    loading stays cheap."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # Noun lemma → (code, reverse, block) of the verb it nominalises (None: no event verb).
        self.noun_cache: dict[str, tuple[str, str | None, str] | None] = {}
        # Inflected word → its base form in the lexicon, when the lemmatizer gave another one.
        self.base_cache: dict[str, tuple[str, ...]] = {}
        # Block → (compiled patterns, anchor word → positions of the patterns that need it,
        # positions of patterns without an anchor); candidates for a verb are looked up from its
        # phrase's words instead of trying every pattern of the block.
        self.blocks: dict[str, tuple[list[CompiledPattern], dict[str, list[int]], list[int]]] = {}

    def block(self, name: str) -> tuple[list[CompiledPattern], dict[str, list[int]], list[int]]:
        """The compiled patterns of block ``name`` with their anchor index (compiled once)."""
        found = self.blocks.get(name)
        if found is None:
            patterns = self.lexicon.patterns.get(name)
            found = self.blocks[name] = self._compile_block(patterns) if patterns is not None else _NO_PATTERNS
        return found

    def _compile_block(self, patterns) -> tuple[list[CompiledPattern], dict[str, list[int]], list[int]]:
        compiled = sorted((self._compile(p) for p in patterns if p.specificity), key=lambda c: -c.specificity)
        index: dict[str, list[int]] = {}
        unanchored: list[int] = []
        for pos, cp in enumerate(compiled):
            key = next((a for a in (*cp.post, *cp.pre) if a), cp.preps)
            if not key:
                unanchored.append(pos)
            for word in key:
                index.setdefault(word, []).append(pos)
        return compiled, index, unanchored

    def _first_words(self, items: tuple[str, ...], depth: int = 0) -> frozenset[str]:
        """Words a sequence can start with (synsets expanded)."""
        if not items:
            return frozenset()
        head = items[0]
        if not head.startswith("&"):
            return frozenset((head,))
        if depth > 3:
            return frozenset()
        return frozenset(
            w for phrase in self.lexicon.synsets.get(head, ()) for w in self._first_words(phrase + items[1:], depth + 1)
        )

    def _compile(self, pattern: Pattern) -> CompiledPattern:
        prep_words = frozenset(
            w for prep, _ in pattern.preps for w in (self._first_words((prep,)) if prep.startswith("&") else (prep,))
        )
        code, reverse = split_code(pattern.code)
        return CompiledPattern(
            pattern,
            pattern.specificity,
            tuple(self._first_words(seq) for seq in pattern.pre),
            tuple(self._first_words(seq) for seq in pattern.post),
            prep_words,
            (code or reverse or "")[:2] or None,
            _origin_forms(pattern.verbs),
            pattern.compound_marks,
        )

    def _seq_at(self, items: tuple[str, ...], words: list[Forms], start: int) -> int | None:
        """Position after ``items`` matched consecutively from ``start``, else None."""
        if not items:
            return start
        head, rest = items[0], items[1:]
        if head.startswith("&"):
            for phrase in self.lexicon.synsets.get(head, ()):
                end = self._seq_at(phrase + rest, words, start)
                if end is not None:
                    return end
            return None
        if start < len(words) and head in words[start]:
            return self._seq_at(rest, words, start + 1)
        return None

    def _first_position(self, pattern: Pattern, words: list[Forms]) -> int:
        """Where the pattern's first object word matches in ``words`` (len(words) if none)."""
        return min(
            (i for seq in pattern.post for i in range(len(words)) if self._seq_at(seq, words, i) is not None),
            default=len(words),
        )

    def contains(self, items: tuple[str, ...], words: list[Forms]) -> bool:
        return any(self._seq_at(items, words, i) is not None for i in range(len(words)))

    def _prep_matches(self, prep: str, seqs: tuple, context: PhraseContext) -> bool:
        heads = {w for phrase in self.lexicon.synsets.get(prep, ()) for w in phrase} if prep.startswith("&") else {prep}
        return any(p in heads and all(self.contains(s, words) for s in seqs) for p, words in context.preps)

    def pattern_matches(self, pattern: Pattern, context: PhraseContext) -> bool:
        return (
            all(self.contains(s, context.pre) for s in pattern.pre)
            and all(self.contains(s, context.post) for s in pattern.post)
            and all(self._prep_matches(p, s, context) for p, s in pattern.preps)
        )

    def entries_for(self, verb: Token) -> list[VerbEntry]:
        """Lexicon entries whose multi-word parts are present; multi-word entries first."""
        tree = tree_of(verb.doc)
        i, lowers = verb.i, tree.lowers
        candidates = self.lexicon.entries(tree.lemmas[i].lower(), lowers[i]) or self.lexicon.entries(
            *self.base_forms(lowers[i])
        )
        chosen: list[VerbEntry] = []
        for entry in candidates:
            if entry.after:
                following = lowers[i + 1 : i + 1 + len(entry.after)]
                particles = {lowers[c] for c in tree.kids[i] if tree.deps[c] in ("prt", "prep", "advmod")}
                if not (following == list(entry.after) or set(entry.after) <= particles):
                    continue
            if entry.before and lowers[max(i - len(entry.before), 0) : i] != list(entry.before):
                continue
            chosen.append(entry)
        chosen.sort(key=lambda e: -(len(e.after) + len(e.before)))
        return chosen

    def base_forms(self, word: str) -> tuple[str, ...]:
        """Regular base forms of an inflected verb the lemmatizer missed ("cordoned" → "cordon"),
        the first one the lexicon knows (cached per word)."""
        found = self.base_cache.get(word)
        if found is None:
            stems = (
                word[: len(word) - len(suffix)] + repl for suffix, repl in INFLECTION_SUFFIXES if word.endswith(suffix)
            )
            known = next((s for s in stems if len(s) >= 3 and s in self.lexicon.verbs), None)
            found = self.base_cache[word] = (known,) if known else ()
        return found

    def match(self, verb: Token) -> Match | None:
        """The best reading of ``verb``; None when the lemma is not in the lexicon."""
        entries = self.entries_for(verb)
        if not entries:
            return None
        context = phrase_context(verb)
        pre_words = frozenset().union(*context.pre)
        post_words = frozenset().union(*context.post)
        prep_words = frozenset(p for p, _ in context.preps)
        # (specificity, -position of its first object word, pattern, entry): among equally
        # specific patterns the one whose word comes first after the verb wins ("launched rocket
        # fire against camps near the border": the fire, not the border).
        best: tuple[int, int | None, Pattern, VerbEntry] | None = None
        context_words = pre_words | post_words | prep_words
        verb_forms = tree_of(verb.doc).forms_at(verb.i)
        for entry in entries:
            verb_families = frozenset(
                (code or reverse)[:2]
                for code, reverse in (split_code(entry.code), split_code(self.lexicon.blocks.get(entry.block)))
                if code or reverse
            )
            compiled, index, unanchored = self.block(entry.block)
            positions = set(unanchored)
            for word in context_words:
                positions.update(index.get(word, ()))
            for pos in sorted(positions):
                cp = compiled[pos]
                if best is not None and cp.specificity < best[0]:
                    break  # sorted by specificity: nothing better follows
                if best is not None and cp.pattern.code == best[2].code:
                    continue  # an equally specific pattern with the same code changes nothing
                if (
                    pattern_applies(cp, verb_forms, verb_families)
                    and all(a & pre_words for a in cp.pre)
                    and all(a & post_words for a in cp.post)
                    and (not cp.pattern.preps or cp.preps & prep_words)
                    and self.pattern_matches(cp.pattern, context)
                    and (not any(cp.compound) or _compounds_present(verb, cp.compound))
                ):
                    if best is None or cp.specificity > best[0]:
                        best = (cp.specificity, None, cp.pattern, entry)
                        continue
                    # A tie: positions are computed only now (most verbs match one pattern).
                    if best[1] is None:
                        best = (best[0], -self._first_position(best[2], context.post), best[2], best[3])
                    found = (cp.specificity, -self._first_position(cp.pattern, context.post), cp.pattern, entry)
                    if found[1] > best[1]:
                        best = found
        if best is not None:
            code, reverse = split_code(best[2].code)
            block_code = self.lexicon.blocks.get(best[3].block) or ""
            if not (block_code.startswith(SPEECH_ROOT) and (code or "")[:2] in FORCE_ROOTS):
                return Match(code, reverse, best[3].block, best[2].text, QUALITY_PATTERN)
        entry = entries[0]
        if entry.code:
            code, reverse = split_code(entry.code)
            return Match(code, reverse, entry.block, None, QUALITY_VERB_CODE)
        code, reverse = split_code(self.lexicon.blocks.get(entry.block))
        return Match(code, reverse, entry.block, None, QUALITY_BLOCK_CODE)


def _compounds_present(verb: Token, wanted: tuple[bool, bool]) -> bool:
    """Whether the verb's subject (``wanted[0]``) and an object or prepositional object
    (``wanted[1]``) are coordinated phrases ("Gondor and Arnor"), as PETRARCH's ``%`` requires."""
    tree = tree_of(verb.doc)
    deps, kids, i = tree.deps, tree.kids, verb.i

    def coordinated(k: int) -> bool:
        return any(deps[c] == "conj" for c in kids[k])

    if wanted[0] and not any(deps[k] in ("nsubj", "nsubjpass") and coordinated(k) for k in kids[i]):
        return False
    if wanted[1]:
        objects = [k for k in kids[i] if deps[k] in ("dobj", "dative")]
        objects += [p for k in kids[i] if deps[k] == "prep" for p in kids[k] if deps[p] == "pobj"]
        return any(coordinated(k) for k in objects)
    return True
