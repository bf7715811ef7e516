"""How actor names are compared: text → normalised word units, and CAMEO codes → country + sector.

The dictionary build and the resolver share these functions, so a name written ``VLADIMIR_PUTIN``
in a dictionary, ``Vladimir Putin`` in a supplement and ``Vladimir Putin’s`` in an article all meet
as the units ``vladimir putin``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A unit is an abbreviation with inner dots (U.S., F.W.), a word (apostrophes inside are kept:
# Sa'ar, d'Orsay) or a possessive marker, which stays a unit of its own so "Russia's" matches
# "Russia". Hyphens, dashes and other punctuation separate units. The word is matched once,
# possessively, and then extended: read as two alternatives it was scanned twice.
UNIT_PATTERN = re.compile(r"[^\W_]++(?:(?:\.[^\W_]+)+\.?|(?:['’](?![sS]\b)[^\W_]+)*)|['’][sS]\b")
POSSESSIVE = "'s"

# First three letters of codes that name no country (CAMEO/Phoenix transnational actors) and the
# sector such an actor belongs to.
TRANSNATIONAL_SECTORS = {
    "IGO": "IGO",  # intergovernmental organisations (UN, NATO, EU …)
    "NGO": "NGO",
    "NGM": "NGO",  # non-governmental movements
    "IMG": "REB",  # international militarised groups (al-Qaeda, ISIS …)
    "MNC": "BUS",
}
# CAMEO role codes read as an actor's sector (the first one after the country wins: USAGOVLEG → GOV).
# Religion codes (MOS, CHR …) are identities, not sectors.
SECTORS = frozenset(
    {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "BUS", "MED", "JRN", "CVL", "ELI", "EDU", "HLH",
     "HRI", "LAB", "REF", "REL", "SPY", "UAF", "AGR", "ENV", "CRM", "DEV", "SEP", "INS", "MOD", "RAD", "IGO",
     "NGO", "PRM", "SOC"}
)  # fmt: skip
# Code prefixes that are CAMEO regions, religions or "international", not countries: their actors
# have no country (WAFREB: a West African rebel group).
NON_COUNTRY_PREFIXES = frozenset(
    {"AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT",
     "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST", "WEU", "INT", "MOS", "CHR", "JEW",
     "HIN", "BUD", "BAH", "KKL"}
)  # fmt: skip
# Role codes that name no actor at all (PLOVER's junk/non-actor/unknown markers and "people").
NON_ACTOR_ROLES = frozenset({"JNK", "NON", "UNK", "PPL", "PRE"})
SECTOR_LABELS = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "PTY": "parties",
    "COP": "police", "JUD": "judiciary", "LEG": "legislature", "BUS": "business", "MED": "media",
    "JRN": "journalists", "CVL": "civilians", "ELI": "elites", "EDU": "education", "HLH": "health",
    "HRI": "human rights", "LAB": "labour", "REF": "refugees", "REL": "religious", "SPY": "intelligence",
    "UAF": "armed groups", "CRM": "criminals", "AGR": "agriculture", "ENV": "environment",
}  # fmt: skip


@lru_cache(maxsize=65536)
def normalise_unit(word: str) -> str:
    """Lower case, no accents, no dots, straight apostrophes: ``Türk`` → ``turk``, ``U.S.`` → ``us``."""
    word = word.replace("’", "'").replace(".", "").lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def text_units(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised unit) for each unit of ``text``; offsets index ``text``."""
    return [(m.start(), m.end(), normalise_unit(m.group())) for m in UNIT_PATTERN.finditer(text)]


def normalise(text: str) -> str:
    """The lookup key of a name: its units joined by spaces (underscores count as spaces)."""
    return " ".join(unit for _, _, unit in text_units(text.replace("_", " ")))


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """A CAMEO actor code → (country, sector): ``RUSGOV`` → (RUS, GOV), ``IGOWSTNAT`` → (None, IGO),
    ``MNCUSA`` → (USA, BUS)."""
    if not code or len(code) < 3:
        return None, None
    prefix = code[:3]
    if prefix == "MNC" and code[3:6].isalpha() and code[3:6] not in SECTORS | NON_COUNTRY_PREFIXES:
        return code[3:6], "BUS"  # a company is of its home country: MNCUSA, MNCUSAHLH → (USA, BUS)
    if prefix in TRANSNATIONAL_SECTORS:
        return None, TRANSNATIONAL_SECTORS[prefix]
    if prefix in SECTORS:
        return None, prefix
    country = prefix if prefix.isalpha() and prefix not in NON_COUNTRY_PREFIXES else None
    for i in range(3, len(code) - 2, 3):
        if code[i : i + 3] in SECTORS:
            return country, code[i : i + 3]
    return country, None


def compose_code(base: str, role: str) -> str:
    """An actor code plus an agent role: a country without a sector takes the role (UKR + MIL →
    UKRMIL; a member state or region too: SCGSRB + COP → SCGSRBCOP); a code that already has a
    sector or names an organisation keeps it (RUSGOV + JRN → RUSGOV)."""
    country, sector = split_code(base)
    if country is not None and sector is None:
        return base + role
    return base


def composite_name(country_name: str, sector: str | None) -> str:
    """The display name of a country-and-sector actor: ``Russia (government)``."""
    if not sector:
        return country_name
    return f"{country_name} ({SECTOR_LABELS.get(sector, sector)})"
