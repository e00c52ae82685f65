"""The data as Parquet files, one per table, with exactly the columns of the SQLite export.

For the tools researchers reach for when a machine is not enough (pandas, polars, DuckDB, Spark):
``jt export --all --format parquet -o DIR/`` writes ``DIR/jurisdictions.parquet``,
``indicators.parquet``, ``plans.parquet``, ``targets.parquet``, ``outcomes.parquet``,
``scorecard.parquet`` … The tables are filled by :mod:`sqlexport` (in memory), so the two
exports never drift apart: TEXT is a string column, REAL a float64 column (with the exact
decimal in ``value_exact`` beside it), INTEGER an int64 column. pyarrow is an optional extra:
``pip install 'jinan-targets[parquet]'``.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .dataset import Workspace
from .scorecard import Scorecard
from .sqlexport import fill_database

__all__ = ["ColumnarError", "tables_of", "write_parquet"]

_TYPES = {"TEXT": "string", "REAL": "float64", "INTEGER": "int64"}


class ColumnarError(Exception):
    """pyarrow is missing, or the directory cannot take the files."""


def tables_of(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """Each table's columns and their declared SQLite types, in order."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
        ).fetchall()
    ]
    return {
        name: [(c[1], (c[2] or "TEXT").upper()) for c in conn.execute(f"PRAGMA table_info({name})")]
        for name in names
    }


def write_parquet(
    directory: Path, ws: Workspace, cards: Sequence[Scorecard], places: Sequence[str] = ()
) -> list[tuple[Path, int]]:
    """Write one Parquet file per table into ``directory`` (created if missing; each file is
    built aside and renamed into place). Returns each file with its row count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ColumnarError(
            "Parquet needs pyarrow: pip install 'jinan-targets[parquet]' (or pip install pyarrow)"
        ) from None
    conn = sqlite3.connect(":memory:")
    try:
        fill_database(conn, ws, cards, places or sorted({c.jurisdiction.id for c in cards}))
        directory.mkdir(parents=True, exist_ok=True)
        written: list[tuple[Path, int]] = []
        for name, columns in tables_of(conn).items():
            rows = conn.execute(f"SELECT * FROM {name}").fetchall()
            schema = pa.schema(
                [(col, getattr(pa, _TYPES.get(t, "string"))()) for col, t in columns]
            )
            data: dict[str, list[Any]] = {
                col: [r[i] for r in rows] for i, (col, _) in enumerate(columns)
            }
            table = pa.table(data, schema=schema)
            path = directory / f"{name}.parquet"
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet", dir=directory)
            os.close(fd)
            try:
                pq.write_table(table, tmp)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            written.append((path, len(rows)))
        return written
    finally:
        conn.close()
