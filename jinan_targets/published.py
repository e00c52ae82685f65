"""Figures from a statistics table as published: 指标名称 | 计量单位 | 1—9月 | 比上年同期增长（%）.

The genre's rules, as 统计局 sheets apply them:

- a **level** column (1—9月, 绝对值, 绝对量, 累计, 总量) holds the indicator's own figure, in the
  unit its 计量单位 cell (or the column label, the row name's brackets, or the 单位： line) gives:
  人 becomes 万人, 元 becomes 亿元 as the indicator needs; a unit that cannot be converted is an
  error of that row;
- a **growth** column (比上年同期增长, 增长%, 增速, 同比±%) holds the growth of the same
  indicator, in %, and goes on the matching …增长 indicator of the catalog (地区生产总值 →
  地区生产总值增长, 货物进出口总额 → 货物进出口增长);
- an **index** with base 100 (上年同期=100, 上年=100, in the row name, its unit or the column) is a
  change: 100.5 is +0.5%, and goes on the growth indicator (居民消费价格指数 → 居民消费价格涨幅);
- sub-items keep their own names once the indentation, 其中： and markers (#, △) are gone;
- a figure's period is the one its column label states (1—9月), else the title's (2026年1—9月),
  else ``--period``; a table that states a period contradicting ``--period`` is refused;
- prior-year, target, rank and share columns (上年同期, 全年目标, 位次, 比重) are not figures
  of the period: they are left out, and named;
- a row whose name matches no indicator of the catalog is not an error in a published table: it
  is named as not tracked (未收录), never dropped in silence.

Names are matched exactly (id, name or alias, ignoring spaces and quotes): a published table's
own rows (第一产业, 工业投资) must not be taken for a tracked indicator whose name contains them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from .excerpt import excerpt
from .namematch import Catalog
from .period import Period, PeriodError, parse_period
from .quantity import QuantityError, parse_unit
from .recording import RecordRequest
from .tableshape import Table, header_key

__all__ = ["Published", "PublishedError", "is_published", "published_requests"]

Role = Literal["name", "unit", "level", "growth", "index", "skip", "ignore"]

_UNIT_WORDS = ("计量单位", "单位", "unit")
_IGNORE_WORDS = ("序号", "行次", "栏次", "代码", "no", "no.")  # row numbering: not a figure
_GROWTH = re.compile(r"增长|增速|增减|同比|±|\+-|涨幅|增幅|比上年|比去年|growth|yoy", re.I)
_INDEX = re.compile(r"[=＝]\s*100|为\s*100")
_SKIP = re.compile(
    r"上年|去年|同期|目标|计划|预期|任务|位次|排名|排序|名次|比重|占比|构成|结构|百分点|备注|说明|"
    r"target|rank|share|note",
    re.I,
)
_LEVEL = re.compile(
    r"绝对值|绝对量|总量|数值|数量|金额|累计|本月|当月|本期|本年|实绩|完成|合计|总计|规模|value"
)
_PERIOD_TEXT = re.compile(
    r"(?:\d{4}\s*年\s*)?(?:1\s*[—\-－–~至到]\s*\d{1,2}\s*月|1\s*[—\-－–~至到]\s*[一二三四五六七八九十]+月|"
    r"第?一季度|上半年|前三季度|前[一二三四]季度|全年|前\d{1,2}个?月|\d{1,2}\s*月份?)"
    r"|\d{4}\s*年(?:度)?|\d{4}-(?:Q[1-4]|H[12]|\d{1,2})",
    re.I,
)
_CUMULATIVE = re.compile(r"累计|1\s*[—\-－–~至到]\s*本月|自年初|年初至今|本年")
_MONTH_ALONE = re.compile(r"本月|当月")
_NO_FIGURE = frozenset(("", "—", "-", "–", "－", "…", "...", "/", "／", "x", "×", "*", "——", "/ "))
_LEADING = re.compile(
    r"^(?:其中[:：]?|内[:：]|[#＃△▲*※]+|\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十]+[)）])"
)
_TRAILING_MARK = re.compile(r"[*※①②③④⑤⑥⑦⑧⑨⑩¹²³]+$")
_BRACKETS = re.compile(r"[（(]([^（）()]*)[)）]$")


class PublishedError(ValueError):
    """The table as a whole cannot be read (no period, a period contradicting --period)."""


@dataclass(frozen=True)
class Published:
    """What a published table gives: the requests, each located, and what it leaves out."""

    requests: list[tuple[RecordRequest, int, dict[str, str]]]
    not_tracked: list[str]
    columns_skipped: list[str]
    errors: list[str]


def role(label: str) -> Role:
    key = header_key(label)
    if not key:
        return "skip"
    if key in _UNIT_WORDS or re.sub(r"\(.*\)$", "", key) in _UNIT_WORDS:
        return "unit"
    if key in _IGNORE_WORDS:
        return "ignore"
    if re.search(r"增减量|增减额|增加额|增量", key):
        return "skip"  # an absolute change, not a growth in %
    if _INDEX.search(key):
        return "index"
    if re.search(r"(?<![比较])(上年|去年|上期)", key):
        return "skip"  # last year's figure or growth (上年同期增长), not this period's
    if _GROWTH.search(key):
        return "skip" if "百分点" in key else "growth"
    if _SKIP.search(key):
        return "skip"
    if _LEVEL.search(key) or _PERIOD_TEXT.search(key):
        return "level"
    return "skip"


def is_published(table: Table, name_col: int) -> bool:
    """Does the table read as published (title rows, a unit column, growth or index columns,
    a header over several rows) rather than a plain list of periods across?"""
    labels = [h for i, h in enumerate(table.header) if i != name_col]
    return (
        bool(table.above)
        or table.header_rows > 1
        or any(role(h) in ("unit", "growth", "index", "ignore") for h in labels)
        or any(role(h) == "level" and _LEVEL.search(header_key(h)) for h in labels)
    )


def clean_name(raw: str) -> tuple[list[str], str]:
    """The names to try for a row (as written; without a trailing bracket) and the bracket's
    text: ``  其中：工业投资`` → (["工业投资"], ""); ``居民消费价格指数（上年同期=100）`` →
    (["居民消费价格指数（上年同期=100）", "居民消费价格指数"], "上年同期=100")."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    text = _TRAILING_MARK.sub("", text)
    while (m := _LEADING.match(text)) and m.end() < len(text):
        text = text[m.end() :]
    names = [text]
    inner = ""
    m = _BRACKETS.search(text)
    if m and m.start() > 0:
        inner = m.group(1)
        names.append(text[: m.start()])
    return names, inner


