"""Discard phrases: words that mark a sentence, or a whole text, as not codable (sports, films …)."""

from __future__ import annotations

import re
from collections.abc import Sequence


class Discards:
    """Phrases that mark a sentence (or, for story-level ones, the whole text) as not codable."""

    def __init__(self, sentence: Sequence[str] = (), story: Sequence[str] = ()) -> None:
        # Sentence phrases as word tuples: a set look-up per n-gram of the sentence's tokens is
        # far cheaper than one large regex per sentence; the story regex runs once per text.
        self.sentence_phrases = {_words(p) for p in sentence if _words(p)}
        self.longest = max((len(p) for p in self.sentence_phrases), default=0)
        # Phrase lengths by first word: only positions starting a phrase are looked at.
        self.lengths_by_first: dict[str, tuple[int, ...]] = {}
        for phrase in self.sentence_phrases:
            self.lengths_by_first.setdefault(phrase[0], ())
            self.lengths_by_first[phrase[0]] = tuple(sorted({*self.lengths_by_first[phrase[0]], len(phrase)}))
        self.story = _phrase_regex(story)

    @classmethod
    def from_entries(cls, entries: Sequence[tuple[str, bool]]) -> Discards:
        """``(phrase, story_level)`` pairs as a discard-dictionary reader yields them."""
        return cls([p for p, story in entries if not story], [p for p, story in entries if story])

    def sentence_hit(self, words: Sequence[str]) -> bool:
        """Whether the lower-cased token sequence ``words`` contains a sentence-level phrase."""
        lengths_by_first, phrases, size = self.lengths_by_first, self.sentence_phrases, len(words)
        for i, word in enumerate(words):
            for n in lengths_by_first.get(word, ()):
                if i + n <= size and tuple(words[i : i + n]) in phrases:
                    return True
        return False

    def story_hit(self, text: str, start: int = 0, end: int | None = None) -> str | None:
        """The first story-level phrase in ``text[start:end]``, or None."""
        found = self.story.search(text, start, len(text) if end is None else end) if self.story else None
        return found.group() if found else None


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+|[^\w\s]", phrase.replace("_", " ").lower()))


def _phrase_regex(phrases: Sequence[str]) -> re.Pattern | None:
    """One case-insensitive whole-word regex for all ``phrases``, written as a character trie: a
    flat alternation of ~100 phrases is tried phrase by phrase at every position of the text,
    the trie rejects a position after one character test."""
    words = {" ".join(p.replace("_", " ").split()).lower() for p in phrases if p.strip()}
    if not words:
        return None
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<!\w)" + _trie_pattern(trie) + r"(?!\w)", re.IGNORECASE)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
