"""Find an indicator from what a user types: id, Chinese name, alias or a unique part of one."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from .excerpt import excerpt
from .model import Indicator

__all__ = ["IndicatorLookupError", "find_indicator", "search_indicators"]


class IndicatorLookupError(LookupError):
    """Unknown or ambiguous: carries the candidates to offer."""

    def __init__(self, message: str, candidates: list[Indicator]) -> None:
        super().__init__(message)
        self.candidates = candidates


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _names(ind: Indicator) -> Iterable[str]:
    yield ind.id
    yield ind.name
    yield ind.name_en
    yield from ind.aliases


def find_indicator(indicators: Iterable[Indicator], text: str) -> Indicator:
    """Exact id, name or alias first; then a unique substring of a name or alias; else an error
    listing the closest candidates."""
    items = list(indicators)
    query = _norm(text)
    if not query:
        raise IndicatorLookupError("指标为空 empty indicator name", [])
    exact = [i for i in items if any(_norm(n) == query for n in _names(i))]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [i for i in items if any(query in _norm(n) for n in _names(i))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        partial.sort(key=lambda i: (len(i.name), i.id))
        raise IndicatorLookupError(
            f"指标名称不唯一 ambiguous indicator {excerpt(text)}", partial[:10]
        )
    by_name = {_norm(n): i for i in items for n in _names(i)}
    close = difflib.get_close_matches(query[:64], list(by_name), n=5, cutoff=0.4)
    seen: list[Indicator] = []
    for key in close:
        if by_name[key] not in seen:
            seen.append(by_name[key])
    raise IndicatorLookupError(f"未知指标 unknown indicator {excerpt(text)}", seen)


def search_indicators(indicators: Iterable[Indicator], text: str) -> list[Indicator]:
    """Every indicator one of whose names (id, Chinese, English, aliases) contains ``text``."""
    query = _norm(text)
    return [i for i in indicators if query and any(query in _norm(n) for n in _names(i))]
