"""Remove web boilerplate paragraphs (calls to action, sharing, cookie and app prompts, captions,
counters, kicker lines) from an article's paragraphs by scoring each one on general line features.

Two kinds of paragraph are judged differently:

* prose (a sentence of ``SENTENCE_MIN_WORDS`` words or more) is kept unless it opens with a call to
  action or a boilerplate phrase ("Subscribe to get…", "We use cookies…"): news prose may well
  mention newsletters or Facebook, so vocabulary inside a sentence is weak evidence;
* fragments (short or unpunctuated lines) add up evidence: call-to-action opening, furniture words,
  label/counter/UI-string shape, repetition, and position in the leading or trailing block (before
  the first / after the last paragraph of real prose), where site chrome gathers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from eventwire.extract import rules


@dataclass(slots=True)
class ParagraphVerdict:
    """One paragraph with its boilerplate score and the features that fired (for tests and debugging)."""

    text: str
    score: float
    reasons: tuple[str, ...]
    boilerplate: bool
    region: str = "body"  # "lead" before the first paragraph of prose, "tail" after the last one


def word_count(text: str) -> int:
    """Whitespace-separated tokens: close enough to words here, and cheap on long paragraphs."""
    return len(text.split())


def is_sentence(text: str, words: int | None = None) -> bool:
    """Prose-like: enough words and ends like a sentence, or simply long."""
    words = word_count(text) if words is None else words
    if words >= rules.PROSE_MIN_WORDS:
        return True
    return words >= rules.SENTENCE_MIN_WORDS and ends_like_sentence(text)


def ends_like_sentence(text: str) -> bool:
    """Final punctuation, possibly followed by closing quotes or brackets (only the tail is read)."""
    return bool(rules.TERMINAL_PUNCT.search(text.rstrip()[-rules.TAIL_CHARS :]))


def _ui_key(text: str) -> str:
    return " ".join(rules.WORD.findall(text.lower()))


def _repeat_key(text: str) -> str:
    return " ".join(text.lower().split())


def _leading_phrase(text: str) -> bool:
    """A boilerplate phrase within the first words of the paragraph."""
    head = " ".join(text.split(maxsplit=rules.LEADING_PHRASE_WORDS + 6)[: rules.LEADING_PHRASE_WORDS + 6])
    match = rules.STRONG_PHRASES.search(head)
    return bool(match) and word_count(head[: match.start()]) <= rules.LEADING_PHRASE_WORDS


def _prose_is_boilerplate(text: str) -> tuple[str, ...]:
    reasons = []
    cta = rules.cta_start(text)
    lowered = text.lower()
    if cta == "strong" or (cta == "weak" and rules.FURNITURE_TERMS.search(text)):
        reasons.append("cta-start")
    if _leading_phrase(text):
        reasons.append("leading-phrase")
    if any(hint in lowered for hint in rules.NOTICE_HINTS) and (
        len({m.lower() for m in rules.STRONG_PHRASES.findall(text)}) >= rules.PROSE_MIN_STRONG_PHRASES
    ):
        reasons.append("phrases")
    return tuple(reasons)


def _fragment_evidence(text: str, words: int, repeated: bool, region: str) -> tuple[float, list[str]]:
    score, reasons = 0.0, []

    def add(weight: float, reason: str) -> None:
        nonlocal score
        score += weight
        reasons.append(reason)

    if rules.STRONG_PHRASES.search(text):
        add(rules.WEIGHT_STRONG_PHRASE, "phrase")
    if rules.LABEL_LINE.match(text) or rules.COUNTER_LINE.match(text) or _ui_key(text) in rules.UI_STRINGS:
        add(rules.WEIGHT_LABEL_OR_COUNTER, "label")
    if rules.cta_start(text):
        add(rules.WEIGHT_CTA_START, "cta-start")
    terms = {m.lower() for m in rules.FURNITURE_TERMS.findall(text)}
    if terms:
        add(rules.WEIGHT_FURNITURE_TERM * min(len(terms), rules.MAX_FURNITURE_TERMS), "furniture")
    if repeated:
        add(rules.WEIGHT_REPEATED, "repeated")
    # after the article, a headline-like line of any length is a related link or a teaser
    short_limit = rules.SHORT_FRAGMENT_WORDS if region != "tail" else rules.TAIL_FRAGMENT_WORDS
    if words <= short_limit and not ends_like_sentence(text):
        add(rules.WEIGHT_SHORT_FRAGMENT, "short")
    if region != "body":
        add(rules.WEIGHT_EDGE_REGION, "edge")
        if rules.META_LINE.match(text) or rules.BYLINE.match(text):
            add(rules.WEIGHT_LABEL_OR_COUNTER, "dateline-byline")
    return score, reasons


def classify_paragraphs(paragraphs: list[str], *, edges: bool = True) -> list[ParagraphVerdict]:
    """Score every paragraph; ``edges`` enables the leading/trailing-block evidence.

    Args:
        paragraphs: the text's paragraphs in order, stripped.
        edges: False when the caller knows the paragraphs start at the body (nothing to trim there).

    Returns:
        One verdict per paragraph, in order.
    """
    word_counts = [word_count(p) for p in paragraphs]
    short_keys = [
        _repeat_key(p) if n <= rules.REPEAT_MAX_WORDS else "" for p, n in zip(paragraphs, word_counts, strict=True)
    ]
    counts = Counter(short_keys)
    prose_flags = [is_sentence(p, n) for p, n in zip(paragraphs, word_counts, strict=True)]
    prose_reasons = [_prose_is_boilerplate(p) if flag else () for p, flag in zip(paragraphs, prose_flags, strict=True)]
    anchors = [
        i
        for i, (n, flag, why) in enumerate(zip(word_counts, prose_flags, prose_reasons, strict=True))
        if flag and not why and n >= rules.BODY_ANCHOR_WORDS
    ]
    first_anchor, last_anchor = (anchors[0], anchors[-1]) if anchors and edges else (-1, len(paragraphs))
    verdicts = []
    for i, text in enumerate(paragraphs):
        region = "lead" if i < first_anchor else "tail" if i > last_anchor else "body"
        if prose_flags[i]:
            reasons = prose_reasons[i]
            verdicts.append(ParagraphVerdict(text, float(bool(reasons)), reasons, bool(reasons), region))
            continue
        repeated = bool(short_keys[i]) and counts[short_keys[i]] > 1
        score, reasons = _fragment_evidence(text, word_counts[i], repeated, region)
        threshold = rules.DROP_THRESHOLD if region == "body" else rules.DROP_THRESHOLD_EDGE
        verdicts.append(ParagraphVerdict(text, score, tuple(reasons), score >= threshold, region))
    return verdicts


def remove_boilerplate(paragraphs: list[str], *, edges: bool = True) -> list[str]:
    """The paragraphs that are not boilerplate, in order."""
    return [v.text for v in classify_paragraphs(paragraphs, edges=edges) if not v.boilerplate]
