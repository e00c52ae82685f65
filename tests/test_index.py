"""The derived index always equals a fresh read of the logs, whatever happens to them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinan_targets import outcomes as outcomes_module
from jinan_targets.index import IndexedLoader, cache_file
from jinan_targets.journal import append_outcome, record_text
from jinan_targets.model import Outcome
from jinan_targets.store import load_workspace, open_workspace

T0 = datetime(2026, 4, 1, tzinfo=UTC)
LOG = Path("jinan") / "2026.outcomes.toml"


def outcome(i: int, note: str = "") -> Outcome:
    return Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(i) / 10,
                   note=note, recorded_at=T0 + timedelta(seconds=i))  # fmt: skip


def indexed(plans: Path, db: Path) -> tuple[list[Outcome], set[tuple[int | None, str, str]]]:
    ws = open_workspace(plans, loader=IndexedLoader(db))
    records = ws.log_for("jinan", years=[2026])
    return records, {(p.line, p.field, p.message) for p in ws.problems if p.path.name == LOG.name}


def fresh(plans: Path) -> tuple[list[Outcome], set[tuple[int | None, str, str]]]:
    ws = open_workspace(plans)
    records = ws.log_for("jinan", years=[2026])
    return records, {(p.line, p.field, p.message) for p in ws.problems if p.path.name == LOG.name}


def same(plans: Path, db: Path) -> None:
    got, want = indexed(plans, db), fresh(plans)
    assert got[0] == want[0]
    assert got[1] == want[1]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index.sqlite"


def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many bytes each check of a log is given (through the index module)."""
    sizes: list[int] = []
    real = outcomes_module.check_log

    def spy(*args: object, **kwargs: object) -> object:
        sizes.append(len(args[2]))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("jinan_targets.outcomes.check_log", spy)
    return sizes


