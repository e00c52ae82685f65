"""English quantities: Chinese scales become numbers an English reader reads, measure words that
only count are dropped, and no digit is lost."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinan_targets.english import english_quantity
from jinan_targets.period import parse_period
from jinan_targets.text import fmt_value, to_date_text, unit_text


@pytest.mark.parametrize(
    ("value", "unit", "english"),
    [
        ("15", "万人", "150,000 people"),
        ("21", "万人", "210,000 people"),
        ("1600", "亿元", "160 billion yuan"),
        ("3.1", "万亿元", "3.1 trillion yuan"),
        ("10140.9", "亿元", "1,014.09 billion yuan"),
        ("267", "家", "267"),
        ("2000", "家", "2,000"),
        ("36.2", "万亩", "362,000 mu"),
        ("550", "万千瓦", "5.5 million kW"),
        ("5.4", "%", "5.4%"),
        ("-0.1", "个百分点", "-0.1 pp"),
        ("70", "公里", "70 km"),
        ("12345", "元", "12,345 yuan"),
        ("-6", "万人", "-60,000 people"),
    ],
)
def test_english_quantities(value: str, unit: str, english: str) -> None:
    assert english_quantity(Decimal(value), unit) == english
    assert fmt_value(Decimal(value), unit, lang="en") == english


@pytest.mark.parametrize(
    ("unit", "label"),
    [("万人", "10,000 people"), ("亿元", "100 million yuan"), ("个", "count"), ("%", "%")],
)
def test_unit_labels(unit: str, label: str) -> None:
    assert unit_text(unit, "en") == label
    assert unit_text(unit, "zh") == unit


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        ("2026-Q3", "截至前三季度", "Jan–Sep"),
        ("2026-H1", "截至上半年", "Jan–Jun"),
        ("2026-05", "截至1—5月", "Jan–May"),
        ("2026", "2026年", "2026"),
        ("2021-2025", "2021—2025年", "2021–2025"),
    ],
)
def test_year_to_date_labels(period: str, zh: str, en: str) -> None:
    p = parse_period(period)
    assert to_date_text(p) == zh and to_date_text(p, "en") == en


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
    st.sampled_from(["万人", "亿元", "万亿元", "万亩", "家", "元"]),
)
def test_no_digit_is_lost(value: Decimal, unit: str) -> None:
    """Read back, the English figure is the value times its scale, exactly."""
    text = english_quantity(value, unit)
    m = re.match(r"(-?[\d,]+(?:\.\d+)?)(?: (trillion|billion|million))?", text)
    assert m is not None, text
    number = Decimal(m.group(1).replace(",", ""))
    number *= {"trillion": 10**12, "billion": 10**9, "million": 10**6, None: 1}[m.group(2)]
    scale = {"万人": 10**4, "亿元": 10**8, "万亿元": 10**12, "万亩": 10**4}.get(unit, 1)
    assert number == value * scale
