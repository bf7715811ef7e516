"""The layout shows the architecture: data flows one way, so no package imports a later one.

sources → extract → dedup → annotate → coding → pipeline → store → ingestion/batch → analysis →
api/web → cli, over a base of model, dates, errors, paths, settings and registry. Imports inside
functions count too. Within annotate/, the stages' packages do not import each other in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"
LAYERS = {
    **dict.fromkeys(("model", "dates", "errors", "paths", "settings", "registry"), 0),
    "sources": 1, "extract": 2, "dedup": 3, "annotate": 4, "coding": 5, "pipeline": 6, "store": 7,
    "ingestion": 8, "batch": 8, "analysis": 9, "api": 10, "web": 10, "cli": 11,
}  # fmt: skip


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eventwire."):
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("eventwire.")]
    return found


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_every_package_has_a_layer() -> None:
    tops = {p.stem if p.is_file() else p.name for p in SRC.iterdir() if p.suffix == ".py" or p.is_dir()}
    assert tops - {"__init__", "__pycache__", "data"} <= set(LAYERS)


def test_no_package_imports_a_later_one() -> None:
    upward = []
    for path in SRC.rglob("*.py"):
        module = _module(path)
        mine = _layer(module)
        if mine is None:
            continue
        for imported, line in _imports(path):
            theirs = _layer(imported)
            if theirs is not None and theirs > mine:
                upward.append(f"{path.relative_to(SRC)}:{line} imports {imported}")
    assert not upward, "\n".join(upward)


def test_annotation_packages_import_each_other_without_cycles() -> None:
    names = ("parse", "actors", "quotes", "timex")
    edges: dict[str, set[str]] = {n: set() for n in names}
    for name in names:
        for path in (SRC / "annotate" / name).rglob("*.py"):
            for imported, _ in _imports(path):
                parts = imported.split(".")
                if len(parts) > 2 and parts[1] == "annotate" and parts[2] in names and parts[2] != name:
                    edges[name].add(parts[2])

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in edges[start])

    assert not [n for n in names if reaches(n, n)], edges
    assert not (SRC / "annotate" / "document.py").exists()
    assert not (SRC / "sources" / "generate.py").exists() and not (SRC / "store" / "synthetic.py").exists()
