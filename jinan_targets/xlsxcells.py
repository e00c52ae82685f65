"""Read an XLSX sheet as Excel shows it.

A cell's stored value is not what the reader of the sheet sees: 0.054 with the format ``0.0%``
is shown as 5.4%, 5.4321 with ``0.0`` as 5.4, and binary floating point leaves 0.30000000000000004
where Excel shows 0.3. Figures are read as shown, with :class:`~decimal.Decimal`. A formula
whose result was never computed and saved (a file written by a program, not by Excel) has no
value to show: it is an error naming the cell (``C7``), never a blank. Rows keep the numbers Excel
gives them, blank rows included. The workbook is checked by :mod:`safezip` before openpyxl
opens it, so a zip bomb or a damaged archive is refused first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .excerpt import excerpt
from .safezip import ArchiveError, open_archive, verify

__all__ = ["Grid", "XlsxError", "cell_name", "read_xlsx", "shown"]

_SIGNIFICANT = 15  # what Excel keeps of a double
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


class XlsxError(ValueError):
    """The workbook or a cell in it cannot be read; the message names the file and the cell."""


@dataclass(frozen=True)
class Grid:
    """A sheet's cells as text, row by row, with each row's number as Excel shows it."""

    name: str  # file[sheet]
    rows: list[list[str]]
    numbers: list[int]


def cell_name(row: int, column: int) -> str:
    """1-based row and column as Excel names the cell: (7, 3) → C7, (1, 28) → AB1."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _section(number_format: str) -> str:
    """The positive section of a number format, without literals, colours and padding."""
    return _QUOTED.sub("", number_format.split(";")[0])


def shown(value: object, number_format: str = "General") -> str:
    """The text Excel shows for ``value`` in ``number_format`` (numbers only; the thousands
    separator is left out, as the quantity reader drops it anyway)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, int | float | Decimal):
        return str(value).strip()
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    section = _section(number_format or "General")
    if section.lower() in ("general", "@", "") or "e" in section.lower():
        if number and number.adjusted() < _SIGNIFICANT:
            places = _SIGNIFICANT - 1 - number.adjusted()
            number = number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        return _plain(number)
    percent = "%" in section
    if percent:
        number *= 100
    m = re.search(r"[0#?]\.([0#?]+)", section) or re.search(r"\.([0#?]+)", section)
    decimals = len(m.group(1)) if m else 0
    if re.search(r"[0#?]", section):
        number = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return _plain(number) + ("%" if percent else "")


def _formulas(path: Path, title: str) -> dict[tuple[int, int], str]:
    """Cells of sheet ``title`` that hold a formula, with the formula."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        found: dict[tuple[int, int], str] = {}
        for row in book[title].iter_rows():
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    found[(int(cell.row or 0), int(cell.column or 0))] = str(cell.value)
        return found
    finally:
        book.close()


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        with open_archive(path) as zf:
            verify(zf, path)
    except ArchiveError as exc:
        raise XlsxError(f"不是可读的XLSX not a readable XLSX file: {exc}") from None
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        message = f"{path.name}: 不是可读的XLSX not a readable XLSX file ({str(exc)[:80]})"
        raise XlsxError(message) from None


def read_xlsx(
    path: Path, sheet: str | None = None, accept: Callable[[Grid], bool] | None = None
) -> Grid:
    """Sheet ``sheet``; without it, the first sheet ``accept`` takes (else the first sheet).
    :class:`XlsxError` says why it cannot be read."""
    book = _open(path)
    try:
        titles = list(book.sheetnames)
        if sheet is not None and sheet not in titles:
            raise XlsxError(
                f"{path.name}: 没有工作表 no sheet {excerpt(sheet)} (sheets: {', '.join(titles)})"
            )
        if not titles:
            raise XlsxError(f"{path.name}: 没有工作表 the workbook has no sheet")
        first: Grid | None = None
        for title in [sheet] if sheet is not None else titles:
            try:
                grid = _grid(path, book[title], title)
            except XlsxError:
                raise
            except Exception as exc:  # a damaged sheet part
                message = f"{path.name}[{title}]: 工作表损坏 damaged sheet ({str(exc)[:80]})"
                raise XlsxError(message) from None
            if accept is None or accept(grid):
                return grid
            first = first or grid
        assert first is not None
        return first
    finally:
        book.close()


def _grid(path: Path, sheet: Any, title: str) -> Grid:
    name = f"{path.name}[{title}]"
    rows: list[list[str]] = []
    numbers: list[int] = []
    formulas: dict[tuple[int, int], str] | None = None
    for n, row in enumerate(sheet.iter_rows(), start=1):
        cells: list[str] = []
        number = n
        for cell in row:
            if getattr(cell, "row", None):
                number = int(cell.row)
            value = cell.value
            if value is None and getattr(cell, "row", None):
                if formulas is None:  # blank or an uncomputed formula: only the formulas tell
                    formulas = _formulas(path, title)
                formula = formulas.get((int(cell.row), int(cell.column)))
                if formula is not None:
                    where = cell_name(int(cell.row), int(cell.column))
                    raise XlsxError(
                        f"{name}:{where}: 公式没有计算结果 formula {excerpt(formula)} has no "
                        "saved value (open and save the file in Excel, or paste values)"
                    )
            cells.append(shown(value, getattr(cell, "number_format", "General")))
        rows.append(cells)
        numbers.append(number)
    return Grid(name, rows, numbers)
