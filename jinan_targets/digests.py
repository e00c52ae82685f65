"""The digest that names one outcome record: a short hash of its fields as read back from TOML.

A plain function of the record, so the loaded data (:func:`dataset.in_force`) can tell which
record a retraction names without reaching the module that writes logs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from typing import Any

from .model import Outcome, dump

__all__ = ["outcome_digest", "record_key"]


def _number(value: int | Decimal) -> str:
    return format(Decimal(value).normalize(), "f")  # 16, 16.0 and 1.6E+1 are one number


def _canonical(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | Decimal):
        return _number(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def _canonical_text(fields: Mapping[str, Any]) -> str:
    payload = _canonical({k: v for k, v in fields.items() if k != "digest"})
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _flat_text(fields: Mapping[str, Any]) -> str | None:
    """:func:`_canonical_text` of a record whose keys are text and whose values are scalars of
    the exact types TOML reads (as every record of a log is), written directly as json.dumps
    would; None for any other (an enum, a table, an array), which takes the general road."""
    try:
        keys = sorted(fields)  # as sort_keys does: text keys are their own canonical form
    except TypeError:
        return None
    parts = []
    for key in keys:
        if type(key) is not str:
            return None
        if key == "digest":
            continue
        value = fields[key]
        kind = type(value)
        if kind is str:
            text = encode_basestring(value)
        elif kind is datetime or kind is date:
            text = encode_basestring(value.isoformat())
        elif kind is Decimal:
            text = encode_basestring(format(value.normalize(), "f"))  # as _number does
        elif kind is int:
            text = encode_basestring(_number(value))
        elif kind is bool:
            text = "true" if value else "false"
        elif value is None:
            text = "null"
        else:
            return None
        parts.append(f"{encode_basestring(key)}:{text}")
    return "{" + ",".join(parts) + "}"


def outcome_digest(fields: Mapping[str, Any]) -> str:
    """A short hash of a record's fields (all but ``digest``), as read back from TOML."""
    text = _flat_text(fields)
    if text is None:
        text = _canonical_text(fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_key(outcome: Outcome) -> str:
    """What names one record: its digest, or for a record written without one (by hand) the
    same hash of its fields. A retraction names the record it withdraws by this key."""
    return outcome.digest or outcome_digest(dump(outcome, exclude_none=True))
