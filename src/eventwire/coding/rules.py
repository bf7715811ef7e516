"""Code-combination and refinement rules applied after the lexicon lookup.

The lexicon codes one predicate at a time; these tables say how a governing verb combines with
the action it governs ("threatened to attack", "agreed to meet", "authorized X to strike"), how
modality changes a code ("could use force" is a threat of force, as in the CAMEO manual), and how
the words of the action refine a generic code (weapons of mass destruction, aerial weapons).
"""

from __future__ import annotations

# Governing verb root + governed action root → combined code. The CAMEO intent (03), appeal (02),
# demand (10) and rejection (12) families mirror the material categories they are about.
INTENT_OF = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "03": "030"}
INTENT_DETAIL = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332",
                 "073": "0333", "074": "0334", "0841": "0353", "084": "0353", "087": "0356", "0871": "0356",
                 "085": "0354", "086": "0355", "046": "036", "045": "039"}  # fmt: skip
DEMAND_OF = {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105"}
DEMAND_DETAIL = {"061": "1011", "062": "1012", "063": "1013", "064": "1014", "071": "1031", "072": "1032",
                 "073": "1033", "074": "1034", "0841": "1053", "084": "1053", "087": "1056", "0871": "1056",
                 "085": "1054", "086": "1055"}  # fmt: skip
REJECT_OF = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "03": "120"}
REJECT_DETAIL = {"061": "1211", "062": "1212", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
                 "0841": "1243", "084": "1243", "085": "1244", "086": "1245", "087": "1246", "0871": "1246"}  # fmt: skip
# A threat's sub-code follows what is threatened (CAMEO 131x-138x).
THREAT_OF = {"18": "1383", "19": "1384", "20": "1385", "17": "132", "14": "133", "15": "138", "16": "131"}
THREAT_DETAIL = {"161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
                 "175": "137", "191": "1381", "192": "1382", "172": "132", "1724": "1324", "1723": "1323",
                 "2041": "1385", "2042": "1385", "204": "1385"}  # fmt: skip
# "agree to" / "promise to" govern intents: CAMEO codes agreeing to act as intent (03), and
# CAMEO.2.0 files AGREE under 050, so both roots compose as intents.
INTENT_GOVERNOR_ROOTS = {"03", "05"}
CONFLICT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
# Permitting a party to use force or weapons is military support to that party (CAMEO 072).
MILITARY_ACTION_ROOTS = {"15", "18", "19", "20"}
MILITARY_CODES = {"062", "072", "175", "154", "152"}
PERMIT_AS_MILITARY_AID = "072"


def _family(root: str, code: str, coarse: dict[str, str], fine: dict[str, str]) -> str | None:
    for n in (4, 3):
        if code[:n] in fine:
            return fine[code[:n]]
    return coarse.get(root)


def threat_code(code: str) -> str:
    """The CAMEO threat code for threatening ``code`` (an action of material conflict)."""
    return _family(code[:2], code, THREAT_OF, THREAT_DETAIL) or "130"


def compose(upper: str, lower: str) -> str | None:
    """Combine a governing code with the code of the action it governs; None keeps both apart."""
    up_root, low_root = upper[:2], lower[:2]
    if up_root == "13" and (low_root in CONFLICT_ROOTS or lower[:3] in THREAT_DETAIL):
        return threat_code(lower)
    if up_root in INTENT_GOVERNOR_ROOTS:
        if low_root in CONFLICT_ROOTS:
            return threat_code(lower)  # announcing intent to use force is a threat (CAMEO 138)
        return _family(low_root, lower, INTENT_OF, INTENT_DETAIL)
    if up_root in ("10", "02"):
        code = _family(low_root, lower, DEMAND_OF, DEMAND_DETAIL)
        return ("02" + code[2:]) if code and up_root == "02" else code
    if up_root == "12":
        return _family(low_root, lower, REJECT_OF, REJECT_DETAIL)
    if upper[:3] == "080" and (low_root in MILITARY_ACTION_ROOTS or lower[:3] in MILITARY_CODES):
        return PERMIT_AS_MILITARY_AID
    return None


# Halting or reducing an activity ("suspended talks", "ended mediation efforts", "lifted the
# curfew") is coded by what is halted: cooperation halted is CAMEO 16x (reduce relations),
# conflict halted is a concession (08x), mirroring the codebook's pairs.
HALT_OF = {"04": "164", "05": "161", "06": "160", "07": "162", "14": "082", "18": "087", "19": "087",
           "20": "087"}  # fmt: skip
HALT_DETAIL = {"042": "160", "043": "160", "045": "165", "062": "1622", "071": "1621", "072": "1622",
               "073": "1623", "074": "1661", "163": "085", "172": "081", "1721": "0811", "1722": "0812",
               "1723": "0813", "1724": "0814", "191": "0872"}  # fmt: skip


def halt_code(code: str) -> str | None:
    """The CAMEO code for halting the activity coded ``code``; None when halting it is no event."""
    return _family(code[:2], code, HALT_OF, HALT_DETAIL)


