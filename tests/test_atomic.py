"""All or nothing: a failed or interrupted write is never in force, a batch lands whole, a
retraction withdraws exactly one record, and the index sees every hand edit."""

from __future__ import annotations

import errno
import os
import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinan_targets import journal
from jinan_targets.appending import record_batch
from jinan_targets.index import IndexedLoader
from jinan_targets.journal import append_outcome, batch_text
from jinan_targets.model import Outcome
from jinan_targets.store import load_workspace, open_workspace
from tests.conftest import PLANS, Invoke

T0 = datetime(2026, 4, 1, tzinfo=UTC)
LOG = Path("jinan") / "2026.outcomes.toml"


def outcome(i: int, period: str = "2026-Q1") -> Outcome:
    return Outcome(indicator="urban_new_jobs", period=period, value=Decimal(i) / 10,
                   recorded_at=T0 + timedelta(seconds=i))  # fmt: skip


def jobs(plans: Path, loader: IndexedLoader | None = None) -> list[Decimal | None]:
    ws = open_workspace(plans, loader=loader) if loader else load_workspace(plans)
    return [o.value for o in ws.outcomes_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"]


def shared_pairs() -> list[tuple[str, str, str]]:
    """(jurisdiction, indicator, period) of every two shipped records sharing a recorded_at."""
    ws = load_workspace(PLANS)
    out = []
    for place, records in ws.log.items():
        counts = Counter((o.indicator, o.period, o.recorded_at) for o in records)
        out += [(place, ind, per) for (ind, per, _), n in counts.items() if n > 1]
    return sorted(out)


PAIRS = shared_pairs()


def test_the_shipped_data_holds_seven_shared_timestamps() -> None:
    """The case the retraction fix is for is really in the shipped logs."""
    assert len(PAIRS) == 7


@pytest.mark.parametrize(("place", "indicator", "period"), PAIRS)
def test_undo_withdraws_exactly_one_of_two_records_sharing_a_time(
    jt: Invoke, plans: Path, place: str, indicator: str, period: str
) -> None:
    """`jt undo` on a figure recorded at the same moment as another withdraws one record."""
    before = load_workspace(plans)
    alive = [o for o in before.outcomes_for(place, indicator) if o.period == period]
    result = jt("undo", indicator, "-j", place, "-p", period)
    assert result.exit_code == 0, result.output
    after = load_workspace(plans)
    left = [o for o in after.outcomes_for(place, indicator) if o.period == period]
    assert len(left) == len(alive) - 1
    assert [p for p in after.problems if "ambiguous" in p.message] == []
    check = jt("check")
    assert check.exit_code == 0, check.output


def test_undo_on_shipped_gdp_growth_keeps_the_estimate(jt: Invoke, plans: Path) -> None:
    """The named case: undo 地区生产总值增长 2023 withdraws 6.1 (written later), keeps 6."""
    result = jt("undo", "地区生产总值增长", "-p", "2023")
    assert result.exit_code == 0, result.output
    left = [o.value for o in load_workspace(plans).outcomes_for("jinan", "gdp_growth")
            if o.period == "2023"]  # fmt: skip
    assert left == [Decimal(6)]
    trend = jt("trend", "地区生产总值增长", "--json")
    assert trend.exit_code == 0 and '"2023"' in trend.stdout


@pytest.mark.parametrize(("place", "indicator", "period"), PAIRS[:3])
def test_check_flags_an_old_retraction_that_could_mean_two(
    jt: Invoke, plans: Path, place: str, indicator: str, period: str
) -> None:
    """A retraction naming only a recorded_at that two records share is named by `jt check`."""
    ws = load_workspace(plans)
    target = next(o for o in ws.log_for(place, indicator) if o.period == period)
    log = plans / place / f"{period[:4]}.outcomes.toml"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f'\n[[outcome]]\nindicator = "{indicator}"\nperiod = "{period}"\n'
                 f"retracts = {target.recorded_at.isoformat()}\n"
                 f"recorded_at = 2026-11-30T08:00:00+08:00\n")  # fmt: skip
    result = jt("check")
    assert result.exit_code == 1
    assert "ambiguous retraction" in result.stdout, result.stdout


