"""Lists of figures and of the things they measure: 分别, 均 and their unmarked kin.

``城乡居民人均可支配收入分别增长5.5%左右和6.5%以上`` gives two figures to two subjects split out of
one (城镇居民…, 农村居民…); ``对东盟、非洲、拉美分别进出口137.5亿元、126亿元、70.7亿元`` shares
its 对 and its 进出口; ``分别增长18.8%、增长72.4%、下降9%`` gives each member its own change;
``办理时间、环节数量、申请材料平均压减79%、85%、70%`` is a list without the word 分别.
"""

from __future__ import annotations

import re

from .figures import CHANGE, Figure

__all__ = ["figure_list", "split_subjects"]


def split_subjects(subject: str, n: int) -> list[str]:
    """``城乡居民人均可支配收入`` for two figures → 城镇居民…, 农村居民…; ``A和B`` → A, B;
    ``对东盟、非洲、拉美`` → 对东盟, 对非洲, 对拉美."""
    if n <= 1:
        return [subject]
    if subject.startswith("城乡居民") and n == 2:
        rest = subject[len("城乡居民") :]
        return ["城镇居民" + rest, "农村居民" + rest]
    parts = [p for p in re.split(r"[和、及与]", subject) if p]
    if len(parts) == n and all(len(p) <= 3 for p in parts[:-1]) and len(parts[-1]) > 6:
        # 城镇和农村居民人均可支配收入: the last part carries the tail for all
        head = len(parts[0])
        if len(parts[-1]) > head and all(len(p) == head for p in parts[:-1]):
            tail = parts[-1][head:]
            return [p + tail for p in parts[:-1]] + [parts[-1]]
    if len(parts) == n:
        tail = _SHARED_TAIL.search(parts[-1])
        if tail and len(parts[-1]) > len(tail.group(0)):  # 货物与集装箱吞吐量: 吞吐量 for each
            parts = [p if p.endswith(tail.group(0)) else p + tail.group(0) for p in parts]
        # 单位地区生产总值能耗和二氧化碳排放: both per unit of GDP
        lead = re.match(
            r"^(对|向|在|与|全市|全年|(?:单位|万元)(?:地区)?(?:生产总值|GDP))", parts[0]
        )
        if lead and not any(p.startswith(lead.group(1)) for p in parts[1:]):
            parts = [parts[0]] + [lead.group(1) + p for p in parts[1:]]
        return parts
    return [f"{subject}（{k}）" for k in range(1, n + 1)]


_SHARED_TAIL = re.compile(
    r"(?:参保人数|吞吐量|建成率|覆盖率|人数|占比|比重|增速|增加值|总额|规模|面积|产量|收入|数量)$"
)
_GROUP_GAP = re.compile(rf"^[、和与及,，]?(?:同比)?({CHANGE})?$")


def figure_list(
    flat: str, figures: list[Figure], k: int, lead: str
) -> tuple[list[Figure], list[str]]:
    """The figures of a 分别 list starting at ``figures[k]``, and the change word before each
    member after the first (分别增长18.8%、增长72.4%、下降9%)."""
    group, changes = [figures[k]], [""]
    if "分别" not in lead:
        # 办理时间、环节数量、申请材料平均压减79%、85%、70%: as many names as figures
        names = len(re.findall("、", lead.split("，")[-1])) + 1
        j = k + 1
        while (
            names > 1 and j < len(figures) and flat[figures[j - 1].end : figures[j].start] == "、"
        ):
            j += 1
        if names > 1 and j - k == names:
            return figures[k:j], [""] * names
        return group, changes
    j = k + 1
    while j < len(figures):
        gap = flat[group[-1].end : figures[j].start]
        m = _GROUP_GAP.match(gap)
        if not gap or m is None:
            break
        group.append(figures[j])
        changes.append(m.group(1) or "")
        j += 1
    return group, changes
