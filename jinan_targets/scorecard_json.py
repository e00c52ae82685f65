"""The scorecard as JSON: the stable contract ``jinan-targets/scorecard/1`` (documented in the
README, with its JSON Schema shipped in ``jinan_targets/output_schemas``). Judging returns values
(:mod:`scorecard`); this module and :mod:`text` word them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .assess import Assessment
from .jsonout import number, ratio, span
from .scorecard import Scorecard
from .text import target_text

__all__ = ["SCHEMA", "scorecard_dict"]

SCHEMA = "jinan-targets/scorecard/1"


def scorecard_dict(
    card: Scorecard, lang: str = "zh", before: Mapping[str, Assessment] | None = None
) -> dict[str, Any]:
    """The ``jinan-targets/scorecard/1`` contract (documented in the README); with ``before``
    (``--changed-since``) each row also carries what it was then."""
    rows: list[dict[str, Any]] = []
    for row in card.rows:
        a, t, ind = row.assessment, row.target, row.indicator
        actual = a.actual
        rows.append(
            {
                "indicator": ind.id,
                "name": ind.name,
                "name_en": ind.name_en,
                "category": row.category.id,
                "category_name": row.category.name,
                "unit": ind.unit,
                "kind": ind.kind.value,
                "direction": ind.direction.value,
                "comparator": t.comparator.value,
                "target": number(t.value),
                "target_high": number(t.high),
                "target_text": target_text(t, ind),
                "target_text_en": target_text(t, ind, "en"),
                "band": number(a.band),
                "reference": t.reference,
                "period": actual.period if actual else None,
                **span(actual.period if actual else None),
                "actual": number(actual.value) if actual else None,
                "verdict": actual.verdict.value if actual and actual.verdict else None,
                "vintage": actual.vintage.value if actual else None,
                "final": a.final,
                "status": a.status.value,
                "completion": ratio(a.completion),
                "gap": number(a.gap),
                "time_progress": ratio(a.time_progress),
                "schedule_gap": ratio(a.schedule_gap),
                "progress": ratio(a.progress),
                "required_pace": ratio(a.required_pace),
                "reference_actual": number(a.reference.value) if a.reference else None,
                "baseline": number(a.baseline.value) if a.baseline else None,
                "section": t.section,
                "quote": t.quote,
                "source": row.source,
                "source_title": card.source_title(row.source),
                "actual_source": actual.source if actual else None,
                "actual_source_title": card.source_title(actual.source) if actual else None,
                "actual_published": actual.as_of.isoformat() if actual and actual.as_of else None,
                "actual_quote": actual.quote if actual else None,
                "actual_note": actual.note if actual else None,
                "target_note": t.note,
                "notes": list(a.notes),
            }
        )
        if before is not None and ind.id in before:
            old = before[ind.id]
            rows[-1]["before"] = {
                "status": old.status.value,
                "period": old.actual.period if old.actual else None,
                "actual": number(old.actual.value) if old.actual else None,
                "vintage": old.actual.vintage.value if old.actual else None,
            }
    return {
        "schema": SCHEMA,
        "jurisdiction": {
            "id": card.jurisdiction.id,
            "name": card.jurisdiction.name,
            "name_en": card.jurisdiction.name_en,
        },
        "year": card.year,
        "as_of": str(card.as_of) if card.as_of else None,
        "as_recorded": card.known_by.isoformat() if card.known_by else None,
        "plan": {
            "title": card.plan.plan.title,
            "doc_number": card.plan.plan.doc_number,
            "source": card.plan.plan.source,
            "source_title": card.source_title(card.plan.plan.source),
        },
        "rows": rows,
        "summary": card.summary,
    }
