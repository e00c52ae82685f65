"""Rows and a summary for one jurisdiction, year and period; the JSON contract.

``build_scorecard`` is what ``jt scorecard`` and every export use. ``scorecard_dict`` is the
stable JSON shape ``jinan-targets/scorecard/1``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from .assess import DEFAULT_THRESHOLDS, Assessment, Thresholds, assess
from .model import Category, Indicator, Jurisdiction, Kind, Plan, Status, Target
from .period import Period, parse_period
from .text import target_text
from .workspace import Workspace

__all__ = [
    "SCHEMA",
    "Row",
    "Scorecard",
    "ScorecardError",
    "build_scorecard",
    "latest_period",
    "number",
    "scorecard_dict",
]

SCHEMA = "jinan-targets/scorecard/1"
STATUS_ORDER = (
    Status.MET,
    Status.BASICALLY_MET,
    Status.MISSED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NO_DATA,
    Status.PENDING,
)


class ScorecardError(ValueError):
    """No plan for the jurisdiction and year asked for, or a bad filter."""


class Row(NamedTuple):
    target: Target
    indicator: Indicator
    category: Category
    assessment: Assessment
    source: str


class Scorecard(NamedTuple):
    jurisdiction: Jurisdiction
    year: int
    as_of: Period | None
    plan: Plan
    rows: tuple[Row, ...]
    known_by: date | None = None
    # source file name -> its title and 文号, as the workspace's sources.toml gives them
    source_titles: Mapping[str, str] = MappingProxyType({})

    def source_title(self, name: str) -> str:
        return self.source_titles.get(name, name)

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(row.assessment.status for row in self.rows)
        result = {"total": len(self.rows)}
        result.update({s.value: counts.get(s, 0) for s in STATUS_ORDER})
        return result


def latest_period(
    ws: Workspace, jurisdiction: str, year: int, known_by: date | None = None
) -> Period | None:
    """The latest cumulative period of ``year`` with any recorded figure."""
    best: Period | None = None
    for o in ws.outcomes_for(jurisdiction, years=[year]):
        if known_by is not None and o.known_on > known_by:
            continue
        p = parse_period(o.period)
        if p.kind == "span" or not p.cumulative or p.year != year:
            continue
        if best is None or p.sort_key > best.sort_key:
            best = p
    return best


def years_needed(indicator: Indicator, year: int) -> list[int]:
    """The logs judging a target of ``year`` reads: a stock also needs last year's level."""
    return [year - 1, year] if indicator.kind is Kind.STOCK else [year]


