"""Calibrated confidence: an isotonic map from the model's score to the chance an event is right.

The map is fitted by scripts/train_event_model.py on out-of-fold scores of the news dev split
and shipped as its breakpoints; at run time it is one ``numpy.interp``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def calibrate(scores: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Calibrated probabilities of ``scores`` (the isotonic breakpoints ``xs`` → ``ys``)."""
    if len(xs) == 0:
        return scores
    return np.interp(scores, xs, ys)


def reliability(probs: Sequence[float], correct: Sequence[bool], bins: int = 10) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean predicted probability, observed accuracy) for equal-width bins."""
    p = np.asarray(probs, dtype=float)
    y = np.asarray(correct, dtype=float)
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        mask = (p >= lo) & ((p < hi) if b < bins - 1 else (p <= hi))
        if mask.any():
            rows.append((f"{lo:.1f}–{hi:.1f}", int(mask.sum()), float(p[mask].mean()), float(y[mask].mean())))
    return rows


def expected_calibration_error(probs: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """Sum over bins of |accuracy − confidence| weighted by the bin's share of items."""
    n = len(probs)
    if not n:
        return 0.0
    return sum(count / n * abs(acc - conf) for _, count, conf, acc in reliability(probs, correct, bins))
