"""Nothing lost: damaged tails, stray bytes, separators, BOMs, special files and unreadable
catalogs are named by their own lines, and every whole record still loads."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from jinan_targets.journal import append_outcome, record_text
from jinan_targets.model import Outcome
from jinan_targets.store import load_workspace

from .conftest import Invoke

T0 = datetime(2026, 4, 1, tzinfo=UTC)
LOG = Path("jinan") / "2026.outcomes.toml"


def outcome(i: int, note: str = "") -> Outcome:
    return Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(40 + i),
                   note=note, recorded_at=T0.replace(microsecond=i))  # fmt: skip


def values(plans: Path) -> list[Decimal | None]:
    ws = load_workspace(plans)
    return [o.value for o in ws.log_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"]


def fresh_log(plans: Path) -> Path:
    log = plans / LOG
    log.unlink()
    return log


@pytest.mark.parametrize(
    "tail",
    [
        b"\n# urban_new_jobs 2026-Q1 \xc2\xb7 0123\n[[outc",  # cut inside the header
        b'\n# urban_new_jobs 2026-Q1 \xc2\xb7 0123\n[[outcome]]\nindicator = "urban_n',
        b"\x00" * 512,  # NUL padding left by a crash
        b"\n\x00\x00\x00\n\x00",
        b'\n[[outcome]]\nnote = "\xe7\xac',  # cut inside a character
        b"garbage that is not TOML at all",
    ],
)
def test_damaged_tail_costs_no_good_record(plans: Path, tail: bytes) -> None:
    """A record, a torn write, then a new record: both whole records load, and the damage is
    named by its own lines, not by the good records' lines."""
    log = fresh_log(plans)
    append_outcome(log, outcome(1))
    with log.open("ab") as fh:
        fh.write(tail)
    damage_line = log.read_bytes().count(b"\n") + 1
    append_outcome(log, outcome(2))
    assert values(plans) == [41, 42]
    problems = [p for p in load_workspace(plans).problems if p.path == log]
    assert problems, "the damage is named"
    text = log.read_bytes()
    first_good_end = text.index(b"digest")  # line of the first record's digest
    assert all(p.line is not None for p in problems)
    assert all(p.line >= text[:first_good_end].count(b"\n") + 2 for p in problems if p.line)
    assert any(damage_line - 1 <= (p.line or 0) <= damage_line + 1 for p in problems)


def test_garbage_before_the_first_record(plans: Path) -> None:
    """Stray bytes before any record are named and the records after them load."""
    log = fresh_log(plans)
    log.write_bytes(b"\x00\x00junk\n")
    append_outcome(log, outcome(1))
    assert values(plans) == [41]
    problems = [p for p in load_workspace(plans).problems if p.path == log]
    assert [p.line for p in problems] == [1]


