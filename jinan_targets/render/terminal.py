"""Terminal tables: the indicator catalog, jurisdictions, a plan's targets and an indicator's
history (the scorecard and the views have theirs in :mod:`card` and :mod:`views`). Laid out by
:mod:`grid`, like every table: ids, figures and dates stay whole at any width (a list when a
table cannot fit), and data is shown as text, never read as markup. Formatting only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..dataset import Workspace
from ..model import Indicator, Outcome, Plan, Status
from ..period import parse_period
from ..text import (
    direction_label,
    fmt_value,
    kind_label,
    level_label,
    status_label,
    target_text,
    unit_text,
    vintage_label,
)
from ..visible import visible
from .card import head
from .grid import Cell, Column, Grid, paint, wrap

__all__ = ["HISTORY_STATES", "history_view", "indicators_view", "jurisdictions_view",
           "targets_view"]  # fmt: skip


def indicators_view(
    ws: Workspace, indicators: list[Indicator], lang: str, width: int = 120, colour: bool = False
) -> str:
    """ids are never cut; the English name is dropped below 110 columns (it is in --json)."""
    en = lang == "en"
    english = width >= 110 and not en
    columns = [
        Column(head("编号", "id", lang), no_wrap=True),
        Column(head("名称", "name", lang), min_width=8, figures=False),  # names are prose
    ]
    if english:
        columns.append(Column(head("英文名", "English", lang), min_width=8, figures=False))
    columns.append(Column(head("单位", "unit", lang), min_width=4, figures=False))
    if width >= 90:
        columns.append(Column(head("类型", "kind", lang), no_wrap=True))
    if width >= 100:
        columns.append(Column(head("方向", "better", lang), no_wrap=True))
    columns.append(Column(head("类别", "category", lang), min_width=4))
    grid = Grid(columns)
    for ind in indicators:
        cat = ws.categories.get(ind.category)
        cells = [ind.id, ind.name_en if en else ind.name]
        if english:
            cells.append(ind.name_en)
        cells.append(unit_text(ind.unit, lang))
        if width >= 90:
            cells.append(kind_label(ind.kind, lang))
        if width >= 100:
            cells.append(direction_label(ind.direction, lang))
        cells.append((cat.name_en if en else cat.name) if cat else ind.category)
        grid.add(*cells)
    title = "Indicator catalog" if en else "指标目录 Indicator catalog"
    return paint(wrap(title, width), "bold", colour) + "\n" + grid.render(width, colour) + "\n"


def jurisdictions_view(
    rows: list[dict[str, Any]], lang: str, width: int = 120, colour: bool = False
) -> str:
    en = lang == "en"
    english = width >= 90 and not en
    columns = [
        Column("编号 id" if not en else "id", no_wrap=True),
        Column(head("名称", "name", lang), min_width=6),
    ]
    if english:
        columns.append(Column(head("英文名", "English", lang), min_width=8))
    columns += [
        Column(head("级别", "level", lang), no_wrap=True),
        Column(head("上级", "parent", lang), no_wrap=True),
        Column(head("计划", "plans", lang), min_width=4),
        Column(head("实际", "outcomes", lang), no_wrap=True, justify="right"),
    ]
    grid = Grid(columns)
    names = {r["id"]: r["name_en"] if en else r["name"] for r in rows}
    for r in rows:
        grid.add(
            r["id"],
            r["name_en"] if en else r["name"],
            *([r["name_en"]] if english else []),
            level_label(r["level"], lang),
            names.get(r["parent"], r["parent"]) if r["parent"] else "",
            ", ".join(map(str, r["plans"])),
            str(r["outcomes"]),
        )
    title = "Jurisdictions" if en else "辖区 Jurisdictions"
    return paint(wrap(title, width), "bold", colour) + "\n" + grid.render(width, colour) + "\n"


HISTORY_STATES = {
    "current": ("现行", "current"),
    "superseded": ("已被取代", "superseded"),
    "retracted": ("已撤回", "retracted"),
    "retraction": ("撤回记录", "retraction"),
}


def history_view(
    title: str,
    rows: list[tuple[Outcome, str]],
    unit: str,
    titles: Mapping[str, str],
    lang: str,
    width: int = 120,
    colour: bool = False,
) -> str:
    """Every record of one indicator, newest first; ``rows`` pairs a record with its state."""
    en = lang == "en"
    grid = Grid(
        [
            Column(head("时期", "period", lang), min_width=6),
            Column(head("数值", "value", lang), no_wrap=True),
            Column(head("版本", "vintage", lang), no_wrap=True),
            Column(head("状态", "state", lang), no_wrap=True),
            Column(head("录入", "recorded", lang), min_width=10, max_width=16),
            Column(
                head("来源·发布·录入人·备注", "source · published · by · note", lang), min_width=10
            ),
        ]
    )
    for o, state in rows:
        if o.retracts is not None:
            shown = ("retracts " if en else "撤回 ") + o.retracts.strftime("%H:%M:%S")
        elif o.verdict is not None:
            shown = status_label(Status(o.verdict.value), lang)
        else:
            shown = fmt_value(o.value, unit, lang=lang)
        published = (("published " if en else "发布") + o.as_of.isoformat()) if o.as_of else ""
        source = titles.get(o.source, o.source)
        details = " · ".join(x for x in (source, published, o.by, o.note) if x)
        zh_state, en_state = HISTORY_STATES[state]
        grid.add(
            parse_period(o.period).label(lang),
            shown,
            vintage_label(o.vintage, lang),
            en_state if en else zh_state,
            o.recorded_at.strftime("%Y-%m-%d %H:%M"),
            details,
        )
    return paint(wrap(title, width), "bold", colour) + "\n" + grid.render(width, colour) + "\n"


def targets_view(
    ws: Workspace, plan: Plan, lang: str, width: int = 120, colour: bool = False
) -> str:
    meta, en = plan.plan, lang == "en"
    place = ws.jurisdictions[meta.jurisdiction]
    if en:
        title = f"{place.name_en} {meta.year} targets · {meta.title}"
    else:
        title = f"{place.name} {meta.year}年目标 · {meta.title}"
    if meta.doc_number:
        title += f" ({meta.doc_number})"
    order = list(ws.categories)
    targets = sorted(plan.target, key=lambda t: order.index(ws.indicators[t.indicator].category))
    grid = Grid(
        [
            Column(head("指标", "indicator", lang), min_width=8, max_width=28),
            Column(head("目标", "target", lang), min_width=8, max_width=24),
            Column(head("类型", "kind", lang), no_wrap=True),
            Column(head("原文", "quote", lang), min_width=10, max_width=60),
        ]
    )
    current = None
    for t in targets:
        ind = ws.indicators[t.indicator]
        if ind.category != current:
            grid.section()
            current = ind.category
            cat = ws.categories[current]
            grid.add(Cell(cat.name_en if en else cat.name, "bold magenta"), "", "", "")
        name = ind.name_en if en else ind.name
        quote = "".join(t.quote.split())
        grid.add(name, target_text(t, ind, lang), kind_label(ind.kind, lang), quote)
    if grid.rows and grid.rows[0] is None:
        grid.rows.pop(0)
    source = ws.source_title(meta.source)
    footer = (
        f"{len(plan.target)} targets · source: {source}"
        if en
        else f"{len(plan.target)}项目标 · 来源：{source}"
    )
    return "\n".join([paint(wrap(title, width), "bold", colour), grid.render(width, colour),
                      paint(wrap(footer, width), "dim", colour)]) + "\n"  # fmt: skip


def make_console(stderr: bool = False) -> Any:
    """A console for data: every string is text, never Rich markup or an emoji code, and its
    control characters are shown as escapes before the layout measures them."""
    from rich.console import Console
    from rich.text import Text

    class DataConsole(Console):
        def render_str(self, text: str, **options: Any) -> Text:
            options.update(markup=False, emoji=False, highlight=False)
            return super().render_str(visible(text, lines=True), **options)

    return DataConsole(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)
