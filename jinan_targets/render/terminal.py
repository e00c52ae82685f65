"""Rich tables for the terminal: catalog, jurisdictions, targets and history (the scorecard has
its own fast layout, in :mod:`card`). Colour is decoration: every status also has a symbol and a
word, and rich honours NO_COLOR."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Indicator, Outcome, Plan, Status
from ..period import parse_period
from ..text import fmt_value, status_label, target_text, vintage_label
from ..visible import visible
from ..workspace import Workspace
from .card import widest as _widest


def _h(zh: str, en: str, lang: str) -> Text:
    return Text(en) if lang == "en" else Text.assemble(zh, "\n", (en, "dim"))


def indicators_view(
    ws: Workspace, indicators: list[Indicator], lang: str, width: int = 120
) -> RenderableType:
    """ids are never cut; the English name is dropped below 110 columns (it is in --json)."""
    table = Table(title="指标目录 Indicator catalog", header_style="bold", show_lines=False)
    table.add_column(
        _h("编号", "id", lang), no_wrap=True, min_width=_widest((i.id for i in indicators), 64)
    )
    table.add_column(_h("名称", "name", lang), overflow="fold", min_width=8, ratio=2)
    english = width >= 110 and lang != "en"
    if english:
        table.add_column(_h("英文名", "English", lang), overflow="fold", min_width=8, ratio=2)
    table.add_column(_h("单位", "unit", lang), no_wrap=True)
    if width >= 90:
        table.add_column(_h("类型", "kind", lang), no_wrap=True)
    if width >= 100:
        table.add_column(_h("方向", "better", lang), no_wrap=True)
    table.add_column(_h("类别", "category", lang), overflow="fold", min_width=4, ratio=1)
    for ind in indicators:
        cat = ws.categories.get(ind.category)
        cells = [ind.id, ind.name_en if lang == "en" else ind.name]
        if english:
            cells.append(ind.name_en)
        cells.append(ind.unit)
        if width >= 90:
            cells.append(ind.kind.value)
        if width >= 100:
            cells.append(ind.direction.value)
        cells.append((cat.name_en if lang == "en" else cat.name) if cat else ind.category)
        table.add_row(*cells)
    return table


def jurisdictions_view(rows: list[dict[str, Any]], lang: str, width: int = 120) -> RenderableType:
    table = Table(title="辖区 Jurisdictions", header_style="bold")
    table.add_column("id", no_wrap=True, min_width=_widest((r["id"] for r in rows), 64))
    table.add_column(_h("名称", "name", lang), overflow="fold", min_width=6)
    english = width >= 90
    if english:
        table.add_column(_h("英文名", "English", lang), overflow="fold", min_width=8)
    table.add_column(_h("级别", "level", lang), no_wrap=True)
    table.add_column(
        _h("上级", "parent", lang), no_wrap=True, min_width=_widest(r["parent"] or "" for r in rows)
    )
    table.add_column(_h("计划", "plans", lang), overflow="fold", min_width=4)
    table.add_column(_h("实际", "outcomes", lang), no_wrap=True, justify="right")
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            *([r["name_en"]] if english else []),
            r["level"],
            r["parent"] or "",
            ",".join(map(str, r["plans"])),
            str(r["outcomes"]),
        )
    return table


HISTORY_STATES = {
    "current": ("现行", "current"),
    "superseded": ("已被取代", "superseded"),
    "retracted": ("已撤回", "retracted"),
    "retraction": ("撤回记录", "retraction"),
}


def history_view(
    title: str, rows: list[tuple[Outcome, str]], unit: str, titles: Mapping[str, str], lang: str
) -> RenderableType:
    """Every record of one indicator, newest first; ``rows`` pairs a record with its state."""
    en = lang == "en"
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(_h("时期", "period", lang), overflow="fold", min_width=6)
    table.add_column(_h("数值", "value", lang), no_wrap=True)
    table.add_column(_h("版本", "vintage", lang), no_wrap=True)
    table.add_column(_h("状态", "state", lang), no_wrap=True)
    table.add_column(_h("录入", "recorded", lang), overflow="fold", min_width=10, max_width=16)
    table.add_column(
        _h("来源·发布·录入人·备注", "source · published · by · note", lang),
        overflow="fold",
        min_width=10,
    )
    for o, state in rows:
        if o.retracts is not None:
            shown = ("retracts " if en else "撤回 ") + o.retracts.strftime("%H:%M:%S")
        elif o.verdict is not None:
            shown = status_label(Status(o.verdict.value), lang)
        else:
            shown = fmt_value(o.value, unit)
        published = (("published " if en else "发布") + o.as_of.isoformat()) if o.as_of else ""
        source = titles.get(o.source, o.source)
        details = " · ".join(x for x in (source, published, o.by, o.note) if x)
        zh_state, en_state = HISTORY_STATES[state]
        table.add_row(
            parse_period(o.period).label(lang),
            shown,
            vintage_label(o.vintage, lang),
            en_state if en else zh_state,
            o.recorded_at.strftime("%Y-%m-%d %H:%M"),
            details,
        )
    return table


def _category_row(table: Table, text: str, columns: int) -> None:
    table.add_row(Text(visible(text), style="bold magenta"), *[""] * (columns - 1))


def targets_view(ws: Workspace, plan: Plan, lang: str) -> RenderableType:
    meta = plan.plan
    place = ws.jurisdictions[meta.jurisdiction]
    title = f"{place.name} {meta.year}年目标 · {meta.title}"
    if meta.doc_number:
        title += f" ({meta.doc_number})"
    order = list(ws.categories)
    targets = sorted(plan.target, key=lambda t: order.index(ws.indicators[t.indicator].category))
    texts = [target_text(t, ws.indicators[t.indicator], lang) for t in targets]
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold")
    table.add_column(_h("指标", "indicator", lang), overflow="fold", min_width=8, max_width=28)
    table.add_column(
        _h("目标", "target", lang), overflow="fold", min_width=_widest(texts, 12), max_width=24
    )
    table.add_column(_h("类型", "kind", lang), no_wrap=True)
    table.add_column(_h("原文", "quote", lang), overflow="fold", min_width=10, max_width=60)
    current = None
    for t in targets:
        ind = ws.indicators[t.indicator]
        if ind.category != current:
            if current is not None:
                table.add_section()
            current = ind.category
            cat = ws.categories[current]
            _category_row(table, cat.name_en if lang == "en" else cat.name, 4)
        name = ind.name_en if lang == "en" else ind.name
        quote = "".join(t.quote.split())
        table.add_row(name, target_text(t, ind, lang), ind.kind.value, quote)
    source = ws.source_title(meta.source)
    footer = Text(visible(f"{len(plan.target)}项目标 targets · 来源 source: {source}"), style="dim")
    return Group(table, footer)


class DataConsole(Console):
    """A console for data: every string is text, never Rich markup or an emoji code, and its
    control characters are shown as escapes before the layout measures them."""

    def render_str(self, text: str, **options: Any) -> Text:
        options.update(markup=False, emoji=False, highlight=False)
        return super().render_str(visible(text, lines=True), **options)


def make_console(stderr: bool = False) -> Console:
    return DataConsole(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)
