"""The report model behind every export: sections, display texts and footnotes. Pure, no I/O.

Renderers (Markdown, HTML, CSV, XLSX) format a :class:`Report`; none of them judges anything.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .model import Category, Kind, Status
from .scorecard import Row, Scorecard, scorecard_dict
from .text import (
    STATUS_SYMBOLS,
    fmt_pct,
    fmt_value,
    gap_text,
    pace_text,
    period_text,
    reference_text,
    schedule_text,
    status_label,
    summary_sentence,
    target_text,
    vintage_label,
)
from .views import Trend

__all__ = ["Cells", "Footnote", "Report", "Section", "build_report", "row_cells"]


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
    if a.completion is not None and ind.kind is not Kind.RATE:
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
    )


def build_report(
    card: Scorecard,
    lang: str = "zh",
    generated: date | None = None,
    trends: tuple[Trend, ...] = (),
) -> Report:
    """The report of ``card``; ``generated`` (default: today) is printed on it; ``trends``
    (from :func:`views.trend`) add a chart per indicator with a history."""
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
    return Report(
        card,
        lang,
        title,
        subtitle,
        as_of,
        summary_sentence(card, lang),
        tuple(sections),
        tuple(footnotes),
        generated or date.today(),
        card.source_title(meta.source),
        trends,
    )


def _cat_title(category: Category, lang: str) -> str:
    return category.name_en if lang == "en" else f"{category.name} {category.name_en}"
