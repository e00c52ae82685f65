"""The scorecard as terminal text, laid out by :mod:`grid` (fast: no rich layout on the hot path).
Colour is decoration: every status also has a symbol and a word."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from rich.cells import cell_len

from ..assess import Assessment
from ..model import Kind, Status
from ..report import Cells, row_cells
from ..scorecard import Row, Scorecard
from ..text import STATUS_SYMBOLS, fmt_value, status_label
from .grid import Cell, Column, Grid, paint, wrap

__all__ = ["STATUS_STYLES", "bar", "headline", "scorecard_text"]

STATUS_STYLES: dict[Status, str] = {
    Status.MET: "bold green",
    Status.BASICALLY_MET: "yellow",
    Status.MISSED: "bold red",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "red",
    Status.NO_DATA: "dim",
    Status.PENDING: "cyan",
}


def head(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else f"{zh}\n{en}"


def widest(texts: Iterable[str], cap: int = 24) -> int:
    """The widest cell (terminal cells: a Chinese character is two), at most ``cap``."""
    return min(cap, max((cell_len(t) for t in texts), default=1))


def bar(
    fraction: Decimal | None, marker: Decimal | None = None, width: int = 10
) -> tuple[str, str]:
    """A small completion bar and its style; ``marker`` (时序进度) is drawn as │ on it."""
    if fraction is None:
        return "", ""
    filled = max(0, min(width, int((fraction * width).to_integral_value())))
    cells = ["█"] * filled + ["░"] * (width - filled)
    if marker is not None:
        pos = max(0, min(width - 1, int((marker * width).to_integral_value()) - 1))
        cells[pos] = "│"
    return "".join(cells), "green" if fraction >= 1 else "blue"


def headline(card: Scorecard, lang: str = "zh") -> str:
    """91项指标：完成 60 · 基本完成 3 · 未完成 5 · 暂无数据 23."""
    s = card.summary
    parts = [f"{status_label(Status(k), lang)} {v}" for k, v in s.items() if k != "total" and v]
    if lang == "en":
        return f"{s['total']} targets: " + " · ".join(parts)
    return f"{s['total']}项指标：" + " · ".join(parts)


def _fraction(row: Row) -> Decimal | None:
    """The share a progress bar shows: progress for flows and stocks, none for rates."""
    a = row.assessment
    if row.indicator.kind is Kind.RATE:
        return None
    return a.progress if a.progress is not None else a.completion


def _actual(c: Cells) -> Cell:
    if c.actual == "—":
        return Cell("—", "dim")
    return Cell(f"{c.actual}\n{c.period} {c.vintage}", rest="dim")


def _progress(c: Cells) -> Cell:
    lines = [c.measure, *(x for x in (c.detail, c.basis, c.pace) if x)]
    return Cell("\n".join(lines), rest="dim")


def scorecard_text(
    card: Scorecard,
    lang: str = "zh",
    width: int = 120,
    colour: bool = False,
    *,
    grouped: bool = True,
    before: Mapping[str, Assessment] | None = None,
) -> str:
    """The scorecard table; below 100 columns the progress bar (a picture of the 完成率 column
    beside it) is left out so no figure is squeezed; columns that would be empty are too."""
    place, year = card.jurisdiction, card.year
    if card.as_of is None:  # nothing reported yet: no "as of"
        when = "no figures yet" if lang == "en" else "尚无数据"
    else:
        label = card.as_of.label(lang)
        when = f"as of {label}" if lang == "en" else f"截至{label}"
    title = (
        f"{place.name_en} {year} scorecard · {when}"
        if lang == "en"
        else f"{place.name}{year}年计划目标执行情况 · {when}"
    )
    out = [paint(wrap(title, width), "bold", colour), wrap(headline(card, lang), width)]
    if card.known_by:
        out.append(paint(f"as recorded on {card.known_by.isoformat()}", "dim", colour))
    if not card.rows:
        out.append(paint("没有符合条件的目标 no targets match", "dim", colour))
        return "\n".join(out) + "\n"
    cells = [row_cells(row, lang) for row in card.rows]
    fractions = [_fraction(row) for row in card.rows]
    with_bar = width >= 100 and any(f is not None for f in fractions)
    with_measure = any(c.measure or c.detail or c.basis or c.pace for c in cells)
    # Text columns fold rather than truncate, so nothing is hidden on a narrow terminal; a
    # figure is never split: each column is at least as wide as its widest figure.
    columns = [
        Column(head("指标", "indicator", lang), min_width=8),
        Column(head("目标", "target", lang), min_width=widest((c.target for c in cells), 12)),
        Column(head("实际", "actual", lang), min_width=widest((c.actual for c in cells), 12)),
    ]
    if with_measure:
        measure_width = widest((c.measure for c in cells), 14)
        columns.append(Column(head("完成率/差距", "completion/gap", lang), min_width=measure_width))
    if with_bar:
        columns.append(Column(head("进度", "progress", lang), min_width=10, no_wrap=True))
    columns.append(Column(head("状态", "status", lang), no_wrap=before is None, min_width=10))
    grid = Grid(columns)
    current = None
    for row, c, fraction in zip(card.rows, cells, fractions, strict=True):
        if grouped and row.category.id != current:
            grid.section()
            current = row.category.id
            name = row.category.name_en if lang == "en" else row.category.name
            grid.add(Cell(name, "bold magenta"), *[""] * (len(columns) - 1))
        a = row.assessment
        parts = [Cell(c.name), Cell(c.target), _actual(c)]
        if with_measure:
            parts.append(_progress(c))
        if with_bar:
            parts.append(Cell(*bar(fraction, a.time_progress)))
        label = f"{STATUS_SYMBOLS[a.status]} {status_label(a.status, lang)}"
        if before is not None and row.indicator.id in before:
            old = before[row.indicator.id]
            shown = (
                fmt_value(old.actual.value, row.indicator.unit, lang=lang) if old.actual else "—"
            )
            label = f"{status_label(old.status, lang)} {shown} →\n{label}"
        parts.append(Cell(label, STATUS_STYLES[a.status]))
        grid.add(*parts)
    if grid.rows and grid.rows[0] is None:
        grid.rows.pop(0)
    out.append(grid.render(width, colour))
    return "\n".join(out) + "\n"
