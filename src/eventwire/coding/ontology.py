"""CAMEO and PLOVER code tables: descriptions, Goldstein scores, quad classes, CAMEO → PLOVER.

The tables are project data files built by ``scripts/build_ontology.py`` from the CAMEO event-code
and Goldstein tables and PLOVER's CAMEO2PLOVER conversion table. Codes absent from a table are
looked up through their parents (``1385`` → ``138`` → ``13``), because dictionaries may use finer
or coarser codes than the tables list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventwire.paths import DATA_DIR

# The 16 event types of PLOVER v0.8.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# GDELT's QuadClass from the CAMEO root: verbal coop 01-05, material coop 06-08,
# verbal conflict 09-13, material conflict 14-20.
QUAD_CLASS_BY_ROOT = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}

# CAMEO 02 (APPEAL) has no row in CAMEO2PLOVER: PLOVER folds appeals into REQUEST, and the 02x
# sub-codes mirror the 10x (DEMAND) ones, so an appeal takes the PLOVER row of its 10x twin.
APPEAL_ROOT, DEMAND_ROOT = "02", "10"
# CAMEO 01 (public statements) has no PLOVER type: PLOVER does not code statements as events.
STATEMENT_ROOT = "01"


@dataclass(slots=True, frozen=True)
class PloverCode:
    type: str
    mode: str | None = None
    context: tuple[str, ...] = field(default_factory=tuple)


def root_code(code: str) -> str:
    """The two-digit CAMEO root ("1385" → "13"); validation dictionaries may use other codes."""
    return code[:2]


@dataclass(slots=True)
class Ontology:
    """Loaded code tables; build once with :func:`load_ontology`."""

    descriptions: dict[str, str]
    goldstein_scores: dict[str, float]
    cameo2plover: dict[str, PloverCode]
    plover_modes: dict[str, tuple[str, ...]]

    def _lookup(self, table: dict, code: str):
        for n in range(len(code), 1, -1):
            hit = table.get(code[:n])
            if hit is not None:
                return hit
        return None

    def describe(self, code: str) -> str | None:
        return self._lookup(self.descriptions, code)

    def goldstein(self, code: str) -> float | None:
        return self._lookup(self.goldstein_scores, code)

    def quad_class(self, code: str) -> int | None:
        return QUAD_CLASS_BY_ROOT.get(root_code(code))

    def plover(self, code: str) -> PloverCode | None:
        """PLOVER type/mode/context of a CAMEO code; None for statements and unknown codes."""
        if code.startswith(STATEMENT_ROOT):
            return None
        if code.startswith(APPEAL_ROOT):
            code = DEMAND_ROOT + code[2:]
        return self._lookup(self.cameo2plover, code)


def _read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=2)
def load_ontology(data_dir: str | None = None) -> Ontology:
    """Load the shipped tables (cached per process)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    descriptions = {code: text for code, text in _read_tsv(base / "cameo_codes.tsv")}
    goldstein = {code: float(score) for code, score in _read_tsv(base / "goldstein.tsv")}
    c2p = {}
    for code, ptype, mode, context in _read_tsv(base / "cameo2plover.tsv"):
        c2p[code] = PloverCode(ptype, mode or None, tuple(c for c in context.split(";") if c))
    types = json.loads((base / "plover_types.json").read_text(encoding="utf-8"))
    modes = {t: tuple(info.get("modes", ())) for t, info in types.items()}
    return Ontology(descriptions, goldstein, c2p, modes)