def test_real_torn_write_then_record(plans: Path) -> None:
    """A writer killed by a full disk (RLIMIT_FSIZE cuts the write), then `jt record`: the
    record written before the cut and the one after both load."""
    log = fresh_log(plans)
    append_outcome(log, outcome(1))
    size = log.stat().st_size
    cutter = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size + 60}, {size + 60}))\n"
        "import signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "from datetime import UTC, datetime\nfrom decimal import Decimal\n"
        "from pathlib import Path\nfrom jinan_targets.journal import append_outcome\n"
        "from jinan_targets.model import Outcome\n"
        "try:\n"
        f"    append_outcome(Path({str(log)!r}), Outcome(indicator='urban_new_jobs', "
        "period='2026-Q1', value=Decimal(99), note='x' * 200, recorded_at=datetime.now(UTC)))\n"
        "except OSError:\n    sys.exit(3)\n"
    )
    proc = subprocess.run([sys.executable, "-c", cutter], capture_output=True)
    assert proc.returncode == 3, proc.stderr
    assert log.stat().st_size == size  # what landed before the error was cut back
    env = {**os.environ, "JINAN_TARGETS_PLANS": str(plans), "NO_COLOR": "1"}
    rec = subprocess.run(
        [sys.executable, "-m", "jinan_targets", "record", "就业", "4.5万", "-p", "2026-Q1"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert rec.returncode == 0, rec.stderr
    assert values(plans) == [41, 4.5]
    check = subprocess.run(
        [sys.executable, "-m", "jinan_targets", "check"], env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout  # nothing of the failed write is left


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c"])
def test_separators_do_not_shift_line_numbers(plans: Path, sep: str) -> None:
    """A hand-written record holding U+2028, NEL, VT or FF in a string does not shift the line
    numbers of the problems after it: lines are counted at \\n, as editors and TOML do."""
    log = fresh_log(plans)
    escaped = sep if sep in "\u2028\u2029\u0085" else f"\\u{ord(sep):04x}"
    log.write_text(
        "[[outcome]]\n"
        'indicator = "urban_new_jobs"\n'
        'period = "2026-Q1"\n'
        "value = 4\n"
        f'note = "a{escaped}b{escaped}c"\n'
        "recorded_at = 2026-04-01T00:00:00Z\n"
        "\n"
        "[[outcome]]\n"
        'indicator = "urban_new_jobs"\n'
        'period = "2026-Q1"\n'
        "value = 5\n"
        "colour = 1\n"
        "recorded_at = 2026-04-02T00:00:00Z\n",
        encoding="utf-8",
    )
    problems = [p for p in load_workspace(plans).problems if p.path == log]
    # the separator itself is flagged on its own line (as `jt record` refuses it)
    assert [(p.line, p.field) for p in problems] == [
        (5, "outcome[0].note"),
        (12, "outcome[1].colour"),
    ]
    assert values(plans) == [4]


def test_bom_prefixed_files_are_read(plans: Path) -> None:
    """A file saved with a byte-order mark (Windows Notepad) is read as if it had none."""
    for name in ("indicators.toml", "jinan/2026.toml", "jinan/2026.outcomes.toml"):
        path = plans / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    ws = load_workspace(plans)
    assert ws.problems == []
    assert len(ws.plans[("jinan", 2026)].target) == 91


@pytest.mark.parametrize("name", ["indicators.toml", "jurisdictions.toml"])
def test_missing_or_unreadable_catalog_is_fatal(plans: Path, name: str) -> None:
    """No catalog, or one that cannot be read, makes the workspace unusable, and says so."""
    (plans / name).unlink()
    ws = load_workspace(plans)
    assert [p.path.name for p in ws.fatal] == [name]
    (plans / name).mkdir()
    assert [p.path.name for p in load_workspace(plans).fatal] == [name]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_unreadable_jurisdiction_directory_is_named(plans: Path) -> None:
    """A jurisdiction directory that cannot be listed is a problem, never silently empty."""
    (plans / "jinan").chmod(0)
    try:
        ws = load_workspace(plans)
        assert ws.unread("jinan") is not None
        assert any(p.path.name == "jinan" for p in ws.problems)
    finally:
        (plans / "jinan").chmod(0o755)


def test_unlistable_directory_is_named(plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, shown even when running as root, by making scandir fail for one directory."""
    real = os.scandir
    target = str(plans / "jinan")

    def scandir(path: object) -> object:
        if str(path) == target:
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    ws = load_workspace(plans)
    problem = ws.unread("jinan")
    assert problem is not None
    assert problem.message == "无法读取目录 cannot read directory: Permission denied"
    assert ("jinan", 2026) not in ws.plans


def test_special_files_are_skipped_not_waited_on(plans: Path) -> None:
    """A FIFO, a symlink to /dev/zero and a device in the workspace are named and skipped."""
    os.mkfifo(plans / "jinan" / "2031.toml")
    (plans / "jinan" / "2032.toml").symlink_to("/dev/zero")
    (plans / "jinan" / "2033.outcomes.toml").symlink_to("/dev/null")
    ws = load_workspace(plans)
    named = {p.path.name: p.message for p in ws.problems}
    assert "FIFO" in named["2031.toml"]
    assert "device" in named["2032.toml"]
    assert "2033.outcomes.toml" in named
    assert len(ws.plans[("jinan", 2026)].target) == 91


def test_symlinked_log_outside_the_workspace_is_refused(plans: Path, tmp_path: Path) -> None:
    """An outcome log that is a symlink to a file outside the workspace is not read."""
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(record_text(outcome(1)), encoding="utf-8")
    (plans / "jinan" / "2027.outcomes.toml").symlink_to(outside)
    ws = load_workspace(plans)
    assert any("outside the workspace" in p.message for p in ws.problems)


def test_exact_copy_is_reported_and_counted_once(plans: Path) -> None:
    """A record pasted twice is named by `check` and counts once."""
    log = fresh_log(plans)
    text = record_text(outcome(1))
    log.write_text(text + text, encoding="utf-8")
    ws = load_workspace(plans)
    assert values(plans) == [41]
    assert len(ws.problems) == 1 and "exact copy" in ws.problems[0].message
    assert ws.problems[0].line == text.count("\n") + 3


def test_deep_nesting_is_a_problem_not_a_crash(plans: Path) -> None:
    """TOML nested 600 deep is reported as a problem."""
    (plans / "jinan" / "2030.toml").write_text("x = " + "[" * 600 + "]" * 600 + "\n")
    ws = load_workspace(plans)
    assert any(p.path.name == "2030.toml" for p in ws.problems)


def test_huge_numbers_in_a_plan_are_problems(plans: Path) -> None:
    """1e99999999999 or a 5000-digit value in a plan is refused at load, with its line."""
    path = plans / "jinan" / "2026.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value = 5\n", "value = 1e99999999999\n", 1), encoding="utf-8")
    ws = load_workspace(plans)
    assert any("too large" in p.message and p.line for p in ws.problems)
    path.write_text(text.replace("value = 5\n", f"value = {'9' * 5000}\n", 1), encoding="utf-8")
    ws = load_workspace(plans)
    assert any("too long" in p.message and p.path == path for p in ws.problems)
    path.write_text(text.replace("value = 5\n", "value = 1e22\n", 1), encoding="utf-8")
    assert any("too large" in p.message for p in load_workspace(plans).problems)


def test_commands_refuse_a_workspace_without_catalog(jt: Invoke, plans: Path) -> None:
    """No catalog: the scorecard is an error naming the file, never an empty table with exit 0;
    `jt check` names it too."""
    (plans / "indicators.toml").unlink()
    result = jt("scorecard", "2026")
    assert result.exit_code == 2 and "indicators.toml" in result.stderr
    check = jt("check")
    assert check.exit_code == 1 and "missing indicator catalog" in check.stdout


def test_a_broken_plan_header_is_named_by_the_scorecard(jt: Invoke, plans: Path) -> None:
    """A plan whose [plan] table is invalid: scorecard says why, check lists every problem,
    including the targets' own."""
    path = plans / "jinan" / "2026.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "济南市2026年国民经济和社会发展计划"\n', "", 1)
    text = text.replace(
        'comparator = "at_least"\nvalue = 5\n', 'comparator = "more"\nvalue = 5\n', 1
    )
    path.write_text(text, encoding="utf-8")
    result = jt("scorecard", "2026")
    assert result.exit_code == 2 and "2026.toml" in result.stderr
    check = jt("check").stdout
    assert "plan.title" in check
    assert "target[0].comparator" in check and "'at_least'" in check  # the valid ones listed


def test_unknown_jurisdiction_directory_has_file_and_line(jt: Invoke, plans: Path) -> None:
    (plans / "qingdao").mkdir()
    text = (plans / "jinan" / "2026.toml").read_text(encoding="utf-8")
    (plans / "qingdao" / "2026.toml").write_text(
        text.replace('jurisdiction = "jinan"', 'jurisdiction = "qingdao"'), encoding="utf-8"
    )
    check = jt("check").stdout
    assert "qingdao/2026.toml:7: plan.jurisdiction: 未知辖区 unknown jurisdiction" in check
