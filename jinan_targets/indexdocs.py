"""What the index keeps of a validated catalog or plan: plain JSON, rebuilt by type.

Nothing in the cache is ever read with a loader that can run code (no pickle): a catalog or a
plan is kept as the JSON of its validated records, and read back by building each record from
the field types the schema declares (text, numbers as exact decimals, dates, enums, nested
records). The records were validated when first read, so reading them back needs no validator
(a warm command never imports pydantic); a payload that does not fit the declared types is
refused, and the file is read again.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from .dataset import Problem
from .model import Category, Indicator, Jurisdiction, Plan, Source
from .plain import dump

__all__ = ["decode", "decode_rest", "encode", "encode_rest"]

# What each document sets on the workspace, as (kind of container, record type).
_FIELDS: dict[str, tuple[str, type | None]] = {
    "categories": ("dict", Category),
    "indicators": ("dict", Indicator),
    "fingerprint": ("text", None),
    "jurisdictions": ("dict", Jurisdiction),
    "sources": ("dict", Source),
    "plans": ("plans", Plan),  # keyed by (jurisdiction, year): kept as pairs
}


class PayloadError(ValueError):
    """A cached payload that is not what this module writes."""


def _json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dump(value, as_json=True)
    return value


def _problem_out(p: Problem) -> list[Any]:
    return [str(p.path), p.line, p.field, p.message, p.fatal]


def _problem_in(raw: Any) -> Problem:
    if not isinstance(raw, list) or len(raw) != 5:
        raise PayloadError("not a problem")
    path, line, field, message, fatal = raw
    ok = isinstance(line, int | type(None)) and isinstance(fatal, bool)
    if not (ok and isinstance(path, str) and isinstance(field, str) and isinstance(message, str)):
        raise PayloadError("not a problem")
    return Problem(Path(path), line, field, message, fatal)


def encode(values: dict[str, Any], problems: list[Problem], unreadable: dict[Path, Problem]) -> str:
    """The JSON text of what reading one document set."""
    fields: dict[str, Any] = {}
    for name, value in values.items():
        kind, _ = _FIELDS[name]
        if kind == "dict":
            fields[name] = {k: _json(v) for k, v in value.items()}
        elif kind == "plans":
            fields[name] = [[list(k), _json(v)] for k, v in value.items()]
        else:
            fields[name] = value
    payload = {
        "fields": fields,
        "problems": [_problem_out(p) for p in problems],
        "unreadable": [[str(k), _problem_out(v)] for k, v in unreadable.items()],
    }
    return json.dumps(payload, ensure_ascii=False)


def decode(text: str) -> tuple[dict[str, Any], list[Problem], dict[Path, Problem]]:
    """What :func:`encode` kept; raises ValueError for anything that is not such a payload."""
    try:
        payload = json.loads(text, parse_float=Decimal)
        if not isinstance(payload, dict) or set(payload) != {"fields", "problems", "unreadable"}:
            raise PayloadError("not an index payload")
        values: dict[str, Any] = {}
        if not isinstance(payload["fields"], dict):
            raise PayloadError("not an index payload")
        for name, raw in payload["fields"].items():
            if name not in _FIELDS:
                raise PayloadError(f"unknown field {name!r}")
            kind, record = _FIELDS[name]
            if kind == "dict" and isinstance(raw, dict) and record is not None:
                values[name] = {str(k): _build(record, v) for k, v in raw.items()}
            elif kind == "plans" and isinstance(raw, list) and record is not None:
                plans = {}
                for (place, year), plan in raw:
                    if not isinstance(place, str) or type(year) is not int:
                        raise PayloadError("not a plan key")
                    plans[(place, year)] = _build(record, plan)
                values[name] = plans
            elif kind == "text" and isinstance(raw, str):
                values[name] = raw
            else:
                raise PayloadError(f"field {name!r} is not what was written")
        problems = [_problem_in(p) for p in payload["problems"]]
        unreadable = {Path(str(k)): _problem_in(v) for k, v in payload["unreadable"]}
    except (TypeError, KeyError, AttributeError, InvalidOperation, RecursionError) as exc:
        raise PayloadError(str(exc)) from None
    return values, problems, unreadable


def encode_rest(rows: list[tuple[object, ...]], problems: list[Problem]) -> str:
    """The JSON of the check of a log's unindexed tail: its records' columns, its problems."""
    return json.dumps({"rows": rows, "problems": [_problem_out(p) for p in problems]},
                      ensure_ascii=False)  # fmt: skip


def decode_rest(text: str, width: int) -> tuple[list[list[str | None]], list[Problem]]:
    """What :func:`encode_rest` kept: rows of ``width`` text-or-null columns, and problems."""
    try:
        payload = json.loads(text)
        rows = payload["rows"]
        ok = isinstance(rows, list) and all(
            isinstance(r, list) and len(r) == width and all(isinstance(c, str | None) for c in r)
            for r in rows
        )
        if not ok:
            raise PayloadError("not rows")
        return rows, [_problem_in(p) for p in payload["problems"]]
    except (TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise PayloadError(str(exc)) from None


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)  # Annotated[...] stripped to the plain type


def _build(cls: type, raw: Any) -> Any:
    """A record of ``cls`` from its JSON, as it was validated (no checks run again)."""
    if not isinstance(raw, dict):
        raise PayloadError(f"{cls.__name__}: not a table")
    hints = _hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    if not set(raw) <= fields:
        raise PayloadError(f"{cls.__name__}: unknown fields")
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in raw:
            values[f.name] = _value(hints[f.name], raw[f.name])
        elif f.default is not dataclasses.MISSING:
            values[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            values[f.name] = f.default_factory()
        else:
            raise PayloadError(f"{cls.__name__}: {f.name} missing")
    record: Any = object.__new__(cls)
    record.__dict__.update(values)
    return record


def _value(kind: Any, raw: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if raw is None and type(None) in options:
            return None
        rest = [o for o in options if o is not type(None)]
        if len(rest) != 1:
            raise PayloadError("ambiguous type")
        return _value(rest[0], raw)
    if origin is tuple:
        if not isinstance(raw, list):
            raise PayloadError("not a list")
        return tuple(_value(typing.get_args(kind)[0], v) for v in raw)
    if origin is typing.Literal:
        if raw not in typing.get_args(kind):
            raise PayloadError("not one of the allowed values")
        return raw
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _build(kind, raw)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(raw)
    if kind is Decimal and isinstance(raw, str):
        return Decimal(raw)
    if kind is datetime and isinstance(raw, str):
        return datetime.fromisoformat(raw)
    if kind is date and isinstance(raw, str):
        return date.fromisoformat(raw)
    if kind in (str, int, bool) and type(raw) is kind:
        return raw
    raise PayloadError(f"not a {getattr(kind, '__name__', kind)}")
