"""What the index keeps of a validated catalog or plan: plain JSON, read back through the schema.

Nothing in the cache is ever a loader that can run code (no pickle): a catalog or a plan is
kept as the JSON of its validated models, and read back by validating that JSON against the
same schema, so a planted or damaged payload is at worst refused (and the file read again).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .model import Category, Indicator, Jurisdiction, Plan, Source
from .workspace import Problem

__all__ = ["decode", "encode"]

_FIELD_TYPES: dict[str, Any] = {
    "categories": dict[str, Category],
    "indicators": dict[str, Indicator],
    "fingerprint": str,
    "jurisdictions": dict[str, Jurisdiction],
    "sources": dict[str, Source],
    "plans": list[tuple[tuple[str, int], Plan]],  # JSON keys are text: pairs instead
}
_PROBLEMS = list[tuple[str, int | None, str, str, bool]]


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _problems_out(problems: list[Problem]) -> list[Any]:
    return [[str(p.path), p.line, p.field, p.message, p.fatal] for p in problems]


def _problems_in(raw: Any) -> list[Problem]:
    rows = _adapter(_PROBLEMS).validate_python(raw)
    return [Problem(Path(p), line, f, m, fatal) for p, line, f, m, fatal in rows]


def encode(values: dict[str, Any], problems: list[Problem], unreadable: dict[Path, Problem]) -> str:
    """The JSON text of what reading one document set."""
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if name == "plans":
            value = list(value.items())
        fields[name] = _adapter(_FIELD_TYPES[name]).dump_json(value).decode("utf-8")
    payload = {
        "fields": fields,
        "problems": _problems_out(problems),
        "unreadable": [[str(k), *_problems_out([v])[0]] for k, v in unreadable.items()],
    }
    return _adapter(dict[str, Any]).dump_json(payload).decode("utf-8")


def decode(text: str) -> tuple[dict[str, Any], list[Problem], dict[Path, Problem]]:
    """What :func:`encode` kept; raises ValueError for anything that is not such a payload."""
    payload = _adapter(dict[str, Any]).validate_json(text)
    if set(payload) != {"fields", "problems", "unreadable"}:
        raise ValueError("not an index payload")
    values: dict[str, Any] = {}
    for name, raw in dict(payload["fields"]).items():
        if name not in _FIELD_TYPES or not isinstance(raw, str):
            raise ValueError(f"unknown field {name!r}")
        value = _adapter(_FIELD_TYPES[name]).validate_json(raw)  # JSON mode: dates as text
        values[name] = dict(value) if name == "plans" else value
    unreadable = {}
    for row in payload["unreadable"]:
        key, *rest = row
        unreadable[Path(str(key))] = _problems_in([rest])[0]
    return values, _problems_in(payload["problems"]), unreadable
