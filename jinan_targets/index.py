"""A derived index of the outcome logs, in SQLite: never the source of truth, safe to delete.

Each log's checked records (:func:`outcomes.check_log`, the same code a fresh read uses) are
kept as plain columns, with the file's size, modification and change times, inode and a hash of
every byte up to the indexed end. Logs only grow, so bringing a log up to date reads only the
bytes past that end, once the hash shows the whole indexed part is still there (when size and
times are all unchanged the file is the one indexed: any write, even one that restores the
modification time, changes its change time). Anything else (a hand edit anywhere, a truncation,
a replaced file, a ``git checkout``) rebuilds that file's entry from scratch.

The index ends at the last ``digest`` line, the end of the last complete record, and never
inside a batch whose end is not written yet: bytes after it (a record or a batch being written
right now, or a torn tail) are read and checked every time and never stored, so a write in
progress can never be half-indexed. A change of the indicator catalog or of this module's
version empties the index. Catalogs and plans are kept as the JSON of their validated models
(:mod:`indexdocs`); nothing in the cache can run code. Where the index lives, and when a cache
directory is refused, is :mod:`cache`'s business; the rows and the queries
by indicator and figure are :mod:`indexrows`, a big log is read in pieces by :mod:`logpieces`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .cache import CacheRefused, cache_file, private_file
from .dataset import Problem, Workspace, figure_groups, in_force
from .indexrows import Seen, columns, groups, outcomes, query
from .logpieces import scan
from .model import OUTCOME_FIELDS, Outcome
from .store import FreshLoader
from .tomlfile import ReadError, read_bytes
from .workspace import outside

if TYPE_CHECKING:
    from .outcomes import Checked

__all__ = ["INDEX_VERSION", "IndexedLoader", "cache_file", "index_loader"]

INDEX_VERSION = "4"
BLOCK = 1 << 20  # bytes read at a time when hashing the indexed part
# The end of a complete record (its digest line) or of a complete batch (its footer).
_FIELDS = OUTCOME_FIELDS
_TABLES = ("meta", "files", "records", "problems", "docs")
# Records are stored in the order of their indicator (the table's key), so reading one
# indicator of a big log reads adjacent pages, not one page per record across the whole file.
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER,
    boundary INTEGER, lines INTEGER, count INTEGER, prefix_hash TEXT);
CREATE TABLE IF NOT EXISTS records (
    path TEXT, seq INTEGER, line INTEGER, key TEXT, {", ".join(f'"{f}" TEXT' for f in _FIELDS)},
    PRIMARY KEY (path, indicator, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_order ON records (path, seq);
CREATE INDEX IF NOT EXISTS records_key ON records (path, key, seq);
CREATE TABLE IF NOT EXISTS problems (path TEXT, line INTEGER, field TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, digest TEXT, payload TEXT);
CREATE INDEX IF NOT EXISTS problems_path ON problems (path);
"""


def index_loader(root: Path, warn: Callable[[str], object] | None = None) -> FreshLoader:
    """The index for ``root`` when it can be used, else reading the files themselves. ``warn``
    is told (once) why a cache location was refused."""
    path = cache_file(root)
    return FreshLoader() if path is None else IndexedLoader(path, warn)


def _relayout(conn: sqlite3.Connection) -> None:
    """An index written by another version of this module (other tables, other columns) is
    emptied and made again in this one's layout."""
    found = conn.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone()
    if found is not None and found[0] == INDEX_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in _TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('layout', ?)", (INDEX_VERSION,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _hash_prefix(fh: BinaryIO, end: int) -> Any:
    """A sha256 of the first ``end`` bytes of ``fh``, read a block at a time."""
    hasher = hashlib.sha256()
    fh.seek(0)
    left = end
    while left > 0:
        block = fh.read(min(BLOCK, left))
        if not block:
            break
        hasher.update(block)
        left -= len(block)
    return hasher


