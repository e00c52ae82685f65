"""The index's rows: a record as the columns the index keeps and back, and the queries that
read a log's records whole, by indicator, by figure, or only counted (:mod:`index`)."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .dataset import figure_groups, in_force
from .model import OUTCOME_FIELDS, Outcome, Verdict, Vintage

__all__ = ["Seen", "columns", "groups", "outcomes", "query"]

_FIELDS = OUTCOME_FIELDS
_VINTAGES = {v.value: v for v in Vintage}
_VERDICTS = {v.value: v for v in Verdict}
_day = lru_cache(maxsize=4096)(date.fromisoformat)  # publication dates repeat
_COLUMNS = ", ".join(f'"{f}"' for f in _FIELDS)  # "by" is an SQL word: every name quoted
_SELECT = f"SELECT {_COLUMNS} FROM records WHERE path = ?"


def columns(o: Outcome) -> tuple[object, ...]:
    """A record's fields as the index keeps them, in :data:`model.OUTCOME_FIELDS` order: text,
    numbers as exact decimals (what ``dump(o, as_json=True)`` gives, written out: a first read
    of a big log stores every record)."""
    day = o.as_of.isoformat() if o.as_of is not None else None
    return (
        o.indicator,
        o.period,
        format(o.value, "f") if o.value is not None else None,
        o.verdict.value if o.verdict is not None else None,
        o.retracts.isoformat() if o.retracts is not None else None,
        o.retracts_digest,
        o.vintage.value,
        o.source,
        o.quote,
        day,
        o.by,
        o.note,
        o.recorded_at.isoformat(),
        o.digest,
    )


def outcomes(rows: Any) -> list[Outcome]:
    """Indexed records as they were checked: built without validating them again."""
    out = []
    trusted = Outcome.trusted
    same = sys.intern  # ids, periods and sources repeat: one string each, not one per record
    for ind, per, val, ver, ret, rdig, vin, src, quo, aso, by, note, rec, dig in rows:
        out.append(
            trusted(
                indicator=same(ind),
                period=same(per),
                value=Decimal(val) if val is not None else None,
                verdict=_VERDICTS[ver] if ver is not None else None,
                retracts=datetime.fromisoformat(ret) if ret else None,
                retracts_digest=rdig,
                vintage=_VINTAGES[vin],
                source=same(src) if src else "",
                quote=quo or "",
                as_of=_day(aso) if aso else None,
                by=same(by) if by else "",
                note=same(note) if note else "",
                recorded_at=datetime.fromisoformat(rec),
                digest=dig,
            )
        )
    return out


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor giving plain tuples: building records from named rows costs twice as much."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor


def query(
    conn: sqlite3.Connection, key: str, tail: list[Outcome], figure: tuple[str, str | None] | None
) -> list[Outcome]:
    """A log's indexed records and its tail: all of them, one indicator's, or one figure's."""
    if figure is None:
        return outcomes(_plain(conn).execute(_SELECT + " ORDER BY seq", (key,))) + tail
    if figure[1] is None:
        query = _SELECT + " AND indicator = ? ORDER BY seq"
        records = outcomes(_plain(conn).execute(query, (key, figure[0])))
        return records + [o for o in tail if o.indicator == figure[0]]
    query = _SELECT + " AND indicator = ? AND period = ? ORDER BY seq"
    records = outcomes(_plain(conn).execute(query, (key, *figure)))
    return records + [o for o in tail if (o.indicator, o.period) == figure]


_GROUPS = (
    "SELECT indicator, period, MIN(COALESCE(as_of, substr(recorded_at, 1, 10))), COUNT(*),"
    " MAX(retracts IS NOT NULL OR retracts_digest IS NOT NULL)"
    " FROM records WHERE path = ? GROUP BY indicator, period"
)


def groups(
    conn: sqlite3.Connection, key: str, tail: list[Outcome]
) -> dict[tuple[str, str], tuple[date, int]]:
    """:func:`dataset.figure_groups` of a log's figures in force, counted by the index; a
    figure with a retraction among its records, or records in the tail, is read and judged."""
    touched = {(o.indicator, o.period) for o in tail}
    out: dict[tuple[str, str], tuple[date, int]] = {}
    for indicator, period, first, count, retracted in _plain(conn).execute(_GROUPS, (key,)):
        if retracted or (indicator, period) in touched:
            touched.add((indicator, period))
        else:
            out[(indicator, period)] = (_day(first[:10]), count)
    for figure in sorted(touched):
        out.update(figure_groups(in_force(query(conn, key, tail, figure))))
    return out


class Seen(dict[str, int]):
    """The content keys of a log's indexed records, looked up in the index one at a time (to
    catch exact copies) instead of all loaded: a big log costs no memory for them."""

    def __init__(self, conn: sqlite3.Connection, key: str) -> None:
        super().__init__()
        self._conn, self._key = conn, key

    def _indexed(self, content: object) -> int | None:
        query = "SELECT MIN(seq) FROM records WHERE path = ? AND key = ?"  # by records_key
        found = self._conn.execute(query, (self._key, content)).fetchone()
        return None if found is None or found[0] is None else int(found[0])

    def __contains__(self, content: object) -> bool:
        return super().__contains__(content) or self._indexed(content) is not None

    def __getitem__(self, content: str) -> int:
        if super().__contains__(content):
            return super().__getitem__(content)
        found = self._indexed(content)
        if found is None:
            raise KeyError(content)
        return found
