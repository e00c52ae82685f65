"""The one schema: indicators, jurisdictions, plans with targets, and outcome records.

Every TOML file is read into these classes and written out of them. They are plain frozen
dataclasses, cheap to import and to build; validating a file against them (types, the
constraints declared with :class:`Check`, and unknown keys, which are refused so a misspelt
field is reported rather than ignored) is done by pydantic in :mod:`validation`, imported only
when a file has to be read afresh.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal, NamedTuple, get_args

from .period import Period, PeriodError, parse_period
from .plain import dump

__all__ = [
    "OUTCOME_FIELDS",
    "Category",
    "Check",
    "Comparator",
    "Direction",
    "Indicator",
    "IndicatorCatalog",
    "Jurisdiction",
    "JurisdictionCatalog",
    "Kind",
    "Outcome",
    "OutcomeLog",
    "Plan",
    "PlanMeta",
    "Source",
    "SourceCatalog",
    "Status",
    "Target",
    "Verdict",
    "Vintage",
    "dump",
]


class Check(NamedTuple):
    """A constraint on a field, applied when a file is validated (by pydantic, in
    :mod:`fieldcheck`); records built in code or from the index do not pay for it."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    strict: bool = False  # no coercion: a date must be a TOML date, not a number or text
    aware: bool = False  # a timestamp must carry its UTC offset
    gt: int | None = None
    ge: int | None = None
    le: int | None = None
    after: Callable[[Any], Any] | None = None  # checks (and may normalise) the value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from .fieldcheck import check_schema

        return check_schema(self, source, handler)


class Kind(StrEnum):
    """How a part-year figure is judged (see DESIGN: rate, flow, stock, qualitative)."""

    RATE = "rate"
    FLOW = "flow"
    STOCK = "stock"
    QUALITATIVE = "qualitative"


