"""Periods in statistics releases: the period a release states governs what follows it, single
months stand alone, differences and shares of a target are not figures; scored against
hand-made gold lists of releases written for the tests (tests/data/releases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.extract.release_scores import read_gold, release_scores, score_release
from jinan_targets.extract.reported import draft_outcomes
from jinan_targets.extract.scope import title_period
from jinan_targets.period import Period
from jinan_targets.store import Workspace, load_workspace

from .conftest import PLANS

RELEASES = Path(__file__).parent / "data" / "releases"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace(PLANS)


def drafted(ws: Workspace, text: str, period: str | None = None) -> list[tuple[str, str, str]]:
    draft = draft_outcomes(text, period=period, indicators=list(ws.indicators.values()))
    return [(o.name, str(o.value), o.period) for o in draft.outcomes]


# ---------------------------------------------------------------- the rules, case by case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "前三季度，全市地区生产总值9862.4亿元，同比增长5.6%。分产业看，第一产业增加值301.5亿元，"
            "增长3.6%。",
            [
                ("地区生产总值", "9862.4", "2026-Q3"),
                ("地区生产总值增长", "5.6", "2026-Q3"),
                ("第一产业增加值", "301.5", "2026-Q3"),
                ("第一产业增加值增长", "3.6", "2026-Q3"),
            ],
            id="分产业看 inherits the period of the sentence before it",
        ),
        pytest.param(
            "上半年全市地区生产总值6418.9亿元，同比增长5.5%。其中，二季度增长5.8%。"
            "分产业看：第一产业增加值168.2亿元。",
            [
                ("地区生产总值", "6418.9", "2026-H1"),
                ("地区生产总值增长", "5.5", "2026-H1"),
                ("地区生产总值增长", "5.8", "2026-04..06"),
                ("第一产业增加值", "168.2", "2026-H1"),
            ],
            id="a quarter said in passing (其中，二季度) governs its own sentence only",
        ),
        pytest.param(
            "9月份，全市居民消费价格同比上涨0.5%，环比上涨0.2%；1—9月平均上涨0.3%。",
            [("居民消费价格涨幅", "0.5", "2026-09..09"), ("居民消费价格涨幅", "0.3", "2026-Q3")],
            id="a month alone, the year-to-date average, no 环比, no 平增长",
        ),
        pytest.param(
            "10月当月，社会消费品零售总额473.8亿元。其中，限额以上单位消费品零售额193.2亿元。",
            [
                ("社会消费品零售总额", "473.8", "2026-10..10"),
                ("限额以上单位消费品零售额", "193.2", "2026-10..10"),
            ],
            id="a month that opens a sentence governs the 其中 after it",
        ),
        pytest.param(
            "10月份，全市居民消费价格同比上涨0.6%。分类别看，食品烟酒价格下降1.2%。",
            [
                ("居民消费价格涨幅", "0.6", "2026-10..10"),
                ("食品烟酒价格变化", "-1.2", "2026-10..10"),
            ],
            id="a month governs what breaks it down (分类别看)",
        ),
        pytest.param(
            "全年社会消费品零售总额5168.9亿元。12月份，社会消费品零售总额486.1亿元。"
            "实物商品网上零售额1262.4亿元。",
            [
                ("社会消费品零售总额", "5168.9", "2026"),
                ("社会消费品零售总额", "486.1", "2026-12..12"),
                ("实物商品网上零售额", "1262.4", "2026"),
            ],
            id="after a month, a sentence about something else is the year's again",
        ),
        pytest.param(
            "截至6月末，全市金融机构本外币各项存款余额38862.7亿元。9月末，本外币贷款余额38961.5亿元。",
            [
                ("金融机构本外币各项存款余额", "38862.7", "2026-H1"),
                ("本外币贷款余额", "38961.5", "2026-Q3"),
            ],
            id="the end of a month is the position at the end of 1—N月",
        ),
        pytest.param(
            "今年前三季度，全市地区生产总值9862.4亿元。三季度末，本外币贷款余额38961.5亿元，"
            "同比增长9.0%，两年平均增长8.7%。",
            [
                ("地区生产总值", "9862.4", "2026-Q3"),
                ("本外币贷款余额", "38961.5", "2026-Q3"),
                ("本外币贷款余额增长", "9.0", "2026-Q3"),
            ],
            id="今年前三季度 opens the paragraph; 三季度末 is 1—9月; no 两年平均",
        ),
        pytest.param(
            "1—8月，全市规模以上服务业营业收入2916.5亿元。",
            [("规模以上服务业营业收入", "2916.5", "2026-08")],
            id="a lagging series keeps its own months",
        ),
        pytest.param(
            "前三季度，全市固定资产投资同比增长4.3%，完成全年目标任务的78.5%，比1—8月提高0.3个"
            "百分点。民间投资增长2.2%，增速比上半年回落0.8个百分点，比全省高1.2个百分点。"
            "一般公共预算收入完成年度预算的75.1%，超过时序进度0.1个百分点。",
            [("固定资产投资增长", "4.3", "2026-Q3"), ("民间投资增长", "2.2", "2026-Q3")],
            id="differences of a rate and shares of a target are no figures",
        ),
        pytest.param(
            "前三季度，全市新开工项目1286个，比上年同期增加103个。",
            [("新开工项目", "1286", "2026-Q3"), ("新开工项目增加", "103", "2026-Q3")],
            id="an increase on the year before is the increase of what was named",
        ),
        pytest.param(
            "全年，全市地区生产总值预期增长5%以上，城镇新增就业15万人以上。",
            [],
            id="the year's targets restated are no outcomes",
        ),
    ],
)
def test_periods_in_a_release(
    ws: Workspace, text: str, expected: list[tuple[str, str, str]]
) -> None:
    """Each case is a paragraph of a release for 2026 (its title gives the year)."""
    assert drafted(ws, "2026年1—10月全市经济运行情况\n\n" + text) == expected


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("2026年上半年济南市经济运行情况", "2026-H1"),
        ("2026年前三季度济南市经济运行情况", "2026-Q3"),
        ("济南市2026年1—10月经济运行简况", "2026-10"),
        ("2026年一季度全市经济运行情况", "2026-Q1"),
        ("2026年10月份全市经济运行情况", "2026-10..10"),
        ("某市2025年国民经济和社会发展统计公报", "2025"),
        ("一季度临水县经济运行情况\n发布时间：2027-04-18", "2027-Q1"),
        ("# 2026年1～9月份全市主要统计数据\n规模以上工业增加值增长7%。", "2026-Q3"),
        ("稳中有进 持续向好——济南市2026年前三季度国民经济运行情况", "2026-Q3"),
    ],
)
def test_the_title_gives_the_default(title: str, period: str) -> None:
    stated = title_period(title)
    assert stated is not None and str(stated.period) == period


@pytest.mark.parametrize(
    "title",
    [
        "一季度临水县经济运行情况",
        "济南市人民政府关于印发…的通知",
        "2026年政府工作报告",
        "2025年全市经济运行稳中有进，地区生产总值增长5.4%。",
    ],
)
def test_a_title_that_gives_no_period(title: str) -> None:
    assert title_period(title) is None


def test_a_figure_no_period_governs_is_left_out_and_counted(ws: Workspace) -> None:
    """No title, no period in the text, no --period: left out and named, as before."""
    draft = draft_outcomes("分产业看，第一产业增加值301.5亿元。", indicators=[])
    assert draft.outcomes == () and draft.undated == 1


def test_a_month_passed_over_is_named_for_review(ws: Workspace) -> None:
    text = (
        "2026年济南市经济运行情况\n\n全年社会消费品零售总额5168.9亿元。12月份，社会消费品"
        "零售总额486.1亿元。实物商品网上零售额1262.4亿元。"
    )
    last = draft_outcomes(text, indicators=list(ws.indicators.values())).outcomes[-1]
    assert last.period == "2026" and "not 12月份" in last.review[-1]


def test_evidence_points_at_the_words(ws: Workspace) -> None:
    text = (RELEASES / "jinan_2026_h1_release.txt").read_text(encoding="utf-8")
    draft = draft_outcomes(text, indicators=list(ws.indicators.values()))
    assert draft.period == "2026-H1" and draft.title is not None and draft.title.at == 0
    froms = {o.period_from for o in draft.outcomes}
    assert froms == {"sentence", "paragraph"}
    for o in draft.outcomes:
        assert o.period_offset is not None
        assert text[o.period_offset :].startswith(o.period_words), o


@settings(max_examples=60, deadline=None)
@given(
    year=st.integers(2020, 2035), month=st.integers(2, 12), spelled=st.sampled_from(["份", "当月"])
)
def test_any_single_month_stands_alone(year: int, month: int, spelled: str) -> None:
    """N月份 / N月当月 is month N alone, 1—N月 is year to date, whatever the title says."""
    text = (
        f"{year}年1—{month}月全市经济运行情况\n\n"
        f"{month}月{spelled}，全市规模以上工业增加值同比增长8.1%。"
        f"1—{month}月，规模以上工业增加值增长7.2%。"
    )
    draft = draft_outcomes(text, indicators=[])
    assert [o.period for o in draft.outcomes] == [
        str(Period(year, month, month)),
        str(Period(year, 1, month)),
    ]


# ---------------------------------------------------------------- the measurement


def test_release_scores() -> None:
    """On every release written for the tests (前三季度, 上半年, 1—10月, 一季度, 全年):
    period accuracy, precision and recall of (indicator, value, period) are each ≥ 0.95."""
    ws = load_workspace(PLANS)
    rows = release_scores(RELEASES, list(ws.indicators.values()))
    assert len(rows) >= 3
    for name, s in rows:
        assert s.period_accuracy >= 0.95, (name, s.period_accuracy, s.wrong)
        assert s.precision >= 0.95, (name, s.precision, s.extras)
        assert s.recall >= 0.95, (name, s.recall, s.misses)


def test_the_score_sees_a_wrong_period(ws: Workspace) -> None:
    """The same figures recorded as the year's (the damage the issue describes: a January–
    September figure taken for the year's result) score far below the bar."""
    import dataclasses

    text = (RELEASES / "jinan_2026_q3_release.txt").read_text(encoding="utf-8")
    gold = read_gold(text, (RELEASES / "jinan_2026_q3_release.gold.csv").read_text("utf-8"))
    draft = draft_outcomes(text, indicators=list(ws.indicators.values()))
    assert score_release(draft.outcomes, gold).period_accuracy == 1.0
    annual = [dataclasses.replace(o, period="2026") for o in draft.outcomes]
    score = score_release(annual, gold)
    assert score.period_accuracy == 0.0 and score.precision == 0.0 and score.recall == 0.0
    assert len(score.wrong) == len(annual)


def test_a_gold_anchor_must_be_unique() -> None:
    from jinan_targets.extract.release_scores import GoldError

    with pytest.raises(GoldError, match="exactly once"):
        read_gold("增长5%，增长5%。", "anchor,indicator,value,period\n增长5%,x,5,2026\n")
