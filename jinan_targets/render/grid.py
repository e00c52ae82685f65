"""A width-aware box table for the terminal, fast enough to lay out a 91-row scorecard of Chinese
text in a few milliseconds (rich's general-purpose Table takes tens). Formatting only.

Columns fold their text to fit the terminal (a Chinese character is two cells wide); a column
marked ``no_wrap`` keeps its widest cell whole, and so does every column's ``min_width``, so a
figure is never split. The box is the one rich draws as HEAVY_HEAD. Colour is ANSI, used only
when the output is a terminal (or ``FORCE_COLOR`` is set) and ``NO_COLOR`` is not.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple, TextIO

from rich.cells import cell_len

from ..english import UNIT_WORDS
from ..visible import visible

__all__ = ["Cell", "Column", "Grid", "atoms", "colour_wanted", "paint", "unbreakable", "wrap"]

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


def colour_wanted(stream: TextIO | None = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, style: str, colour: bool) -> str:
    """``text`` in ``style`` ("bold green", "dim"), or as is without colour; its control
    characters shown as escapes either way."""
    text = visible(text, lines=True)
    if not colour or not style or not text:
        return text
    codes = ";".join(_CODES[s] for s in style.split() if s in _CODES)
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


class Cell(NamedTuple):
    """Text (lines separated by \\n), its style, and a style for the lines after the first."""

    text: str
    style: str = ""
    rest: str = ""


class Column(NamedTuple):
    header: str
    min_width: int = 1
    max_width: int | None = None
    no_wrap: bool = False
    figures: bool = True  # keep English figures ("≥ 150,000 people") on one line
    justify: str = "left"
    header_rest: str = "dim"  # style of the header's second line (its English label)


# What a line never breaks inside: a figure with its scale, unit and qualifier (2,000家,
# 15万人以上, -0.1个百分点, 5.5%左右, 1—2条), a date or period (2026-10-15, 2021—2025年,
# 2026-Q1), an id (gdp_growth, base_stations_5g) and a time (08:00).
_ATOM = re.compile(
    r"[^\s\u00a0]*(?:\u00a0[^\s\u00a0]+)+|\d{4}-[QH]\d(?!\d)|[+\-−±≈≥≤<>~]?\d(?:[\d,.:/]|[-—–~](?=\d))*"
    r"(?:%|‰|个百分点|[万亿千百]{0,2}[^\W\d_](?:[^\W\d_](?<=[次元箱瓦里米亩吨户]))?)?"
    r"(?:以上|以内|以下|左右|余|多|[一二三四]季度|[上下]半年|前三季度|全年)?"
    r"|(?:截至)?(?:[一二三四]季度|[上下]半年|前三季度|全年)"
    r"|[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|[A-Za-z0-9]*\d[A-Za-z0-9]*"
    r"|[A-Za-z]{1,10}(?![A-Za-z])"  # a longer English word may break, an id never
)
SHORT = 8  # a word at most this wide (基本完成, 一季度, 暂无数据) is a short label: kept whole


def atoms(word: str) -> list[str]:
    """``word`` cut into the pieces a line may break between: figures, dates, ids and words of
    Latin letters stay whole; any other character stands alone."""
    out: list[str] = []
    pos = 0
    for m in _ATOM.finditer(word):
        out.extend(word[pos : m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(word[pos:])
    return out


def unbreakable(text: str, figures: bool = True) -> int:
    """The narrowest a column can be without splitting a figure, a date, an id or a short label
    of ``text``."""
    widest = 0
    flat = text.replace("\n", " ")
    for word in (_glued(flat) if figures else flat).split(" "):
        size = cell_len(word)
        if size <= SHORT:
            widest = max(widest, size)
        else:
            widest = max([widest, *(cell_len(a) for a in atoms(word))])
    return widest


_GLUE = "\u00a0"  # stands for a space inside an English figure while a line is folded
_UNIT = "|".join(re.escape(w) for w in UNIT_WORDS)
_ENGLISH_FIGURE = re.compile(
    rf"(?:[≥≤≈] )?[+\-]?\d[\d,.]*%?(?: (?:{_UNIT}))*(?: \(times\))?(?![\w²³])"
)


def _glued(paragraph: str) -> str:
    """ "≥ 150,000 people", "160 billion yuan", "-0.1 pp" held together as one word."""
    return _ENGLISH_FIGURE.sub(lambda m: m.group().replace(" ", _GLUE), paragraph)


def _fold(text: str, width: int, figures: bool = True) -> list[str]:
    """Break ``text`` into lines at most ``width`` cells wide: at spaces when a word fits,
    between the atoms of a word (never inside a figure, date or id) when it does not."""
    if not figures:
        return _fold_glued(text, width)
    return [line.replace(_GLUE, " ") for line in _fold_glued(_glued(text), width)]


def _fold_glued(text: str, width: int) -> list[str]:
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = cell_len(word)
            gap = 1 if line else 0
            if used + gap + size <= width:
                line, used = line + (" " if gap else "") + word, used + gap + size
                continue
            if line and size <= width:
                out.append(line)
                line, used = word, size
                continue
            if line:  # a long word: continue on the same line, folding as needed
                line, used = line + " ", used + 1
                if used >= width:
                    out.append(line.rstrip())
                    line, used = "", 0
            for atom in atoms(word):
                w = cell_len(atom)
                if used + w > width and line:
                    out.append(line)
                    line, used = "", 0
                line, used = line + atom, used + w
        out.append(line)
    return out


def wrap(text: str, width: int) -> str:
    """A title or a note folded to the terminal, never inside a figure, a date or an id."""
    return "\n".join(_fold(text, max(width, 1)))


class Grid:
    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns
        self.rows: list[list[Cell] | None] = []  # None: a section break
        self.fits = True

    def add(self, *cells: Cell | str) -> None:
        # control characters in the text are shown as escapes before the row is measured
        self.rows.append(
            [
                c._replace(text=visible(c.text, lines=True))
                if isinstance(c, Cell)
                else Cell(visible(c, lines=True))
                for c in cells
            ]
        )

    def section(self) -> None:
        if self.rows and self.rows[-1] is not None:
            self.rows.append(None)

    def _widths(self, width: int) -> list[int]:
        n = len(self.columns)
        natural = []
        floor = []
        for i, col in enumerate(self.columns):
            texts = [col.header] + [r[i].text for r in self.rows if r is not None]
            widest = max(cell_len(line) for t in texts for line in t.split("\n"))
            if col.max_width is not None:
                widest = min(widest, col.max_width)
            natural.append(max(widest, col.min_width))
            whole = max(unbreakable(t, col.figures) for t in texts[1:]) if len(texts) > 1 else 0
            whole = max(whole, unbreakable(col.header, col.figures) if col.header else 0)
            least = max(min(col.min_width, natural[-1]), whole)
            floor.append(natural[-1] if col.no_wrap else least)
        room = width - (n + 1) - 2 * n
        widths = list(natural)
        excess = sum(widths) - room
        while excess > 0:
            shrinkable = [i for i in range(n) if widths[i] > floor[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
        self.fits = sum(widths) <= room
        return widths

    def render(self, width: int, colour: bool = False) -> str:
        widths = self._widths(width)
        if not self.fits:
            return self._listing(width, colour)
        edges = {
            "top": ("┏", "━", "┳", "┓"),
            "head_rule": ("┡", "━", "╇", "┩"),
            "section": ("├", "─", "┼", "┤"),
            "bottom": ("└", "─", "┴", "┘"),
        }

        def rule(kind: str) -> str:
            left, fill, cross, right = edges[kind]
            return left + cross.join(fill * (w + 2) for w in widths) + right

        def block(cells: list[Cell], bar: str, header: bool = False) -> list[str]:
            folded = [
                _fold(c.text, w, col.figures)
                for c, w, col in zip(cells, widths, self.columns, strict=True)
            ]
            height = max(len(lines) for lines in folded)
            out = []
            for k in range(height):
                parts = []
                for i, (cell, lines) in enumerate(zip(cells, folded, strict=True)):
                    text = lines[k] if k < len(lines) else ""
                    pad = widths[i] - cell_len(text)
                    col = self.columns[i]
                    if col.justify == "right":
                        text = " " * pad + paint(text, _style(cell, k, header, col), colour)
                    else:
                        text = paint(text, _style(cell, k, header, col), colour) + " " * pad
                    parts.append(f" {text} ")
                out.append(bar + bar.join(parts) + bar)
            return out

        lines = [rule("top")]
        lines += block([Cell(c.header) for c in self.columns], "┃", header=True)
        lines.append(rule("head_rule"))
        for row in self.rows:
            lines.append(rule("section")) if row is None else lines.extend(block(row, "│"))
        lines.append(rule("bottom"))
        return "\n".join(lines)

    def _listing(self, width: int, colour: bool) -> str:
        """The rows as a list, for a terminal too narrow for the table: each row's first cell
        on a line of its own, then one "header: value" line per other cell, folded without
        splitting a figure, a date or an id."""
        names = [" ".join(c.header.split("\n")) for c in self.columns]
        lines: list[str] = []
        for row in self.rows:
            if row is None:
                lines.append("─" * max(1, min(width, 40)))
                continue
            first, *rest = row
            lines.extend(paint(t, "bold", colour) for t in _fold(first.text, width))
            for name, cell in zip(names[1:], rest, strict=True):
                if not cell.text.strip():
                    continue
                value = " ".join(cell.text.split("\n"))
                label = f"  {name}: "
                if cell_len(label) + cell_len(value) <= width:
                    lines.append(label + paint(value, cell.style, colour))
                    continue
                lines.extend("  " + t for t in _fold(name + ":", max(width - 2, 1)))
                lines.extend("    " + t for t in _fold(value, max(width - 4, 1)))
        return "\n".join(lines)


def _style(cell: Cell, line: int, header: bool, column: Column) -> str:
    if header:
        return "bold" if line == 0 else f"bold {column.header_rest}"
    return cell.style if line == 0 or not cell.rest else cell.rest
