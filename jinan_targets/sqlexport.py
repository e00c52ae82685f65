"""The data as one SQLite file for people who query: jurisdictions, categories, indicators,
plans, targets, every outcome record (every vintage, retractions marked), the judged scorecard
rows, foreign keys, indexes and a view of the figures in force. Opens in sqlite-utils,
Datasette, DuckDB or pandas. Numbers are REAL for querying, with the exact decimal beside them.
Every period carries ``period_start`` and ``period_end`` (ISO dates), so ``ORDER BY period_end``
finds the latest figure (the period text itself does not sort: ``2026-H1`` < ``2026-Q1``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from .dataset import Workspace, in_force
from .model import Outcome
from .period import Period, parse_period
from .quantity import format_number
from .scorecard import Scorecard

__all__ = ["SCHEMA", "fill_database", "write_sqlite"]

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE jurisdictions (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, level TEXT NOT NULL,
    parent TEXT REFERENCES jurisdictions (id));
CREATE TABLE categories (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL);
CREATE TABLE indicators (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, unit TEXT NOT NULL,
    kind TEXT NOT NULL, direction TEXT NOT NULL,
    category TEXT NOT NULL REFERENCES categories (id), aliases TEXT NOT NULL, note TEXT);
CREATE TABLE plans (
    jurisdiction TEXT NOT NULL REFERENCES jurisdictions (id), year INTEGER NOT NULL,
    title TEXT NOT NULL, doc_number TEXT, published TEXT, source TEXT NOT NULL,
    source_title TEXT, PRIMARY KEY (jurisdiction, year));
CREATE TABLE targets (
    jurisdiction TEXT NOT NULL, year INTEGER NOT NULL,
    indicator TEXT NOT NULL REFERENCES indicators (id), period TEXT NOT NULL,
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, comparator TEXT NOT NULL,
    value REAL, value_exact TEXT, high REAL, band REAL,
    reference TEXT REFERENCES indicators (id), reference_jurisdiction TEXT,
    section TEXT, quote TEXT NOT NULL, source TEXT, note TEXT,
    PRIMARY KEY (jurisdiction, year, indicator, period),
    FOREIGN KEY (jurisdiction, year) REFERENCES plans (jurisdiction, year));
CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY, jurisdiction TEXT NOT NULL REFERENCES jurisdictions (id),
    indicator TEXT NOT NULL REFERENCES indicators (id), period TEXT NOT NULL, year INTEGER,
    period_start TEXT NOT NULL, period_end TEXT NOT NULL,
    value REAL, value_exact TEXT, verdict TEXT, vintage TEXT NOT NULL, source TEXT, quote TEXT,
    published TEXT, recorded_by TEXT, note TEXT, recorded_at TEXT NOT NULL, digest TEXT,
    retracts TEXT, in_force INTEGER NOT NULL);
CREATE INDEX outcomes_by_indicator ON outcomes (jurisdiction, indicator, period_end);
CREATE TABLE scorecard (
    jurisdiction TEXT NOT NULL, year INTEGER NOT NULL,
    indicator TEXT NOT NULL REFERENCES indicators (id), as_of TEXT, status TEXT NOT NULL,
    period TEXT, period_start TEXT, period_end TEXT, actual REAL, vintage TEXT,
    completion REAL, gap REAL, time_progress REAL, schedule_gap REAL, required_pace REAL,
    FOREIGN KEY (jurisdiction, year) REFERENCES plans (jurisdiction, year));
CREATE INDEX scorecard_by_target ON scorecard (jurisdiction, year, indicator);
CREATE INDEX scorecard_by_status ON scorecard (status);
CREATE VIEW figures_in_force AS
    SELECT jurisdiction, indicator, period, period_start, period_end, year, value, value_exact,
           verdict, vintage, source, published, recorded_at
    FROM outcomes WHERE in_force = 1 AND retracts IS NULL;
"""


