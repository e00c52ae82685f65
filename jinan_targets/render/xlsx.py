"""The XLSX report: a summary sheet, the scorecard and the sources, each ready to print on A4.

Numbers are written as numbers with a format that shows the unit and its decimals (3.0%, 4.2万人,
+0.6个百分点); every column is as wide as the widest text it shows, a Chinese character counting
double, so no cell reads ``###``; long prose wraps. Every text from the data is a string cell,
never a formula: one starting with = + - @ is also marked as quoted text (what Excel does for
``'=…``). openpyxl is imported only here, and only when XLSX is asked for.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..model import Kind, Status
from ..report import Report, as_of_text
from ..text import STATUS_SYMBOLS, status_label
from .sheetcells import (
    FILLS,
    Number,
    display_width,
    places_of,
    safe_text,
    shown,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["render_xlsx"]

PAD = 2  # characters of air around a cell's text
WRAP_AT = {"name": 20, "target": 16, "explain": 26, "source": 34, "quote": 44, "note": 24}
LINE_HEIGHT = 15.0  # points per line of 11-point text


class _Sheet:
    """Writes cells and remembers how wide each column must be to show them."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.widths: dict[int, float] = {}
        self.wrapped: list[tuple[int, int, int]] = []  # row, column, width of a folded text

    def text(self, row: int, col: int, value: str, wrap_at: int | None = None) -> Any:
        from openpyxl.styles import Alignment

        cell = self.sheet.cell(row, col)
        value = safe_text(value)
        cell.value = value
        cell.data_type = "s"  # a string, even when it starts with '='
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            cell.quotePrefix = True  # and shown, edited and re-saved as text
        width = display_width(value)
        wrap = wrap_at is not None and width > wrap_at
        cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        if wrap_at is not None and wrap:
            self.wrapped.append((row, col, width))
            width = wrap_at
        self.fit(col, width)
        return cell

    def fit(self, col: int, width: int) -> None:
        """Column ``col`` shows a text ``width`` characters wide (a bold or CJK glyph is a little
        wider than its count: a tenth more, and air)."""
        self.widths[col] = max(self.widths.get(col, 0), width * 1.1 + PAD)

    def number(self, row: int, col: int, value: Number | None) -> Any:
        from openpyxl.styles import Alignment

        cell = self.sheet.cell(row, col)
        if value is None:
            return cell
        cell.value = value.value
        cell.number_format = value.format
        cell.alignment = Alignment(vertical="top")
        self.fit(col, display_width(value.text))
        return cell

    def finish(self, minimum: int = 6) -> None:
        from openpyxl.utils import get_column_letter

        for col, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(col)].width = max(minimum, width)
        # Neither Excel nor LibreOffice fits a row to folded text on opening: give the height.
        lines: dict[int, int] = {}
        for row, col, width in self.wrapped:
            room = max(minimum, self.widths[col]) - PAD
            lines[row] = max(lines.get(row, 1), math.ceil(width / room))
        for row, count in lines.items():
            self.sheet.row_dimensions[row].height = LINE_HEIGHT * count


