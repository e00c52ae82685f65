"""Bring figures in from tables: a long table (one row per figure), the tool's own CSV/XLSX
export with its 实际 column filled in, or a statistics table with periods across (1—3月 | 1—6月).

Reading is separate from judging: :func:`read_table` turns a CSV or XLSX sheet into rows of
text cells; :func:`requests_from` turns those into record requests, each located by row and
column, checked later with exactly the rules of ``jt record``. No file is written here.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .excerpt import excerpt
from .period import PeriodError, parse_period
from .recording import RecordRequest

__all__ = ["ImportError_", "Located", "Table", "read_table", "requests_from"]

# Column names people use, Chinese and English, for each field of a figure.
COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标名称", "编号", "id", "name", "名称"),
    "value": ("value", "actual", "实际", "数值", "实际值", "完成值", "完成"),
    "period": ("period", "时期", "期间", "统计期"),
    "vintage": ("vintage", "版本"),
    "source": ("actual_source", "source", "来源", "数据来源"),
    "published": ("actual_published", "published", "as_of", "发布", "发布日期"),
    "note": ("actual_note", "note", "备注"),
    "quote": ("actual_quote", "figure_quote", "数据原文"),
    "jurisdiction": ("jurisdiction", "辖区", "地区"),
    "verdict": ("verdict", "结论", "评估结论"),
}


class ImportError_(ValueError):
    """The table cannot be read at all (not CSV or XLSX, no such sheet, no usable header)."""


@dataclass(frozen=True)
class Table:
    name: str  # file name, with the sheet for XLSX: data.xlsx[1月]
    header: list[str]
    rows: list[list[str]]  # text cells; row numbers count from the header (row 1)


@dataclass(frozen=True)
class Located:
    """A request and where it came from: table row (1 = header) and the value's column."""

    request: RecordRequest
    row: int
    columns: dict[str, str]  # field -> column name it came from


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The first sheet (or ``sheet``) of an XLSX file, or a CSV file (UTF-8, with or without a
    byte-order mark), as text cells."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv") and not stat.S_ISREG(
        os.stat(path).st_mode  # a missing file raises OSError: the caller names it
    ):
        raise ImportError_(f"{path.name}: 不是普通文件 not a regular file")
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            message = f"{path.name}: 不是可读的XLSX not a readable XLSX file ({str(exc)[:80]})"
            raise ImportError_(message) from None
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise ImportError_(
                f"{path.name}: 没有工作表 no sheet {excerpt(sheet)} (sheets: {names})"
            )
        # Without --sheet: the first sheet with an indicator column (an export's second sheet).
        candidates = [book[sheet]] if sheet is not None else list(book.worksheets)
        ws: Any = next(
            (
                s
                for s in candidates
                if _find([_text(v) for v in _header(s)], "indicator") is not None
            ),
            candidates[0],
        )
        cells = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        name = f"{path.name}[{ws.title}]"
    elif suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise ImportError_(f"{path.name}: --sheet is for XLSX files")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            message = f"{path.name}: 不是UTF-8 not UTF-8 text (save the CSV as UTF-8)"
            raise ImportError_(message) from None
        dialect = csv.excel_tab if suffix == ".tsv" else csv.excel
        cells = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
        name = path.name
    else:
        raise ImportError_(f"{path.name}: 只读CSV或XLSX import reads .csv or .xlsx files")
    cells = [row for row in cells if any(row)]
    if not cells:
        raise ImportError_(f"{name}: 表格为空 the table is empty")
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    return Table(name, cells[0], cells[1:])


def _header(sheet: object) -> tuple[object, ...]:
    rows = sheet.iter_rows(values_only=True, max_row=1)  # type: ignore[attr-defined]
    return next(iter(rows), ())


def _find(header: Sequence[str], field: str) -> int | None:
    names = [h.strip().lower() for h in header]
    for wanted in COLUMNS[field]:
        for i, h in enumerate(names):
            if h == wanted or h.split("\n")[0].split(" ")[0] == wanted:
                return i
    return None


def _is_period(text: str, year: int | None) -> bool:
    try:
        parse_period(text, default_year=year)
    except PeriodError:
        return False
    return bool(text.strip())


def requests_from(
    table: Table,
    *,
    jurisdiction: str,
    period: str | None,
    vintage: str,
    source: str,
    published: str | None,
    by: str,
    year: int | None,
) -> list[Located]:
    """One request per figure in the table. Long form when there is a value column, else wide
    form when the header holds periods (indicators down, periods across). Blank cells are
    skipped; nothing is checked yet beyond the shape of the table."""
    header = table.header
    found = {field: _find(header, field) for field in COLUMNS}
    ind = found["indicator"]
    if ind is None:
        raise ImportError_(
            f"{table.name}: 找不到指标列 no indicator column (name one 指标 or indicator)"
        )
    if found["value"] is None and found["verdict"] is None:
        periods = [i for i, h in enumerate(header) if i != ind and _is_period(h, year)]
        if not periods:
            raise ImportError_(
                f"{table.name}: 找不到数值列或时期列 no value column (实际/value) and no periods "
                "across the header (1—3月, 2026-Q1, …)"
            )
        return _wide(table, ind, periods, jurisdiction, vintage, source, published, by)
    names = {h.strip().lower().split("\n")[0] for h in header}
    if names & {"目标值", "target_text", "目标"}:
        # The tool's own export: its source, note and quote columns describe the target; only
        # the figure's own (actual_*) columns describe a figure.
        for field, own in (("source", "actual_source"), ("note", "actual_note"),
                           ("published", "actual_published")):  # fmt: skip
            i = found[field]
            if i is not None and header[i].strip().lower() != own:
                found[field] = None
    return _long(table, found, jurisdiction, period, vintage, source, published, by)


def _long(
    table: Table,
    found: dict[str, int | None],
    jurisdiction: str,
    period: str | None,
    vintage: str,
    source: str,
    published: str | None,
    by: str,
) -> list[Located]:
    out = []
    header = table.header

    def cell(row: list[str], field: str) -> str:
        i = found[field]
        return row[i] if i is not None else ""

    for n, row in enumerate(table.rows, start=2):
        value, verdict = cell(row, "value"), cell(row, "verdict")
        if (not value and not verdict) or value in ("—", "-"):
            continue  # a blank cell: nothing reported
        request = RecordRequest(
            jurisdiction=cell(row, "jurisdiction") or jurisdiction,
            indicator=cell(row, "indicator"),
            value=value or None,
            verdict=None if value else verdict,
            period=cell(row, "period") or period,
            vintage=cell(row, "vintage") or vintage,
            source=cell(row, "source") or source,
            quote=cell(row, "quote"),
            published=cell(row, "published") or published,
            note=cell(row, "note"),
            by=by,
        )
        columns = {f: header[i] for f, i in found.items() if i is not None}
        out.append(Located(request, n, columns))
    return out


def _wide(
    table: Table,
    ind: int,
    periods: list[int],
    jurisdiction: str,
    vintage: str,
    source: str,
    published: str | None,
    by: str,
) -> list[Located]:
    out = []
    for n, row in enumerate(table.rows, start=2):
        for i in periods:
            if not row[i] or row[i] in ("—", "-"):
                continue
            request = RecordRequest(
                jurisdiction=jurisdiction,
                indicator=row[ind],
                value=row[i],
                period=table.header[i],
                vintage=vintage,
                source=source,
                published=published,
                by=by,
            )
            columns = {"indicator": table.header[ind], "value": table.header[i],
                       "period": table.header[i]}  # fmt: skip
            out.append(Located(request, n, columns))
    return out
