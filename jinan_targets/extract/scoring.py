"""Score drafts against curated records: precision and recall per quote.

A curated record is found again when a draft's figure lies inside the curated quote (located in
the original text whitespace-insensitively) and the draft says the same thing: for targets
(comparator, value, unit), for outcomes (indicator, value, period). Values compare in base units
(15万人 = 150000人), so 15万人 and 150000人 agree.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..quantity import parse_unit

__all__ = ["Score", "in_base_unit", "locate", "normalized", "score"]


def in_base_unit(value: Decimal | None, unit: str) -> tuple[Decimal | None, str]:
    """A figure in its unit's base (1600亿元 → 1.6E11 元), so drafts and gold lists compare."""
    if value is None:
        return None, ""
    if unit in ("%", "个百分点"):
        return value.normalize(), unit
    u = parse_unit(unit)
    return (value * u.scale).normalize(), u.base


def normalized(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


@dataclass(frozen=True)
class Score:
    found: int  # drafts that match a curated record
    drafted: int
    recalled: int  # curated records some draft matches
    curated: int
    misses: tuple[str, ...] = ()  # curated quotes no draft matched (for a report)
    extras: tuple[str, ...] = ()  # drafts that match nothing

    @property
    def precision(self) -> float:
        return self.found / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.curated if self.curated else 1.0


@lru_cache(maxsize=4096)
def _pattern(quote: str) -> re.Pattern[str]:
    chars = [re.escape(c) for c in quote if not c.isspace()]
    return re.compile(r"\s*".join(chars))


def locate(original: str, quote: str) -> tuple[int, int] | None:
    """The span of ``quote`` in ``original``, whitespace aside."""
    m = _pattern(quote).search(original)
    return (m.start(), m.end()) if m else None


def score(
    original: str,
    curated: Sequence[tuple[str, Hashable]],
    drafted: Sequence[tuple[int, Hashable, str]],
) -> Score:
    """``curated``: (quote, key); ``drafted``: (figure offset, key, label)."""
    spans = [(locate(original, q), key, q) for q, key in curated]
    hit_curated: set[int] = set()
    found = 0
    extras: list[str] = []
    for offset, key, label in drafted:
        matched = False
        for k, (span, ckey, _q) in enumerate(spans):
            if span and span[0] <= offset < span[1] and ckey == key:
                hit_curated.add(k)
                matched = True
        found += matched
        if not matched:
            extras.append(label)
    misses = tuple(q for k, (_s, _key, q) in enumerate(spans) if k not in hit_curated)
    return Score(found, len(drafted), len(hit_curated), len(spans), misses, tuple(extras))
