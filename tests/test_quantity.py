"""Quantities as people type them and documents print them."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinan_targets.quantity import QuantityError, format_number, parse_quantity, parse_unit, to_unit

D = Decimal

CASES = [
    # text, indicator unit, value in that unit
    ("15万", "万人", D("15")),
    ("21万人", "万人", D("21")),
    ("15万人以上", "万人", D("15")),
    ("1600亿元", "亿元", D("1600")),
    ("3.1万亿元", "亿元", D("31000")),
    ("1.4万亿元", "亿元", D("14000")),
    ("36.2万亩", "万亩", D("36.2")),
    ("5.4%", "%", D("5.4")),
    ("５．４％", "%", D("5.4")),
    ("１５％", "%", D("15")),
    ("下降9%", "%", D("-9")),
    ("−0.4%", "%", D("-0.4")),
    ("增长1.7倍", "%", D("170")),
    ("增长5.4%", "%", D("5.4")),
    ("上涨0.2%", "%", D("0.2")),
    ("百余个", "个", D("100")),
    ("0.5个百分点", "个百分点", D("0.5")),
    ("550万千瓦以上", "万千瓦", D("550")),
    ("3000台（套）以上", "台", D("3000")),
    ("二十", "个", D("20")),
    ("二十万人", "万人", D("20")),
    ("百亿元", "亿元", D("100")),
    ("1,600亿元", "亿元", D("1600")),
    ("突破6600家", "家", D("6600")),
    ("7", "%", D("7")),
    ("21", "万人", D("21")),
    ("翻一番", "%", D("100")),
]


@pytest.mark.parametrize(("text", "unit", "expected"), CASES)
def test_parse_into_indicator_unit(text: str, unit: str, expected: Decimal) -> None:
    """Each form converts to the indicator's unit exactly (Decimal, no float drift)."""
    assert to_unit(parse_quantity(text), unit) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("1600亿元", "万人"),  # money for a head count
        ("21万人", "亿元"),
        ("5.4%", "万人"),
        ("21万", "%"),  # a scaled count is not a percentage
        ("0.5个百分点", "%"),
        ("3万家", "万人"),
    ],
)
def test_unit_mismatch_is_refused_with_reason(text: str, unit: str) -> None:
    """A unit that does not fit is refused and the message names both units."""
    with pytest.raises(QuantityError) as info:
        to_unit(parse_quantity(text), unit, what="城镇新增就业")
    assert "unit mismatch" in str(info.value)
    assert unit in str(info.value)


@pytest.mark.parametrize("text", ["", "   ", "abc", "nan", "inf", "万", "1.7倍", "%"])
def test_unreadable_values_raise(text: str) -> None:
    """Empty, non-numeric, NaN/inf and a bare 倍 without 增长 are refused."""
    with pytest.raises(QuantityError):
        parse_quantity(text)


def test_qualifiers_are_kept() -> None:
    """以上/左右/余 are remembered, not silently dropped."""
    assert parse_quantity("15万人以上").qualifier == "以上"
    assert parse_quantity("3%左右").qualifier == "左右"
    assert parse_quantity("百余个").qualifier == "余"


def test_parse_unit() -> None:
    """Units split into a scale and a base; 千瓦 is not 千 × 瓦."""
    assert parse_unit("万人") == parse_unit("万人")
    assert parse_unit("万亿元").scale == D(10) ** 12
    assert parse_unit("万亿元").base == "元"
    assert parse_unit("千瓦").base == "千瓦"
    assert parse_unit("万千瓦").scale == D(10) ** 4
    assert parse_unit("%").base == "%"


decimals = st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2, allow_nan=False)


@given(decimals, st.sampled_from(["万人", "亿元", "万亩", "个", "家", "%", "万千瓦", "公里"]))
def test_round_trip_number_and_unit(value: Decimal, unit: str) -> None:
    """Formatting a value with its unit and parsing it back gives the same Decimal."""
    text = f"{format_number(value)}{unit}"
    assert to_unit(parse_quantity(text), unit) == value


@given(decimals)
def test_fullwidth_equals_ascii(value: Decimal) -> None:
    """Full-width digits and ％ read the same as ASCII."""
    ascii_text = f"{format_number(value)}%"
    full = ascii_text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))
    assert parse_quantity(full).magnitude == parse_quantity(ascii_text).magnitude


@given(decimals)
def test_scaling_is_exact(value: Decimal) -> None:
    """N万人 is N in 万人 and N×10⁴ in 人: scaling never loses digits."""
    q = parse_quantity(f"{format_number(value)}万人")
    assert to_unit(q, "万人") == value
    assert to_unit(q, "人") == value * 10000


@given(st.text(max_size=12))
def test_parser_never_crashes(text: str) -> None:
    """Arbitrary text either parses or raises QuantityError, nothing else."""
    with contextlib.suppress(QuantityError):
        parse_quantity(text)