def _failing_write(monkeypatch: pytest.MonkeyPatch, after: int) -> None:
    """The disk fills up after ``after`` more bytes: os.write lands part, then ENOSPC."""
    real = os.write
    left = [after]

    def write(fd: int, data: bytes | memoryview) -> int:
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real(fd, bytes(data[: left[0]]))
        left[0] -= n
        return n

    monkeypatch.setattr(os, "write", write)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(fraction=st.floats(0, 0.999), size=st.integers(1, 40))
def test_a_batch_on_a_full_disk_leaves_nothing(
    plans: Path, monkeypatch: pytest.MonkeyPatch, fraction: float, size: int
) -> None:
    """Whatever part of a batch landed before the disk filled up is cut back: the log is byte
    for byte what it was and no record of the batch is in force."""
    log = plans / LOG
    before = log.read_bytes()
    ws = open_workspace(plans)
    batch = [("jinan", outcome(i, "2026-Q1")) for i in range(1000, 1000 + size)]
    text = batch_text(o for _, o in batch).encode("utf-8")
    with monkeypatch.context() as m:
        _failing_write(m, int(len(text) * fraction))
        with pytest.raises(OSError):
            record_batch(ws, batch)
    assert log.read_bytes() == before


def test_a_batch_over_two_logs_is_all_or_nothing(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the second log's write fails, the first log's batch is taken back too."""
    first, second = plans / "jinan" / "2025.outcomes.toml", plans / LOG
    before = (first.read_bytes(), second.read_bytes())
    batch = [("jinan", outcome(1, "2025-Q1")), ("jinan", outcome(2, "2026-Q1"))]
    real = journal._append
    calls: list[Path] = []

    def append(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(journal, "_append", append)
    with pytest.raises(OSError):
        record_batch(open_workspace(plans), batch)
    assert (first.read_bytes(), second.read_bytes()) == before


def test_record_on_a_full_disk_then_retry(
    jt: Invoke, plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jt record` fails with exit 1 after part of its bytes landed; the retry is written, not
    refused as a copy of the failed record."""
    log = plans / LOG
    before = log.read_bytes()
    with monkeypatch.context() as m:
        _failing_write(m, 100)
        failed = jt("record", "就业", "4.5万", "-p", "2026-Q1")
    assert failed.exit_code == 1, failed.output
    assert log.read_bytes() == before
    again = jt("record", "就业", "4.5万", "-p", "2026-Q1")
    assert again.exit_code == 0, again.output


def _batch_log(plans: Path, n: int) -> tuple[Path, bytes, bytes]:
    log = plans / LOG
    base = (PLANS / LOG).read_bytes()  # afresh for every generated case
    text = batch_text(outcome(500 + i) for i in range(n)).encode("utf-8")
    return log, base, text


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(cut=st.floats(0, 0.9999), n=st.integers(1, 6), then_record=st.booleans())
def test_a_batch_cut_anywhere_is_left_out_whole(
    plans: Path, tmp_path_factory: pytest.TempPathFactory, cut: float, n: int, then_record: bool
) -> None:
    """An import killed at any byte: none of its records is in force (fresh read and index
    agree), `jt check` names the unfinished batch, and a record appended later counts."""
    log, base, text = _batch_log(plans, n)
    cut_at = int(len(text) * cut)
    log.write_bytes(base + text[:cut_at])
    db = tmp_path_factory.mktemp("c") / "index.sqlite"
    before = jobs(plans)
    assert jobs(plans, IndexedLoader(db)) == before
    if then_record:
        append_outcome(log, outcome(9999))
    got = jobs(plans)
    assert got == jobs(plans, IndexedLoader(db))
    whole = cut_at >= len(text) - 1  # only the footer's newline missing: the batch ended
    assert all((Decimal(500 + i) / 10 in got) == whole for i in range(n))
    assert (Decimal(9999) / 10 in got) == then_record
    ws = load_workspace(plans)
    if b"[[outcome]]" in text[:cut_at] and not whole:
        assert any("incomplete batch" in p.message or "cut short" in p.message
                   or "damaged" in p.message for p in ws.problems), cut_at  # fmt: skip


def test_a_whole_batch_is_in_force(plans: Path, tmp_path: Path) -> None:
    """With its footer, every record of the batch counts, read fresh or through the index."""
    log, base, text = _batch_log(plans, 5)
    log.write_bytes(base + text)
    got = jobs(plans)
    assert all(Decimal(500 + i) / 10 in got for i in range(5))
    assert jobs(plans, IndexedLoader(tmp_path / "i.sqlite")) == got
    assert [p for p in load_workspace(plans).problems if p.path == log] == []


def test_a_batch_being_written_is_indexed_once_it_ends(plans: Path, tmp_path: Path) -> None:
    """A reader seeing half a batch never stores it; once the footer lands it counts."""
    log, base, text = _batch_log(plans, 4)
    db = tmp_path / "i.sqlite"
    log.write_bytes(base + text[: len(text) // 2])
    half = jobs(plans, IndexedLoader(db))
    assert not any(Decimal(500 + i) / 10 in half for i in range(4))
    with log.open("ab") as fh:
        fh.write(text[len(text) // 2 :])
    whole = jobs(plans, IndexedLoader(db))
    assert all(Decimal(500 + i) / 10 in whole for i in range(4))
    assert whole == jobs(plans)


@pytest.mark.parametrize("which", [0, 1, 5, -2, -1])
@pytest.mark.parametrize("how", ["same-size", "edit-and-append"])
def test_the_index_sees_every_hand_edit(plans: Path, tmp_path: Path, which: int, how: str) -> None:
    """An in-place edit of the same size with the mtime put back, or an edit of an old record
    saved together with a new one: indexed reads show the change, like a fresh read."""
    log = plans / LOG
    for i in range(8):
        text = '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-Q1"\n'
        text += f"value = {10 + i}\nrecorded_at = 2026-04-0{1 + i % 8}T00:00:0{i}+08:00\n"
        with log.open("a", encoding="utf-8") as fh:
            fh.write(text)
    db = tmp_path / "i.sqlite"
    assert jobs(plans, IndexedLoader(db)) == jobs(plans)
    data = log.read_bytes()
    values = [f"value = {10 + i}\n".encode() for i in range(8)]
    old = values[which]
    new = old.replace(b"= 1", b"= 9")
    info = os.stat(log)
    edited = data.replace(old, new)
    if how == "edit-and-append":
        edited += b'\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-Q1"\n'
        edited += b"value = 77\nrecorded_at = 2026-04-09T00:00:00+08:00\n"
    with log.open("r+b") as fh:  # same inode, as an editor saving in place
        fh.write(edited)
    if how == "same-size":
        os.utime(log, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert os.stat(log).st_size == info.st_size
    want = jobs(plans)
    assert Decimal(new.split(b"= ")[1].decode()) in want
    assert jobs(plans, IndexedLoader(db)) == want


@pytest.mark.parametrize("after", [0, 3, 10])
@pytest.mark.parametrize("existing", [False, True])
def test_init_on_a_full_disk_leaves_nothing_and_says_one_line(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int, existing: bool
) -> None:
    """`jt init` failing halfway removes what it copied and prints one short line, exit 1."""
    dest = tmp_path / "ws"
    if existing:
        dest.mkdir()
    real = shutil.copyfile
    count = [0]

    def copyfile(src: str, dst: str, **kw: bool) -> object:
        count[0] += 1
        if count[0] > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, **kw)

    monkeypatch.setattr(shutil, "copyfile", copyfile)
    result = jt("init", str(dest))
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300, result.stderr
    assert "No space left on device" in lines[0]
    assert (list(dest.iterdir()) == []) if existing else not dest.exists()
