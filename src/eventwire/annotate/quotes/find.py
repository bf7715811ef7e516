"""Quotes and reported speech: who said what, and the cue word that says so.

``find_quotes`` runs over an already parsed spaCy ``Doc`` in four steps:
1. pair quotation marks per paragraph (``quote_marks``) and find each quotation's cue
   (``quote_direct``);
2. read reported speech and other attributions off the parse (``quote_reported``), leaving out cues
   nested inside quotations;
3. attach cue-less quotations that continue the attribution just before them ("…," she said. "…")
   or just after them (a quote running over several paragraphs);
4. name the speakers: the cue's subject as a name mention (``quote_speakers``) is ``speaker``, as
   annotators mark it ("he" in "he said"); a pronoun's antecedent mention (``quote_coref``) is
   ``speaker_ref``, which may lie outside ``[start, end)`` (the speaker mention, the cue and the
   content). "who"/"which" refer to the noun they hang on; a pronoun without an antecedent, and a
   named speaker, have no ``speaker_ref``.

A quotation split around its cue ("We will respond," he said, "and firmly.") gives one ``Quote`` per
piece, sharing speaker and cue: each piece is a contiguous span of the text, and PolNeAR's gold
annotation likewise lists the pieces as fragments of one content. ``kind`` is "direct" when the
content opens or closes with a quotation (a partial quote such as 'described it as "reckless"'
included), otherwise "indirect". Attitudes (believes, plans to, backs) count as attributions, as in
PolNeAR, but only with a subject; a verbatim quotation takes a speech verb as its cue unless a colon
or a bare tag ('"…," Lowell smiled.') introduces it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from eventwire.annotate.parse.dateline import find_furniture, inside
from eventwire.annotate.quotes.coref import gender_votes, resolve_pronoun
from eventwire.annotate.quotes.cues import Attribution, CharSpan, Paragraphs, cue_span, is_speech_cue, trim_span
from eventwire.annotate.quotes.direct import dash_tag, direct_attribution, is_clause
from eventwire.annotate.quotes.lexicon import RESOLVABLE_PRONOUNS
from eventwire.annotate.quotes.marks import ALL_MARKS, MarkedSpan, find_marked_spans
from eventwire.annotate.quotes.reported import reported_attributions
from eventwire.annotate.quotes.speakers import mention_span, source_span, speaker_head
from eventwire.model import Quote, Span, SpanIndex

# Tokens that may separate a cue-less quotation from the attribution it continues
# ('"…," said Charlie Black, a longtime Republican strategist. "…"').
CONTINUATION_GAP_TOKENS = 25
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Dependents of a cue that make up what it attributes (not its subject, recipient or coordination).
COMPLEMENT_PART_DEPS = frozenset({"dobj", "oprd", "ccomp", "xcomp", "attr", "acomp", "prep", "advcl"})
# Parts that may precede the one holding the quotation ("called [the chaos] ["a lesson"]").
LEADING_PART_DEPS = frozenset({"dobj", "oprd", "attr", "acomp"})
# Parts that may follow it ('calls Horgos "a mistake" [because so few people are there]').
TRAILING_PART_DEPS = frozenset({"prep", "advcl", "oprd"})
# Verbs whose object is the listener, not what is said ("told reporters: …").
RECIPIENT_VERBS = frozenset({"tell", "ask", "inform", "assure", "urge", "warn", "remind", "advise"})
TRAILING_PUNCT = ".,;:!? "
# What may lie between a content's edge and the quotation mark it is snapped to.
CLOSING_JUNK = ".,;:!?… \n\t\"“”«»'’"


def _frame(text: str, marks: list[MarkedSpan], i: int, paragraphs: Paragraphs) -> CharSpan:
    """Where the cue of quotation ``i`` may be: between its neighbours, within its paragraph."""
    mark = marks[i]
    number = paragraphs.index(mark.start)
    start, end = paragraphs.bounds[number]
    opens_paragraph = not text[start : mark.start].strip()
    if opens_paragraph and number > 0:
        prev_start, prev_end = paragraphs.bounds[number - 1]
        if text[prev_start:prev_end].rstrip().endswith(":"):
            start = prev_start
    if i > 0 and marks[i - 1].end > start:
        start = marks[i - 1].end
    if i + 1 < len(marks) and marks[i + 1].start < end:
        end = marks[i + 1].start
    return start, end


def _widen_to_complement(attribution: Attribution, doc: Doc) -> None:
    """Widen a quotation embedded in its cue's complement to the whole complement.

    'said that the media "is rigged"' attributes "that the media …", and 'described Moscow's rhetoric
    as "reckless"' attributes "Moscow's rhetoric as …"; a quotation right after its cue or a colon
    ('said: "…"', '"…," he said') is the content as it stands.
    """
    cue = attribution.cue
    start, end = attribution.content
    if cue is None or cue.pos_ != "VERB":
        return
    if cue.idx > start:
        _widen_before_cue(attribution, cue)
        return
    between = doc.char_span(cue.idx + len(cue.text), start, alignment_mode="contract")
    if between is None or ":" in between.text or all(t.is_punct or t.is_space for t in between):
        return
    recipient_verb = cue.lemma_.lower() in RECIPIENT_VERBS
    parts = [c for c in cue.rights if c.dep_ in COMPLEMENT_PART_DEPS and not (recipient_verb and c.dep_ == "dobj")]
    holding = [i for i, p in enumerate(parts) if p.left_edge.idx <= start < p.right_edge.idx + len(p.right_edge)]
    if not holding:
        return
    first = last = holding[0]
    while first > 0 and parts[first - 1].dep_ in LEADING_PART_DEPS:
        first -= 1
    closes_part = parts[last].right_edge.idx + len(parts[last].right_edge.text) <= end
    while not closes_part and last + 1 < len(parts) and parts[last + 1].dep_ in TRAILING_PART_DEPS:
        if any(t.text == "," for t in doc[parts[last].right_edge.i + 1 : parts[last + 1].left_edge.i]):
            break
        last += 1
    tokens = doc[parts[first].left_edge.i : parts[last].right_edge.i + 1]
    span = trim_span(tokens)
    if span:
        attribution.content = (min(start, span[0]), max(end, span[1]))


def _widen_before_cue(attribution: Attribution, cue: Token) -> None:
    """'The army has "liberated" the town, officials said': the content is the whole clause."""
    start, end = attribution.content
    for complement in cue.lefts:
        if complement.dep_ != "ccomp":
            continue
        first, last = complement.left_edge, complement.right_edge
        if first.idx <= start and end <= last.idx + len(last.text) + 1:
            tokens = list(complement.subtree)
            span = trim_span(tokens)
            if span and not any("\n" in t.text_with_ws for t in tokens[:-1]):
                attribution.content = (min(start, span[0]), end)
        return


def _snap_to_marks(text: str, content: CharSpan, marks: SpanIndex[MarkedSpan]) -> CharSpan:
    """Stretch a content that stops just short of a quotation's edge over it: the parse hangs the
    closing '."' on the main verb, so a reported clause would end inside the quotation."""
    start, end = content
    for mark in marks.overlapping(start, end + 1):
        if mark.start < end < mark.end and not text[end : mark.end].strip(CLOSING_JUNK):
            end = mark.end
        if mark.start < start < mark.end and not text[mark.start : start].strip(CLOSING_JUNK):
            start = mark.start
    return start, end


def is_direct_content(text: str, content: CharSpan) -> bool:
    """Opens or closes with a quotation mark (sentence punctuation after the close aside)."""
    body = text[content[0] : content[1]].strip().replace("''", '"')
    if body and body[-1] not in ALL_MARKS:
        body = body.rstrip(TRAILING_PUNCT)
    return bool(body) and (body[0] in ALL_MARKS or body[-1] in ALL_MARKS)


def _gap_tokens(doc: Doc, start: int, end: int) -> int:
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return 0 if span is None else sum(1 for t in span if not t.is_space)


def _continued(doc: Doc, mark: MarkedSpan, previous: Attribution | None, paragraphs: Paragraphs) -> bool:
    """Whether a cue-less quotation goes on with the attribution just before it."""
    if previous is None or previous.cue is None:
        return False
    gap_start = max(previous.content[1], previous.cue.idx + len(previous.cue.text))
    if gap_start > mark.start:
        return False
    here, there = paragraphs.index(mark.start), paragraphs.index(previous.content[1])
    if here == there:
        before = mark.start
        while before > 0 and paragraphs.text[before - 1].isspace():
            before -= 1
        in_cue_sentence = previous.cue.sent.end_char >= before
        return in_cue_sentence or _gap_tokens(doc, gap_start, mark.start) <= CONTINUATION_GAP_TOKENS
    opens_paragraph = not paragraphs.text[paragraphs.bounds[here][0] : mark.start].strip()
    if here != there + 1 or not opens_paragraph:
        return False
    return _gap_tokens(doc, gap_start, paragraphs.bounds[there][1]) <= CONTINUATION_GAP_TOKENS


def _attach_continuations(
    doc: Doc, uncued: list[MarkedSpan], found: list[Attribution], paragraphs: Paragraphs
) -> list[Attribution]:
    """Attribute cue-less quotations to the attribution they continue (forward, then backward)."""
    ordered = sorted(found, key=lambda a: a.content)
    added: dict[MarkedSpan, Attribution] = {}
    for mark in uncued:
        earlier = [a for a in ordered if a.content[1] <= mark.start and a.cue is not None]
        # The last quotation's speaker goes on speaking, even past an aside in its tag ('said X,
        # who argued that …'); failing that, the last reported attribution ('X said …. "…"').
        direct = [a for a in earlier if a.kind == "direct"]
        reported = [a for a in earlier if a.kind != "direct"]
        for pool in (direct, reported):
            previous = max(pool, key=lambda a: a.content[1]) if pool else None
            if _continued(doc, mark, previous, paragraphs):
                piece = Attribution((mark.start, mark.end), "direct", previous.cue, previous.speaker, previous)
                added[mark] = piece
                ordered.append(piece)
                break
    by_start = {a.content[0]: a for a in found}
    for mark in reversed(uncued):
        if mark in added or not mark.unclosed:
            continue
        # A quotation left open at its paragraph's end goes on in the next paragraph's quotation.
        next_paragraph = paragraphs.index(mark.end) + 1
        if next_paragraph >= len(paragraphs.bounds):
            continue
        following = by_start.get(paragraphs.bounds[next_paragraph][0])
        if following is not None and following.cue is not None:
            piece = Attribution((mark.start, mark.end), "direct", following.cue, following.speaker, following)
            added[mark] = piece
            by_start[mark.start] = piece
    return list(added.values())


def _attach_dash_tags(
    doc: Doc, uncued: list[MarkedSpan], found: list[Attribution], paragraphs: Paragraphs
) -> list[MarkedSpan]:
    """Attribute a quoted paragraph followed by a "—Name" line; return the marks still uncued."""
    remaining = []
    for mark in uncued:
        number = paragraphs.index(mark.start)
        start, end = paragraphs.bounds[number]
        whole = not paragraphs.text[start : mark.start].strip() and not paragraphs.text[mark.end : end].strip()
        dash = dash_tag(doc, paragraphs.bounds[number + 1]) if whole and number + 1 < len(paragraphs.bounds) else None
        if dash is None:
            remaining.append(mark)
            continue
        name = doc[dash.i + 1]
        while name.dep_ == "compound" and name.head.i > name.i:
            name = name.head
        found.append(Attribution((mark.start, mark.end), "direct", dash, name))
    return remaining


def _carry_speakers_to_participles(ordered: list[Attribution], paragraphs: Paragraphs) -> None:
    """A subject-less participle cue ('Adding, "…"') goes on with the previous speaker of its
    paragraph or the one before."""
    previous: Attribution | None = None
    for attribution in ordered:
        cue = attribution.cue
        orphan = attribution.speaker is None and cue is not None and cue.tag_ == "VBG"
        if orphan and previous is not None and paragraphs.index(cue.idx) - paragraphs.index(previous.content[1]) <= 1:
            attribution.speaker = previous.speaker
        if attribution.speaker is not None:
            previous = attribution


def _to_quote(text: str, attribution: Attribution, paragraphs: Paragraphs) -> Quote:
    """The Quote; ``start``/``end`` take in the cue and speaker where they share the content's
    paragraph (a continued quotation's tag may lie a paragraph away)."""
    start, end = attribution.content
    cue = cue_span(attribution.cue) if attribution.cue is not None else None
    speaker = source_span(attribution.speaker, attribution.cue) if attribution.speaker is not None else None
    paragraph = paragraphs.index(start)
    for part in (cue, speaker):
        if part is not None and paragraphs.index(part[0]) == paragraph:
            start, end = min(start, part[0]), max(end, part[1])
    return Quote(
        start=start,
        end=end,
        content=Span(attribution.content[0], attribution.content[1], text[slice(*attribution.content)]),
        kind="direct" if is_direct_content(text, attribution.content) else "indirect",
        speaker=Span(speaker[0], speaker[1], text[speaker[0] : speaker[1]]) if speaker else None,
        cue=Span(cue[0], cue[1], text[cue[0] : cue[1]]) if cue else None,
    )


def _speaker_token(doc: Doc, speaker: Span) -> Token | None:
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _char_text(doc: Doc, bounds: CharSpan) -> str:
    span = doc.char_span(bounds[0], bounds[1], alignment_mode="expand")
    return span.text if span is not None else ""


def _spoken(doc: Doc, quote: Quote) -> bool:
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand") if quote.cue else None
    return cue is not None and is_speech_cue(cue.root)


def _quoted_tokens(doc: Doc) -> Callable[[int], bool]:
    """Whether token ``i`` lies between quotation marks."""
    inside = bytearray(len(doc))
    for mark in find_marked_spans(doc.text):
        span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
        if span is not None:
            inside[span.start : span.end] = b"\x01" * len(span)
    return lambda index: bool(inside[index])


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Set ``speaker_ref`` of pronoun and relative-pronoun speakers to the mention they stand for.

    Args:
        doc: the parsed text the quotes were found in.
        quotes: quotes in text order whose speakers are the local mentions.
    Returns:
        The same quotes (changed in place); ``speaker`` is left as it is, and ``speaker_ref`` is
        None for a named speaker or a pronoun without an antecedent.
    """
    return _resolve_speakers(doc, quotes, None)


def _resolve_speakers(doc: Doc, quotes: list[Quote], quoted: Callable[[int], bool] | None) -> list[Quote]:
    genders: dict[str, str] | None = None
    earlier: list[tuple[Token, Token, CharSpan]] = []
    resolved: dict[CharSpan, CharSpan | None] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        key = (quote.speaker.start, quote.speaker.end)
        if key not in resolved:
            head = _speaker_token(doc, quote.speaker)
            resolved[key] = None
            if head is not None and head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                resolved[key] = mention_span(head.head.head)
            elif head is not None and head.lower_ in RESOLVABLE_PRONOUNS:
                genders = gender_votes(doc) if genders is None else genders
                quoted = _quoted_tokens(doc) if quoted is None else quoted
                antecedent = resolve_pronoun(head, earlier, genders, quoted)
                if antecedent is not None:
                    resolved[key] = antecedent[1]
                    earlier.append((head, *antecedent))
            elif head is not None and (head.pos_ == "PROPN" or head.ent_type_ or _spoken(doc, quote)):
                # Only speakers of speech (or names) are antecedents: 'simple math shows' is not.
                earlier.append((head, head, key))
        target = resolved[key]
        quote.speaker_ref = Span(target[0], target[1], _char_text(doc, target)) if target is not None else None
    return quotes


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct quotes and reported speech in a parsed text, in text order.

    Args:
        doc: a spaCy ``Doc`` with a dependency parse and entities.
    Returns:
        One ``Quote`` per attributed content (per piece of a split quotation); offsets are
        character offsets into ``doc.text``. ``speaker`` is the mention at the cue and
        ``speaker_ref`` a pronoun speaker's antecedent; ``speaker_actor`` is left for the actor stage.
    """
    quotes, is_quoted = _find_local_quotes(doc)
    return _resolve_speakers(doc, _without_furniture(doc.text, quotes), is_quoted)


def _without_furniture(text: str, quotes: list[Quote]) -> list[Quote]:
    """A dateline or byline is never a speaker ("By Jane Doe", "LONDON (Reuters) —"): such a
    speaker span is dropped, and the quote keeps its content without one."""
    furniture = find_furniture(text)
    for quote in quotes:
        if furniture and quote.speaker is not None and inside(furniture, quote.speaker.start, quote.speaker.end):
            quote.speaker = None
    return quotes


def find_local_quotes(doc: Doc) -> list[Quote]:
    """Like ``find_quotes`` but without ``speaker_ref``: pronouns unresolved."""
    return _find_local_quotes(doc)[0]


def _find_local_quotes(doc: Doc) -> tuple[list[Quote], Callable[[int], bool]]:
    """The quotes with local speakers, and which tokens lie inside quotation marks."""
    text = doc.text
    paragraphs = Paragraphs(doc, text)
    marks = find_marked_spans(text)
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in marks]
    clauses = [span is not None and is_clause(span) for span in spans]
    quoted = bytearray(len(doc))
    for span in spans:
        if span is not None:
            quoted[span.start : span.end] = b"\x01" * len(span)

    def is_quoted(index: int) -> bool:
        return bool(quoted[index])

    found: list[Attribution] = []
    uncued: list[MarkedSpan] = []
    for i, mark in enumerate(marks):
        span = spans[i]
        attribution = None
        if span is not None and len(span):
            attribution = direct_attribution(span, clauses[i], _frame(text, marks, i, paragraphs))
            if attribution is not None:
                attribution.content = (mark.start, mark.end)
        if attribution is not None:
            _widen_to_complement(attribution, doc)
            attribution.speaker = speaker_head(attribution.cue, is_quoted)
            found.append(attribution)
        elif clauses[i]:
            uncued.append(mark)
    uncued = _attach_dash_tags(doc, uncued, found, paragraphs)
    used_cues = {a.cue.i for a in found if a.cue is not None}
    nested = [(m.start, m.end) for m, clause in zip(marks, clauses, strict=True) if clause]
    reported = reported_attributions(doc, [a.content for a in found], nested, used_cues, is_quoted, paragraphs)
    marks_index = SpanIndex(marks, lambda m: (m.start, m.end))
    for attribution in reported:
        attribution.content = _snap_to_marks(text, attribution.content, marks_index)
    found.extend(reported)
    contents = SpanIndex([a.content for a in reported])
    uncued = [
        m for m in uncued if not any(s <= m.start and m.end <= e for s, e in contents.overlapping(m.start, m.end))
    ]
    found.extend(_attach_continuations(doc, uncued, found, paragraphs))
    found.sort(key=lambda a: a.content)
    _carry_speakers_to_participles(found, paragraphs)
    return [_to_quote(text, a, paragraphs) for a in found], is_quoted
