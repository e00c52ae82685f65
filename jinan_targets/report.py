"""The report model behind every export: sections, display texts and footnotes. Pure, no I/O.

Renderers (Markdown, HTML, CSV, XLSX) format a :class:`Report`; none of them judges anything.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .model import Category, Indicator, Kind, Status
from .scorecard import Row, Scorecard
from .scorecard_json import scorecard_dict
from .text import (
    STATUS_SYMBOLS,
    fmt_pct,
    fmt_value,
    gap_text,
    pace_text,
    period_text,
    reference_text,
    schedule_sentence,
    schedule_text,
    shown_text,
    status_label,
    stock_text,
    summary_sentence,
    target_text,
    vintage_label,
)
from .views import Trend

__all__ = [
    "Cells",
    "Filters",
    "Footnote",
    "Report",
    "Section",
    "as_of_text",
    "build_report",
    "row_cells",
]


class Cells(NamedTuple):
    """What one row shows, as text in the report's language."""

    name: str
    target: str
    actual: str
    period: str
    vintage: str
    measure: str  # 完成率 for flows and stocks, the gap (pp for rates) otherwise
    detail: str  # 超/低于时序进度 …, or the reference figure of in_step / above
    pace: str
    status: str
    symbol: str
    note: str
    footnote: int | None
    lang: str = "zh"
    basis: str = ""  # a stock's progress from last year-end, or that it has no baseline

    @property
    def progress(self) -> str:
        """measure and detail on one line: 28.0%（超时序进度3.0个百分点）."""
        if not self.detail:
            return self.measure
        return (
            f"{self.measure}（{self.detail}）"
            if self.lang == "zh"
            else f"{self.measure} ({self.detail})"
        )


class Footnote(NamedTuple):
    number: int
    indicator: str
    period: str
    vintage: str
    source: str  # the document's title and 文号
    published: str  # the figure's publication date, when known
    quote: str
    note: str


