"""Read an old-format ``.xls`` sheet (Excel 97–2003, as many 统计局 still publish) as Excel shows
it, with xlrd, an optional extra (``pip install 'jinan-targets[xls]'``). Numbers go through the
same display rules as XLSX (:func:`xlsxcells.shown`: 0.054 in ``0.0%`` is 5.4%); rows keep
Excel's numbers. An .xls holds each formula's last result, so there is no uncomputed formula.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .excerpt import excerpt
from .xlsxcells import Grid, XlsxError, shown

__all__ = ["MAX_XLS_BYTES", "read_xls"]

MAX_XLS_BYTES = 64 * 2**20  # xlrd reads the whole file; a statistics sheet is far smaller


def _cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_DATE:
        return shown(xlrd.xldate_as_datetime(cell.value, book.datemode))
    fmt = "General"
    if cell.ctype == xlrd.XL_CELL_NUMBER and cell.xf_index is not None:
        xf = book.xf_list[cell.xf_index]
        found = book.format_map.get(xf.format_key)
        fmt = found.format_str if found is not None else "General"
    return shown(cell.value, fmt)


def read_xls(
    path: Path, sheet: str | None = None, accept: Callable[[Grid], bool] | None = None
) -> Grid:
    """Sheet ``sheet``; without it, the first sheet ``accept`` takes (else the first sheet)."""
    try:
        import xlrd
    except ImportError:
        raise XlsxError(
            f"{excerpt(path.name)}: 旧版Excel文件 an old-format .xls workbook: install the xls "
            "extra (pip install 'jinan-targets[xls]') or save it as .xlsx"
        ) from None
    if path.stat().st_size > MAX_XLS_BYTES:
        raise XlsxError(f"{excerpt(path.name)}: 文件过大 larger than {MAX_XLS_BYTES // 2**20} MiB")
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises many kinds on a damaged or foreign file
        raise XlsxError(
            f"{excerpt(path.name)}: 不是可读的.xls not a readable .xls file ({str(exc)[:80]})"
        ) from None
    try:
        titles = list(book.sheet_names())
        if sheet is not None and sheet not in titles:
            raise XlsxError(
                f"{path.name}: 没有工作表 no sheet {excerpt(sheet)} (sheets: {', '.join(titles)})"
            )
        first: Grid | None = None
        for title in [sheet] if sheet is not None else titles:
            try:
                ws = book.sheet_by_name(title)
                rows = [[_cell(book, c) for c in ws.row(r)] for r in range(ws.nrows)]
            except Exception as exc:  # a damaged sheet
                message = f"{path.name}[{title}]: 工作表损坏 damaged sheet ({str(exc)[:80]})"
                raise XlsxError(message) from None
            grid = Grid(f"{path.name}[{title}]", rows, list(range(1, len(rows) + 1)))
            if accept is None or accept(grid):
                return grid
            first = first or grid
        if first is None:
            raise XlsxError(f"{path.name}: 没有工作表 the workbook has no sheet")
        return first
    finally:
        book.release_resources()
