"""The append-only outcome log: one ``[[outcome]]`` record per write, never a rewrite.

An append takes a cross-process lock (filelock), writes the whole record with one ``write`` on a
file opened with O_APPEND, and fsyncs. It never reads the log, so its cost does not grow with
the log. A write that fails (a full disk) is cut back to where it began before the error is
raised: a failed write is never in force. Every record ends with ``digest``, and the comment
naming it gives the digest too: a record cut short by a crash either fails to parse, fails its
digest or lacks the digest its comment promises, and the loader leaves it out and says so; it is
never taken for a different figure. Several records are appended as one batch
(:mod:`batches`): in force all together once its footer is written, else not at all.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import tomli_w

from .atomic import fsync_dir
from .batches import MARK, footer_text, new_batch_id
from .digests import outcome_digest, record_key
from .model import OUTCOME_FIELDS, Outcome, dump

__all__ = [
    "LOG_HEADER",
    "append_batches",
    "append_outcome",
    "append_outcomes",
    "clean_decimal",
    "locked",
    "outcome_digest",
    "record_key",
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


def record_text(outcome: Outcome, batch: str | None = None) -> str:
    """The TOML text one record is appended as: a blank line, a comment naming the record
    (and its batch), the ``[[outcome]]`` header and its keys. The comment line is unique, so
    git's union merge keeps two records appended on different branches apart instead of fusing
    their headers."""
    return _record(_fields(outcome), batch)


def _record(fields: dict[str, Any], batch: str | None) -> str:
    name = f"# {fields['indicator']} {fields['period']} · {fields['digest']}"
    if batch is not None:
        name += f" {MARK}{batch}"
    return f"\n{name}\n[[outcome]]\n" + tomli_w.dumps(fields)


def batch_text(outcomes: Iterable[Outcome]) -> str:
    """The text of several records appended as one batch: each names the batch, and a footer
    with one digest over theirs ends it. Empty for no records."""
    batch = new_batch_id()
    records = [_fields(o) for o in outcomes]
    if not records:
        return ""
    body = "".join(_record(fields, batch) for fields in records)
    return body + footer_text(batch, [f["digest"] for f in records])


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
    """Append several records as one batch (the caller holds the log's lock): in force all
    together, or, if the write fails or is cut short, not at all."""
    return append_batches({path: list(outcomes)})[path]


def append_batches(batches: Mapping[Path, list[Outcome]]) -> dict[Path, str]:
    """Append one batch to each of several logs (the caller holds their locks); if any write
    fails, every log is cut back to where it was and the error raised: all or nothing."""
    texts = {path: batch_text(outcomes) for path, outcomes in batches.items()}
    done: list[tuple[Path, int | None]] = []
    try:
        for path, text in texts.items():
            if text:
                done.append((path, _size(path)))
                _append(path, text)
    except BaseException:
        for path, size in reversed(done[:-1]):  # the failed one has cut itself back
            _cut_back(path, size)
        raise
    return texts


def _size(path: Path) -> int | None:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return None


def _cut_back(path: Path, size: int | None) -> None:
    """Undo an append that succeeded, as part of a batch that did not (under the lock)."""
    try:
        if size is None:
            os.unlink(path)
        else:
            os.truncate(path, size)
    except OSError:  # pragma: no cover - nothing more can be done; the error follows
        pass


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


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
        try:
            _write_all(fd, payload)
        except BaseException:
            # A full disk, an interrupt: what landed is cut back, so a failed write is never in
            # force (and a retry is not refused as a copy of it).
            with contextlib.suppress(OSError):
                os.ftruncate(fd, info.st_size)
                os.fsync(fd)
            if created and info.st_size == 0:
                with contextlib.suppress(OSError):
                    os.unlink(path)
            raise
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)
