"""Coverage-guided fuzzing of every stage that reads untrusted input (atheris, i.e. libFuzzer).

The targets (fuzz_targets.py) feed the fuzzer's bytes to one stage each: HTML and plain-text
extraction, feed parsing, WARC and JSONL reading, time normalisation, and the whole analyze()
path. Each runs in its own child process (libFuzzer exits the process when it is done), seeded
with small valid inputs and every committed regression input in tests/fuzz_corpus/<target>/,
guided by a dictionary of the format's tokens; after a crash the child is restarted, skipping the
inputs that already crashed, until the time is used up. Crashes of a known open bug are labelled.

Run: nice .venv/bin/python benchmarks/fuzz.py [--seconds 120] [--targets html,time] [--save]
Prints executions, executions per second and crashes per target; with --save each crashing input
is copied into tests/fuzz_corpus/<target>/, where tests/test_fuzz_corpus.py replays it on every test run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fuzz_targets import MAX_LEN, OPEN_BUGS, REGRESSION_DIR, ROOT, TARGETS, open_bug, seed_inputs, write_dictionary

# The modules a target exercises, imported under instrumentation in the fuzzing child so that their
# branches guide the fuzzer; third-party pure-Python parsers are instrumented too where they are small.
CHILD_MODULES = {
    "html": ["eventwire.extract"],
    "text": ["eventwire.extract"],
    "feed": ["feedparser", "defusedxml", "eventwire.sources.feeds"],
    "warc": ["warcio", "eventwire.sources.warc"],
    "jsonl": ["eventwire.sources.jsonl"],
    "time": ["eventwire.annotate.timex.find"],
    "analyze": ["eventwire.pipeline", "eventwire.coding"],
}
# One input running longer than this is a hang, reported like a crash.
UNIT_TIMEOUT_SECONDS = 20
# Why 2.5 GB: the spaCy model takes ~0.5 GB; anything near this is a memory blow-up, reported as a crash.
RSS_LIMIT_MB = 2500


@dataclass(slots=True)
class Crash:
    """One crashing input: its file and the last lines of what the child printed about it."""

    path: Path
    summary: str


@dataclass(slots=True)
class TargetRun:
    target: str
    executions: int = 0
    seconds: float = 0.0
    restarts: int = 0
    crashes: list[Crash] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.executions / self.seconds if self.seconds else 0.0


EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
PROGRESS = re.compile(r"^#(\d+)\s", re.MULTILINE)
ARTIFACT = re.compile(r"Test unit written to (\S+)")


def _executions(output: str) -> int:
    found = EXECUTED.findall(output) or PROGRESS.findall(output)
    return int(found[-1]) if found else 0


def _crash_summary(output: str) -> str:
    """The exception line and the innermost eventwire frame of a crash report."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if "Uncaught Python exception" in line or "ERROR:" in line), None)
    if start is None:
        return "\n".join(lines[-5:])
    block = lines[start : start + 80]
    frames = [line.strip() for line in block if "eventwire" in line and line.strip().startswith("File")]
    error = next((line for line in block if re.match(r"^\w[\w.]*(Error|Exception|Exit)\b", line)), block[0])
    return " | ".join([error.strip(), *frames[-1:]])


def run_target(target: str, seconds: float, workdir: Path, known: Iterable[bytes] = ()) -> TargetRun:
    """Fuzz ``target`` for about ``seconds`` in child processes; crash inputs land in ``workdir``.

    ``known`` inputs (crashes already reported) are skipped rather than reported again.
    """
    corpus, artifacts = workdir / target / "corpus", workdir / target / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    for data in known:
        (artifacts / f"known-{hashlib.sha1(data).hexdigest()}").touch()
    for seed in seed_inputs(target):
        (corpus / f"seed-{hashlib.sha1(seed).hexdigest()[:12]}").write_bytes(seed)
    dirs = [str(corpus)] + [str(d) for d in (REGRESSION_DIR / target,) if d.is_dir()]
    dictionary = write_dictionary(target, workdir / target / "tokens.dict")
    options = [f"-dict={dictionary}"] if dictionary else []
    run = TargetRun(target)
    started = time.monotonic()
    while (remaining := int(seconds - (time.monotonic() - started))) >= 1:
        command = [
            sys.executable, __file__, "--child", target, str(artifacts), "--", *dirs,
            f"-max_total_time={remaining}", f"-max_len={MAX_LEN[target]}", f"-timeout={UNIT_TIMEOUT_SECONDS}",
            f"-rss_limit_mb={RSS_LIMIT_MB}", f"-artifact_prefix={artifacts}/", "-print_final_stats=1", *options,
        ]  # fmt: skip
        proc = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=remaining + 120)
        output = proc.stdout + proc.stderr
        run.executions += _executions(output)
        written = ARTIFACT.findall(output)
        if proc.returncode != 0 and not written:
            raise RuntimeError(f"fuzzer for {target} failed to run (exit {proc.returncode}): {output[-2000:]}")
        run.crashes += [Crash(Path(path), _crash_summary(output)) for path in written]
        if not written:
            break
        run.restarts += 1
    run.seconds = time.monotonic() - started
    return run


