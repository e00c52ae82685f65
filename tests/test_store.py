"""Loading reports every problem with file, line and field; discovery follows the documented
order."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from jinan_targets.store import (
    ENV_VAR,
    WorkspaceError,
    bundled_plans_dir,
    copy_workspace,
    find_plans_dir,
    load_workspace,
)

from .conftest import PLANS

BROKEN_PLAN = """\
[plan]
jurisdiction = "jinan"
year = 2027
title = "测试计划"
source = "003_a011f88a423f782e.txt"

[[target]]
indicator = "urban_new_jobs"
comparator = "at_least"
value = "15万人"
quote = "城镇新增就业15万人以上"
colour = "red"

[[target]]
indicator = "no_such_indicator"
comparator = "at_least"
value = 5
quote = "原文"

[[target]]
indicator = "gdp_growth"
comparator = "at_least"
value = "1600亿元"
quote = "原文"

[[target]]
indicator = "gdp_growth"
comparator = "at_least"
value = 5
quote = "原文"

[[target]]
indicator = "gdp_growth"
comparator = "at_least"
value = 6
quote = "重复"

[[target]]
indicator = "retail_sales_growth"
comparator = "at_least"
value = 3

[[target]]
indicator = "tech_smes"
comparator = "reach"
value = 10000
period = "2026"
quote = "原文"
"""

BROKEN_OUTCOMES = """\
[[outcome]]
indicator = "urban_new_jobs"
period = "2027-Q5"
value = 4
recorded_at = 2027-04-01T00:00:00Z

[[outcome]]
indicator = "urban_new_jobs"
period = "2026-Q1"
value = 4
recorded_at = 2027-04-01T00:00:00Z

[[outcome]]
indicator = "urban_new_jobs"
period = "2027-Q1"
value = "4.2万人"
recorded_at = 2027-04-01T00:00:00Z
"""


@pytest.fixture()
def broken(plans: Path) -> Path:
    (plans / "jinan" / "2027.toml").write_text(BROKEN_PLAN, encoding="utf-8")
    (plans / "jinan" / "2027.outcomes.toml").write_text(BROKEN_OUTCOMES, encoding="utf-8")
    (plans / "jinan-licheng" / "2024.toml").write_text(
        "[plan\njurisdiction = 1\n", encoding="utf-8"
    )
    return plans


def test_each_problem_is_located(broken: Path) -> None:
    """One message per problem, naming file:line and the field."""
    ws = load_workspace(broken)
    found = {(p.path.name, p.line, p.field): p.message for p in ws.problems}
    expected = {
        ("2027.toml", 12, "target[0].colour"): "unknown key",
        ("2027.toml", 15, "target[1].indicator"): "unknown indicator",
        ("2027.toml", 23, "target[2].value"): "unit mismatch",
        ("2027.toml", 33, "target[4].indicator"): "duplicate target",
        ("2027.toml", 38, "target[5].quote"): "missing",
        ("2027.toml", 47, "target[6].period"): "outside the plan's year",
        ("2027.outcomes.toml", 3, "outcome[0].period"): "quarter must be Q1",
        ("2027.outcomes.toml", 9, "outcome[1].period"): "not in this file's year",
        ("2024.toml", 1, ""): "bad TOML",
    }
    for key, fragment in expected.items():
        assert key in found, f"{key} not among {sorted(found)}"
        assert fragment in found[key], (key, found[key])
    assert len(ws.problems) == len(expected)


def test_good_records_survive_bad_neighbours(broken: Path) -> None:
    """Valid records of a file with problems are still loaded; bad ones are left out."""
    ws = load_workspace(broken)
    plan = ws.plans[("jinan", 2027)]
    assert [t.indicator for t in plan.target] == ["gdp_growth"]
    outcomes = [o for o in ws.outcomes_for("jinan") if o.period == "2027-Q1"]
    assert [o.value for o in outcomes] == [Decimal("4.2")]


def test_damaged_tail_is_explained(plans: Path) -> None:
    """A log cut off in its last record still loads; the cut record is reported with its line."""
    path = plans / "jinan" / "2026.outcomes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + '\n[[outcome]]\nindicator = "gdp_growth"\nperiod = "2026-Q2', encoding="utf-8"
    )
    before = len(load_workspace(PLANS).outcomes_for("jinan"))
    ws = load_workspace(plans)
    assert len(ws.problems) == 1
    assert "damaged record" in ws.problems[0].message
    assert ws.problems[0].path == path
    assert ws.problems[0].line == text.count("\n") + 2  # the cut record's [[outcome]] line
    assert len(ws.outcomes_for("jinan")) == before  # every complete record still loads


def test_missing_catalog_and_unknown_directory(plans: Path) -> None:
    """A missing catalog and a directory that is no jurisdiction are both reported."""
    (plans / "indicators.toml").unlink()
    (plans / "atlantis").mkdir()
    (plans / "atlantis" / "2026.toml").write_text("", encoding="utf-8")
    messages = [p.message for p in load_workspace(plans).problems]
    assert any("missing indicator catalog" in m for m in messages)
    assert any("unknown jurisdiction 'atlantis'" in m for m in messages)


def test_discovery_order(tmp_path: Path) -> None:
    """--plans, then $JINAN_TARGETS_PLANS, then ./plans, then the bundled copy."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    cwd = tmp_path / "work"
    (cwd / "plans").mkdir(parents=True)
    assert find_plans_dir(a, {ENV_VAR: str(b)}, cwd)[:2] == (a.resolve(), False)
    assert find_plans_dir(None, {ENV_VAR: str(b)}, cwd)[:2] == (b.resolve(), False)
    assert find_plans_dir(None, {}, cwd)[:2] == ((cwd / "plans").resolve(), False)
    path, bundled, origin = find_plans_dir(None, {}, tmp_path)
    assert bundled and origin == "bundled"
    assert path == bundled_plans_dir()
    with pytest.raises(WorkspaceError):
        find_plans_dir(tmp_path / "missing", {}, cwd)
    with pytest.raises(WorkspaceError):
        find_plans_dir(None, {ENV_VAR: str(tmp_path / "missing")}, cwd)


def test_copy_workspace(tmp_path: Path) -> None:
    """`init` copies a loadable dataset and refuses a non-empty destination."""
    dest = copy_workspace(tmp_path / "ws", PLANS)
    assert load_workspace(dest).problems == []
    with pytest.raises(WorkspaceError):
        copy_workspace(dest, PLANS)


def test_unreadable_bytes_are_a_problem(plans: Path) -> None:
    """A file that is not UTF-8 is reported, not a crash."""
    shutil.copy(plans / "jinan" / "2026.toml", plans / "jinan" / "2023.toml")
    (plans / "jinan" / "2023.toml").write_bytes(b"\xff\xfe[plan]\n")
    messages = [p.message for p in load_workspace(plans).problems]
    assert any("not UTF-8" in m for m in messages)
