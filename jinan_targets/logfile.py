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
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .dataset import Problem
from .model import OUTCOME_FIELDS
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
        return LogRead(_as_written(text) or parse_toml(text), Lines(text))
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


# A log as `jt record` writes it: comment and blank lines, and records whose keys come one to a
# line in the schema's order, each value a one-line string, a number, a date or a date and time
# with its offset. Such a log is read by one pattern a record, to the values the TOML parser
# reads; any other text (a key out of order, a table, an array, a multi-line string, CRLF) is
# left to the parser.
_STRING = r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[^\x00-\x1f\x7f])*"'
_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?"  # as tomli_w writes them
_DAY = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_CLOCK = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{6})?"
_MOMENT = rf"{_DAY}(?: {_CLOCK}[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"  # as TOML bounds them
_ASIDE = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*\n|\n)*"  # comment and blank lines
_RECORD = re.compile(
    _ASIDE
    + r"\[\[outcome\]\]\n"
    + "".join(f"(?:{key} = ({_STRING}|{_NUMBER}|{_MOMENT})\n)?" for key in OUTCOME_FIELDS)
)
_TAIL = re.compile(_ASIDE + r"\Z")


def _written_value(text: str) -> Any:
    """A value as the TOML parser reads it (ValueError when it is no valid TOML)."""
    if text[0] == '"':
        if "\\" in text:  # an escape: the parser reads it
            return parse_toml(f"v = {text}")["v"]
        return text[1:-1]
    if len(text) >= 10 and text[4] == "-":
        return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    return Decimal(text) if "." in text or "e" in text else int(text)


def _as_written(text: str) -> dict[str, Any] | None:
    """:func:`parse_toml` of a log made only of what ``jt record`` writes; None for any other."""
    records: list[dict[str, Any]] = []
    match, pos, end = _RECORD.match, 0, len(text)
    try:
        while pos < end and (m := match(text, pos)) is not None:
            fields = {}
            for key, value in zip(OUTCOME_FIELDS, m.groups(), strict=True):
                if value is None:
                    continue
                if value[0] == '"' and "\\" not in value:  # the usual plain text, as it is
                    fields[key] = value[1:-1]
                else:
                    fields[key] = _written_value(value)
            records.append(fields)
            pos = m.end()
    except (ValueError, TomlError):
        return None
    if not _TAIL.match(text, pos):
        return None
    return {TABLE: records} if records else {}
