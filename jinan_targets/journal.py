"""The append-only outcome log: one ``[[outcome]]`` record per write, never a rewrite.

An append takes a cross-process lock (filelock), writes the whole record with one ``write`` on a
file opened with O_APPEND, and fsyncs. It never reads the log, so its cost does not grow with
the log. Every record ends with ``digest``: a record cut short by a crash or a full disk either
fails to parse or fails its digest, and the loader leaves it out and says so; it is never taken
for a different figure.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import tomli_w

from .model import OUTCOME_FIELDS, Outcome, dump

__all__ = [
    "LOG_HEADER",
    "append_outcome",
    "append_outcomes",
    "clean_decimal",
    "locked",
    "outcome_digest",
    "record_text",
]

LOG_HEADER = (
    "#:schema ../.schemas/outcomes.schema.json\n"
    "# Append-only outcome log: one [[outcome]] per figure and vintage; later records never edit\n"
    "# earlier ones. Values are in the indicator's unit (plans/indicators.toml).\n"
)
LOCK_TIMEOUT = 60.0
# Keys in the order a record is written; its digest follows last, so a cut-off record is always
# incomplete.
_ORDER = tuple(f for f in OUTCOME_FIELDS if f != "digest")


def clean_decimal(value: Decimal) -> Decimal:
    """1.6E+3 → 1600, 4.20 → 4.2: the plain form written to the log."""
    n = value.normalize()
    exponent = n.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        n = n.quantize(Decimal(1))
    return n


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


def _fields(outcome: Outcome) -> dict[str, Any]:
    dumped = dump(outcome, exclude_none=True, exclude={"digest"})
    fields: dict[str, Any] = {}
    for key in _ORDER:
        if key not in dumped:
            continue
        value = dumped[key]
        if key in ("source", "quote", "by", "note") and value == "":
            continue
        if isinstance(value, Enum):
            value = value.value
        if isinstance(value, Decimal):
            value = clean_decimal(value)
        fields[key] = value
    fields["digest"] = outcome_digest(fields)
    return fields


def record_text(outcome: Outcome) -> str:
    """The TOML text one record is appended as: a blank line, a comment naming the record,
    the ``[[outcome]]`` header and its keys. The comment line is unique, so git's union merge
    keeps two records appended on different branches apart instead of fusing their headers."""
    fields = _fields(outcome)
    name = f"# {fields['indicator']} {fields['period']} · {fields['digest']}"
    return f"\n{name}\n[[outcome]]\n" + tomli_w.dumps(fields)


@contextmanager
def locked(paths: Iterable[Path]) -> Iterator[None]:
    """Hold the cross-process locks of several logs (taken in a fixed order, so two commands
    never wait on each other): what is decided inside sees every earlier append."""
    from filelock import FileLock  # only writes need it

    with ExitStack() as stack:
        for path in sorted(set(paths)):
            path.parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT))
        yield


def append_outcome(path: Path, outcome: Outcome, *, lock: bool = True) -> str:
    """Append ``outcome`` to the log at ``path`` durably; return the text written. With
    ``lock=False`` the caller already holds the log's lock (see :func:`locked`)."""
    text = record_text(outcome)
    if lock:
        with locked([path]):
            _append(path, text)
    else:
        _append(path, text)
    return text


def append_outcomes(path: Path, outcomes: Iterable[Outcome]) -> str:
    """Append several records with one write (the caller holds the log's lock): a batch lands
    whole or, if the write itself fails, not at all beyond what the system wrote."""
    text = "".join(record_text(o) for o in outcomes)
    if text:
        _append(path, text)
    return text


def _append(path: Path, text: str) -> None:
    created = not os.path.lexists(path)
    # O_NONBLOCK: a FIFO put in the log's place fails at once instead of waiting for a reader.
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags, 0o644)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path.name} 不是普通文件 is not a regular file")
        payload = ((LOG_HEADER if info.st_size == 0 else "") + text).encode("utf-8")
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
