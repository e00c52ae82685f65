"""Read the words around a figure: its clause, what it measures, what is promised of it.

``城乡居民人均可支配收入分别增长5.5%左右和6.5%以上`` is two figures with one subject split in
two (城镇居民…, 农村居民…) and their own qualifiers; ``分别增长4%和6%左右`` lends its trailing
左右 to every member; ``均增长6%`` gives one figure to several subjects; ``实施60个20亿元以上项目``
promises the count, the amount only describes the projects.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Comparator
from .describing import is_descriptive
from .figures import CHANGE, Figure
from .lists import figure_list, split_subjects

__all__ = [
    "Reading",
    "clause_start",
    "comparator_of",
    "is_descriptive",
    "read_figures",
]

# Where a clause (and with it a subject) starts.
_HARD = "。！？!?；;\n\t：:"
_SOFT = "，,"
_FIGURE_END = re.compile(
    r"\d\s*(?:万|亿)?[^\s\d]{0,3}?(?:[个家项人所条处场件次元亩吨米%]|以上|左右)$"
)
_GENERIC = frozenset(
    [
        *("占比", "比重", "增速", "占", "规模", "总额", "总量", "金额", "数量", "面积", "投资"),
        *("累计", "总数", "开行", "容量", "范围", "其中"),
    ]
)
_DIGIT = re.compile(r"\d")
_NEW_VERB = re.compile(r"^(?:新建|新增|新开|新认定|新培育|建设|建成)")
_AT_LEAST_BEFORE = ("不低于", "不少于", "超过", "突破", "高于", "大于", "多于", "逾", "超", "至少")
_AT_MOST_BEFORE = ("不超过", "不高于", "低于", "少于", "控制在", "压减至", "压缩至", "压缩到")
_ABOUT_QUALS = ("左右", "上下")
_AT_MOST_QUALS = ("以内", "以下")
_AT_LEAST_QUALS = ("以上", "余", "多")
# Longest first, so 不少于 (at least) is never read as 少于 (at most).
_BEFORE = sorted(
    [(w, Comparator.AT_LEAST) for w in _AT_LEAST_BEFORE]
    + [(w, Comparator.AT_MOST) for w in _AT_MOST_BEFORE],
    key=lambda pair: -len(pair[0]),
)
_COMPARED = re.compile(r"^(?:比上年末|比上年|较上年末|较上年|比去年|同比)")
_COMPARED_AFTER = re.compile(r"(?<=.)(?:比上年末|比上年|较上年末|较上年|比去年|较去年|同比)$")
_FROM_TO = re.compile(
    r"(?:由|从)[^，,。；;]*?(?:调)?(?:增|减|降|提高|提升|上升|下降|增加|减少|扩大|压减)(?:至|到)$"
)
# Words that lead a clause but do not name what is measured.
_LEAD_WORDS = (
    "其中",
    "同时",
    "此外",
    "另外",
    "全年",
    "年内",
    "全市",
    "力争",
    "确保",
    "争取",
    "努力",
    "推动",
    "进一步",
    "并",
    "共",
    "共计",
    "合计",
    "预计",
    "初步核算",
    "据统计",
    "经初步核算",
)
_VERBS_AFTER = re.compile(
    rf"(?:同比|比上年|较上年|分别|均|总计|合计|累计)?(?:增长了|{CHANGE}|"
    r"达到|达|实现|完成|突破|超过|为|是|至|到|在|保持在|控制在|稳定在|降至|提高至|提升至|增至|"
    r"不低于|不少于|不超过|超|逾|约|近|共|计|预计|初步核算)*$"
)


@dataclass(frozen=True)
class Reading:
    """A figure with what the words around it say."""

    figure: Figure
    comparator: Comparator
    subject: str  # what is measured, as the text names it (may be empty)
    change: str  # 增长 / 下降 … when the figure is a change, else ""
    clause: tuple[int, int]  # flat span of the figure's clause
    sentence: tuple[int, int]
    descriptive: bool  # describes something (20亿元以上项目), not a figure of its own
    shared: int = 0  # 均/分别: how many subjects share this figure's predicate
    context: str = ""  # what the sentence measured before (从业人员 after 人力资源服务机构)


# A clause of the genre names its subject within a few dozen characters; a longer run without
# punctuation (a table flattened into a line) is read no further back, so reading stays linear.
LEAD_LIMIT = 100


def clause_start(flat: str, i: int, floor: int = 0) -> int:
    """Where the clause holding ``i`` starts: after ，；。 or after a 、 that follows a figure
    (at most ``LEAD_LIMIT`` characters back)."""
    floor = max(floor, i - LEAD_LIMIT)
    j = i
    while j > floor:
        ch = flat[j - 1]
        if ch in _HARD or ch in _SOFT:
            return j
        after_figure = ch in "、及和" and (
            ch == "、" or _FIGURE_END.search(flat, max(floor, j - 8), j - 1)
        )
        if after_figure and _DIGIT.search(flat, floor, j):
            k = j - 1  # 引进博士后1250人、留学人员1949人: a list of figures
            while k > floor and flat[k - 1] not in _HARD + _SOFT:
                k -= 1
            if _DIGIT.search(flat[k:j]):
                return j
        j -= 1
    return floor


def comparator_of(flat: str, figure: Figure, lead: str) -> Comparator:
    """What the wording promises of ``figure``; ``lead`` is its clause up to the figure."""
    if figure.high is not None:
        return Comparator.RANGE
    q = figure.qualifier
    if q in _ABOUT_QUALS:
        return Comparator.ABOUT
    if q in _AT_MOST_QUALS:
        return Comparator.AT_MOST
    if q in _AT_LEAST_QUALS:
        return Comparator.AT_LEAST
    tail = lead[-8:]
    for word, comparator in _BEFORE:
        if tail.endswith(word) or (comparator is Comparator.AT_MOST and tail.endswith(word + "到")):
            return comparator
    return Comparator.REACH


def _subject(lead: str) -> tuple[str, str]:
    """What a clause's lead names, and the change verb it ends with (增长 …)."""
    lead = _FROM_TO.sub("", lead)  # 重大项目由年初的1301个调增至: what changed is 重大项目
    change = ""
    # 增加值 is a noun; 下降率 names a rate (能耗下降率不低于2.5%), the figure is no change
    m = re.search(rf"({CHANGE})(?!值|率)[^增上提下降减回]*$", lead)
    if m and len(lead) - m.end() <= 4:
        change = m.group(1)
    subject = _COMPARED.sub("", _VERBS_AFTER.sub("", lead))  # 比上年末增加5万人: no name
    subject = _COMPARED_AFTER.sub("", subject)  # 城镇化率比去年提高1个百分点: 城镇化率
    changed = True
    while changed:
        changed = False
        for word in _LEAD_WORDS:
            if subject.startswith(word) and len(subject) > len(word):
                subject, changed = subject[len(word) :], True
    return subject.strip('“”"、 '), change


