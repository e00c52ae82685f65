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
    directory.mkdir(parents=True, exist_ok=True)
    # The tables are filled on disk beside the files, and each is written a batch of rows at a
    # time: a big log costs no more memory than a small one.
    fd, scratch = tempfile.mkstemp(prefix=".jt-parquet.", suffix=".db", dir=directory)
    os.close(fd)
    conn = sqlite3.connect(scratch)
    try:
        fill_database(conn, ws, cards, places or sorted({c.jurisdiction.id for c in cards}))
        conn.commit()
        return [
            _write(pa, pq, conn, directory, name, cols) for name, cols in tables_of(conn).items()
        ]
    finally:
        conn.close()
        for leftover in (scratch, scratch + "-journal"):
            Path(leftover).unlink(missing_ok=True)


BATCH = 5_000  # rows per Parquet row group


def _write(
    pa: Any, pq: Any, conn: sqlite3.Connection, directory: Path, name: str,
    columns: list[tuple[str, str]],
) -> tuple[Path, int]:  # fmt: skip
    """One table as ``name.parquet``, built aside and renamed into place; its row count."""
    schema = pa.schema([(col, getattr(pa, _TYPES.get(t, "string"))()) for col, t in columns])
    path = directory / f"{name}.parquet"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet", dir=directory)
    os.close(fd)
    count = 0
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            cursor = conn.execute(f"SELECT * FROM {name}")
            while rows := cursor.fetchmany(BATCH):
                data = {col: [r[i] for r in rows] for i, (col, _) in enumerate(columns)}
                writer.write_table(pa.table(data, schema=schema))
                count += len(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path, count
