"""What a release's clause names, cleared of the words releases put around a name.

居民消费价格比上年同期上涨0.3%: the comparison is no part of the name; 1—9月平均上涨0.3% and
其中，二季度增长5.8% name nothing and measure what was named before; 第一产业增加值 is no
增加; 实现营业收入 is 营业收入. A match must not contradict the name (一般公共预算支出 is not
一般公共预算收入, 各项贷款 not 存贷款), and 增速高于全省3.1个百分点 after 进出口…增长9.9% is
进出口增速高于全省.
"""

from __future__ import annotations

import dataclasses
import re

from .naming import clean_name
from .phrases import Reading

__all__ = ["benchmark_name", "contradicts", "measure_of", "plain_subject", "with_measure"]

# Words a release puts between an indicator's name and its figure that are no part of the
# name: the comparison (比上年同期), the year-to-date average (1—9月平均).
_COMPARISON_TAIL = re.compile(
    r"(?:同比|比上年同期|比去年同期|较上年同期|比上年|较上年|比去年)$|^平均?$|^[比较](?:年初|上月末)$"
    r"|^同期$"
    r"|^(?:1\s*[—\-~至到]\s*)?\d{1,2}月(?:份|当月|末)?(?:平均?)?|^第?[一二三四]季度|^当月"
)


def plain_subject(flat: str, reading: Reading) -> tuple[Reading, bool]:
    """The reading with its subject cleared of a comparison (居民消费价格比上年同期上涨) and
    of a period's average (1—9月平均上涨 is the subject said before it), and without a change
    that is a name's own word (第一产业增加值 is no increase)."""
    subject = re.sub(r"[（(][A-Za-z]{2,6}[）)]", "", reading.subject)  # 居民消费价格指数（CPI）
    for _ in range(2):
        subject = _COMPARISON_TAIL.sub("", subject)
    subject = re.sub(r"(?<=[\u4e00-\u9fff]{2})实现(?=[\u4e00-\u9fff]{2})", "", subject)
    cleared = subject != reading.subject and not clean_name(subject)
    if cleared:
        subject = ""  # 1—9月平均上涨0.3%, 其中，二季度增长5.8%: what was named before
    change = reading.change
    lead = flat[reading.clause[0] : reading.figure.start]
    at = lead.rfind(change) if change else -1
    if at >= 0 and lead.startswith("值", at + len(change)):
        change = ""  # 增加值
    if (subject, change) == (reading.subject, reading.change):
        return reading, False
    return dataclasses.replace(reading, subject=subject, change=change), cleared


# Measures that share words but are opposites, or a part and its whole.
_KINDS = (
    ("支出", "收入"),
    ("进出口", "出口", "进口"),
    ("存贷款", "存款", "贷款"),
    ("城镇", "农村", "乡村"),
    ("在建", "新开工", "竣工", "签约", "落地"),
)


def _kinds(text: str) -> set[str]:
    found = set()
    for group in _KINDS:
        rest = text
        for word in group:  # the whole first: 进出口 is not 出口
            if word in rest:
                found.add(word)
                rest = rest.replace(word, "")
    return found


def contradicts(subject: str, names: tuple[str, ...]) -> bool:
    """Whether ``subject`` names the opposite (or a part, or the whole) of every name."""
    mine = _kinds(subject)
    if not mine:
        return False
    for name in names:
        theirs = _kinds(name)
        clash = False
        for group in _KINDS:
            a, b = mine & set(group), theirs & set(group)
            if a and b and not a & b:
                clash = True
        if not clash:
            return False
    return True


_BENCHMARK = re.compile(r"(?:高于|低于|快于|慢于|超过|高出)(全[省国市])(?:平均水平|平均)?$")


def benchmark_name(lead: str, last_rate: str) -> str:
    """The name of a difference from a benchmark in points (增速高于全省3.1个百分点) after a
    growth rate named ``last_rate`` (货物进出口增长 → 货物进出口增速高于全省), or ""."""
    m = _BENCHMARK.search(lead)
    if m is None or not last_rate.endswith("增长"):
        return ""
    return f"{last_rate.removesuffix('增长')}增速{m.group(0)[:2]}{m.group(1)}"


# What a list of growth rates measures, said on its first item only: 国有控股企业增加值增长5.2%，
# 股份制企业增长8.1% (the 股份制企业's 增加值), 新能源汽车零售额增长28.5%，通讯器材类增长16.2%.
_MEASURE = re.compile(r"(增加值|营业收入|利润总额|零售额|产值|产量|投资|营业额)$")
_SHARE = re.compile(
    r"占|比重|比例|增加值|营业收入|利润|零售额|产值|产量|投资|营业额|收入|价格|指数"
)


def measure_of(subject: str) -> str:
    m = _MEASURE.search(subject)
    return m.group(1) if m else ""


def with_measure(subject: str, measure: str) -> str:
    """``subject`` with the list's ``measure`` when it names none of its own."""
    if not subject or _SHARE.search(subject):
        return subject
    return subject + measure
