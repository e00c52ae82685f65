"""--sort gap ranks on a unit-free scale: a flow ahead of schedule is not worse than a rate."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from .conftest import Invoke


@pytest.mark.parametrize(
    ("records", "order"),
    [
        # 城镇新增就业 13.2万 of 15万 by Q3: 88% against 75% (+13), short by 1.8万 in its unit;
        # GDP 4.8% against 5%以上: 4% of the target short. The rate leads, worst first.
        (
            [("城镇新增就业", "13.2万"), ("地区生产总值增长", "4.8%")],
            ["gdp_growth", "urban_new_jobs"],
        ),
        # 9万 of 15万 by Q3 is 60% against 75% (−15): behind a rate 2% short (4.9 of 5).
        (
            [("城镇新增就业", "9万"), ("地区生产总值增长", "4.9%")],
            ["urban_new_jobs", "gdp_growth"],
        ),
    ],
)
def test_gap_order_is_unit_free(
    jt: Invoke, records: list[tuple[str, str]], order: list[str]
) -> None:
    for name, value in records:
        assert jt("record", name, value, "-p", "2026-Q3").exit_code == 0
    r = jt("scorecard", "2026", "--hide-empty", "--sort", "gap", "--json")
    assert r.exit_code == 0, r.output
    ids = [row["indicator"] for row in json.loads(r.stdout)["rows"]]
    ranked = [i for i in ids if i in order]
    assert ranked == order
    assert "完成率 − 时序进度" in r.stderr  # the measure is named


def test_a_finished_flow_counts_its_excess() -> None:
    from jinan_targets.scorecard import build_scorecard
    from jinan_targets.store import load_workspace
    from jinan_targets.yearview import relative_gap

    from .conftest import PLANS

    card = build_scorecard(load_workspace(PLANS), "jinan", 2025)
    gaps = {r.indicator.id: relative_gap(r) for r in card.rows}
    jobs = gaps["urban_new_jobs"]
    assert jobs is not None and jobs == Decimal(40)  # 21万 of 15万: 40% over, the year over
