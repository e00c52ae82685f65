"""The XLSX report read back with openpyxl: no cell wider than its column (so nothing reads
``###``), the unit's decimals, a frozen header, A4 print setup and a summary sheet."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jinan_targets.render.sheetcells import places_of, shown

from .conftest import Invoke

QUARTER = (
    ("科技型中小企业", "8500", "-p", "2025", "--vintage", "final"),
    ("科技型中小企业", "9200", "-p", "2026-Q3"),
    ("就业", "12万", "-p", "2026-Q3"),
    ("地区生产总值增长", "5.6%", "-p", "2026-Q3"),
    ("高标准农田", "25.5万亩", "-p", "2026-Q3"),
)


@pytest.fixture()
def quarter(jt: Invoke) -> Invoke:
    """The dataset with third-quarter figures: a stock with its year-end base, flows, a rate."""
    for args in QUARTER:
        result = jt("record", *args)
        assert result.exit_code == 0, result.output
    return jt


def excel_text(value: Any, fmt: str) -> str:
    """What a number format shows, written apart from the renderer: sections pos;neg;zero,
    an optional sign literal, #,##0 grouping, decimals, % and a quoted unit."""
    number = Decimal(str(value))
    sections = fmt.split(";")
    sign = ""
    if len(sections) == 3:
        section = sections[0] if number > 0 else sections[1] if number < 0 else sections[2]
        number = abs(number)
    else:
        section = sections[0]
        if number < 0:
            sign, number = "-", abs(number)
    if section == "General":
        return sign + str(value)
    match = re.fullmatch(r'([+-]?)(#,##)?0(?:\.(0+))?(%?)(?:"([^"]*)")?', section)
    assert match, f"unexpected number format {fmt!r}"
    literal, grouped, decimals, percent, unit = match.groups()
    places = len(decimals or "")
    if percent:
        number *= 100
    text = f"{number:,.{places}f}" if grouped else f"{number:.{places}f}"
    return f"{sign}{literal}{text}{percent}{unit or ''}"


def width(text: str) -> int:
    return max(
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        for line in text.split("\n")
    )


def too_wide(book: Any) -> list[str]:
    """Every cell whose text (numbers as their format shows them) is wider than its column, or
    its merged range; cells that wrap are let be."""
    from openpyxl.utils import get_column_letter

    found = []
    for sheet in book.worksheets:
        spans = {}
        for merged in sheet.merged_cells.ranges:
            spans[(merged.min_row, merged.min_col)] = range(merged.min_col, merged.max_col + 1)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or (cell.alignment and cell.alignment.wrap_text):
                    continue
                if isinstance(cell.value, str):
                    text = cell.value
                else:
                    text = excel_text(cell.value, cell.number_format)
                columns = spans.get((cell.row, cell.column), [cell.column])
                room = sum(
                    sheet.column_dimensions[get_column_letter(c)].width or 8.43 for c in columns
                )
                if width(text) > room:
                    found.append(f"{sheet.title}!{cell.coordinate} {text!r} > {room}")
    return found


