"""Nothing wrong shown silently: one period per span, no future or duplicate figures, undo under
the lock, hostile characters and magnitudes refused with one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jinan_targets.store import load_workspace

from .conftest import Invoke


def jobs(plans: Path, period: str = "2026-Q3") -> list[tuple[str, float | None]]:
    ws = load_workspace(plans)
    return [
        (o.vintage.value, float(o.value) if o.value is not None else None)
        for o in ws.outcomes_for("jinan", "urban_new_jobs")
        if o.period == period
    ]


def test_a_revision_under_another_name_supersedes(jt: Invoke, plans: Path) -> None:
    """前三季度 then a revision under 1—9月: one period, the revision is in force."""
    assert jt("record", "就业", "11万", "-p", "2026年前三季度").exit_code == 0
    assert jt("record", "就业", "11.5万", "-p", "2026年1—9月", "--vintage", "修订").exit_code == 0
    assert jobs(plans) == [("preliminary", 11.0), ("revised", 11.5)]
    card = json.loads(jt("scorecard", "2026", "--json").stdout)
    row = next(r for r in card["rows"] if r["indicator"] == "urban_new_jobs")
    assert (row["period"], row["actual"], row["vintage"]) == ("2026-Q3", 11.5, "revised")
    history = json.loads(jt("history", "就业", "-p", "1至9月", "--json").stdout)
    assert [r["state"] for r in history["records"]] == ["current", "superseded"]


def test_old_logs_with_another_spelling_compare_as_one(jt: Invoke, plans: Path) -> None:
    """A log already written with 2026-09 and 2026-Q3 (older spellings) reads as one period."""
    log = plans / "jinan" / "2026.outcomes.toml"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-Q3"\nvalue = 10\n'
            'vintage = "revised"\nrecorded_at = 2026-10-20T09:00:00+08:00\n'
            '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-09"\nvalue = 9\n'
            'vintage = "estimate"\nrecorded_at = 2026-10-25T09:00:00+08:00\n'
        )
    card = json.loads(jt("scorecard", "2026", "--as-of", "1—9月", "--json").stdout)
    row = next(r for r in card["rows"] if r["indicator"] == "urban_new_jobs")
    assert (row["actual"], row["vintage"]) == (10, "revised")  # revised beats a later estimate


def test_single_quarter_never_judges_progress(jt: Invoke, plans: Path) -> None:
    """第三季度 in a release is 7—9月 alone: stored apart, never used to judge a target."""
    assert jt("record", "就业", "3万", "-p", "2026年第三季度").exit_code == 0
    assert jobs(plans, "2026-07..09") == [("preliminary", 3.0)]
    card = json.loads(jt("scorecard", "2026", "--json").stdout)
    row = next(r for r in card["rows"] if r["indicator"] == "urban_new_jobs")
    assert row["period"] != "2026-07..09"


@pytest.mark.parametrize("command", [("record", "就业", "4万"), ("undo", "就业")])
def test_empty_period_is_refused(jt: Invoke, plans: Path, command: tuple[str, ...]) -> None:
    """-p '' is refused for record and undo alike, nothing written."""
    before = (plans / "jinan" / "2026.outcomes.toml").read_bytes()
    result = jt(*command, "-p", "")
    assert result.exit_code == 2 and "empty period" in result.stderr
    assert (plans / "jinan" / "2026.outcomes.toml").read_bytes() == before


def test_future_publication_date_needs_force(jt: Invoke, plans: Path) -> None:
    """--published 2062-04-01 is refused; with --force it is accepted."""
    result = jt("record", "就业", "4万", "-p", "Q1", "--published", "2062-04-01")
    assert result.exit_code == 2 and "in the future" in result.stderr
    forced = jt("record", "就业", "4万", "-p", "Q1", "--published", "2062-04-01", "--force")
    assert forced.exit_code == 0, forced.stderr


def test_old_as_of_on_record_says_it_was_renamed(jt: Invoke) -> None:
    result = jt("record", "就业", "4万", "-p", "Q1", "--as-of", "2026-04-20")
    assert result.exit_code == 2 and "--published" in result.stderr


def test_exact_duplicate_is_refused_naming_the_earlier(jt: Invoke, plans: Path) -> None:
    """The same figure, vintage, date and source twice: refused with the earlier record named."""
    args = ("record", "就业", "4万", "-p", "Q1", "--source", "发布会", "--published", "2026-04-20")
    assert jt(*args).exit_code == 0
    again = jt(*args)
    assert again.exit_code == 2 and "already recorded" in again.stderr
    assert "was recorded 20" in again.stderr
    assert len(jobs(plans, "2026-Q1")) == 1
    assert jt(*args[:-2], "--published", "2026-04-21").exit_code == 0  # a new publication


def test_chinese_vintages_and_verdicts(jt: Invoke, plans: Path) -> None:
    assert jt("record", "就业", "4万", "-p", "Q1", "--vintage", "预计").exit_code == 0
    assert jobs(plans, "2026-Q1") == [("estimate", 4.0)]
    result = jt("record", "居民消费价格", "--verdict", "基本完成", "-p", "2025", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["record"]["verdict"] == "basically_met"
    bad = jt("record", "就业", "4万", "--vintage", "大概")
    assert bad.exit_code == 2 and "预计" in bad.stderr


def test_parallel_undos_withdraw_distinct_records(plans: Path) -> None:
    """Six undos at once after seven records withdraw six different records: the first figure
    is the one left in force, never an older one brought back twice."""
    env = {**os.environ, "JINAN_TARGETS_PLANS": str(plans), "NO_COLOR": "1"}
    jt = [sys.executable, "-m", "jinan_targets"]
    for i in range(7):
        done = subprocess.run([*jt, "record", "就业", f"{i + 1}万", "-p", "Q1"], env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    procs = [
        subprocess.Popen(
            [*jt, "undo", "就业", "-p", "Q1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * 6
    ws = load_workspace(plans)
    retracted = [o.retracts for o in ws.log_for("jinan", "urban_new_jobs") if o.retracts]
    assert len(retracted) == len(set(retracted)) == 6
    assert jobs(plans, "2026-Q1") == [("preliminary", 1.0)]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\u202e", "\u2066"])
def test_separators_and_bidi_marks_are_refused(jt: Invoke, plans: Path, char: str) -> None:
    before = (plans / "jinan" / "2026.outcomes.toml").read_bytes()
    for option in ("--note", "--source", "--quote"):
        result = jt("record", "就业", "4万", "-p", "Q1", option, f"a{char}b")
        assert result.exit_code == 2 and f"U+{ord(char):04X}" in result.stderr
    assert (plans / "jinan" / "2026.outcomes.toml").read_bytes() == before


@pytest.mark.parametrize("value", ["1e22", "100000000000000000000000", "9" * 4400, "1" * 30 + "万"])
def test_overflowing_values_are_one_line_errors(jt: Invoke, value: str) -> None:
    result = jt("record", "就业", value, "-p", "Q1", "--force")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 300
    assert "Traceback" not in result.output


def test_error_messages_quote_little_of_the_input(jt: Invoke) -> None:
    for args in (("record", "x" * 5000, "4"), ("record", "就业", "4", "-p", "y" * 5000)):
        result = jt(*args)
        assert result.exit_code == 2 and len(result.stderr) < 400, result.stderr
