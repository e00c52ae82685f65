"""Draft outcome records from a bulletin, a press release or a plan's review section.

Every figure reported as having happened becomes a draft record: the indicator it measures
(matched to the catalog or proposed), its value in that indicator's unit (a decline negative:
下降9% is -9), the period the text gives it (一季度, 1—9月, 全年, 2025年 — the nearest one said
before it, else the one asked for), the vintage the wording implies (预计 → estimate, 初步核算 →
preliminary, 核实 → final) and the clause it stands in. In a document that also plans ahead,
only the paragraphs that look back are read; restated targets (目标, 预期, 力争, 计划) are never
outcomes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model import Category, Indicator, Vintage
from ..period import Period, PeriodError, parse_period
from ..quantity import QuantityError, parse_unit
from .document import Document, read_document
from .figures import DOWN, Figure, find_figures, sentence_span
from .naming import clean_name, match_in_context, propose_indicator, unit_fits
from .phrases import Reading, read_figures
from .sections import AHEAD, guess_year, paragraphs
from .targets import PAST

__all__ = ["DraftOutcome", "OutcomeDraft", "draft_outcomes"]

# A sentence that opens looking ahead (今年，计划实施…，完成…) holds no outcomes.
_AHEAD_LEAD = re.compile(r"(?:今年|明年|下一步|下步)?[，,]?(?:计划|将|力争|拟|预计将)")
_REPORT_YEAR = re.compile(r"(20\d\d)\s*年[^。\n]{0,20}?(?:统计公报|经济运行情况|经济运行)")
_SPAN = re.compile(r"与[^，,。；;]{1,12}(?:初期|初|末)相比|年均")
_PERIOD = re.compile(
    r"(?P<year>20\d\d)\s*年(?P<part>一季度|第一季度|上半年|前三季度|1\s*[—\-~至到]\s*\d{1,2}\s*月(?:份)?|全年)?"
    r"|(?P<plan>“?十[一二三四五六七八九]五”?(?:时期|期间|以来))"
    r"|(?P<bare>一季度|第一季度|上半年|前三季度|1\s*[—\-~至到]\s*\d{1,2}\s*月(?:份)?|前\d{1,2}个月|全年|年末|年底|去年)"
)
# A place an article's headline names: a district, a county, a development zone.
_PLACE = re.compile(
    r"(?:高新区|经开区|开发区|新区|起步区|[\u4e00-\u9fff]{1,3}[区县])(?![域间级内外])"
    r"|[\u4e00-\u9fff]{2,6}(?:都市圈|城市群|经济圈)"
)
_VINTAGES = (
    ("初步核算", Vintage.PRELIMINARY),
    ("最终核实", Vintage.FINAL),
    ("核实", Vintage.FINAL),
    ("修订", Vintage.REVISED),
    ("预计", Vintage.ESTIMATE),
)


@dataclass(frozen=True)
class DraftOutcome:
    indicator: str
    name: str
    period: str
    value: Decimal  # in the indicator's unit
    unit: str
    vintage: Vintage
    quote: str
    offset: int
    figure_offset: int
    section: str
    proposal: Indicator | None = None
    review: tuple[str, ...] = ()
    jurisdiction: str = ""  # another place the article is about (its id); "" for the document's


@dataclass(frozen=True)
class OutcomeDraft:
    period: str | None
    outcomes: tuple[DraftOutcome, ...]
    proposals: tuple[Indicator, ...] = ()
    elsewhere: tuple[str, ...] = ()  # places named by articles whose figures were left out
    undated: int = 0  # figures left out because neither the text nor --period gives a period


def _period_at(
    flat: str, sentence: int, paragraph: int, i: int, default: Period | None, year: int | None
) -> Period | None:
    """The period a figure at ``i`` is reported for: the last one its sentence names before
    it, else the one its paragraph opens with (2025年，… / 一季度，…), else ``default``."""
    found = _last_period(flat, sentence, i, default, year)
    if found is None:
        found = _last_period(flat, paragraph, min(paragraph + 12, i), default, year)
    return found or default


def _last_period(
    flat: str, start: int, end: int, default: Period | None, year: int | None
) -> Period | None:
    found: Period | None = None
    base = default.year if default else year
    for m in _PERIOD.finditer(flat, start, end):
        before = flat[max(0, m.start() - 2) : m.start()]
        goal = before[-1:] in ("到", "至", "比", "较") and before not in ("截至", "截止")
        if goal or flat.startswith(("底前", "年底"), m.end()):
            continue  # 到2027年 is a goal, 较2024年 a comparison
        try:
            if m.group("year"):
                y = int(m.group("year"))
                if base is not None and y > base:
                    continue
                part = m.group("part") or ""
                found = parse_period(f"{y}年{part.replace('全年', '')}", y)
            elif m.group("plan"):
                found = parse_period(m.group("plan").removesuffix("以来"))  # 十四五: 2021-2025
            elif m.group("bare") == "去年":
                if base is not None and flat[max(0, m.start() - 1) : m.start()] in "，,\n":
                    found = Period(base - 1 if not default else base)
            elif m.group("bare") in ("全年", "年末", "年底"):
                whole = found.year if found else base
                found = Period(whole) if whole else found
            else:
                found = parse_period(m.group("bare"), found.year if found else base)
        except PeriodError:
            continue
    return found


def _row_label(flat: str, start: int, end: int) -> str:
    """The cell before a table cell: the row's label (新能源装备) when it is a short name."""
    cell = flat[max(start, flat.rfind("\t", start, end) + 1) : end]
    return cell if 2 <= len(cell) <= 12 and not re.search(r"\d|[，,。]", cell) else ""


