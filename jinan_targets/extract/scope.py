"""Which period a reported figure belongs to, and the words that say so.

A statistics release states a period once and lets it govern what follows: ``前三季度，全市
地区生产总值…。分产业看，第一产业增加值…`` — the 分产业看 clause, a 其中, a list after a
colon and the following sentences of the paragraph are all 前三季度 until another period is
named (9月份…, 1—8月…). A paragraph that names none takes the release's title (2026年上半年
济南市经济运行情况 → 2026-H1), else the period asked for.

What names a period: 一季度, 上半年, 前三季度, 1—9月 (and 1—9月平均, the CPI's year-to-date
average), 前5个月, 全年, 年末, a year (2025年), 十四五; a single month (9月份, 9月当月, 当月)
is that month alone, never year to date; a single quarter as releases print it (二季度,
第三季度) is that quarter alone; 9月末 and 截至9月末 are the position at the end of 1—9月.
What does not: a period compared with (比上半年, 较1—8月, 与1—9月持平), a goal (到2027年),
a target's year (全年目标), a date (9月20日).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..period import Period, PeriodError, parse_period

__all__ = ["Scope", "Stated", "last_stated", "opens_later", "stated_for", "title_period"]

_MONTH = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_YTD = rf"1\s*[—–\-~～至到]\s*{_MONTH}\s*月(?:份)?"
_PART = (
    r"前三季度|上半年末?|下半年|第?[一二三四]季度[末底]?"
    rf"|{_YTD}|前\d{{1,2}}个月|前[二三四五六七八九十]{{1,2}}个月"
    rf"|{_MONTH}月(?:份|当月|末|底)|(?:1[0-2]|[1-9])月(?![\d一二三四五六七八九十日号])"
    r"|全年|年末|年底"
)
_MENTION = re.compile(
    rf"(?P<year>20\d\d)\s*年(?P<part>{_PART})?"
    r"|(?P<plan>“?十[一二三四五六七八九]五”?(?:时期|期间|以来))"
    rf"|(?P<bare>截至(?:{_MONTH}月|[一二三四]季度|上半年)[末底]?|{_PART}|当月|去年)"
)
# Before a period: it is compared with, or it is a goal.
_COMPARED_BEFORE = re.compile(r"(?:比|较|与|同|和|跟|相对于|高于|低于|快于|慢于|超过|于)$")
_GOAL_BEFORE = re.compile(r"(?<!截)(?:到|至)$")
# After a period: a target's period (全年目标), a date (9月20日), since (6月份以来).
_NOT_SCOPE_AFTER = re.compile(
    r"(?:的)?(?:目标|计划|任务|预算|预期)|(?:持平|相比|相当|水平)|以来|底前|\d|同期"
    r"|起|开始|[上中下]旬"
)
_TITLE = re.compile(
    rf"(?:(?P<year>20\d\d)\s*年\s*(?P<part>{_PART})?|(?P<alone>{_PART}))[^，。,；\n]{{0,12}}?"
    r"(?:国民经济和社会发展统计公报|统计公报|经济运行(?:情况|简况|分析)?|主要经济指标"
    r"|主要统计(?:数据|指标)|统计月报)"
)


# What may stand before a period that opens a sentence: 据海关统计，上半年…; 根据…核算结果，
# 前三季度…; 截至6月末…; 全市1—10月… A period after anything else (其中，二季度增长5.8%)
# is said in passing and governs its own sentence only.
_LEAD_IN = re.compile(
    r"(?:(?:据|根据|经)[^，,。；;]{0,24}?(?:统计|结果|核算|测算|监测)[，,]|(?:经)?初步核算[，,]?"
    r"|截至|截止)?(?:今年|本年|全市|全县|全区|全省|全国|我市|本市){0,2}"
)
_BOUNDARY = "。！？!?；;\n\t"


@dataclass(frozen=True)
class Stated:
    """A period and the words that state it: ``at`` is their flat offset (None for a period
    no words state: the one asked for)."""

    period: Period
    words: str
    at: int | None


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("“", "").replace("”", "")


def _read(
    words: str, year: int | None, current: Stated | None, default: Period | None
) -> Period | None:
    """The period ``words`` name, or None when they name none here."""
    s = _clean(words)
    if s.startswith("截至"):
        s = s[2:]
    if s == "当月":  # the release's own month, alone
        if default is None or default.start_month != 1 or default.full_year:
            return None
        return Period(default.year, default.end_month, default.end_month)
    if s.endswith(("月末", "月底")) and not s.startswith(("年", "全")):
        s = s[:-1]
        month = re.match(r"(\d{4}年)?(.*?)月", s)
        if month is None:
            return None
        y = year if month.group(1) is None else int(month.group(1)[:4])
        if y is None:
            return None
        try:
            single = parse_period(f"{y}年{month.group(2)}月份", y)
        except PeriodError:
            return None
        return Period(single.year, 1, single.end_month)  # the position at 9月末: 1—9月
    if s.endswith(("季度末", "季度底", "半年末", "半年底")):
        try:  # 三季度末: the position at the end of 1—9月
            quarter = parse_period(s[:-1], current.period.year if current else year)
        except PeriodError:
            return None
        return Period(quarter.year, 1, quarter.end_month)
    if s.endswith("当月"):
        s = s[:-2] + "份"
    if s in ("全年", "年末", "年底"):
        whole = current.period.year if current else year
        return Period(whole) if whole else None
    if s == "去年":  # in a plan reviewing the year before: that year
        if default is not None and default.full_year:
            return default
        return Period(year - 1) if year else None
    try:
        if re.fullmatch(r"\d{4}年.*", s):
            y = int(s[:4])
            rest = s[5:]
            if rest in ("年末", "年底", "全年"):
                rest = ""
            return parse_period(f"{y}年{rest}" if rest else str(y), y)
        if re.match(r"“?十", s):
            return parse_period(s.removesuffix("以来"))
        base = current.period.year if current else year
        if re.fullmatch(rf"{_MONTH}月(?:份)?", s):
            s = s if s.endswith("份") else s + "份"  # 9月 said alone in a release: the month
        return parse_period(s, base)
    except PeriodError:
        return None


def _scope(flat: str, m: re.Match[str]) -> bool:
    """Whether the mention ``m`` states a period (rather than compares with one)."""
    before = flat[max(0, m.start() - 4) : m.start()]
    if _COMPARED_BEFORE.search(before) or _GOAL_BEFORE.search(before):
        return False
    after = flat[m.end() : m.end() + 4]
    if m.group("bare") == "去年":
        return flat[max(0, m.start() - 1) : m.start()] in ("", "，", ",", "\n")
    return not _NOT_SCOPE_AFTER.match(after)


def last_stated(
    flat: str,
    start: int,
    end: int,
    *,
    year: int | None,
    default: Period | None,
    current: Stated | None = None,
) -> Stated | None:
    """The last period stated in ``flat[start:end]`` (``current`` when none is), each read
    in the light of the one before it (2025年…全年 is 2025)."""
    found = current
    for m in _MENTION.finditer(flat, start, end):
        if not _scope(flat, m):
            continue
        if m.group("year") and year is not None and int(m.group("year")) > year:
            continue  # a later year is a goal, not a report
        if flat.startswith(("底前", "年底前"), m.end()):
            continue
        period = _read(m.group(0), year, found, default)
        if period is not None:
            found = Stated(period, _clean(m.group(0)), m.start())
    return found


_TITLE_END = re.compile(r"(?:完成情况|运行情况)?(?:[（(][^（()）]*[）)])?\s*$")


def title_period(text: str, lines: int = 4) -> Stated | None:
    """The period a release's title states: 2026年上半年济南市经济运行情况 → 2026-H1,
    济南市2026年1—10月经济运行简况 → 2026-10, 2025年…统计公报 → 2025. The title is a line
    of its own among the first few of ``text`` (the document as written; ``at`` is the
    title's offset in it); a sentence that mentions 经济运行 is none."""
    at = 0
    head: list[str] = []
    for raw in text.split("\n"):
        line = unicodedata.normalize("NFKC", raw).strip(" \t\r#*　")
        if line:
            head.append(line)
            m = _TITLE.search(line)
            if m is not None and _TITLE_END.fullmatch(line, m.end()):
                at += raw.find(line[:1]) + m.start() if line[:1] in raw else m.start()
                break
            if len(head) == lines:
                return None
        at += len(raw) + 1
    else:
        return None
    if m.group("year"):
        year = int(m.group("year"))
    else:  # 一季度全县经济运行情况, dated 2027年4月18日 below
        dated = re.search(r"(20\d\d)\s*[年\-/.]", "\n".join(head + text.split("\n")[:lines]))
        if dated is None:
            return None
        year = int(dated.group(1))
    period = None
    if part := m.group("part") or m.group("alone"):
        period = _read(f"{year}年{part}", year, None, None)
    return Stated(period or Period(year), _clean(m.group(0)), at)


def opens_later(flat: str, start: int, end: int, year: int | None) -> bool:
    """Whether the sentence ``flat[start:end]`` opens with a year after ``year`` (2027年，全市
    地区生产总值预期增长5%左右…): it looks ahead, its figures are not outcomes."""
    if year is None:
        return False
    lead = _LEAD_IN.match(flat, start, end)
    m = re.compile(r"(20\d\d)\s*年").match(flat, lead.end() if lead else start, end)
    return m is not None and int(m.group(1)) > year


def _opening(
    flat: str,
    start: int,
    end: int,
    year: int | None,
    default: Period | None,
    current: Stated | None,
) -> Stated | None:
    """The period that opens the sentence ``flat[start:end]``, if one does."""
    lead = _LEAD_IN.match(flat, start, end)
    at = lead.end() if lead else start
    m = _MENTION.match(flat, at, end)
    if m is None:
        return None
    return last_stated(flat, at, m.end(), year=year, default=default, current=current)


# A sentence that breaks down what the one before it said: 其中，… · 分类别看，… · 从经济类型看，…
# · 按经营单位所在地分，… (or the clause after a semicolon).
_BREAKDOWN = re.compile(r"其中|分[^，,。；;]{1,8}看|从[^，,。；;]{1,8}看|按[^，,。；;]{1,10}分")


def _continues(flat: str, start: int) -> bool:
    return (start > 0 and flat[start - 1] in "；;") or bool(_BREAKDOWN.match(flat, start))


@dataclass(frozen=True)
class Scope:
    """What governs a figure: the period, where it was stated ("sentence", "paragraph" or ""
    when nothing in the paragraph states one) and a single month or quarter that opened an
    earlier sentence but does not govern this one (for the reviewer)."""

    stated: Stated | None
    where: str
    passed: Stated | None = None


def stated_for(
    flat: str, paragraph: int, sentence: int, i: int, *, year: int | None, default: Period | None
) -> Scope:
    """The period a figure at ``i`` is reported for. Its own sentence's, else the one that
    opened an earlier sentence of its paragraph. A single month or quarter (9月份，…) governs
    its own sentence and what breaks it down (其中, 分类别看, the clause after a semicolon); a
    sentence about something else goes back to the paragraph's year-to-date period (全年社会消费品
    零售总额…。12月份，…。实物商品网上零售额… is the year's), and says which month it passed."""
    current: Stated | None = None
    cumulative: Stated | None = None  # the last year-to-date (or whole-year) opening
    passed: Stated | None = None
    k = paragraph
    while True:
        alone = current is not None and not current.period.cumulative
        if k >= sentence:  # the figure's own sentence
            if alone and not _continues(flat, sentence):
                current, passed = cumulative, current
            break
        end = k
        while end < sentence and flat[end] not in _BOUNDARY:
            end += 1
        opening = _opening(flat, k, end, year, default, current)
        if opening is not None:
            current = opening
            if opening.period.cumulative:
                cumulative, passed = opening, None
        elif alone and not _continues(flat, k):
            current, passed = cumulative, current  # 12月份，…。网上零售额…: back to the year
        k = end + 1
    own = last_stated(flat, sentence, i, year=year, default=default, current=current)
    if own is not None and own is not current:
        return Scope(own, "sentence")
    return Scope(current, "paragraph" if current else "", passed if current is cumulative else None)
