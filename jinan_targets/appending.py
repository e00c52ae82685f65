"""Append to an outcome log after checking against what it holds *now*, under its lock.

Two commands run at once must not both decide from what they read before either wrote: six
parallel ``jt undo`` would each withdraw the same record, and two identical ``jt record`` would
both pass the duplicate check. So the decision is taken inside the log's lock, on a fresh read.
"""

from __future__ import annotations

import os
import stat
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .dataset import Workspace, in_force
from .excerpt import excerpt
from .journal import append_batches, append_outcome, locked, record_key, record_text
from .model import Indicator, Outcome
from .period import Period, parse_period
from .recording import RecordError, duplicate_of
from .workspace import outside

__all__ = [
    "Retraction",
    "check_log_path",
    "figure_records",
    "record_batch",
    "record_outcome",
    "retract_latest",
]


def check_log_path(ws: Workspace, path: Path) -> None:
    """Refuse a log that is a symlink leading outside the workspace, or not a regular file."""
    if outside(path, ws.root):
        raise RecordError(
            f"{path}: 链接指向工作区之外 is a symlink leading outside the workspace; refused"
        )
    if os.path.lexists(path):
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            raise RecordError(f"{path}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(mode):
            raise RecordError(f"{path}: 不是普通文件 is not a regular file; refused")


def record_outcome(ws: Workspace, jurisdiction: str, outcome: Outcome) -> tuple[Path, str]:
    """Append ``outcome`` unless the log already holds the same figure; return (path, text)."""
    year = parse_period(outcome.period).year
    path = ws.outcomes_path(jurisdiction, year)
    check_log_path(ws, path)
    with locked([path]):
        current = figure_records(ws, jurisdiction, year, outcome.indicator, outcome.period)
        earlier = duplicate_of(in_force(current), outcome)
        if earlier is not None:
            shown = earlier.verdict.value if earlier.verdict else f"{earlier.value}"
            raise RecordError(
                f"重复 already recorded: {outcome.indicator} {outcome.period} {shown} "
                f"({earlier.vintage.value}, source {excerpt(earlier.source) or '—'}) was recorded "
                f"{earlier.recorded_at.isoformat(timespec='seconds')}; nothing written"
            )
        return path, append_outcome(path, outcome, lock=False)


def figure_records(
    ws: Workspace, jurisdiction: str, year: int, indicator: str, period: str
) -> list[Outcome]:
    """Every record of one indicator and period in a log as it is now (under its lock): from
    the index and the unindexed tail when there is one, so the cost does not grow with the
    log."""
    from .store import FreshLoader

    path = ws.outcomes_path(jurisdiction, year)
    if not os.path.lexists(path):
        return []
    ws.log_files[(jurisdiction, year)] = path
    loader = ws.loader
    if isinstance(loader, FreshLoader):
        return loader.load_figure(ws, jurisdiction, year, indicator, period)
    records = ws.reread_log(jurisdiction, year)
    return [o for o in records if (o.indicator, o.period) == (indicator, period)]


def _figure(o: Outcome) -> tuple[object, ...]:
    """What makes two records the same figure for an import: not when or from where."""
    return (o.indicator, o.period, o.value, o.verdict, o.vintage)


def record_batch(
    ws: Workspace, batch: list[tuple[str, Outcome]], *, dry_run: bool = False
) -> tuple[list[tuple[str, Outcome]], list[tuple[str, Outcome]]]:
    """Append a batch of (jurisdiction, record), one write per log, all logs locked together.
    A record stating a figure already in force (same indicator, period, value or verdict and
    vintage), or stated twice in the batch, is skipped. Returns (written, skipped)."""
    by_path: dict[Path, list[tuple[str, Outcome]]] = {}
    for place, outcome in batch:
        path = ws.outcomes_path(place, parse_period(outcome.period).year)
        if path not in by_path:
            check_log_path(ws, path)
        by_path.setdefault(path, []).append((place, outcome))
    written: list[tuple[str, Outcome]] = []
    skipped: list[tuple[str, Outcome]] = []
    batches: dict[Path, list[Outcome]] = {}
    with nullcontext() if dry_run else locked(by_path):
        for path, items in by_path.items():
            place, year = items[0][0], parse_period(items[0][1].period).year
            ws.refresh(place, year)  # as the log is now, under its lock
            indicators = sorted({o.indicator for _, o in items})
            seen = {_figure(o) for i in indicators for o in ws.indicator_outcomes(place, i, [year])}
            fresh: list[tuple[str, Outcome]] = []
            for item in items:
                figure = _figure(item[1])
                if figure in seen:
                    skipped.append(item)
                else:
                    seen.add(figure)
                    fresh.append(item)
            batches[path] = [o for _, o in fresh]
            written += fresh
        if not dry_run:
            append_batches(batches)  # every log's batch, or (on an error) none of them
    return written, skipped


@dataclass(frozen=True)
class Retraction:
    path: Path
    withdrawn: Outcome
    record: Outcome
    text: str


def retract_latest(
    ws: Workspace,
    jurisdiction: str,
    indicator: Indicator,
    period: Period | None,
    *,
    note: str,
    by: str,
    now: datetime,
    dry_run: bool = False,
) -> Retraction:
    """Withdraw the most recently recorded figure of ``indicator`` (of ``period``), deciding
    which one under the locks of every log it could be in. The retraction names that one
    record by its digest, so a record sharing its ``recorded_at`` stays in force."""
    years = [period.year] if period is not None else ws.log_years(jurisdiction)
    # Only logs that exist can hold a record to withdraw; no lock file is left for the others.
    paths = {y: path for y in years if os.path.lexists(path := ws.outcomes_path(jurisdiction, y))}
    years = list(paths)
    for path in paths.values():
        check_log_path(ws, path)
    with nullcontext() if dry_run else locked(paths.values()):
        for y in years:
            ws.refresh(jurisdiction, y)  # as the logs are now, under their locks
        candidates = [
            o
            for o in ws.indicator_outcomes(jurisdiction, indicator.id, years)
            if period is None or o.period == str(period)
        ]
        if not candidates:
            which = f" {period}" if period else ""
            raise RecordError(f"没有可撤回的记录 nothing to retract for {indicator.id}{which}")
        # The latest recorded; of two recorded at the same moment, the one written later.
        last = max(enumerate(candidates), key=lambda c: (c[1].recorded_at, c[0]))[1]
        retraction = Outcome(
            indicator=indicator.id,
            period=last.period,
            retracts=last.recorded_at,
            retracts_digest=record_key(last),
            vintage=last.vintage,
            note=note,
            by=by,
            recorded_at=now,
        )
        path = paths[parse_period(last.period).year]
        text = record_text(retraction) if dry_run else append_outcome(path, retraction, lock=False)
    return Retraction(path, last, retraction, text)
