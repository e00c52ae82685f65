"""Reporting periods. A period is a span of months, and each span has one identity.

Chinese statistics report year to date (一季度 = 1—3月, 上半年 = 1—6月, 前三季度 = 1—9月,
全年 = 1—12月), so this tool's own short forms are year to date too: ``2026-Q3`` is 1—9月 and
``2026-05`` is 1—5月. Whatever spelling was typed or stored (前三季度, 1—9月, 1至9月, 2026-09,
2026Q3), the same span is the same :class:`Period` and prints the same canonical text:

==========  =====================================  =========
span        spellings understood                   canonical
==========  =====================================  =========
1—12月      2026, 2026年, 全年, 1—12月, 2026-Q4,    2026
            2026-12
1—3月       一季度, 第一季度, Q1, 1—3月, 2026-03    2026-Q1
1—6月       上半年, 1—6月, 前6个月, 2026-Q2, H1     2026-H1
1—9月       前三季度, 1—9月, 1至9月, 2026-09       2026-Q3
1—5月       1—5月, 前5个月, 2026-05                 2026-05
==========  =====================================  =========

Periods that do not start in January are kept apart and are never used to judge progress:
下半年 (``2026-H2``), a single quarter as releases print it (二季度/第三季度 = 7—9月 alone,
``2026-07..09``) and a single month (3月份 = March alone, ``2026-03..03``). Multi-year spans
(``2021-2025``, or 十四五 for the plan period 2021—2025) belong to their last year.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Literal, NamedTuple

from .excerpt import excerpt

__all__ = ["Period", "PeriodError", "parse_period"]

PeriodKind = Literal["year", "quarter", "month", "part", "span"]

_CN_NUM = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_FIVE_YEAR_PLAN = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:时期|期间|规划期?)?")
_CUMULATIVE_ZH = {3: "一季度", 6: "上半年", 9: "前三季度"}
_QUARTER_ZH = {1: "一", 2: "二", 3: "三", 4: "四"}
_MONTH_EN = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MIN_YEAR, _MAX_YEAR = 1949, 2100
_HINT = (
    "use 2026, 2026-Q1, 2026-H1, 2026-05 (1—5月), 2021-2025, or 一季度, 1—9月, 前5个月, "
    "2026年上半年"
)


class PeriodError(ValueError):
    """A period that cannot be read or cannot exist (2026-Q5, 2026-13)."""


class Period(NamedTuple):
    """Months ``start_month``..``end_month`` of ``year``; or, with ``start_year``, the years
    ``start_year``..``year`` (a multi-year span)."""

    year: int
    start_month: int = 1
    end_month: int = 12
    start_year: int = 0

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year)

    @property
    def kind(self) -> PeriodKind:
        if self.start_year:
            return "span"
        if self.start_month != 1:
            return "part"
        if self.end_month == 12:
            return "year"
        return "quarter" if self.end_month % 3 == 0 else "month"

    @property
    def months_elapsed(self) -> int:
        return self.end_month

    @property
    def elapsed(self) -> Decimal:
        """Fraction of the year elapsed at the period's end (时序进度)."""
        return Decimal(self.end_month) / Decimal(12)

    @property
    def cumulative(self) -> bool:
        """True when the figure runs from January (or is a whole year or span)."""
        return self.start_month == 1

    @property
    def full_year(self) -> bool:
        return self.start_month == 1 and self.end_month == 12

    @property
    def first_day(self) -> date:
        """The first day the period covers (a span: 1 January of its first year)."""
        return date(self.start_year or self.year, self.start_month, 1)

    @property
    def last_day(self) -> date:
        """The last day the period covers: periods sort and join by these two dates."""
        if self.end_month == 12:
            return date(self.year, 12, 31)
        return date(self.year, self.end_month + 1, 1) - timedelta(days=1)

    def year_to_date(self) -> Period | None:
        """For a part of the year that does not start in January (三季度 = 7—9月, 9月份), the
        year to date ending with it (前三季度 = 1—9月); else None."""
        if self.start_year or self.start_month == 1:
            return None
        return Period(self.year, 1, self.end_month)

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.year, self.end_month, 1 if self.start_year else 0, -self.start_month)

    def __str__(self) -> str:
        y, s, e = self.year, self.start_month, self.end_month
        if self.start_year:
            return f"{self.start_year}-{y}"
        if s == 1:
            if e == 12:
                return str(y)
            if e == 6:
                return f"{y}-H1"
            return f"{y}-Q{e // 3}" if e % 3 == 0 else f"{y}-{e:02d}"
        if (s, e) == (7, 12):
            return f"{y}-H2"
        return f"{y}-{s:02d}..{e:02d}"

    def label(self, lang: str = "zh") -> str:
        """Human label: 2026年一季度 / 2026 Q1."""
        y, s, e = self.year, self.start_month, self.end_month
        if lang == "en":
            if self.start_year:
                return f"{self.start_year}–{y}"
            if self.full_year:
                return str(y)
            if s == 1 and e % 3 == 0:
                return f"{y} H1" if e == 6 else f"{y} Q{e // 3}"
            if s == e:
                return f"{y} {_MONTH_EN[e]} (month)"
            if (s, e) == (7, 12):
                return f"{y} H2 (Jul–Dec)"
            return f"{y} {_MONTH_EN[s]}–{_MONTH_EN[e]}"
        if self.start_year:
            return f"{self.start_year}—{y}年"
        if self.full_year:
            return f"{y}年"
        if s == 1:
            return f"{y}年{_CUMULATIVE_ZH[e]}" if e in _CUMULATIVE_ZH else f"{y}年1—{e}月"
        if (s, e) == (7, 12):
            return f"{y}年下半年"
        if s == e:
            return f"{y}年{e}月（当月）"
        if e - s == 2 and e % 3 == 0:
            return f"{y}年第{_QUARTER_ZH[e // 3]}季度（{s}—{e}月，单季）"
        return f"{y}年{s}—{e}月"

    def within(self, year: int) -> bool:
        """Does this period belong to ``year`` (a span belongs to its last year)?"""
        return self.year == year


