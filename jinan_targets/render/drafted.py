"""Terminal text for drafted outcome records: each figure with its period beside the words that
gave it, so a reviewer checks the period at a glance. Formatting only."""

from __future__ import annotations

from collections.abc import Sequence

from ..extract.reported import DraftOutcome
from ..period import PeriodError, parse_period
from ..quantity import format_number
from .grid import Cell, Column, Grid

__all__ = ["outcomes_text"]

_FROM = {
    "sentence": "本句 sentence",
    "paragraph": "本段 paragraph",
    "title": "标题 title",
    "option": "--period",
    "review": "回顾 review",
}


def _basis(o: DraftOutcome) -> str:
    where = _FROM.get(o.period_from, o.period_from)
    if o.period_words == "--period":
        return where
    at = f" @{o.period_offset}" if o.period_offset is not None else ""
    return f"{o.period_words}{at}\n{where}"


def _period(text: str) -> str:
    try:
        return f"{text}\n{parse_period(text).label()}"
    except PeriodError:
        return text


def outcomes_text(outcomes: Sequence[DraftOutcome], width: int = 120, colour: bool = False) -> str:
    if not outcomes:
        return "没有起草任何数据 no figures drafted\n"
    grid = Grid(
        [
            Column("指标\nindicator", min_width=8),
            Column("数值\nvalue", no_wrap=True, justify="right"),
            Column("时期\nperiod", no_wrap=True),
            Column("时期依据\nperiod from", min_width=10, max_width=28),
            Column("原文 @位置\nclause @offset", min_width=16),
        ]
    )
    for o in outcomes:
        name = o.name + ("\n(新 new)" if o.proposal is not None else "")
        value = f"{format_number(o.value)}{o.unit}"
        clause = f"{' '.join(o.quote.split())} @{o.figure_offset}"
        grid.add(
            Cell(name),
            Cell(value),
            Cell(_period(o.period), "bold"),
            Cell(_basis(o), "cyan"),
            clause,
        )
    return grid.render(width, colour) + "\n"
