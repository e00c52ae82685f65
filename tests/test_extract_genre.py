"""The genre's rules one by one: the targets paragraph is read whatever it says, a review is
known by its words, nothing is skipped in silence, a restatement is the same promise of the same
indicator, matches stay within one measure, proposals get their attributes from the words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.extract.figures import find_figures
from jinan_targets.extract.naming import measure_of, propose_indicator
from jinan_targets.extract.phrases import LEAD_LIMIT
from jinan_targets.extract.sections import announcement
from jinan_targets.extract.targets import PlanDraft, draft_plan
from jinan_targets.model import Category, Comparator, Direction, Indicator, Kind
from jinan_targets.store import Workspace, load_workspace

from .conftest import PLANS

HEAD = "2026年政府工作报告\n三、2026年工作安排\n"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace(PLANS)


def draft(ws: Workspace, text: str, year: int | None = 2026) -> PlanDraft:
    return draft_plan(
        text,
        year=year,
        indicators=list(ws.indicators.values()),
        categories=list(ws.categories.values()),
        keep_later=False,
    )


def figures(d: PlanDraft) -> list[tuple[str, str]]:
    return [(t.comparator.value, f"{t.value}{t.unit}") for t in d.targets if t.value is not None]


# ---------------------------------------------------------------- the targets paragraph


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (  # 年均 (annual mean) is a measure here, not a five-year average
            "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右，"
            "细颗粒物年均浓度控制在29微克/立方米左右。",
            [("about", "5%"), ("about", "5.5%"), ("about", "29微克/立方米")],
        ),
        (  # 去年 in a promise to beat it
            "主要预期目标是：城镇新增就业50万人以上，粮食产量1300亿斤以上、力争比去年实现更多增长。",
            [("at_least", "50万人"), ("at_least", "1300亿斤")],
        ),
        (  # 十五五 and 五年 frame the year, they do not make it later
            "今年是“十五五”开局之年，也是五年规划的起步之年。主要目标是：地区生产总值增长5.5%，"
            "为“十五五”开好局；一般公共预算收入增长3%。",
            [("reach", "5.5%"), ("reach", "3%")],
        ),
        (  # 比去年提高 is this year's change
            "今年全市经济社会发展的预期目标为：常住人口城镇化率比去年提高1个百分点，"
            "城镇新增就业人数不少于11万人。",
            [("reach", "1个百分点"), ("at_least", "11万人")],
        ),
        (  # a clause that names a later year is a later goal, the rest are this year's
            "主要预期目标是：地区生产总值增长5%以上；到2030年，地区生产总值突破8000亿元。",
            [("at_least", "5%")],
        ),
    ],
)
def test_the_targets_paragraph_is_read_whatever_it_says(
    ws: Workspace, paragraph: str, expected: list[tuple[str, str]]
) -> None:
    d = draft(ws, HEAD + paragraph)
    assert figures(d) == expected
    assert not [k for k in d.skipped if k.reason != "later"]


@pytest.mark.parametrize(
    ("text", "year", "found"),
    [
        ("今年经济社会发展主要预期目标是：地区生产总值增长5%", 2026, True),
        ("经济社会发展的主要预期目标为：", 2026, True),
        ("今年全市经济社会发展的目标是：", 2026, True),
        ("2026年主要目标：", 2026, True),
        ("建议今年全市经济社会发展的主要预期目标是：", 2026, True),
        ("年初确定的主要预期目标基本完成。", 2026, False),  # a record of the past year
        ("全面完成了主要目标任务：", 2026, False),
        ("2025年主要预期目标是：", 2026, False),  # the targets of a past year
        ("加快建设现代化产业体系。", 2026, False),
    ],
)
def test_what_announces_the_years_targets(text: str, year: int, found: bool) -> None:
    assert (announcement(text, year) is not None) is found


@pytest.mark.parametrize(
    "text",
    [
        "居民收入增长和经济增长同步",
        "居民人均可支配收入增长与经济增长基本同步",
        "居民人均可支配收入增长与经济增长保持基本同步",
        "城乡居民收入增长与经济增长实现同步",
    ],
)
def test_in_step_names_its_reference(ws: Workspace, text: str) -> None:
    (t,) = draft(ws, HEAD + "主要预期目标是：" + text + "。").targets
    assert t.comparator is Comparator.IN_STEP
    assert t.reference == "gdp_growth"


# ---------------------------------------------------------------- reviews


@pytest.mark.parametrize(
    "review",
    [
        "刚刚过去的2025年，全市地区生产总值增长5.5%、高技术制造业增加值增长15.5%。",
        "过去一年，我们新签约亿元以上项目320个，完成投资1200亿元。",
        "一年来，全区生产总值增长5.4%，城镇新增就业32.6万人。",
        "这一年，我们新建改造农村公路126公里，新增城镇就业6200人。",
        "2025年，全省生产总值增长5.3%，外贸进出口总额增长8.5%。",
        "全年全市地区生产总值预计增长5.2%，城镇新增就业9.6万人。",  # 预计: an estimate
        "全年地区生产总值同比增长5.6%，居民消费价格上涨0.2%。",  # 同比: a comparison made
        "全年完成了固定资产投资1200亿元，新增城镇就业达到了12万人。",  # 了: done
    ],
)
def test_a_review_is_known_by_what_it_says(ws: Workspace, review: str) -> None:
    """No numbered heading: the words tell the past year; its figures are no targets and each
    paragraph skipped says why."""
    d = draft(ws, "2026年政府工作报告\n" + review + "\n")
    assert d.targets == ()
    assert len(d.skipped) == 1
    assert d.skipped[0].reason in ("review", "past") and d.skipped[0].why
    assert review.startswith(d.skipped[0].words[:8])


def test_a_review_opened_by_its_words_carries_on_until_the_plan(ws: Workspace) -> None:
    """过去一年 … 一是 … 二是 … : every paragraph of the review is the past; the targets that
    follow (a paragraph that looks ahead) are read."""
    text = (
        "2026年市政府工作报告\n"
        "过去一年，我们着力抓了以下工作：\n"
        "一是项目建设提速增效。新签约亿元以上项目320个，完成投资1200亿元。\n"
        "二是创新动能加快集聚。新增高新技术企业800家，研发经费投入强度达到2.8%。\n"
        "三是生态环境持续改善。空气质量优良天数比例达到80.5%。\n"
        "今年主要预期目标是：地区生产总值增长5%以上，城镇新增就业12万人以上。\n"
    )
    d = draft(ws, text)
    assert figures(d) == [("at_least", "5%"), ("at_least", "12万人")]
    assert [k.reason for k in d.skipped] == ["review", "review", "review"]
    assert "过去一年" in d.skipped[1].why  # the review it continues


def test_a_review_heading_is_named_as_the_reason(ws: Workspace) -> None:
    text = (
        "一、2025年工作回顾\n全市地区生产总值增长5.5%。\n二、2026年主要目标\n地区生产总值增长5%。\n"
    )
    d = draft(ws, text)
    assert figures(d) == [("reach", "5%")]
    (k,) = d.skipped
    assert k.reason == "review" and "2025年工作回顾" in k.why
    assert d.figures == 2


def test_a_document_of_past_figures_yields_nothing_and_says_why(ws: Workspace) -> None:
    d = draft(ws, "2025年，全市地区生产总值增长5.5%。\n2025年，城镇新增就业12万人。\n")
    assert d.targets == () and d.figures == 2
    assert len(d.skipped) == 2


# ---------------------------------------------------------------- restatements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # same figure, two indicators, one sentence: two targets
            "主要预期目标是：一产增加值增长6%左右，二产增加值增长6%左右，三产增加值增长5.5%左右。",
            [("about", "6%"), ("about", "6%"), ("about", "5.5%")],
        ),
        (  # 均: one figure for two things
            "城镇和农村居民人均可支配收入均增长6%。",
            [("reach", "6%"), ("reach", "6%")],
        ),
        (  # the same promise of the same indicator in another paragraph: drafted once
            "主要预期目标是：地区生产总值增长5%以上。\n（一）稳住经济增长。确保地区生产总值增长5%以上。\n",
            [("at_least", "5%")],
        ),
        (  # the same indicator with another promise is no restatement
            "主要预期目标是：地区生产总值增长5%以上。\n力争地区生产总值增长5.5%。\n",
            [("at_least", "5%"), ("reach", "5.5%")],
        ),
    ],
)
def test_a_restatement_is_the_same_promise_of_the_same_indicator(
    ws: Workspace, text: str, expected: list[tuple[str, str]]
) -> None:
    assert figures(draft(ws, HEAD + text)) == expected


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("name", "measure"),
    [
        ("研发经费投入增长", "change"),
        ("研发经费投入强度", "intensity"),
        ("数字经济核心产业增加值占比", "share"),
        ("整车出口占出口总量", "share"),  # a total something is 占 of
        ("货物进出口总额", "total"),
        ("城镇调查失业率", "rate"),
        ("PM2.5浓度", "concentration"),
        ("居民消费价格指数", "index"),
        ("城镇新增就业", ""),
        ("外贸规模企业进出口占进出口总值拉动外贸增长", "change"),  # the last word tells
    ],
)
def test_what_a_name_measures(name: str, measure: str) -> None:
    assert measure_of(name) == measure


@pytest.mark.parametrize(
    ("text", "indicator", "review"),
    [
        ("研发经费投入增长8%以上。", "new_", ""),  # not 研发经费投入强度 (a share of GDP)
        ("研发经费投入强度达到2.8%。", "rd_intensity", ""),
        ("实施500个重点产业项目。", "agri_industry_projects", "农业"),  # narrower: to check
        ("进出口总额增长3%。", "trade_growth", ""),  # a total's growth is the growth
        ("外贸进出口总值增长10%以上。", "trade_growth", ""),
        ("数字经济核心产业增加值占比达到12%。", "digital_core_share", ""),  # 增加值 is a noun
        ("城镇新增就业12万人以上。", "urban_new_jobs", ""),
    ],
)
def test_matches_stay_within_one_measure(
    ws: Workspace, text: str, indicator: str, review: str
) -> None:
    (t,) = draft(ws, text).targets
    assert t.indicator.startswith(indicator), (t.indicator, t.name)
    doubts = [r for r in t.review if "匹配" in r]
    assert bool(doubts) is bool(review) and all(review in r for r in doubts)


_CATEGORIES = [
    Category(id=c, name=n, name_en=c)
    for c, n in [
        ("economy", "经济总量与财政"),
        ("industry", "产业发展"),
        ("agriculture", "农业农村"),
        ("environment", "生态环境与能源"),
        ("livelihood", "就业与民生"),
        ("public_service", "公共服务"),
    ]
]


@pytest.mark.parametrize(
    ("text", "section", "kind", "direction", "category"),
    [
        ("城镇调查失业率5.5%以内", "", Kind.RATE, Direction.LOWER, "livelihood"),
        ("城镇调查失业率控制在5.5%左右", "", Kind.RATE, Direction.LOWER, "livelihood"),
        ("PM2.5浓度控制在35微克/立方米以内", "", Kind.RATE, Direction.LOWER, "environment"),
        ("空气质量优良天数比率达到82%以上", "", Kind.RATE, Direction.HIGHER, "environment"),
        ("单位地区生产总值能耗下降2.5%", "", Kind.RATE, Direction.LOWER, "environment"),
        ("新增托位3000个", "", Kind.FLOW, Direction.HIGHER, "livelihood"),
        ("粮食产量1300亿斤以上", "", Kind.FLOW, Direction.HIGHER, "agriculture"),
        ("二产增加值增长6%左右", "", Kind.RATE, Direction.HIGHER, "industry"),
        ("建成社区食堂200个", "（六）公共服务", Kind.FLOW, Direction.HIGHER, "public_service"),
    ],
)
def test_proposals_take_their_attributes_from_the_words(
    text: str, section: str, kind: Kind, direction: Direction, category: str
) -> None:
    """Direction from the comparator and words (以内, 控制在, 下降 → lower), kind from the unit
    and name (%, 浓度, 率 → rate), category from the name, else from the section."""
    d = draft_plan(HEAD + text + "。", year=2026, categories=_CATEGORIES)
    (t,) = d.targets
    p = t.proposal
    assert p is not None
    assert (p.kind, p.direction) == (kind, direction)
    if section:
        p = _propose_in_section(text, section)
    assert p.category == category


def _propose_in_section(text: str, section: str) -> Indicator:
    (f,) = find_figures(text)
    return propose_indicator(text[: f.start], "", f, text[: f.start], _CATEGORIES, section=section)


# ---------------------------------------------------------------- scale


_ITEMS = st.sampled_from(
    ["地区生产总值增长5%", "城镇新增就业12万人", "新建学校15所以上", "投资1600亿元", "下降3%左右"]
)


@settings(max_examples=15, deadline=None)
@given(st.lists(_ITEMS, min_size=20, max_size=120))
def test_work_per_figure_is_bounded_on_a_line_without_punctuation(items: list[str]) -> None:
    """A line of figures with no punctuation: every figure is read, and each target's quote
    (the text read for it) stays within a fixed distance of its figure, so the work is linear
    in the line's length."""
    line = "".join(items)
    d = draft_plan("主要预期目标是：" + line, year=2026)
    assert len(d.targets) >= len(items) // 2
    for t in d.targets:
        assert len(t.quote) <= 2 * LEAD_LIMIT + 20


@pytest.mark.parametrize(("size", "bound"), [(2_800, 10.0), (14_000, 45.0)])
def test_a_long_line_of_figures_is_read_in_linear_time(size: int, bound: float) -> None:
    """Generous bounds a quadratic reading missed by far (2,800 characters took 15 s and
    more, 14,000 characters over 300 s)."""
    import time

    unit = "增长5%城镇新增就业12万人"
    text = "2026年主要目标是" + unit * (size // len(unit))
    start = time.perf_counter()
    d = draft_plan(text, year=2026)
    assert time.perf_counter() - start < bound
    assert len(d.targets) == 2 * (size // len(unit))
    assert d.targets[-1].value == Decimal("12")
    assert {t.comparator for t in d.targets} == {Comparator.REACH}
