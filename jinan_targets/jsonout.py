"""JSON as every command writes it: one type per field, numbers exact.

A figure is a JSON number everywhere (``scorecard``, ``record``, ``import``, ``history``,
``targets`` …), written from its ``Decimal`` exactly as accepted: ``0.000000000001`` stays
``0.000000000001``, never ``0`` nor ``1e-12``. Read it back with ``json.loads(text,
parse_float=decimal.Decimal)`` to keep every digit. Ratios computed by judging (完成率, 时序进度)
are rounded to six places; they are derived, not reported.
"""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any

__all__ = ["dumps", "number", "ratio", "span"]


def number(value: Decimal | None) -> Decimal | None:
    """A figure for JSON, exact (trailing zeros dropped: 5.50 is the number 5.5)."""
    return value


def span(period: object) -> dict[str, str | None]:
    """``period_start`` and ``period_end`` of a period (or its text), ISO dates that sort and
    join: ``2026-H1`` runs 2026-01-01…2026-06-30, ``2026-07..09`` 2026-07-01…2026-09-30."""
    from .period import Period, PeriodError, parse_period

    if period is None:
        return {"period_start": None, "period_end": None}
    try:
        p = period if isinstance(period, Period) else parse_period(str(period))
    except PeriodError:
        return {"period_start": None, "period_end": None}
    return {"period_start": p.first_day.isoformat(), "period_end": p.last_day.isoformat()}


def ratio(value: Decimal | None, places: int = 6) -> Decimal | None:
    """A derived ratio for JSON, rounded to ``places`` decimals."""
    if value is None:
        return None
    return Decimal(_text(value.quantize(Decimal(1).scaleb(-places))))


def _text(value: Decimal) -> str:
    if not value.is_finite():
        return "null"
    text = format(value, "f")  # no exponent, every digit (normalize() would round to 28)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as JSON text, with every ``Decimal`` written as an exact JSON number."""
    token = secrets.token_hex(8)
    numbers: list[str] = []

    def mark(value: Any) -> Any:
        if isinstance(value, Decimal):
            numbers.append(_text(value))
            return f"{token}:{len(numbers) - 1}"
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(obj), ensure_ascii=False, indent=indent)
    if not numbers:
        return text
    return re.sub(f'"{token}:([0-9]+)"', lambda m: numbers[int(m.group(1))], text)
