"""CSV and XLSX exports: one row per target with the JSON contract's fields.

Spreadsheet programs run cells that start with = + - @ as formulas. Text cells starting so are
neutralised with a leading apostrophe in CSV and stored as plain strings in XLSX. Numbers are
written as numbers.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from typing import Any

from ..model import Status
from ..report import Report
from ..text import STATUS_SYMBOLS, status_label
from ..visible import visible

# The contract's row fields first, then the extras, in a stable order.
FIELDS = (
    "indicator",
    "name",
    "name_en",
    "category",
    "unit",
    "kind",
    "comparator",
    "target",
    "target_high",
    "period",
    "actual",
    "vintage",
    "status",
    "completion",
    "gap",
    "time_progress",
    "schedule_gap",
    "required_pace",
    "source",
    "source_title",
    "category_name",
    "direction",
    "target_text",
    "band",
    "reference",
    "reference_actual",
    "baseline",
    "verdict",
    "final",
    "section",
    "quote",
    "actual_source",
    "actual_source_title",
    "actual_published",
    "actual_quote",
    "actual_note",
    "target_note",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)": shown as text, never evaluated."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def render_csv(report: Report) -> str:
    """UTF-8 text with a byte-order mark, so Excel shows the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in report.contract["rows"]:  # type: ignore[attr-defined]
        writer.writerow([_csv_value(row.get(field)) for field in FIELDS])
    return "\ufeff" + buffer.getvalue()


FILLS = {
    Status.MET: "C6EFCE",
    Status.BASICALLY_MET: "FFEB9C",
    Status.MISSED: "FFC7CE",
    Status.ON_TRACK: "C6EFCE",
    Status.AT_RISK: "FFEB9C",
    Status.OFF_TRACK: "FFC7CE",
    Status.NO_DATA: "EDEDED",
    Status.PENDING: "DDEBF7",
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _unit_format(unit: str, value: object = None) -> str:
    """An Excel number format showing the unit; whole numbers without decimals (726个)."""
    digits = "#,##0" if isinstance(value, int | Decimal) and value == int(value) else "#,##0.0#"
    if unit == "%":
        return '0.0#"%"'
    if unit in ("", "个百分点"):
        return digits
    return f'{digits}"{unit}"'


def _xlsx_text(value: Any) -> Any:
    """Text as a cell can hold it: control characters (which XLSX cannot store) escaped."""
    return visible(value, lines=True) if isinstance(value, str) else value


def render_xlsx(report: Report) -> bytes:
    """A summary sheet and a scorecard sheet with number formats, status fills and a frozen
    header. openpyxl is imported here, only when XLSX is asked for."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    zh = report.lang != "en"
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "汇总 Summary" if zh else "Summary"
    bold = Font(bold=True)
    summary["A1"] = _xlsx_text(report.title)
    summary["A1"].font = Font(bold=True, size=14)
    generated = report.generated.isoformat()
    summary["A2"] = _xlsx_text(
        report.subtitle + (f" · 生成于 {generated}" if zh else f" · generated {generated}")
    )
    summary["A3"] = _xlsx_text(report.sentence)
    summary["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    summary.row_dimensions[3].height = 48
    summary.append([])
    summary.append(["状态 status" if zh else "Status", "项数 targets" if zh else "Targets"])
    for cell in summary[5]:
        cell.font = bold
    counts = report.card.summary
    for status in Status:
        summary.append(
            [f"{STATUS_SYMBOLS[status]} {status_label(status, report.lang)}", counts[status.value]]
        )
        summary.cell(summary.max_row, 1).fill = PatternFill("solid", fgColor=FILLS[status])
    summary.append(["合计 total" if zh else "Total", counts["total"]])
    summary.cell(summary.max_row, 1).font = bold
    summary.column_dimensions["A"].width = 60
    summary.column_dimensions["B"].width = 14

    sheet = wb.create_sheet("计分卡 Scorecard" if zh else "Scorecard")
    heads = (
        (
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
            "来源",
            "原文",
            "备注",
        )
        if zh
        else (
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
            "Source",
            "Quote",
            "Note",
        )
    )
    sheet.append(list(heads))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="44546A")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [_width(h) + 2 for h in heads]
    for section in report.sections:
        for row, cells in section.rows:
            a, ind = row.assessment, row.indicator
            actual = a.actual
            values: list[Any] = [
                section.category.name if zh else section.category.name_en,
                cells.name,
                cells.target,
                row.target.value,
                actual.value
                if actual and actual.value is not None
                else (cells.actual if actual else None),
                cells.period or None,
                cells.vintage or None,
                a.completion,
                a.gap,
                a.time_progress,
                a.schedule_gap,
                f"{cells.symbol} {cells.status}",
                report.card.source_title(actual.source if actual else row.source),
                " ".join((actual.quote if actual else row.target.quote).split()),
                cells.note or None,
            ]
            sheet.append([_xlsx_text(v) for v in values])
            r = sheet.max_row
            for column in range(1, len(values) + 1):
                cell = sheet.cell(r, column)
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, even when it starts with '='
                    widths[column - 1] = max(widths[column - 1], min(_width(cell.value) + 2, 60))
            gap_format = (
                '+0.0"个百分点";-0.0"个百分点";0' if ind.unit == "%" else _unit_format(ind.unit)
            )
            sheet.cell(r, 4).number_format = _unit_format(ind.unit, sheet.cell(r, 4).value)
            sheet.cell(r, 5).number_format = _unit_format(ind.unit, sheet.cell(r, 5).value)
            for column in (8, 10, 11):
                sheet.cell(r, column).number_format = "0.0%"
            sheet.cell(r, 9).number_format = gap_format
            sheet.cell(r, 12).fill = PatternFill("solid", fgColor=FILLS[a.status])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, min(width, 60))
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