def _year(text: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise PeriodError(f"年份超出范围 year out of range: {year}")
    return year


def _month(text: str, raw: str) -> int:
    month = _CN_NUM.get(text) or (int(text) if text.isdigit() and len(text) <= 2 else 0)
    if not 1 <= month <= 12:
        raise PeriodError(f"月份须为1—12 month must be 1–12: {excerpt(raw)}")
    return month


def _months(start: int, end: int, raw: str) -> tuple[int, int]:
    if start > end:
        raise PeriodError(f"起止月份颠倒 months must run forwards: {excerpt(raw)}")
    return start, end


_NUM = r"(\d{1,2}|十[一二]?|[一二两三四五六七八九])"


def _chinese(rest: str, raw: str) -> tuple[int, int] | None:
    """The months (first, last) of 全年, 上半年, 一季度, 前三季度, 第三季度 (single), 1—9月,
    前5个月, 3月份 (single)."""
    if rest in ("全年", "年度", "全年度", "年"):
        return 1, 12
    if rest == "上半年":
        return 1, 6
    if rest == "下半年":
        return 7, 12
    m = re.fullmatch(r"前([一二三四1-4])季度?", rest)
    if m:
        return 1, 3 * _month(m.group(1), raw)
    m = re.fullmatch(r"第?([一二三四1-4])季度?", rest)
    if m:  # 一季度 is 1—3月 either way; 二/三/四季度 in a release is the single quarter
        q = _month(m.group(1), raw)
        return 1 if q == 1 else 3 * q - 2, 3 * q
    m = re.fullmatch(rf"前{_NUM}个?月", rest)
    if m:
        return 1, _month(m.group(1), raw)
    m = re.fullmatch(rf"{_NUM}月?-{_NUM}月", rest) or re.fullmatch(rf"{_NUM}-{_NUM}月?", rest)
    if m:
        return _months(_month(m.group(1), raw), _month(m.group(2), raw), raw)
    m = re.fullmatch(rf"{_NUM}月", rest)
    if m:  # 3月份 in a release is March alone; 1月 is also 1—1月
        month = _month(m.group(1), raw)
        return month, month
    return None


@lru_cache(maxsize=4096)
def parse_period(text: str, default_year: int | None = None) -> Period:
    """Parse a period in any spelling; a form without a year (一季度, Q1) takes
    ``default_year``. Raises :class:`PeriodError` with a reason."""
    raw = text
    s = unicodedata.normalize("NFKC", text).strip().upper()
    for dash in ("—", "–", "−", "~", "至", "到"):
        s = s.replace(dash, "-")
    s = re.sub(r"\s+", "", s).replace("月份", "月").replace("份", "")
    s = re.sub(r"\([^()]*\)$", "", s)  # a label's note: 2026年3月（当月）
    if not s:
        raise PeriodError("时期为空 empty period")
    m = re.fullmatch(r"(\d{4})年?(?:全年|年度)?", s)
    if m:
        return Period(_year(m.group(1)))
    m = _FIVE_YEAR_PLAN.fullmatch(s)
    if m:  # 十四五 (the 14th five-year plan) is 2021-2025
        end = 2005 + 5 * (_CN_NUM[m.group(1)])
        return Period(end, start_year=end - 4)
    m = re.fullmatch(r"(\d{4})年?-(\d{4})年?", s)
    if m:
        start, end = _year(m.group(1)), _year(m.group(2))
        if start >= end:
            raise PeriodError(f"时段起止颠倒 span must run forwards: {excerpt(raw)}")
        return Period(end, start_year=start)
    m = re.fullmatch(r"(?:(\d{4})年?-?)?([QH])(\d+)", s)
    if m:
        year = _year(m.group(1)) if m.group(1) else _default(default_year, raw)
        n = int(m.group(3))
        if m.group(2) == "Q":
            if not 1 <= n <= 4:
                raise PeriodError(f"季度须为1—4 quarter must be Q1–Q4: {excerpt(raw)}")
            return Period(year, 1, 3 * n)
        if n not in (1, 2):
            raise PeriodError(f"半年须为H1或H2 half must be H1 or H2: {excerpt(raw)}")
        return Period(year, 1, 6) if n == 1 else Period(year, 7, 12)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if m:
        return Period(_year(m.group(1)), 1, _month(m.group(2), raw))
    m = re.fullmatch(r"(\d{4})-(\d{1,2})\.\.(\d{1,2})", s)
    if m:
        first, last = _months(_month(m.group(2), raw), _month(m.group(3), raw), raw)
        return Period(_year(m.group(1)), first, last)
    m = re.fullmatch(r"(?:(\d{4})年)?(.+)", s)
    if m:
        span = _chinese(m.group(2), raw)
        if span is not None:
            year = _year(m.group(1)) if m.group(1) else _default(default_year, raw)
            return Period(year, *span)
    raise PeriodError(f"无法识别的时期 unknown period {excerpt(raw)} ({_HINT})")


def _default(default_year: int | None, raw: str) -> int:
    if default_year is None:
        raise PeriodError(f"缺少年份 no year in {excerpt(raw)} (write it with the year: 2026年…)")
    return default_year
