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
from ..period import Period, parse_period
from ..quantity import QuantityError, parse_unit
from .differences import is_point_change, not_a_figure
from .document import Document, read_document
from .figures import DOWN, Figure, find_figures, sentence_span
from .naming import clean_name, match_in_context, propose_indicator, unit_fits
from .phrases import Reading, read_figures
from .scope import Scope, Stated, opens_later, stated_for, title_period
from .sections import AHEAD, guess_year, paragraphs
from .subjects import benchmark_name, contradicts, measure_of, plain_subject, with_measure
from .targets import PAST

__all__ = ["DraftOutcome", "OutcomeDraft", "draft_outcomes"]

# A sentence that opens looking ahead (今年，计划实施…，完成…) holds no outcomes.
_AHEAD_LEAD = re.compile(r"(?:今年|明年|下一步|下步)?[，,]?(?:计划|将|力争|拟|预计将)")
_PROMISED = ("以上", "以内", "左右", "以下", "上下")
_SPAN = re.compile(r"与[^，,。；;]{1,12}(?:初期|初|末)相比|年均")
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
    # What gave the period: the words as printed (前三季度, 9月份, the title, --period), their
    # offset in the document (None for --period) and where they stand: "sentence" (the
    # figure's own), "paragraph" (an earlier sentence of its paragraph), "title" (the
    # release's title), "option" (--period) or "review" (the year a plan's review is about).
    period_words: str = ""
    period_offset: int | None = None
    period_from: str = ""


@dataclass(frozen=True)
class OutcomeDraft:
    period: str | None
    outcomes: tuple[DraftOutcome, ...]
    proposals: tuple[Indicator, ...] = ()
    elsewhere: tuple[str, ...] = ()  # places named by articles whose figures were left out
    undated: int = 0  # figures left out because neither the text nor --period gives a period
    # The period the release's title states, if it states one (``at``: offset in the text).
    title: Stated | None = None


def _period_at(
    flat: str, paragraph: int, sentence: int, i: int, default: Stated | None, year: int | None
) -> Scope:
    """The period a figure at ``i`` is reported for and where it comes from: the last one
    its sentence states before it, else the one that opened an earlier sentence of its
    paragraph (前三季度，…。分产业看，…), else the document's (its title's, or --period)."""
    scope = stated_for(
        flat, paragraph, sentence, i, year=year, default=default.period if default else None
    )
    return scope if scope.stated is not None else Scope(default, "", scope.passed)