def _print_setup(sheet: Worksheet, title_rows: str | None, lang: str) -> None:
    """Landscape A4, fitted to the page width, the header row on every page, page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if title_rows:
        sheet.print_title_rows = title_rows
    footer = sheet.oddFooter
    assert footer is not None
    footer.center.text = "第 &P 页，共 &N 页" if lang != "en" else "Page &P of &N"


def _header(out: _Sheet, row: int, heads: tuple[str, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for col, head in enumerate(heads, start=1):
        cell = out.text(row, col, head)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="44546A")
        cell.alignment = Alignment(vertical="center")


HEADS = {
    "zh": (
        "类别",
        "指标",
        "目标",
        "目标值",
        "实际",
        "时期",
        "版本",
        "完成率",
        "差距",
        "时序进度",
        "进度差",
        "状态",
        "说明",
        "注",
    ),
    "en": (
        "Category",
        "Indicator",
        "Target",
        "Target value",
        "Actual",
        "Period",
        "Vintage",
        "Completion",
        "Gap",
        "Time progress",
        "Schedule gap",
        "Status",
        "Explanation",
        "Note",
    ),
}


def _scorecard(report: Report, out: _Sheet) -> None:
    from openpyxl.styles import PatternFill

    zh = report.lang != "en"
    _header(out, 1, HEADS["en" if not zh else "zh"])
    r = 1
    for section in report.sections:
        for row, cells in section.rows:
            r += 1
            a, ind = row.assessment, row.indicator
            actual = a.actual
            unit = ind.unit
            values = [v for v in (row.target.value, row.target.high) if v is not None]
            if actual is not None and actual.value is not None:
                values.append(actual.value)
            places = places_of(values, unit)
            out.text(r, 1, section.category.name if zh else section.category.name_en)
            out.text(r, 2, cells.name, WRAP_AT["name"])
            out.text(r, 3, cells.target, WRAP_AT["target"])
            if row.target.value is not None:
                out.number(r, 4, shown(row.target.value, unit, places))
            if actual is not None and actual.value is not None:
                out.number(r, 5, shown(actual.value, unit, places))
            elif actual is not None:
                out.text(r, 5, cells.actual)
            if cells.period:
                out.text(r, 6, cells.period)
            if cells.vintage:
                out.text(r, 7, cells.vintage)
            stock = ind.kind is Kind.STOCK and a.progress is not None
            share = a.progress if stock else a.completion
            if share is not None and ind.kind is not Kind.RATE:
                out.number(r, 8, shown(share, "fraction", 1))
            if a.gap is not None:
                gap_unit = "个百分点" if ind.kind is Kind.RATE or unit == "%" else unit
                gap_places = 1 if gap_unit == "个百分点" else places_of([a.gap], unit)
                out.number(r, 9, shown(a.gap, gap_unit, gap_places, signed=True))
            if a.time_progress is not None:
                out.number(r, 10, shown(a.time_progress, "fraction", 1))
            if a.schedule_gap is not None:
                out.number(r, 11, shown(a.schedule_gap, "fraction", 1, signed=True))
            status = out.text(r, 12, f"{cells.symbol} {cells.status}")
            status.fill = PatternFill("solid", fgColor=FILLS[a.status])
            sep = "；" if zh else "; "
            explain = sep.join(x for x in (cells.detail, cells.basis, cells.pace, cells.note) if x)
            if explain:
                out.text(r, 13, explain, WRAP_AT["explain"])
            if cells.footnote:
                out.number(r, 14, shown(Decimal(cells.footnote), "", 0))
    out.finish()
    sheet = out.sheet
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    _print_setup(sheet, "1:1", report.lang)


def _sources(report: Report, out: _Sheet) -> None:
    from openpyxl.styles import Alignment

    zh = report.lang != "en"
    heads = (
        ("注", "指标", "时期", "版本", "来源", "发布日期", "原文", "备注")
        if zh
        else ("Note", "Indicator", "Period", "Vintage", "Source", "Published", "Quote", "Remark")
    )
    _header(out, 1, heads)
    r = 1
    for f in report.footnotes:
        r += 1
        out.number(r, 1, shown(Decimal(f.number), "", 0))
        out.text(r, 2, f.indicator, WRAP_AT["name"])
        out.text(r, 3, f.period)
        out.text(r, 4, f.vintage)
        out.text(r, 5, f.source or ("未注明" if zh else "not given"), WRAP_AT["source"])
        if f.published:
            out.text(r, 6, f.published)
        if f.quote:
            out.text(r, 7, " ".join(f.quote.split()), WRAP_AT["quote"])
        if f.note:
            out.text(r, 8, f.note, WRAP_AT["note"])
    r += 2
    keep = out.widths.get(1, 0)
    line = out.text(r, 1, ("目标来源：" if zh else "Targets from: ") + report.plan_source)
    line.alignment = Alignment(wrap_text=True, vertical="top")
    out.widths[1] = keep  # the line spans the sheet
    out.sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(heads))
    out.finish()
    out.sheet.freeze_panes = "A2"
    _print_setup(out.sheet, "1:1", report.lang)


def _summary(report: Report, out: _Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    zh = report.lang != "en"
    counts = report.card.summary
    statuses = [s for s in Status if counts[s.value]] or list(Status)
    labels = [f"{STATUS_SYMBOLS[s]} {status_label(s, report.lang)}" for s in statuses]
    heads = ("类别" if zh else "Category", "合计" if zh else "Total", *labels)
    generated = report.generated.isoformat()
    lines = (
        (report.title, Font(bold=True, size=14)),
        (f"{report.subtitle} · {as_of_text(report)}", None),
        (report.schedule, None),
        (report.sentence, None),
        (("生成于 " if zh else "generated ") + generated, Font(color="656D76")),
    )
    r = 0
    for r, (line, font) in enumerate(lines, start=1):
        cell = out.text(r, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
    out.widths.pop(1)  # the lines above span the table below, wrapping inside it
    r += 2
    _header(out, r, heads)
    table = r
    by_category: dict[str, list[Status]] = {}
    names: dict[str, str] = {}
    for section in report.sections:
        names[section.category.id] = section.category.name if zh else section.category.name_en
        by_category.setdefault(section.category.id, []).extend(
            row.assessment.status for row, _ in section.rows
        )
    for cat, found in by_category.items():
        r += 1
        out.text(r, 1, names[cat])
        out.number(r, 2, shown(Decimal(len(found)), "", 0))
        for col, status in enumerate(statuses, start=3):
            n = found.count(status)
            if n:
                cell = out.number(r, col, shown(Decimal(n), "", 0))
                cell.fill = PatternFill("solid", fgColor=FILLS[status])
    r += 1
    out.text(r, 1, "合计" if zh else "Total").font = Font(bold=True)
    out.number(r, 2, shown(Decimal(counts["total"]), "", 0)).font = Font(bold=True)
    for col, status in enumerate(statuses, start=3):
        out.number(r, col, shown(Decimal(counts[status.value]), "", 0)).font = Font(bold=True)
    out.finish(minimum=8)
    span = sum(out.widths.values())
    for row, (line, _font) in enumerate(lines, start=1):
        out.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(heads))
        height = math.ceil(display_width(line) * (1.6 if row == 1 else 1.0) / span) or 1
        out.sheet.row_dimensions[row].height = (22 if row == 1 else LINE_HEIGHT) * height + 3
    out.sheet.freeze_panes = None
    _print_setup(out.sheet, f"{table}:{table}", report.lang)


def render_xlsx(report: Report) -> bytes:
    """A summary sheet (the sentences and the statuses by category), the scorecard and the
    sources of its figures."""
    from openpyxl import Workbook

    zh = report.lang != "en"
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "汇总 Summary" if zh else "Summary"
    _summary(report, _Sheet(first))
    _scorecard(report, _Sheet(book.create_sheet("计分卡 Scorecard" if zh else "Scorecard")))
    _sources(report, _Sheet(book.create_sheet("来源 Sources" if zh else "Sources")))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
