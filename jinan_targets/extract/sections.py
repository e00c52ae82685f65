"""Which year a document plans for, and which of its paragraphs look back rather than ahead.

A 计划 or 政府工作报告 opens with the past year's record (一、2025年…执行情况, 过去一年, 回顾)
and then sets the new year's targets; a newspaper page mixes both paragraph by paragraph
("2023年，济南消费市场持续回暖…" then "2024年，济南市将…"). Figures in the first are outcomes,
in the second targets. Sections are recognised by the headings the genre uses: 一、 (a part),
（一） (a subsection, which inherits its part's direction) and 专栏 (a box, judged by its own
title when that names a year).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from ..period import parse_period
from .document import YEAR_HEADING, Document

__all__ = [
    "AHEAD",
    "ANNOUNCE",
    "Paragraph",
    "announcement",
    "guess_year",
    "later_span",
    "paragraphs",
]

_PART = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?([一二三四五六七八九十]+)、(.*)$")
_SUB = re.compile(r"^(?:#{1,6}\s*)?[（(]([一二三四五六七八九十]+)[）)]")
_BOX = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?专栏")
_REVIEW_WORDS = re.compile(
    r"执行情况|完成情况|工作回顾|回顾|过去一年|过去五年|过去的一年|主要成效|工作成效|取得的成绩|进展情况"
)
_YEAR = re.compile(r"(20\d\d)\s*年")
_PLAN_YEAR = re.compile(
    r"(20\d\d)\s*年\s*(?:国民经济和社会发展计划|国民经济和社会发展规划|政府工作报告|"
    r"经济社会发展(?:主要)?(?:预期)?目标|主要(?:预期)?目标|是|工作安排|重点任务)"
)
_SPEECH = re.compile(r"^(?:本报\S{0,8}讯)?[“\"]")
_SAID = re.compile(r"[”\"][^。，,“]{0,30}?(?:表示|说|介绍|指出|坦言|认为|告诉记者)")
_SPEAKER = re.compile(r"(?:代表|委员|局长|主任|书记|负责人|董事长|总经理)[^:：，,。]{0,8}[:：]")
_BYLINE = re.compile(r"^(?:□|■|◎)|^(?:本报)?记者\S{2,12}(?:报道)?$")
# A record, not a plan: what five-year reviews and report cards say.
_REVIEW_MARK = re.compile(
    r"年均|连跨|跨过|稳居|位居|居全[省市国]|全[省市国]第一|首位|刷新|荣获|获评|成功落户|顺利|成绩单"
    r"|圆满收官|过去五年|五年来|“?十四五”?(?:期间|以来|时期)"
)
# Words that look ahead: a clause holding one restates a plan, it reports no outcome
# (研发计划项目 and 虚拟电厂 are names, not plans).
AHEAD = re.compile(
    r"目标|预期|力争|(?<!研发)计划(?!项目|投资|单列)|确保|争取|将(?!近)|要(?:求)?(?:把|在|以)"
    r"|(?<![虚模])拟|有望|预测"
)
# …and a paragraph that says 今年 or 明年 is about the plan's year.
_FUTURE_MARK = re.compile(rf"{AHEAD.pattern}|今年|明年")
_PAST_LEAD = re.compile(
    r"^(?:过去(?:的)?一年|去年|(?:这|这一|过去这)?一年(?:来|里|中)?[，,]|一年来|刚刚过去的(?:一年|(20\d\d)\s*年)"
    r"|回顾(?:过去|去年|20\d\d)"
    r"|(20\d\d)\s*年(?:以来|,|，|全年|我市|全市|全省|全区|全县|，?我们))"
)
# Who tells the figures, before the figures themselves: 本报讯, 报告显示，, 数据显示，.
_REPORTED = re.compile(
    r"^(?:本报\S{0,6}?讯[“\"]?|(?:报告|公报|数据|统计|初步核算)(?:显示|表明|指出|称)?[，,:：])"
)
# What a review says of the year behind it, wherever it stands in a paragraph: a paragraph
# opening the review with these words carries on to the next ones (一是…二是…) until a heading
# or a paragraph that looks ahead.
_REVIEW_OPENING = re.compile(
    r"^[^。]{0,30}?(?:刚刚过去的|过去(?:的)?一年|一年来|这一年|回顾(?:过去|去年)|(?:20\d\d)\s*年以来)"
)
# The paragraph announcing the year's targets: 主要预期目标是：, 主要目标为, 今年…目标是.
ANNOUNCE = re.compile(
    r"(?:主要(?:预期)?目标|预期(?:性)?目标|(?:今年|明年|20\d\d\s*年)[^。；;：:]{0,30}?目标)"
    r"(?:任务)?(?:建议)?(?:是|为|确定为|[：:])"
)
_PERIOD_AHEAD = re.compile(
    r"(?P<plan>十[一二三四五六七八九]五)”?(?:规划)?(?:时期|期间)|(?:今后|未来)五年"
    r"|(?P<from>20\d\d)\s*[—–-]+\s*(?P<to>20\d\d)\s*年"
)
_OPENING = 16  # a paragraph opening 今后五年，… or “十五五”时期，… sets goals for those years
# A year whose figures are told as done (2025年，全省地区生产总值增长5.2%), and a text that
# sets this year's targets without naming the year (今年…主要预期目标为).
_RECORD_YEAR = re.compile(r"(20\d\d)\s*年(?:全年|以来|[，,]?(?:全省|全市|全区|全县|我省|我市))")
_THIS_YEARS_TARGETS = re.compile(r"今年[^。；;]{0,30}?目标")
_ACHIEVED = re.compile(r"完成|实现了|圆满|确定的|年初|超额|达成|过去|上年|去年")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's flat span, the heading it falls under and whether it looks back."""

    start: int
    end: int
    section: str
    review: bool
    heading: bool
    aside: str = ""  # "speech" (an interview, a quoted speech) or "headline": not the plan's
    article: str = ""  # the headline of the newspaper article it belongs to, if any
    inferred: bool = False  # looks back by its wording (年均, 成绩单), not by a heading
    why: str = ""  # why it looks back or is set aside: the heading or the words that tell
    later: tuple[int, int] | None = None  # the years its goals are for, when beyond the plan's
    targets_from: int | None = None  # where it announces the year's targets (主要预期目标是：)