def _offset(doc: Document, stated: Stated, title: Stated | None) -> int | None:
    """Where the words that gave a period stand in the original text (the title's offset is
    already the original's)."""
    if stated is title:
        return stated.at
    return None if stated.at is None else doc.offset(stated.at)


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
        start = reading.sentence[0] if reading.subject else self.doc.paragraph_of(f.start)[0]
        text = self.doc.flat[start : f.start]
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
        self.last_subject = ""  # what the paragraph measured last, by name
        self.last_rate = ""  # the name of the last rate drafted in the paragraph
        self.last_measure = (-1, "")  # the sentence and measure (增加值) of the last change

    def indicator(self, reading: Reading) -> tuple[Indicator, bool]:
        reading, cleared = plain_subject(self.doc.flat, reading)
        if cleared:
            named = self.named_before(reading)  # 居民消费价格…；1—9月平均上涨0.3%
            if named is not None:
                return named, False
            reading = dataclasses.replace(reading, subject=self.last_subject)
        elif reading.subject:
            self.last_subject = reading.subject
        f = reading.figure
        sentence, measure = self.last_measure
        if f.is_rate and reading.change:
            if sentence == reading.sentence[0] and measure:
                # 国有控股企业增加值增长5.2%，股份制企业增长8.1%: 股份制企业增加值
                reading = dataclasses.replace(
                    reading, subject=with_measure(reading.subject, measure)
                )
            self.last_measure = (reading.sentence[0], measure_of(reading.subject))
        change = reading.change
        if change and not f.is_rate:
            # 常住人口950万人，比上年末增加5万人: the increase is a figure of its own
            reading = dataclasses.replace(reading, subject=reading.subject + change, change="")
            change = ""
        words = ("增长", "变化", change) if change in DOWN and f.is_rate else (change,)
        for word in words:
            m = match_in_context(reading.subject, reading.context, word, f, self.indicators)
            if m and not contradicts(reading.subject, (m.indicator.name, *m.indicator.aliases)):
                return m.indicator, False
        lead = self.doc.flat[reading.clause[0] : f.start]
        benchmark = benchmark_name(lead, self.last_rate)
        if benchmark and (m := match_in_context(benchmark, "", "", f, self.indicators)):
            return m.indicator, False  # …增长9.9%，高于全省平均水平3.1个百分点
        named = self.named_before(reading) if len(clean_name(reading.subject)) <= 2 else None
        if named is not None:
            return named, False
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

    A ``period`` without a year (上半年) takes the title's year, else the year the text names
    most (:class:`PeriodError` when it names none). ``places`` maps place names (市中区) to
    jurisdiction ids; ``home`` is the name of the
    document's own jurisdiction. On a newspaper page, an article whose headline names another
    place reports that place's figures: they are drafted for its id when ``places`` knows it,
    else left out (and the place named in ``elsewhere``)."""
    doc = read_document(text)
    plan_year = guess_year(doc)
    paras = paragraphs(doc, plan_year)
    # A plan or work report (a section or paragraph that looks back by its heading or its
    # opening year): read only what looks back.
    title = title_period(text)  # a release: 2026年上半年济南市经济运行情况
    planning = title is None and any(p.review and not p.inferred for p in paras)
    default, origin = None, "option"
    if period:  # 上半年 without a year: the year of the title, else the one the text names
        known = title.period.year if title else plan_year
        default = Stated(parse_period(period, known), "--period", None)
    if default is None and planning and plan_year:
        default, origin = Stated(Period(plan_year - 1), f"{plan_year - 1}年", None), "review"
    if default is None and title is not None:
        default, origin = title, "title"  # 2026年上半年…经济运行情况: its figures are 2026-H1
    year = default.period.year if default else plan_year
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
        r.last_subject = r.last_rate = ""
        carry = [""]
        i = para.start
        while i < para.end:
            span = sentence_span(doc.flat, i)
            span = (max(span[0], para.start), min(span[1], para.end))
            i = span[1] + 1
            here = [f for f in figures if span[0] <= f.start < span[1]]
            if not here or (ahead and not PAST.search(doc.flat, span[0], span[1])):
                continue
            if opens_later(doc.flat, span[0], span[1], year) or opens_later(
                doc.flat, para.start, span[1], year
            ):
                continue  # 2027年，…预期增长5%左右，一般公共预算收入增长3%: the next year
            if span[0] > para.start and doc.flat[span[0] - 1] == "\t":
                carry[0] = _row_label(doc.flat, para.start, span[0] - 1) or carry[0]
            for reading in read_figures(doc.flat, here, span, carry):
                f = reading.figure
                c0, c1 = reading.clause
                ahead_clause = (
                    AHEAD.search(doc.flat, c0, c1)
                    or _AHEAD_LEAD.match(doc.flat, span[0])
                    or (f.qualifier in _PROMISED and AHEAD.search(doc.flat, span[0], c0))
                )  # 全年，地区生产总值预期增长5%以上，城镇新增就业15万人以上: targets
                if reading.descriptive or f.high is not None or ahead_clause:
                    continue
                lead = doc.flat[c0 : f.start]
                if not_a_figure(f, lead):
                    continue  # 比上半年回落…个百分点, 完成全年目标任务的…%, 环比
                scope = _period_at(doc.flat, para.start, span[0], f.start, default, year)
                stated, where = scope.stated, scope.where
                if stated is None:
                    undated += 1
                    continue
                when = stated.period
                if _SPAN.search(doc.flat, span[0], f.start) and when.kind != "span":
                    continue  # 与“十四五”初期相比增长了11倍, 年均增长: not one year's figure
                ind, proposed = r.indicator(reading)
                if proposed and is_point_change(f):
                    continue  # 比全省高1.2个百分点: only an indicator tracked in points
                if ind.unit == "%":
                    r.last_rate = ind.name
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
                if scope.passed is not None:
                    review.append(
                        f"时期待核 check the period: not {scope.passed.words} (a single month or "
                        "quarter said before governs only what breaks it down)"
                    )
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
                        period_words=stated.words,
                        period_offset=_offset(doc, stated, default if origin == "title" else None),
                        period_from=where or origin,
                    )
                )
    used = {o.indicator for o in out}
    proposals = tuple(p for p in r.proposals.values() if p.id in used)
    period_text = str(default.period) if default else None
    return OutcomeDraft(period_text, tuple(out), proposals, tuple(elsewhere), undated, title)


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
