"""Records as plain dicts of their fields, for JSON and for writing TOML."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

__all__ = ["dump"]


def _plain(value: Any, as_json: bool, exclude_none: bool, decimals: bool = False) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dump(value, as_json=as_json, exclude_none=exclude_none, decimals=decimals)
    if isinstance(value, tuple | list):
        items = [_plain(v, as_json, exclude_none, decimals) for v in value]
        return items if as_json else tuple(items)
    if as_json:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, Decimal):
            return value if decimals else format(value, "f")
        if isinstance(value, datetime | date):
            return value.isoformat()
    return value


def dump(
    obj: Any,
    *,
    as_json: bool = False,
    exclude_none: bool = False,
    exclude: frozenset[str] | set[str] = frozenset(),
    decimals: bool = False,
) -> dict[str, Any]:
    """A record as a dict of its fields (for JSON: enums and dates as text, numbers as text, or
    with ``decimals`` as ``Decimal`` for :func:`jsonout.dumps` to write as exact numbers)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in exclude or (exclude_none and value is None):
            continue
        out[f.name] = _plain(value, as_json, exclude_none, decimals)
    return out
