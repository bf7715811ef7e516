"""The shipped event model: two linear heads over hashed candidate features — is this candidate
an event with these arguments (or *no event*), and which of the 16 PLOVER types — with its
calibration and the article relevance model, read once per process from
``src/eventwire/data/event_model.npz`` (plain arrays, no pickle, numpy only at run time).

Two heads rather than one 17-way classifier: real-news positives are few, and a binary
event/no-event decision learns from them far better than sixteen types competing with NONE,
while the types learn from every labelled pair."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventwire.coding.learned.calibration import calibrate
from eventwire.paths import DATA_DIR

MODEL_FILE = "event_model.npz"
NONE = "NONE"


def type_and_score(
    type_probs: np.ndarray, event_probs: np.ndarray, classes: Sequence[str], dictionary_types: Sequence[str | None]
) -> tuple[list[str], np.ndarray]:
    """Each candidate's PLOVER type and raw score from the two heads' outputs (the coder and the
    training script share this rule, so the calibration fits the scores the coder computes)."""
    best = type_probs.argmax(axis=1)
    head = event_probs * type_probs[np.arange(len(best)), best]
    fixed = np.array([t is not None for t in dictionary_types], dtype=bool)
    types = [t or classes[b] for t, b in zip(dictionary_types, best, strict=True)]
    return types, np.where(fixed, event_probs, head)


@dataclass(slots=True)
class EventModel:
    rows: np.ndarray  # (n_features, n_types) float16: a feature's type weights are one row
    intercept: np.ndarray
    classes: tuple[str, ...]  # the PLOVER types
    event_weights: np.ndarray  # (n_features,) float16: the event/no-event head
    event_bias: float
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    relevance_weights: np.ndarray
    relevance_bias: float
    relevance_threshold: float

    def probabilities(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Class probabilities (n, n_classes) for candidates given as hashed feature columns."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        logits = np.stack([self.rows[list(r)].sum(axis=0, dtype=np.float32) for r in rows]) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def event_probability(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """The chance each candidate is an event with its source and target (before calibration)."""
        if not rows:
            return np.zeros(0)
        logits = np.array([self.event_weights[list(r)].sum(dtype=np.float32) for r in rows]) + self.event_bias
        return 1.0 / (1.0 + np.exp(-logits))

    def decide(
        self,
        rows: Sequence[Sequence[int]],
        event_rows: Sequence[Sequence[int]],
        dictionary_types: Sequence[str | None],
    ) -> list[tuple[str | None, float, float]]:
        """For each candidate: (its PLOVER type, raw score, calibrated confidence).

        The type is the dictionary pattern's where a pattern matched (on real news its patterns
        type better than the head trained mostly on PLOVER pairs), else the type head's. The raw
        score is P(event), times P(type) when the head types; the confidence is the calibrated
        chance that the whole event is right, so *no event* is a low confidence."""
        if not rows:
            return []
        types, raw = type_and_score(
            self.probabilities(rows), self.event_probability(event_rows), self.classes, dictionary_types
        )
        confidence = calibrate(raw, self.calibration_x, self.calibration_y)
        return [(t, float(r), float(c)) for t, r, c in zip(types, raw, confidence, strict=True)]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, rows=self.rows.astype(np.float16), intercept=self.intercept, classes=np.array(self.classes),
            calibration_x=self.calibration_x, calibration_y=self.calibration_y,
            event_weights=self.event_weights.astype(np.float16), event_bias=np.array(self.event_bias),
            relevance_weights=self.relevance_weights, relevance_bias=np.array(self.relevance_bias),
            relevance_threshold=np.array(self.relevance_threshold),
        )  # fmt: skip


@lru_cache(maxsize=2)
def load_event_model(path: Path | None = None) -> EventModel:
    """The shipped model (read once per process)."""
    with np.load(path or DATA_DIR / MODEL_FILE, allow_pickle=False) as data:
        return EventModel(
            rows=data["rows"],
            intercept=data["intercept"].astype(np.float32),
            classes=tuple(str(c) for c in data["classes"]),
            event_weights=data["event_weights"],
            event_bias=float(data["event_bias"]),
            calibration_x=data["calibration_x"],
            calibration_y=data["calibration_y"],
            relevance_weights=data["relevance_weights"],
            relevance_bias=float(data["relevance_bias"]),
            relevance_threshold=float(data["relevance_threshold"]),
        )
