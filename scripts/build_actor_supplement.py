"""The hand-kept supplement of the actor table: reading its rows, dating US presidential races, and
merging its actors with the Phoenix entries they share a name with (supplement roles first).

Used by scripts/build_actors.py; the rows are src/eventwire/data/supplement/*.csv.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from eventwire.annotate.actors import DatedCode, normalise

PRESIDENTIAL_RACE = re.compile(r"presidential (candidate|nominee)|running mate", re.IGNORECASE)


def read_supplement(paths: list[Path]) -> tuple[list[dict], list[tuple[str, str]], dict[str, dict]]:
    """Supplement rows → (actor records, agent (phrase, code) pairs, ISO3 → country extras). An
    actor (kind and name) lives in one file: one that two files define stops the build."""
    actors: dict[tuple[str, str], dict] = {}
    agents: list[tuple[str, str]] = []
    countries: dict[str, dict] = {}
    defined_in: dict[tuple[str, str], str] = {}
    rows = ((path.name, row) for path in paths for row in csv.DictReader(path.open(encoding="utf-8")))
    for file, row in rows:
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        if row["kind"] == "agent":
            agents.extend((phrase, row["code"]) for phrase in [row["name"], *aliases])
            continue
        if row["kind"] == "country":
            countries[row["code"]] = {"aliases": [row["name"], *aliases], "wikidata": row["wikidata"] or None}
            continue
        key = (row["kind"], row["name"])
        if defined_in.setdefault(key, file) != file:
            raise SystemExit(f"supplement: {row['kind']} {row['name']!r} is in {defined_in[key]} and {file}")
        record = actors.setdefault(
            key, {"name": row["name"], "kind": row["kind"], "aliases": [row["name"]], "roles": [], "wikidata": None}
        )
        record["aliases"] += aliases
        record["wikidata"] = record["wikidata"] or row["wikidata"] or None
        start = date.fromisoformat(row["start"]) if row["start"] else None
        end = date.fromisoformat(row["end"]) if row["end"] else None
        if end is not None and row["code"] == "USAOPP" and PRESIDENTIAL_RACE.search(row["note"]):
            end = max(end, inauguration_after(end) - timedelta(days=1))
        record["roles"].append(DatedCode(row["code"], start, end))
    for record in actors.values():
        record["roles"] = after_races(record["roles"])
    return list(actors.values()), agents, countries


def inauguration_after(day: date) -> date:
    """The inauguration that ends the US presidential race ``day`` falls in: 20 January after the
    election year (elections are held in years divisible by four; a race's last days run to then)."""
    inauguration = date(day.year + (-day.year) % 4 + 1, 1, 20)
    return date(day.year, 1, 20) if day <= date(day.year, 1, 20) and day.year % 4 == 1 else inauguration


def after_races(roles: list[DatedCode]) -> list[DatedCode]:
    """Roles with a race's candidacy kept to its inauguration: a former-official role that began
    before then begins then (or goes, if it ended before); a candidacy stops where an office begins."""
    races = [r for r in roles if r.code == "USAOPP" and r.start and r.end]
    kept = []
    for role in roles:
        for race in races:
            if role is race or role.start is None or not (race.start < role.start < race.end):
                continue
            if role.code.endswith("ELI"):
                later = race.end + timedelta(days=1)
                role = role._replace(start=later) if role.end is None or role.end >= later else None
            elif role.code != "USAOPP":
                races[races.index(race)] = race._replace(end=role.start)
            if role is None:
                break
        if role is not None:
            kept.append(role)
    capped = {(r.start, r.code): r for r in races}
    return [capped.get((r.start, r.code), r) if r.code == "USAOPP" else r for r in kept]


def merge_roles(supplement: list[DatedCode], phoenix: list[DatedCode]) -> list[DatedCode]:
    """Supplement roles first; Phoenix roles clipped to the time before the supplement's first start."""
    starts = [r.start for r in supplement if r.start is not None]
    first = min(starts) if starts else None
    kept = []
    for role in phoenix:
        if role.is_default:
            if not any(r.is_default for r in supplement):
                kept.append(role)
            continue
        if first is None:
            continue
        if role.start is not None and role.start >= first:
            continue
        end = first - timedelta(days=1)
        kept.append(role._replace(end=min(role.end, end) if role.end else end))
    return [*supplement, *kept]


def absorb_supplement(records: list[dict], supplement: list[dict]) -> list[dict]:
    """Supplement records first, each absorbing the Phoenix records of its kind that share a full
    name with it (any name for organisations; a leading "the" is ignored). Names the supplement
    gives belong to its records only (Phoenix lists "Hassan Nasrallah" under Hezbollah)."""
    by_alias: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        if record["kind"] != "country":
            for phrase in record["names"]:
                by_alias[normalise(phrase).removeprefix("the ")].append(index)
    claimed = {normalise(a) for item in supplement for a in item["aliases"]}
    absorbed: set[int] = set()
    merged = []
    for item in supplement:
        keys = {normalise(a).removeprefix("the ") for a in item["aliases"]}
        matches = sorted(
            {i for k in keys if " " in k or item["kind"] == "org" for i in by_alias.get(k, ())
             if records[i]["kind"] == item["kind"] and i not in absorbed}
        )  # fmt: skip
        names = list(item["aliases"])
        phoenix_roles: list[DatedCode] = []
        for index in matches:
            names += [n for n in records[index]["names"] if normalise(n) not in claimed]
            phoenix_roles += records[index]["roles"]
            absorbed.add(index)
        merged.append(
            {"names": names, "kind": item["kind"], "roles": merge_roles(item["roles"], phoenix_roles),
             "wikidata": item["wikidata"], "display": item["name"], "curated": True}
        )  # fmt: skip
    rest = []
    for index, record in enumerate(records):
        if index not in absorbed:
            if record["kind"] != "country":
                record["names"] = [n for n in record["names"] if normalise(n) not in claimed]
            if record["names"]:
                rest.append(record)
    return merged + rest
