"""One year read more ways: period columns, filters, order, and what moved since a date."""

from __future__ import annotations

import json

import pytest

from .conftest import Invoke


@pytest.fixture()
def year(jt: Invoke) -> Invoke:
    """2026 with 就业 4.2万 in Q1 (published 2026-04-20) and 9.5万 in H1, GDP 5.6% in Q1."""
    for args in (
        ("就业", "4.2万", "-p", "一季度", "--published", "2026-04-20"),
        ("就业", "9.5万", "-p", "1—6月"),
        ("地区生产总值增长", "5.6%", "-p", "Q1", "--published", "2026-04-20"),
    ):
        assert jt("record", *args).exit_code == 0
    return jt


def test_period_columns(year: Invoke) -> None:
    """One column per reported period; each target judged as of each; a figure shown in the
    column of its own period only."""
    doc = json.loads(year("scorecard", "2026", "--periods", "--hide-empty", "--json").stdout)
    assert doc["schema"] == "jinan-targets/scorecard-periods/1"
    assert doc["periods"] == ["2026-Q1", "2026-H1"]
    rows = {r["indicator"]: r["cells"] for r in doc["rows"]}
    assert set(rows) == {"gdp_growth", "urban_new_jobs"}
    jobs = rows["urban_new_jobs"]
    assert [c["actual"] for c in jobs] == [4.2, 9.5]
    assert [round(c["completion"], 4) for c in jobs] == [0.28, 0.6333]
    gdp = rows["gdp_growth"]
    assert [c["actual"] for c in gdp] == [5.6, None]  # Q1's figure still judges H1
    assert [c["status"] for c in gdp] == ["on_track", "on_track"]
    table = year("scorecard", "2026", "-Q", "--hide-empty").stdout
    assert "一季度" in table and "上半年" in table and "4.2万人" in table


def test_hide_empty_and_indicator(year: Invoke) -> None:
    doc = json.loads(year("scorecard", "2026", "--hide-empty", "--json").stdout)
    assert {r["indicator"] for r in doc["rows"]} == {"gdp_growth", "urban_new_jobs"}
    one = json.loads(year("scorecard", "2026", "-i", "就业", "--json").stdout)
    assert [r["indicator"] for r in one["rows"]] == ["urban_new_jobs"]
    assert year("scorecard", "2026", "-i", "没有这个").exit_code == 2


@pytest.mark.parametrize(
    ("order", "first"),
    [("status", "basically_met"), ("completion", "urban_new_jobs"), ("gap", "gdp_growth")],
)
def test_sort_worst_first(jt: Invoke, order: str, first: str) -> None:
    """2025: GDP basically met at −0.1 pp, jobs met at 140%: worst first."""
    doc = json.loads(jt("scorecard", "2025", "--hide-empty", "--sort", order, "--json").stdout)
    rows = doc["rows"]
    if order == "status":
        assert rows[0]["status"] == first
    else:
        assert rows[0]["indicator"] == first
    assert jt("scorecard", "2025", "--sort", "alphabet").exit_code == 2


def test_changed_since(year: Invoke) -> None:
    """Since 2026-04-25 only the jobs figure moved (H1's 9.5万 was recorded later); GDP's Q1
    figure was already known. Before → after is shown."""
    doc = json.loads(year("scorecard", "2026", "--changed-since", "2026-04-25", "--json").stdout)
    assert [r["indicator"] for r in doc["rows"]] == ["urban_new_jobs"]
    before = doc["rows"][0]["before"]
    assert (before["period"], before["actual"], before["status"]) == ("2026-Q1", 4.2, "on_track")
    table = year("scorecard", "2026", "--changed-since", "2026-04-25").stdout
    assert "4.2万人 →" in table and "9.5万人" in table
    nothing = json.loads(
        year("scorecard", "2026", "--changed-since", "2099-01-01", "--json").stdout
    )
    assert nothing["rows"] == []
    assert year("scorecard", "2026", "--changed-since", "soon").exit_code == 2