def announcement(text: str, year: int | None) -> int | None:
    """Where ``text`` announces a year's main targets (主要预期目标是：), if it does: never a
    record of targets met (年初确定的主要目标全面完成) nor the targets of a past year."""
    for m in ANNOUNCE.finditer(text):
        before = text[max(0, text.rfind("。", 0, m.start()) + 1) : m.start()]
        if _ACHIEVED.search(before) or _ACHIEVED.match(text, m.end()):
            continue
        years = [int(y) for y in _YEAR.findall(m.group(0))]
        if years and year is not None and max(years) < year:
            continue
        return m.start()
    return None


def guess_year(doc: Document) -> int | None:
    """The year a plan document is for: the year of its title (2026年国民经济和社会发展计划,
    2024年是…), else the latest year it names most often."""
    m = _PLAN_YEAR.search(doc.flat)
    if m:
        return int(m.group(1))
    counts = Counter(int(y) for y in _YEAR.findall(doc.flat))
    if not counts:
        return None
    past = [int(y) for y in _RECORD_YEAR.findall(doc.flat)]
    if past and _THIS_YEARS_TARGETS.search(doc.flat) and max(counts) <= max(past):
        return max(past) + 1  # 报告显示，2025年全省… then 今年…主要预期目标为: the plan is for 2026
    top = max(counts.values())
    return max(y for y, n in counts.items() if n >= min(top, max(2, top // 2)))


def _looks_back(title: str, year: int | None) -> bool | None:
    """True for a review heading, False for one about the plan year or later, None if silent."""
    if _REVIEW_WORDS.search(title):
        return True
    years = [int(y) for y in _YEAR.findall(title)]
    if years and year is not None:
        return max(years) < year
    return None


def _title(text: str) -> str:
    return text.strip("#* ").replace("**", "")[:60]


def later_span(title: str, year: int | None) -> tuple[int, int] | None:
    """The years a heading or a paragraph's opening sets goals for when they lie beyond the
    plan's year: “十五五”时期的主要目标, 今后五年, 2026—2030年 (not “十五五”…和2026年工作安排)."""
    if year is not None and (f"{year}年" in title or "今年" in title):
        return None
    m = _PERIOD_AHEAD.search(title)
    if not m:
        return None
    if m.group("plan"):
        span = parse_period(m.group("plan"))
        first, last = span.start_year, span.year
    elif m.group("to"):
        first, last = int(m.group("from")), int(m.group("to"))
    else:
        first = year or 0
        last = first + 4
    if year is None or last <= year:
        return None
    return (max(first, year), last)


def _why(part: str, box: str) -> str:
    return "回顾部分 under a review heading: " + (box or part)[:24]


def _future(text: str, year: int | None) -> bool:
    if _FUTURE_MARK.search(text):
        return True
    return year is not None and any(int(y) >= year for y in _YEAR.findall(text))


def _report_cards(
    doc: Document, out: list[Paragraph], undecided: list[int], year: int | None
) -> None:
    """Paragraphs no heading places: those that read like a record (年均, 稳居全市第一, 刷新,
    成绩单) and promise nothing are the past, and so are their unmarked neighbours in between
    (a newspaper's 十四五成绩单 box)."""
    marked = []
    for k in undecided:
        text = doc.flat[out[k].start : out[k].end]
        if _REVIEW_MARK.search(text) and not _future(text, year):
            marked.append(k)
    past = set(marked)
    for a, b in itertools.pairwise(marked):
        if b - a <= 3:
            between = [k for k in range(a + 1, b) if k in undecided]
            texts = [doc.flat[out[k].start : out[k].end] for k in between]
            if len(between) == b - a - 1 and not any(_future(t, year) for t in texts):
                past.update(between)
    for k in past:
        why = "记录 reads as a record (年均, 稳居, 成绩单)"
        out[k] = dataclasses.replace(out[k], review=True, inferred=True, why=why)


def paragraphs(doc: Document, year: int | None) -> list[Paragraph]:
    """The document's paragraphs with their section and direction."""
    out: list[Paragraph] = []
    part, part_review, part_decided = "", False, False
    sub, box, box_review = "", "", None
    undecided: list[int] = []
    opener = ""  # the first words of a review no heading announced (刚刚过去的2025年…)
    part_later: tuple[int, int] | None = None  # “十五五”时期的主要目标: goals for those years
    box_later: tuple[int, int] | None = None
    speech = False
    starts = doc.starts
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(doc.flat)
        text = doc.flat[start:end]
        heading = False
        m = _PART.match(text)
        if m and len(text) < 80:
            part, sub, box, box_review = _title(text), "", "", None
            part_later, box_later = later_span(text, year), None
            direction = _looks_back(text, year)
            part_review, part_decided, heading = bool(direction), direction is not None, True
        elif (_BOX.match(text) and len(text) < 80) or YEAR_HEADING.match(text):
            box, box_review, heading = _title(text), _looks_back(text, year), True
            box_later = later_span(text, year)
        elif _SUB.match(text):
            sub, box, box_review = _title(re.split(r"[。.]", text, maxsplit=1)[0]), "", None
            box_later = None
        review = part_review if box_review is None else box_review
        decided = part_decided or box_review is not None
        why = _why(part, box) if review else ""
        lead = _PAST_LEAD.match(_REPORTED.sub("", text))
        targets_from = None if heading else announcement(text, year)
        if heading or m or _SUB.match(text) or targets_from is not None:
            opener = ""  # a heading or the targets end a review told by its words
        if lead and not heading and targets_from is None:
            past_year = lead.group(1) or lead.group(2)
            if past_year is None or (year is not None and int(past_year) < year):
                why = why or f"回顾 looks back ({lead.group(0).strip('，,')})"
                review = decided = True
                if _REVIEW_OPENING.match(text) and not _future(text, year):
                    opener = _title(text)[:16]
        elif opener and not heading and not _future(text, year):
            review = decided = True
            why = "接续回顾 continues the review that opens " + opener
        else:
            opener = ""
        if targets_from is not None:
            review, decided, why = False, True, ""
        if not decided and not heading:
            undecided.append(len(out))
        short = len(text) < 40 and not re.search("[，,。；;]", text)
        if heading or short or text.startswith("□"):
            speech = False
        if _SPEECH.match(text) and _SAID.search(text):
            speech = True
        aside = "speech" if speech or _SPEAKER.search(text[:30]) else ""
        section = " ".join(s for s in (part, sub, box) if s)
        if aside and not why:
            why = "引语 a quoted voice, not the plan's" if aside == "speech" else ""
        later = None
        if not heading and not review and targets_from is None:
            later = box_later or part_later or later_span(text[:_OPENING], year)
        out.append(
            Paragraph(
                start,
                end,
                section,
                review,
                heading,
                aside,
                why=why,
                targets_from=targets_from,
                later=later,
            )
        )
    _report_cards(doc, out, undecided, year)
    # A newspaper's headline (the line before its byline) restates what the article says.
    for k in range(len(out) - 1):
        following = doc.flat[out[k + 1].start : out[k + 1].end]
        if _BYLINE.match(following) and "。" not in doc.flat[out[k].start : out[k].end]:
            out[k] = dataclasses.replace(out[k], aside="headline", why="标题 a headline")
    # Each paragraph learns the headline of its article (a page may carry several).
    headline = ""
    for k, para in enumerate(out):
        text = doc.flat[para.start : para.end]
        mark = text.find("□", 0, 80)
        if para.aside == "headline":
            headline = text
        elif mark > 0:
            headline = text[:mark]
        if headline:
            out[k] = dataclasses.replace(para, article=headline)
    return out
