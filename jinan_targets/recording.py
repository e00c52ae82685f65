"""Turn what a user typed into an outcome record, or refuse it with a reason. Pure: no I/O.

Strict in what it accepts: a known indicator, a value in the indicator's unit, a possible
period, no control characters, and no absurd magnitude unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from .dataset import Workspace
from .excerpt import excerpt
from .lookup import IndicatorLookupError, find_indicator
from .model import Comparator, Indicator, Kind, Outcome, Verdict, Vintage, check_number
from .period import Period, PeriodError, parse_period
from .quantity import COUNT_UNITS, QuantityError, parse_quantity, parse_unit, to_unit
from .visible import CONTROL

__all__ = [
    "VERDICT_WORDS",
    "VINTAGE_WORDS",
    "RecordError",
    "RecordRequest",
    "check_dates",
    "check_text",
    "duplicate_of",
    "implausible",
    "period_begins",
    "period_ends",
    "prepare_outcome",
    "read_verdict",
    "read_vintage",
    "whole_count",
]

_CONTROL = CONTROL  # control characters, separators and bidi marks (see visible)
# What people type for a vintage or a verdict, Chinese first.
VINTAGE_WORDS: dict[str, Vintage] = {
    "预计": Vintage.ESTIMATE,
    "初步核算": Vintage.PRELIMINARY,
    "初步": Vintage.PRELIMINARY,
    "修订": Vintage.REVISED,
    "最终核实": Vintage.FINAL,
    "最终": Vintage.FINAL,
    **{v.value: v for v in Vintage},
}
VERDICT_WORDS: dict[str, Verdict] = {
    "完成": Verdict.MET,
    "基本完成": Verdict.BASICALLY_MET,
    "未完成": Verdict.MISSED,
    **{v.value: v for v in Verdict},
}
MAX_TEXT = 20_000
RATE_LIMIT = Decimal(1000)  # % growth beyond which a rate is implausible
FACTOR_LIMIT = Decimal(100)  # times the largest known figure or target


class RecordError(ValueError):
    """The input cannot be recorded; the message says why. ``candidates`` for a bad name."""

    def __init__(self, message: str, candidates: list[Indicator] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


@dataclass(frozen=True)
class RecordRequest:
    jurisdiction: str
    indicator: str
    value: str | None = None
    verdict: str | None = None
    period: str | None = None
    vintage: str = "preliminary"
    source: str = ""
    quote: str = ""
    published: str | None = None
    note: str = ""
    by: str = ""
    force: bool = False


def check_text(name: str, value: str) -> str:
    if char := _CONTROL.search(value):
        raise RecordError(
            f"--{name}: 含控制字符 contains a control character (or a separator or bidi mark) "
            f"U+{ord(char.group(0)):04X} at position {char.start() + 1}"
        )
    if len(value) > MAX_TEXT:
        raise RecordError(f"--{name}: 过长 longer than {MAX_TEXT} characters")
    return value


def implausible(
    ws: Workspace, indicator: Indicator, value: Decimal, jurisdiction: str, year: int
) -> str | None:
    """Why ``value`` looks like a typing or unit slip, or None when it looks possible: compared
    with the targets and figures of ``jurisdiction`` in ``year`` and the year before."""
    if indicator.kind is Kind.RATE:
        if abs(value) > RATE_LIMIT:
            return f"{value}{indicator.unit} 超过 beyond ±{RATE_LIMIT}%"
        return None
    if value < 0:
        return f"负数 a negative {indicator.name} ({value}{indicator.unit})"
    years = [year - 1, year]
    plans = [ws.plan(jurisdiction, y) for y in years]
    known = [t.value for p in plans if p for t in p.target if t.indicator == indicator.id]
    known += [o.value for o in ws.indicator_outcomes(jurisdiction, indicator.id, years)]
    largest = max((abs(v) for v in known if v is not None), default=Decimal(0))
    if largest > 0 and value > largest * FACTOR_LIMIT:
        times = int(value / largest)
        return (
            f"{value}{indicator.unit} 是已知最大值的{times}倍 is {times}× the largest known "
            f"figure or target ({largest}{indicator.unit}); the unit is {indicator.unit}"
        )
    return None


def _read_value(
    ws: Workspace, query: str, indicator: Indicator, text: str
) -> tuple[Indicator, Decimal]:
    """Read ``text`` in the indicator's unit. When the unit does not fit but exactly one other
    indicator whose name starts with the query takes it (地区生产总值 5.4% → 地区生产总值增长),
    use that one; 就业 5% is still refused rather than read as some other rate."""
    try:
        quantity = parse_quantity(text)
    except QuantityError as exc:
        raise RecordError(str(exc)) from None
    try:
        return indicator, to_unit(quantity, indicator.unit, what=indicator.name)
    except QuantityError as exc:
        mismatch = exc
    if quantity.bare:
        raise RecordError(str(mismatch))
    fitting: list[tuple[Indicator, Decimal]] = []
    for other in ws.indicators.values():
        names = (other.id, other.name, *other.aliases)
        if other is indicator or not any(name.startswith(query) for name in names):
            continue
        try:
            fitting.append((other, to_unit(quantity, other.unit, what=other.name)))
        except QuantityError:
            continue
    if len(fitting) == 1:
        return fitting[0]
    raise RecordError(str(mismatch))


def period_begins(period: Period) -> date:
    """The first day of a period (of its first year, for a span such as 2021-2025)."""
    return date(period.start_year or period.year, period.start_month, 1)


def period_ends(period: Period) -> date:
    """The last day of a period."""
    if period.end_month == 12:
        return date(period.year, 12, 31)
    return date(period.year, period.end_month + 1, 1) - timedelta(days=1)


def check_dates(
    period: Period, published: date | None, vintage: Vintage, today: date, force: bool
) -> None:
    """A figure is reported once its period has begun, and published after the period ends;
    an estimate (预计全年…) may be published during the period, never before it. ``force``
    lets a date the rules doubt through."""
    if force:
        return
    begins = period_begins(period)
    if begins > today:
        raise RecordError(
            f"--period: {period} 尚未开始 has not begun (it starts {begins}, today is {today}); "
            "a figure cannot be reported before its period (use --force if it is right)"
        )
    if published is None:
        return
    if vintage is Vintage.ESTIMATE and published < begins:
        raise RecordError(
            f"--published: {published} 早于时期开始 is before {period} begins ({begins}); "
            "an estimate is published during or after its period (use --force if it is right)"
        )
    ends = period_ends(period)
    if vintage is not Vintage.ESTIMATE and published <= ends:
        raise RecordError(
            f"--published: {published} 早于时期结束 is before {period} ends ({ends}); a figure is "
            "published after its period (an estimate, --vintage 预计, may be published during "
            "it; use --force if it is right)"
        )


def whole_count(indicator: Indicator, value: Decimal) -> None:
    """Things counted one by one (个, 家, 项, 所, 人 …) come in whole numbers: 320.5个 is a slip."""
    unit = parse_unit(indicator.unit)
    if unit.scale == 1 and unit.base in COUNT_UNITS and value != value.to_integral_value():
        raise RecordError(
            f"非整数 not a whole number: {indicator.name} counts {unit.base} one by one, so "
            f"{value}{indicator.unit} cannot be right"
        )


def read_vintage(text: str) -> Vintage:
    vintage = VINTAGE_WORDS.get(text.strip().lower())
    if vintage is None:
        raise RecordError(
            f"--vintage: 未知版本 unknown vintage {excerpt(text)} "
            "(预计 estimate, 初步核算 preliminary, 修订 revised, 最终核实 final)"
        )
    return vintage


def read_verdict(text: str) -> Verdict:
    verdict = VERDICT_WORDS.get(text.strip().lower())
    if verdict is None:
        raise RecordError(
            f"--verdict: 未知结论 unknown verdict {excerpt(text)} "
            "(完成 met, 基本完成 basically_met, 未完成 missed)"
        )
    return verdict


def duplicate_of(records: list[Outcome], new: Outcome) -> Outcome | None:
    """An earlier record in force that states the same figure: same indicator, period, value
    (or verdict), vintage, publication date and source."""

    def key(o: Outcome) -> tuple[object, ...]:
        return (o.indicator, o.period, o.value, o.verdict, o.vintage, o.as_of, o.source)

    wanted = key(new)
    return next((o for o in records if o.retracts is None and key(o) == wanted), None)


def qualitative_target(ws: Workspace, jurisdiction: str, indicator: Indicator, year: int) -> None:
    """A verdict (完成, 未完成) judges a qualitative target: a qualitative indicator, or a plan
    of ``year`` whose target for it is qualitative (完成省下达任务). A numeric target is judged
    by its figure, never by a verdict."""
    if indicator.kind is Kind.QUALITATIVE:
        return
    plan = ws.plan(jurisdiction, year)
    target = next((t for t in plan.target if t.indicator == indicator.id), None) if plan else None
    if target is not None and target.comparator is Comparator.QUALITATIVE:
        return
    raise RecordError(
        f"--verdict 只用于定性目标 verdicts are for qualitative targets: {indicator.name} is "
        f"measured in {indicator.unit or 'numbers'}; record its figure instead"
    )


def default_year(ws: Workspace, jurisdiction: str, today: date) -> int:
    years = ws.years(jurisdiction)
    return years[-1] if years else today.year


def prepare_outcome(
    ws: Workspace, req: RecordRequest, *, now: datetime
) -> tuple[Indicator, Period, Outcome]:
    """Validate ``req`` against the workspace and build the record to append."""
    if req.jurisdiction not in ws.jurisdictions:
        raise RecordError(f"未知辖区 unknown jurisdiction {excerpt(req.jurisdiction)}")
    check_text("indicator", req.indicator)
    if req.period is not None and not req.period.strip():
        raise RecordError(
            "--period: 时期为空 empty period (leave the option out for the plan year)"
        )
    try:
        indicator = ws.found.get(req.indicator) or find_indicator(
            ws.indicators.values(), req.indicator
        )
    except IndicatorLookupError as exc:
        raise RecordError(str(exc), exc.candidates) from None
    ws.found[req.indicator] = indicator  # a batch names the same indicators again and again
    try:
        period = parse_period(
            req.period or str(default_year(ws, req.jurisdiction, now.date())),
            default_year=default_year(ws, req.jurisdiction, now.date()),
        )
    except PeriodError as exc:
        raise RecordError(f"--period: {exc}") from None
    vintage = read_vintage(req.vintage)
    value: Decimal | None = None
    verdict: Verdict | None = None
    if (req.value is None) == (req.verdict is None):
        raise RecordError(
            "需要数值或 --verdict give either VALUE or --verdict, not both or neither"
        )
    if req.verdict is not None:
        verdict = read_verdict(req.verdict)
        qualitative_target(ws, req.jurisdiction, indicator, period.year)
    else:
        assert req.value is not None
        if indicator.kind is Kind.QUALITATIVE:
            raise RecordError(f"定性指标 {indicator.name} takes --verdict, not a value")
        check_text("value", req.value)
        indicator, value = _read_value(ws, req.indicator, indicator, req.value)
        try:
            check_number(value)
        except ValueError as exc:
            raise RecordError(f"{exc}: {excerpt(req.value)}") from None
        whole_count(indicator, value)
        reason = (
            None if req.force else implausible(ws, indicator, value, req.jurisdiction, period.year)
        )
        if reason:
            raise RecordError(f"数值异常 implausible value: {reason} (use --force if it is right)")
    as_of: date | None = None
    if req.published is not None:
        try:
            as_of = date.fromisoformat(req.published.strip())
        except ValueError:
            raise RecordError(
                f"--published: 不是日期 not a date (YYYY-MM-DD): {excerpt(req.published)}"
            ) from None
        if as_of > now.date() and not req.force:
            raise RecordError(
                f"--published: {as_of} 在未来 is in the future (today is {now.date()}); "
                "a figure cannot be published before it is recorded (use --force if it is right)"
            )
    check_dates(period, as_of, vintage, now.date(), req.force)
    outcome = Outcome(
        indicator=indicator.id,
        period=str(period),
        value=value,
        verdict=verdict,
        vintage=vintage,
        source=check_text("source", req.source),
        quote=check_text("quote", req.quote),
        as_of=as_of,
        by=check_text("by", req.by),
        note=check_text("note", req.note),
        recorded_at=now,
    )
    return indicator, period, outcome
