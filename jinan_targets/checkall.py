"""``jt check``: every plan and every log read once from the files, in bounded memory.

A log up to :data:`WHOLE_LOG_BYTES` is read whole, as any command reads it, and let go before
the next. A bigger one is checked a piece at a time (:mod:`logpieces`): its retractions are
kept (they are few), and of every other record only two hashes, of what an older retraction
names it by (indicator, period, ``recorded_at``) and of what a retraction by digest names it by.
Once the whole log is read, the records the retractions withdraw are known without holding the
rest. The quotes of each record are checked as it passes; the problems found are kept until the
end and dropped for a record that turns out to be withdrawn, as a whole read would never look at
it. Memory stays that of one piece and of the keys that catch exact copies.
"""

from __future__ import annotations

import os
import stat
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .dataset import Problem, Workspace
from .model import Outcome
from .outcomes import Checked, check_pieces
from .validation import ambiguous_retractions
from .workspace import outside

__all__ = ["WHOLE_LOG_BYTES", "check_all"]

WHOLE_LOG_BYTES = 8 << 20  # a log up to this size is read whole
Visit = Callable[[str, Outcome], list[Problem]]


def check_all(ws: Workspace, visit: Visit | None = None) -> int:
    """Read every plan and log once, keeping only their problems. ``visit`` is asked about each
    figure in force (the quote checks); what it finds is added to ``ws.problems``. Returns how
    many figures are in force."""
    ws.scan_all()
    for key in sorted(ws.plan_files):
        ws.plan(*key)
    count = 0
    for key in sorted(ws.log_files):
        place, year = key
        path = ws.log_files[key]
        fh = _open(path) if _big(ws, path) else None
        if fh is not None:
            with fh:
                count += _in_pieces(ws, place, year, path, fh, visit)
            continue
        figures = ws.outcomes_for(place, years=[year])
        if visit is not None:
            for o in figures:
                ws.problems.extend(visit(place, o))
        count += len(figures)
        ws.forget(place, year)
    return count


def _big(ws: Workspace, path: Path) -> bool:
    if outside(path, ws.root):
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > WHOLE_LOG_BYTES


def _open(path: Path) -> BinaryIO | None:
    """The log opened for reading, or None when it cannot be (then it is read whole, which
    names why)."""
    try:
        return path.open("rb")
    except OSError:
        return None


def _checked(ws: Workspace, path: Path, year: int, fh: BinaryIO) -> Iterator[Checked]:
    """Every record of the log that passes, a piece at a time; its problems go to ``ws``."""
    for _, piece in check_pieces(ws.indicators, path, fh, year):
        ws.problems.extend(piece.problems)
        yield from piece.records


def _in_pieces(
    ws: Workspace, place: str, year: int, path: Path, fh: BinaryIO, visit: Visit | None
) -> int:
    retractions: list[Outcome] = []
    by_time, by_digest = array("q"), array("q")
    pending: list[tuple[int, int, list[Problem]]] = []
    for c in _checked(ws, path, year, fh):
        o = c.outcome
        if o.retracts is not None:
            retractions.append(o)
            continue
        named = hash((o.indicator, o.period, o.recorded_at)), hash((o.indicator, o.period, c.key))
        by_time.append(named[0])
        by_digest.append(named[1])
        if visit is not None and (found := visit(place, o)):
            pending.append((*named, found))
    old = {
        hash((r.indicator, r.period, r.retracts)) for r in retractions if r.retracts_digest is None
    }
    new = {
        hash((r.indicator, r.period, r.retracts_digest))
        for r in retractions
        if r.retracts_digest is not None
    }
    withdrawn = 0
    if old or new:
        withdrawn = sum(1 for t, d in zip(by_time, by_digest, strict=True) if t in old or d in new)
    for t, d, found in pending:
        if t not in old and d not in new:
            ws.problems.extend(found)
    if old and max(Counter(t for t in by_time if t in old).values(), default=0) > 1:
        fh.seek(0)  # an older retraction names records sharing a recorded_at: which ones
        shared = [
            c.outcome
            for c in _checked(Workspace(root=ws.root, indicators=ws.indicators), path, year, fh)
            if c.outcome.retracts is None
            and hash((c.outcome.indicator, c.outcome.period, c.outcome.recorded_at)) in old
        ]
        ws.problems.extend(ambiguous_retractions(path, retractions + shared))
    return len(by_time) - withdrawn
