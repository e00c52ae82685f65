"""A derived index of the outcome logs, in SQLite: never the source of truth, safe to delete.

Each log's checked records (:func:`outcomes.check_log`, the same code a fresh read uses) are
kept with the file's size, modification time, inode and a hash of the bytes just before the
indexed end. Logs only grow, so bringing a log up to date reads only the bytes past that end,
once the hash shows the indexed part is still there. Anything else (a hand edit in the middle, a
truncation, a replaced file, a ``git checkout``) rebuilds that file's entry from scratch.

The index ends at the last ``digest`` line, the end of the last complete record: bytes after it
(a record being written right now, or a torn tail) are read and checked every time and never
stored, so a write in progress can never be half-indexed. A change of the indicator catalog or of
this module's version empties the index. The index lives in the user's cache directory
(``$JINAN_TARGETS_CACHE``, else ``$XDG_CACHE_HOME/jinan-targets``, else
``~/.cache/jinan-targets``), one file per workspace; ``JINAN_TARGETS_CACHE=off`` disables it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sqlite3
import stat
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .dataset import Problem, Workspace
from .model import OUTCOME_FIELDS, Outcome, Verdict, Vintage, dump
from .store import FreshLoader
from .tomlfile import ReadError, read_bytes
from .workspace import outside

if TYPE_CHECKING:
    from .outcomes import Checked

__all__ = ["INDEX_VERSION", "IndexedLoader", "cache_file", "index_loader"]

INDEX_VERSION = "2"
TAIL = 4096  # bytes before the indexed end whose hash proves the indexed part unchanged
_DIGEST_LINE = re.compile(rb'\n[ \t]*digest[ \t]*=[ \t]*"[0-9a-f]{16}"[ \t]*(?:#[^\n]*)?\n')
_FIELDS = OUTCOME_FIELDS
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER,
    boundary INTEGER, lines INTEGER, count INTEGER, tail_hash TEXT);
CREATE TABLE IF NOT EXISTS records (
    path TEXT, seq INTEGER, line INTEGER, key TEXT, {", ".join(f'"{f}" TEXT' for f in _FIELDS)},
    PRIMARY KEY (path, seq));
CREATE TABLE IF NOT EXISTS problems (path TEXT, line INTEGER, field TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, digest TEXT, payload BLOB);
CREATE INDEX IF NOT EXISTS problems_path ON problems (path);
"""


def cache_file(root: Path, env: dict[str, str] | None = None) -> Path | None:
    """Where the index of the workspace at ``root`` lives, or None when indexing is off."""
    env = dict(os.environ) if env is None else env
    base = env.get("JINAN_TARGETS_CACHE", "")
    if base.lower() in ("off", "0", "none"):
        return None
    if not base:
        xdg = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = os.path.join(xdg, "jinan-targets")
    name = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(base) / f"index-{name[:20]}.sqlite"


def index_loader(root: Path) -> FreshLoader:
    """The index for ``root`` when it can be used, else reading the files themselves."""
    path = cache_file(root)
    return FreshLoader() if path is None else IndexedLoader(path)


_VINTAGES = {v.value: v for v in Vintage}
_VERDICTS = {v.value: v for v in Verdict}
_day = lru_cache(maxsize=4096)(date.fromisoformat)  # publication dates repeat
_COLUMNS = ", ".join(f'"{f}"' for f in _FIELDS)  # "by" is an SQL word: every name quoted
_SELECT = f"SELECT {_COLUMNS} FROM records WHERE path = ?"


def _columns(outcome: Outcome) -> tuple[object, ...]:
    """A record's fields as the index keeps them: text, numbers as exact decimals."""
    fields = dump(outcome, as_json=True)
    return tuple(fields[f] for f in _FIELDS)


def _outcomes(conn: sqlite3.Connection, key: str) -> list[Outcome]:
    """A log's indexed records as they were checked: built without validating them again."""
    cursor = conn.cursor()
    cursor.row_factory = None
    out = []
    trusted = Outcome.trusted
    for ind, per, val, ver, ret, vin, src, quo, aso, by, note, rec, dig in cursor.execute(
        _SELECT + " ORDER BY seq", (key,)
    ):
        out.append(
            trusted(
                indicator=ind,
                period=per,
                value=Decimal(val) if val is not None else None,
                verdict=_VERDICTS[ver] if ver is not None else None,
                retracts=datetime.fromisoformat(ret) if ret else None,
                vintage=_VINTAGES[vin],
                source=src or "",
                quote=quo or "",
                as_of=_day(aso) if aso else None,
                by=by or "",
                note=note or "",
                recorded_at=datetime.fromisoformat(rec),
                digest=dig,
            )
        )
    return out


def _boundary(data: bytes) -> int:
    """The end of the last complete record in ``data`` (just after its digest line), or 0."""
    last = None
    for last in _DIGEST_LINE.finditer(data):  # noqa: B007 - the last match is wanted
        pass
    return 0 if last is None else last.end()


