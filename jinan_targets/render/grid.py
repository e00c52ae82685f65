"""A width-aware box table for the terminal, fast enough to lay out a 91-row scorecard of Chinese
text in a few milliseconds (rich's general-purpose Table takes tens). Formatting only.

Columns fold their text to fit the terminal (a Chinese character is two cells wide); a column
marked ``no_wrap`` keeps its widest cell whole, and so does every column's ``min_width``, so a
figure is never split. The box is the one rich draws as HEAVY_HEAD. Colour is ANSI, used only
when the output is a terminal (or ``FORCE_COLOR`` is set) and ``NO_COLOR`` is not.
"""

from __future__ import annotations

import os
from typing import NamedTuple, TextIO

from rich.cells import cell_len

from ..visible import visible

__all__ = ["Cell", "Column", "Grid", "colour_wanted", "paint"]

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
    justify: str = "left"
    header_rest: str = "dim"  # style of the header's second line (its English label)


def _fold(text: str, width: int) -> list[str]:
    """Break ``text`` into lines at most ``width`` cells wide: at spaces when a word fits,
    anywhere inside a word (or Chinese text) when it does not."""
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
            for char in word:
                w = cell_len(char)
                if used + w > width:
                    out.append(line)
                    line, used = "", 0
                line, used = line + char, used + w
        out.append(line)
    return out


class Grid:
    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns
        self.rows: list[list[Cell] | None] = []  # None: a section break

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
            floor.append(natural[-1] if col.no_wrap else min(col.min_width, natural[-1]))
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
        return widths

    def render(self, width: int, colour: bool = False) -> str:
        widths = self._widths(width)
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
            folded = [_fold(c.text, w) for c, w in zip(cells, widths, strict=True)]
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


def _style(cell: Cell, line: int, header: bool, column: Column) -> str:
    if header:
        return "bold" if line == 0 else f"bold {column.header_rest}"
    return cell.style if line == 0 or not cell.rest else cell.rest
