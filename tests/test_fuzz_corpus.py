"""Every input that ever crashed a fuzz target is replayed here, in-process, on every test run.

The inputs live in tests/fuzz_corpus/<target>/ (benchmarks/fuzz.py --save adds new ones). A few
reproduce crashes whose fix belongs to code that is being reworked; fuzz_targets.OPEN_BUGS lists
them with the bug they show and they run as strict expected failures, so the test turns red the
day the bug is fixed and the entry must go.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from fuzz_targets import MAX_LEN, OPEN_BUGS, REGRESSION_DIR, TARGETS  # noqa: E402

# Why 64 KB: regression inputs are minimised fuzzer findings or hand-written reproductions; big
# inputs belong in tests that generate them.
MAX_INPUT_BYTES = 64 * 1024

OPEN = {name: bug.description for bug in OPEN_BUGS for name in bug.inputs}
INPUTS = sorted(path for path in REGRESSION_DIR.glob("*/*") if path.is_file())


def _case(path: Path):
    key = f"{path.parent.name}/{path.name}"
    if key in OPEN:
        mark = pytest.mark.xfail(strict=True, raises=(ValueError, OverflowError), reason=f"open bug: {OPEN[key]}")
        return pytest.param(path, id=key, marks=mark)
    return pytest.param(path, id=key)


@pytest.mark.parametrize("path", [_case(path) for path in INPUTS])
def test_fuzz_corpus_input_is_handled_cleanly(path: Path) -> None:
    TARGETS[path.parent.name](path.read_bytes())


def test_fuzz_corpus_is_small_and_names_known_targets() -> None:
    assert INPUTS, "the regression corpus is empty"
    for path in INPUTS:
        assert path.parent.name in TARGETS, f"{path} is not under a fuzz target's folder"
        assert path.stat().st_size <= max(MAX_INPUT_BYTES, MAX_LEN[path.parent.name])
    listed = {f"{p.parent.name}/{p.name}" for p in INPUTS}
    assert set(OPEN) <= listed, f"open bugs name inputs that are not in the corpus: {set(OPEN) - listed}"
