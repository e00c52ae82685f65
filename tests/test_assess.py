"""The judging rules, as case tables: every comparator × kind × in-year / final."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from jinan_targets.assess import Thresholds, assess, select_outcome
from jinan_targets.model import (
    Comparator,
    Direction,
    Indicator,
    Kind,
    Outcome,
    Status,
    Target,
    Verdict,
    Vintage,
)
from jinan_targets.period import parse_period

D = Decimal
T0 = datetime(2026, 1, 1, tzinfo=UTC)
UNITS = {Kind.RATE: "%", Kind.FLOW: "万人", Kind.STOCK: "家", Kind.QUALITATIVE: ""}


def ind(kind: Kind = Kind.FLOW, direction: Direction = Direction.HIGHER, **kw: Any) -> Indicator:
    return Indicator(
        id="x",
        name="测试",
        name_en="test",
        unit=kw.pop("unit", UNITS[kind]),
        kind=kind,
        direction=direction,
        category="c",
        **kw,
    )


def tgt(comparator: Comparator, value: str | None = None, **kw: Any) -> Target:
    return Target(
        indicator="x",
        comparator=comparator,
        value=D(value) if value is not None else None,
        quote="原文",
        **kw,
    )


def out(
    period: str,
    value: str | None = None,
    *,
    verdict: Verdict | None = None,
    vintage: Vintage = Vintage.PRELIMINARY,
    as_of: date | None = None,
    indicator: str = "x",
    seconds: int = 0,
) -> Outcome:
    return Outcome(
        indicator=indicator,
        period=period,
        value=D(value) if value else None,
        verdict=verdict,
        vintage=vintage,
        as_of=as_of,
        recorded_at=T0.replace(second=seconds),
    )


AL, RE, AB, AM, RG = (
    Comparator.AT_LEAST,
    Comparator.REACH,
    Comparator.ABOUT,
    Comparator.AT_MOST,
    Comparator.RANGE,
)
R, F, S = Kind.RATE, Kind.FLOW, Kind.STOCK
HI, LO, NE = Direction.HIGHER, Direction.LOWER, Direction.NEUTRAL

# (description, kind, direction, comparator, value, extra target fields, outcomes, status)
FINAL_CASES = [
    ("2025 城镇新增就业 21万 vs 15万人以上", F, HI, AL, "15", {}, [("2025", "21")], Status.MET),
    ("at least, short", F, HI, AL, "15", {}, [("2025", "14.9")], Status.MISSED),
    ("at least, exactly", R, HI, AL, "5", {}, [("2025", "5")], Status.MET),
    ("reach judged as at least", F, HI, RE, "200", {}, [("2025", "201")], Status.MET),
    ("reach short", S, HI, RE, "2570", {}, [("2025", "2500")], Status.MISSED),
    ("2025 GDP 5.4% vs 5.5%左右", R, HI, AB, "5.5", {}, [("2025", "5.4")], Status.BASICALLY_MET),
    ("about, above the point", R, HI, AB, "5.5", {}, [("2025", "6.0")], Status.MET),
    ("about, below the band", R, HI, AB, "5.5", {}, [("2025", "4.9")], Status.MISSED),
    ("about, edge of the band", R, HI, AB, "5.5", {}, [("2025", "5.0")], Status.BASICALLY_MET),
    ("CPI 0.2% vs 3%左右 is a ceiling", R, LO, AB, "3", {}, [("2025", "0.2")], Status.MET),
    ("CPI 3.3% vs 3%左右", R, LO, AB, "3", {}, [("2025", "3.3")], Status.BASICALLY_MET),
    ("CPI 3.6% vs 3%左右", R, LO, AB, "3", {}, [("2025", "3.6")], Status.MISSED),
    ("revenue growth above the band is met", R, HI, AB, "3", {}, [("2025", "8")], Status.MET),
    ("neutral about, inside the band", R, NE, AB, "50", {}, [("2025", "50.4")], Status.MET),
    ("neutral about, outside", R, NE, AB, "50", {}, [("2025", "51")], Status.MISSED),
    ("about a count: ±10% band", F, HI, AB, "10", {}, [("2025", "9")], Status.BASICALLY_MET),
    ("about a count: below band", F, HI, AB, "10", {}, [("2025", "8.9")], Status.MISSED),
    (
        "about with explicit band",
        R,
        HI,
        AB,
        "5.5",
        {"band": D("0.2")},
        [("2025", "5.2")],
        Status.MISSED,
    ),
    ("at most met", R, LO, AM, "3", {}, [("2025", "2.9")], Status.MET),
    ("at most missed", R, LO, AM, "3", {}, [("2025", "3.1")], Status.MISSED),
    ("range inside", F, HI, RG, "1", {"high": D(2)}, [("2025", "2")], Status.MET),
    ("range above, higher is better", F, HI, RG, "1", {"high": D(2)}, [("2025", "3")], Status.MET),
    ("range below", F, HI, RG, "1", {"high": D(2)}, [("2025", "0")], Status.MISSED),
    ("range above, neutral", F, NE, RG, "1", {"high": D(2)}, [("2025", "3")], Status.MISSED),
    ("range below, lower is better", F, LO, RG, "1", {"high": D(2)}, [("2025", "0")], Status.MET),
    ("at most, a flow under its cap", F, LO, AM, "100", {}, [("2025", "90")], Status.MET),
    ("stock at least, reached", S, HI, AL, "400", {}, [("2025", "420")], Status.MET),
    ("stock about, inside band", S, HI, AB, "20", {}, [("2025", "18.5")], Status.BASICALLY_MET),
    ("rate range, neutral, inside", R, NE, RG, "2", {"high": D(3)}, [("2025", "2.5")], Status.MET),
    (
        "rate range, neutral, above",
        R,
        NE,
        RG,
        "2",
        {"high": D(3)},
        [("2025", "3.2")],
        Status.MISSED,
    ),
    ("no data", F, HI, AL, "15", {}, [], Status.NO_DATA),
    ("Q4 is the whole year", F, HI, AL, "15", {}, [("2025-Q4", "16")], Status.MET),
    ("December is the whole year", F, HI, AL, "15", {}, [("2025-12", "14")], Status.MISSED),
]


@pytest.mark.parametrize(
    ("desc", "kind", "direction", "comp", "value", "extra", "outcomes", "status"),
    FINAL_CASES,
    ids=[c[0] for c in FINAL_CASES],
)
def test_final_year(
    desc: str,
    kind: Kind,
    direction: Direction,
    comp: Comparator,
    value: str,
    extra: dict[str, Any],
    outcomes: list[tuple[str, str]],
    status: Status,
) -> None:
    """After the year: met / basically met / missed."""
    a = assess(
        tgt(comp, value, **extra), ind(kind, direction), [out(p, v) for p, v in outcomes], year=2025
    )
    assert a.status is status, desc
    if outcomes:
        assert a.final


# (description, kind, comparator, value, outcome period, actual, status)
IN_YEAR_CASES = [
    ("flow at 28% after Q1", F, AL, "15", "2026-Q1", "4.2", Status.ON_TRACK),
    ("flow 3pp behind schedule", F, AL, "100", "2026-H1", "47", Status.AT_RISK),
    ("flow far behind", F, AL, "100", "2026-Q3", "50", Status.OFF_TRACK),
    ("flow reached early", F, RE, "700", "2026-Q3", "705", Status.MET),
    ("flow at most, under pace", F, AM, "100", "2026-H1", "40", Status.ON_TRACK),
    ("flow at most, already over", F, AM, "100", "2026-H1", "101", Status.MISSED),
    ("rate at or above target", R, AL, "5", "2026-Q1", "5.6", Status.ON_TRACK),
    ("rate slightly below", R, AL, "5", "2026-Q1", "4.7", Status.AT_RISK),
    ("rate well below", R, AL, "5", "2026-Q1", "3.9", Status.OFF_TRACK),
    ("rate about, inside band", R, AB, "5.5", "2026-H1", "5.2", Status.AT_RISK),
    ("range flow counts its lower bound", F, RG, "1", "2026-H1", "1", Status.MET),
    ("rate at most, under the cap", R, AM, "3", "2026-Q2", "2.8", Status.ON_TRACK),
    ("rate at most, slightly over", R, AM, "3", "2026-Q2", "3.3", Status.AT_RISK),
    ("rate at most, well over", R, AM, "3", "2026-Q2", "4", Status.OFF_TRACK),
    ("rate range, below the low end", R, RG, "1", "2026-Q1", "0.8", Status.AT_RISK),
    ("flow about, on schedule", F, AB, "10", "2026-Q2", "5", Status.ON_TRACK),
    ("stock at least without baseline", S, AL, "100", "2026-Q3", "80", Status.ON_TRACK),
    ("reach, a month's figure", F, RE, "12", "2026-05", "5", Status.ON_TRACK),
]


@pytest.mark.parametrize(
    ("desc", "kind", "comp", "value", "period", "actual", "status"),
    IN_YEAR_CASES,
    ids=[c[0] for c in IN_YEAR_CASES],
)
def test_in_year(
    desc: str, kind: Kind, comp: Comparator, value: str, period: str, actual: str, status: Status
) -> None:
    """During the year: on_track / at_risk / off_track, or met when a flow already got there."""
    extra = {"high": D(2)} if comp is RG else {}
    a = assess(tgt(comp, value, **extra), ind(kind), [out(period, actual)], year=2026)
    assert a.status is status, desc
    assert not a.final


def test_flow_schedule_numbers() -> None:
    """4.2万 of 15万 after Q1: 完成率 28%, 时序进度 25%, 超时序进度3个百分点, and the pace
    the rest of the year needs."""
    a = assess(tgt(AL, "15"), ind(F), [out("2026-Q1", "4.2")], year=2026)
    assert a.completion == D("0.28")
    assert a.time_progress == D("0.25")
    assert a.schedule_gap == D("0.03")
    assert a.required_pace == (D(15) - D("4.2")) / 9  # 后三季度月均需完成 1.2万人


def test_completion_and_excess() -> None:
    """21万 of 15万 is 140% (超额40%); Shandong 2022 新增就业 120.2万 of 110万 is 109.3%."""
    a = assess(tgt(AL, "15"), ind(F), [out("2025", "21")], year=2025)
    assert a.completion == D("1.4")
    assert a.gap == D(6)
    b = assess(tgt(AL, "110"), ind(F), [out("2022", "120.2")], year=2022)
    assert b.completion is not None
    assert round(b.completion * 100, 1) == D("109.3")


def test_rate_gap_in_points_and_no_completion() -> None:
    """A growth rate is judged by its pp gap, never by a ratio of rates."""
    a = assess(tgt(AB, "5.5"), ind(R), [out("2025", "5.4")], year=2025)
    assert a.gap == D("-0.1")
    assert a.completion is None
    assert a.band == D("0.5")


def test_rate_required_pace() -> None:
    """A rate behind target after Q1 reports the average the rest of the year needs."""
    a = assess(tgt(AL, "5"), ind(R), [out("2026-Q1", "4.4")], year=2026)
    assert a.required_pace == (D(5) * 12 - D("4.4") * 3) / 9


def test_stock_progress_from_baseline() -> None:
    """A stock is judged from the prior year-end: 8000 → 10000, at 8600 after Q1 is 30% there."""
    outcomes = [out("2025", "8000"), out("2026-Q1", "8600")]
    a = assess(tgt(RE, "10000"), ind(S), outcomes, year=2026)
    assert a.baseline is not None
    assert a.progress == D("0.3")
    assert a.completion == D("0.86")
    assert a.status is Status.ON_TRACK
    assert a.schedule_gap == D("0.05")


def test_stock_without_baseline_counts_from_zero() -> None:
    """No prior year-end: progress counts from zero and says so."""
    a = assess(tgt(RE, "100"), ind(S), [out("2026-H1", "47")], year=2026)
    assert a.baseline is None
    assert a.status is Status.AT_RISK
    assert a.notes


def test_in_step_with_gdp() -> None:
    """居民收入增长 in step with GDP growth, with a 0.1 pp tolerance."""
    target = tgt(Comparator.IN_STEP, reference="gdp_growth")
    gdp = [out("2025", "5.4", indicator="gdp_growth")]
    cases = [("5.6", Status.MET), ("5.4", Status.MET), ("5.3", Status.MET), ("5.2", Status.MISSED)]
    for income, status in cases:
        a = assess(target, ind(R), [out("2025", income)], year=2025, reference_outcomes=gdp)
        assert a.status is status, income
    no_ref = assess(target, ind(R), [out("2025", "5.6")], year=2025)
    assert no_ref.status is Status.NO_DATA


def test_above_benchmark() -> None:
    """进出口增幅高于全省: strictly above the benchmark of the same period."""
    target = tgt(Comparator.ABOVE, reference="trade_growth", reference_jurisdiction="shandong")
    province = [out("2026-Q1", "4.7", indicator="trade_growth")]
    assert (
        assess(
            target, ind(R), [out("2026-Q1", "28.8")], year=2026, reference_outcomes=province
        ).status
        is Status.ON_TRACK
    )
    assert (
        assess(
            target, ind(R), [out("2026-Q1", "4.7")], year=2026, reference_outcomes=province
        ).status
        is Status.AT_RISK
    )
    assert (
        assess(
            target, ind(R), [out("2026-Q1", "3.0")], year=2026, reference_outcomes=province
        ).status
        is Status.OFF_TRACK
    )
    province_year = [out("2026", "5.0", indicator="trade_growth")]
    assert (
        assess(
            target, ind(R), [out("2026", "4.0")], year=2026, reference_outcomes=province_year
        ).status
        is Status.MISSED
    )


def test_qualitative() -> None:
    """A qualitative target waits for a verdict; a figure alone leaves it pending."""
    q = tgt(Comparator.QUALITATIVE)
    assert assess(q, ind(R), [], year=2025).status is Status.PENDING
    assert assess(q, ind(R), [out("2025", "0.2")], year=2025).status is Status.PENDING
    met = out("2025", verdict=Verdict.MET)
    assert assess(q, ind(R), [met], year=2025).status is Status.MET
    missed_q1 = out("2025-Q1", verdict=Verdict.MISSED)
    assert assess(q, ind(R), [missed_q1], year=2025).status is Status.OFF_TRACK


def test_newest_vintage_wins() -> None:
    """预计 6% then the statistics' 6.1%: the later vintage wins, whatever the file order."""
    est = out("2023", "6", vintage=Vintage.ESTIMATE, as_of=date(2024, 1, 10))
    stats = out("2023", "6.1", vintage=Vintage.PRELIMINARY, as_of=date(2024, 3, 1))
    for log in ([est, stats], [stats, est]):
        chosen = select_outcome(log, period_filter=parse_period("2023"))
        assert chosen is not None
        assert chosen.value == D("6.1")
    revised = out("2023", "6.2", vintage=Vintage.PRELIMINARY, as_of=date(2024, 6, 1))
    chosen = select_outcome([stats, revised, est], period_filter=parse_period("2023"))
    assert chosen is not None
    assert chosen.value == D("6.2")


