"""What a plan draft holds: the targets drafted, the goals for later years, the indicators
proposed, and the paragraphs with figures that gave no target, with why."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Comparator, Indicator

__all__ = ["DraftTarget", "PlanDraft", "Skipped"]


@dataclass(frozen=True)
class DraftTarget:
    """One drafted promise. ``indicator`` is a catalog id or a proposal's id (``proposal``
    set); ``review`` lists what a person should check."""

    indicator: str
    name: str
    comparator: Comparator
    value: Decimal | None
    high: Decimal | None
    unit: str  # as printed: 万人, 亿元, %
    quote: str
    offset: int  # of the quote in the original text
    figure_offset: int | None  # of the figure itself
    section: str
    period: str | None = None
    reference: str | None = None
    reference_scope: str = ""  # 省 or 国 for 高于全省/全国: the jurisdiction to compare with
    proposal: Indicator | None = None
    review: tuple[str, ...] = ()
    base_value: Decimal | None = None  # in base units (人, 元, %), for comparison
    base_high: Decimal | None = None
    base_unit: str = ""
    subject: str = ""  # what the text calls it, when it has a figure


@dataclass(frozen=True)
class Skipped:
    """A paragraph with figures that gave no target of the year, and why: ``reason`` is
    ``review`` (it looks back), ``aside`` (a quoted voice, a headline), ``past`` (its sentences
    report, 预计/同比/去年) or ``later`` (goals for a later year, kept apart)."""

    offset: int  # of the paragraph in the original text
    words: str  # its first words
    reason: str
    why: str
    figures: int


@dataclass(frozen=True)
class PlanDraft:
    year: int | None
    targets: tuple[DraftTarget, ...]
    later: tuple[DraftTarget, ...] = ()  # goals for a later year, left out of ``targets``
    proposals: tuple[Indicator, ...] = field(default=())
    skipped: tuple[Skipped, ...] = ()
    figures: int = 0  # quantities the document holds, targets or not
