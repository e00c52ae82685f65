"""Find the table inside a sheet as statistics offices print it.

A 统计局 sheet puts a title (济南市主要经济指标（2026年1—9月）) and a unit line (单位：亿元、%)
above the header, may spread the header over two or three rows with merged cells (1—9月 over
绝对值 | 增长%), and ends with footnotes (注：…). :func:`locate` finds the header row (the one
naming the indicator column), joins the header rows into one label per column (a merged cell's
text is carried over the columns it spans), and keeps the rows between header and footnotes,
each with its number in the sheet. Pure: a grid in, a :class:`Table` out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .xlsxcells import Grid

__all__ = ["NAME_WORDS", "Table", "header_key", "locate"]

# Header words of the indicator column: those of the tool's own tables and of published ones.
_WORDS = ("indicator", "id", "name", "编号", "指标", "指标名称", "名称", "项目", "项目名称")
NAME_WORDS = frozenset((*_WORDS, "主要指标", "指标项目", "统计指标"))
SEARCH_ROWS = 30  # the header is within the first rows of a sheet
_NOTE = re.compile(
    r"^(注|说明|备注|附注|资料来源|数据来源|来源)\s*[0-9一二三四五六七八九十]*\s*[:：]"
)
_UNIT_LINE = re.compile(r"^(计量)?单位\s*[:：]")
_NUMBER = re.compile(r"^[+\-−]?[\d,，]*\.?\d+%?$")


@dataclass(frozen=True)
class Table:
    name: str  # file name, with the sheet for XLSX: data.xlsx[1月]
    header: list[str]  # one label per column, the header rows joined
    rows: list[list[str]]  # the body: text cells, blank rows left out
    numbers: list[int] = field(default_factory=list)  # each body row's number in the sheet
    above: list[str] = field(default_factory=list)  # title and unit lines above the header
    header_rows: int = 1
    notes: list[str] = field(default_factory=list)  # footnotes below the body

    def number(self, i: int) -> int:
        return self.numbers[i] if i < len(self.numbers) else i + 2


def header_key(text: str) -> str:
    """A header cell as compared: NFKC, no spaces (指 标 → 指标), lower case, no colon."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).lower().rstrip(":")


def _names_column(cell: str) -> bool:
    key = header_key(cell)
    if key in NAME_WORDS:
        return True
    first = cell.strip().lower().split("\n")[0].split(" ")[0]  # 指标\nindicator, 指标 indicator
    return first in NAME_WORDS or re.sub(r"\(.*\)$", "", key) in NAME_WORDS


def _filled(row: Sequence[str]) -> list[int]:
    return [i for i, c in enumerate(row) if c.strip()]


def _numeric(cell: str) -> bool:
    return bool(_NUMBER.match(unicodedata.normalize("NFKC", cell).strip()))


def locate(grid: Grid) -> Table | None:
    """The table in ``grid``, or None when no row in the first :data:`SEARCH_ROWS` names an
    indicator column."""
    width = max((len(r) for r in grid.rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in grid.rows]
    kept = [(n, r) for n, r in zip(grid.numbers, rows, strict=True) if any(c.strip() for c in r)]
    head = next(
        (
            i
            for i, (_, r) in enumerate(kept[:SEARCH_ROWS])
            if len(_filled(r)) > 1 and any(_names_column(c) for c in r)
        ),
        None,
    )
    if head is None:
        return None
    name_col = next(i for i, c in enumerate(kept[head][1]) if _names_column(c))
    first = head
    while first > 0 and _upper_header(kept[first - 1][1], name_col):
        first -= 1
    last = head
    while last + 1 < len(kept) and last - head < 3 and _lower_header(kept[last + 1][1], name_col):
        last += 1
    header = _compose([r for _, r in kept[first : last + 1]], name_col)
    if last + 1 < len(kept) and _column_numbers(kept[last + 1][1], name_col):
        last += 1  # 甲 | 乙 | 1 | 2 | 3: the columns' numbers (栏次), not a row of figures
    above = [" ".join(c.strip() for c in r if c.strip()) for _, r in kept[:first]]
    body: list[tuple[int, list[str]]] = []
    notes: list[str] = []
    for n, r in kept[last + 1 :]:
        text = " ".join(c.strip() for c in r if c.strip())
        if notes or _NOTE.match(text):
            notes.append(text)
        else:
            body.append((n, r))
    return Table(
        grid.name,
        header,
        [r for _, r in body],
        [n for n, _ in body],
        above,
        last - first + 1,
        notes,
    )


def _upper_header(row: list[str], name_col: int) -> bool:
    """A row above the header row that belongs to it: its indicator cell is blank (merged from
    above or below) and it labels value columns; a title or a 单位 line is not one."""
    filled = _filled(row)
    if not filled or row[name_col].strip() or _UNIT_LINE.match(row[filled[-1]].strip()):
        return False
    if len(filled) == 1:
        cell = row[filled[0]].strip()
        return filled[0] > name_col and len(cell) <= 16 and not _numeric(cell)
    return not any(_numeric(row[i]) for i in filled)


def _lower_header(row: list[str], name_col: int) -> bool:
    """A row below the header row that continues it: blank indicator cell, no figures."""
    filled = _filled(row)
    if not filled or row[name_col].strip():
        return False
    return not any(_numeric(row[i]) or row[i].strip() in ("—", "-") for i in filled)


def _column_numbers(row: list[str], name_col: int) -> bool:
    """The 栏次 row some tables print under the header: 甲, 乙 … for the text columns, 1, 2, 3 …
    for the figures."""
    cells = [unicodedata.normalize("NFKC", row[i]).strip() for i in _filled(row)]
    return row[name_col].strip() in ("甲", "A") and all(
        c in ("甲", "乙", "丙", "丁", "A", "B", "C", "D") or (c.isdigit() and len(c) <= 2)
        for c in cells
    )


def _compose(rows: list[list[str]], name_col: int) -> list[str]:
    """One label per column: each header row's text, a merged (blank) cell taking the text on
    its left in every row but the last, joined top to bottom."""
    width = len(rows[0])
    filled = [list(r) for r in rows]
    for k, r in enumerate(filled[:-1]):
        carry = ""
        for i in range(width):
            if i <= name_col:
                continue
            if r[i].strip():
                carry = r[i].strip()
            elif carry and any(lower[i].strip() for lower in filled[k + 1 :]):
                r[i] = carry
    labels = []
    for i in range(width):
        parts: list[str] = []
        for r in filled:
            cell = r[i].strip()
            if cell and cell not in parts:
                parts.append(cell)
        labels.append(" ".join(parts))
    return labels
