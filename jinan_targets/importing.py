"""Bring figures in from tables: a long table (one row per figure), the tool's own CSV/XLSX
export with its 实际 column filled in, a statistics table with periods across (1—3月 | 1—6月),
or a statistics sheet as a 统计局 publishes it (title and unit rows, 计量单位, growth and index
columns, footnotes: see :mod:`published`).

Reading is separate from judging: :func:`read_table` turns a CSV or XLSX sheet into rows of
text cells; :func:`read_figures` turns those into record requests, each located by row and
column, checked later with exactly the rules of ``jt record``. No file is written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Indicator
from .namematch import Catalog
from .period import PeriodError, parse_period
from .published import PublishedError, is_published, published_requests
from .recording import RecordRequest
from .tablefile import TableFileError, read_grid
from .tableshape import SEARCH_ROWS, Table, locate
from .xlsxcells import Grid

__all__ = ["Figures", "ImportError_", "Located", "Table", "read_figures", "read_table"]

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
_PERIODISH = r"\d{4}|^[QH]\d|季|月|年|^\d{4}-"


class ImportError_(ValueError):
    """The table cannot be read at all (not CSV or XLSX, no such sheet, no usable header)."""


@dataclass(frozen=True)
class Located:
    """A request and where it came from: table row (as the sheet numbers it) and the value's
    column."""

    request: RecordRequest
    row: int
    columns: dict[str, str]  # field -> column name it came from


@dataclass(frozen=True)
class Figures:
    """The requests a table gives, and what a published table leaves out (named, not lost)."""

    located: list[Located]
    not_tracked: list[str] = field(default_factory=list)  # row names matching no indicator
    columns_skipped: list[str] = field(default_factory=list)  # 上年同期, 全年目标 …
    errors: list[str] = field(default_factory=list)  # FILE:ROW:COLUMN: message
    published: bool = False


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The table in ``path``: a CSV/TSV file (UTF-8 with or without BOM, UTF-16, GB18030/GBK),
    or an XLSX sheet (``sheet``, else the first whose header can be found), its header found
    below title and unit rows and its footnotes set apart."""
    located: dict[int, Table | None] = {}  # a sheet is located once, when it is chosen

    def accept(grid: Grid) -> bool:
        located[id(grid)] = locate(grid)
        return located[id(grid)] is not None

    try:
        grid = read_grid(path, sheet, accept=accept)
    except TableFileError as exc:
        raise ImportError_(str(exc)) from None
    if not any(any(c.strip() for c in row) for row in grid.rows):
        raise ImportError_(f"{grid.name}: 表格为空 the table is empty")
    table = located[id(grid)] if id(grid) in located else locate(grid)
    if table is None:
        raise ImportError_(
            f"{grid.name}: 找不到表头 no header row, no indicator column: none of the first "
            f"{SEARCH_ROWS} rows names one (指标名称, 指标, 项目, indicator)"
        )
    return table


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


def read_figures(
    table: Table,
    *,
    jurisdiction: str,
    period: str | None,
    vintage: str,
    source: str,
    published: str | None,
    by: str,
    year: int | None,
    indicators: Iterable[Indicator] = (),
) -> Figures:
    """One request per figure in the table. Long form when there is a value column; a published
    statistics table (title rows, 计量单位, growth or index columns) read by the genre's rules
    against the ``indicators`` catalog; else wide form when the header holds periods (indicators
    down, periods across). Blank cells are skipped; nothing is checked yet beyond the shape of
    the table and the catalog's names."""
    header = table.header
    found = {field: _find(header, field) for field in COLUMNS}
    ind = found["indicator"]
    if ind is None:
        raise ImportError_(
            f"{table.name}: 找不到指标列 no indicator column (name one 指标 or indicator)"
        )
    if found["value"] is None and found["verdict"] is None:
        if is_published(table, ind):
            try:
                got = published_requests(
                    table,
                    ind,
                    Catalog(indicators),
                    jurisdiction=jurisdiction,
                    period=period,
                    vintage=vintage,
                    source=source,
                    published=published,
                    by=by,
                    year=year,
                )
            except PublishedError as exc:
                raise ImportError_(str(exc)) from None
            located = [Located(r, n, w) for r, n, w in got.requests]
            return Figures(located, got.not_tracked, got.columns_skipped, got.errors, True)
        periods = [i for i, h in enumerate(header) if i != ind and _is_period(h, year)]
        if not periods:
            raise ImportError_(
                f"{table.name}: 找不到数值列或时期列 no value column (实际/value) and no periods "
                "across the header (1—3月, 2026-Q1, …)"
            )
        for i, h in enumerate(header):
            if i != ind and i not in periods and h.strip():
                reason = _period_problem(h, year)
                raise ImportError_(
                    f"{table.name}: 列 {h!r} 不是时期 column {h!r} is not a period{reason}; "
                    "a table with periods across holds only periods beside the indicator"
                )
        return Figures(_wide(table, ind, periods, jurisdiction, vintage, source, published, by))
    names = {h.strip().lower().split("\n")[0] for h in header}
    if names & {"目标值", "target_text", "目标"}:
        # The tool's own export: its source, note and quote columns describe the target; only
        # the figure's own (actual_*) columns describe a figure.
        for field, own in (("source", "actual_source"), ("note", "actual_note"),
                           ("published", "actual_published")):  # fmt: skip
            at = found[field]
            if at is not None and header[at].strip().lower() != own:
                found[field] = None
    return Figures(_long(table, found, jurisdiction, period, vintage, source, published, by))


def _period_problem(text: str, year: int | None) -> str:
    try:
        parse_period(text, default_year=year)
    except PeriodError as exc:
        return f" ({exc})"
    return ""  # pragma: no cover - only called for cells that are not periods


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

    for k, row in enumerate(table.rows):
        n = table.number(k)
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
    for k, row in enumerate(table.rows):
        n = table.number(k)
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
