"""The shipped event model: a linear classifier over hashed candidate features (16 PLOVER types
and NONE), its calibration and the article relevance model, read once per process from
``src/eventwire/data/event_model.npz`` (plain arrays, no pickle, numpy only at run time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventwire.coding.learned.calibration import calibrate
from eventwire.paths import DATA_DIR

MODEL_FILE = "event_model.npz"
NONE = "NONE"


@dataclass(slots=True)
class EventModel:
    rows: np.ndarray  # (n_features, n_classes) float16: a feature's weights are one row
    intercept: np.ndarray
    classes: tuple[str, ...]
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    relevance_weights: np.ndarray
    relevance_bias: float
    relevance_threshold: float
    none_index: int = field(init=False)

    def __post_init__(self) -> None:
        self.none_index = self.classes.index(NONE)

    def probabilities(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Class probabilities (n, n_classes) for candidates given as hashed feature columns."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        logits = np.stack([self.rows[list(r)].sum(axis=0, dtype=np.float32) for r in rows]) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def decide(self, rows: Sequence[Sequence[int]]) -> list[tuple[str | None, float, float]]:
        """For each candidate: (its most likely PLOVER type, raw score, calibrated confidence). The
        confidence is the calibrated chance that the whole event is right, so NONE is implied by
        a low confidence and the threshold decides."""
        probs = self.probabilities(rows)
        out = []
        if not len(probs):
            return out
        masked = probs.copy()
        masked[:, self.none_index] = -1.0
        best = masked.argmax(axis=1)
        raw = probs[np.arange(len(probs)), best]
        calibrated = calibrate(raw, self.calibration_x, self.calibration_y)
        return [(self.classes[b], float(raw[i]), float(calibrated[i])) for i, b in enumerate(best)]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, rows=self.rows.astype(np.float16), intercept=self.intercept, classes=np.array(self.classes),
            calibration_x=self.calibration_x, calibration_y=self.calibration_y,
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
            calibration_x=data["calibration_x"],
            calibration_y=data["calibration_y"],
            relevance_weights=data["relevance_weights"],
            relevance_bias=float(data["relevance_bias"]),
            relevance_threshold=float(data["relevance_threshold"]),
        )