def _vintage(text: str) -> Vintage:
    for word, vintage in _VINTAGES:
        if word in text:
            return vintage
    return Vintage.PRELIMINARY


def _in_unit(figure: Figure, unit: str, negative: bool) -> Decimal | None:
    """The figure expressed in an indicator's ``unit`` (None when it cannot be)."""
    value = figure.value
    if figure.unit == "倍":
        value *= 100
    elif figure.unit == "‰":
        value /= 10
    if figure.is_rate:
        result = value
    else:
        try:
            target = parse_unit(unit)
        except QuantityError:
            return None
        result = figure.base_value / target.scale
    return -result if negative else result


def _is_down(reading: Reading) -> bool:
    return reading.change in DOWN


class _Reporter:
    def named_before(self, reading: Reading) -> Indicator | None:
        """For a bare subject (开行1252列): the catalog name the sentence used last before the
        figure, when its unit fits (中欧班列…开行1252列 → 中欧班列开行)."""
        f = reading.figure
        text = self.doc.flat[reading.sentence[0] : f.start]
        best: tuple[int, Indicator] | None = None
        for ind in self.indicators:
            if ind.kind.value == "qualitative" or not unit_fits(f.unit, ind.unit):
                continue
            for name in _names(ind):
                at = text.rfind(name)
                if at >= 0 and (best is None or at > best[0]):
                    best = (at, ind)
        return best[1] if best else None

    def __init__(
        self, doc: Document, indicators: Sequence[Indicator], categories: Sequence[Category]
    ):
        self.doc = doc
        self.indicators, self.categories = indicators, categories
        self.proposals: dict[str, Indicator] = {}

    def indicator(self, reading: Reading) -> tuple[Indicator, bool]:
        f = reading.figure
        change = reading.change
        if change and not f.is_rate:
            # 常住人口950万人，比上年末增加5万人: the increase is a figure of its own
            reading = dataclasses.replace(reading, subject=reading.subject + change, change="")
            change = ""
        words = ("增长", "变化", change) if change in DOWN and f.is_rate else (change,)
        for word in words:
            m = match_in_context(reading.subject, reading.context, word, f, self.indicators)
            if m:
                return m.indicator, False
        named = self.named_before(reading) if len(clean_name(reading.subject)) <= 2 else None
        if named is not None:
            return named, False
        lead = self.doc.flat[reading.clause[0] : f.start]
        word = "变化" if change in DOWN else ("增长" if change else "")
        proposal = propose_indicator(reading.subject, word, f, lead, self.categories)
        self.proposals.setdefault(proposal.id, proposal)
        return self.proposals[proposal.id], True


def _names(ind: Indicator) -> tuple[str, ...]:
    return tuple(n for n in (ind.name, *ind.aliases) if len(n) >= 3)


