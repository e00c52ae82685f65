"""Rows and a summary for one jurisdiction, year and period: judging, without wording.

``build_scorecard`` is what ``jt scorecard`` and every export use; :mod:`scorecard_json` gives
it the stable JSON shape ``jinan-targets/scorecard/1``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from .assess import DEFAULT_THRESHOLDS, Assessment, Thresholds, assess
from .dataset import Workspace
from .model import Category, Indicator, Jurisdiction, Kind, Plan, Status, Target
from .period import Period, parse_period

__all__ = [
    "Row",
    "Scorecard",
    "ScorecardError",
    "build_scorecard",
    "latest_period",
]

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
    ws: Workspace,
    jurisdiction: str,
    year: int,
    known_by: date | None = None,
    indicators: Collection[str] | None = None,
) -> Period | None:
    """The latest cumulative period of ``year`` with a recorded figure (of one of
    ``indicators`` when given: a figure that judges no target does not date the scorecard)."""
    best: Period | None = None
    for (indicator, period), known_on in ws.figure_dates(jurisdiction, year).items():
        if known_by is not None and known_on > known_by:
            continue
        if indicators is not None and indicator not in indicators:
            continue
        p = parse_period(period)
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
        judged = {t.indicator for t in plan.target}
        as_of = latest_period(ws, jurisdiction, year, known_by, judged)
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
            ws.indicator_outcomes(ref_place, target.reference, years=[year])
            if target.reference
            else []
        )
        assessment = assess(
            target,
            indicator,
            ws.indicator_outcomes(jurisdiction, target.indicator, years_needed(indicator, year)),
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