class Filters(NamedTuple):
    """What a report was asked to leave out; it says so in its summary."""

    categories: tuple[Category, ...] = ()
    statuses: tuple[Status, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    hide_empty: bool = False

    def __bool__(self) -> bool:
        return bool(self.categories or self.statuses or self.indicators or self.hide_empty)

    def conditions(self, lang: str) -> list[str]:
        en = lang == "en"
        sep = ", " if en else "、"
        out = []
        if self.categories:
            names = sep.join(c.name_en if en else c.name for c in self.categories)
            out.append(f"category: {names}" if en else f"类别：{names}")
        if self.statuses:
            names = sep.join(status_label(s, lang) for s in self.statuses)
            out.append(f"status: {names}" if en else f"状态：{names}")
        if self.indicators:
            names = sep.join(i.name_en if en else i.name for i in self.indicators)
            out.append(f"indicators: {names}" if en else f"指标：{names}")
        return out


class Section(NamedTuple):
    category: Category
    title: str
    rows: tuple[tuple[Row, Cells], ...]


class Report(NamedTuple):
    card: Scorecard
    lang: str
    title: str
    subtitle: str
    as_of: str
    sentence: str
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    generated: date
    plan_source: str  # the plan document's title and 文号
    trends: tuple[Trend, ...] = ()  # the indicators with a history across years
    schedule: str = ""  # 截至2026年上半年，时序进度50.0%。
    shown: str = ""  # for a filtered report: 91项指标中，显示已报告的16项

    @property
    def contract(self) -> dict[str, object]:
        return scorecard_dict(self.card, self.lang)


def row_cells(row: Row, lang: str = "zh", footnote: int | None = None) -> Cells:
    """What a row shows, as text; every renderer takes its words from here."""
    a, ind = row.assessment, row.indicator
    actual = "—"
    if a.actual is not None:
        actual = (
            status_label(Status(a.actual.verdict.value), lang)
            if a.actual.verdict
            else fmt_value(a.actual.value, ind.unit, lang=lang)
        )
    measure = detail = ""
    if a.progress is not None and ind.kind is Kind.STOCK:
        measure = fmt_pct(a.progress)  # what the judgement used: the share of the increase
        detail = schedule_text(a.schedule_gap, lang)
    elif a.completion is not None and ind.kind is not Kind.RATE:
        measure = fmt_pct(a.completion)
        detail = schedule_text(a.schedule_gap, lang)
    elif a.gap is not None:
        measure = gap_text(ind, a.gap, lang)
        if a.reference is not None and a.reference.value is not None:
            detail = reference_text(a.reference.value, ind, lang)
    pace = ""
    if a.required_pace is not None and a.period is not None:
        pace = pace_text(ind, a.required_pace, 12 - a.period.months_elapsed, lang)
    notes = [n for n in (a.actual.note if a.actual else "", row.target.note) if n]
    return Cells(
        name=ind.name_en if lang == "en" else ind.name,
        target=target_text(row.target, ind, lang),
        actual=actual,
        period=a.period.label(lang) if a.period else "",
        vintage=vintage_label(a.actual.vintage, lang) if a.actual else "",
        measure=measure,
        detail=detail,
        pace=pace,
        status=status_label(a.status, lang),
        symbol=STATUS_SYMBOLS[a.status],
        note="；".join(notes) if lang == "zh" else "; ".join(notes),
        footnote=footnote,
        lang=lang,
        basis=stock_text(ind, a, lang),
    )


def build_report(
    card: Scorecard,
    lang: str = "zh",
    generated: date | None = None,
    trends: tuple[Trend, ...] = (),
    filters: Filters = Filters(),  # noqa: B008 (an immutable NamedTuple)
) -> Report:
    """The report of ``card``; ``generated`` (default: today) is printed on it; ``trends``
    (from :func:`views.trend`) add a chart per indicator with a history; ``filters`` (those
    that built ``card``) are stated in the summary."""
    place, year = card.jurisdiction, card.year
    as_of = (
        card.as_of.label(lang) if card.as_of else ("no data yet" if lang == "en" else "暂无数据")
    )
    if lang == "en":
        title = f"{place.name_en} {year}: plan targets and outcomes"
    else:
        title = f"{place.name}{year}年国民经济和社会发展计划目标执行情况"
    meta = card.plan.plan
    subtitle = meta.title + (f"（{meta.doc_number}）" if meta.doc_number else "")
    sections: list[Section] = []
    footnotes: list[Footnote] = []
    current: list[tuple[Row, Cells]] = []
    category: Category | None = None
    for row in card.rows:
        if category is None or row.category.id != category.id:
            if category is not None:
                sections.append(Section(category, _cat_title(category, lang), tuple(current)))
            category, current = row.category, []
        number = None
        actual = row.assessment.actual
        if actual is not None:
            number = len(footnotes) + 1
            footnotes.append(
                Footnote(
                    number,
                    row.indicator.name_en if lang == "en" else row.indicator.name,
                    period_text(actual.period, lang),
                    vintage_label(actual.vintage, lang),
                    card.source_title(actual.source) if actual.source else "",
                    actual.as_of.isoformat() if actual.as_of else "",
                    actual.quote,
                    actual.note,
                )
            )
        current.append((row, row_cells(row, lang, number)))
    if category is not None:
        sections.append(Section(category, _cat_title(category, lang), tuple(current)))
    shown = ""
    if filters:
        total = len(card.plan.target)
        shown = shown_text(
            total, len(card.rows), filters.conditions(lang), filters.hide_empty, lang
        )
    return Report(
        card,
        lang,
        title,
        subtitle,
        as_of,
        summary_sentence(card, lang, shown),
        tuple(sections),
        tuple(footnotes),
        generated or date.today(),
        card.source_title(meta.source),
        trends,
        schedule_sentence(card, lang),
        shown,
    )


def as_of_text(report: Report) -> str:
    """截至2026年上半年 / as of 2026 H1; 尚无数据 when nothing is reported."""
    zh = report.lang != "en"
    if report.card.as_of is None:
        return "尚无数据" if zh else "no figures yet"
    return f"截至{report.as_of}" if zh else f"as of {report.as_of}"


def _cat_title(category: Category, lang: str) -> str:
    return category.name_en if lang == "en" else f"{category.name} {category.name_en}"