class Direction(StrEnum):
    """Which side of a target is the good side."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class Comparator(StrEnum):
    AT_LEAST = "at_least"  # 以上 / 不低于 / 不少于 / 突破
    REACH = "reach"  # 达到 / 新增 / 完成 N (judged as at least)
    ABOUT = "about"  # 左右, with a band
    AT_MOST = "at_most"  # 以内 / 不超过 / 控制在…以内
    RANGE = "range"  # 1—2条
    IN_STEP = "in_step"  # 与经济增长同步
    ABOVE = "above"  # 高于全省平均
    QUALITATIVE = "qualitative"  # 保持合理水平 / 完成省下达任务


class Vintage(StrEnum):
    """How final a figure is; a later vintage replaces an earlier one."""

    ESTIMATE = "estimate"  # 预计
    PRELIMINARY = "preliminary"  # 初步核算
    REVISED = "revised"  # 修订
    FINAL = "final"  # 最终核实

    @property
    def rank(self) -> int:
        return list(Vintage).index(self)


class Verdict(StrEnum):
    """A recorded judgement for a qualitative target."""

    MET = "met"
    BASICALLY_MET = "basically_met"
    MISSED = "missed"


class Status(StrEnum):
    MET = "met"
    BASICALLY_MET = "basically_met"
    MISSED = "missed"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    PENDING = "pending"


# No statistic comes near these: a larger or finer figure is a slip (or hostile input) that would
# overflow the Decimal arithmetic of judging and formatting.
MAX_MAGNITUDE = Decimal("1e15")
MIN_EXPONENT = -12


def check_number(v: Decimal | None) -> Decimal | None:
    """A finite figure of sane size: |v| < 10¹⁵ with at most 12 decimal places."""
    if v is None:
        return None
    if not v.is_finite():
        raise ValueError("数值须为有限数 value must be a finite number")
    if v and v.adjusted() >= MAX_MAGNITUDE.adjusted():  # adjusted(): no context, no overflow
        raise ValueError("数值过大 value too large (must be below 10^15 in the indicator's unit)")
    exponent = v.as_tuple().exponent
    if (
        isinstance(exponent, int)
        and exponent < MIN_EXPONENT
        and v != v.quantize(Decimal(1).scaleb(MIN_EXPONENT))
    ):
        raise ValueError("数值过细 value too fine (at most 12 decimal places)")
    return v


@lru_cache(maxsize=4096)  # a log names few periods, each in every record (and twice when read)
def _period_text(value: str) -> str:
    try:
        return str(parse_period(value))
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


Id = Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
JurisdictionId = Annotated[str, Check(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, Check(max_length=20_000)]
NonEmpty = Annotated[str, Check(min_length=1, max_length=20_000)]
Number = Annotated[Decimal, Check(after=check_number)]
PeriodText = Annotated[str, Check(after=_period_text)]
# Dates and times as TOML writes them, never coerced from numbers or text ("recorded_at = 2" is
# not 1970-01-01T00:00:02); a timestamp must carry its UTC offset.
Timestamp = Annotated[datetime, Check(strict=True, aware=True)]
Day = Annotated[date, Check(strict=True)]
Digest = Annotated[str, Check(pattern=r"^[0-9a-f]{16}$")]


class _Strict:
    """Unknown keys are refused when a file is validated: a misspelt field is reported."""

    __pydantic_config__ = {"extra": "forbid"}  # noqa: RUF012 - read by pydantic only


@dataclass(frozen=True, kw_only=True)
class Category(_Strict):
    id: Id
    name: NonEmpty
    name_en: NonEmpty


@dataclass(frozen=True, kw_only=True)
class Indicator(_Strict):
    id: Id
    name: NonEmpty
    name_en: NonEmpty
    unit: Annotated[str, Check(max_length=32)]
    kind: Kind
    direction: Direction = Direction.HIGHER
    category: Id
    aliases: tuple[NonEmpty, ...] = ()
    note: Text = ""


@dataclass(frozen=True, kw_only=True)
class IndicatorCatalog(_Strict):
    """plans/indicators.toml: ``[[category]]`` in display order, then ``[[indicator]]``."""

    category: tuple[Category, ...] = ()
    indicator: tuple[Indicator, ...] = ()


Level = Literal[
    "province",
    "municipality",
    "sub_provincial_city",
    "prefecture_city",
    "city",
    "district",
    "county",
    "county_level_city",
    "functional_area",
]
LEVELS: tuple[str, ...] = get_args(Level)


@dataclass(frozen=True, kw_only=True)
class Jurisdiction(_Strict):
    id: JurisdictionId
    name: NonEmpty
    name_en: NonEmpty
    # province (省, 自治区), municipality (直辖市), sub_provincial_city (副省级市),
    # prefecture_city (地级市), city (any city), district (区), county (县), county_level_city
    # (县级市), functional_area (高新区, 新区, 开发区: with a parent)
    level: Level
    parent: JurisdictionId | None = None


@dataclass(frozen=True, kw_only=True)
class JurisdictionCatalog(_Strict):
    """plans/jurisdictions.toml: ``[[jurisdiction]]``."""

    jurisdiction: tuple[Jurisdiction, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Target(_Strict):
    """One promise of a plan, with the sentence it came from."""

    indicator: Id
    comparator: Comparator
    value: Number | None = None
    high: Number | None = None
    band: Annotated[Number, Check(gt=0)] | None = None
    reference: Id | None = None
    reference_jurisdiction: JurisdictionId | None = None
    tolerance: Annotated[Number, Check(ge=0)] | None = None
    period: PeriodText | None = None
    section: Text = ""
    quote: NonEmpty
    source: Text = ""
    note: Text = ""

    def __post_init__(self) -> None:
        c = self.comparator
        needs_value = c in (
            Comparator.AT_LEAST,
            Comparator.REACH,
            Comparator.ABOUT,
            Comparator.AT_MOST,
            Comparator.RANGE,
        )
        if needs_value and self.value is None:
            raise ValueError(f"comparator {c.value} needs a value")
        if c is Comparator.RANGE:
            if self.high is None:
                raise ValueError("comparator range needs value (low) and high")
            if self.value is not None and self.value > self.high:
                raise ValueError("range: value (low) must not exceed high")
        elif self.high is not None:
            raise ValueError(f"high is only for comparator range, not {c.value}")
        if self.band is not None and c is not Comparator.ABOUT:
            raise ValueError(f"band is only for comparator about, not {c.value}")
        if c in (Comparator.IN_STEP, Comparator.ABOVE):
            if self.reference is None:
                raise ValueError(f"comparator {c.value} needs a reference indicator")
        elif self.reference is not None or self.reference_jurisdiction is not None:
            raise ValueError(f"reference is only for in_step and above, not {c.value}")
        if c is Comparator.QUALITATIVE and self.value is not None:
            raise ValueError("a qualitative target has no value")

    def period_in(self, year: int) -> Period:
        return parse_period(self.period) if self.period else Period.whole_year(year)


@dataclass(frozen=True, kw_only=True)
class PlanMeta(_Strict):
    jurisdiction: JurisdictionId
    year: Annotated[int, Check(ge=1949, le=2100)]
    title: NonEmpty
    doc_number: Text = ""
    published: Day | None = None
    source: NonEmpty
    url: Text = ""
    note: Text = ""


@dataclass(frozen=True, kw_only=True)
class Source(_Strict):
    """plans/sources.toml: a source document, so reports name it by title and 文号."""

    file: NonEmpty
    title: NonEmpty
    doc_number: Text = ""
    publisher: Text = ""
    published: Day | None = None
    url: Text = ""
    note: Text = ""


@dataclass(frozen=True, kw_only=True)
class SourceCatalog(_Strict):
    """plans/sources.toml: ``[[source]]``."""

    source: tuple[Source, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Plan(_Strict):
    """plans/<jurisdiction>/<year>.toml: a ``[plan]`` table and ``[[target]]`` records."""

    plan: PlanMeta
    target: tuple[Target, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Outcome(_Strict):
    """One reported figure for one period, as one vintage. The log only ever grows.

    A record carries exactly one of ``value``, ``verdict`` (for qualitative targets) or
    ``retracts``: the ``recorded_at`` of an earlier record of the same indicator and period that
    it withdraws, with ``retracts_digest``, that record's digest, naming exactly one record
    (two records may share a ``recorded_at``; a retraction without it, as older logs hold,
    withdraws every record of that time). ``digest`` (written by ``jt record``) lets the loader
    tell a complete record from one cut short by an interrupted write. ``period`` is always the
    canonical name of its span (2026-Q3 for 前三季度, 1—9月 or 2026-09).
    """

    indicator: Id
    period: PeriodText
    value: Number | None = None
    verdict: Verdict | None = None
    retracts: Timestamp | None = None
    retracts_digest: Digest | None = None
    vintage: Vintage = Vintage.PRELIMINARY
    source: Text = ""
    quote: Text = ""
    as_of: Day | None = None
    by: Text = ""
    note: Text = ""
    recorded_at: Timestamp
    digest: Digest | None = None

    def __post_init__(self) -> None:
        given = (self.value is not None) + (self.verdict is not None) + (self.retracts is not None)
        if given != 1:
            raise ValueError("an outcome has exactly one of value, verdict or retracts")
        if self.retracts_digest is not None and self.retracts is None:
            raise ValueError("retracts_digest names a withdrawn record: it needs retracts")
        canonical = _period_text(self.period)
        if canonical != self.period:
            object.__setattr__(self, "period", canonical)

    @classmethod
    def trusted(cls, **fields: Any) -> Outcome:
        """A record whose fields were checked when it was first read (the index keeps only
        checked records, their period already canonical): built without checking again."""
        record = cls.__new__(cls)
        record.__dict__.update(fields)
        return record

    @property
    def is_retraction(self) -> bool:
        return self.retracts is not None

    @property
    def parsed_period(self) -> Period:
        return parse_period(self.period)

    @property
    def known_on(self) -> date:
        """When the figure became known: its publication date, else when it was recorded."""
        return self.as_of or self.recorded_at.date()


@dataclass(frozen=True, kw_only=True)
class OutcomeLog(_Strict):
    """plans/<jurisdiction>/<year>.outcomes.toml: an append-only list of ``[[outcome]]``."""

    outcome: tuple[Outcome, ...] = ()


# An outcome's fields in the order they are written to a log and kept in the index; digest last.
OUTCOME_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Outcome))
