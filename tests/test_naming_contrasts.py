"""Counterparts are never one indicator: 第一产业 is not 第三产业, 收入 is not 支出."""

from __future__ import annotations

import pytest

from jinan_targets.extract.naming import contrasting, siblings


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("第一产业增加值增长", "第三产业增加值增长", True),
        ("一产增加值增长", "二产增加值增长", True),
        ("一般公共预算支出", "一般公共预算收入", True),
        ("城镇居民人均可支配收入增长", "农村居民人均可支配收入增长", True),
        ("各项贷款余额增长", "各项存款余额增长", True),
        ("出口增长", "进口增长", True),
        ("出口增长", "进出口增长", False),
        ("第三产业增加值增长", "服务业增加值增长", False),
        ("城镇新增就业", "城镇新增就业人数", False),
        ("存贷款余额增长", "贷款余额增长", False),
    ],
)
def test_counterparts(a: str, b: str, expected: bool) -> None:
    assert contrasting(a, b) is expected
    assert contrasting(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("汽车制造业增加值增长", "装备制造业增加值增长", True),
        ("第一产业增加值增长", "服务业增加值增长", True),
        ("医药制造业增加值增长", "装备制造业增加值增长", True),
        ("医药制造业增加值下降", "装备制造业增加值增长", True),
        ("全市地区生产总值", "地区生产总值", False),
        ("规上工业增加值增长", "规模以上工业增加值增长", False),
        ("固定资产投资增长", "全社会固定资产投资增长", False),
        ("进出口总额增长", "货物进出口增长", False),
        ("完成进出口总额", "货物进出口总额", False),
    ],
)
def test_kinds_of_one_thing(a: str, b: str, expected: bool) -> None:
    assert siblings(a, b) is expected
    assert siblings(b, a) is expected
