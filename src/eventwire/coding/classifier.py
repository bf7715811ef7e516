"""PLOVER event-type classifier: TF-IDF features and a linear model, scored with numpy only.

The weights are trained by ``scripts/train_plover_classifier.py`` (scikit-learn, training data
only) and shipped as an ``.npz`` of plain arrays, so inference needs no pickle and no sklearn:
a sentence becomes a sparse TF-IDF vector and the scores are one sparse dot product.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
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

    def scores(self, text: str) -> dict[str, float]:
        """Class probabilities for ``text`` (softmax over the linear scores)."""
        counts: dict[int, int] = {}
        for feat in features(text):
            idx = self.vocabulary.get(feat)
            if idx is not None:
                counts[idx] = counts.get(idx, 0) + 1
        if not counts:
            return {}
        cols = np.fromiter(counts.keys(), dtype=np.int64)
        # Sublinear TF (1 + log tf) times IDF, L2-normalised: as TfidfVectorizer(sublinear_tf=True).
        vals = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[cols]
        vals /= np.linalg.norm(vals) or 1.0
        logits = self.coef[:, cols].astype(np.float64) @ vals + self.intercept
        logits -= logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        return {c: float(p) for c, p in zip(self.classes, probs, strict=True)}

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
