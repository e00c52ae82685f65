"""Figures a release prints beside an indicator's figure that are not figures of it.

- A change of a rate: 增速比上半年加快0.2个百分点, 比1—8月提高0.3个百分点, 降幅收窄0.9个百分点,
  比全省高1.2个百分点, 超过时序进度2.3个百分点. Points against another period or against the
  calendar are never a figure; against a benchmark or the year before (增速高于全省24.1个百分点,
  研发投入强度提高0.2个百分点) they may be one, but only of an indicator the catalog already
  tracks in points: none is proposed for them.
- A share of a target: 完成全年目标任务的78.5%, 完成年度计划的52.3%, 完成预算的53.6%.
- A month-on-month change: 环比上涨0.2% (the indicators are year on year); an average over
  several years: 两年平均增长5.2%.
"""

from __future__ import annotations

import re

from .figures import Figure

__all__ = ["against_period", "is_point_change", "not_a_figure"]

_POINTS = ("个百分点", "百分点")
_PERIOD_WORD = (
    r"(?:上半年|下半年|前三季度|[一二三四]季度|1\s*[—\-~至到]\s*\d{1,2}\s*月份?|\d{1,2}\s*月份?"
    r"|上月末?|上季度末?|上旬|上年末?|年初|同期|前\d{1,2}个月)"
)
# 比上半年, 较1—8月, 比8月份, 比上月末: a comparison with another period of the same year.
_VS_PERIOD = re.compile(
    rf"(?:比|较|与|同)(?!上年)(?!去年){_PERIOD_WORD}(?!同期)[^，,。；;]{{0,8}}$"
)
_VS_CALENDAR = re.compile(r"(?:时序进度|序时进度|时间进度)[^，,。；;]{0,6}$")
_SHARE_OF_TARGET = re.compile(
    r"(?:完成|实现|达到|占|为)[^，,。；;]{0,8}?(?:目标|任务|计划|预算)(?:任务)?的$"
)
_MONTH_ON_MONTH = re.compile(r"(?:环比|[两二三四五]年平均)[^，,。；;\d]{0,4}$")


def is_point_change(figure: Figure) -> bool:
    return figure.unit in _POINTS


def against_period(lead: str) -> bool:
    """``lead`` (the clause up to a figure in points) compares with another period of the
    year or with the calendar: 增速比上半年回落, 比1—8月提高, 超过时序进度."""
    return bool(_VS_PERIOD.search(lead) or _VS_CALENDAR.search(lead))


def not_a_figure(figure: Figure, lead: str) -> bool:
    """A figure that is never one of an indicator: a change against another period, a share
    of a target, a month-on-month change. ``lead`` is the clause up to the figure."""
    if is_point_change(figure) and against_period(lead):
        return True
    if figure.is_rate and _SHARE_OF_TARGET.search(lead):
        return True
    return bool(figure.is_rate and _MONTH_ON_MONTH.search(lead))
