"""Indicators by the exact names a published table gives them.

A statistics table names its rows in full (规模以上工业增加值, 货物进出口总额, 居民消费价格指数) and
carries rows the catalog does not track (第一产业, 工业投资). Matching is exact on the id, name,
English name and aliases, ignoring spaces and quotes, so a row never lands on a tracked indicator
whose name merely contains it. A growth figure goes on the row's …增长 indicator, found by the
catalog's own naming: 地区生产总值 → 地区生产总值增长, 货物进出口总额 → 货物进出口增长 (总额 goes),
居民消费价格指数 → 居民消费价格涨幅 (指数 goes). Pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .model import Indicator, Kind

__all__ = ["Catalog"]

_LEVEL_STEMS = ("总指数", "指数", "总额", "总量", "总值", "额")
_GROWTH_ENDINGS = (
    "比上年同期增长",
    "比上年增长",
    "同比增长",
    "增长率",
    "增速",
    "增幅",
    "涨幅",
    "增长",
)
_SHARE_WORDS = re.compile(r"率|比重|占比|强度|比例")
_RATE_WORDS = re.compile(r"率|比重|占比|强度|涨幅|增长|增速|%")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”\"'‘’「」《》]+", "", text).casefold()


class Catalog:
    """Indicators by every name they go by (id, name, English name, aliases), exactly."""

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self.by_name: dict[str, list[Indicator]] = {}
        for ind in indicators:
            for name in (ind.id, ind.name, ind.name_en, *ind.aliases):
                found = self.by_name.setdefault(_norm(name), [])
                if ind not in found:
                    found.append(ind)

    def exact(self, name: str) -> Indicator | None:
        found = self.by_name.get(_norm(name), [])
        return found[0] if len(found) == 1 else None

    def level(self, names: list[str], percent: bool) -> Indicator | None:
        """The indicator a level figure of a row so named belongs to. A figure in % goes on a
        rate: the row's own (研发经费投入强度, 居民消费价格涨幅) or, for a level's name, its
        growth (地区生产总值 | % | 5.6 is the growth). Otherwise not a rate, unless the name
        itself says rate (…率, …比重, …强度). A name with 总额 is also tried without it
        (进出口总额 → 进出口)."""
        stems = [n[:-2] for n in names if n.endswith(("总额", "总量")) and len(n) > 3]
        for name in [*names, *stems]:
            ind = self.exact(name)
            if ind is None or ind.kind is Kind.QUALITATIVE:
                continue
            if ind.kind is Kind.RATE and (percent or _RATE_WORDS.search(name)):
                return ind
            if ind.kind is not Kind.RATE and not percent:
                return ind
        return self.growth(names) if percent else None

    def growth(self, names: list[str]) -> Indicator | None:
        """The …增长 (or …涨幅) indicator, in %, that a growth figure of a row so named goes on."""
        bases: list[str] = []
        for name in names:
            bases.append(name)
            bases += [
                name[: -len(s)] for s in _LEVEL_STEMS if name.endswith(s) and len(name) > len(s) + 1
            ]
            bases += [
                name[: -len(s)]
                for s in _GROWTH_ENDINGS
                if name.endswith(s) and len(name) > len(s) + 1
            ]
        for base in bases:
            # The row's own name when it names a growth (工业增加值 is an alias of its growth),
            # never a share or a ratio (研发经费投入强度 grows in 百分点, not in %).
            own = () if _SHARE_WORDS.search(base) else (base,)
            for candidate in (base + "增长", base + "增速", base + "涨幅", *own):
                ind = self.exact(candidate)
                if ind is not None and ind.kind is Kind.RATE and ind.unit == "%":
                    return ind
        return None
