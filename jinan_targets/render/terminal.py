"""Rich tables for the terminal. Colour is decoration: every status also has a symbol and a word,
and rich honours NO_COLOR."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Indicator, Kind, Plan, Status
from ..report import Cells, row_cells
from ..scorecard import Scorecard
from ..store import Workspace
from ..text import (
    STATUS_SYMBOLS,
    status_label,
    target_text,
)

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


def _h(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else f"{zh}\n[dim]{en}[/dim]"


def status_text(status: Status, lang: str = "zh") -> Text:
    label = f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}"
    return Text(label, style=STATUS_STYLES[status])


def bar(fraction: Decimal | None, marker: Decimal | None = None, width: int = 10) -> Text:
    """A small completion bar; ``marker`` (时序进度) is drawn as │ on it."""
    if fraction is None:
        return Text("")
    filled = max(0, min(width, int((fraction * width).to_integral_value())))
    cells = ["█"] * filled + ["░"] * (width - filled)
    if marker is not None:
        pos = max(0, min(width - 1, int((marker * width).to_integral_value()) - 1))
        cells[pos] = "│"
    style = "green" if fraction >= 1 else "blue"
    return Text("".join(cells), style=style)


def indicators_view(ws: Workspace, indicators: list[Indicator], lang: str) -> RenderableType:
    table = Table(title="指标目录 Indicator catalog", header_style="bold", show_lines=False)
    table.add_column(_h("编号", "id", lang), no_wrap=True)
    table.add_column(_h("名称", "name", lang))
    table.add_column(_h("英文名", "English", lang))
    table.add_column(_h("单位", "unit", lang), no_wrap=True)
    table.add_column(_h("类型", "kind", lang), no_wrap=True)
    table.add_column(_h("方向", "better", lang), no_wrap=True)
    table.add_column(_h("类别", "category", lang))
    for ind in indicators:
        cat = ws.categories.get(ind.category)
        table.add_row(
            ind.id,
            ind.name,
            ind.name_en,
            ind.unit,
            ind.kind.value,
            ind.direction.value,
            cat.name if cat else ind.category,
        )
    return table


def _category_row(table: Table, text: str, columns: int) -> None:
    table.add_row(Text(text, style="bold magenta"), *[""] * (columns - 1))


def targets_view(ws: Workspace, plan: Plan, lang: str) -> RenderableType:
    meta = plan.plan
    place = ws.jurisdictions[meta.jurisdiction]
    title = f"{place.name} {meta.year}年目标 · {meta.title}"
    if meta.doc_number:
        title += f" ({meta.doc_number})"
    order = list(ws.categories)
    targets = sorted(plan.target, key=lambda t: order.index(ws.indicators[t.indicator].category))
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold")
    table.add_column(_h("指标", "indicator", lang), max_width=28)
    table.add_column(_h("目标", "target", lang), max_width=24)
    table.add_column(_h("类型", "kind", lang), no_wrap=True)
    table.add_column(_h("原文", "quote", lang), max_width=50)
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
    footer = Text(f"{len(plan.target)}项目标 targets · 来源 source: {meta.source}", style="dim")
    return Group(table, footer)


def headline(card: Scorecard, lang: str = "zh") -> str:
    """91项指标：完成 60 · 基本完成 3 · 未完成 5 · 暂无数据 23."""
    s = card.summary
    parts = [f"{status_label(Status(k), lang)} {v}" for k, v in s.items() if k != "total" and v]
    if lang == "en":
        return f"{s['total']} targets: " + " · ".join(parts)
    return f"{s['total']}项指标：" + " · ".join(parts)


def _actual_cell(c: Cells) -> Text:
    if c.actual == "—":
        return Text("—", style="dim")
    text = Text(c.actual)
    text.append(f"\n{c.period} {c.vintage}", style="dim")
    return text


def _progress_cell(c: Cells) -> Text:
    text = Text(c.measure)
    for extra in (c.detail, c.pace):
        if extra:
            text.append(f"\n{extra}", style="dim")
    return text


def scorecard_view(card: Scorecard, lang: str = "zh") -> RenderableType:
    place, year = card.jurisdiction, card.year
    when = card.as_of.label(lang) if card.as_of else ("no data yet" if lang == "en" else "暂无数据")
    title = (
        f"{place.name_en} {year} scorecard · as of {when}"
        if lang == "en"
        else f"{place.name}{year}年计划目标执行情况 · 截至{when}"
    )
    parts: list[RenderableType] = [Text(title, style="bold"), Text(headline(card, lang))]
    if card.known_by:
        parts.append(Text(f"as recorded on {card.known_by.isoformat()}", style="dim"))
    if not card.rows:
        parts.append(Text("没有符合条件的目标 no targets match", style="dim"))
        return Group(*parts)
    table = Table(header_style="bold", expand=False)
    # Text columns fold rather than truncate, so nothing is hidden on a narrow terminal.
    table.add_column(_h("指标", "indicator", lang), overflow="fold", min_width=8)
    table.add_column(_h("目标", "target", lang), overflow="fold", min_width=6)
    table.add_column(_h("实际", "actual", lang), overflow="fold", min_width=7)
    table.add_column(_h("完成率/差距", "completion/gap", lang), overflow="fold", min_width=7)
    table.add_column(_h("进度", "progress", lang), no_wrap=True, width=10)
    table.add_column(_h("状态", "status", lang), no_wrap=True)
    current = None
    for row in card.rows:
        if row.category.id != current:
            if current is not None:
                table.add_section()
            current = row.category.id
            _category_row(table, row.category.name_en if lang == "en" else row.category.name, 6)
        a = row.assessment
        cells = row_cells(row, lang)
        fraction = a.progress if a.progress is not None else a.completion
        if row.indicator.kind is Kind.RATE:
            fraction = None
        table.add_row(
            cells.name,
            cells.target,
            _actual_cell(cells),
            _progress_cell(cells),
            bar(fraction, a.time_progress),
            status_text(a.status, lang),
        )
    parts.append(table)
    return Group(*parts)


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)
