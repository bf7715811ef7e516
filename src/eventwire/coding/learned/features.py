"""Features of a candidate event, hashed into a fixed-width sparse vector.

The sentence is read the way the PLOVER training pairs are marked (``<s>`` source ``</s>``,
``<t>`` target ``</t>``): its words with the source and target replaced by markers (unigrams and
bigrams), the words between the two, the predicate's lemma, part of speech and relation, how the
source attaches to it, the actors' sectors, the dictionary's reading, the type classifier's
guess and the modality flags. Training (scripts/train_event_model.py) and inference share this
module, so the hashed indices agree.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from spacy.tokens import Span, Token

from eventwire.model import ActorMention

BITS = 16
WIDTH = 1 << BITS
_WORD = re.compile(r"<[st]>|[a-z][a-z'\-]+")
SOURCE_MARK, TARGET_MARK = " <s> ", " <t> "


def marked_sentence(sentence: str, offset: int, source: tuple[int, int] | None, target: tuple[int, int] | None) -> str:
    """The sentence with its source and target spans (document offsets) replaced by markers."""
    pairs = ((source, SOURCE_MARK), (target, TARGET_MARK))
    spans = sorted(((sp[0] - offset, sp[1] - offset, mark) for sp, mark in pairs if sp), reverse=True)
    for start, end, mark in spans:
        if 0 <= start < end <= len(sentence):
            sentence = sentence[:start] + mark + sentence[end:]
    return sentence


def text_features(marked: str) -> list[str]:
    """Unigrams and bigrams of a marked sentence, and the words between source and target."""
    words = _WORD.findall(marked.lower())
    feats = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    if "<s>" in words and "<t>" in words:
        i, j = sorted((words.index("<s>"), words.index("<t>")))
        feats += [f"m:{w}" for w in words[i + 1 : j][:8]]
        feats.append("order:st" if words.index("<s>") < words.index("<t>") else "order:ts")
    return feats


def _sector(mention: ActorMention | None) -> str:
    if mention is None:
        return "none"
    code = mention.actor.cameo_code or ""
    return code[3:6] or ("state" if len(code) == 3 else "unknown")


def _attachment(mention: ActorMention, trigger: Token) -> str:
    doc = trigger.doc
    tokens = [t for t in doc[max(0, trigger.sent.start) : trigger.sent.end] if mention.start <= t.idx < mention.end]
    if not tokens:
        return "outside"
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    hops = 0
    node = root
    while node.head is not node and node is not trigger and hops < 6:
        node = node.head
        hops += 1
    near = "direct" if root.head is trigger else ("governed" if node is trigger else "far")
    return f"{root.dep_}:{near}"


def candidate_features(
    sentence: Span,
    text: str,
    trigger: Token,
    source: ActorMention | None,
    target: ActorMention | None,
    dictionary_type: str | None,
    classifier_type: str | None,
    flags: Iterable[str],
    reading: str = "parse",
) -> list[str]:
    """The feature strings of one candidate (see the module docstring)."""
    marked = marked_sentence(
        text[sentence.start_char : sentence.end_char],
        sentence.start_char,
        (source.start, source.end) if source else None,
        (target.start, target.end) if target else None,
    )
    lemma = trigger.lemma_.lower()
    feats = text_features(marked)
    feats += [
        f"tl:{lemma}", f"tp:{trigger.pos_}", f"td:{trigger.dep_}", f"tg:{trigger.tag_}",
        f"th:{trigger.head.lemma_.lower()}" if trigger.head is not trigger else "th:root",
        f"ss:{_sector(source)}", f"ts:{_sector(target)}", f"tt:{'actor' if target else 'none'}",
        f"dt:{dictionary_type or 'none'}", f"ct:{classifier_type or 'none'}",
        f"dl:{dictionary_type or 'none'}:{lemma}",
        f"sl:{len(sentence) // 10}",
    ]  # fmt: skip
    if source is not None:
        feats.append(f"sa:{_attachment(source, trigger)}")
        if source.actor.cameo_code is None:
            feats.append(f"su:{source.text.lower()[-20:]}")
    target_attachment = _attachment(target, trigger) if target is not None else "none"
    feats += [
        f"ta:{target_attachment}",
        f"tla:{lemma}:{target_attachment}",
        f"dta:{dictionary_type}:{target_attachment}",
    ]
    feats += [f"f:{flag}" for flag in flags]
    feats += [f"rd:{reading}", f"rdt:{reading}:{dictionary_type}", f"rdl:{reading}:{lemma}"]
    feats += [f"cl:{c.dep_}:{c.lower_}" for c in trigger.children if c.dep_ in ("neg", "aux", "prt", "mark", "prep")]
    return feats


# The event/no-event head reads only the structure of a candidate (how its predicate and
# arguments attach, sectors, the dictionary's reading, flags), not the sentence's words: with
# few real-news events to learn from, words only memorise sentences.
WORD_PREFIXES = ("w:", "b:", "m:")


def structural(features: Iterable[str]) -> list[str]:
    return [f for f in features if not f.startswith(WORD_PREFIXES)]


def hashed(features: Iterable[str]) -> list[int]:
    """Column indices of feature strings (crc32; stable across processes and platforms)."""
    return sorted({zlib.crc32(f.encode("utf-8")) & (WIDTH - 1) for f in features})
