"""A big log is checked a piece at a time: where the pieces are cut, and that a log read in
pieces (through the index) gives exactly the records and problems of reading it at once,
whatever the mix of records, batches (finished, cut short, still being written), torn tails,
hand-written records and comments, and wherever the pieces fall."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinan_targets import logpieces
from jinan_targets.batches import FOOTER_B, HEADER_B, MARK, MEMBER_B
from jinan_targets.index import IndexedLoader
from jinan_targets.journal import batch_text, record_text
from jinan_targets.model import Outcome
from jinan_targets.store import open_workspace

T0 = datetime(2026, 4, 1, tzinfo=UTC)
LOG = Path("jinan") / "2026.outcomes.toml"
PLANS = Path(__file__).resolve().parent.parent / "plans"


def reference_end(data: bytes) -> int:
    """Where complete records end, looking at all the bytes at once (the definition)."""
    last = None
    for last in logpieces.BOUNDARY.finditer(data):  # noqa: B007
        pass
    end = 0 if last is None else last.end()
    head = data[:end]
    if MARK.encode() not in head:
        return end
    members = list(MEMBER_B.finditer(head))
    if not members:
        return end
    batch = members[-1].group(1)
    if batch in {m.group(1) for m in FOOTER_B.finditer(head)}:
        return end
    first = next(m for m in members if m.group(1) == batch)
    if len(list(HEADER_B.finditer(head, members[-1].end()))) > 1:
        return end
    return head.rfind(b"\n", 0, first.start()) + 1


def outcome(i: int) -> Outcome:
    return Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(i) / 10,
                   note=f"第{i}条", recorded_at=T0 + timedelta(seconds=i))  # fmt: skip


def segment(kind: str, n: int) -> str:
    """One thing a log can hold, numbered ``n`` (so no two records are the same)."""
    if kind == "record":
        return record_text(outcome(n))
    if kind in ("batch", "killed"):
        text = batch_text([outcome(n * 10 + k) for k in range(1 + n % 4)])
        return text if kind == "batch" else text[: text.rindex("\n# 批次结束")]
    if kind == "torn":
        text = record_text(outcome(n))
        return text[: len(text) * 2 // 3]
    if kind == "hand":
        return f'\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-Q1"\nvalue = {n}\n' + (
            f"recorded_at = 2026-04-02T00:00:{n % 60:02d}+00:00\n"
        )
    if kind == "copy":  # an exact copy of an earlier record, pasted by hand
        return record_text(outcome(max(n - 1, 0)))
    return f"# 备注 note {n}\n"


KINDS = st.sampled_from(["record", "record", "batch", "killed", "torn", "hand", "copy", "comment"])
LOGS = st.lists(KINDS, min_size=1, max_size=14).map(
    lambda kinds: "".join(segment(k, i) for i, k in enumerate(kinds)).encode("utf-8")
)


@settings(max_examples=120, deadline=None)
@given(data=LOGS, piece=st.integers(40, 3000), at=st.integers(0, 100))
def test_scan_finds_where_a_whole_look_does(data: bytes, piece: int, at: int) -> None:
    """From the start or from any earlier end (where an index resumes), in pieces of any size:
    the same end as looking at all the bytes at once, and the pieces join to the bytes."""
    old, logpieces.PIECE = logpieces.PIECE, piece
    try:
        ends = [0] + [m.end() for m in logpieces.BOUNDARY.finditer(data)]
        start = min(ends[at % len(ends)], reference_end(data))
        found = logpieces.scan(io.BytesIO(data), start)
        assert found.end == start + reference_end(data[start:])
        parts = list(logpieces.pieces(io.BytesIO(data), start, found))
        assert b"".join(parts) == data[start : found.end]
        for part in parts[:-1]:
            assert logpieces.BOUNDARY.search(part[-300:] if len(part) > 300 else part)
            assert re.search(rb"\n(?:[ \t]*digest[^\n]*|#[^\n]* end: [^\n]*)\n\Z", part)
    finally:
        logpieces.PIECE = old


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=LOGS, piece=st.integers(40, 2000))
def test_a_log_indexed_in_pieces_equals_a_fresh_read(
    plans: Path, tmp_path_factory: pytest.TempPathFactory, data: bytes, piece: int
) -> None:
    log = plans / LOG
    log.write_bytes(data)
    fresh = open_workspace(plans)
    want = fresh.log_for("jinan", years=[2026])
    want_problems = {(p.line, p.field, p.message) for p in fresh.problems if p.path == log}
    old, logpieces.PIECE = logpieces.PIECE, piece
    try:
        db = tmp_path_factory.mktemp("idx") / "index.sqlite"
        ws = open_workspace(plans, loader=IndexedLoader(db))
        got = ws.log_for("jinan", years=[2026])
        problems = {(p.line, p.field, p.message) for p in ws.problems if p.path == log}
    finally:
        logpieces.PIECE = old
    assert got == want
    assert problems == want_problems


@settings(max_examples=50, deadline=None)
@given(data=LOGS, piece=st.integers(40, 2000), bom=st.booleans())
def test_a_big_log_read_afresh_in_pieces_equals_reading_it_at_once(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, piece: int, bom: bool
) -> None:
    """Without the index (and in `jt check`), a big log is read a piece at a time: the same
    records, problems and count as checking its bytes at once."""
    from jinan_targets import outcomes
    from jinan_targets.store import open_workspace as fresh_workspace

    root = tmp_path_factory.mktemp("ws")
    (root / "indicators.toml").write_bytes((PLANS / "indicators.toml").read_bytes())
    log = root / "log.toml"
    log.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    indicators = fresh_workspace(PLANS).indicators
    whole = outcomes.check_log(indicators, log, data, 2026)
    old = outcomes.PIECES_OVER, logpieces.PIECE
    outcomes.PIECES_OVER, logpieces.PIECE = 0, piece
    try:
        got, readable = outcomes.read_log_file(indicators, root, log, 2026)
    finally:
        outcomes.PIECES_OVER, logpieces.PIECE = old
    assert readable
    assert [(c.seq, c.line, c.outcome, c.key) for c in got.records] == [
        (c.seq, c.line, c.outcome, c.key) for c in whole.records
    ]
    assert sorted(map(str, got.problems)) == sorted(map(str, whole.problems))
    assert got.count == whole.count
