"""`jt import` of statistics tables as a 统计局 publishes them: title and unit rows, merged and
two-row headers, 计量单位, growth and index columns, sub-items, footnotes, GBK CSV, XLSX number
formats and formulas. Each is checked against the figures in force after the import."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jinan_targets.model import Indicator
from jinan_targets.namematch import Catalog
from jinan_targets.store import load_workspace

from .conftest import PLANS, Invoke

Rows = list[list[object]]

TITLE = "济南市主要经济指标（2026年1—9月）"
# A 主要经济指标 sheet as published: title, unit line, header, indented sub-items, an index row,
# a unit column in 人, 元 and 万元, and footnotes holding numbers that are not figures.
SHEET: Rows = [
    [TITLE, "", "", ""],
    ["", "", "", "单位：亿元、%"],
    ["指标名称", "计量单位", "1—9月", "比上年同期增长（%）"],
    ["地区生产总值", "亿元", "9876.5", "5.6"],
    ["　　第一产业", "亿元", "300.1", "3.5"],
    ["规模以上工业增加值", "—", "—", "7.2"],
    ["固定资产投资", "—", "—", "4.1"],
    ["  其中：工业投资", "—", "—", "10.2"],
    ["社会消费品零售总额", "亿元", "4000.2", "5.1"],
    ["城镇新增就业", "人", "98000", ""],
    ["居民消费价格指数（上年同期=100）", "", "100.5", ""],
    ["一般公共预算收入", "万元", "8000000", "3.2"],
    ["城镇居民人均可支配收入", "元", "50000", "4.5"],
    ["货物进出口总额", "亿元", "1500", "-2.3"],
    ["注：1.地区生产总值按可比价格计算。", "", "", ""],
    ["2.2025年同期城镇新增就业", "人", "91000", "9.9"],
]
EXPECTED = {
    "gdp": Decimal("9876.5"),
    "gdp_growth": Decimal("5.6"),
    "industrial_va_growth": Decimal("7.2"),
    "fixed_asset_investment_growth": Decimal("4.1"),
    "retail_sales": Decimal("4000.2"),
    "retail_sales_growth": Decimal("5.1"),
    "urban_new_jobs": Decimal("9.8"),  # 98000人 in 万人
    "cpi": Decimal("0.5"),  # 100.5 with 上年同期=100
    "budget_revenue": Decimal("800"),  # 8000000万元 in 亿元
    "budget_revenue_growth": Decimal("3.2"),
    "urban_income": Decimal("50000"),
    "urban_income_growth": Decimal("4.5"),
    "trade_total": Decimal("1500"),
    "trade_growth": Decimal("-2.3"),
}


def in_force(plans: Path, period: str = "2026-Q3") -> dict[str, Decimal]:
    """The figure in force for each indicator of jinan in ``period``: the newest record."""
    ws = load_workspace(plans)
    out: dict[str, Decimal] = {}
    for ident in ws.indicators:
        records = [o for o in ws.outcomes_for("jinan", ident) if o.period == period]
        records = [o for o in records if o.value is not None and o.retracts is None]
        if records:
            out[ident] = max(records, key=lambda o: o.recorded_at).value  # type: ignore[assignment]
    return out


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: Rows, merges: tuple[str, ...] = (), formats: dict[str, str] | None = None
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "主要指标"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                sheet.cell(r, c, value)  # type: ignore[call-overload]
    for span in merges:
        sheet.merge_cells(span)
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    book.save(path)
    return path


def as_excel(rows: Rows) -> Rows:
    """The sheet as Excel holds it: figures as numbers, growth as a percent-formatted fraction."""
    out: Rows = []
    for row in rows:
        cells: list[object] = []
        for value in row:
            try:
                cells.append(float(str(value)) if str(value) not in ("", "—") else value)
            except ValueError:
                cells.append(value)
        out.append(cells)
    return out


def test_published_sheet_as_gbk_csv(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """The sheet saved by Excel on a Chinese Windows machine (GBK, CRLF): every tracked figure in
    force with its value, unit and period from the title; the rest named as not tracked."""
    table = write_csv(tmp_path / "主要指标.csv", SHEET, "gbk")
    result = jt("import", str(table))
    assert result.exit_code == 0, result.stderr
    assert f"已导入 imported {len(EXPECTED)} 条新记录" in result.stdout
    assert "未收录 not tracked: 第一产业, 工业投资" in result.stdout
    got = in_force(plans)
    assert {k: got.get(k) for k in EXPECTED} == EXPECTED


def test_published_sheet_as_xlsx(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """The same sheet in XLSX: merged title, numbers stored as numbers, growth stored as
    fractions with a percent format (0.056 shown as 5.6%), the same figures in force."""
    rows = as_excel(SHEET)
    formats = {}
    for r, row in enumerate(rows, start=1):
        if 4 <= r <= 14 and isinstance(row[3], float):
            row[3] = row[3] / 100
            formats[f"D{r}"] = "0.0%"
    table = write_xlsx(tmp_path / "主要指标.xlsx", rows, ("A1:D1",), formats)
    doc = json.loads(jt("import", str(table), "--json").stdout)
    assert doc["not_tracked"] == ["第一产业", "工业投资"]
    assert doc["new"] == len(EXPECTED)
    got = in_force(plans)
    assert {k: got.get(k) for k in EXPECTED} == EXPECTED


def test_two_row_merged_header_gives_the_period(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """No title: 2026年1—6月 merged over 绝对值 | 增长%, 指标 merged over two rows."""
    rows: Rows = [
        ["指标", "2026年1—6月", ""],
        ["", "绝对值", "增长%"],
        ["地区生产总值", 6100.2, 5.4],
        ["社会消费品零售总额", 2500, 4.9],
    ]
    table = write_xlsx(tmp_path / "h1.xlsx", rows, ("B1:C1", "A1:A2"))
    result = jt("import", str(table))
    assert result.exit_code == 0, result.stderr
    got = in_force(plans, "2026-H1")
    assert (got["gdp"], got["gdp_growth"]) == (Decimal("6100.2"), Decimal("5.4"))
    assert (got["retail_sales"], got["retail_sales_growth"]) == (Decimal(2500), Decimal("4.9"))


@pytest.mark.parametrize(
    ("label", "value", "indicator", "expected"),
    [
        ("比上年同期增长（%）", "5.6", "gdp_growth", "5.6"),
        ("增长%", "5.6", "gdp_growth", "5.6"),
        ("增速", "-1.5", "gdp_growth", "-1.5"),
        ("同比±%", "5.6", "gdp_growth", "5.6"),
        ("增减（%）", "下降0.4", "gdp_growth", "-0.4"),
        ("比上年增长", "5.6%", "gdp_growth", "5.6"),
        ("上年同期=100", "105.6", "gdp_growth", "5.6"),
        ("上年=100", "99.2", "gdp_growth", "-0.8"),
    ],
)
def test_growth_and_index_columns(
    jt: Invoke, plans: Path, tmp_path: Path, label: str, value: str, indicator: str, expected: str
) -> None:
    """Each way a growth column is headed puts the figure on the …增长 indicator; an index
    column with base 100 is read as a change."""
    rows: Rows = [[TITLE], ["指标名称", "1—9月", label], ["地区生产总值", "9876.5亿元", value]]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    got = in_force(plans)
    assert got[indicator] == Decimal(expected) and got["gdp"] == Decimal("9876.5")


@pytest.mark.parametrize(
    ("name", "unit", "value", "expected"),
    [
        ("居民消费价格指数（上年同期=100）", "", "100.5", "0.5"),
        ("居民消费价格指数", "上年同期=100", "99.7", "-0.3"),
        ("居民消费价格指数（上年=100）", "%", "102", "2"),
        ("居民消费价格涨幅", "%", "0.4", "0.4"),  # a rate in its own words, not an index
    ],
)
def test_index_rows(
    jt: Invoke, plans: Path, tmp_path: Path, name: str, unit: str, value: str, expected: str
) -> None:
    """An index row (上年同期=100 in the name or the unit) is a change: 100.5 → +0.5%."""
    rows: Rows = [[TITLE], ["指标名称", "计量单位", "1—9月"], [name, unit, value]]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans)["cpi"] == Decimal(expected)


@pytest.mark.parametrize(
    ("name", "unit", "value", "indicator", "expected"),
    [
        ("城镇新增就业", "人", "98000", "urban_new_jobs", "9.8"),
        ("城镇新增就业", "万人", "9.8", "urban_new_jobs", "9.8"),
        ("城镇新增就业（人）", "", "98000", "urban_new_jobs", "9.8"),
        ("一般公共预算收入", "万元", "8000000", "budget_revenue", "800"),
        ("一般公共预算收入", "元", "80000000000", "budget_revenue", "800"),
        ("地区生产总值", "亿元", "9,876.5", "gdp", "9876.5"),
        ("居民人均可支配收入", "元", "45000", "resident_income", "45000"),
        ("实际使用外资", "万美元", "120000", "fdi_utilized", "12"),
        ("地区生产总值", "%", "5.6", "gdp_growth", "5.6"),  # a level's name in %: its growth
        ("规模以上工业增加值", "%", "7.2", "industrial_va_growth", "7.2"),
        ("研发经费投入强度", "%", "2.6", "rd_intensity", "2.6"),
    ],
)
def test_unit_column_converts(
    jt: Invoke,
    plans: Path,
    tmp_path: Path,
    name: str,
    unit: str,
    value: str,
    indicator: str,
    expected: str,
) -> None:
    """The 计量单位 cell (or the row name's brackets) gives the figure's unit; it is converted to
    the indicator's (人 → 万人, 万元 → 亿元); a figure in % on a level's row is its growth."""
    rows: Rows = [[TITLE], ["指标名称", "计量单位", "1—9月"], [name, unit, value]]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans)[indicator] == Decimal(expected)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


@pytest.mark.parametrize(
    ("rows", "args", "message"),
    [
        (  # a unit that cannot be converted: the row is named
            [[TITLE], ["指标名称", "计量单位", "1—9月"], ["地区生产总值", "亿元", "1"],
             ["城镇新增就业", "家", "5"]],
            (),
            "t.csv:4:1—9月: 单位不符 unit mismatch",
        ),
        (  # the title says 1—9月, --period says 上半年
            [[TITLE], ["指标名称", "1—9月", "增长%"], ["地区生产总值", "9876.5亿元", "5.6"]],
            ("--period", "2026-H1"),
            "时期矛盾",
        ),
        (  # no period anywhere
            [["指标名称", "计量单位", "绝对值", "增长%"],
             ["地区生产总值", "亿元", "9876.5", "5.6"]],
            (),
            "give --period",
        ),
        (  # a title naming one month, and a column that says neither 累计 nor 本月
            [["济南市主要经济指标（2026年9月）"], ["指标名称", "绝对值", "增长%"],
             ["地区生产总值", "9876.5亿元", "5.6"]],
            (),
            "时期不明",
        ),
        (  # an index that is not a number
            [[TITLE], ["指标名称", "上年同期=100"], ["居民消费价格指数", "持平"]],
            (),
            "t.csv:3:上年同期=100: 指数不是数字",
        ),
        (  # two rows giving one figure
            [[TITLE], ["指标名称", "1—9月"], ["地区生产总值", "9876.5亿元"], ["GDP", "9870亿元"]],
            (),
            "t.csv:4:1—9月: 重复",
        ),
        (  # --strict refuses rows it does not track
            [[TITLE], ["指标名称", "1—9月", "增长%"], ["地区生产总值", "9876.5亿元", "5.6"],
             ["第一产业", "300亿元", "3.5"]],
            ("--strict",),
            "--strict: 未收录 not tracked: 第一产业",
        ),
    ],
)  # fmt: skip
def test_bad_published_tables_are_one_line_and_write_nothing(
    jt: Invoke, plans: Path, tmp_path: Path, rows: Rows, args: tuple[str, ...], message: str
) -> None:
    table = write_csv(tmp_path / "t.csv", rows)
    before = snapshot(plans)
    result = jt("import", str(table), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert snapshot(plans) == before


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("2026年济南市国民经济主要指标（1—9月）", "2026-Q3"),
        ("济南市2026年前三季度主要经济指标", "2026-Q3"),
        ("2026年1-6月济南市主要经济指标", "2026-H1"),
        ("济南市主要经济指标（2026年一季度）", "2026-Q1"),
        ("济南市2026年1—5月主要指标", "2026-05"),
    ],
)
def test_the_title_gives_the_period(
    jt: Invoke, plans: Path, tmp_path: Path, title: str, period: str
) -> None:
    rows: Rows = [[title], ["指标名称", "绝对值", "增长%"], ["地区生产总值", "5000亿元", "5.5"]]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans, period)["gdp_growth"] == Decimal("5.5")


def test_period_from_the_header_wins_over_none_given(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """--period fills in a table that states none; a matching title is fine."""
    rows: Rows = [
        ["指标名称", "计量单位", "绝对值", "增长%"],
        ["地区生产总值", "亿元", "3000", "5.2"],
    ]
    assert jt("import", str(write_csv(tmp_path / "a.csv", rows)), "-p", "一季度").exit_code == 0
    assert in_force(plans, "2026-Q1")["gdp_growth"] == Decimal("5.2")
    rows = [[TITLE], ["指标名称", "1—9月"], ["地区生产总值", "9876.5亿元"]]
    result = jt("import", str(write_csv(tmp_path / "b.csv", rows)), "-p", "2026-Q3")
    assert result.exit_code == 0, result.stderr


def test_a_title_that_is_one_header_word_is_not_the_header(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """A title row reading just 主要指标 above the real header is a title, not the header."""
    rows: Rows = [["主要指标"], ["2026年1—9月"], ["指标名称", "绝对值", "增长%"],
                  ["地区生产总值", "9876.5亿元", "5.6"]]  # fmt: skip
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans)["gdp_growth"] == Decimal("5.6")


def test_prior_year_and_target_columns_are_named_not_read(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """上年同期, 全年目标 and 上年同期增长 columns hold other periods' figures: left out, and
    named (比上年同期增长 is this period's growth)."""
    rows: Rows = [
        [TITLE],
        ["指标名称", "计量单位", "1—9月", "上年同期", "全年目标", "增长%", "上年同期增长%"],
        ["地区生产总值", "亿元", "9876.5", "9300", "13500", "5.6", "5.9"],
    ]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    assert "未读的列 columns not read: 上年同期, 全年目标, 上年同期增长%" in result.stdout
    got = in_force(plans)
    assert (got["gdp"], got["gdp_growth"]) == (Decimal("9876.5"), Decimal("5.6"))
    ws = load_workspace(plans)
    assert [o.value for o in ws.outcomes_for("jinan", "gdp") if o.period.startswith("2026")] == [
        Decimal("9876.5")
    ]


def test_a_column_numbers_row_is_not_a_figure(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """甲 | 乙 | 1 | 2 under the header numbers the columns (栏次); it is no row named 甲."""
    rows: Rows = [
        [TITLE],
        ["指标名称", "计量单位", "1—9月", "增长%"],
        ["甲", "乙", "1", "2"],
        ["地区生产总值", "亿元", "9876.5", "5.6"],
    ]
    doc = json.loads(jt("import", str(write_csv(tmp_path / "t.csv", rows)), "--json").stdout)
    assert doc["not_tracked"] == [] and doc["new"] == 2
    assert in_force(plans)["gdp"] == Decimal("9876.5")


def test_row_numbers_are_ignored_and_absolute_changes_named(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """A 序号 column is the table's own numbering; an 增减量 column is a change in the unit, not a
    growth in %: left out, and named."""
    rows: Rows = [
        [TITLE],
        ["序号", "指标名称", "计量单位", "1—9月", "增减量", "增长%"],
        ["1", "城镇新增就业", "万人", "9.8", "0.3", ""],
        ["2", "地区生产总值", "亿元", "9876.5", "500", "5.6"],
    ]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    assert "未读的列 columns not read: 增减量" in result.stdout
    got = in_force(plans)
    assert (got["urban_new_jobs"], got["gdp_growth"]) == (Decimal("9.8"), Decimal("5.6"))


def test_cumulative_and_month_columns_under_a_month_title(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """A monthly report (2026年9月): 本月 is September alone, 1—本月 / 本年累计 are 1—9月."""
    rows: Rows = [
        ["济南市统计月报（2026年9月）"],
        ["指标名称", "本月", "本年累计", "累计增长%"],
        ["社会消费品零售总额", "450亿元", "4000.2亿元", "5.1"],
    ]
    result = jt("import", str(write_csv(tmp_path / "t.csv", rows)))
    assert result.exit_code == 0, result.stderr
    got = in_force(plans)
    assert (got["retail_sales"], got["retail_sales_growth"]) == (Decimal("4000.2"), Decimal("5.1"))
    assert in_force(plans, "2026-09..09")["retail_sales"] == Decimal(450)


@pytest.mark.parametrize(
    "raw",
    [
        "  其中：工业投资",
        "　　工业投资",
        "#工业投资",
        "其中:工业投资",
        "（1）工业投资",
        "1.工业投资",
    ],
)
def test_sub_items_are_named_by_their_own_name(
    jt: Invoke, plans: Path, tmp_path: Path, raw: str
) -> None:
    """Indentation, 其中： and markers go; the sub-item is named as itself, not its parent."""
    rows: Rows = [[TITLE], ["指标名称", "增长%"], ["固定资产投资", "4.1"], [raw, "10.2"]]
    doc = json.loads(jt("import", str(write_csv(tmp_path / "t.csv", rows)), "--json").stdout)
    assert doc["not_tracked"] == ["工业投资"]
    assert in_force(plans)["fixed_asset_investment_growth"] == Decimal("4.1")


@pytest.fixture(scope="module")
def indicators() -> list[Indicator]:
    return list(load_workspace(PLANS).indicators.values())


@pytest.fixture(scope="module")
def catalog(indicators: list[Indicator]) -> Catalog:
    return Catalog(indicators)


@pytest.mark.parametrize(
    ("name", "growth", "level"),
    [
        ("地区生产总值", "gdp_growth", "gdp"),
        ("货物进出口总额", "trade_growth", "trade_total"),
        ("进出口总额", "trade_growth", "trade_total"),
        ("社会消费品零售总额", "retail_sales_growth", "retail_sales"),
        ("规模以上工业增加值", "industrial_va_growth", None),
        ("工业增加值", "industrial_va_growth", None),  # an alias of the growth: no level
        ("固定资产投资", "fixed_asset_investment_growth", None),
        ("居民消费价格", "cpi", None),
        ("出口", "exports_growth", "exports"),
        ("一般公共预算收入", "budget_revenue_growth", "budget_revenue"),
        ("城镇居民人均可支配收入", "urban_income_growth", "urban_income"),
        ("实际使用外资", None, "fdi_utilized"),
        ("研发经费投入强度", None, "rd_intensity"),
        ("第一产业", None, None),
        ("工业投资", None, None),  # not 工业技改投资: names match exactly
        ("就业增长", None, None),
        ("GDP", "gdp_growth", "gdp"),
    ],
)
def test_row_names_find_their_indicators(
    catalog: Catalog, name: str, growth: str | None, level: str | None
) -> None:
    """A row's level goes on the indicator so named, its growth on the catalog's …增长 one."""
    found = catalog.growth([name])
    assert (found.id if found else None) == growth
    found = catalog.level([name], percent=False)
    assert (found.id if found else None) == level


def test_published_sheet_as_old_xls(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """The same sheet as an Excel 97–2003 .xls (merged title, growth in a 0.0% format): the same
    figures in force."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("主要指标")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for r, row in enumerate(as_excel(SHEET)):
        for c, value in enumerate(row):
            if r == 0 and c == 0:
                sheet.write_merge(0, 0, 0, 3, value)
            elif r > 0 and value != "":
                growth = 3 <= r <= 13 and c == 3 and isinstance(value, float)
                if growth:
                    sheet.write(r, c, value / 100, percent)  # type: ignore[operator]
                else:
                    sheet.write(r, c, value)
    path = tmp_path / "主要指标.xls"
    book.save(str(path))
    doc = json.loads(jt("import", str(path), "--json").stdout)
    assert doc["not_tracked"] == ["第一产业", "工业投资"]
    got = in_force(plans)
    assert {k: got.get(k) for k in EXPECTED} == EXPECTED


def test_xls_without_xlrd_says_what_to_install(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "xlrd", None)
    (tmp_path / "t.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    result = jt("import", str(tmp_path / "t.xls"))
    assert result.exit_code == 2 and "jinan-targets[xls]" in result.stderr, result.stderr


def test_the_readme_example_prints_what_the_readme_says(jt: Invoke, tmp_path: Path) -> None:
    """The README's 主要经济指标 CSV, saved as GBK and imported as shown, prints the lines shown."""
    import re

    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A 主要经济指标 sheet as published", 1)[1]
    sheet = re.search(r"```text\n(.*?)```", section, re.S)
    shell = re.search(r"```sh\n(jt import (\S+) ([^\n]*)\n((?:#[^\n]*\n)+))", section)
    assert sheet is not None and shell is not None
    path = tmp_path / shell.group(2)
    path.write_bytes(sheet.group(1).replace("\n", "\r\n").encode("gbk"))
    result = jt("import", str(path), *shell.group(3).split())
    assert result.exit_code == 0, result.stderr
    shown = [line[1:].strip() for line in shell.group(4).splitlines()]
    assert [line.strip() for line in result.stdout.splitlines()] == shown


@settings(max_examples=40, deadline=None)
@given(
    titles=st.lists(st.sampled_from([TITLE, "单位：亿元、%", "", "（快报数据）"]), max_size=4),
    blanks=st.lists(st.integers(min_value=0, max_value=2), min_size=4, max_size=4),
    indent=st.sampled_from(["", "  ", "　　", "\t"]),
    notes=st.lists(st.sampled_from(["注：数据为快报数。", "说明：1234 5.6", "资料来源：统计局"]),
                   max_size=2),
)  # fmt: skip
def test_the_table_is_found_wherever_it_sits(
    indicators: list[Indicator], titles: list[str], blanks: list[int], indent: str, notes: list[str]
) -> None:
    """Title, unit and blank rows above, blank rows between, indented names, footnotes with
    numbers below: the same figures, each with the row number it has in the sheet."""
    from jinan_targets.importing import read_figures
    from jinan_targets.tableshape import locate
    from jinan_targets.xlsxcells import Grid

    body = [["地区生产总值", "亿元", "9876.5", "5.6"], ["城镇新增就业", "人", "98000", ""],
            ["第一产业", "亿元", "300", "3.5"]]  # fmt: skip
    rows: list[list[str]] = [[TITLE, "", "", ""]] + [[t, "", "", ""] for t in titles]
    rows += [[""] * 4] * blanks[0] + [["指标名称", "计量单位", "1—9月", "增长%"]]
    where: dict[str, int] = {}
    for item, gap in zip(body, blanks[1:], strict=True):
        rows += [[""] * 4] * gap
        rows.append([indent + item[0], *item[1:]])
        where[item[0]] = len(rows)
    rows += [[n, "", "", ""] for n in notes]
    table = locate(Grid("t.csv", rows, list(range(1, len(rows) + 1))))
    assert table is not None
    got = read_figures(table, jurisdiction="jinan", period=None, vintage="初步核算", source="",
                       published=None, by="", year=2026,
                       indicators=indicators)  # fmt: skip
    found = {(x.request.indicator, x.request.value, x.request.period, x.row) for x in got.located}
    assert found == {
        ("gdp", "9876.5亿元", "2026-Q3", where["地区生产总值"]),
        ("gdp_growth", "5.6%", "2026-Q3", where["地区生产总值"]),
        ("urban_new_jobs", "98000人", "2026-Q3", where["城镇新增就业"]),
    }
    assert got.not_tracked == ["第一产业"] and got.errors == []


def test_the_kept_gbk_copy_matches_and_imports(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """tests/data keeps the sheet as a GBK CSV with CRLF, byte for byte what the tests write;
    imported, it puts the same figures in force."""
    from .conftest import REPO

    kept = REPO / "tests" / "data" / "jinan_main_indicators_2026_1-9.gbk.csv"
    assert kept.read_bytes() == write_csv(tmp_path / "x.csv", SHEET, "gbk").read_bytes()
    result = jt("import", str(kept))
    assert result.exit_code == 0, result.stderr
    got = in_force(plans)
    assert {k: got.get(k) for k in EXPECTED} == EXPECTED
