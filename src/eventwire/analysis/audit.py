"""Hand audits of a store: draw events with their evidence into a sheet, then score the verdicts.

GDELT's events were judged by auditors who read each event's source sentence; this lets a user
do the same for the store they built: ``draw`` writes a CSV with blank verdict columns, people fill
in y/n, and ``score`` reports the share judged right per field with a 95 % (Wilson) interval.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

VERDICTS = ("type_right", "source_right", "target_right", "flags_right")
WHOLE = ("type_right", "source_right", "target_right")
YES = {"y", "yes", "1", "true", "right", "ok"}
NO = {"n", "no", "0", "false", "wrong"}
Z95 = 1.959964


def write_sheet(rows: list[dict[str, Any]], path: Path) -> int:
    """The audit sheet: one row per event mention, its evidence, then empty verdict columns."""
    if not rows:
        raise ValueError("the store holds no events to audit")
    columns = [*rows[0].keys(), *VERDICTS, "notes"]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {**{k: "" if v is None else v for k, v in row.items()}, **dict.fromkeys(VERDICTS, ""), "notes": ""}
            )
    return len(rows)


def wilson(right: int, n: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion (sound for small samples and 0 or 100 %)."""
    if n == 0:
        return (0.0, 1.0)
    p = right / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


def _verdict(value: str | None, field: str, line: int) -> bool | None:
    text = (value or "").strip().lower()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"line {line}: {field} must be y or n (or blank), not {value!r}")


def score_sheet(path: Path) -> dict[str, Any]:
    """Share of events judged right per field (and for type, source and target together)."""
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        missing = [v for v in VERDICTS if v not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"not an audit sheet (no column {', '.join(missing)})")
        rows = [{f: _verdict(row.get(f), f, n) for f in VERDICTS} for n, row in enumerate(reader, 2)]
    fields = {f: [r[f] for r in rows if r[f] is not None] for f in VERDICTS}
    fields["whole"] = [all(r[f] for f in WHOLE) for r in rows if all(r[f] is not None for f in WHOLE)]
    out: dict[str, Any] = {"events": len(rows)}
    for name, values in fields.items():
        right = sum(values)
        out[name] = {
            "judged": len(values),
            "right": right,
            "precision": round(right / len(values), 3) if values else None,
            "interval95": wilson(right, len(values)),
        }
    return out
