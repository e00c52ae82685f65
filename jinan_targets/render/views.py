"""Terminal text for the views across years and places (trend, compare, summary): formatting
only, laid out by :mod:`grid`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.cells import cell_len

from ..model import Indicator, Jurisdiction, Status
from ..period import parse_period
from ..scorecard import STATUS_ORDER
from ..text import (
    STATUS_SYMBOLS,
    fmt_pct,
    fmt_value,
    gap_text,
    status_label,
    target_text,
    to_date_text,
)
from ..views import CompareRow, SummaryRow, Trend, TrendPoint
from ..yearview import PeriodTable
from .card import STATUS_STYLES, head
from .grid import Cell, Column, Grid, paint, wrap

__all__ = ["compare_text", "periods_text", "summary_text", "trend_text"]

CHART = 24  # cells of the widest bar
CHART_MIN = 10
TRACK = "·"  # the empty part of a bar's row, so a tick stands where its value puts it


def _status(status: Status | None, lang: str) -> Cell:
    if status is None:
        return Cell("")
    return Cell(f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}", STATUS_STYLES[status])


def _figure(p: TrendPoint) -> Decimal | None:
    """The value a row's bar stands for: the year's figure, else its year-to-date figure."""
    o = p.actual if p.actual is not None else p.to_date
    return o.value if o is not None else None


def _chart(points: Sequence[TrendPoint], size: int) -> list[str]:
    """A bar per figure (█ the year, ▒ the year so far) and a ┃ tick at the target, on one
    scale from zero shared by ``points``; nothing is drawn for a value that does not exist."""
    values = [abs(v) for p in points for v in (_figure(p), p.target.value if p.target else None,
              p.target.high if p.target else None) if v is not None]  # fmt: skip
    top = max(values, default=Decimal(0))
    out = []
    for p in points:
        figure = _figure(p)
        tick = p.target.value if p.target is not None else None
        if top == 0 or (figure is None and tick is None):
            out.append("")
            continue
        cells = [TRACK] * size
        if figure is not None:
            filled = int((abs(figure) / top * size).to_integral_value())
            cells[:filled] = ["█" if p.actual is not None else "▒"] * filled
        if tick is not None:
            pos = min(size - 1, max(0, int((abs(tick) / top * size).to_integral_value()) - 1))
            cells[pos] = "┃"
        text = "".join(cells)
        out.append(text.rstrip(TRACK) if figure is not None else text[: text.index("┃") + 1])
    return out


def trend_text(t: Trend, lang: str = "zh", width: int = 120, colour: bool = False) -> str:
    ind, en = t.indicator, lang == "en"
    name = ind.name_en if en else ind.name
    place = t.jurisdiction.name_en if en else t.jurisdiction.name
    out = [paint(wrap(f"{name} · {place}", width), "bold", colour)]
    if not t.points:
        return "\n".join([*out, "没有目标或数据 no targets or figures"]) + "\n"
    years = [p for p in t.points if p.period.kind != "span"]
    spans = [p for p in t.points if p.period.kind == "span"]  # five-year totals: apart
    columns = [
        Column(head("年份", "year", lang), no_wrap=True),
        Column(head("目标", "target", lang), min_width=8),
        Column(head("实际", "actual", lang), no_wrap=True),
        Column(head("差距", "margin", lang), no_wrap=True),
        Column(head("状态", "status", lang), no_wrap=True),
    ]
    rows = [_trend_row(p, ind, lang) for p in [*years, *spans]]
    natural = [
        max(c.min_width, *(cell_len(line) for text in [c.header] + [r[i].text for r in rows]
                           for line in text.split("\n")))
        for i, c in enumerate(columns)
    ]  # fmt: skip
    room = width - sum(natural) - 3 * (len(columns) + 1) - 1
    size = max(CHART_MIN, min(CHART, room))
    grid = Grid([*columns, Column(head("图示", "chart", lang), no_wrap=True)])
    bars = _chart(years, size) + _chart(spans, size)
    for i, (cells, bar) in enumerate(zip(rows, bars, strict=True)):
        if i == len(years) and years:
            grid.section()
        grid.add(*cells, Cell(bar, "blue"))
    out.append(grid.render(width, colour))
    judged = len(t.judged)
    if judged:
        rate, margin = fmt_pct(t.hit_rate), gap_text(ind, t.mean_margin, lang)
        met = t.met
        out.append(
            f"{judged} years with a target and a result: {met} met ({rate}), mean margin {margin}"
            if en
            else f"有目标且有结果的{judged}年中完成{met}年（{rate}），平均差距{margin}"
        )
    keys = [("█ 实际", "█ actual")]
    if any(p.to_date is not None for p in years):
        keys.append(("▒ 年内累计", "▒ year to date"))
    keys.append(("┃ 目标", "┃ target"))
    if spans and years:
        keys.append(("多年合计另用标尺", "multi-year totals on their own scale"))
    out.append(wrap(("; " if en else "　").join(e if en else z for z, e in keys), width))
    return "\n".join(out) + "\n"


def _trend_row(p: TrendPoint, ind: Indicator, lang: str) -> list[Cell]:
    actual = ""
    if p.actual is not None and p.actual.value is not None:
        actual = fmt_value(p.actual.value, ind.unit, lang=lang)
    elif p.to_date is not None and p.to_date.value is not None:
        period = parse_period(p.to_date.period)
        actual = f"{fmt_value(p.to_date.value, ind.unit, lang=lang)}\n{to_date_text(period, lang)}"
    return [
        Cell(p.period.label(lang)),
        Cell(target_text(p.target, ind, lang) if p.target else ""),
        Cell(actual, rest="dim"),
        Cell(gap_text(ind, p.margin, lang) if p.margin is not None else ""),
        _status(p.status, lang),
    ]


def summary_text(rows: Sequence[SummaryRow], lang: str = "zh", width: int = 120,
                 colour: bool = False) -> str:  # fmt: skip
    en = lang == "en"
    if not rows:
        title = "Targets by status" if en else "目标完成情况汇总"
        empty = "no plans for those years" if en else "这些年份没有计划"
        return paint(wrap(title, width), "bold", colour) + "\n" + empty + "\n"
    shown = [s for s in STATUS_ORDER if any(r.counts[s.value] for r in rows)]  # no empty columns
    columns = [
        Column(head("辖区", "jurisdiction", lang), min_width=6),
        Column(head("年度", "year", lang), no_wrap=True),
        Column(head("指标", "targets", lang), min_width=4, justify="right"),
    ]
    # A symbol heads each status column (the legend below names them): the header stays two
    # lines at 80 columns instead of folding every status name.
    columns += [Column(STATUS_SYMBOLS[s], min_width=2, justify="right") for s in shown]
    columns.append(Column(head("完成占比", "met share", lang), min_width=6, justify="right"))
    grid = Grid(columns)
    for r in rows:
        place = r.jurisdiction.name_en if en else r.jurisdiction.name
        grid.add(
            Cell(place),
            Cell(str(r.year)),
            Cell(str(r.counts["total"])),
            *(Cell(str(r.counts[s.value] or ""), STATUS_STYLES[s]) for s in shown),
            Cell(fmt_pct(r.met_share) if r.met_share is not None else "—"),
        )
    title = "Targets by status" if en else "目标完成情况汇总"
    legend = ("; " if en else "　").join(f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}"
                                         for s in shown)  # fmt: skip
    return (
        "\n".join(
            [
                paint(wrap(title, width), "bold", colour),
                grid.render(width, colour),
                wrap(legend, width),
            ]
        )
        + "\n"
    )


def compare_text(rows: Sequence[CompareRow], year: int, places: Sequence[Jurisdiction],
                 lang: str = "zh", width: int = 120, colour: bool = False) -> str:  # fmt: skip
    en = lang == "en"
    names = [p.name_en if en else p.name for p in places]
    title = (f"{year}: " + " · ".join(names)) if en else f"{year}年 " + "、".join(names) + "比较"
    if not rows:
        return (
            paint(wrap(title, width), "bold", colour)
            + "\n"
            + ("no shared indicators\n" if en else "没有共同的指标\n")
        )
    grid = Grid([Column(head("指标", "indicator", lang), min_width=8)] + [
        Column(name, min_width=8) for name in names
    ])  # fmt: skip
    for r in rows:
        cells = [Cell(r.indicator.name_en if en else r.indicator.name)]
        for c in r.cells:
            if c is None:
                cells.append(Cell("—", "dim"))
                continue
            lines = [target_text(c.target, r.indicator, lang)]
            if c.versus_first:
                lines[0] += " ↑" if c.versus_first > 0 else " ↓"
            if c.actual is not None and c.actual.value is not None:
                lines.append(fmt_value(c.actual.value, r.indicator.unit, lang=lang))
            lines.append(f"{STATUS_SYMBOLS[c.status]} {status_label(c.status, lang)}")
            cells.append(Cell("\n".join(lines), rest="dim"))
        grid.add(*cells)
    note = "↑/↓: target above/below the first" if en else "↑/↓：目标高于/低于第一个辖区"
    return (
        "\n".join([paint(wrap(title, width), "bold", colour), grid.render(width, colour), note])
        + "\n"
    )


def periods_text(table: PeriodTable, lang: str = "zh", width: int = 120,
                 colour: bool = False) -> str:  # fmt: skip
    """The year left to right: per target, the figure and status of each reported period."""
    card, en = table.card, lang == "en"
    place = card.jurisdiction.name_en if en else card.jurisdiction.name
    title = f"{place} {card.year} by period" if en else f"{place}{card.year}年计划目标分期执行情况"
    if not table.periods or not card.rows:
        empty = "no figures yet" if not table.periods else "no targets match"
        empty_zh = "暂无数据" if not table.periods else "没有符合条件的目标"
        return paint(wrap(title, width), "bold", colour) + "\n" + (empty if en else empty_zh) + "\n"
    columns = [
        Column(head("指标", "indicator", lang), min_width=8),
        Column(head("目标", "target", lang), min_width=6),
    ]
    columns += [Column(p.label(lang).removeprefix(f"{p.year}年"), min_width=8)
                for p in table.periods]  # fmt: skip
    grid = Grid(columns)
    for row, cells in zip(card.rows, table.cells, strict=True):
        ind = row.indicator
        parts = [Cell(ind.name_en if en else ind.name), Cell(target_text(row.target, ind, lang))]
        for period, a in zip(table.periods, cells, strict=True):
            figure = ""
            if a.actual is not None and a.period == period:
                figure = (
                    fmt_value(a.actual.value, ind.unit, lang=lang)
                    if a.actual.value is not None
                    else status_label(Status(a.actual.verdict.value), lang)  # type: ignore[union-attr]
                ) + "\n"
            mark = f"{STATUS_SYMBOLS[a.status]} {status_label(a.status, lang)}"
            parts.append(Cell(figure + mark, STATUS_STYLES[a.status]))
        grid.add(*parts)
    return "\n".join([paint(wrap(title, width), "bold", colour), grid.render(width, colour)]) + "\n"
