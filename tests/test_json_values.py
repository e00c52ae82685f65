"""One type per field across every JSON output: figures are exact JSON numbers."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinan_targets.jsonout import dumps, number, ratio

from .conftest import Invoke


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12))
def test_any_decimal_is_written_exactly(value: Decimal) -> None:
    back = json.loads(dumps({"v": value, "w": [value]}), parse_float=Decimal)
    assert Decimal(back["v"]) == value
    assert Decimal(back["w"][0]) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("0.000000000001"), "0.000000000001"),
        (Decimal("5.50"), "5.5"),
        (Decimal("1E+3"), "1000"),
        (Decimal("-0.0"), "0"),
        (Decimal("-3"), "-3"),
        (Decimal("31000"), "31000"),
    ],
)
def test_numbers_are_written_as_accepted(value: Decimal, text: str) -> None:
    assert dumps(value) == text


def test_a_string_that_looks_like_the_marker_stays_a_string() -> None:
    out = json.loads(dumps({"a": "x:0", "b": Decimal(1)}))
    assert out == {"a": "x:0", "b": 1}


def test_ratios_are_rounded_figures_are_not() -> None:
    assert ratio(Decimal(2) / Decimal(3)) == Decimal("0.666667")
    assert number(Decimal("0.0000004")) == Decimal("0.0000004")


def test_tiny_values_survive_record_history_and_scorecard(jt: Invoke) -> None:
    """0.000000000001万人 and 0.0000004% are stored and shown as written, never as 0."""
    r = jt("record", "城镇新增就业", "0.000000000001", "-p", "2026-Q1", "--json")
    assert r.exit_code == 0, r.output
    assert '"value": 0.000000000001' in r.stdout
    r = jt("record", "地区生产总值增长", "0.0000004%", "-p", "2026-Q1", "--json")
    assert r.exit_code == 0, r.output
    hist = json.loads(jt("history", "城镇新增就业", "--json").stdout, parse_float=Decimal)
    assert Decimal("0.000000000001") in [rec["value"] for rec in hist["records"]]
    card = json.loads(jt("scorecard", "2026", "--json").stdout, parse_float=Decimal)
    actual = {row["indicator"]: row["actual"] for row in card["rows"]}
    assert actual["gdp_growth"] == Decimal("0.0000004")


@pytest.mark.parametrize(
    "args",
    [
        ("record", "城镇新增就业", "3.2万", "-p", "2026-Q1", "--dry-run", "--json"),
        ("history", "地区生产总值增长", "--json"),
        ("scorecard", "2025", "--json"),
        ("targets", "2026", "--json"),
    ],
)
def test_values_are_numbers_in_every_output(jt: Invoke, args: tuple[str, ...]) -> None:
    doc = json.loads(jt(*args).stdout)
    seen: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("value", "actual", "target") and value is not None:
                    seen.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    assert seen
    assert all(isinstance(v, int | float) for v in seen), seen
