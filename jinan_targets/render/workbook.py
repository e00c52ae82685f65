"""Every scorecard as one workbook (``jt export --all -o all.xlsx``): a contents sheet, then one
sheet per jurisdiction-year holding the long table's columns. Text from data is always a string
cell, never a formula."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..longtable import PREFIX, long_table

__all__ = ["render_all_xlsx"]

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _title(card: Mapping[str, Any], used: set[str]) -> str:
    base = _BAD_TITLE.sub("_", f"{card['jurisdiction']['id']} {card['year']}")[:31]
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _put(ws: Any, row: int, col: int, value: Any) -> int:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        cell.value = value
        return len(format(value, "f"))
    if isinstance(value, bool | int | float) or value is None:
        cell.value = value
        return len(str(value)) if value is not None else 0
    text = str(value)
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return _width(text)


def render_all_xlsx(cards: Sequence[Mapping[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    contents: Any = wb.active
    contents.title = "目录 contents"
    heads = ("工作表 sheet", "辖区 jurisdiction", "年份 year", "截至 as of", "目标 targets")
    for col, text in enumerate(heads, start=1):
        _put(contents, 1, col, text)
    used = {contents.title.lower()}
    for n, card in enumerate(cards, start=2):
        header, rows = long_table([card])
        title = _title(card, used)
        for col, value in enumerate(
            (title, card["jurisdiction"]["name"], card["year"], card["as_of"], len(rows)), start=1
        ):
            _put(contents, n, col, value)
        sheet = wb.create_sheet(title)
        widths = [_width(h) for h in header]
        for col, text in enumerate(header, start=1):
            _put(sheet, 1, col, text)
        for r, row in enumerate(rows, start=2):
            for col, value in enumerate(row, start=1):
                widths[col - 1] = max(widths[col - 1], _put(sheet, r, col, value))
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 60)
        sheet.freeze_panes = sheet.cell(row=2, column=len(PREFIX) + 2)
    for col in range(1, len(heads) + 1):
        contents.column_dimensions[get_column_letter(col)].width = 24
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
