"""Every scorecard of the workspace as one long table (``jt export --all`` as CSV or XLSX).

One row per target of every jurisdiction-year with a plan: the jurisdiction and year first, then
the fields of the scorecard contract (``jinan-targets/scorecard/1``) in its order, with
``period_start``/``period_end`` so rows sort by date. Figures stay exact decimals.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["PREFIX", "long_csv", "long_table", "safe_text"]

PREFIX = ("jurisdiction", "jurisdiction_name", "year", "as_of")
_NESTED = ("before",)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ gets an apostrophe."""
    return "'" + value if value.startswith(_FORMULA) else value


def long_table(cards: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The header and the rows of the scorecard documents ``cards``."""
    fields: list[str] = []
    for card in cards:
        for row in card["rows"]:
            fields += [k for k in row if k not in fields and k not in _NESTED]
    header = [*PREFIX, *fields]
    rows: list[list[Any]] = []
    for card in cards:
        juris = card["jurisdiction"]
        head = [juris["id"], juris["name"], card["year"], card["as_of"]]
        for row in card["rows"]:
            values = []
            for key in fields:
                value = row.get(key)
                if isinstance(value, list):
                    value = "；".join(str(v) for v in value)
                values.append(value)
            rows.append(head + values)
    return header, rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return safe_text(value)
    return str(value)


def long_csv(cards: Sequence[Mapping[str, Any]]) -> str:
    """The long table as CSV text (UTF-8 with a BOM is the writer's business)."""
    header, rows = long_table(cards)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()