class IndexedLoader(FreshLoader):
    """Reads logs through the index, bringing each one up to date first."""

    WHOLE_LOG_BYTES = 8 << 20  # a log up to this size is held whole; a bigger one read in parts

    def __init__(self, path: Path, warn: Callable[[str], object] | None = None) -> None:
        self.path = path
        self.warn = warn
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._stamped = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        try:
            private_file(self.path)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.executescript(_SCHEMA)
            _relayout(conn)
        except CacheRefused as exc:
            self._broken = True
            if self.warn is not None:
                self.warn(f"索引缓存未使用 cache not used: {exc}; reading the files instead")
            return None
        except (sqlite3.Error, OSError):
            self._broken = True  # no cache directory, a read-only disk: read the files instead
            return None
        self._conn = conn
        return conn

    def _logs_ready(self, ws: Workspace) -> sqlite3.Connection | None:
        """The connection, with the log index emptied if the catalog or this module changed."""
        conn = self._connect()
        if conn is None or self._stamped:
            return conn
        stamp = f"{INDEX_VERSION}:{ws.fingerprint}"
        try:
            conn.execute("BEGIN IMMEDIATE")
            found = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if found is None or found[0] != stamp:  # a new catalog or a new checker: start over
                for table in ("files", "records", "problems"):
                    conn.execute(f"DELETE FROM {table}")
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
            conn.execute("COMMIT")
        except sqlite3.Error:
            self._broken, self._conn = True, None
            return None
        self._stamped = True
        return conn

    def read_doc(
        self,
        ws: Workspace,
        path: Path,
        fill: Callable[[Workspace], None],
        fields: tuple[str, ...],
        deps: str = "",
    ) -> None:
        """A catalog or a plan, validated once: what validating it set is kept (as JSON),
        keyed by a hash of the file's bytes and of what its meaning depends on (``deps``)."""
        from . import indexdocs

        conn = self._connect()
        try:
            raw = read_bytes(path) if conn is not None else None
        except ReadError:
            raw = None
        if conn is None or raw is None:
            fill(ws)
            return
        digest = hashlib.sha256(f"{INDEX_VERSION}|{deps}|".encode() + raw).hexdigest()
        key = str(path)
        payload = None
        try:
            row = conn.execute("SELECT digest, payload FROM docs WHERE path = ?", (key,)).fetchone()
            if row is not None and row["digest"] == digest and isinstance(row["payload"], str):
                payload = indexdocs.decode(row["payload"])
                if set(payload[0]) != set(fields):
                    payload = None
        except (sqlite3.Error, ValueError):  # pydantic's ValidationError is a ValueError
            payload = None
        if payload is None:
            scratch = Workspace(
                root=ws.root,
                categories=dict(ws.categories),
                indicators=dict(ws.indicators),
                jurisdictions=dict(ws.jurisdictions),
                fingerprint=ws.fingerprint,
            )
            fill(scratch)
            values = {name: getattr(scratch, name) for name in fields}
            payload = (values, scratch.problems, scratch.unreadable)
            with contextlib.suppress(sqlite3.Error, ValueError):  # busy or read-only: next time
                text = indexdocs.encode(*payload)
                conn.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)", (key, digest, text))
        values, problems, unreadable = payload
        for name, value in values.items():
            current = getattr(ws, name)
            if isinstance(current, dict):
                current.update(value)
            else:
                setattr(ws, name, value)
        ws.problems.extend(problems)
        ws.unreadable.update(unreadable)

    def load_log(self, ws: Workspace, jurisdiction: str, year: int) -> list[Outcome]:
        return self._through_index(ws, jurisdiction, year, None)

    def load_figure(
        self, ws: Workspace, jurisdiction: str, year: int, indicator: str, period: str
    ) -> list[Outcome]:
        """The records of one indicator and period in a log (retractions included), from the
        index and the unindexed tail: the same cost on any size of log."""
        return self._through_index(ws, jurisdiction, year, (indicator, period))

    def load_indicator(
        self, ws: Workspace, jurisdiction: str, year: int, indicator: str
    ) -> list[Outcome]:
        """The records of one indicator in a log (retractions included), from the index and the
        unindexed tail: what judging one target needs, without holding the whole log."""
        return self._through_index(ws, jurisdiction, year, (indicator, None))

    def by_indicator(self, ws: Workspace, jurisdiction: str, year: int) -> bool:
        """A log bigger than :attr:`WHOLE_LOG_BYTES` is read an indicator at a time: holding
        200,000 records costs more memory than a command may take."""
        path = ws.log_files[(jurisdiction, year)]
        if self._usable(ws, path) is None:
            return False
        try:
            return os.stat(path).st_size > self.WHOLE_LOG_BYTES
        except OSError:
            return False

    def figure_groups(
        self, ws: Workspace, jurisdiction: str, year: int
    ) -> dict[tuple[str, str], tuple[date, int]]:
        """:func:`dataset.figure_groups` of a log, counted in the index: only figures touched
        by a retraction or by the unindexed tail are read as records."""
        path = ws.log_files[(jurisdiction, year)]
        conn = self._usable(ws, path)
        if conn is not None:
            try:
                tail = self._refresh(conn, ws, path, year)
                return groups(conn, str(path), tail)
            except (sqlite3.Error, OSError):
                self._broken, self._conn = True, None
        return figure_groups(in_force(FreshLoader.load_log(self, ws, jurisdiction, year)))

    def _usable(self, ws: Workspace, path: Path) -> sqlite3.Connection | None:
        """The index's connection when this log can be read through it: a regular file inside
        the workspace, and an index that opens."""
        conn = self._logs_ready(ws)
        if conn is None or outside(path, ws.root):
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        return conn if stat.S_ISREG(info.st_mode) else None

    def _through_index(
        self,
        ws: Workspace,
        jurisdiction: str,
        year: int,
        figure: tuple[str, str | None] | None,
    ) -> list[Outcome]:
        path = ws.log_files[(jurisdiction, year)]
        conn = self._usable(ws, path)
        if conn is not None:
            try:
                tail = self._refresh(conn, ws, path, year)
                return query(conn, str(path), tail, figure)
            except (sqlite3.Error, OSError):
                self._broken, self._conn = True, None
        files = FreshLoader
        if figure is None:
            return files.load_log(self, ws, jurisdiction, year)
        if figure[1] is None:
            return files.load_indicator(self, ws, jurisdiction, year, figure[0])
        return files.load_figure(self, ws, jurisdiction, year, figure[0], figure[1])

    def _refresh(
        self, conn: sqlite3.Connection, ws: Workspace, path: Path, year: int
    ) -> list[Outcome]:
        """Bring this log's entry up to date; the records past the indexed end. The log's
        problems are added to ``ws`` the first time it is read."""
        from .outcomes import check_pieces

        key = str(path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            with path.open("rb") as fh:
                info = os.fstat(fh.fileno())
                row = conn.execute("SELECT * FROM files WHERE path = ?", (key,)).fetchone()
                start, lines, count, hasher = self._resume(fh, row, info)
                if start == 0 and row is not None:
                    for table in ("records", "problems"):
                        conn.execute(f"DELETE FROM {table} WHERE path = ?", (key,))
                found = scan(fh, start)
                head = found.end
                if head > start:  # only bytes not indexed before are checked, a piece at a time
                    if hasher is None:
                        hasher = _hash_prefix(fh, start)
                    # Exact copies of records in earlier pieces are looked up in the index.
                    checked = check_pieces(
                        ws.indicators, path, fh, year, found, start=start, first_line=lines,
                        first_seq=count, seen=lambda: Seen(conn, key),
                    )  # fmt: skip
                    for piece, stored in checked:
                        hasher.update(piece)
                        self._store(conn, key, stored.records, stored.problems)
                        lines += piece.count(b"\n")
                        count += stored.count
                    prefix_hash = hasher.hexdigest()
                else:
                    prefix_hash = row["prefix_hash"] if start else hashlib.sha256().hexdigest()
                fh.seek(head)
                rest = fh.read()
            conn.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, head,
                 lines, count, prefix_hash),
            )  # fmt: skip
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        # The bytes past the indexed end are never added to the index: checked every time.
        tail, tail_problems = self._rest(conn, ws, path, year, rest, (prefix_hash, lines, count))
        if path not in ws.reported:
            ws.reported.add(path)
            query = "SELECT line, field, message FROM problems WHERE path = ?"
            for r in conn.execute(query, (key,)):
                ws.problems.append(Problem(path, r["line"], r["field"], r["message"]))
            ws.problems.extend(tail_problems)
        return tail

    def _rest(
        self,
        conn: sqlite3.Connection,
        ws: Workspace,
        path: Path,
        year: int,
        rest: bytes,
        where: tuple[str, int, int],
    ) -> tuple[list[Outcome], list[Problem]]:
        """The check of the bytes past the indexed end (a log written by hand has no digest
        lines: all of it). Kept (as JSON) only under a hash of exactly those bytes and of the
        indexed part before them; never added to the index."""
        from . import indexdocs

        if not rest.strip():
            return [], []
        prefix_hash, lines, count = where
        key = f"rest:{path}"
        digest = hashlib.sha256(
            f"{INDEX_VERSION}|{ws.fingerprint}|{prefix_hash}|{lines}|{count}|".encode() + rest
        ).hexdigest()
        try:
            row = conn.execute("SELECT digest, payload FROM docs WHERE path = ?", (key,)).fetchone()
            if row is not None and row["digest"] == digest and isinstance(row["payload"], str):
                rows, problems = indexdocs.decode_rest(row["payload"], len(_FIELDS))
                return outcomes(rows), problems
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            pass  # not what this module writes: checked afresh below
        from .outcomes import check_log

        checked = check_log(
            ws.indicators, path, rest, year,
            first_line=lines, first_seq=count, seen=Seen(conn, str(path)),
        )  # fmt: skip
        tail = [c.outcome for c in checked.records]
        with contextlib.suppress(sqlite3.Error):
            text = indexdocs.encode_rest([columns(o) for o in tail], checked.problems)
            conn.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)", (key, digest, text))
        return tail, checked.problems

    @staticmethod
    def _resume(
        fh: BinaryIO, row: sqlite3.Row | None, info: os.stat_result
    ) -> tuple[int, int, int, Any]:
        """Where to read from: the indexed end when the indexed part is unchanged, else 0;
        with the hash of the indexed part when it had to be computed."""
        if row is None or row["ino"] != info.st_ino or info.st_size < row["size"]:
            return 0, 0, 0, hashlib.sha256()
        boundary = row["boundary"]
        unchanged = (info.st_size, info.st_mtime_ns, info.st_ctime_ns) == (
            row["size"], row["mtime_ns"], row["ctime_ns"]
        )  # fmt: skip
        if unchanged:
            return boundary, row["lines"], row["count"], None
        hasher = _hash_prefix(fh, boundary)
        if hasher.hexdigest() != row["prefix_hash"]:
            return 0, 0, 0, hashlib.sha256()
        return boundary, row["lines"], row["count"], hasher

    @staticmethod
    def _store(
        conn: sqlite3.Connection, key: str, records: list[Checked], problems: list[Problem]
    ) -> None:
        marks = ", ".join("?" * (4 + len(_FIELDS)))
        conn.executemany(
            f"INSERT OR REPLACE INTO records VALUES ({marks})",
            [(key, c.seq, c.line, c.key, *(columns(c.outcome))) for c in records],
        )
        conn.executemany(
            "INSERT INTO problems VALUES (?, ?, ?, ?)",
            [(key, p.line, p.field, p.message) for p in problems],
        )
