"""Provenance for everyone's data: with the documents kept in <plans>/sources/, `jt check`
verifies that each quote occurs in its source (whitespace aside) and states the number."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jinan_targets.provenance import quote_in, stated_numbers, value_is_stated

from .conftest import Invoke

DOC = "2026年，全市城镇新增就业\n15万人以上，地区生产总值增长5%以上；新建学校十二所。"


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("城镇新增就业15万人以上", True),
        ("城镇新增就业 15 万人以上", True),
        ("新增就业16万人", False),
    ],
)
def test_quote_in_ignores_whitespace(quote: str, found: bool) -> None:
    assert quote_in(quote, DOC) is found


@pytest.mark.parametrize(
    ("value", "unit", "quote", "stated"),
    [
        (Decimal(15), "万人", "城镇新增就业15万人以上", True),
        (Decimal(150000), "人", "城镇新增就业15万人以上", True),
        (Decimal(16), "万人", "城镇新增就业15万人以上", False),
        (Decimal(12), "所", "新建学校十二所", True),
        (Decimal("3.1"), "万亿元", "贷款余额3.1万亿元", True),
    ],
)
def test_value_is_stated(value: Decimal, unit: str, quote: str, stated: bool) -> None:
    assert value_is_stated(value, unit, quote) is stated
    assert stated_numbers("") == set()


def test_check_verifies_quotes_against_kept_documents(jt: Invoke, plans: Path) -> None:
    (plans / "sources").mkdir(exist_ok=True)  # the dataset keeps its documents there
    (plans / "sources" / "plan2031.txt").write_text(DOC, encoding="utf-8")
    (plans / "jinan" / "2031.toml").write_text(
        '[plan]\njurisdiction = "jinan"\nyear = 2031\ntitle = "测试"\nsource = "plan2031.txt"\n'
        '\n[[target]]\nindicator = "urban_new_jobs"\ncomparator = "at_least"\nvalue = 15\n'
        'quote = "城镇新增就业 15万人以上"\n'  # present (whitespace aside) and states 15万
        '\n[[target]]\nindicator = "gdp_growth"\ncomparator = "at_least"\nvalue = 6\n'
        'quote = "地区生产总值增长5%以上"\n'  # present, but 6 is not stated
        '\n[[target]]\nindicator = "budget_revenue_growth"\ncomparator = "reach"\nvalue = 3\n'
        'quote = "一般公共预算收入增长3%"\n',  # not in the document
        encoding="utf-8",
    )
    result = jt("check")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "2031.toml" in line]
    assert len(lines) == 2, lines
    assert any("target[1]" in line and "does not state 6%" in line for line in lines)
    assert any("target[2]" in line and "not in its source document" in line for line in lines)