def written(jt: Invoke, tmp_path: Path, *extra: str) -> Any:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    result = jt("export", "2026", "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return load_workbook(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_cell_fits_its_column(quarter: Invoke, tmp_path: Path, lang: str) -> None:
    """No number or label is wider than its column in either language (LibreOffice would show
    ### for a number that is)."""
    book = written(quarter, tmp_path, "--lang", lang)
    assert too_wide(book) == []


def test_width_check_can_fail() -> None:
    """A narrow column holding +0.6个百分点 is found."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = 0.6
    sheet["A1"].number_format = '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"'
    sheet.column_dimensions["A"].width = 8
    sheet["B1"] = "800万亩次"
    sheet.column_dimensions["B"].width = 8
    assert [f.split(" ")[0] for f in too_wide(book)] == ["Sheet!A1", "Sheet!B1"]


@pytest.mark.parametrize(
    ("value", "unit", "places", "signed", "text"),
    [
        ("3", "%", 1, False, "3.0%"),
        ("5.25", "%", 2, False, "5.25%"),
        ("0.6", "个百分点", 1, True, "+0.6个百分点"),
        ("-0.1", "个百分点", 1, True, "-0.1个百分点"),
        ("0", "个百分点", 1, True, "0.0个百分点"),
        ("10000", "家", 0, False, "10,000家"),
        ("-800", "家", 0, True, "-800家"),
        ("4.2", "万人", 1, False, "4.2万人"),
        ("0.4667", "fraction", 1, False, "46.7%"),
        ("-0.2833", "fraction", 1, True, "-28.3%"),
        ("1600", "亿元", 0, False, "1,600亿元"),
    ],
)
def test_shown_agrees_with_its_format(
    value: str, unit: str, places: int, signed: bool, text: str
) -> None:
    """The renderer's text of a number is what its Excel format shows."""
    cell = shown(Decimal(value), unit, places, signed)
    assert cell.text == text
    assert excel_text(cell.value, cell.format) == text


@pytest.mark.parametrize(
    ("values", "unit", "places"),
    [
        (["3"], "%", 1),
        (["5.5", "5.25"], "%", 2),
        (["15", "4.2"], "万人", 1),
        (["10000", "9200"], "家", 0),
        (["320.5"], "个", 0),
        (["800"], "万亩次", 0),
        (["1.23456"], "亿元", 2),
    ],
)
def test_unit_decimals(values: list[str], unit: str, places: int) -> None:
    """Percentages keep a decimal (3.0%), counts none, others what their figures hold (≤ 2)."""
    assert places_of([Decimal(v) for v in values], unit) == places


def test_scorecard_sheet(quarter: Invoke, tmp_path: Path) -> None:
    """Frozen header, number formats with the unit's decimals, the stock read from last
    year-end, status fills; printed landscape on A4, fitted to the width, header repeated."""
    book = written(quarter, tmp_path)
    assert book.sheetnames == ["汇总 Summary", "计分卡 Scorecard", "来源 Sources"]
    sheet = book["计分卡 Scorecard"]
    assert sheet.freeze_panes == "C2"
    heads = [c.value for c in sheet[1]]
    assert heads[:5] == ["类别", "指标", "目标", "目标值", "实际"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    col = {h: i for i, h in enumerate(heads)}
    gdp = rows["地区生产总值增长"]
    assert excel_text(gdp[col["目标值"]].value, gdp[col["目标值"]].number_format) == "5.0%"
    assert excel_text(gdp[col["差距"]].value, gdp[col["差距"]].number_format) == "+0.6个百分点"
    smes = rows["科技型中小企业"]
    assert smes[col["完成率"]].value == pytest.approx(700 / 1500)
    assert "较上年末新增700家，完成新增任务46.7%，基数8500家" in smes[col["说明"]].value
    assert smes[col["状态"]].value == "▼ 滞后"
    assert smes[col["状态"]].fill.fgColor.rgb.endswith("FFC7CE")
    jobs = rows["城镇新增就业"]
    assert excel_text(jobs[col["实际"]].value, jobs[col["实际"]].number_format) == "12万人"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert "&P" in sheet.oddFooter.center.text


def test_stock_without_baseline_says_so(jt: Invoke, tmp_path: Path) -> None:
    """A stock with no year-end figure is judged from zero and its row says it."""
    assert jt("record", "科技型中小企业", "9200", "-p", "2026-Q3").exit_code == 0
    sheet = written(jt, tmp_path)["计分卡 Scorecard"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "科技型中小企业")
    assert "无上年末基数" in row[12].value and row[7].value == pytest.approx(0.92)


def test_summary_sheet(quarter: Invoke, tmp_path: Path) -> None:
    """The title, the 时序进度 sentence, the summary in words and the statuses by category with
    a total; the sources sheet names each figure's document."""
    book = written(quarter, tmp_path)
    summary = book["汇总 Summary"]
    texts = [summary.cell(r, 1).value for r in range(1, 6)]
    assert texts[0] == "济南市2026年国民经济和社会发展计划目标执行情况"
    assert texts[2] == "截至2026年前三季度，时序进度75.0%。"
    assert str(texts[3]).startswith("截至2026年前三季度，济南市2026年计划91项指标中")
    table = [[c.value for c in row] for row in summary.iter_rows(min_row=7)]
    assert table[0][:2] == ["类别", "合计"]
    total = table[-1]
    assert total[0] == "合计" and total[1] == 91
    assert sum(row[1] for row in table[1:-1]) == 91
    assert summary.page_setup.orientation == "landscape"
    sources = book["来源 Sources"]
    assert sources["A1"].value == "注" and sources.max_row >= 5
