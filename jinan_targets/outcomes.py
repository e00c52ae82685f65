"""Check the records of one outcome log (or of a piece appended to it) against the catalog.

:func:`check_log` is what both a fresh read and the derived index use, so the two cannot
disagree: a record is kept when its digest matches, its value fits its indicator's unit, it
validates against the schema, its period lies in the file's year, and it is not an exact copy
of an earlier record of the same file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from .batches import incomplete
from .dataset import Problem, in_force
from .journal import outcome_digest, record_key
from .logfile import read_log
from .logpieces import Scan, pieces, scan
from .model import Indicator, Kind, Outcome
from .period import PeriodError, parse_period
from .tomlfile import BOM, Lines, ReadError, open_regular
from .workspace import outside

__all__ = [
    "PIECES_OVER",
    "Checked",
    "LogCheck",
    "check_log",
    "check_pieces",
    "in_force",
    "outside",
    "read_log_file",
]


@dataclass(frozen=True)
class Checked:
    """A record that passed: its position in the file, its line and its content key."""

    seq: int
    line: int | None
    outcome: Outcome
    key: str


@dataclass
class LogCheck:
    records: list[Checked] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0  # [[outcome]] headers seen, damaged ones included


def _shift(problem: Problem, lines: int) -> Problem:
    if not lines or problem.line is None:
        return problem
    return problem._replace(line=problem.line + lines)


def check_log(
    indicators: Mapping[str, Indicator],
    path: Path,
    raw: bytes,
    year: int,
    *,
    first_line: int = 0,
    first_seq: int = 0,
    seen: dict[str, int] | None = None,
    finished: set[str] | frozenset[str] = frozenset(),
) -> LogCheck:
    """Check ``raw`` (a whole log, or the bytes appended to it after line ``first_line`` and
    record ``first_seq``). ``seen`` maps the content key of every earlier record to its number,
    so an exact copy is caught across pieces; it is updated. ``finished``: batches whose footer
    is in a later piece of the same log (:mod:`logpieces`)."""
    seen = {} if seen is None else seen
    if not raw.strip():
        return LogCheck()  # nothing to check (the usual case past an up-to-date index)
    from .validation import records

    read = read_log(path, raw, first_line, first_seq)
    result = LogCheck(problems=list(read.problems))
    problems: list[Problem] = []
    data, lines = read.data, read.lines
    for key in data:
        if key != "outcome":
            problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    rows = records(data, "outcome", path, lines, problems)
    result.count = len(rows)
    unfinished, batch_problems = incomplete(path, raw, lines, len(rows), first_line, finished)
    result.problems += batch_problems
    for i, raw_record in enumerate(rows):
        n = first_seq + i
        where = f"outcome[{n}]"
        if raw_record is None or i in unfinished:
            continue  # a damaged record, or one of a batch never finished: already reported
        unsealed = isinstance(raw_record, dict) and "digest" not in raw_record
        if unsealed and (cut := _cut_short(lines, i)) is not None:
            problems.append(Problem(path, lines.find("outcome", i), where, cut))
            continue
        outcome = _check_one(indicators, raw_record, path, lines, i, where, year, problems)
        if outcome is None:
            continue
        # Written by `jt record`, a record's digest already covers every field; else hash them.
        content = record_key(outcome)
        line = lines.find("outcome", i)
        if content in seen:
            problems.append(
                Problem(
                    path,
                    line,
                    where,
                    f"重复的记录 an exact copy of outcome[{seen[content]}] (a copy-paste?): "
                    "left out; delete it",
                )
            )
            continue
        seen[content] = n
        result.records.append(
            Checked(n, line + first_line if line is not None else None, outcome, content)
        )
    result.problems += [_shift(p, first_line) for p in problems]
    return result


_NAMED = re.compile(r"^#.* · ([0-9a-f]{16})(?: · batch [0-9a-f]{12})?\s*$")


def _cut_short(lines: Lines, i: int) -> str | None:
    """Why a record with no digest is a write cut short: ``jt`` names every record it writes by
    its digest in the comment above it, and writes the digest line last."""
    heads = lines.tables.get("outcome", [])
    n = heads[i] if i < len(heads) else 0
    m = _NAMED.match(lines.lines[n - 2]) if n >= 2 else None
    if m is None:
        return None
    return (
        f"记录不完整 record cut short: its comment names digest {m.group(1)} but it has no "
        "digest line (an interrupted write?); left out, as if never written"
    )


def _check_one(
    indicators: Mapping[str, Indicator],
    raw: object,
    path: Path,
    lines: Lines,
    i: int,
    where: str,
    year: int,
    problems: list[Problem],
) -> Outcome | None:
    from .validation import resolve_values, validate

    if isinstance(raw, dict) and "digest" in raw and outcome_digest(raw) != raw["digest"]:
        line = lines.find("outcome", i, "digest")
        message = "校验不符 digest mismatch: the record was altered or cut short; left out"
        problems.append(Problem(path, line, f"{where}.digest", message))
        return None
    if isinstance(raw, dict) and not resolve_values(
        raw, indicators, ("value",), (path, lines, "outcome", i, where), problems
    ):
        return None
    outcome = validate(Outcome, raw, path, lines, "outcome", i, where, problems)
    if outcome is None:
        return None
    assert isinstance(outcome, Outcome)
    ind = indicators.get(outcome.indicator)
    if ind is None:
        problems.append(
            Problem(
                path,
                lines.find("outcome", i, "indicator"),
                f"{where}.indicator",
                f"未知指标 unknown indicator '{outcome.indicator}'",
            )
        )
        return None
    if ind.kind is Kind.QUALITATIVE and outcome.value is not None:
        problems.append(
            Problem(
                path,
                lines.find("outcome", i, "value"),
                f"{where}.value",
                f"定性指标 '{ind.id}' takes a verdict, not a value",
            )
        )
        return None
    try:
        period = parse_period(outcome.period)
    except PeriodError as exc:  # pragma: no cover - validated by the model
        problems.append(Problem(path, lines.find("outcome", i, "period"), where, str(exc)))
        return None
    if not period.within(year):
        problems.append(
            Problem(
                path,
                lines.find("outcome", i, "period"),
                f"{where}.period",
                f"时期 {period} 不属于文件年度 not in this file's year {year}",
            )
        )
        return None
    return outcome


PIECES_OVER = 8 << 20  # a log bigger than this is read and checked a piece at a time


def check_pieces(
    indicators: Mapping[str, Indicator],
    path: Path,
    fh: BinaryIO,
    year: int,
    found: Scan | None = None,
    *,
    start: int = 0,
    first_line: int = 0,
    first_seq: int = 0,
    seen: Callable[[], dict[str, int]] | None = None,
) -> Iterator[tuple[bytes, LogCheck]]:
    """:func:`check_log` of a log file from ``start`` to ``found.end`` (default: the whole
    file, a torn tail too), a piece at a time (:mod:`logpieces`): each piece with its check,
    the same records and problems as checking the bytes at once, in the memory of one piece.
    ``seen`` gives the exact-copy keys for each piece (default: one dict for the whole file)."""
    if found is None:
        found = replace(scan(fh, start), end=os.fstat(fh.fileno()).st_size)
    keys: dict[str, int] = {}
    lines, count = first_line, first_seq
    for n, piece in enumerate(pieces(fh, start, found)):
        text = piece[len(BOM) :] if start == 0 and n == 0 and piece.startswith(BOM) else piece
        result = check_log(
            indicators, path, text, year, first_line=lines, first_seq=count,
            seen=keys if seen is None else seen(), finished=found.footers,
        )  # fmt: skip
        lines += piece.count(b"\n")
        count += result.count
        yield piece, result


def read_log_file(
    indicators: Mapping[str, Indicator], root: Path, path: Path, year: int
) -> tuple[LogCheck, bool]:
    """Read and check a whole log afresh (a big one a piece at a time, never parsed whole).
    Returns the check and whether the file could be read at all (a symlink leading outside
    ``root``, a FIFO or an unreadable file cannot)."""
    if outside(path, root):
        message = "链接指向工作区之外 a symlink pointing outside the workspace; skipped"
        return LogCheck(problems=[Problem(path, None, "", message)]), False
    try:
        with open_regular(path) as fh:
            if os.fstat(fh.fileno()).st_size <= PIECES_OVER:
                raw = fh.read()
                raw = raw[len(BOM) :] if raw.startswith(BOM) else raw
                return check_log(indicators, path, raw, year), True
            out = LogCheck()
            for _, piece in check_pieces(indicators, path, fh, year):
                out.records += piece.records
                out.problems += piece.problems
                out.count += piece.count
            return out, True
    except (ReadError, OSError) as exc:
        message = str(exc) if isinstance(exc, ReadError) else f"无法读取 cannot read: {exc}"
        return LogCheck(problems=[Problem(path, None, "", message)]), False