def build_scorecard(
    ws: Workspace,
    jurisdiction: str,
    year: int,
    *,
    as_of: Period | None = None,
    known_by: date | None = None,
    categories: tuple[str, ...] = (),
    statuses: tuple[Status, ...] = (),
    indicators: tuple[str, ...] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Scorecard:
    place = ws.jurisdictions.get(jurisdiction)
    if place is None:
        raise ScorecardError(f"未知辖区 unknown jurisdiction '{jurisdiction}'")
    plan = ws.plan(jurisdiction, year)
    if plan is None:
        years = ", ".join(str(y) for y in ws.years(jurisdiction)) or "none"
        raise ScorecardError(f"{place.name} 没有 {year} 年计划 no {year} plan (plans: {years})")
    if as_of is not None and as_of.year != year:
        raise ScorecardError(f"--as-of {as_of} 不在 {year} 年内 is not in {year}")
    for cat in categories:
        if cat not in ws.categories:
            known = ", ".join(ws.categories)
            raise ScorecardError(f"未知类别 unknown category '{cat}' (known: {known})")
    if as_of is None:
        as_of = latest_period(ws, jurisdiction, year, known_by)
    order = {cat: i for i, cat in enumerate(ws.categories)}
    rows: list[Row] = []
    for target in plan.target:
        indicator = ws.indicators[target.indicator]
        if categories and indicator.category not in categories:
            continue
        if indicators and indicator.id not in indicators:
            continue
        ref_place = target.reference_jurisdiction or jurisdiction
        reference = (
            ws.outcomes_for(ref_place, target.reference, years=[year]) if target.reference else []
        )
        assessment = assess(
            target,
            indicator,
            ws.outcomes_for(jurisdiction, target.indicator, years=years_needed(indicator, year)),
            year=year,
            as_of=as_of,
            known_by=known_by,
            reference_outcomes=reference,
            thresholds=thresholds,
        )
        if statuses and assessment.status not in statuses:
            continue
        category = ws.categories[indicator.category]
        rows.append(Row(target, indicator, category, assessment, ws.source_of(plan, target)))
    rows.sort(key=lambda r: order.get(r.category.id, len(order)))  # stable: plan order within
    names = {plan.plan.source} | {r.source for r in rows}
    names |= {r.assessment.actual.source for r in rows if r.assessment.actual}
    titles = {name: ws.source_title(name) for name in names if name}
    return Scorecard(place, year, as_of, plan, tuple(rows), known_by, titles)


def number(value: Decimal | None, places: int = 6) -> int | float | None:
    """A Decimal as a JSON number (int when integral), rounded for display only."""
    if value is None:
        return None
    q = value.quantize(Decimal(1).scaleb(-places)).normalize()
    return int(q) if q == q.to_integral_value() else float(q)


def scorecard_dict(
    card: Scorecard, lang: str = "zh", before: Mapping[str, Assessment] | None = None
) -> dict[str, Any]:
    """The ``jinan-targets/scorecard/1`` contract (documented in the README); with ``before``
    (``--changed-since``) each row also carries what it was then."""
    rows: list[dict[str, Any]] = []
    for row in card.rows:
        a, t, ind = row.assessment, row.target, row.indicator
        actual = a.actual
        rows.append(
            {
                "indicator": ind.id,
                "name": ind.name,
                "name_en": ind.name_en,
                "category": row.category.id,
                "category_name": row.category.name,
                "unit": ind.unit,
                "kind": ind.kind.value,
                "direction": ind.direction.value,
                "comparator": t.comparator.value,
                "target": number(t.value),
                "target_high": number(t.high),
                "target_text": target_text(t, ind),
                "target_text_en": target_text(t, ind, "en"),
                "band": number(a.band),
                "reference": t.reference,
                "period": actual.period if actual else None,
                "actual": number(actual.value) if actual else None,
                "verdict": actual.verdict.value if actual and actual.verdict else None,
                "vintage": actual.vintage.value if actual else None,
                "final": a.final,
                "status": a.status.value,
                "completion": number(a.completion),
                "gap": number(a.gap),
                "time_progress": number(a.time_progress),
                "schedule_gap": number(a.schedule_gap),
                "required_pace": number(a.required_pace),
                "reference_actual": number(a.reference.value) if a.reference else None,
                "baseline": number(a.baseline.value) if a.baseline else None,
                "section": t.section,
                "quote": t.quote,
                "source": row.source,
                "source_title": card.source_title(row.source),
                "actual_source": actual.source if actual else None,
                "actual_source_title": card.source_title(actual.source) if actual else None,
                "actual_published": actual.as_of.isoformat() if actual and actual.as_of else None,
                "actual_quote": actual.quote if actual else None,
                "actual_note": actual.note if actual else None,
                "target_note": t.note,
                "notes": list(a.notes),
            }
        )
        if before is not None and ind.id in before:
            old = before[ind.id]
            rows[-1]["before"] = {
                "status": old.status.value,
                "period": old.actual.period if old.actual else None,
                "actual": number(old.actual.value) if old.actual else None,
                "vintage": old.actual.vintage.value if old.actual else None,
            }
    return {
        "schema": SCHEMA,
        "jurisdiction": {
            "id": card.jurisdiction.id,
            "name": card.jurisdiction.name,
            "name_en": card.jurisdiction.name_en,
        },
        "year": card.year,
        "as_of": str(card.as_of) if card.as_of else None,
        "as_recorded": card.known_by.isoformat() if card.known_by else None,
        "plan": {
            "title": card.plan.plan.title,
            "doc_number": card.plan.plan.doc_number,
            "source": card.plan.plan.source,
            "source_title": card.source_title(card.plan.plan.source),
        },
        "rows": rows,
        "summary": card.summary,
    }