_THING_STOP = re.compile(r"[，,。；;、\n（(:：]|(?<!^)\d|等|的|以|圆满|达到|超过|突破")


_DESCRIBING = re.compile(
    r"^\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|平方米|千瓦|吨|人)?(?:以上|以下)?(?=[^\d类级星])"
)


def _counted(flat: str, figure: Figure, end: int) -> str:
    """What ``N个X`` counts: the X after the figure (100个人工智能场景 → 人工智能场景)."""
    rest = flat[figure.end : min(end, figure.end + 24)]
    rest = _DESCRIBING.sub("", rest)  # 60个20亿元以上项目: the projects, not the 20亿元
    rest = re.sub(r"20\d\d\s*年|\d+\s*强", "", rest)  # 入围2025年中国制造业民营企业500强
    m = _THING_STOP.search(rest)
    return (rest[: m.start()] if m else rest).strip('“”" ')


_TOTAL = re.compile(r"^(?:一季度|上半年|前三季度|全年)?(?:合计|共计)")
_TOPIC = re.compile(r"([^，,。；;\d]{2,10}?)(?:作为|是|已|持续|不断|逐步)")


def _topic(flat: str, start: int, clause: int) -> str:
    """What a sentence is about when its first clause names it without a figure."""
    m = _TOPIC.match(flat, start, clause)
    return m.group(1) if m else ""


def _stops(flat: str, start: int, end: int) -> list[int]:
    """For each position of ``flat[start:end]``, where its clause ends (the next ，；。)."""
    out = [end] * (end - start)
    stop = end
    for i in range(end - 1, start - 1, -1):
        if flat[i] in _HARD or flat[i] in _SOFT:
            stop = i
        out[i - start] = stop
    return out


