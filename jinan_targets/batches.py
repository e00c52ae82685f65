"""Batches in an outcome log: the records of one import are in force all together or not at all.

A batch is written with one append: each record's naming comment ends ``· batch <id>``, and
the batch ends with a footer line naming the id, the number of records and one digest over
their digests::

    # 城镇新增就业 2026-Q1 · 1f0c…e2 · batch 5d1c0a9b7e3f
    [[outcome]]
    …
    # 批次结束 batch 5d1c0a9b7e3f end: 2 records · 9a0b…77

Both are TOML comments, so the log stays a plain TOML file. A batch without its footer (an import
killed halfway) is left out whole and named by ``jt check``; a writer holds the log's lock
for the whole batch, so only the last batch of a log can still be being written.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from pathlib import Path

from .dataset import Problem
from .tomlfile import Lines

__all__ = [
    "FOOTER_B",
    "HEADER_B",
    "MEMBER_B",
    "batch_digest",
    "footer_text",
    "incomplete",
    "member_of",
    "new_batch_id",
]

MARK = "· batch "
_MARK = MARK.encode("utf-8")
_MEMBER = re.compile(r"^#.*· batch ([0-9a-f]{12})\s*$")
MEMBER_B = re.compile(rb"^#[^\n]*\xc2\xb7 batch ([0-9a-f]{12})[ \t\r]*$", re.M)
FOOTER_B = re.compile(
    rb"^#[^\n]*\bbatch ([0-9a-f]{12}) end: (\d+) records? \xc2\xb7 ([0-9a-f]{16})[ \t\r]*$", re.M
)
HEADER_B = re.compile(rb"^[ \t]*\[\[[ \t]*outcome[ \t]*\]\]", re.M)


def new_batch_id() -> str:
    return secrets.token_hex(6)


def batch_digest(digests: Sequence[str]) -> str:
    """One digest over the digests of a batch's records, in order."""
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()[:16]


def footer_text(batch: str, digests: Sequence[str]) -> str:
    n = len(digests)
    return f"\n# 批次结束 batch {batch} end: {n} record{'s' if n != 1 else ''} · " + (
        f"{batch_digest(digests)}\n"
    )


def member_of(comment: str) -> str | None:
    """The batch a record belongs to, from the comment line just above its header."""
    m = _MEMBER.match(comment)
    return m.group(1) if m else None


def _footers(raw: bytes) -> set[str]:
    return {m.group(1).decode("ascii") for m in FOOTER_B.finditer(raw)}


def incomplete(
    path: Path,
    raw: bytes,
    lines: Lines,
    count: int,
    first_line: int,
    finished: set[str] | frozenset[str] = frozenset(),
) -> tuple[set[int], list[Problem]]:
    """The records (by position in ``raw``) of batches whose footer is missing (from ``raw``
    and from ``finished``: the batches whose footer a later piece of the log holds), and one
    problem naming each such batch."""
    if _MARK not in raw:
        return set(), []
    done = _footers(raw) | finished
    heads = lines.tables.get("outcome", [])
    open_batches: dict[str, list[int]] = {}
    for i in range(min(count, len(heads))):
        n = heads[i]
        batch = member_of(lines.lines[n - 2]) if n >= 2 else None
        if batch is not None and batch not in done:
            open_batches.setdefault(batch, []).append(i)
    out: set[int] = set()
    problems = []
    for batch, members in open_batches.items():
        out.update(members)
        a, b = heads[members[0]] + first_line, heads[members[-1]] + first_line
        where = f"line {a}" if a == b else f"lines {a}–{b}"
        problems.append(
            Problem(
                path,
                a,
                "",
                f"未完成的批次 incomplete batch {batch}: {len(members)} record(s) on {where} "
                "belong to a write that never finished (an interrupted import?) and are left "
                "out; delete them once checked",
            )
        )
    return out, problems