def draft_outcomes(
    text: str,
    *,
    period: str | None = None,
    indicators: Sequence[Indicator] = (),
    categories: Sequence[Category] = (),
    places: Mapping[str, str] | None = None,
    home: str = "",
) -> OutcomeDraft:
    """Draft the outcome records reported in ``text`` (see the module's description).

    ``places`` maps place names (市中区) to jurisdiction ids; ``home`` is the name of the
    document's own jurisdiction. On a newspaper page, an article whose headline names another
    place reports that place's figures: they are drafted for its id when ``places`` knows it,
    else left out (and the place named in ``elsewhere``)."""
    doc = read_document(text)
    default = parse_period(period) if period else None
    plan_year = guess_year(doc)
    paras = paragraphs(doc, plan_year)
    # A plan or work report (a section or paragraph that looks back by its heading or its
    # opening year): read only what looks back.
    planning = any(p.review and not p.inferred for p in paras)
    if default is None and planning and plan_year:
        default = Period(plan_year - 1)
    if default is None and not planning and (m := _REPORT_YEAR.search(doc.flat, 0, 300)):
        default = Period(int(m.group(1)))  # 2025年…统计公报: its figures are 2025's
    year = default.year if default else plan_year
    r = _Reporter(doc, indicators, categories)
    out: list[DraftOutcome] = []
    seen: set[tuple[object, ...]] = set()
    elsewhere: list[str] = []
    undated = 0
    for para in paras:
        if para.heading or para.aside:
            continue  # a headline restates; someone's words are not the statistics
        # In a plan, paragraphs that look ahead are read only for sentences that report
        # (预计, 同比, 截至 …).
        ahead = planning and not para.review
        place = _place(para.article, places or {}, home)
        if place is None:
            name = _PLACE.search(para.article)
            if name and name.group(0) not in elsewhere:
                elsewhere.append(name.group(0))
            continue
        figures = find_figures(doc.flat, para.start, para.end)
        carry = [""]
        i = para.start
        while i < para.end:
            span = sentence_span(doc.flat, i)
            span = (max(span[0], para.start), min(span[1], para.end))
            i = span[1] + 1
            here = [f for f in figures if span[0] <= f.start < span[1]]
            if not here or (ahead and not PAST.search(doc.flat, span[0], span[1])):
                continue
            if span[0] > para.start and doc.flat[span[0] - 1] == "\t":
                carry[0] = _row_label(doc.flat, para.start, span[0] - 1) or carry[0]
            for reading in read_figures(doc.flat, here, span, carry):
                f = reading.figure
                c0, c1 = reading.clause
                ahead_clause = AHEAD.search(doc.flat, c0, c1) or _AHEAD_LEAD.match(
                    doc.flat, span[0]
                )
                if reading.descriptive or f.high is not None or ahead_clause:
                    continue
                when = _period_at(doc.flat, span[0], para.start, f.start, default, year)
                if when is None:
                    undated += 1
                    continue
                if _SPAN.search(doc.flat, span[0], f.start) and when.kind != "span":
                    continue  # 与“十四五”初期相比增长了11倍, 年均增长: not one year's figure
                ind, proposed = r.indicator(reading)
                value = _in_unit(f, ind.unit, _is_down(reading) and f.is_rate)
                if value is None:
                    continue
                key = (ind.id, value.normalize(), str(when))
                if key in seen:
                    continue
                seen.add(key)
                review = ["新指标 new indicator: check id, name and kind"] if proposed else []
                if not reading.subject:
                    review.append("未找到指标名称 no name found before the figure")
                out.append(
                    DraftOutcome(
                        indicator=ind.id,
                        name=ind.name,
                        period=str(when),
                        value=value,
                        unit=ind.unit,
                        vintage=_vintage(doc.flat[para.start : c1]),
                        quote=doc.quote(c0, c1),
                        offset=doc.offset(c0),
                        figure_offset=doc.offset(f.start),
                        section=para.section,
                        proposal=ind if proposed else None,
                        review=tuple(review),
                        jurisdiction=place,
                    )
                )
    used = {o.indicator for o in out}
    proposals = tuple(p for p in r.proposals.values() if p.id in used)
    period_text = str(default) if default else None
    return OutcomeDraft(period_text, tuple(out), proposals, tuple(elsewhere), undated)


def _place(headline: str, places: Mapping[str, str], home: str) -> str | None:
    """Whose figures an article reports: "" for the document's own jurisdiction, a known
    place's id, or None for a place the catalog does not know."""
    if not headline or (home and home in headline):
        return ""  # 济南市市中区…: the document's own place, named with its city
    for name, ident in places.items():
        if name and name != home and name in headline:
            return ident
    for name in (home, home.rstrip("市省区县")):
        if name:
            headline = headline.replace(name, "")
    m = _PLACE.search(headline)
    return None if m else ""
