"""Judge one target against the outcome log, the way plan documents and bulletins do.

Pure: (target, indicator, outcomes, as_of) -> :class:`Assessment`. No I/O, no printing.

Rules (see README, "How targets are judged"):

* A year that is over (the figure's period covers the whole year) ends in met / basically_met /
  missed. ``about`` (左右) is met on the good side of the point, basically met inside the band
  short of it. The band defaults to ±0.5 percentage points for rates and ±10% otherwise.
* During the year a rate is compared with its target directly (pp gap); a flow's year-to-date
  figure gives 完成率 = actual / target and a schedule gap 完成率 − 时序进度; a stock measures
  progress from the prior year-end baseline. Statuses: on_track, at_risk, off_track. A flow or
  stock that has already reached its target during the year is met.
* The newest vintage of a period wins: a later vintage (预计 → 初步核算 → 修订 → 最终核实) beats an
  earlier one; within a vintage the later publication, then the later record, wins.
* Growth rates are never recomputed from levels (levels are at current prices, growth at constant).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .model import Comparator, Direction, Indicator, Kind, Outcome, Status, Target, Verdict
from .period import Period, parse_period

__all__ = [
    "Assessment",
    "Thresholds",
    "assess",
    "default_band",
    "select_outcome",
]

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)


class Thresholds(NamedTuple):
    """Where on_track ends and at_risk / off_track begin; every number can be overridden."""

    rate_at_risk: Decimal = Decimal("0.5")  # pp a rate may trail its target and be at_risk
    schedule_at_risk: Decimal = Decimal("0.05")  # 5 pp of 完成率 behind 时序进度 is at_risk
    band_rate: Decimal = Decimal("0.5")  # default 左右 band for rates, in pp
    band_ratio: Decimal = Decimal("0.10")  # default 左右 band otherwise, share of the target
    in_step_tolerance: Decimal = Decimal("0.1")  # pp: income growth may trail GDP growth by this


DEFAULT_THRESHOLDS = Thresholds()


class Assessment(NamedTuple):
    """The judgement of one target, with every number that led to it."""

    status: Status
    actual: Outcome | None = None
    period: Period | None = None
    final: bool = False
    completion: Decimal | None = None  # actual / target (1.4 = 140%)
    gap: Decimal | None = None  # actual − target in the indicator's unit (pp for rates)
    time_progress: Decimal | None = None  # elapsed share of the year (时序进度)
    schedule_gap: Decimal | None = None  # progress − time_progress
    progress: Decimal | None = None  # share of the way from the baseline to the target
    required_pace: Decimal | None = None  # per remaining month (flow) or rate for the rest
    baseline: Outcome | None = None
    reference: Outcome | None = None
    band: Decimal | None = None
    notes: tuple[str, ...] = ()


def default_band(
    target: Target, indicator: Indicator, th: Thresholds = DEFAULT_THRESHOLDS
) -> Decimal:
    """The 左右 band: explicit, else ±0.5 pp for rates, else ±10% of the target."""
    if target.band is not None:
        return target.band
    if indicator.kind is Kind.RATE or indicator.unit == "%":
        return th.band_rate
    return abs(target.value or ZERO) * th.band_ratio


def _vintage_key(item: tuple[int, Outcome]) -> tuple[int, date, object, int]:
    index, o = item
    return (o.vintage.rank, o.known_on, o.recorded_at.timestamp(), index)


def select_outcome(
    outcomes: Iterable[Outcome],
    *,
    period_filter: Period,
    known_by: date | None = None,
    exact: bool = False,
) -> Outcome | None:
    """The figure to judge with: the latest cumulative period up to ``period_filter``
    (or exactly it, when ``exact``), newest vintage first."""
    best_key: tuple[int, int, int, int] | None = None
    chosen: list[tuple[int, Outcome]] = []
    for index, o in enumerate(outcomes):
        if known_by is not None and o.known_on > known_by:
            continue
        p = parse_period(o.period)
        if exact:
            if p != period_filter:
                continue
        elif (
            p.kind == "span"
            or not p.cumulative
            or p.year != period_filter.year
            or p.end_month > period_filter.end_month
        ):
            continue
        key = p.sort_key
        if best_key is None or key > best_key:
            best_key, chosen = key, [(index, o)]
        elif key == best_key:
            chosen.append((index, o))
    if not chosen:
        return None
    return max(chosen, key=_vintage_key)[1]


def _judge_final(
    c: Comparator, direction: Direction, a: Decimal, t: Target, band: Decimal
) -> Status:
    v = t.value if t.value is not None else ZERO
    if c in (Comparator.AT_LEAST, Comparator.REACH):
        return Status.MET if a >= v else Status.MISSED
    if c is Comparator.AT_MOST:
        return Status.MET if a <= v else Status.MISSED
    if c is Comparator.ABOUT:
        if direction is Direction.NEUTRAL:
            return Status.MET if abs(a - v) <= band else Status.MISSED
        good = a >= v if direction is Direction.HIGHER else a <= v
        if good:
            return Status.MET
        return Status.BASICALLY_MET if abs(a - v) <= band else Status.MISSED
    # range
    hi = t.high if t.high is not None else v
    if v <= a <= hi:
        return Status.MET
    if a > hi:
        return Status.MET if direction is Direction.HIGHER else Status.MISSED
    return Status.MET if direction is Direction.LOWER else Status.MISSED


def _gap(t: Target, a: Decimal) -> Decimal:
    v = t.value if t.value is not None else ZERO
    if t.comparator is Comparator.RANGE and t.high is not None:
        if a > t.high:
            return a - t.high
        return a - v if a < v else ZERO
    return a - v


def _good_gap(c: Comparator, direction: Direction, a: Decimal, t: Target, band: Decimal) -> Decimal:
    """How far on the good side of the target a value lies (negative: behind)."""
    v = t.value if t.value is not None else ZERO
    hi = t.high if t.high is not None else v
    if c is Comparator.AT_MOST:
        return v - a
    if c is Comparator.ABOUT:
        if direction is Direction.NEUTRAL:
            return band - abs(a - v)
        return a - v if direction is Direction.HIGHER else v - a
    if c is Comparator.RANGE:
        if direction is Direction.LOWER:
            return hi - a
        if direction is Direction.NEUTRAL:
            return min(a - v, hi - a)
        return a - v
    return a - v


def _verdict_status(verdict: Verdict, final: bool) -> Status:
    if final:
        return Status(verdict.value)
    return {
        Verdict.MET: Status.ON_TRACK,
        Verdict.BASICALLY_MET: Status.AT_RISK,
        Verdict.MISSED: Status.OFF_TRACK,
    }[verdict]


def _rate_required(v: Decimal, a: Decimal, months: int) -> Decimal | None:
    """Average rate the remaining months need so the year lands on ``v`` (equal month weights)."""
    if months >= 12:
        return None
    return (v * TWELVE - a * months) / (TWELVE - months)


def assess(
    target: Target,
    indicator: Indicator,
    outcomes: Sequence[Outcome],
    *,
    year: int,
    as_of: Period | None = None,
    known_by: date | None = None,
    reference_outcomes: Sequence[Outcome] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Assessment:
    """Judge ``target`` (of a plan for ``year``) with ``outcomes`` of its indicator and place.

    ``outcomes`` may hold any years; ``as_of`` limits the periods used (default: the whole
    year); ``known_by`` keeps only figures known on that date (``--as-recorded``).
    """
    th = thresholds
    target_period = target.period_in(year)
    span = target_period.kind == "span"
    limit = as_of if as_of is not None and not span else target_period
    actual = select_outcome(outcomes, period_filter=limit, known_by=known_by, exact=span)
    c = target.comparator
    if actual is None:
        status = Status.PENDING if c is Comparator.QUALITATIVE else Status.NO_DATA
        return Assessment(status=status)
    period = parse_period(actual.period)
    final = period.full_year

    if actual.verdict is not None:
        return Assessment(
            status=_verdict_status(actual.verdict, final), actual=actual, period=period, final=final
        )
    a = actual.value
    assert a is not None
    if c is Comparator.QUALITATIVE:
        return Assessment(
            status=Status.PENDING,
            notes=("定性目标，待记录评估结论",),
            actual=actual,
            period=period,
            final=final,
        )

    if c in (Comparator.IN_STEP, Comparator.ABOVE):
        ref = select_outcome(
            reference_outcomes, period_filter=period, known_by=known_by, exact=True
        )
        if ref is None or ref.value is None:
            return Assessment(
                status=Status.NO_DATA,
                notes=("缺少对比指标数据",),
                actual=actual,
                period=period,
                final=final,
            )
        gap = a - ref.value
        tol = target.tolerance if target.tolerance is not None else th.in_step_tolerance
        if c is Comparator.IN_STEP:
            ok, close = gap >= -tol, gap >= -th.rate_at_risk
        else:
            ok, close = gap > ZERO, gap > -th.rate_at_risk
        if final:
            status = Status.MET if ok else Status.MISSED
        else:
            status = Status.ON_TRACK if ok else Status.AT_RISK if close else Status.OFF_TRACK
        return Assessment(
            status=status, gap=gap, reference=ref, actual=actual, period=period, final=final
        )

    band = default_band(target, indicator, th)
    v = target.value
    assert v is not None
    gap = _gap(target, a)
    rate = indicator.kind is Kind.RATE
    completion = None if rate or v == ZERO else a / v
    if final:
        status = _judge_final(c, indicator.direction, a, target, band)
        return Assessment(
            status=status,
            completion=completion,
            gap=gap,
            band=band if c is Comparator.ABOUT else None,
            actual=actual,
            period=period,
            final=final,
        )

    months = period.months_elapsed
    elapsed = period.elapsed
    if rate:
        good = _good_gap(c, indicator.direction, a, target, band)
        tol = band if c is Comparator.ABOUT else th.rate_at_risk
        status = (
            Status.ON_TRACK if good >= 0 else Status.AT_RISK if good >= -tol else Status.OFF_TRACK
        )
        pace = _rate_required(v, a, months) if good < 0 else None
        return Assessment(
            status=status,
            gap=gap,
            required_pace=pace,
            band=band if c is Comparator.ABOUT else None,
            actual=actual,
            period=period,
            final=final,
        )

    # flow or stock, during the year
    notes: list[str] = []
    baseline: Outcome | None = None
    start = ZERO
    if indicator.kind is Kind.STOCK:
        baseline = select_outcome(
            outcomes, period_filter=Period.whole_year(period.year - 1), known_by=known_by
        )
        if baseline is not None and baseline.value is not None and baseline.parsed_period.full_year:
            start = baseline.value
        else:
            baseline = None
            notes.append("无上年末基数，按0计算进度")
    if c is Comparator.AT_MOST:
        used = a / v if v else ONE
        if a > v:
            status = Status.MISSED  # a cumulative figure already over its ceiling
        else:
            lag = elapsed - used
            status = (
                Status.ON_TRACK
                if lag >= 0
                else Status.AT_RISK
                if lag >= -th.schedule_at_risk
                else Status.OFF_TRACK
            )
        return Assessment(
            status=status,
            completion=completion,
            gap=gap,
            time_progress=elapsed,
            schedule_gap=elapsed - used,
            notes=tuple(notes),
            actual=actual,
            period=period,
            final=final,
        )
    goal = v  # for range and about, the point (lower bound) is what the year must reach
    progress = (a - start) / (goal - start) if goal != start else ONE
    schedule_gap = progress - elapsed
    if a >= goal:
        status = Status.MET
    elif schedule_gap >= 0:
        status = Status.ON_TRACK
    elif schedule_gap >= -th.schedule_at_risk:
        status = Status.AT_RISK
    else:
        status = Status.OFF_TRACK
    pace = None
    if a < goal and months < 12:
        pace = (goal - a) / (TWELVE - months)
    return Assessment(
        status=status,
        completion=completion,
        gap=gap,
        time_progress=elapsed,
        schedule_gap=schedule_gap,
        progress=progress,
        required_pace=pace,
        baseline=baseline,
        notes=tuple(notes),
        actual=actual,
        period=period,
        final=final,
    )
