"""Find the quantities in a flat text and read what is said right around them.

A quantity is a number in Arabic digits with a unit: ``15万人以上``, ``36.2万亩``, ``5.4%``,
``1—2条``, ``100余场``, ``0.5个百分点``, ``增长1.7倍``. Digits that are not quantities are left
alone because they carry no unit or sit inside a name: years (2026年), dates (4月29日), names
(5G, PM2.5, "1+4+N", 十五五), ranks (第5位), list numbering ((1), 1.). Chinese numerals (两个,
十二个方面) name things far more often than they promise them and are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..quantity import SCALES

__all__ = [
    "BOUNDARY",
    "CHANGE",
    "COUNTERS",
    "DOWN",
    "UP",
    "Figure",
    "find_figures",
    "sentence_span",
]

# The words that say a figure is a change, and which way (增长5%, 下降9%).
UP = ("增长", "上涨", "提高", "提升", "增加", "上升")
DOWN = ("下降", "降低", "减少", "回落", "下滑", "下跌", "收窄")
CHANGE = "|".join((*UP, *DOWN))
# Units of things counted one by one ("N个X": the count is what is promised).
COUNTERS = frozenset(
    [
        *"个家条处场项人所类张套台列件座户名辆栋艘架只部批次例宗期支间片村镇园区本册首款种单对组",
        *"位床班站盏株棵头羽口笔起篇门节趟",
        *("人次", "场次", "万人次", "台套", "台(套)", "个(项)", "家次", "架次", "班次", "条次"),
        *("批次", "所次", "户次", "亩次"),
    ]
)
_MEASURES = (
    *("个百分点", "百分点", "%", "‰", "倍", "元", "美元", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦"),
    *("千伏", "伏", "公里", "千米", "米", "平方公里", "平方千米", "平方米", "立方米", "公顷"),
    *("亩", "吨", "标准箱", "标箱", "标准煤", "吨标准煤", "天", "小时", "分钟", "个工作日"),
    *("工作日", "个月", "微克/立方米", "毫克", "千克", "公斤", "斤", "度"),
)
UNITS = sorted(set(COUNTERS) | set(_MEASURES), key=len, reverse=True)
QUALIFIERS = ("以上", "以下", "以内", "左右", "上下")
BOUNDARY = "。！？!?；;\n\t"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = "|".join(re.escape(u) for u in UNITS)
_SCALE = "万亿|亿|万"
_DASH = r"(?:[-—–~～]{1,2}|至|到)"
_FIGURE = re.compile(
    rf"(?<![A-Za-z0-9.+_/:#＃×*-])(?P<low>{_NUM})"
    rf"(?:(?P<lowscale>{_SCALE})?(?P<lowunit>%|{_UNIT})?{_DASH}(?P<high>{_NUM}))?"
    rf"(?P<more1>余|多)?(?P<scale>{_SCALE})?(?P<more2>余|多)?(?P<unit>{_UNIT})"
    rf"(?P<qual>{'|'.join(QUALIFIERS)})?"
)
_NAME_AFTER = re.compile(r"[+＋]|\.\d")  # 5G, 1+4, 2.5 inside PM2.5 …
_RANK_BEFORE = ("第", "前", "排名", "位居", "居")


@dataclass(frozen=True)
class Figure:
    """A quantity found at ``flat[start:end]``. ``value``/``high`` are as printed (``high`` for
    a range); ``scale`` is 10⁴ for 万 …; ``unit`` is the unit as printed after the scale;
    ``qualifier`` is 以上/以下/以内/左右/上下 or 余/多 (more than)."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None
    scale: str
    unit: str
    qualifier: str
    text: str

    @property
    def factor(self) -> Decimal:
        return SCALES.get(self.scale, Decimal(1)) if self.scale else Decimal(1)

    @property
    def base_value(self) -> Decimal:
        """The value in base units (人, 元, %): 15万人 → 150000."""
        return self.value * self.factor

    @property
    def base_high(self) -> Decimal | None:
        return None if self.high is None else self.high * self.factor

    @property
    def is_count(self) -> bool:
        return self.unit in COUNTERS

    @property
    def is_rate(self) -> bool:
        return self.unit in ("%", "‰", "个百分点", "百分点", "倍")

    @property
    def written_unit(self) -> str:
        """Scale and unit as printed: 万人, 亿元, %."""
        return f"{self.scale}{self.unit}"


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def find_figures(flat: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every quantity in ``flat[start:end]``, in order."""
    stop = len(flat) if end is None else end
    found: list[Figure] = []
    for m in _FIGURE.finditer(flat, start, stop):
        after = flat[m.end() : m.end() + 2]
        if _NAME_AFTER.match(after):
            continue
        before = flat[max(0, m.start() - 2) : m.start()]
        if before.endswith(_RANK_BEFORE):
            continue
        low_unit = m.group("lowunit")
        if low_unit and low_unit != m.group("unit"):
            continue  # 2024—2026年 has no unit; 3月—5个 is not a range
        value = _decimal(m.group("low"))
        high = _decimal(m.group("high")) if m.group("high") else None
        if high is not None and high <= value:
            continue  # a date or a code, not a range
        qualifier = m.group("qual") or m.group("more1") or m.group("more2") or ""
        found.append(
            Figure(
                start=m.start(),
                end=m.end(),
                value=value,
                high=high,
                scale=m.group("scale") or m.group("lowscale") or "",
                unit=m.group("unit"),
                qualifier=qualifier,
                text=m.group(0),
            )
        )
    return found


def sentence_span(flat: str, i: int) -> tuple[int, int]:
    """The flat span of the sentence holding position ``i`` (ended by 。！？；or a paragraph)."""
    start = i
    while start > 0 and flat[start - 1] not in BOUNDARY:
        start -= 1
    end = i
    while end < len(flat) and flat[end] not in BOUNDARY:
        end += 1
    return start, end