def _skipping_known(target: Callable[[bytes], None], known_dir: Path) -> Callable[[bytes], None]:
    """The target, except that inputs which already crashed in this run return at once.

    libFuzzer stops at the first crash; the run restarts it, and without this a crash the fuzzer
    meets straight away (the empty input, a seed) would be reported again and again.
    """
    known = {path.name.split("-", 1)[1] for path in known_dir.glob("*-*")}
    if not known:
        return target

    def run(data: bytes) -> None:
        if hashlib.sha1(data).hexdigest() not in known:
            target(data)

    return run


def _child(target: str, known_dir: Path, libfuzzer_args: list[str]) -> None:
    """Run inside the child process: instrument the code under test, then hand over to libFuzzer."""
    import atheris

    modules = CHILD_MODULES[target]
    with atheris.instrument_imports(include=["eventwire", *(m for m in modules if not m.startswith("eventwire"))]):
        for module in modules:
            importlib.import_module(module)
    if target == "analyze":
        from eventwire.annotate.parse import load_nlp

        load_nlp()  # before fuzzing starts, so the first unit is not timed with the model load
    atheris.Setup([sys.argv[0], *libfuzzer_args], _skipping_known(TARGETS[target], known_dir))
    atheris.Fuzz()


def known_inputs(target: str) -> list[bytes]:
    """The committed inputs of known open bugs for ``target``: already reported, so skipped."""
    names = [name for bug in OPEN_BUGS for name in bug.inputs if name.startswith(f"{target}/")]
    return [(REGRESSION_DIR / name).read_bytes() for name in names]


def save_crashes(run: TargetRun) -> list[Path]:
    """Copy a run's crashing inputs into the committed regression corpus."""
    saved = []
    for crash in run.crashes:
        data = crash.path.read_bytes()
        dest = REGRESSION_DIR / run.target / f"crash-{hashlib.sha1(data).hexdigest()[:16]}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(crash.path, dest)
        saved.append(dest)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="fuzzing time per target")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated targets")
    parser.add_argument("--workdir", type=Path, help="keep corpora and crash inputs here")
    parser.add_argument("--save", action="store_true", help="copy crash inputs into tests/fuzz_corpus")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="eventwire-fuzz-"))
    print(
        f"fuzzing {args.targets} for {args.seconds:g} s each at {datetime.now(UTC):%Y-%m-%d %H:%M}Z; work in {workdir}"
    )
    print(f"{'target':<9}{'executions':>12}{'exec/s':>9}{'restarts':>10}{'new crashes':>12}")
    total = 0
    for target in args.targets.split(","):
        run = run_target(target, args.seconds, workdir, known_inputs(target))
        new = [crash for crash in run.crashes if open_bug(crash.summary) is None]
        total += len(new)
        print(f"{target:<9}{run.executions:>12}{run.per_second:>9.0f}{run.restarts:>10}{len(new):>12}", end="")
        print(f"  (+{len(run.crashes) - len(new)} of known open bugs)" if len(new) < len(run.crashes) else "")
        for crash in run.crashes:
            bug = open_bug(crash.summary)
            print(f"    {crash.path.name}: {crash.summary}" + (f"  [open: {bug.description}]" if bug else ""))
        if args.save:
            for path in save_crashes(run):
                print(f"    saved {path.relative_to(ROOT)}")
    return 1 if total else 0


if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[1] == "--child" and sys.argv[4] == "--":
        _child(sys.argv[2], Path(sys.argv[3]), sys.argv[5:])
    else:
        sys.exit(main())
