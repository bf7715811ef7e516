"""The PETRARCH verb-dictionary reader, the compiled lexicon and the code tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding.lexicon import Lexicon, load_lexicon, read_verb_dictionary
from eventwire.coding.matching import Matcher, split_code
from eventwire.coding.ontology import load_ontology
from eventwire.paths import DATA_DIR

SMALL_DICTIONARY = """\
# a comment line
&WEAPON
+MISSILE
+CRUISE_MISSILE

--- THREATEN   [130]  ---
THREATEN
- * &WEAPON (AGAINST)    [1384]   # THREATEN
- * {BREAK RELATIONS}    [1313]

--- APPREHEND   [171]  ---
CAPTURE
TAKE
DETAIN [173]
- * PART     [030]   # TAKE
- * ACTIVISTS   [173]   # DETAIN

--- VISIT   [042:043]  ---
VISIT
+CALL_ON {+CALLS_ON +CALLED_ON +CALLING_ON} [042]
RE_+ARREST [173]
- * (FOR TALKS)  [046]  # URGE
"""


@pytest.fixture()
def small_lexicon(tmp_path: Path) -> Lexicon:
    path = tmp_path / "verbs.txt"
    path.write_text(SMALL_DICTIONARY, encoding="utf-8")
    return read_verb_dictionary(path, comment_verbs=True)


def test_coding_lexicon_reads_blocks_verbs_and_synsets(small_lexicon: Lexicon) -> None:
    assert small_lexicon.blocks == {"THREATEN": "130", "APPREHEND": "171", "VISIT": "042:043"}
    assert small_lexicon.verbs["threaten"][0].block == "THREATEN"
    assert ("cruise", "missile") in small_lexicon.synsets["&weapon"]
    assert ("missiles",) in small_lexicon.synsets["&weapon"]  # plural generated


def test_coding_lexicon_reads_multiword_verbs(small_lexicon: Lexicon) -> None:
    call = small_lexicon.verbs["call"][0]
    assert (call.block, call.code, call.after) == ("VISIT", "042", ("on",))
    arrest = small_lexicon.verbs["arrest"][0]
    assert (arrest.before, arrest.code) == (("re",), "173")


def test_coding_lexicon_reads_patterns(small_lexicon: Lexicon) -> None:
    weapon, relations = small_lexicon.patterns["THREATEN"]
    assert weapon.code == "1384" and weapon.post == (("&weapon",),) and weapon.preps == (("against", ()),)
    assert relations.post == (("break", "relations"),)
    assert relations.specificity > weapon.specificity - 1


def test_coding_pattern_changing_the_family_applies_only_to_its_own_verb(nlp, small_lexicon: Lexicon) -> None:
    matcher = Matcher(small_lexicon)

    def code_of(text: str, verb: str) -> str | None:
        match = matcher.match(next(t for t in nlp(text) if t.lemma_ == verb))
        return match.code if match else None

    assert small_lexicon.patterns["APPREHEND"][0].verbs == ("take",)
    assert code_of("The rebels took part in the talks.", "take") == "030"
    assert code_of("The troops captured part of the town.", "capture") == "171"
    # A refinement within the block's own family (CAMEO 17) holds for every verb of the block.
    assert code_of("The police captured activists.", "capture") == "173"


def test_coding_lexicon_comment_verbs_fill_gaps(small_lexicon: Lexicon) -> None:
    assert small_lexicon.verbs["urge"][0].block == "VISIT"


def test_coding_lexicon_json_round_trip(small_lexicon: Lexicon) -> None:
    again = Lexicon.from_json(small_lexicon.to_json())
    assert again.verbs == small_lexicon.verbs
    assert again.patterns == small_lexicon.patterns
    assert again.synsets == small_lexicon.synsets


def test_coding_split_code() -> None:
    assert split_code("042:043") == ("042", "043")
    assert split_code(":110") == (None, "110")
    assert split_code("---") == (None, None)
    assert split_code("1385") == ("1385", None)


def test_coding_shipped_lexicon_has_cameo_verbs() -> None:
    lexicon = load_lexicon(DATA_DIR / "cameo_verbs.json")
    assert lexicon.blocks["THREATEN"] == "130"
    assert {e.block for e in lexicon.verbs["attack"]} == {"PHYSICAL_CONFLICT"}
    assert len(lexicon.verbs) > 2000


def test_coding_ontology_tables() -> None:
    onto = load_ontology()
    assert onto.describe("1385") == "Threaten attack with WMD"
    assert onto.goldstein("1385") == -7.0
    assert onto.goldstein("19512") == onto.goldstein("195")  # unknown detail → parent
    assert [onto.quad_class(c) for c in ("042", "072", "1385", "195")] == [1, 2, 3, 4]
    threat = onto.plover("1385")
    assert (threat.type, threat.mode, threat.context) == ("THREATEN", "violence", ("cbrn",))
    assert onto.plover("0232").type == "REQUEST"  # appeals fold into REQUEST
    assert onto.plover("010") is None  # statements are not PLOVER events
    assert onto.plover("175").mode is None  # a context in the mode column is moved to contexts
    assert set(onto.plover_modes) == {p.type for p in onto.cameo2plover.values()} | {"REQUEST"}
