"""A bounded coverage-guided fuzzing run of every target (benchmarks/fuzz.py runs them longer).

Each target gets a few seconds of atheris/libFuzzer in a child process, starting from its seeds,
dictionary and the committed regression corpus; any crash, hang or memory blow-up that is not a
known open bug (fuzz_targets.OPEN_BUGS, whose inputs are skipped) fails the test with its input
and traceback summary. About 110 s for all targets together.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from fuzz import known_inputs, run_target  # noqa: E402
from fuzz_targets import TARGETS, open_bug  # noqa: E402

# Seconds per target: the slow, parser-heavy targets get more, the fast container readers less.
SECONDS = {"html": 20, "text": 10, "feed": 14, "warc": 10, "jsonl": 5, "time": 14, "analyze": 25}
# Executions each target must at least reach, a tenth of what an idle machine does, so a fuzzer
# that silently stopped working fails while a busy CI machine passes.
MIN_EXECUTIONS = {"html": 100, "text": 300, "feed": 300, "warc": 1000, "jsonl": 1000, "time": 300, "analyze": 20}


def test_fuzz_targets_all_have_a_budget() -> None:
    assert set(SECONDS) == set(MIN_EXECUTIONS) == set(TARGETS)


@pytest.mark.parametrize("target", list(TARGETS))
def test_fuzz_target_bounded_run_finds_no_new_crash(target: str, tmp_path: Path) -> None:
    run = run_target(target, SECONDS[target], tmp_path, known_inputs(target))
    known = [crash for crash in run.crashes if open_bug(crash.summary)]
    new = [crash for crash in run.crashes if not open_bug(crash.summary)]
    print(f"\n{target}: {run.executions} executions in {run.seconds:.0f} s, {len(known)} crashes of open bugs")
    assert not new, "\n".join(f"{c.path}: {c.summary}" for c in new)
    assert run.executions >= MIN_EXECUTIONS[target]
