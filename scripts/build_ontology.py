"""Build the event-coding data files in src/eventwire/data/ from the shared ontology sources.

Reads the PETRARCH-2 CAMEO verb dictionary (CAMEO.2.0.txt), the CAMEO event-code and Goldstein
tables, PLOVER's CAMEO2PLOVER conversion table and the PLOVER structured codebook, and writes:
cameo_verbs.json (compiled lexicon), cameo_codes.tsv, goldstein.tsv, cameo2plover.tsv and
plover_types.json. The CAMEO code/Goldstein tables are read from --tables-dir when the shared
ontology folder does not carry them.

Run: .venv/bin/python scripts/build_ontology.py [--tables-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from eventwire.coding.lexicon import read_verb_dictionary
from eventwire.paths import DATA_DIR, shared_path

CODE_ROW = re.compile(r"^(\d{2,4})\s*:\s*([^#]*?)\s*(?:#.*)?$")


def find_table(name: str, tables_dir: Path | None) -> Path:
    for base in (shared_path("ontology", "cameo"), tables_dir):
        if base is not None and (base / name).is_file():
            return base / name
    raise SystemExit(f"{name} not found in the shared ontology folder or --tables-dir")


def read_code_table(path: Path) -> list[tuple[str, str]]:
    """GDELT-style two-column tables (code, value) with a header row."""
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip().isdigit() and len(parts[0].strip()) >= 2:
            rows.append((parts[0].strip(), " ".join(parts[1].split())))
    return rows


def read_cameo2plover(path: Path) -> list[tuple[str, str, str, str]]:
    """``0312: AGREE,  ,   military # ...`` → (code, type, mode, contexts joined by ';')."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = CODE_ROW.match(line.strip())
        if not match:
            continue
        fields = [f.strip() for f in match.group(2).split(",")]
        if not fields[0]:
            continue
        ptype = fields[0].upper()
        mode = fields[1].replace(" ", "") if len(fields) > 1 else ""
        contexts = [c.strip() for c in fields[2].split(";")] if len(fields) > 2 else []
        rows.append((match.group(1), ptype, mode, ";".join(c for c in contexts if c)))
    return rows


def read_plover_types(path: Path) -> dict[str, dict]:
    types: dict[str, dict] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = types.setdefault(row["event"], {"definition": row["event_def"], "modes": []})
            if row["mode"] and row["mode"] not in entry["modes"]:
                entry["modes"].append(row["mode"])
    return types


def normalise_modes(rows: list[tuple[str, str, str, str]], types: dict[str, dict]) -> list[tuple]:
    """A few conversion rows put a context in the mode column (175: ``pro_autocracy``); a mode the
    codebook does not list for that type is moved to the contexts so modes stay in the codebook."""
    fixed = []
    for code, ptype, mode, contexts in rows:
        if mode and mode not in types.get(ptype, {}).get("modes", ()):
            contexts = ";".join(c for c in (mode, *contexts.split(";")) if c)
            mode = ""
        fixed.append((code, ptype, mode, contexts))
    return fixed


def write_tsv(path: Path, header: str, rows: list[tuple]) -> None:
    lines = [f"# {header}"] + ["\t".join(str(x) for x in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(out_dir: Path, tables_dir: Path | None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    lexicon = read_verb_dictionary(
        shared_path("ontology", "cameo", "CAMEO.2.0.txt"), name="cameo-2.0", comment_verbs=True
    )
    (out_dir / "cameo_verbs.json").write_text(json.dumps(lexicon.to_json(), separators=(",", ":")), encoding="utf-8")
    codes = read_code_table(find_table("CAMEO.eventcodes.txt", tables_dir))
    write_tsv(out_dir / "cameo_codes.tsv", "CAMEO code\tdescription (CAMEO 1.1b3 event codes)", codes)
    scores = read_code_table(find_table("CAMEO.goldsteinscale.txt", tables_dir))
    write_tsv(out_dir / "goldstein.tsv", "CAMEO code\tGoldstein score (GDELT table)", scores)
    types = read_plover_types(shared_path("ontology", "plover", "PLOVER_structured_codebook.csv"))
    c2p = normalise_modes(read_cameo2plover(shared_path("ontology", "plover", "CAMEO2PLOVER-2021.txt")), types)
    write_tsv(out_dir / "cameo2plover.tsv", "CAMEO code\tPLOVER type\tmode\tcontexts (';')", c2p)
    (out_dir / "plover_types.json").write_text(json.dumps(types, indent=1), encoding="utf-8")
    print(f"lexicon: {len(lexicon.verbs)} verb forms, {len(lexicon.blocks)} blocks")
    print(f"codes: {len(codes)}, goldstein: {len(scores)}, cameo2plover: {len(c2p)}, plover types: {len(types)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--tables-dir", type=Path, default=None)
    args = parser.parse_args()
    build(args.out, args.tables_dir)


if __name__ == "__main__":
    main()
