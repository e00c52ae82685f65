"""Views across years and places: a trend of one indicator, a comparison of jurisdictions, and
the roll-up of statuses. Pure: they judge with the scorecard engine and return plain values that
renderers format.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from .assess import assess, select_outcome
from .dataset import Workspace
from .model import Indicator, Jurisdiction, Outcome, Status, Target
from .period import Period, parse_period
from .scorecard import build_scorecard

__all__ = [
    "CompareCell",
    "CompareRow",
    "SummaryRow",
    "Trend",
    "TrendPoint",
    "compare",
    "compare_dict",
    "summary",
    "summary_dict",
    "trend",
    "trend_dict",
]

JUDGED = (Status.MET, Status.BASICALLY_MET, Status.MISSED)


class SummaryRow(NamedTuple):
    """The "N项中M项完成" line of one jurisdiction and year."""

    jurisdiction: Jurisdiction
    year: int
    as_of: Period | None
    counts: dict[str, int]  # total and one count per status

    @property
    def judged(self) -> int:
        return sum(self.counts[s.value] for s in JUDGED)

    @property
    def met_share(self) -> Decimal | None:
        """Share met of the targets with a result (met, basically met or missed)."""
        return Decimal(self.counts["met"]) / self.judged if self.judged else None


def summary(ws: Workspace, places: Sequence[str], years: Sequence[int]) -> list[SummaryRow]:
    """Per jurisdiction and year with a plan: how many targets stand in each status."""
    rows = []
    for place in places:
        for year in years:
            if ws.plan(place, year) is None:
                continue
            card = build_scorecard(ws, place, year)
            rows.append(SummaryRow(card.jurisdiction, year, card.as_of, card.summary))
    return rows


class TrendPoint(NamedTuple):
    """One year (or a multi-year span) of an indicator: its target, its figure and the verdict."""

    period: Period
    target: Target | None
    actual: Outcome | None
    status: Status | None  # only when both a target and a figure exist
    margin: Decimal | None  # actual − target, in the unit (pp for rates)
    # A year without a whole-year figure: its latest year-to-date figure (前三季度…), which
    # judges progress (status) but is no result of the year (no margin, not in the hit rate).
    to_date: Outcome | None = None

    @property
    def to_date_period(self) -> Period | None:
        return parse_period(self.to_date.period) if self.to_date is not None else None


class Trend(NamedTuple):
    jurisdiction: Jurisdiction
    indicator: Indicator
    points: tuple[TrendPoint, ...]

    @property
    def judged(self) -> list[TrendPoint]:
        return [p for p in self.points if p.status in JUDGED and p.actual is not None]

    @property
    def met(self) -> int:
        """Years with a target and a result in which the target was met."""
        return sum(p.status is Status.MET for p in self.judged)

    @property
    def hit_rate(self) -> Decimal | None:
        """Share of the years with a target and a result in which the target was met."""
        judged = self.judged
        return Decimal(self.met) / len(judged) if judged else None

    @property
    def mean_margin(self) -> Decimal | None:
        margins = [p.margin for p in self.judged if p.margin is not None]
        return sum(margins, Decimal(0)) / len(margins) if margins else None


def trend(ws: Workspace, place: str, indicator: Indicator) -> Trend:
    """Every year with a target or a whole-year figure (and every multi-year figure) of
    ``indicator`` in ``place``, judged where both exist."""
    outcomes = ws.indicator_outcomes(place, indicator.id)
    targets: dict[Period, Target] = {}
    for year in ws.years(place):
        plan = ws.plan(place, year)
        for promise in plan.target if plan else ():
            if promise.indicator == indicator.id:
                targets[promise.period_in(year)] = promise
    periods = set(targets)
    for o in outcomes:
        p = parse_period(o.period)
        if p.full_year or p.kind == "span":
            periods.add(p)
        elif p.cumulative:
            periods.add(Period.whole_year(p.year))  # a year so far: 一季度, 1—5月, 前三季度
    points = []
    for period in sorted(periods, key=lambda p: p.sort_key):
        actual = select_outcome(outcomes, period_filter=period, exact=True)
        to_date = None
        if actual is None and period.kind != "span":
            to_date = select_outcome(outcomes, period_filter=period)
        target = targets.get(period)
        status: Status | None = None
        margin: Decimal | None = None
        if target is not None and (actual is not None or to_date is not None):
            a = assess(target, indicator, outcomes, year=period.year)
            status, margin = a.status, (a.gap if actual is not None else None)
        points.append(TrendPoint(period, target, actual, status, margin, to_date))
    return Trend(ws.jurisdictions[place], indicator, tuple(points))


class CompareCell(NamedTuple):
    target: Target
    status: Status
    actual: Outcome | None
    versus_first: int | None  # target above (1), below (-1) or equal (0) to the first place's


class CompareRow(NamedTuple):
    indicator: Indicator
    cells: tuple[CompareCell | None, ...]  # one per place, None where it has no such target


def compare(
    ws: Workspace, year: int, places: Sequence[str], indicators: Sequence[str] = ()
) -> list[CompareRow]:
    """The indicators the places' plans for ``year`` share (or those asked for), each place's
    target, figure and status side by side, and whether a place aims above the first one."""
    cards = {place: build_scorecard(ws, place, year) for place in places}
    by_place = {
        place: {row.indicator.id: row for row in card.rows} for place, card in cards.items()
    }
    if indicators:
        wanted = list(indicators)
    else:
        shared = set.intersection(*(set(rows) for rows in by_place.values()))
        first = cards[places[0]].rows
        wanted = [row.indicator.id for row in first if row.indicator.id in shared]
    out = []
    for ident in wanted:
        cells: list[CompareCell | None] = []
        base = by_place[places[0]].get(ident)
        for place in places:
            row = by_place[place].get(ident)
            if row is None:
                cells.append(None)
                continue
            versus = None
            if place != places[0] and base is not None:
                versus = _versus(row.target, base.target)
            cells.append(CompareCell(row.target, row.assessment.status, row.assessment.actual,
                                     versus))  # fmt: skip
        indicator = ws.indicators[ident]
        out.append(CompareRow(indicator, tuple(cells)))
    return out


def _versus(target: Target, base: Target) -> int | None:
    if target.value is None or base.value is None:
        return None
    return (target.value > base.value) - (target.value < base.value)


def _num(value: Decimal | None) -> Decimal | None:
    from .jsonout import number

    return number(value)


def summary_dict(rows: Sequence[SummaryRow]) -> dict[str, object]:
    """``jinan-targets/summary/1``."""
    return {
        "schema": "jinan-targets/summary/1",
        "rows": [
            {
                "jurisdiction": r.jurisdiction.id,
                "name": r.jurisdiction.name,
                "year": r.year,
                "as_of": str(r.as_of) if r.as_of else None,
                **r.counts,
                "judged": r.judged,
                "met_share": _num(r.met_share),
            }
            for r in rows
        ],
    }


def trend_dict(t: Trend, lang: str = "zh") -> dict[str, object]:
    """``jinan-targets/trend/1``."""
    from .text import target_text

    return {
        "schema": "jinan-targets/trend/1",
        "jurisdiction": t.jurisdiction.id,
        "indicator": t.indicator.id,
        "name": t.indicator.name,
        "unit": t.indicator.unit,
        "points": [
            {
                "period": str(p.period),
                "target": _num(p.target.value) if p.target else None,
                "target_text": target_text(p.target, t.indicator) if p.target else None,
                "target_text_en": target_text(p.target, t.indicator, "en") if p.target else None,
                "comparator": p.target.comparator.value if p.target else None,
                "actual": _num(p.actual.value) if p.actual else None,
                "vintage": p.actual.vintage.value if p.actual else None,
                "status": p.status.value if p.status else None,
                "margin": _num(p.margin),
                "to_date": (
                    {
                        "period": p.to_date.period,
                        "actual": _num(p.to_date.value),
                        "vintage": p.to_date.vintage.value,
                    }
                    if p.to_date is not None
                    else None
                ),
            }
            for p in t.points
        ],
        "judged": len(t.judged),
        "hit_rate": _num(t.hit_rate),
        "mean_margin": _num(t.mean_margin),
    }


def compare_dict(
    rows: Sequence[CompareRow], year: int, places: Sequence[Jurisdiction], lang: str = "zh"
) -> dict[str, object]:
    """``jinan-targets/compare/1``."""
    from .text import target_text

    return {
        "schema": "jinan-targets/compare/1",
        "year": year,
        "jurisdictions": [p.id for p in places],
        "rows": [
            {
                "indicator": r.indicator.id,
                "name": r.indicator.name,
                "unit": r.indicator.unit,
                "cells": [
                    None
                    if c is None
                    else {
                        "jurisdiction": place.id,
                        "target": _num(c.target.value),
                        "target_text": target_text(c.target, r.indicator),
                        "target_text_en": target_text(c.target, r.indicator, "en"),
                        "actual": _num(c.actual.value) if c.actual else None,
                        "status": c.status.value,
                        "versus_first": c.versus_first,
                    }
                    for c, place in zip(r.cells, places, strict=True)
                ],
            }
            for r in rows
        ],
    }
