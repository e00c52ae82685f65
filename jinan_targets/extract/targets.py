"""Draft a plan's targets from its text.

Every figure in a paragraph that looks ahead becomes a target unless it describes something
(20亿元以上项目), names something (5G, 十五五) or reports the past (预计, 同比, 增长了). Clauses
without a figure become targets when they promise in the genre's fixed words: 与经济增长同步
(in step), 高于全省平均水平 (above) and 完成省下达…目标 / 保持合理水平 (qualitative, for review).
Goals for a later year (到2030年, "十五五"时期年均) are kept apart: marked, with their span as
the period. A target restated later in the text is drafted once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..model import Category, Comparator, Indicator, Kind
from ..period import parse_period
from ..quantity import parse_unit
from .document import Document, read_document
from .figures import DOWN, find_figures, sentence_span
from .lists import split_subjects
from .naming import (
    THRESHOLD,
    clean_name,
    match_in_context,
    match_indicator,
    propose_indicator,
    propose_measured,
    propose_named,
    similarity,
)
from .phrases import Reading, read_figures
from .plandraft import DraftTarget, PlanDraft, Skipped
from .sections import Paragraph, guess_year, paragraphs

__all__ = ["PAST", "DraftTarget", "PlanDraft", "Skipped", "draft_plan"]

PAST = re.compile(
    r"预计|同比|比上年|较上年|增长了|提高了|下降了|增加了|完成了|实现了|达到了|截至|截止|去年|上年|"
    r"已(?:经)?(?:在|建成|完成|达到|实现|开通|累计|形成|有)|(?:20\d\d)\s*年(?:全年|以来)"
)
# Inside the paragraph announcing the year's targets only what a clause itself reports is past
# (预计, 增长了): 比去年, 年均浓度 and 十五五 are words of the targets.
_PAST_CLAUSE = re.compile(
    r"预计|增长了|提高了|下降了|增加了|完成了|实现了|达到了|截至|截止|已(?:经)?(?:建成|完成|达到|实现|累计)"
)
# 年均增长 over a plan period, not 年均浓度 (an annual mean, this year's measure).
_YEARLY = r"年均(?=增|提|下|降|递|减|保持|达|实现)"
_HORIZON = re.compile(
    rf"(?:到|至)\s*(20\d\d)\s*年(?!底前|年底)|“?十五五”?(?:时期|期间|末)|{_YEARLY}"
)
_IN_STEP = re.compile(
    r"^(?P<subject>[^，,。；;]{2,20}?(?:增长|增速|收入))(?:和|与|同)"
    r"(?P<ref>[^，,。；;]{0,8}?(?:经济|生产总值|GDP)[^，,。；;]{0,4}?)(?:增长)?(?:保持|实现)?(?:基本)?同步"
)
_ABOVE = re.compile(r"^(?P<subject>[^，,。；;]{2,24}?)高于全(?P<ref>省|国)(?:平均)?(?:水平)?")
_QUALITATIVE = re.compile(
    r"[^，,。；;]{0,24}?完成(?:省|市|县|区|上级|国家)?(?:政府)?下达(?:的|我市)?[^，,。；;]{0,40}?"
    r"(?:目标|任务|指标)[^，,。；;]{0,10}|"
    r"[^，,。；;]{2,16}保持(?:在)?合理(?:水平|区间)|确保不发生[^，,。；;]{2,20}"
)
_SURE = 0.8  # a match below this similarity is marked for review
_FLIPPED = {
    Comparator.REACH: Comparator.AT_MOST,
    Comparator.AT_LEAST: Comparator.AT_MOST,
    Comparator.AT_MOST: Comparator.AT_LEAST,
}


def _horizon(sentence: str, year: int | None) -> tuple[int, int] | None:
    plan = re.search(r"十[一二三四五六七八九]五", sentence)
    if plan and re.search(rf"{plan.group(0)}.{{0,4}}(?:时期|期间|末)|{_YEARLY}", sentence):
        span = parse_period(plan.group(0))
        return (span.start_year, span.year)
    m = _HORIZON.search(sentence)
    if not m:
        return None
    if m.group(1):
        end = int(m.group(1))
        if year is None or end > year:
            return (year or end, end)
        return None
    return (year or 0, (year or 0) + 4) if "年均" in m.group(0) else None


def _base_unit(unit: str) -> str:
    if unit in ("%", "‰", "倍"):
        return "%"
    if unit in ("个百分点", "百分点"):
        return "个百分点"
    return parse_unit(unit).base  # 台(套) → 台


def _base(reading: Reading) -> tuple[Decimal, Decimal | None]:
    f = reading.figure
    value, high = f.base_value, f.base_high
    if f.unit == "‰":
        value, high = value / 10, None if high is None else high / 10
    if f.unit == "倍":
        value, high = value * 100, None if high is None else high * 100
    return value, high


class _Drafter:
    def __init__(
        self,
        doc: Document,
        year: int | None,
        indicators: Sequence[Indicator],
        categories: Sequence[Category],
    ) -> None:
        self.doc, self.year = doc, year
        self.indicators, self.categories = indicators, categories
        self.proposals: dict[str, Indicator] = {}

    def name(
        self, subject: str, reading: Reading, section: str = ""
    ) -> tuple[str, str, Indicator | None, str]:
        """The indicator a figure measures: a catalog match (with what to check about it, if
        anything) or a proposal."""
        f = reading.figure
        words = ("变化", "增长", reading.change) if reading.change in DOWN else (reading.change,)
        match = None
        for word in words if f.is_rate else (reading.change,):
            match = match_in_context(subject, reading.context, word, f, self.indicators)
            if match is not None:
                break
        if match is not None:
            ind = match.indicator
            doubt = ""
            if match.doubt:
                doubt = f"匹配较窄 matched {ind.id} ({ind.name}), which adds {match.doubt}: check"
            elif match.score < _SURE:
                doubt = f"近似匹配 matched {ind.id} ({ind.name}) by a like name: check"
            return ind.id, ind.name, None, doubt
        lead = self.doc.flat[reading.clause[0] : f.start]
        word = "变化" if reading.change in DOWN and f.is_rate else reading.change
        proposal = propose_indicator(
            subject,
            word,
            f,
            lead,
            self.categories,
            comparator=reading.comparator,
            section=section,
        )
        self.proposals.setdefault(proposal.id, proposal)
        return proposal.id, proposal.name, proposal, ""

    def named(self, subject: str, kind: Kind, section: str = "") -> tuple[str, Indicator | None]:
        """A figure-less promise's indicator: the catalog's closest of that kind, or a proposal."""
        best, score = None, 0.0
        for ind in self.indicators:
            if (ind.kind is Kind.QUALITATIVE) != (kind is Kind.QUALITATIVE):
                continue
            s = max(
                similarity(clean_name(subject), clean_name(n)) for n in (ind.name, *ind.aliases)
            )
            if s > score:
                best, score = ind, s
        if best is not None and score >= THRESHOLD:
            return best.id, None
        proposal = propose_named(subject, kind, self.categories, section)
        self.proposals.setdefault(proposal.id, proposal)
        return proposal.id, proposal

    def one_target_each(self, targets: list[DraftTarget]) -> list[DraftTarget]:
        """A plan holds one target per indicator (and period): a later target matched to an
        indicator already used gets a proposal of its own, from its own words, for review."""
        used: set[str] = set()
        out = []
        for t in targets:
            if t.indicator in used and t.subject and t.proposal is None:
                taken = next(i for i in self.indicators if i.id == t.indicator)
                lower = True if t.comparator is Comparator.AT_MOST else None
                proposal = propose_measured(
                    t.subject, t.unit, taken.kind, self.categories, lower=lower, section=t.section
                )
                self.proposals.setdefault(proposal.id, proposal)
                note = f"与前一目标同为 {t.indicator} matched {t.indicator} again: check"
                t = _replace(
                    t,
                    indicator=proposal.id,
                    name=proposal.name,
                    proposal=proposal,
                    review=(*t.review, note),
                )
            used.add(t.indicator)
            out.append(t)
        return out

    def from_reading(self, reading: Reading, para: Paragraph, subject: str) -> DraftTarget:
        f = reading.figure
        ident, name, proposal, doubt = self.name(subject, reading, para.section)
        c0, c1 = reading.clause
        review: list[str] = [doubt] if doubt else []
        if proposal is not None:
            review.append("新指标 new indicator: check id, name and kind")
        if not subject:
            review.append("未找到指标名称 no name found before the figure")
        value, high = _base(reading)
        comparator, shown, shown_high = reading.comparator, f.value, f.high
        if reading.change in DOWN and f.is_rate:
            # 下降3%: a change of -3% or less; 下降3%左右: about -3%; 下降2%—3%: -3% to -2%
            comparator = _FLIPPED.get(comparator, comparator)
            if f.high is not None:
                shown, shown_high = -f.high, -f.value
                value, high = -(high or value), -value
            else:
                shown, value = -f.value, -value
        return DraftTarget(
            indicator=ident,
            name=name,
            subject=subject,
            comparator=comparator,
            value=shown,
            high=shown_high,
            unit=f.written_unit,
            quote=self.doc.quote(c0, c1),
            offset=self.doc.offset(c0),
            figure_offset=self.doc.offset(f.start),
            section=para.section,
            proposal=proposal,
            review=tuple(review),
            base_value=value,
            base_high=high,
            base_unit=_base_unit(f.unit),
        )


def _phrase_targets(
    d: _Drafter, para: Paragraph, span: tuple[int, int], figure_clauses: set[int]
) -> list[DraftTarget]:
    """Clauses without a figure that promise in fixed words: 同步, 高于全省, 省下达."""
    flat = d.doc.flat
    out: list[DraftTarget] = []
    start = span[0]
    for part in re.split(r"([，,；;])", flat[span[0] : span[1]]):
        c0, c1 = start, start + len(part)
        start = c1
        if not part or part in "，,；;" or c0 in figure_clauses:
            continue
        for word in ("全年", "力争", "确保", "努力", "推动"):
            part = part.removeprefix(word)
        comparator, reference, subject, scope = None, None, "", ""
        if m := _IN_STEP.search(part):
            comparator, subject = Comparator.IN_STEP, m.group("subject")
            ref_name = m.group("ref").removesuffix("增长") + "增长"
            ref = match_indicator(ref_name, "", _RATE, d.indicators)
            reference = ref.indicator.id if ref else None
        elif m := _ABOVE.search(part):
            comparator, subject, scope = Comparator.ABOVE, m.group("subject"), m.group("ref")
        elif m := _QUALITATIVE.search(part):
            comparator, subject = Comparator.QUALITATIVE, m.group(0)
        if comparator is None:
            continue
        kind = Kind.QUALITATIVE if comparator is Comparator.QUALITATIVE else Kind.RATE
        ident, proposal = d.named(subject, kind, para.section)
        if comparator is Comparator.ABOVE:
            reference = ident
        elif comparator is Comparator.IN_STEP and reference is None:
            reference = ""
        review = ["无数值的目标 a promise without a figure: check indicator and reference"]
        if proposal is not None:
            review.insert(0, "新指标 new indicator: check id, name and kind")
        out.append(
            DraftTarget(
                indicator=ident or "",
                name=subject,
                comparator=comparator,
                value=None,
                high=None,
                unit="",
                quote=d.doc.quote(c0, c1),
                offset=d.doc.offset(c0),
                figure_offset=None,
                section=para.section,
                reference=reference or None,
                reference_scope=scope,
                proposal=proposal,
                review=tuple(review),
            )
        )
    return out


_RATE = find_figures("1%")[0]


def draft_plan(
    text: str,
    *,
    year: int | None = None,
    indicators: Sequence[Indicator] = (),
    categories: Sequence[Category] = (),
    keep_later: bool = True,
) -> PlanDraft:
    """Draft the targets of the plan in ``text`` (see the module's description)."""
    doc = read_document(text)
    plan_year = year or guess_year(doc)
    d = _Drafter(doc, plan_year, indicators, categories)
    targets: list[DraftTarget] = []
    later: list[DraftTarget] = []
    seen: dict[tuple[object, ...], set[int]] = {}  # promise and indicator → sentences
    skipped: list[Skipped] = []
    total = 0
    for para in paragraphs(doc, plan_year):
        if para.heading:
            continue
        figures = find_figures(doc.flat, para.start, para.end)
        total += len(figures)
        if para.review or para.aside:
            if figures:
                reason = "review" if para.review else "aside"
                skipped.append(_skipped(doc, para, reason, para.why, len(figures)))
            continue
        announced = None if para.targets_from is None else para.start + para.targets_from
        drafted_here, later_here, past_words = 0, 0, []
        i = para.start
        while i < para.end:
            span = sentence_span(doc.flat, i)
            span = (max(span[0], para.start), min(span[1], para.end))
            i = span[1] + 1
            sentence = doc.flat[span[0] : span[1]]
            if not sentence:
                continue
            targets_part = announced is not None and span[1] > announced
            past = None if targets_part else PAST.search(sentence)
            if past:
                if any(span[0] <= f.start < span[1] for f in figures):
                    past_words.append(past.group(0))
                continue
            horizon = None if targets_part else (para.later or _horizon(sentence, plan_year))
            here = [f for f in figures if span[0] <= f.start < span[1]]
            readings = read_figures(doc.flat, here, span)
            if targets_part:
                readings = [r for r in readings if not _PAST_CLAUSE.search(_clause(doc, r))]
            drafted: list[tuple[DraftTarget, tuple[int, int] | None]] = []
            for r in readings:
                if r.descriptive:
                    continue
                subjects = split_subjects(r.subject, r.shared) if r.shared else [r.subject]
                # in the targets paragraph a goal is later by its own words (到2030年，…)
                upto = doc.flat[span[0] : r.clause[1]]
                goal = _horizon(upto, plan_year) if targets_part else horizon
                drafted.extend((d.from_reading(r, para, s), goal) for s in subjects)
            clauses = {r.clause[0] for r in readings}
            drafted.extend((t, horizon) for t in _phrase_targets(d, para, span, clauses))
            for t, goal in drafted:
                key = (t.comparator, t.base_value, t.base_high, t.base_unit)
                said = seen.setdefault((*key, t.indicator), set())
                if t.indicator and said - {span[0]}:
                    continue  # the same promise of the same indicator restated in another
                    # sentence (a summary, a headline); one sentence never restates itself
                said.add(span[0])
                if goal:
                    period = f"{goal[0]}-{goal[1]}"
                    marked = (*t.review, f"远期目标 a goal for {goal[1]}, not for the year")
                    later.append(_replace(t, period=period, review=marked))
                    later_here += 1
                else:
                    targets.append(t)
                    drafted_here += 1
        if figures and not drafted_here:
            if later_here:
                why = "远期目标 goals for a later year, kept apart"
                skipped.append(_skipped(doc, para, "later", why, len(figures)))
            elif past_words:
                why = f"过去的数字 reports the past ({'、'.join(dict.fromkeys(past_words))})"
                skipped.append(_skipped(doc, para, "past", why, len(figures)))
    targets = d.one_target_each(targets)
    if keep_later:
        targets.extend(later)
    used = {t.indicator for t in targets}
    proposals = tuple(p for p in d.proposals.values() if p.id in used)
    return PlanDraft(
        plan_year, tuple(targets), tuple(later), proposals, tuple(skipped), figures=total
    )


def _clause(doc: Document, r: Reading) -> str:
    return doc.flat[r.clause[0] : r.clause[1]]


def _skipped(doc: Document, para: Paragraph, reason: str, why: str, figures: int) -> Skipped:
    words = " ".join(doc.quote(para.start, min(para.end, para.start + 20)).split())
    return Skipped(doc.offset(para.start), words, reason, why, figures)


def _replace(t: DraftTarget, **changes: object) -> DraftTarget:
    import dataclasses

    return dataclasses.replace(t, **changes)  # type: ignore[arg-type]
