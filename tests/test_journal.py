"""The outcome log under stress: concurrency, kills, torn writes, merges; appends never read."""

from __future__ import annotations

import builtins
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jinan_targets.journal import append_outcome, outcome_digest, record_text
from jinan_targets.model import Outcome
from jinan_targets.store import load_workspace

T0 = datetime(2026, 4, 1, tzinfo=UTC)


def outcome(i: int, note: str = "") -> Outcome:
    return Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(42) + i,
                   note=note, recorded_at=T0.replace(microsecond=i))  # fmt: skip


def jobs(plans: Path) -> list[Outcome]:
    return [
        o for o in load_workspace(plans).log_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"
    ]


def test_fifty_concurrent_record_processes(plans: Path) -> None:
    """50 `jt record` processes at once leave exactly 50 new records in a file that parses."""
    env = {**os.environ, "JINAN_TARGETS_PLANS": str(plans), "NO_COLOR": "1"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jinan_targets",
                "record",
                "urban_new_jobs",
                f"{i / 10}",
                "-p",
                "2026-Q1",
                "--note",
                f"process {i}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(50)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 50, errors
    log = plans / "jinan" / "2026.outcomes.toml"
    tomllib.loads(log.read_text(encoding="utf-8"))
    records = jobs(plans)
    assert sorted(o.note for o in records) == sorted(f"process {i}" for i in range(50))
    assert load_workspace(plans).problems == []


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from decimal import Decimal
    from pathlib import Path
    from jinan_targets.journal import append_outcome
    from jinan_targets.model import Outcome
    path = Path(sys.argv[1])
    i = 0
    while True:
        append_outcome(path, Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(i),
                       note="长长的备注" * 50, recorded_at=datetime.now(UTC)))
        i += 1
    """
)


def test_sigkill_while_appending(plans: Path) -> None:
    """A writer killed with SIGKILL at random moments leaves a log that loads, with every
    record complete and in order: at worst the record in flight is missing."""
    log = plans / "jinan" / "2026.outcomes.toml"
    base = len(jobs(plans))
    rng = random.Random(20260401)
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(log)])
        time.sleep(rng.uniform(0.4, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ws = load_workspace(plans)
        damaged = [p for p in ws.problems if "damaged record" in p.message or "digest" in p.message]
        assert len(ws.problems) == len(damaged) <= 1, [p.format() for p in ws.problems]
        values = [o.value for o in ws.log_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"]
        assert len(values) >= base
        base = len(values)
        if damaged:  # keep later rounds meaningful: cut the torn tail as a user would
            log.write_text(log.read_text(encoding="utf-8").rsplit("\n[[outcome]]", 1)[0] + "\n",
                           encoding="utf-8")  # fmt: skip


def test_torn_write_at_every_byte(plans: Path) -> None:
    """A record cut at any byte (power loss, full disk) is either absent or whole, never a
    different figure: cutting 42 to 4 cannot pass as a record."""
    for other in plans.rglob("*.toml"):  # a small workspace: this test loads it ~300 times
        if other.parent != plans and other.name != "2026.outcomes.toml":
            other.unlink()
    log = plans / "jinan" / "2026.outcomes.toml"
    append_outcome(log, outcome(0, note="第一条"))
    append_outcome(log, outcome(1, note="第二条 ✓"))
    whole = log.read_bytes()
    last = record_text(outcome(1, note="第二条 ✓")).encode("utf-8")
    start = len(whole) - len(last)
    assert whole[start:] == last
    for cut in range(start, len(whole) + 1):
        log.write_bytes(whole[:cut])
        ws = load_workspace(plans)
        kept = [o for o in ws.log_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"]
        assert [o.value for o in kept] in ([42], [42, 43]), cut
        if len(kept) == 2:  # never half-present: a kept record is the record as written
            original = outcome(1, note="第二条 ✓")
            assert (kept[1].value, kept[1].note, kept[1].recorded_at) == (
                original.value,
                original.note,
                original.recorded_at,
            ), cut
        if cut == len(whole):
            assert len(kept) == 2
        if cut < whole.rindex(b"\nrecorded_at = ") + len(b"\nrecorded_at = 2026-04-01 00:00:00"):
            assert len(kept) == 1, cut  # the timestamp is incomplete: the record is left out
        first_line_of_last = whole[:start].count(b"\n") + 1
        elsewhere = [p for p in ws.problems if p.line is None or p.line < first_line_of_last]
        assert elsewhere == [], [p.format() for p in elsewhere]  # only the torn record is named


def test_digest_catches_an_edited_record(plans: Path) -> None:
    """Changing a written figure by hand without updating its digest is reported."""
    log = plans / "jinan" / "2026.outcomes.toml"
    append_outcome(log, outcome(0))
    log.write_text(
        log.read_text(encoding="utf-8").replace("value = 42", "value = 24"), encoding="utf-8"
    )
    problems = load_workspace(plans).problems
    assert len(problems) == 1 and "digest mismatch" in problems[0].message


def test_digest_is_stable_across_number_spellings() -> None:
    """16, 16.0 and Decimal('1.6E+1') hash alike; a different value does not."""
    base = {"indicator": "x", "period": "2026", "value": Decimal("16")}
    assert outcome_digest(base) == outcome_digest({**base, "value": Decimal("16.0")})
    assert outcome_digest(base) == outcome_digest({**base, "value": 16})
    assert outcome_digest(base) != outcome_digest({**base, "value": Decimal("1.6")})


def test_append_never_reads_the_log(plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Appending does not read or rewrite what is there: reading is made impossible and it works."""
    log = plans / "jinan" / "2026.outcomes.toml"
    before = log.read_bytes()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the log was read")

    real_open = builtins.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(str(file)) == log:
            raise AssertionError(f"the log was opened with mode {mode!r}")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(os, "read", refuse)
    monkeypatch.setattr(tomllib, "loads", refuse)
    monkeypatch.setattr(builtins, "open", guarded_open)
    text = append_outcome(log, outcome(0))
    monkeypatch.undo()
    assert log.read_bytes() == before + text.encode("utf-8")


def test_new_log_gets_a_header(plans: Path) -> None:
    """The first record of a new year creates the file with a header comment."""
    log = plans / "jinan" / "2027.outcomes.toml"
    append_outcome(log, Outcome(indicator="urban_new_jobs", period="2027-Q1", value=Decimal(3),
                                recorded_at=T0))  # fmt: skip
    assert log.read_text(encoding="utf-8").startswith(
        "#:schema ../.schemas/outcomes.schema.json\n# Append-only outcome log"
    )
    assert load_workspace(plans).problems == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_branches_merge_without_conflict(plans: Path, tmp_path: Path) -> None:
    """Two people appending on different branches merge cleanly with the shipped union attribute."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(plans, repo / "plans")
    shutil.copy(Path(__file__).resolve().parent.parent / ".gitattributes", repo / ".gitattributes")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                        "-c", "init.defaultBranch=main", *args],
                       cwd=repo, check=True, capture_output=True)  # fmt: skip

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "base")
    log = repo / "plans" / "jinan" / "2026.outcomes.toml"
    git("checkout", "-qb", "alice")
    append_outcome(log, outcome(0, note="alice"))
    git("commit", "-qam", "alice records")
    git("checkout", "-q", "main")
    git("checkout", "-qb", "bob")
    append_outcome(log, outcome(1, note="bob"))
    git("commit", "-qam", "bob records")
    git("merge", "-q", "--no-edit", "alice")
    ws = load_workspace(repo / "plans")
    assert ws.problems == []
    assert sorted(
        o.note for o in ws.log_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"
    ) == [
        "alice",
        "bob",
    ]
