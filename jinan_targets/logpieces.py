"""A big outcome log read a piece at a time, in bounded memory.

A log is cut only just after a record's digest line or a batch's footer line: no TOML table
spans such a cut, so each piece is checked on its own (:func:`outcomes.check_log`, given the
line and record numbers of what came before and the batches finished anywhere in the log, so a
batch spanning pieces is still whole). :func:`scan` finds, in one pass of regular expressions
over the file, where its complete records end (never inside a batch still being written) and
which batches have their footer; :func:`pieces` then hands out the bytes up to there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .batches import FOOTER_B, HEADER_B, MARK, MEMBER_B

__all__ = ["BOUNDARY", "PIECE", "Scan", "pieces", "scan"]

PIECE = 1 << 20  # bytes checked at a time
_MARK = MARK.encode("utf-8")
# The end of a complete record (its digest line) or of a complete batch (its footer).
BOUNDARY = re.compile(
    rb'\n(?:[ \t]*digest[ \t]*=[ \t]*"[0-9a-f]{16}"[ \t]*(?:#[^\n]*)?'
    rb"|#[^\n]*\bbatch [0-9a-f]{12} end: [^\n]*)\n"
)


@dataclass
class Scan:
    """What one pass over a log found: ``end`` (an offset in the file), just after the last
    complete record or batch, or at the start of a last batch whose footer is not written yet
    (a write in progress); and the ids of the batches whose footer comes before ``end``."""

    end: int
    footers: set[str] = field(default_factory=set)
    # (first, last) member comment lines of each batch without a footer: never cut between
    unfinished: list[tuple[int, int]] = field(default_factory=list)


def _blocks(fh: BinaryIO, start: int, stop: int | None) -> Iterator[tuple[int, bytes]]:
    """``(offset, bytes)`` blocks of whole lines from ``start`` to ``stop`` (default: the end),
    each beginning with the newline that ended the line before (so a line's match can see it)."""
    fh.seek(max(start - 1, 0))
    carry = fh.read(1) if start else b"\n"
    offset = start - 1  # the offset of carry's first byte
    left = None if stop is None else stop - start
    while True:
        want = PIECE if left is None else min(PIECE, left)
        data = fh.read(want) if want > 0 else b""
        if left is not None:
            left -= len(data)
        block = carry + data
        if not data:
            if len(block) > 1:
                yield offset, block
            return
        cut = block.rfind(b"\n") + 1
        if cut <= 1:  # one very long line so far: read on
            carry = block
            continue
        yield offset, block[:cut]
        carry, offset = block[cut - 1 :], offset + cut - 1


def scan(fh: BinaryIO, start: int = 0) -> Scan:
    """Where the complete records of the bytes from ``start`` end, and the batches finished.

    The same answer as looking at all the bytes at once: the end of the last digest or footer
    line, unless the last batch before it has no footer and nothing but its own records was
    written after it began (a batch being written), then that batch's first line."""
    end = start
    footers: set[str] = set()
    pending: list[str] = []  # footers after the last boundary so far
    first_member: dict[bytes, int] = {}
    last_member_at: dict[bytes, int] = {}
    last_member: bytes | None = None
    headers_after = 0  # record headers after the last batch member's comment line
    at_end: tuple[bytes | None, int] = (None, 0)  # last_member and headers_after, as of end
    for offset, block in _blocks(fh, start, None):
        if last_member is None and _MARK not in block and b" end: " not in block:
            last = None  # no batch so far: only where records end matters
            for last in BOUNDARY.finditer(block):  # noqa: B007 - the last match is wanted
                pass
            if last is not None:
                end = offset + last.end()
            continue
        events: list[tuple[int, int, re.Match[bytes]]] = []
        events += [(m.end(), 0, m) for m in BOUNDARY.finditer(block)]
        events += [(m.start(), 1, m) for m in MEMBER_B.finditer(block)]
        events += [(m.start(), 2, m) for m in HEADER_B.finditer(block)]
        events += [(m.start(), 3, m) for m in FOOTER_B.finditer(block)]
        events.sort(key=lambda e: (e[0], e[1]))
        for position, kind, m in events:
            if kind == 0:
                end = offset + position
                at_end = (last_member, headers_after)
                footers.update(pending)
                pending.clear()
            elif kind == 1:
                last_member, headers_after = m.group(1), 0
                first_member.setdefault(m.group(1), offset + m.start())
                last_member_at[m.group(1)] = offset + m.start()
            elif kind == 2:
                headers_after += 1
            else:
                pending.append(m.group(1).decode("ascii"))
    member, headers = at_end
    if member is not None and member.decode("ascii") not in footers and headers <= 1:
        end = first_member[member]
    unfinished = [
        (first, last_member_at[batch])
        for batch, first in first_member.items()
        if batch.decode("ascii") not in footers
    ]
    return Scan(end, footers, unfinished)


def pieces(fh: BinaryIO, start: int, found: Scan) -> Iterator[bytes]:
    """The bytes from ``start`` to ``found.end`` in pieces of about :data:`PIECE` bytes, each
    ending just after a digest or footer line (the last at the end), never inside a batch that
    was never finished (so it is named once, whole)."""
    fh.seek(start)
    left = found.end - start
    carry, base = b"", start  # base: the offset of carry's first byte
    while left > 0:
        data = fh.read(min(PIECE, left))
        if not data:  # the file shrank under us: what was read is all there is
            break
        left -= len(data)
        block = carry + data
        if left <= 0:
            carry = block
            break
        # A boundary line may begin in what was carried over: search from its last line.
        cut = 0
        for m in BOUNDARY.finditer(block, max(carry.rfind(b"\n"), 0)):
            if not any(a < base + m.end() <= b for a, b in found.unfinished):
                cut = m.end()
        if not cut:
            carry = block  # no complete record yet: read on
            continue
        yield block[:cut]
        carry, base = block[cut:], base + cut
    if carry:
        yield carry
