"""Validate TOML tables against the schema, locating every problem by file, line and field.

Shared by the plan loader (:mod:`store`) and the outcome-log checker (:mod:`outcomes`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .dataset import Problem
from .model import Indicator, Outcome
from .quantity import QuantityError, parse_quantity, to_unit
from .tomlfile import Lines
from .visible import first_control, visible

__all__ = [
    "ambiguous_retractions",
    "control_problems",
    "parse",
    "records",
    "resolve_values",
    "validate",
]

T = TypeVar("T")


@cache
def _adapter(model: type) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def parse(model: type[T], data: Any) -> T:
    """Validate ``data`` (as read from TOML) into ``model``; raises pydantic's ValidationError."""
    adapter: TypeAdapter[Any] = _adapter(model)  # type: ignore[arg-type]
    result: T = adapter.validate_python(data)
    return result


def _pydantic_problems(
    exc: ValidationError, path: Path, lines: Lines, table: str | None, index: int, prefix: str
) -> Iterator[Problem]:
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        key = loc[0] if loc else None
        msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        missing = err["type"] in ("missing", "missing_keyword_only_argument", "missing_argument")
        if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = "未知字段 unknown key"
        elif missing:
            msg = "缺少字段 missing required field"
        line = lines.find(table, index, None if missing else key)
        where = ".".join(p for p in [prefix, *loc] if p)
        yield Problem(path, line, where, msg)


def validate(
    model: type,
    data: Any,
    path: Path,
    lines: Lines,
    table: str | None,
    index: int,
    prefix: str,
    problems: list[Problem],
) -> Any:
    if not isinstance(data, dict):
        problems.append(Problem(path, lines.find(table, index), prefix, "须为表 must be a table"))
        return None
    problems.extend(control_problems(data, path, lines, table, index, prefix))
    try:
        return _adapter(model).validate_python(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, path, lines, table, index, prefix))
        return None


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a TOML value, with where it sits (``aliases[2]``, ``band.note``)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")


def control_problems(
    data: Mapping[str, Any], path: Path, lines: Lines, table: str | None, index: int, prefix: str
) -> Iterator[Problem]:
    """A problem for every field holding a control character, a line or paragraph separator
    or a bidi mark: what ``jt record`` refuses in input is flagged in a file (the text is
    still shown, with the character escaped)."""
    for key, value in data.items():
        if isinstance(value, str):
            if value.isprintable():  # the usual field: nothing to look for (see first_control)
                continue
        elif not isinstance(value, list | dict):
            continue  # a number, a date: no text
        for where, text in _strings(value, str(key)):
            if (found := first_control(text)) is None:
                continue
            char = found.group(0)
            yield Problem(
                path,
                lines.find(table, index, str(key)),
                ".".join(p for p in (prefix, where) if p),
                f"含控制字符 contains a control character (or a separator or bidi mark) "
                f"U+{ord(char):04X} {visible(char)} at position {found.start() + 1}",
            )


def records(
    data: dict[str, Any], key: str, path: Path, lines: Lines, problems: list[Problem]
) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(Problem(path, lines.find(key), key, f"须为[[{key}]]表数组 array of tables"))
        return []
    return value


def resolve_values(
    raw: dict[str, Any],
    indicators: Mapping[str, Indicator],
    keys: tuple[str, ...],
    where: tuple[Path, Lines, str, int, str],
    problems: list[Problem],
) -> bool:
    """Turn ``value = "15万人"`` into a Decimal in the indicator's unit; False on failure."""
    path, lines, table, index, prefix = where
    ok = True
    indicator = indicators.get(str(raw.get("indicator", "")))
    for key in keys:
        value = raw.get(key)
        if isinstance(value, bool | float):
            problems.append(
                Problem(
                    path,
                    lines.find(table, index, key),
                    f"{prefix}.{key}",
                    "须为数值 must be a number",
                )
            )
            ok = False
        elif isinstance(value, int):
            raw[key] = Decimal(value)
        elif isinstance(value, str):
            if indicator is None:
                continue  # reported as an unknown indicator
            try:
                raw[key] = to_unit(parse_quantity(value), indicator.unit, what=indicator.name)
            except QuantityError as exc:
                line = lines.find(table, index, key)
                problems.append(Problem(path, line, f"{prefix}.{key}", str(exc)))
                ok = False
    return ok


def ambiguous_retractions(path: Path, log: list[Outcome]) -> list[Problem]:
    """A retraction that names its record only by ``recorded_at`` (as older logs hold), when two
    or more records of that indicator and period share it: it withdraws them all, though it was
    meant for one. ``jt undo`` names the record by its digest instead (``retracts_digest``)."""
    old = [o for o in log if o.retracts is not None and o.retracts_digest is None]
    if not old:
        return []
    shared: dict[tuple[str, str, datetime], list[Outcome]] = {}
    for o in log:
        if o.retracts is None:
            shared.setdefault((o.indicator, o.period, o.recorded_at), []).append(o)
    problems = []
    for r in old:
        assert r.retracts is not None
        meant = shared.get((r.indicator, r.period, r.retracts), [])
        if len(meant) > 1:
            shown = ", ".join(str(o.value if o.value is not None else o.verdict) for o in meant)
            problems.append(
                Problem(
                    path,
                    None,
                    "outcome.retracts",
                    f"撤回对象不唯一 ambiguous retraction: {r.indicator} {r.period} retracts "
                    f"{r.retracts.isoformat()}, which {len(meant)} records share ({shown}); "
                    "all are withdrawn. Add retracts_digest naming the one meant",
                )
            )
    return problems