class IndexedLoader(FreshLoader):
    """Reads logs through the index, bringing each one up to date first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._stamped = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
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
        """A catalog or a plan, validated once: what validating it set is kept, keyed by a hash
        of the file's bytes and of what its meaning depends on (``deps``: the catalogs)."""
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
            if row is not None and row["digest"] == digest:
                payload = pickle.loads(row["payload"])
        except (sqlite3.Error, pickle.PickleError, EOFError, AttributeError, TypeError):
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
            with contextlib.suppress(sqlite3.Error):  # a busy or read-only cache: next time
                conn.execute(
                    "INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
                    (key, digest, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)),
                )
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
        path = ws.log_files[(jurisdiction, year)]
        conn = self._logs_ready(ws)
        if conn is None or outside(path, ws.root):
            return super().load_log(ws, jurisdiction, year)
        try:
            info = os.stat(path)
        except OSError:
            return super().load_log(ws, jurisdiction, year)
        if not stat.S_ISREG(info.st_mode):
            return super().load_log(ws, jurisdiction, year)
        try:
            return self._load(conn, ws, path, year)
        except (sqlite3.Error, OSError):
            self._broken, self._conn = True, None
            return super().load_log(ws, jurisdiction, year)

    def _load(
        self, conn: sqlite3.Connection, ws: Workspace, path: Path, year: int
    ) -> list[Outcome]:

        key = str(path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            with path.open("rb") as fh:
                info = os.fstat(fh.fileno())
                row = conn.execute("SELECT * FROM files WHERE path = ?", (key,)).fetchone()
                start, lines, count = self._resume(fh, row, info)
                if start == 0 and row is not None:
                    for table in ("records", "problems"):
                        conn.execute(f"DELETE FROM {table} WHERE path = ?", (key,))
                fh.seek(start)
                data = fh.read()
                cut = _boundary(data)
                head = start + cut
                fh.seek(max(0, head - TAIL))
                tail_hash = hashlib.sha256(fh.read(head - max(0, head - TAIL))).hexdigest()
            seen: dict[str, int] | None = None
            if cut:  # only bytes not indexed before are checked
                from .outcomes import check_log

                seen = self._seen(conn, key)
                stored = check_log(
                    ws.indicators, path, data[:cut], year,
                    first_line=lines, first_seq=count, seen=seen,
                )  # fmt: skip
                self._store(conn, key, stored.records, stored.problems)
                lines += data[:cut].count(b"\n")
                count += stored.count
            conn.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, info.st_size, info.st_mtime_ns, info.st_ino, head, lines, count, tail_hash),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        # The bytes past the last complete record are never added to the index: their check is
        # kept only under the hash of exactly those bytes and of the indexed part before them.
        rest_key = hashlib.sha256(
            f"{INDEX_VERSION}|{ws.fingerprint}|{tail_hash}|{lines}|{count}|".encode() + data[cut:]
        ).hexdigest()
        rest = self._cached_rest(conn, key, rest_key) if data[cut:].strip() else ([], [])
        if rest is None:
            from .outcomes import check_log

            earlier = self._seen(conn, key) if seen is None else seen
            checked = check_log(
                ws.indicators, path, data[cut:], year,
                first_line=lines, first_seq=count, seen=earlier,
            )  # fmt: skip
            rest = ([c.outcome for c in checked.records], checked.problems)
            if checked.records or checked.problems:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute(
                        "INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
                        (f"rest:{key}", rest_key, pickle.dumps(rest, pickle.HIGHEST_PROTOCOL)),
                    )
        records = _outcomes(conn, key) + rest[0]
        for r in conn.execute("SELECT line, field, message FROM problems WHERE path = ?", (key,)):
            ws.problems.append(Problem(path, r["line"], r["field"], r["message"]))
        ws.problems.extend(rest[1])
        return records

    @staticmethod
    def _seen(conn: sqlite3.Connection, key: str) -> dict[str, int]:
        """The content key of every indexed record of a log, to catch exact copies."""
        query = "SELECT key, seq FROM records WHERE path = ?"
        return {k: s for k, s in conn.execute(query, (key,))}

    @staticmethod
    def _cached_rest(
        conn: sqlite3.Connection, key: str, digest: str
    ) -> tuple[list[Outcome], list[Problem]] | None:
        try:
            row = conn.execute(
                "SELECT digest, payload FROM docs WHERE path = ?", (f"rest:{key}",)
            ).fetchone()
            if row is None or row["digest"] != digest:
                return None
            found = pickle.loads(row["payload"])
        except (sqlite3.Error, pickle.PickleError, EOFError, AttributeError, TypeError):
            return None
        ok = isinstance(found, tuple) and len(found) == 2
        return (list(found[0]), list(found[1])) if ok else None

    @staticmethod
    def _resume(
        fh: BinaryIO, row: sqlite3.Row | None, info: os.stat_result
    ) -> tuple[int, int, int]:
        """Where to read from: the indexed end when the indexed part is unchanged, else 0."""
        if row is None or row["ino"] != info.st_ino or info.st_size < row["size"]:
            return 0, 0, 0
        boundary = row["boundary"]
        if info.st_size == row["size"] and info.st_mtime_ns == row["mtime_ns"]:
            return boundary, row["lines"], row["count"]
        if info.st_size == row["size"]:
            return 0, 0, 0  # same size, touched: an edit in place
        fh.seek(max(0, boundary - TAIL))
        before = fh.read(boundary - max(0, boundary - TAIL))
        if hashlib.sha256(before).hexdigest() != row["tail_hash"]:
            return 0, 0, 0
        return boundary, row["lines"], row["count"]

    @staticmethod
    def _store(
        conn: sqlite3.Connection, key: str, records: list[Checked], problems: list[Problem]
    ) -> None:
        marks = ", ".join("?" * (4 + len(_FIELDS)))
        conn.executemany(
            f"INSERT OR REPLACE INTO records VALUES ({marks})",
            [(key, c.seq, c.line, c.key, *(_columns(c.outcome))) for c in records],
        )
        conn.executemany(
            "INSERT INTO problems VALUES (?, ?, ?, ?)",
            [(key, p.line, p.field, p.message) for p in problems],
        )