def test_append_reads_only_the_new_bytes(
    plans: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = plans / LOG
    for i in range(50):
        append_outcome(log, outcome(i))
    same(plans, db)
    sizes = reads(monkeypatch)
    text = record_text(outcome(99))
    append_outcome(log, outcome(99))
    indexed(plans, db)
    assert sizes and max(sizes) <= len(text.encode("utf-8")), sizes  # not the 50-record log
    sizes.clear()
    indexed(plans, db)  # nothing new: nothing checked at all
    assert sizes == []
    same(plans, db)


@pytest.mark.parametrize("change", ["edit-middle", "truncate", "replace", "touch-edit", "catalog"])
def test_any_other_change_rebuilds(plans: Path, db: Path, change: str) -> None:
    log = plans / LOG
    for i in range(20):
        append_outcome(log, outcome(i, note="原始"))
    same(plans, db)
    data = log.read_bytes()
    if change == "edit-middle":  # same size, a figure changed by hand (its digest now fails)
        log.write_bytes(data.replace(b"value = 0.5\n", b"value = 0.7\n", 1))
    elif change == "truncate":
        log.write_bytes(data[: len(data) // 2])
    elif change == "replace":  # a new file in its place, as git checkout does
        other = log.with_suffix(".new")
        other.write_bytes(data.replace("原始".encode(), "替换".encode()))
        os.replace(other, log)
    elif change == "touch-edit":  # same size, same inode, later mtime
        stat = log.stat()
        log.write_bytes(data.replace("原始".encode(), "改过".encode(), 1))
        os.utime(log, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    else:  # the catalog changes what a record means
        catalog = plans / "indicators.toml"
        catalog.write_text(catalog.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    same(plans, db)


def test_a_write_in_progress_is_never_half_indexed(plans: Path, db: Path) -> None:
    log = plans / LOG
    for i in range(5):
        append_outcome(log, outcome(i))
    text = record_text(outcome(7)).encode("utf-8")
    with log.open("ab") as fh:
        fh.write(text[: len(text) // 2])
    same(plans, db)  # the half record is a problem, read again next time
    with log.open("ab") as fh:
        fh.write(text[len(text) // 2 :])
    same(plans, db)
    assert Decimal("0.7") in [o.value for o in indexed(plans, db)[0]]


def test_deleting_the_index_is_harmless(plans: Path, db: Path) -> None:
    append_outcome(plans / LOG, outcome(1))
    same(plans, db)
    for path in db.parent.iterdir():
        path.unlink()
    same(plans, db)


def test_a_catalog_without_a_cache_directory_still_works(plans: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    loader = IndexedLoader(blocker / "sub" / "index.sqlite")  # cannot be created
    ws = open_workspace(plans, loader=loader)
    assert ws.log_for("jinan") == load_workspace(plans).log_for("jinan")


def test_cache_location_and_switch(tmp_path: Path) -> None:
    assert cache_file(tmp_path, {"JINAN_TARGETS_CACHE": "off"}) is None
    located = cache_file(tmp_path, {"XDG_CACHE_HOME": "/x"})
    assert located is not None and str(located).startswith("/x/jinan-targets/index-")
    assert cache_file(tmp_path, {"JINAN_TARGETS_CACHE": "/c"}) == cache_file(
        tmp_path / ".", {"JINAN_TARGETS_CACHE": "/c"}
    )


OPS = st.lists(
    st.sampled_from(["append", "append", "append", "torn", "nul", "edit", "truncate", "load"]),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_index_equals_a_fresh_read(plans: Path, tmp_path_factory: pytest.TempPathFactory,
                                   ops: list[str]) -> None:  # fmt: skip
    """Any sequence of appends, torn writes, NUL padding, hand edits and truncations: after
    each step the index gives exactly the records and problems a fresh read gives."""
    db = tmp_path_factory.mktemp("idx") / "index.sqlite"
    log = plans / LOG
    log.write_bytes(b"")
    for n, op in enumerate(ops):
        if op == "append":
            append_outcome(log, outcome(n, note=f"第{n}条"))
        elif op == "torn":
            text = record_text(outcome(n)).encode("utf-8")
            with log.open("ab") as fh:
                fh.write(text[: len(text) * 2 // 3])
        elif op == "nul":
            with log.open("ab") as fh:
                fh.write(b"\x00" * 64)
        elif op == "edit":
            data = log.read_bytes()
            log.write_bytes(data.replace("条".encode(), "项".encode(), 1))
            os.utime(log, ns=(time.time_ns(), time.time_ns() + n))
        elif op == "truncate":
            data = log.read_bytes()
            log.write_bytes(data[: len(data) * 3 // 4])
        same(plans, db)


WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from jinan_targets.journal import append_outcome
from jinan_targets.model import Outcome
log = Path(sys.argv[1])
for i in range(int(sys.argv[2])):
    append_outcome(log, Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(i),
                   note=sys.argv[3], recorded_at=datetime.now(UTC) + timedelta(microseconds=i)))
"""
READER = """
import sys
from pathlib import Path
from jinan_targets.index import IndexedLoader
from jinan_targets.store import open_workspace
for _ in range(int(sys.argv[3])):
    ws = open_workspace(Path(sys.argv[1]), loader=IndexedLoader(Path(sys.argv[2])))
    ws.log_for("jinan", years=[2026])
"""


def test_two_processes_updating_the_index_at_once(plans: Path, db: Path) -> None:
    """Two readers bring the index up to date while a writer appends: afterwards it still
    equals a fresh read (no record twice, none lost)."""
    log = plans / LOG
    env = {**os.environ}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(log), "60", "w"], env=env)]
    procs += [
        subprocess.Popen([sys.executable, "-c", READER, str(plans), str(db), "15"], env=env)
        for _ in range(2)
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0]
    same(plans, db)
    assert len([o for o in indexed(plans, db)[0] if o.note == "w"]) == 60


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_checkout_rebuilds(plans: Path, db: Path, tmp_path: Path) -> None:
    repo = plans.parent
    log = plans / LOG

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                        "-c", "init.defaultBranch=main", *args],
                       cwd=repo, check=True, capture_output=True)  # fmt: skip

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "base")
    for i in range(3):
        append_outcome(log, outcome(i))
    git("commit", "-qam", "three")
    same(plans, db)
    git("checkout", "-q", "HEAD~1")
    same(plans, db)
    git("checkout", "-q", "main")
    same(plans, db)


@pytest.mark.parametrize("size", [10, 400])
def test_record_duplicate_check_reads_only_the_figure(
    plans: Path, db: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """`record` decides a duplicate from the index and the unindexed tail: it checks no byte
    already indexed and loads only records of the figure, so it costs the same on any log."""
    from jinan_targets.appending import record_outcome

    log = plans / LOG
    with log.open("a", encoding="utf-8") as fh:
        fh.write("".join(record_text(outcome(i)) for i in range(size)))
    open_workspace(plans, loader=IndexedLoader(db)).log_for("jinan")  # the index is warm
    sizes = reads(monkeypatch)
    loaded: list[int] = []
    real = IndexedLoader.load_log

    def spy(self: IndexedLoader, *args: object) -> object:
        loaded.append(1)
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(IndexedLoader, "load_log", spy)
    ws = open_workspace(plans, loader=IndexedLoader(db))
    new = Outcome(indicator="urban_new_jobs", period="2026-Q2", value=Decimal(7),
                  recorded_at=T0 + timedelta(days=100))  # fmt: skip
    record_outcome(ws, "jinan", new)
    assert loaded == [] and sizes == []
    again = IndexedLoader(db)
    ws = open_workspace(plans, loader=again)
    with pytest.raises(Exception, match="already recorded"):
        record_outcome(ws, "jinan", new)  # the new record, unindexed yet, is seen
    assert max(sizes) <= len(record_text(new).encode("utf-8"))


def test_an_index_of_an_older_layout_is_made_again(plans: Path, db: Path) -> None:
    """An index left by an older version (pickled documents, other columns) is emptied and
    rebuilt in the current layout, not abandoned for reads of the files ever after."""
    import sqlite3

    db.parent.mkdir(mode=0o700, exist_ok=True)
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('stamp', '2:x');"
        "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER,"
        " boundary INTEGER, lines INTEGER, count INTEGER, tail_hash TEXT);"
        "CREATE TABLE docs (path TEXT PRIMARY KEY, digest TEXT, payload BLOB);"
    )
    conn.close()
    os.chmod(db, 0o600)
    same(plans, db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM files").fetchone()[0] > 0
    conn.close()


@pytest.mark.parametrize("indexed", [True, False])
def test_one_indicator_is_read_without_the_rest_of_its_log(
    plans: Path, tmp_path: Path, indexed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Judging one target (jt record's before and after) reads that indicator's records only
    when the log is big (here: any size): the same figures in force as a whole read, and the
    log itself is never held. Without the index the log is read whole, once."""
    from jinan_targets.index import IndexedLoader
    from jinan_targets.store import load_workspace, open_workspace

    monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 0)
    loader = IndexedLoader(tmp_path / "index.sqlite") if indexed else None
    whole = load_workspace(plans)
    for indicator in ("gdp_growth", "urban_new_jobs", "budget_revenue", "trade_total"):
        ws = open_workspace(plans, loader=loader)
        got = ws.indicator_outcomes("jinan", indicator, years=[2023, 2025])
        want = whole.outcomes_for("jinan", indicator, years=[2023, 2025])
        assert [(o.period, o.value, o.vintage) for o in got] == [
            (o.period, o.value, o.vintage) for o in want
        ]
        assert bool(ws._logs) is not indexed, "the whole log was read (or was not, unindexed)"


def test_the_index_keeps_each_field_as_dump_writes_it(plans: Path) -> None:
    """The index's columns are the record's JSON fields, in the catalog's order of fields."""
    from jinan_targets.indexrows import columns
    from jinan_targets.model import OUTCOME_FIELDS, Verdict, Vintage, dump

    ws = load_workspace(plans)
    records = [o for log in ws.log.values() for o in log]
    every = dict(retracts=T0, retracts_digest="0123456789abcdef", vintage=Vintage.REVISED,
                 source="来源", quote="原文", as_of=T0.date(), by="某人", note="备注",
                 recorded_at=T0 + timedelta(hours=8), digest="fedcba9876543210")  # fmt: skip
    records.append(Outcome(indicator="people", period="2026-Q1", **every))  # type: ignore[arg-type]
    records.append(
        Outcome(indicator="people", period="2026-Q1", verdict=Verdict.MET, recorded_at=T0)
    )
    records.append(
        Outcome(indicator="gdp", period="2026", value=Decimal("1.50E+4"), recorded_at=T0)
    )
    assert len(records) > 400
    for o in records:
        fields = dump(o, as_json=True)
        assert columns(o) == tuple(fields[f] for f in OUTCOME_FIELDS)