def _unit_of(text: str) -> str:
    """``亿元`` from a unit cell or bracket, when it is a unit; else ''."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text in _NO_FIGURE or _INDEX.search(text) or len(text) > 8:
        return ""
    if text in ("%", "‰", "百分点", "个百分点"):
        return text
    if re.search(r"[\d=]", text):
        return ""
    try:
        parse_unit(text)
    except QuantityError:  # pragma: no cover - parse_unit accepts any text as a base
        return ""
    return text


def _period_in(text: str, year: int | None) -> Period | None:
    """The period ``text`` states: a span it names (1—9月, 前三季度) in the year it names or
    ``year`` (2026年济南市主要指标（1—9月） is 2026年1—9月), else the year alone."""
    text = unicodedata.normalize("NFKC", text)
    year = _year_of([text]) or year
    found: list[Period] = []
    for m in _PERIOD_TEXT.finditer(text):
        try:
            found.append(parse_period(m.group(0), default_year=year))
        except PeriodError:
            continue
    spans = [p for p in found if not p.full_year]
    return spans[0] if spans else (found[0] if found else None)


def _year_of(texts: Iterable[str]) -> int | None:
    for text in texts:
        m = re.search(r"(\d{4})\s*年", text)
        if m and 1949 <= int(m.group(1)) <= 2100:
            return int(m.group(1))
    return None


class _Periods:
    """The period of each value column: its label's, else the title's, else --period."""

    def __init__(self, table: Table, given: str | None, year: int | None) -> None:
        self.name = table.name
        self.given: Period | None = None
        title_year = _year_of(table.above)
        if given is not None:
            try:
                self.given = parse_period(given, default_year=title_year or year)
            except PeriodError as exc:
                raise PublishedError(f"--period: {exc}") from None
        self.year = title_year or (self.given.year if self.given else year)
        self.title = next(
            (p for p in (_period_in(t, self.year) for t in table.above) if p is not None), None
        )
        stated = self.title if self.title and not self._month_alone(self.title) else None
        if self.given is not None and stated is not None and stated != self.given:
            raise PublishedError(
                f"{table.name}: 时期矛盾 the table states {stated.label()} ({stated}) in its "
                f"title, --period says {self.given.label()} ({self.given})"
            )

    @staticmethod
    def _month_alone(p: Period) -> bool:
        return p.start_month == p.end_month and p.start_month != 1

    def of(self, label: str) -> Period:
        own = _period_in(label, self.year)
        if own is not None:
            if self.given is not None and own != self.given and not self.title and own.cumulative:
                raise PublishedError(
                    f"{self.name}: 时期矛盾 column {excerpt(label)} states {own.label()} "
                    f"({own}), --period says {self.given.label()} ({self.given})"
                )
            return own
        base = self.given or self.title
        if base is None:
            raise PublishedError(
                f"{self.name}: 找不到时期 the table states no period in its title or column "
                f"{excerpt(label)}: give --period (2026-Q3, 1—9月 …)"
            )
        if _CUMULATIVE.search(label):
            return Period(base.year, 1, base.end_month)
        if _MONTH_ALONE.search(label):
            return Period(base.year, base.end_month, base.end_month)
        if self.given is None and self._month_alone(base):
            raise PublishedError(
                f"{self.name}: 时期不明 the title names the month {base.label()} but column "
                f"{excerpt(label)} says neither 累计 (1—{base.end_month}月) nor 本月: give --period"
            )
        return base


def _unit_line(above: list[str]) -> str:
    for line in above:
        m = re.search(r"单位\s*[:：]\s*(.+)$", line)
        if m:
            units = [
                u for u in re.split(r"[、，,/；;\s]+", m.group(1)) if u and u not in ("%", "‰")
            ]
            return units[0] if len(units) == 1 else ""
    return ""


def _with_unit(value: str, unit: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip()
    return text + unit if unit and re.search(r"\d$", text) else value


def published_requests(
    table: Table,
    name_col: int,
    catalog: Catalog,
    *,
    jurisdiction: str,
    period: str | None,
    vintage: str,
    source: str,
    published: str | None,
    by: str,
    year: int | None,
) -> Published:
    header = table.header
    roles = [role(h) if i != name_col else "name" for i, h in enumerate(header)]
    unit_col = next((i for i, r in enumerate(roles) if r == "unit"), None)
    periods = _Periods(table, period, year)
    value_cols = [i for i, r in enumerate(roles) if r in ("level", "growth", "index")]
    col_period = {i: periods.of(header[i]) for i in value_cols}
    default_unit = _unit_line(table.above)
    label_units = [m.group(1) if (m := _BRACKETS.search(h)) else "" for h in header]
    out: list[tuple[RecordRequest, int, dict[str, str]]] = []
    not_tracked: list[str] = []
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for k, row in enumerate(table.rows):
        number = table.number(k)
        names, bracket = clean_name(row[name_col])
        if not names[0]:
            continue
        unit_cell = row[unit_col].strip() if unit_col is not None else ""
        index_row = bool(_INDEX.search(bracket) or _INDEX.search(unit_cell))
        missed: list[str] = []
        found = 0
        for i in value_cols:
            cell = row[i].strip()
            if unicodedata.normalize("NFKC", cell).strip() in _NO_FIGURE:
                continue
            kind = "index" if index_row and roles[i] == "level" else roles[i]
            where = {"indicator": header[name_col], "value": header[i], "period": header[i]}
            if kind == "level":
                unit = (
                    _unit_of(unit_cell)
                    or _unit_of(label_units[i])
                    or _unit_of(bracket)
                    or default_unit
                )
                percent = unit in ("%", "‰") or cell.endswith("%")
                indicator = catalog.level(names, percent)
                value = _with_unit(cell, unit)
            elif kind == "growth":
                indicator = catalog.growth(names)
                value = _with_unit(cell, "%")
            else:
                indicator = catalog.growth([n.replace("指数", "") for n in names] + names)
                try:
                    change = (
                        Decimal(unicodedata.normalize("NFKC", cell).rstrip("%").replace(",", ""))
                        - 100
                    )
                except InvalidOperation:
                    errors.append(
                        f"{table.name}:{number}:{header[i]}: 指数不是数字 the index (上年=100) is "
                        f"not a number: {excerpt(cell)}"
                    )
                    continue
                value = f"{format(change.normalize(), 'f')}%"
            if indicator is None:
                missed.append(header[i])
                continue
            found += 1
            key = (indicator.id, str(col_period[i]))
            if key in seen:
                errors.append(
                    f"{table.name}:{number}:{header[i]}: 重复 {indicator.name} {col_period[i]} is "
                    f"given twice (rows {seen[key]} and {number})"
                )
                continue
            seen[key] = number
            request = RecordRequest(
                jurisdiction=jurisdiction,
                indicator=indicator.id,
                value=value,
                period=str(col_period[i]),
                vintage=vintage,
                source=source,
                published=published,
                by=by,
            )
            out.append((request, number, where))
        name = names[-1] if len(names) > 1 and index_row else names[0]
        if missed and not found:
            not_tracked.append(name)
        elif missed:
            not_tracked += [f"{name}（{label}）" for label in missed]
    skipped = [
        header[i]
        for i, r in enumerate(roles)
        if r == "skip" and header[i] and any(row[i].strip() for row in table.rows)
    ]
    return Published(out, not_tracked, skipped, errors)
