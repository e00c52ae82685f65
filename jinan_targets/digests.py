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
from typing import Any

from .model import Outcome, dump

__all__ = ["outcome_digest", "record_key"]


def _canonical(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | Decimal):
        return format(Decimal(value).normalize(), "f")  # 16, 16.0 and 1.6E+1 are one number
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def outcome_digest(fields: Mapping[str, Any]) -> str:
    """A short hash of a record's fields (all but ``digest``), as read back from TOML."""
    payload = _canonical({k: v for k, v in fields.items() if k != "digest"})
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_key(outcome: Outcome) -> str:
    """What names one record: its digest, or for a record written without one (by hand) the
    same hash of its fields. A retraction names the record it withdraws by this key."""
    return outcome.digest or outcome_digest(dump(outcome, exclude_none=True))