def test_as_recorded_uses_what_was_known() -> None:
    """--as-recorded judges with the figures known on that date."""
    est = out("2023", "6", vintage=Vintage.ESTIMATE, as_of=date(2024, 1, 10))
    stats = out("2023", "6.1", vintage=Vintage.PRELIMINARY, as_of=date(2024, 3, 1))
    a = assess(tgt(AL, "6.05"), ind(R), [est, stats], year=2023, known_by=date(2024, 2, 1))
    assert a.actual is est
    assert a.status is Status.MISSED
    b = assess(tgt(AL, "6.05"), ind(R), [est, stats], year=2023)
    assert b.status is Status.MET


def test_as_of_limits_periods_and_latest_period_wins() -> None:
    """--as-of 2026-Q1 ignores later periods; otherwise the latest cumulative period is used."""
    log = [out("2026-Q1", "4"), out("2026-H1", "8"), out("2026-H2", "9")]
    assert (
        assess(tgt(AL, "15"), ind(F), log, year=2026, as_of=parse_period("2026-Q1")).actual
        == log[0]
    )
    assert assess(tgt(AL, "15"), ind(F), log, year=2026).actual == log[1]
    other_year = [out("2025", "20")]
    assert assess(tgt(AL, "15"), ind(F), other_year, year=2026).status is Status.NO_DATA


def test_thresholds_are_overridable() -> None:
    """A stricter at-risk threshold turns a 3 pp lag from at_risk into off_track."""
    log = [out("2026-H1", "47")]
    assert assess(tgt(AL, "100"), ind(F), log, year=2026).status is Status.AT_RISK
    strict = Thresholds(schedule_at_risk=D("0.01"))
    assert (
        assess(tgt(AL, "100"), ind(F), log, year=2026, thresholds=strict).status is Status.OFF_TRACK
    )


def test_span_target_uses_its_own_period() -> None:
    """A five-year target is judged with the five-year figure only."""
    target = tgt(AL, "90", period="2021-2025")
    log = [out("2025", "21"), out("2021-2025", "95.5")]
    a = assess(target, ind(F), log, year=2025)
    assert a.actual == log[1]
    assert a.status is Status.MET
