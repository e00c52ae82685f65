"""Reporting periods: 2026, 2026-Q1…Q4, 2026-H1/H2, 2026-01…12 and spans such as 2021-2025.

Chinese statistics report year to date (一季度, 上半年, 1—9月, 前三季度), so a quarter or a
month here means *cumulative from January to its end*: 2026-Q3 is 1—9月 and 2026-05 is 1—5月.
2026-H2 (下半年) is the one period that is not cumulative; it can be recorded but is never
used to judge progress. Each period knows the fraction of its year that has elapsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

__all__ = ["Period", "PeriodError", "parse_period"]

PeriodKind = Literal["year", "half", "quarter", "month", "span"]

_CN_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_ZH = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
_MIN_YEAR, _MAX_YEAR = 1949, 2100


class PeriodError(ValueError):
    """A period that cannot be read or cannot exist (2026-Q5, 2026-13)."""


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int
    index: int = 0
    start_year: int = 0

    @property
    def end_month(self) -> int:
        if self.kind == "quarter":
            return 3 * self.index
        if self.kind == "half":
            return 6 * self.index
        if self.kind == "month":
            return self.index
        return 12

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
        return not (self.kind == "half" and self.index == 2)

    @property
    def full_year(self) -> bool:
        return self.kind in ("year", "span") or (self.end_month == 12 and self.cumulative)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        rank = {"month": 0, "quarter": 1, "half": 2, "year": 3, "span": 4}[self.kind]
        return (self.year, self.end_month, rank)

    def __str__(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "span":
            return f"{self.start_year}-{self.year}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        return f"{self.year}-{self.index:02d}"

    def label(self, lang: str = "zh") -> str:
        """Human label: 2026年一季度 / 2026 Q1."""
        if lang == "en":
            if self.kind == "month":
                return f"{self.year} Jan–{_MONTH_EN[self.index]}"
            return str(self).replace("-", " ") if self.kind != "span" else str(self)
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "span":
            return f"{self.start_year}—{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年{_QUARTER_ZH[self.index]}"
        if self.kind == "half":
            return f"{self.year}年{'上半年' if self.index == 1 else '下半年'}"
        return f"{self.year}年1—{self.index}月" if self.index > 1 else f"{self.year}年1月"

    def within(self, year: int) -> bool:
        """Does this period belong to ``year`` (a span belongs to its last year)?"""
        return self.year == year


_MONTH_EN = {
    1: "Jan",
    2: "Feb",
    3: "Mar",
    4: "Apr",
    5: "May",
    6: "Jun",
    7: "Jul",
    8: "Aug",
    9: "Sep",
    10: "Oct",
    11: "Nov",
    12: "Dec",
}


def _year(text: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise PeriodError(f"年份超出范围 year out of range: {year}")
    return year


def parse_period(text: str, default_year: int | None = None) -> Period:
    """Parse a period; Chinese forms (2026年一季度, 1—9月, 上半年) are understood too."""
    raw = text
    s = unicodedata.normalize("NFKC", text).strip().upper()
    s = s.replace("—", "-").replace("–", "-").replace("~", "-").replace(" ", "")
    if not s:
        raise PeriodError("时期为空 empty period")
    m = re.fullmatch(r"(\d{4})", s) or re.fullmatch(r"(\d{4})年(?:全年|年度)?", s)
    if m:
        return Period("year", _year(m.group(1)))
    m = re.fullmatch(r"(\d{4})年?-(\d{4})年?", s)
    if m:
        start, end = _year(m.group(1)), _year(m.group(2))
        if start >= end:
            raise PeriodError(f"时段起止颠倒 span must run forwards: {raw!r}")
        return Period("span", end, 0, start)
    m = re.fullmatch(r"(\d{4})-?Q(\d+)", s)
    if m:
        q = int(m.group(2))
        if not 1 <= q <= 4:
            raise PeriodError(f"季度须为1—4 quarter must be Q1–Q4: {raw!r}")
        return Period("quarter", _year(m.group(1)), q)
    m = re.fullmatch(r"(\d{4})-?H(\d+)", s)
    if m:
        h = int(m.group(2))
        if h not in (1, 2):
            raise PeriodError(f"半年须为H1或H2 half must be H1 or H2: {raw!r}")
        return Period("half", _year(m.group(1)), h)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if m:
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"月份须为1—12 month must be 01–12: {raw!r}")
        return Period("month", _year(m.group(1)), month)
    # Chinese forms, with or without a leading 2026年
    m = re.fullmatch(r"(?:(\d{4})年)?(.+)", s)
    if m:
        year_text, rest = m.group(1), m.group(2)
        if year_text is None and default_year is None:
            raise PeriodError(f"缺少年份 no year in {raw!r}")
        year = _year(year_text) if year_text else int(default_year or 0)
        rest = rest.replace("第", "")
        if rest in ("全年", "年度"):
            return Period("year", year)
        if rest == "上半年":
            return Period("half", year, 1)
        if rest == "下半年":
            return Period("half", year, 2)
        qm = re.fullmatch(r"(?:前)?([一二三四1-4])季度", rest)
        if qm:
            return Period("quarter", year, _CN_ORDINAL[qm.group(1)])
        mm = re.fullmatch(r"(?:1-)?(\d{1,2})月", rest) or re.fullmatch(r"1-(\d{1,2})月?", rest)
        if mm:
            month = int(mm.group(1))
            if not 1 <= month <= 12:
                raise PeriodError(f"月份须为1—12 month must be 1–12: {raw!r}")
            return Period("month", year, month)
    raise PeriodError(
        f"无法识别的时期 unknown period {raw!r} (use 2026, 2026-Q1, 2026-H1, 2026-03 or 2021-2025)"
    )
