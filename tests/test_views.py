"""Views across years and places: trend margins and hit rates, comparisons, roll-up counts."""

from __future__ import annotations

import json
from pathlib import Path

from jinan_targets.model import Status
from jinan_targets.store import load_workspace
from jinan_targets.views import compare, summary, trend

from .conftest import Invoke


def test_trend_of_gdp_growth(plans: Path) -> None:
    """2020–2022 results without a target; 2023 actual 6.1% (the statistics beat the 预计 6%)
    against 5.5%以上, met by +0.6 pp; 2024's 预计 5.5% meets 5.5%以上; 2025 5.4% against
    5.5%左右 is basically met (−0.1 pp); 2026 has only its target 5%以上."""
    ws = load_workspace(plans)
    t = trend(ws, "jinan", ws.indicators["gdp_growth"])
    by_year = {str(p.period): p for p in t.points}
    assert list(by_year) == ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    assert by_year["2020"].target is None and by_year["2020"].status is None
    assert by_year["2023"].actual is not None and str(by_year["2023"].actual.value) == "6.1"
    assert by_year["2023"].status is Status.MET and str(by_year["2023"].margin) == "0.6"
    assert by_year["2024"].target is not None and str(by_year["2024"].target.value) == "5.5"
    assert by_year["2025"].status is Status.BASICALLY_MET
    assert str(by_year["2025"].margin) == "-0.1"
    assert by_year["2026"].actual is None and by_year["2026"].to_date is None
    assert len(t.judged) == 3 and t.met == 2


def test_trend_hit_rate_and_mean_margin(jt: Invoke) -> None:
    """A 2026 result of 5.2% against 5%以上 is met by +0.2 pp: three hits in four judged years,
    mean margin (0.6 + 0 − 0.1 + 0.2) / 4 = +0.175 pp."""
    assert jt("record", "地区生产总值增长", "5.2%", "-p", "2026").exit_code == 0
    doc = json.loads(jt("trend", "gdp_growth", "--json").stdout)
    assert doc["schema"] == "jinan-targets/trend/1"
    assert [p["status"] for p in doc["points"]] == [
        None, None, None, "met", "met", "basically_met", "met"
    ]  # fmt: skip
    assert doc["judged"] == 4 and doc["hit_rate"] == 0.75 and doc["mean_margin"] == 0.175
    table = jt("trend", "地区生产总值增长").stdout
    assert "有目标且有结果的4年中完成3年（75.0%）" in table and "+0.2个百分点" in table


def test_trend_shows_five_year_figures_as_such(plans: Path) -> None:
    ws = load_workspace(plans)
    spans = {(o.indicator, o.period) for o in ws.outcomes_for("jinan") if o.period == "2021-2025"}
    assert spans, "the dataset has 十四五 totals"
    ident = sorted(spans)[0][0]
    t = trend(ws, "jinan", ws.indicators[ident])
    assert "2021-2025" in [str(p.period) for p in t.points]


def test_summary_counts(plans: Path, jt: Invoke) -> None:
    ws = load_workspace(plans)
    rows = {(r.jurisdiction.id, r.year): r for r in summary(ws, ["jinan"], [2024, 2025, 2026])}
    r2025 = rows[("jinan", 2025)]
    assert (r2025.counts["met"], r2025.counts["basically_met"], r2025.judged) == (3, 1, 4)
    assert r2025.met_share == 0.75 and r2025.counts["total"] == 10
    assert rows[("jinan", 2026)].met_share is None
    doc = json.loads(jt("summary", "--years", "2025-2026", "-j", "jinan", "--json").stdout)
    assert doc["schema"] == "jinan-targets/summary/1"
    assert [(r["year"], r["met"], r["met_share"]) for r in doc["rows"]] == [
        (2025, 3, 0.75),
        (2026, 0, None),
    ]
    every = json.loads(jt("summary", "--json").stdout)
    assert {r["jurisdiction"] for r in every["rows"]} == {
        "jinan",
        "jinan-licheng",
        "jinan-shizhong",
    }


def test_compare_city_and_district(plans: Path, jt: Invoke) -> None:
    """历城区 aims at 16 民生实事 where the city aims at 20 (below), and at the same 7% industry
    growth; only the indicators both plans hold are shown by default."""
    ws = load_workspace(plans)
    rows = {r.indicator.id: r for r in compare(ws, 2026, ["jinan", "jinan-licheng"])}
    assert set(rows) == {"industrial_va_growth", "livelihood_projects"}
    city, district = rows["livelihood_projects"].cells
    assert city is not None and district is not None
    assert str(city.target.value) == "20" and str(district.target.value) == "16"
    assert district.versus_first == -1
    assert rows["industrial_va_growth"].cells[1].versus_first == 0  # type: ignore[union-attr]
    doc = json.loads(jt("compare", "2026", "-j", "jinan,jinan-licheng", "--json").stdout)
    assert doc["schema"] == "jinan-targets/compare/1"
    assert doc["jurisdictions"] == ["jinan", "jinan-licheng"]
    one = json.loads(
        jt("compare", "2026", "-j", "jinan,jinan-licheng", "-i", "民生实事", "--json").stdout
    )
    assert [r["indicator"] for r in one["rows"]] == ["livelihood_projects"]
    assert "16件 ↓" in jt("compare", "2026").stdout


