"""Read a table file into a grid of text cells, each row numbered as Excel numbers it.

CSV and TSV come in any encoding :mod:`charset` accepts, with any line ending (CR, LF, CRLF) and
cells of any length; XLSX is read as Excel shows it (:mod:`xlsxcells`), and so is an old .xls
when the optional xlrd is installed (:mod:`xlscells`). Blank rows keep their
place in the numbering, so a message about row 5 means the fifth row on screen. Raises
:class:`TableFileError` with one line saying why a file cannot be read.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .charset import CharsetError, decode_text
from .excerpt import excerpt
from .xlsxcells import Grid, XlsxError, read_xlsx

__all__ = ["MAX_BYTES", "TEXT_SUFFIXES", "XLSX_SUFFIXES", "TableFileError", "read_grid"]

MAX_BYTES = 256 * 2**20  # a table file beyond this is not a statistics table
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class TableFileError(ValueError):
    """The file cannot be read as a table."""


def read_grid(
    path: Path, sheet: str | None = None, accept: Callable[[Grid], bool] | None = None
) -> Grid:
    """The cells of ``path``: a CSV/TSV file, or an XLSX sheet (``sheet``, else the first sheet
    ``accept`` takes, else the first)."""
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, *XLSX_SUFFIXES, ".xls"):
        raise TableFileError(
            f"{excerpt(path.name)}: 只读CSV或XLSX import reads .csv or .xlsx files (or .xls)"
        )
    info = os.stat(path)  # a missing file raises OSError: the caller names it
    if not stat.S_ISREG(info.st_mode):
        raise TableFileError(f"{excerpt(path.name)}: 不是普通文件 not a regular file")
    if info.st_size > MAX_BYTES:
        raise TableFileError(
            f"{excerpt(path.name)}: 文件过大 larger than {MAX_BYTES // 2**20} MiB; not a table"
        )
    if suffix in (*XLSX_SUFFIXES, ".xls"):
        try:
            if suffix == ".xls":
                from .xlscells import read_xls

                return read_xls(path, sheet, accept)
            return read_xlsx(path, sheet, accept)
        except XlsxError as exc:
            raise TableFileError(str(exc)) from None
    if sheet is not None:
        raise TableFileError(f"{excerpt(path.name)}: --sheet is for XLSX files")
    return _read_text(path, suffix)


def _read_text(path: Path, suffix: str) -> Grid:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04") or (b"\x00" in data[:4096] and data[:2] not in (
        b"\xff\xfe", b"\xfe\xff"
    )):  # fmt: skip
        raise TableFileError(
            f"{excerpt(path.name)}: 不是文本表格 not a text table (a binary or zip file; "
            "an XLSX workbook must be named .xlsx)"
        )
    try:
        text, _ = decode_text(data)
    except CharsetError as exc:
        raise TableFileError(
            f"{excerpt(path.name)}: 无法识别的编码 not UTF-8 or GB18030/GBK text: {exc}"
        ) from None
    dialect: type[csv.Dialect] = csv.excel_tab if suffix == ".tsv" else csv.excel
    if suffix == ".txt" and "\t" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0]:
        dialect = csv.excel_tab  # Excel's "Unicode text" is tab-separated
    csv.field_size_limit(max(len(text), 131072))  # a long cell is checked later, by its field
    try:
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""),
                                                               dialect)]  # fmt: skip
    except csv.Error as exc:
        raise TableFileError(
            f"{excerpt(path.name)}: 不是可读的CSV not a readable CSV ({exc})"
        ) from None
    return Grid(path.name, rows, list(range(1, len(rows) + 1)))
