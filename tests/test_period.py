"""Reporting periods and the share of the year they cover."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinan_targets.period import Period, PeriodError, parse_period

CASES = [
    ("2026", "2026", Decimal(1)),
    ("2026-Q1", "2026-Q1", Decimal("0.25")),
    ("2026Q3", "2026-Q3", Decimal("0.75")),
    ("2026-Q4", "2026-Q4", Decimal(1)),
    ("2026-H1", "2026-H1", Decimal("0.5")),
    ("2026-03", "2026-03", Decimal("0.25")),
    ("2026-9", "2026-09", Decimal("0.75")),
    ("2021-2025", "2021-2025", Decimal(1)),
    ("2021—2025年", "2021-2025", Decimal(1)),
    ("2026年一季度", "2026-Q1", Decimal("0.25")),
    ("2026年前三季度", "2026-Q3", Decimal("0.75")),
    ("2026年1—9月", "2026-09", Decimal("0.75")),
    ("2026年上半年", "2026-H1", Decimal("0.5")),
    ("２０２６－Ｑ２", "2026-Q2", Decimal("0.5")),
]


@pytest.mark.parametrize(("text", "canonical", "elapsed"), CASES)
def test_parse_and_elapsed(text: str, canonical: str, elapsed: Decimal) -> None:
    """Each spelling maps to one canonical period with its 时序进度."""
    p = parse_period(text)
    assert str(p) == canonical
    assert p.elapsed == elapsed


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
        "2025-2021",
        "1800",
        "二〇二六",
    ],
)
def test_impossible_periods_raise(text: str) -> None:
    """Impossible or unreadable periods raise PeriodError with a reason."""
    with pytest.raises(PeriodError):
        parse_period(text)


def test_relative_chinese_needs_a_year() -> None:
    """上半年 alone needs a default year."""
    assert str(parse_period("上半年", default_year=2026)) == "2026-H1"
    with pytest.raises(PeriodError):
        parse_period("上半年")


def test_h2_is_not_cumulative() -> None:
    """下半年 is the only non-cumulative period; it is never used to judge progress."""
    assert not parse_period("2026-H2").cumulative
    assert parse_period("2026-Q2").cumulative


def test_labels() -> None:
    """Chinese labels follow statistical usage."""
    assert parse_period("2026-Q1").label() == "2026年一季度"
    assert parse_period("2026-Q3").label() == "2026年前三季度"
    assert parse_period("2026-05").label() == "2026年1—5月"
    assert parse_period("2026-Q1").label("en") == "2026 Q1"


periods = st.one_of(
    st.builds(lambda y: Period("year", y), st.integers(1950, 2100)),
    st.builds(lambda y, q: Period("quarter", y, q), st.integers(1950, 2100), st.integers(1, 4)),
    st.builds(lambda y, h: Period("half", y, h), st.integers(1950, 2100), st.integers(1, 2)),
    st.builds(lambda y, m: Period("month", y, m), st.integers(1950, 2100), st.integers(1, 12)),
    st.builds(
        lambda y, n: Period("span", y + n, 0, y), st.integers(1950, 2090), st.integers(1, 10)
    ),
)


@given(periods)
def test_round_trip(period: Period) -> None:
    """str() then parse gives the same period; a Chinese label reads back to the same span of
    months (一季度 = 2026-Q1, but 上半年 is H1 whether it came from Q2 or H1)."""
    assert parse_period(str(period)) == period
    if period.cumulative:
        back = parse_period(period.label())
        assert (back.year, back.end_month) == (period.year, period.end_month)


@given(periods)
def test_elapsed_matches_end_month(period: Period) -> None:
    """时序进度 is the end month over twelve, within [1/12, 1]."""
    assert period.elapsed == Decimal(period.end_month) / 12
    assert Decimal(1) / 12 <= period.elapsed <= 1