def test_view_errors_are_one_line(jt: Invoke) -> None:
    for args, message in (
        (("compare", "2026", "-j", "jinan"), "two or more"),
        (("summary", "--years", "20x6"), "not a year"),
        (("summary", "--years", "2026-2024"), "out of range"),
        (("trend", "没有这个指标"), "unknown indicator"),
        (("compare", "2026", "-j", "jinan,atlantis"), "unknown jurisdiction"),
    ):
        result = jt(*args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)


def test_compare_and_summary_as_reports(jt: Invoke, tmp_path: Path) -> None:
    md = jt("export", "2026", "--compare", "-j", "jinan,jinan-licheng", "-f", "md").stdout
    assert md.startswith("# 2026年计划目标比较：济南市、历城区")
    assert "| 民生实事 | 20件 / · 暂无数据 | 16件 ↓ / · 暂无数据 |" in md
    page = tmp_path / "compare.html"
    assert (
        jt("export", "2026", "--compare", "-j", "jinan,jinan-licheng", "-o", str(page)).exit_code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert '<tr data-indicator="livelihood_projects">' in html and "<script" not in html
    doc = json.loads(jt("export", "--summary", "--years", "2025", "-f", "json").stdout)
    assert doc["schema"] == "jinan-targets/summary/1"
    assert [(r["jurisdiction"], r["met_share"]) for r in doc["rows"]] == [("jinan", 0.75)]
    summary_md = jt("export", "--summary", "-j", "jinan", "-f", "md").stdout
    assert "| 济南市 | 2025 | 10 | 3 | 1 | 0 |" in summary_md
    summary_html = jt("export", "--summary", "-f", "html").stdout
    assert summary_html.count("<tr data-jurisdiction=") == 6
    for args, message in (
        (("export", "--summary", "-f", "csv"), "md, html or json"),
        (("export", "2026", "--compare", "-j", "jinan", "-f", "md"), "two or more"),
        (("export", "2026", "-j", "jinan,jinan-licheng", "-f", "md"), "one jurisdiction"),
    ):
        result = jt(*args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)


def test_summary_of_years_without_plans_says_so(jt: Invoke) -> None:
    result = jt("summary", "--years", "2030")
    assert result.exit_code == 0 and "这些年份没有计划" in result.stdout
    assert json.loads(jt("summary", "--years", "2030", "--json").stdout)["rows"] == []


def test_indicator_search_and_document_names(jt: Invoke) -> None:
    """Names documents use (全市生产总值增长, 新增城镇就业) find the catalog's indicators."""
    found = json.loads(jt("indicators", "--search", "就业", "--json").stdout)["indicators"]
    assert "urban_new_jobs" in [i["id"] for i in found]
    assert all("就业" in " ".join([i["id"], i["name"], *i["aliases"]]) for i in found)
    assert (
        json.loads(jt("indicators", "--search", "全市生产总值", "--json").stdout)["indicators"][0][
            "id"
        ]
        == "gdp"
    )
    for name, ident in (("全市生产总值增长", "gdp_growth"), ("新增城镇就业", "urban_new_jobs")):
        result = jt("record", name, "5%" if ident == "gdp_growth" else "8万", "-p", "Q3",
                    "--dry-run", "--json")  # fmt: skip
        assert json.loads(result.stdout)["record"]["indicator"] == ident


def test_every_kind_of_jurisdiction(plans: Path) -> None:
    """直辖市, 副省级市, 县, 县级市 and functional areas (高新区) are jurisdictions too."""
    catalog = plans / "jurisdictions.toml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + '\n[[jurisdiction]]\nid = "tianjin"\nname = "天津市"\nname_en = "Tianjin"\n'
        'level = "municipality"\n'
        '\n[[jurisdiction]]\nid = "jinan-hightech"\nname = "济南高新区"\n'
        'name_en = "Jinan Hi-tech Zone"\nlevel = "functional_area"\nparent = "jinan"\n'
        '\n[[jurisdiction]]\nid = "jinan-pingyin"\nname = "平阴县"\nname_en = "Pingyin County"\n'
        'level = "county"\nparent = "jinan"\n',
        encoding="utf-8",
    )
    ws = load_workspace(plans)
    assert ws.problems == []
    assert ws.jurisdictions["tianjin"].level == "municipality"
    assert ws.jurisdictions["jinan-hightech"].parent == "jinan"
