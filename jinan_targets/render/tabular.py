"""The CSV export: one row per target with the JSON contract's fields (XLSX: :mod:`.xlsx`).

Spreadsheet programs run cells that start with = + - @ as formulas. Text cells starting so are
neutralised with a leading apostrophe. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..report import Report

# The contract's row fields first, then the extras, in a stable order.
FIELDS = (
    "indicator",
    "name",
    "name_en",
    "category",
    "unit",
    "kind",
    "comparator",
    "target",
    "target_high",
    "period",
    "actual",
    "vintage",
    "status",
    "completion",
    "gap",
    "time_progress",
    "schedule_gap",
    "progress",
    "required_pace",
    "source",
    "source_title",
    "category_name",
    "direction",
    "target_text",
    "band",
    "reference",
    "reference_actual",
    "baseline",
    "verdict",
    "final",
    "section",
    "quote",
    "actual_source",
    "actual_source_title",
    "actual_published",
    "actual_quote",
    "actual_note",
    "target_note",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)": shown as text, never evaluated."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def render_csv(report: Report) -> str:
    """UTF-8 text with a byte-order mark, so Excel shows the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in report.contract["rows"]:  # type: ignore[attr-defined]
        writer.writerow([_csv_value(row.get(field)) for field in FIELDS])
    return "\ufeff" + buffer.getvalue()
