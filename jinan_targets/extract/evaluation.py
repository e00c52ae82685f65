"""How well the extractor redoes the curated dataset: the scores the tests hold it to and
``benchmarks/extraction.py`` prints.

Targets: plans/jinan/2026.toml from seed 003 and plans/jinan/2024.toml from seed 002, keyed by
(comparator, value, unit); qualitative targets (no figure) are left out on both sides.
Outcomes: the records curated from seed 003's section 一 (2025), seed 002's 2023 figures and
seed 000's 2026-Q1 figures, keyed by (indicator, value, period).
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from ..dataset import Workspace
from ..model import Comparator, Indicator
from ..store import load_workspace
from .reported import draft_outcomes
from .scoring import Score, in_base_unit, normalized, score
from .targets import draft_plan

__all__ = ["OUTCOME_CASES", "TARGET_CASES", "outcome_scores", "target_scores"]

SEED_2026 = "003_a011f88a423f782e.txt"
SEED_2024 = "002_b0255db324f54625.txt"
SEED_Q1 = "000_af7b0fdd1eebcc7a.txt"
TARGET_CASES = ((SEED_2026, 2026), (SEED_2024, 2024))
# (source, year of the log, period the text is about when it does not say, the only period
# scored: section 一 of seed 003 reports 2025 and the 十四五 years; seed 002 is scored on its
# 2023 figures, seed 000 on its 2026-Q1 figures)
OUTCOME_CASES = (
    (SEED_2026, 2025, "2025", None),
    (SEED_2024, 2023, "2023", "2023"),
    (SEED_Q1, 2026, "2026-Q1", "2026-Q1"),
)


def _text(ws: Workspace, name: str) -> str:
    return (ws.root / "sources" / name).read_text(encoding="utf-8")


def target_scores(plans: Path) -> list[tuple[str, Score]]:
    ws = load_workspace(plans)
    out: list[tuple[str, Score]] = []
    for source, year in TARGET_CASES:
        plan = ws.plan("jinan", year)
        assert plan is not None, f"plans/jinan/{year}.toml is missing"
        curated: list[tuple[str, Hashable]] = []
        for t in plan.target:
            if t.comparator is Comparator.QUALITATIVE:
                continue
            unit = ws.indicators[t.indicator].unit
            value, base = in_base_unit(t.value, unit)
            high, _ = in_base_unit(t.high, unit)
            curated.append((t.quote, (t.comparator, value, high, base)))
        text = _text(ws, source)
        draft = draft_plan(
            text,
            year=year,
            indicators=list(ws.indicators.values()),
            categories=list(ws.categories.values()),
            keep_later=False,
        )
        drafted: list[tuple[int, Hashable, str]] = []
        for d in draft.targets:
            if d.comparator is Comparator.QUALITATIVE:
                continue
            key = (d.comparator, normalized(d.base_value), normalized(d.base_high), d.base_unit)
            offset = d.figure_offset if d.figure_offset is not None else d.offset
            label = f"{d.comparator.value} {d.value} {d.unit} | {d.quote}"
            drafted.append((offset, key, label))
        out.append((f"targets {year} ({source[:3]})", score(text, curated, drafted)))
    return out


def outcome_scores(plans: Path) -> list[tuple[str, Score]]:
    ws = load_workspace(plans)
    indicators: list[Indicator] = list(ws.indicators.values())
    out: list[tuple[str, Score]] = []
    places = {j.name: j.id for j in ws.jurisdictions.values()}
    for source, year, period, only in OUTCOME_CASES:
        curated: list[tuple[str, Hashable]] = []
        for o in ws.outcomes_for("jinan", years=[year]):
            if o.source != source or o.value is None or o.is_retraction:
                continue
            if only is not None and o.period != only:
                continue
            curated.append((o.quote, (o.indicator, o.value.normalize(), o.period)))
        text = _text(ws, source)
        draft = draft_outcomes(
            text,
            period=period,
            indicators=indicators,
            places=places,
            home=ws.jurisdictions["jinan"].name,
        )
        kept = [
            d for d in draft.outcomes if not d.jurisdiction and (only is None or d.period == only)
        ]
        drafted: list[tuple[int, Hashable, str]] = [
            (
                d.figure_offset,
                (d.indicator, d.value.normalize(), d.period),
                f"{d.indicator} {d.value} {d.period} | {d.quote}",
            )
            for d in kept
        ]
        out.append((f"outcomes {period} ({source[:3]})", score(text, curated, drafted)))
    return out
