"""Rename an indicator id everywhere a workspace uses it: the catalog, every plan and every
outcome log, each file rewritten under the locks as a temp file renamed into place.

Outcome records keep a digest over their fields, so a record that names the old id gets its
digest recomputed (and the comment line above it, which names the id and digest, follows); a
record whose digest did not match before (damaged, or edited by hand) keeps it, and stays left
out. Only the lines that hold the id change: comments and layout stay as they were, and each
rewrite is checked by reading it back before it replaces the file.

The order keeps the workspace whole at every step, so an interrupted rename loses nothing and
`jt check` passes at any point: first the catalog gains the new id beside the old (a copy of
its entry), then each plan and log moves to the new id, then the old entry goes. Running the
same rename again finishes one that was cut short.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .atomic import replace_file
from .catalog_edit import CatalogError
from .excerpt import excerpt
from .journal import outcome_digest
from .tomlfile import Lines, ReadError, TomlError, parse_toml, read_bytes
from .workspace import INDICATORS_FILE, Workspace, outside

__all__ = ["Renamed", "rename_indicator"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER = re.compile(r"^\s*\[\[\s*outcome\s*\]\]\s*(?:#.*)?$")


@dataclass
class Renamed:
    """What a rename changed (or, with ``dry_run``, would change)."""

    old: str
    new: str
    files: list[Path] = field(default_factory=list)
    targets: int = 0
    records: int = 0
    resumed: bool = False


def _key_line(key: str, value: str) -> re.Pattern[str]:
    return re.compile(rf"^(\s*{key}\s*=\s*)([\"']){re.escape(value)}\2(\s*(?:#.*)?)$")


def _swap(line: str, key: str, old: str, new: str) -> str | None:
    m = _key_line(key, old).match(line)
    return f"{m.group(1)}{m.group(2)}{new}{m.group(2)}{m.group(3)}" if m else None


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = read_bytes(path).decode("utf-8")
        return text, parse_toml(text)
    except (ReadError, UnicodeDecodeError, TomlError, RecursionError) as exc:
        raise CatalogError(
            f"{path}: 无法读取 cannot be read ({excerpt(str(exc))}); fix it first (`jt check`), "
            "nothing was renamed"
        ) from None


def _unsafe(path: Path) -> CatalogError:
    return CatalogError(
        f"{path}: 无法安全改写 cannot be rewritten safely (the id is written in an unusual "
        "layout); nothing was renamed: edit it by hand"
    )


def _catalog_steps(path: Path, text: str, data: dict[str, Any], old: str, new: str) -> list[str]:
    """The catalog with both ids (the new entry right after the old), and with the new only."""
    entries = [e for e in data.get("indicator", []) if isinstance(e, dict)]
    lines = Lines(text)
    starts = lines.tables.get("indicator", [])
    index = next((i for i, e in enumerate(entries) if e.get("id") == old), None)
    if index is None or len(starts) != len(data.get("indicator", [])):
        raise _unsafe(path)
    rows = text.split("\n")
    first = starts[index] - 1
    after = sorted(n for ns in lines.tables.values() for n in ns if n > starts[index])
    last = (after[0] - 1 if after else len(rows)) - 1
    while last > first and (not rows[last].strip() or rows[last].lstrip().startswith("#")):
        last -= 1  # blank and comment lines before the next table belong to it
    block = rows[first : last + 1]
    swapped = [_swap(r, "id", old, new) for r in block]
    if sum(s is not None for s in swapped) != 1:
        raise _unsafe(path)
    copy = [s if s is not None else r for r, s in zip(block, swapped, strict=True)]
    already = any(e.get("id") == new for e in entries)
    both = text if already else "\n".join([*rows[: last + 1], "", *copy, *rows[last + 1 :]])
    # The old entry goes with the blank line that the copy brought.
    only = rows[:first] + rows[last + 1 :]
    if only[first : first + 1] == [""] and first > 0 and only[first - 1] == "":
        del only[first]
    final = "\n".join(only) if already else "\n".join(rows[:first] + copy + rows[last + 1 :])
    renamed = {**entries[index], "id": new}
    want_both = entries if already else [*entries[: index + 1], renamed, *entries[index + 1 :]]
    want_final = [e for e in entries if e.get("id") != old] if already else [
        renamed if i == index else e for i, e in enumerate(entries)
    ]  # fmt: skip
    for step, want in ((both, want_both), (final, want_final)):
        if parse_toml(step).get("indicator") != want:
            raise _unsafe(path)
    return [both, final]


def _plan_text(path: Path, text: str, data: dict[str, Any], old: str, new: str) -> tuple[str, int]:
    rows = text.split("\n")
    count = 0
    for n, row in enumerate(rows):
        for key in ("indicator", "reference"):
            swapped = _swap(row, key, old, new)
            if swapped is not None:
                rows[n] = swapped
                count += key == "indicator"
    out = "\n".join(rows)
    want = dict(data)
    want["target"] = [
        {k: (new if k in ("indicator", "reference") and v == old else v) for k, v in t.items()}
        if isinstance(t, dict)
        else t
        for t in data.get("target", [])
    ]
    if parse_toml(out) != want:
        raise _unsafe(path)
    return out, count


def _log_text(path: Path, text: str, data: dict[str, Any], old: str, new: str) -> tuple[str, int]:
    rows = text.split("\n")
    heads = [n for n, row in enumerate(rows) if _HEADER.match(row)]
    records = data.get("outcome", [])
    if len(heads) != len(records):
        raise _unsafe(path)
    want: list[Any] = []
    count = 0
    renamed: dict[str, str] = {}  # old digest → new, for the retractions that name them
    for number, (start, record) in enumerate(zip(heads, records, strict=True)):
        end = heads[number + 1] if number + 1 < len(heads) else len(rows)
        if not isinstance(record, dict) or record.get("indicator") != old:
            want.append(record)
            continue
        fixed = {**record, "indicator": new}
        named = record.get("retracts_digest")
        if isinstance(named, str) and named in renamed:
            fixed["retracts_digest"] = renamed[named]
        digest = record.get("digest")
        if isinstance(digest, str) and outcome_digest(record) == digest:
            fixed["digest"] = outcome_digest(fixed)
            renamed[digest] = str(fixed["digest"])
        changes = {"indicator": (old, new)}
        if fixed.get("digest") != digest:
            changes["digest"] = (str(digest), str(fixed["digest"]))
        if fixed.get("retracts_digest") != named:
            changes["retracts_digest"] = (str(named), str(fixed["retracts_digest"]))
        hits = 0
        for n in range(start + 1, end):
            for key, (was, becomes) in changes.items():
                swapped = _swap(rows[n], key, was, becomes)
                if swapped is not None:
                    rows[n], hits = swapped, hits + 1
                    break
        if hits != len(changes):
            raise _unsafe(path)
        above = start - 1
        if above >= 0 and rows[above].startswith(f"# {old} "):
            rows[above] = rows[above].replace(f"# {old} ", f"# {new} ", 1)
            if fixed.get("digest") != digest:
                rows[above] = rows[above].replace(f"· {digest}", f"· {fixed['digest']}")
        want.append(fixed)
        count += 1
    out = "\n".join(rows)
    if parse_toml(out) != {**data, "outcome": want}:
        raise _unsafe(path)
    return out, count


def _data_files(ws: Workspace, old: str) -> list[Path]:
    """Plans and logs under the workspace whose text holds ``old`` (a quick filter)."""
    found = []
    needle = old.encode("utf-8")
    for place in sorted(ws.places):
        directory = ws.root / place
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            path = directory / name
            if name.startswith(".") or not name.endswith(".toml") or outside(path, ws.root):
                continue
            try:
                if path.is_file() and needle in read_bytes(path):
                    found.append(path)
            except ReadError:
                continue
    return found


def rename_indicator(ws: Workspace, old: str, new: str, *, dry_run: bool = False) -> Renamed:
    """Rename indicator ``old`` to ``new`` in the catalog, the plans and the logs. Raises
    CatalogError (nothing written) for a bad or taken id or a file that cannot be rewritten
    safely, OSError when a write fails (the workspace stays whole; run the rename again)."""
    from .journal import locked

    if not _ID.match(new) or len(new) > 64:
        raise CatalogError(
            f"指标代码无效 bad indicator id {excerpt(new)}: lower-case letters, digits and '_', "
            "starting with a letter (urban_new_jobs)"
        )
    if old == new:
        raise CatalogError(f"新旧代码相同 the new id is the old one ({old})")
    if old not in ws.indicators:
        raise CatalogError(f"未知指标 unknown indicator id {excerpt(old)} (see `jt indicators`)")
    catalog = ws.root / INDICATORS_FILE
    result = Renamed(old, new)
    if new in ws.indicators:
        mine, theirs = ws.indicators[old], ws.indicators[new]
        if replace(mine, id=new) != theirs:
            raise CatalogError(
                f"指标已存在 indicator {new!r} already exists ({theirs.name}); choose another id"
            )
        result.resumed = True  # an earlier rename was cut short: finish it
    data_files = _data_files(ws, old)
    with locked([catalog, *(p for p in data_files if p.name.endswith(".outcomes.toml"))]):
        text, data = _read(catalog)
        steps = _catalog_steps(catalog, text, data, old, new)
        rewrites: list[tuple[Path, str]] = []
        for path in data_files:
            body, parsed = _read(path)
            if path.name.endswith(".outcomes.toml"):
                out, n = _log_text(path, body, parsed, old, new)
                result.records += n
            else:
                out, n = _plan_text(path, body, parsed, old, new)
                result.targets += n
            if out != body:
                rewrites.append((path, out))
        result.files = [catalog, *(p for p, _ in rewrites)]
        if dry_run:
            return result
        if steps[0] != text:
            replace_file(catalog, steps[0].encode("utf-8"))
        for path, out in rewrites:
            replace_file(path, out.encode("utf-8"))
        replace_file(catalog, steps[1].encode("utf-8"))
    return result
