"""Score target drafts against hand-made gold lists: a directory of ``NAME.txt`` documents, each
with ``NAME.targets.tsv`` beside it (``indicator  comparator  value  unit  verbatim``, one row per
numeric target of the document's main-targets paragraph).

The gold lists follow the conventions of ``tests/data/provinces-2026/README.md``: comparator
``exact`` is a bare figure (``reach`` in the tool), ``range`` values are written ``4.5-5``,
``in_step`` rows carry no value, and a 分别 list gives one row per member with the whole phrase as
its verbatim. Drafted targets without a figure that the gold lists leave out by convention
(qualitative promises, 高于全国平均 ``above`` targets) are not scored.
"""

from __future__ import annotations

import csv
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..model import Category, Comparator, Indicator
from .scoring import Score, in_base_unit, normalized, score
from .targets import draft_plan

__all__ = ["GoldTarget", "corpus_scores", "read_gold", "total"]

_COMPARATORS = {"exact": Comparator.REACH}
_UNSCORED = (Comparator.QUALITATIVE, Comparator.ABOVE)


@dataclass(frozen=True)
class GoldTarget:
    indicator: str
    comparator: Comparator
    value: Decimal | None
    high: Decimal | None
    unit: str
    verbatim: str


def read_gold(path: Path) -> list[GoldTarget]:
    """The rows of a ``.targets.tsv`` file (its header line skipped)."""
    out: list[GoldTarget] = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    for row in rows[1:]:
        if not row or not "".join(row).strip():
            continue
        indicator, comparator, value, unit, verbatim = (row + [""] * 5)[:5]
        low, _, high = value.partition("-") if comparator == "range" else (value, "", "")
        out.append(
            GoldTarget(
                indicator=indicator,
                comparator=_COMPARATORS.get(comparator) or Comparator(comparator),
                value=Decimal(low) if low else None,
                high=Decimal(high) if high else None,
                unit=unit,
                verbatim=verbatim,
            )
        )
    return out


def document_score(
    text: str,
    gold: Sequence[GoldTarget],
    *,
    indicators: Sequence[Indicator] = (),
    categories: Sequence[Category] = (),
) -> Score:
    """Precision and recall of (comparator, value, unit) per quote for one document."""
    curated: list[tuple[str, Hashable]] = []
    for g in gold:
        value, base = in_base_unit(g.value, g.unit)
        high, _ = in_base_unit(g.high, g.unit)
        curated.append((g.verbatim, (g.comparator, value, high, base)))
    draft = draft_plan(text, indicators=indicators, categories=categories, keep_later=False)
    drafted: list[tuple[int, Hashable, str]] = []
    for d in draft.targets:
        if d.comparator in _UNSCORED:
            continue
        key = (d.comparator, normalized(d.base_value), normalized(d.base_high), d.base_unit)
        offset = d.figure_offset if d.figure_offset is not None else d.offset
        drafted.append((offset, key, f"{d.comparator.value} {d.value} {d.unit} | {d.quote}"))
    return score(text, curated, drafted)


def corpus_scores(
    directory: Path,
    *,
    indicators: Sequence[Indicator] = (),
    categories: Sequence[Category] = (),
) -> list[tuple[str, Score]]:
    """One score per document of ``directory`` that has a gold list, by file name."""
    out: list[tuple[str, Score]] = []
    for gold_path in sorted(directory.glob("*.targets.tsv")):
        name = gold_path.name.removesuffix(".targets.tsv")
        text = (directory / f"{name}.txt").read_text(encoding="utf-8")
        s = document_score(text, read_gold(gold_path), indicators=indicators, categories=categories)
        out.append((name, s))
    return out


def total(scores: Sequence[Score]) -> Score:
    """The scores of several documents summed."""
    return Score(
        found=sum(s.found for s in scores),
        drafted=sum(s.drafted for s in scores),
        recalled=sum(s.recalled for s in scores),
        curated=sum(s.curated for s in scores),
        misses=tuple(m for s in scores for m in s.misses),
        extras=tuple(e for s in scores for e in s.extras),
    )