def _real(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _span(period: Period | str | None) -> tuple[str | None, str | None]:
    """A period's first and last day, ISO dates that sort and join."""
    if period is None:
        return None, None
    p = parse_period(period) if isinstance(period, str) else period
    return p.first_day.isoformat(), p.last_day.isoformat()


def _exact(value: Decimal | None) -> str | None:
    """The exact decimal as plain text: 4, 5.4, 1600."""
    return format_number(value) if value is not None else None


def write_sqlite(
    path: Path,
    ws: Workspace,
    cards: Sequence[Scorecard],
    places: Sequence[str] = (),
    *,
    mode: int | None = None,
) -> None:
    """Write the catalogs, the plans of ``cards`` with their judged rows, and every record of
    the logs of ``places`` (default: the cards' jurisdictions) to a new SQLite file at ``path``
    (built aside, then renamed), with ``mode`` (default: 0666 less the umask). On a failure
    (a full disk) nothing is left behind."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".db", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            fill_database(conn, ws, cards, places or sorted({c.jurisdiction.id for c in cards}))
            conn.commit()
        finally:
            conn.close()
        if mode is None:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, f"{tmp}-journal", f"{tmp}-wal", f"{tmp}-shm"):
            Path(leftover).unlink(missing_ok=True)
        raise


def fill_database(
    conn: sqlite3.Connection, ws: Workspace, cards: Sequence[Scorecard], places: Sequence[str]
) -> None:
    """Create the tables in ``conn`` and fill them (the SQLite file, and the Parquet files)."""
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO jurisdictions VALUES (?, ?, ?, ?, ?)",
        [(j.id, j.name, j.name_en, j.level, j.parent) for j in ws.jurisdictions.values()],
    )
    conn.executemany(
        "INSERT INTO categories VALUES (?, ?, ?)",
        [(c.id, c.name, c.name_en) for c in ws.categories.values()],
    )
    conn.executemany(
        "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i.id,
                i.name,
                i.name_en,
                i.unit,
                i.kind.value,
                i.direction.value,
                i.category,
                json.dumps(list(i.aliases), ensure_ascii=False),
                i.note,
            )
            for i in ws.indicators.values()
        ],
    )
    for card in cards:
        meta, place, year = card.plan.plan, card.jurisdiction.id, card.year
        conn.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                place,
                year,
                meta.title,
                meta.doc_number,
                meta.published.isoformat() if meta.published else None,
                meta.source,
                card.source_title(meta.source),
            ),
        )
        conn.executemany(
            "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    place,
                    year,
                    t.indicator,
                    str(t.period_in(year)),
                    *_span(t.period_in(year)),
                    t.comparator.value,
                    _real(t.value),
                    _exact(t.value),
                    _real(t.high),
                    _real(t.band),
                    t.reference,
                    t.reference_jurisdiction,
                    t.section,
                    t.quote,
                    ws.source_of(card.plan, t),
                    t.note,
                )
                for t in card.plan.target
            ],
        )
        conn.executemany(
            "INSERT INTO scorecard VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    place,
                    year,
                    r.indicator.id,
                    str(card.as_of) if card.as_of else None,
                    r.assessment.status.value,
                    r.assessment.actual.period if r.assessment.actual else None,
                    *_span(r.assessment.actual.period if r.assessment.actual else None),
                    _real(r.assessment.actual.value) if r.assessment.actual else None,
                    r.assessment.actual.vintage.value if r.assessment.actual else None,
                    _real(r.assessment.completion),
                    _real(r.assessment.gap),
                    _real(r.assessment.time_progress),
                    _real(r.assessment.schedule_gap),
                    _real(r.assessment.required_pace),
                )
                for r in card.rows
            ],
        )
    for place, records in _records(ws, places):
        kept = {id(o) for o in in_force(records)}
        conn.executemany(
            "INSERT INTO outcomes (jurisdiction, indicator, period, year, period_start, "
            "period_end, value, value_exact, verdict, vintage, source, quote, published, "
            "recorded_by, note, recorded_at, digest, retracts, in_force) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    place,
                    o.indicator,
                    o.period,
                    parse_period(o.period).year,
                    *_span(o.period),
                    _real(o.value),
                    _exact(o.value),
                    o.verdict.value if o.verdict else None,
                    o.vintage.value,
                    o.source,
                    o.quote,
                    o.as_of.isoformat() if o.as_of else None,
                    o.by,
                    o.note,
                    o.recorded_at.isoformat(),
                    o.digest,
                    o.retracts.isoformat() if o.retracts else None,
                    int(id(o) in kept),
                )
                for o in records
            ],
        )


def _records(ws: Workspace, places: Iterable[str]) -> Iterator[tuple[str, list[Outcome]]]:
    """Every record of each place, a year and an indicator at a time: a big log is never held
    whole (retractions name records of their own indicator and period, so each group is judged
    in force on its own)."""
    for place in places:
        for year in ws.log_years(place):
            for records in ws.log_by_indicator(place, year):
                yield place, records