def read_figures(
    flat: str, figures: list[Figure], span: tuple[int, int], carry: list[str] | None = None
) -> list[Reading]:
    """Read every figure of one sentence ``span`` (figures must lie inside it). ``carry``
    passes what was measured from one sentence to the next: its first item is the last
    subject, the rest the subjects of the latest figures (for a later 分别增长…)."""
    readings: list[Reading] = []
    start, end = span
    stops = _stops(flat, start, end)
    starts = [f.start for f in figures]
    carry = carry if carry is not None else [""]
    previous_subject = carry[0]
    k = 0
    while k < len(figures):
        fig = figures[k]
        c0 = clause_start(flat, fig.start, start)
        lead = flat[c0 : fig.start]
        group, gap_changes = figure_list(flat, figures, k, lead)
        head, listed, tail = lead.partition("分别")
        if not listed and len(group) > 1:  # a list without 分别: the verb ends the names
            m = re.search(r"(?:平均|同比|分别)?(?:增长|下降|压减|减少|提高|降低|达到|达|为)$", lead)
            head, listed, tail = (
                (lead[: m.start()], "分别", lead[m.start() :]) if m else (lead, "分别", "")
            )
        subject, change = _subject(head if listed else lead)
        own_subject = subject
        tail_subject, tail_change = _subject(tail) if listed else ("", "")
        change = tail_change or change
        if listed and len(group) > 1:
            if subject:
                names = [p + tail_subject for p in split_subjects(subject, len(group))]
            elif len(carry) - 1 >= len(group):
                names = [p + tail_subject for p in carry[-len(group) :]]
            else:
                names = split_subjects(previous_subject + tail_subject, len(group))
        else:
            if listed:
                subject += tail_subject
            if not subject and previous_subject and "累计" in lead:
                subject = "累计" + _NEW_VERB.sub("", previous_subject)  # …1.5万个、累计达到12万个
            elif not subject and previous_subject:
                subject = previous_subject  # 实现生产总值14210亿元，增长5.4%
            elif _TOTAL.match(lead) and (topic := _topic(flat, start, c0)):
                subject = topic + subject  # 高端装备作为…项目，…一季度共计出口25.8亿元
            elif subject == "累计" and previous_subject:
                subject = "累计" + _NEW_VERB.sub(
                    "", previous_subject
                )  # 新建…1.5万个、累计达到12万个
            elif (
                subject in _GENERIC
                or _TOTAL.match(lead)
                or subject.startswith("占")
                or (subject.startswith("拉动") and fig.unit in ("个百分点", "百分点"))
            ) and previous_subject:
                subject = previous_subject + subject  # 民生支出1093.6亿元，占比80.1%
            names = [subject]
            if fig.is_count and len(group) == 1:
                thing = _counted(flat, fig, end)
                if thing and not own_subject.endswith(thing):
                    names = [own_subject + thing]  # 22个项目揭榜…: its own thing
        clause_end = stops[group[-1].end - start] if group[-1].end < end else end
        clause_end = min(clause_end, group[-1].end + LEAD_LIMIT)
        others = bisect.bisect_left(starts, clause_end) - bisect.bisect_left(starts, c0) - 1
        comps = [comparator_of(flat, f, lead if f is fig else "") for f in group]
        quals = [f.qualifier for f in group]
        if len(group) > 1 and quals[-1] and not any(quals[:-1]):
            comps = [comps[-1]] * len(group)  # 分别增长4%和6%左右
        shared = 0
        m = re.search(r"([^，,]*?)均(?:增长|达到|达|提高|为|保持|超过)", lead)
        if m and len(group) == 1 and re.search("[和、及与]", m.group(1)):
            shared = len(split_subjects(m.group(1), 2))
        for n, (f, comparator, name) in enumerate(zip(group, comps, names, strict=True)):
            f_lead = flat[clause_start(flat, f.start, start) : f.start]
            reading = Reading(
                figure=f,
                comparator=comparator,
                subject=name,
                change=gap_changes[n] or change,
                clause=(c0, clause_end),
                sentence=span,
                descriptive=is_descriptive(flat, f, f_lead, others),
                shared=shared,
                context=previous_subject if previous_subject != name else "",
            )
            readings.append(reading)
            if not reading.descriptive and name:
                carry.append(name)
                if f.is_count and name != subject:
                    previous_subject = name  # 新增2个1类创新药，总数达到5个: 创新药
        if subject and not any(r.descriptive for r in readings[-len(group) :]):
            previous_subject = subject
            carry[0] = subject
        del carry[1:-8]  # the latest few are enough
        k += len(group)
    return readings
