"""Reporting periods: every spelling of a span is one period, with the share of the year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinan_targets.period import Period, PeriodError, parse_period

# (typed, canonical, 时序进度 or None when the span does not start in January)
CASES = [
    ("2026", "2026", Decimal(1)),
    ("2026年", "2026", Decimal(1)),
    ("2026年全年", "2026", Decimal(1)),
    ("2026-Q4", "2026", Decimal(1)),
    ("2026-12", "2026", Decimal(1)),
    ("2026年1—12月", "2026", Decimal(1)),
    ("2026-Q1", "2026-Q1", Decimal("0.25")),
    ("2026-03", "2026-Q1", Decimal("0.25")),
    ("2026年一季度", "2026-Q1", Decimal("0.25")),
    ("2026年第一季度", "2026-Q1", Decimal("0.25")),
    ("2026年1—3月", "2026-Q1", Decimal("0.25")),
    ("2026Q3", "2026-Q3", Decimal("0.75")),
    ("2026-9", "2026-Q3", Decimal("0.75")),
    ("2026年前三季度", "2026-Q3", Decimal("0.75")),
    ("2026年1—9月", "2026-Q3", Decimal("0.75")),
    ("2026年1至9月", "2026-Q3", Decimal("0.75")),
    ("2026年1-9月", "2026-Q3", Decimal("0.75")),
    ("2026年1~9月份", "2026-Q3", Decimal("0.75")),
    ("2026-H1", "2026-H1", Decimal("0.5")),
    ("2026-Q2", "2026-H1", Decimal("0.5")),
    ("2026-06", "2026-H1", Decimal("0.5")),
    ("2026年上半年", "2026-H1", Decimal("0.5")),
    ("2026年前6个月", "2026-H1", Decimal("0.5")),
    ("２０２６－Ｑ２", "2026-H1", Decimal("0.5")),
    ("2026年前5个月", "2026-05", Decimal(5) / 12),
    ("2026年前五个月", "2026-05", Decimal(5) / 12),
    ("2026年1—5月", "2026-05", Decimal(5) / 12),
    ("2026年1月", "2026-01", Decimal(1) / 12),
    ("2021-2025", "2021-2025", Decimal(1)),
    ("2021—2025年", "2021-2025", Decimal(1)),
    ("十四五", "2021-2025", Decimal(1)),
    ("“十五五”时期", "2026-2030", Decimal(1)),
    # not year to date: kept apart, never used to judge progress
    ("2026-H2", "2026-H2", None),
    ("2026年下半年", "2026-H2", None),
    ("2026年第三季度", "2026-07..09", None),
    ("2026年三季度", "2026-07..09", None),
    ("2026年二季度", "2026-04..06", None),
    ("2026年3月份", "2026-03..03", None),
    ("2026年7—9月", "2026-07..09", None),
    ("2026-07..09", "2026-07..09", None),
]


@pytest.mark.parametrize(("text", "canonical", "elapsed"), CASES)
def test_parse_and_elapsed(text: str, canonical: str, elapsed: Decimal | None) -> None:
    """Each spelling maps to one canonical period with its 时序进度."""
    p = parse_period(text)
    assert str(p) == canonical
    assert p.cumulative is (elapsed is not None)
    if elapsed is not None:
        assert p.elapsed == elapsed


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("前三季度", "1—9月"),
        ("上半年", "1—6月"),
        ("一季度", "1—3月"),
        ("全年", "1—12月"),
        ("2026-Q4", "2026-12"),
        ("2026-Q3", "2026-09"),
        ("Q1", "2026-03"),
    ],
)
def test_one_span_one_period(a: str, b: str) -> None:
    """Two names of one span are equal periods, so they compare and supersede as one."""
    assert parse_period(a, default_year=2026) == parse_period(b, default_year=2026)
    assert hash(parse_period(a, 2026)) == hash(parse_period(b, 2026))


def test_bare_forms_take_the_plan_year() -> None:
    """Q1, H1, 上半年 and 前5个月 without a year take the default year, or say it is missing."""
    assert str(parse_period("Q1", default_year=2026)) == "2026-Q1"
    assert str(parse_period("h1", default_year=2026)) == "2026-H1"
    assert str(parse_period("前5个月", default_year=2026)) == "2026-05"
    for text in ("Q1", "上半年", "3月份"):
        with pytest.raises(PeriodError, match="no year"):
            parse_period(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-Q5",
        "2026-Q0",
        "2026-13",
        "2026-00",
        "2026-H3",
        "abc",
        "",
        "   ",
        "2025-2021",
        "1800",
        "二〇二六",
        "2026年9—3月",
        "2026年13月",
        "2026年前五季度",
    ],
)
def test_impossible_periods_raise(text: str) -> None:
    """Impossible or unreadable periods raise PeriodError with a reason."""
    with pytest.raises(PeriodError):
        parse_period(text)


def test_error_quotes_little_of_a_long_input() -> None:
    """A long bad input is quoted only in part."""
    with pytest.raises(PeriodError) as info:
        parse_period("x" * 5000)
    assert len(str(info.value)) < 300


def test_labels() -> None:
    """Chinese labels follow statistical usage; single quarters and months say so."""
    assert parse_period("2026-Q1").label() == "2026年一季度"
    assert parse_period("2026-Q3").label() == "2026年前三季度"
    assert parse_period("2026-H1").label() == "2026年上半年"
    assert parse_period("2026-05").label() == "2026年1—5月"
    assert parse_period("2026-Q1").label("en") == "2026 Q1"
    assert parse_period("2026年第三季度").label() == "2026年第三季度（7—9月，单季）"
    assert parse_period("2026年3月份").label() == "2026年3月（当月）"
    assert parse_period("2026-H2").label() == "2026年下半年"


periods = st.one_of(
    st.builds(Period.whole_year, st.integers(1950, 2100)),
    st.builds(
        lambda y, s, n: Period(y, s, min(12, s + n)),
        st.integers(1950, 2100),
        st.integers(1, 12),
        st.integers(0, 11),
    ),
    st.builds(
        lambda y, n: Period(y + n, start_year=y), st.integers(1950, 2090), st.integers(1, 10)
    ),
)


@given(periods)
def test_round_trip(period: Period) -> None:
    """str() then parse gives the same period, and so does its Chinese label."""
    assert parse_period(str(period)) == period
    assert parse_period(period.label()) == period


@given(periods)
def test_elapsed_matches_end_month(period: Period) -> None:
    """时序进度 is the end month over twelve, within [1/12, 1]."""
    assert period.elapsed == Decimal(period.end_month) / 12
    assert Decimal(1) / 12 <= period.elapsed <= 1
