"""PLOVER event-type classifier: TF-IDF features and a linear model, scored with numpy only.

The weights are trained by ``scripts/train_plover_classifier.py`` (scikit-learn, training data
only) and shipped as an ``.npz`` of plain arrays, so inference needs no pickle and no sklearn:
a sentence becomes a sparse TF-IDF vector and the scores are one sparse dot product.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventwire.paths import DATA_DIR

CLASSIFIER_FILE = "plover_classifier.npz"
_WORD = re.compile(r"[a-z][a-z'\-]+")
# Placeholders such as {country_1} in the synthetic training stories carry no event signal.
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def features(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams: the analyzer both training and inference use."""
    words = _WORD.findall(_PLACEHOLDER.sub(" ", text.lower()))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass(slots=True)
class PloverClassifier:
    """A linear TF-IDF model over PLOVER types."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray
    classes: tuple[str, ...]
    # The weights by feature (n_features, n_classes) as stored (float16): a feature's weights
    # are one 32-byte row, so a sentence's few rows are read from memory in a few cache lines.
    rows: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.rows = np.ascontiguousarray(self.coef.T)

    def scores(self, text: str) -> dict[str, float]:
        """Class probabilities for ``text`` (softmax over the linear scores)."""
        return self.scores_many([text])[0]

    def scores_many(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Class probabilities for each of ``texts`` ({} for a text without a known word), with
        one set of array operations for all of them: a document's sentences are scored together
        because numpy's cost per call, not the arithmetic, dominates for one sentence."""
        lookup = self.vocabulary.get
        out: list[dict[str, float]] = [{} for _ in texts]
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        starts: list[int] = []
        for row, text in enumerate(texts):
            found = Counter([i for i in map(lookup, features(text)) if i is not None])
            if found:
                rows.append(row)
                starts.append(len(cols))
                cols.extend(found)
                counts.extend(found.values())
        if not rows:
            return out
        # Sublinear TF (1 + log tf) times IDF, L2-normalised per text: as
        # TfidfVectorizer(sublinear_tf=True).
        vals = np.log(np.array(counts, dtype=np.float64))
        vals += 1.0
        vals *= self.idf[cols]
        sizes = np.diff(np.array([*starts, len(cols)]))
        norms = np.sqrt(np.add.reduceat(vals * vals, starts))
        vals /= np.repeat(norms, sizes)
        weights = self.rows[cols].astype(np.float64)  # exact: every float16 is a float64
        logits = np.add.reduceat(weights * vals[:, None], starts, axis=0) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        for row, values in zip(rows, probs.tolist(), strict=True):
            out[row] = dict(zip(self.classes, values, strict=True))
        return out

    def predict(self, text: str) -> tuple[str | None, float]:
        """The most probable type and its probability (None, 0.0 when no known word occurs)."""
        scores = self.scores(text)
        if not scores:
            return None, 0.0
        best = max(scores, key=scores.__getitem__)
        return best, scores[best]

    def save(self, path: str | Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            vocabulary=np.array(words),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            classes=np.array(self.classes),
        )


def read_classifier(path: str | Path) -> PloverClassifier:
    with np.load(path, allow_pickle=False) as data:
        vocab = {str(w): i for i, w in enumerate(data["vocabulary"])}
        return PloverClassifier(
            vocabulary=vocab,
            idf=data["idf"].astype(np.float64),
            coef=data["coef"],
            intercept=data["intercept"].astype(np.float64),
            classes=tuple(str(c) for c in data["classes"]),
        )


@lru_cache(maxsize=2)
def load_classifier(path: str | None = None) -> PloverClassifier:
    """The shipped classifier (cached per process)."""
    return read_classifier(path or DATA_DIR / CLASSIFIER_FILE)
