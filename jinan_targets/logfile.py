"""Read an append-only outcome log, keeping every whole record whatever damage lies around it.

A log normally parses as one TOML document. When it does not (a write cut short by a crash or a
full disk, NUL padding left by a filesystem, a stray fragment), it is read record by record:
each record runs from its ``[[outcome]]`` header to its ``digest`` line, which ``jt record``
always writes last. Whatever lies between one record's digest and the next header, or before
the first header, belongs to no record: it is named by its own lines and ignored, so a damaged
tail never costs the good record before it or the good record appended after it. Lines are
decoded one by one, so a character cut in half damages only its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dataset import Problem
from .tomlfile import Lines, TomlError, parse_toml, toml_error

__all__ = ["LogRead", "read_log"]

TABLE = "outcome"
_HEADER = re.compile(r"^\s*\[\[\s*outcome\s*\]\]\s*(?:#.*)?$")
_DIGEST = re.compile(r'^\s*digest\s*=\s*"[0-9a-f]{16}"\s*(?:#.*)?$')


@dataclass
class LogRead:
    """The records of a log (None for a damaged one), where they are, and what was wrong."""

    data: dict[str, Any]
    lines: Lines
    problems: list[Problem] = field(default_factory=list)


def _harmless(line: str | None) -> bool:
    return line is not None and (not line.strip() or line.lstrip().startswith("#"))


def read_log(path: Path, raw: bytes, first_line: int = 0, first_seq: int = 0) -> LogRead:
    """Read ``raw`` (a whole log, or the piece of it after line ``first_line``). The problems
    it finds name lines of the whole file; ``LogRead.lines`` counts from the piece's start."""
    try:
        text = raw.decode("utf-8")
        return LogRead(parse_toml(text), Lines(text))
    except (UnicodeDecodeError, TomlError, RecursionError):
        pass
    lines: list[str | None] = []
    for piece in raw.split(b"\n"):
        try:
            lines.append(piece.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(None)
    headers = [i for i, line in enumerate(lines) if line is not None and _HEADER.match(line)]
    problems: list[Problem] = []

    def stray(start: int, end: int) -> None:
        """Report each run of lines in [start, end) that belongs to no record."""
        i = start
        while i < end:
            if _harmless(lines[i]):
                i += 1
                continue
            j = i
            while j < end and not _harmless(lines[j]):
                j += 1
            a, b = first_line + i + 1, first_line + j
            span = f"{a}" if a == b else f"{a}–{b}"
            problems.append(
                Problem(
                    path,
                    a,
                    "",
                    f"损坏的记录残片 damaged record fragment (an interrupted write?) on line "
                    f"{span} belongs to no record and is ignored; delete it once checked",
                )
            )
            i = j

    stray(0, headers[0] if headers else len(lines))
    records: list[dict[str, Any] | None] = []
    for n, head in enumerate(headers):
        following = headers[n + 1] if n + 1 < len(headers) else len(lines)
        end = next(
            (i + 1 for i in range(following - 1, head, -1) if (s := lines[i]) and _DIGEST.match(s)),
            None,
        )
        if end is None:  # no digest (written by hand, or cut short): up to the last key line
            end = following
            while end > head + 1 and _harmless(lines[end - 1]):
                end -= 1
        body = lines[head:end]
        problem = None
        parsed: list[Any] = []
        if any(line is None for line in body):
            problem = "invalid UTF-8 (a write cut inside a character?)"
        else:
            try:
                parsed = parse_toml("\n".join(line or "" for line in body)).get(TABLE, [])
            except (TomlError, RecursionError) as exc:
                line_no, msg = toml_error(exc, first_line + head)
                problem = msg + (f" at line {line_no}" if line_no else "")
        if problem is None and len(parsed) == 1 and isinstance(parsed[0], dict):
            records.append(parsed[0])
        else:
            problems.append(
                Problem(
                    path,
                    first_line + head + 1,
                    f"{TABLE}[{first_seq + n}]",
                    f"记录损坏 damaged record (an interrupted write?), left out: "
                    f"{problem or 'not one record'}; delete lines {first_line + head + 1}–"
                    f"{first_line + end} once checked",
                )
            )
            records.append(None)
        stray(end, following)
    text = "\n".join(line if line is not None else "\ufffd" for line in lines)
    return LogRead({TABLE: records}, Lines(text, {TABLE: [h + 1 for h in headers]}), problems)