# Words that make an act of force one with weapons of mass destruction (CAMEO 204x / 1385).
NUCLEAR_WORDS = {"nuclear", "atomic", "nuke", "nukes", "thermonuclear"}
CBR_WORDS = {"chemical", "biological", "radiological", "sarin", "chlorine", "anthrax", "nerve", "dirty"}
# Weapon cues refining generic conventional force (190) into CAMEO 193/194/195.
AERIAL_WORDS = {"missile", "missiles", "airstrike", "airstrikes", "air", "bomb", "bombs", "bombing", "rocket",
                "rockets", "warplane", "warplanes", "jet", "jets", "aircraft", "drone", "drones", "atacms",
                "helicopter", "helicopters", "bomber", "bombers"}  # fmt: skip
HEAVY_WORDS = {"artillery", "tank", "tanks", "shell", "shells", "shelling", "mortar", "mortars", "howitzer"}
SMALL_ARMS_WORDS = {"gun", "guns", "rifle", "rifles", "gunfire", "sniper", "snipers", "machine-gun", "pistol"}
DRONE_WORDS = {"drone", "drones", "uav", "uavs"}
FORCE_ROOTS = {"18", "19", "20"}


def refine_force(code: str, words: set[str]) -> str:
    """Refine an act of force by the weapons named in its phrase."""
    if code[:2] not in FORCE_ROOTS and code[:3] != "175":
        return code
    if words & NUCLEAR_WORDS:
        return "2042"
    if words & CBR_WORDS and words & {"weapon", "weapons", "attack", "gas", "agent", "agents"}:
        return "2041"
    if code in ("19", "190", "175", "18", "180"):
        if words & AERIAL_WORDS:
            return "195"
        if words & HEAVY_WORDS:
            return "194"
        if words & SMALL_ARMS_WORDS:
            return "193"
    return code


def hypothetical_conflict(code: str) -> str | None:
    """A conditional or promised act of material conflict is coded as the threat of it."""
    if code[:2] in CONFLICT_ROOTS or code[:3] in THREAT_DETAIL:
        return threat_code(code)
    return None


# Material and verbal cooperation that is only promised ("will provide aid", "would meet").
COOPERATION_ROOTS = {"04", "05", "06", "07", "08"}


def announced_cooperation(code: str) -> str | None:
    """A promised act of cooperation is an intent to cooperate (CAMEO 03x)."""
    if code[:2] in COOPERATION_ROOTS:
        return compose("030", code) or "030"
    return None


# PLOVER mode from the action's words, for types whose mode the CAMEO code does not fix.
MODE_CUES = {
    "ASSAULT": (("drone", DRONE_WORDS), ("aerial", AERIAL_WORDS), ("heavy-weapons", HEAVY_WORDS),
                ("firearms", SMALL_ARMS_WORDS), ("explosives", {"explosive", "explosives", "ied", "ieds"})),
}  # fmt: skip
# PLOVER contexts suggested by the action's words (added to the table's contexts).
CONTEXT_CUES = (
    ("military", {"military", "missile", "missiles", "troops", "weapons", "weapon", "army", "atacms", "artillery"}),
    ("cbrn", NUCLEAR_WORDS | {"chemical", "biological"}),
    ("economic", {"trade", "economic", "tariff", "tariffs", "loan", "loans", "investment"}),
    ("humanitarian", {"humanitarian", "refugees", "relief"}),
)


def mode_from_words(plover_type: str, words: set[str]) -> str | None:
    for mode, cues in MODE_CUES.get(plover_type, ()):
        if words & cues:
            return mode
    return None


def contexts_from_words(words: set[str]) -> list[str]:
    return [name for name, cues in CONTEXT_CUES if words & cues]


# PLOVER counts a resignation as a material RETREAT (mode "resign"), while CAMEO files leaving
# office under acceding to demands for a change in leadership (083x, mapped to CONCEDE).
RESIGN_LEMMAS = {"resign", "abdicate", "quit"}
RESIGN_PARTICLES = {"step": "down", "stand": "down"}
CONCESSION_ROOT = "08"


# The PLOVER codebook counts military occupations carried out as ASSAULT ("distinct from
# THREATEN … ASSAULT, which refers to military occupations that have been or are being carried
# out"), while the 2021 conversion table files CAMEO 192 (occupy territory) under COERCE/seize,
# a mode the codebook defines for police searches and confiscations.
OCCUPATION_CODE = "192"


def type_override(code: str, lemma: str, particles: set[str]) -> tuple[str, str | None] | None:
    """(PLOVER type, mode) the action decides over the CAMEO code's table mapping, else None."""
    if code == OCCUPATION_CODE:
        return "ASSAULT", None
    if code[:2] != CONCESSION_ROOT:
        return None
    if lemma in RESIGN_LEMMAS or RESIGN_PARTICLES.get(lemma) in particles:
        return "RETREAT", "resign"
    return None
