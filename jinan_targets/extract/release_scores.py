"""How well ``jt extract --outcomes`` reads statistics releases: the period of every drafted
figure, and precision and recall of (indicator, value, period), against hand-made gold lists.

Each release ``NAME.txt`` has a ``NAME.gold.csv`` beside it: one row per figure the release
reports (``anchor``: words of the release that hold the figure, once; ``indicator``: its name,
the catalog's where the catalog has it; ``value`` in the indicator's unit, a decline negative;
``period`` canonical, 2026-Q3, 2026-09..09). What is not in the list is no figure: a change of
a rate (回落0.8个百分点), a share of a target (完成全年目标任务的78.5%), a month-on-month change.

A drafted figure is *placed* when it lies inside a gold row's anchor with that row's value; its
period is right when it is the row's; it *matches* when its indicator's name is the row's too
(a change word aside: 房地产开发投资变化 is 房地产开发投资增长).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..model import Category, Indicator
from .reported import DraftOutcome, draft_outcomes

__all__ = ["GoldFigure", "ReleaseScore", "read_gold", "release_scores", "score_release"]


@dataclass(frozen=True)
class GoldFigure:
    start: int  # the anchor's span in the release
    end: int
    indicator: str
    value: Decimal
    period: str


@dataclass(frozen=True)
class ReleaseScore:
    drafted: int
    placed: int  # drafted figures that lie in a gold row's anchor with its value
    right_period: int  # …of which the period is the gold row's
    matched: int  # …and the indicator too
    gold: int
    recalled: int  # gold rows some draft matches
    wrong: tuple[str, ...] = ()  # placed drafts with another period (for a report)
    extras: tuple[str, ...] = ()  # drafts that match no gold row
    misses: tuple[str, ...] = ()  # gold rows no draft matches

    @property
    def period_accuracy(self) -> float:
        return self.right_period / self.placed if self.placed else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0


class GoldError(ValueError):
    """A gold list that does not fit its release (an anchor missing or said twice)."""


def read_gold(text: str, gold_csv: str, name: str = "gold") -> list[GoldFigure]:
    rows = list(csv.DictReader(gold_csv.splitlines()))
    out = []
    for n, row in enumerate(rows, start=2):
        anchor = row["anchor"]
        at = text.find(anchor)
        if at < 0 or text.find(anchor, at + 1) >= 0:
            raise GoldError(f"{name}:{n}: anchor {anchor!r} must occur exactly once")
        value = Decimal(row["value"])
        out.append(GoldFigure(at, at + len(anchor), row["indicator"], value, row["period"]))
    return out


_CHANGE_END = re.compile(r"(?:增长|变化|上涨|下降|增加|减少)$")


def _name(text: str) -> str:
    return _CHANGE_END.sub("±", re.sub(r"[“”\"'、，,\s（）()]|^全市", "", text))


def _label(d: DraftOutcome) -> str:
    return f"{d.name} {d.value} {d.period} ← {d.period_words}@{d.period_offset}"


def score_release(drafts: Sequence[DraftOutcome], gold: Sequence[GoldFigure]) -> ReleaseScore:
    placed = right = matched = 0
    hit: set[int] = set()
    wrong: list[str] = []
    extras: list[str] = []
    for d in drafts:
        rows = [
            k
            for k, g in enumerate(gold)
            if g.start <= d.figure_offset < g.end and g.value == d.value
        ]
        if not rows:
            extras.append(_label(d))
            continue
        placed += 1
        timed = [k for k in rows if gold[k].period == d.period]
        if not timed:
            wrong.append(f"{_label(d)} (gold {gold[rows[0]].period})")
            extras.append(_label(d))
            continue
        right += 1
        named = [k for k in timed if _name(gold[k].indicator) == _name(d.name)]
        if named:
            matched += 1
            hit.update(named)
        else:
            extras.append(f"{_label(d)} (gold {gold[timed[0]].indicator})")
    misses = tuple(
        f"{g.indicator} {g.value} {g.period}" for k, g in enumerate(gold) if k not in hit
    )
    return ReleaseScore(
        len(drafts),
        placed,
        right,
        matched,
        len(gold),
        len(hit),
        tuple(wrong),
        tuple(extras),
        misses,
    )


def release_scores(
    folder: Path,
    indicators: Sequence[Indicator],
    categories: Sequence[Category] = (),
    home: str = "济南市",
) -> list[tuple[str, ReleaseScore]]:
    """Score every release in ``folder`` that has a gold list (no --period given: the
    releases' titles and words must say it)."""
    out = []
    for gold_path in sorted(folder.glob("*.gold.csv")):
        release = gold_path.with_name(gold_path.name.removesuffix(".gold.csv") + ".txt")
        text = release.read_text(encoding="utf-8")
        gold = read_gold(text, gold_path.read_text(encoding="utf-8"), gold_path.name)
        draft = draft_outcomes(text, indicators=indicators, categories=categories, home=home)
        out.append((release.stem, score_release(draft.outcomes, gold)))
    return out
