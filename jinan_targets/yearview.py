"""One year, read more ways: rows refined (hidden when empty, sorted worst first), what moved
since a date, and the year left to right with a column per reported period. Pure: judges with
the scorecard engine and returns values that renderers format.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .assess import Assessment
from .dataset import Workspace
from .jsonout import number, ratio
from .model import Direction, Kind, Status
from .period import Period, parse_period
from .scorecard import Row, Scorecard, build_scorecard

__all__ = [
    "SORTS",
    "PeriodTable",
    "changed_since",
    "period_columns",
    "period_columns_dict",
    "refine",
]

SORTS = ("gap", "completion", "status")
# Worst first: what needs attention leads the list.
_STATUS_RANK = {
    s: i
    for i, s in enumerate(
        (
            Status.MISSED,
            Status.OFF_TRACK,
            Status.AT_RISK,
            Status.BASICALLY_MET,
            Status.ON_TRACK,
            Status.MET,
            Status.PENDING,
            Status.NO_DATA,
        )
    )
}


GAP_MEASURE = (
    "差距占目标的百分比 the gap as a share of the target, in percent, good side positive: flows "
    "and stocks 完成率 − 时序进度 (or − 100% once the year is over), rates (actual − target) ÷ "
    "target"
)


def relative_gap(row: Row) -> Decimal | None:
    """A unit-free gap, so 城镇新增就业 (万人) and a growth rate (%) rank on one scale: the
    share of the target by which the figure is ahead of (+) or behind (−) where it should be
    now, in percent, the good side positive (for CPI, energy intensity: below is good)."""
    a, ind = row.assessment, row.indicator
    if a.gap is None and a.completion is None:
        return None
    if ind.kind in (Kind.FLOW, Kind.STOCK) and a.completion is not None:
        ahead = a.schedule_gap if a.schedule_gap is not None else a.completion - 1
        return ahead * 100
    if a.gap is None:
        return None
    target = row.target.value
    share = a.gap / abs(target) * 100 if target else a.gap
    return -share if ind.direction is Direction.LOWER else share


def refine(card: Scorecard, *, hide_empty: bool = False, sort: str | None = None) -> Scorecard:
    """Leave out the rows without a figure; order the rest worst first by the unit-free gap
    (:func:`relative_gap`), completion or status. Unknown sort keys raise ValueError."""
    rows = list(card.rows)
    if hide_empty:
        rows = [r for r in rows if r.assessment.actual is not None]
    if sort is not None:
        if sort not in SORTS:
            raise ValueError(f"--sort must be one of {', '.join(SORTS)}")
        big = Decimal("1e30")

        def key(r: Row) -> tuple[object, ...]:
            a = r.assessment
            if sort == "gap":
                g = relative_gap(r)
                return (g is None, g if g is not None else big)
            if sort == "completion":
                return (a.completion is None, a.completion if a.completion is not None else big)
            return (_STATUS_RANK[a.status],)

        rows.sort(key=key)
    return card._replace(rows=tuple(rows))


def changed_since(ws: Workspace, card: Scorecard, since: date) -> dict[str, Assessment]:
    """The rows whose judgement moved since ``since``: what they were as known then, by
    indicator (figure, period, vintage or status changed)."""
    before = build_scorecard(
        ws, card.jurisdiction.id, card.year, known_by=since,
        categories=(), statuses=(),
    )  # fmt: skip
    then = {r.indicator.id: r.assessment for r in before.rows}
    moved = {}
    for row in card.rows:
        old, new = then.get(row.indicator.id), row.assessment
        if old is None:
            continue
        if (old.status, old.actual) != (new.status, new.actual):
            moved[row.indicator.id] = old
    return moved


class PeriodTable(NamedTuple):
    """The year read left to right: each target judged as of each reported period."""

    card: Scorecard
    periods: tuple[Period, ...]
    cells: tuple[tuple[Assessment, ...], ...]  # per row of card, per period


def period_columns(ws: Workspace, card: Scorecard, every: str = "reported") -> PeriodTable:
    """One column per year-to-date period with any figure (``every``: "reported", "quarter"
    for quarter ends only, or "month"), each target judged as of that period."""
    found = set()
    for _, text in ws.figure_dates(card.jurisdiction.id, card.year):
        p = parse_period(text)
        if p.cumulative and p.kind != "span" and p.year == card.year:
            found.add(p)
    if every == "quarter":
        found = {p for p in found if p.end_month % 3 == 0}
    periods = tuple(sorted(found, key=lambda p: p.sort_key))
    by_period = []
    for period in periods:
        judged = build_scorecard(ws, card.jurisdiction.id, card.year, as_of=period,
                                 known_by=card.known_by)  # fmt: skip
        by_period.append({r.indicator.id: r.assessment for r in judged.rows})
    cells = tuple(tuple(column[row.indicator.id] for column in by_period) for row in card.rows)
    return PeriodTable(card, periods, cells)


def period_columns_dict(table: PeriodTable, lang: str = "zh") -> dict[str, object]:
    """``jinan-targets/scorecard-periods/1``."""
    from .text import target_text

    card = table.card
    return {
        "schema": "jinan-targets/scorecard-periods/1",
        "jurisdiction": card.jurisdiction.id,
        "year": card.year,
        "periods": [str(p) for p in table.periods],
        "rows": [
            {
                "indicator": row.indicator.id,
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "target_text": target_text(row.target, row.indicator),
                "target_text_en": target_text(row.target, row.indicator, "en"),
                "cells": [
                    {
                        "period": str(p),
                        "actual": number(a.actual.value)
                        if a.actual is not None and a.period == p
                        else None,
                        "status": a.status.value,
                        "completion": ratio(a.completion),
                        "gap": number(a.gap),
                    }
                    for p, a in zip(table.periods, cells, strict=True)
                ],
            }
            for row, cells in zip(card.rows, table.cells, strict=True)
        ],
    }
