"""A big log is read an indicator at a time behind the index, never held whole: every command
must then answer exactly as a whole read does (retractions, the unindexed tail, stocks that
need last year's level, references to another place, figures dated by ``--as-recorded``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from jinan_targets.dataset import Workspace, figure_groups, in_force
from jinan_targets.index import IndexedLoader
from jinan_targets.scorecard import build_scorecard
from jinan_targets.scorecard_json import scorecard_dict
from jinan_targets.store import load_workspace, open_workspace
from tests.conftest import Invoke

HAND_WRITTEN = """
[[outcome]]
indicator = "gdp_growth"
period = "2026-Q3"
value = 5.9
vintage = "preliminary"
source = "手工"
recorded_at = 2026-10-30T08:00:00+08:00
"""


@pytest.fixture()
def edited(plans: Path, jt: Invoke) -> Path:
    """The shipped data with retractions, a replaced figure and a record past the indexed end
    (a hand-written one, which has no digest line): what reading in parts must get right."""
    assert (
        jt("record", "地区生产总值增长", "5.2%", "-p", "2026-Q1", "--source", "测试").exit_code == 0
    )
    assert (
        jt("record", "地区生产总值增长", "5.4%", "-p", "2026-Q1", "--source", "修订").exit_code == 0
    )
    assert jt("undo", "地区生产总值增长", "-p", "2026-Q1").exit_code == 0
    assert jt("undo", "地区生产总值增长", "-p", "2023").exit_code == 0
    with (plans / "jinan" / "2026.outcomes.toml").open("a", encoding="utf-8") as fh:
        fh.write(HAND_WRITTEN)
    return plans


def _parts(plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Workspace:
    monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 0)
    return open_workspace(plans, loader=IndexedLoader(tmp_path / f"{name}.sqlite"))


@pytest.mark.parametrize("known_by", [None, date(2026, 5, 1), date(2024, 3, 1)])
def test_scorecards_read_in_parts_equal_a_whole_read(
    edited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, known_by: date | None
) -> None:
    whole = load_workspace(edited)
    plans = sorted(whole.plan_files)
    assert len(plans) >= 5
    for name in ("cold", "warm"):  # the index built, then read again
        parts = _parts(edited, tmp_path, monkeypatch, "index")
        for place, year in plans:
            want = scorecard_dict(build_scorecard(whole, place, year, known_by=known_by))
            got = scorecard_dict(build_scorecard(parts, place, year, known_by=known_by))
            assert got == want, (name, place, year)
        assert not any(parts._logs.values()), "a log was held whole"
        assert sorted(map(str, parts.problems)) == sorted(
            map(str, [p for p in whole.problems if p.path.name.endswith(".outcomes.toml")])
        ), "each log's problems are reported once"


def test_figure_dates_in_parts_equal_a_whole_read(
    edited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = load_workspace(edited)
    parts = _parts(edited, tmp_path, monkeypatch, "dates")
    for place, year in sorted(whole.log_files):
        groups = figure_groups(in_force(whole.log_for(place, years=[year])))
        want = {k: first for k, (first, _) in groups.items()}
        assert parts.figure_dates(place, year) == want, (place, year)
    # the retracted 2026-Q1 figure still dates its period: the earlier 5.2 is in force
    assert ("gdp_growth", "2026-Q1") in parts.figure_dates("jinan", 2026)
    assert ("gdp_growth", "2026-Q3") in parts.figure_dates("jinan", 2026)


@pytest.mark.parametrize("indicator", ["地区生产总值增长", "城镇新增就业", "一般公共预算收入"])
def test_history_in_parts_equals_a_whole_read(
    edited: Path, jt: Invoke, monkeypatch: pytest.MonkeyPatch, indicator: str
) -> None:
    whole = jt("history", indicator, "--json")
    assert whole.exit_code == 0, whole.output
    monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 0)
    parts = jt("history", indicator, "--json")
    assert parts.exit_code == 0, parts.output
    assert json.loads(parts.stdout) == json.loads(whole.stdout)
    states = {r["state"] for r in json.loads(parts.stdout)["records"]}
    if indicator == "地区生产总值增长":
        assert {"current", "retraction", "retracted"} <= states


def _hand(indicator: str, period: str, value: str, at: str, **more: str) -> str:
    extra = "".join(f'{k} = "{v}"\n' for k, v in more.items())
    return (
        f'\n[[outcome]]\nindicator = "{indicator}"\nperiod = "{period}"\nvalue = {value}\n'
        f'vintage = "preliminary"\nrecorded_at = {at}\n{extra}'
    )


@pytest.fixture()
def checked(edited: Path) -> Path:
    """What only ``jt check`` looks at: quotes checked against a kept document, one of them
    on a record later withdrawn (so never looked at), an older retraction naming two records
    that share a recorded_at, and an exact copy."""
    doc = "jinan-outcomes-2023-2025.md"
    log = edited / "jinan" / "2025.outcomes.toml"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(_hand("urban_new_jobs", "2025", "20", "2025-12-30T08:00:00+08:00",
                       source=doc, quote="城镇新增就业二十万人"))  # fmt: skip
        fh.write(_hand("urban_new_jobs", "2025", "21", "2025-12-31T08:00:00+08:00",
                       source=doc, quote="城镇新增就业二十一万人"))  # fmt: skip
        fh.write(_hand("urban_new_jobs", "2025", "21", "2025-12-31T08:00:00+08:00",
                       source=doc, quote="城镇新增就业二十一万人"))  # fmt: skip
        fh.write(_hand("gdp_growth", "2025", "5.5", "2025-12-29T08:00:00+08:00"))
        fh.write(_hand("gdp_growth", "2025", "5.6", "2025-12-29T08:00:00+08:00"))
        fh.write(
            '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2025"\n'
            "retracts = 2025-12-30T08:00:00+08:00\nrecorded_at = 2026-01-02T08:00:00+08:00\n"
            '\n[[outcome]]\nindicator = "gdp_growth"\nperiod = "2025"\n'
            "retracts = 2025-12-29T08:00:00+08:00\nrecorded_at = 2026-01-03T08:00:00+08:00\n"
        )
    return edited


def test_check_in_pieces_equals_a_whole_read(
    checked: Path, jt: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinan_targets import checkall, logpieces

    whole = jt("check", "--json")
    assert whole.exit_code == 1, whole.output
    want = json.loads(whole.stdout)["problems"]
    messages = " ".join(p["message"] for p in want)
    assert "二十一万" in messages and "二十万" not in messages  # the withdrawn one is not read
    assert "exact copy" in messages and "retraction" in messages
    monkeypatch.setattr(checkall, "WHOLE_LOG_BYTES", 0)
    monkeypatch.setattr(logpieces, "PIECE", 300)  # many pieces per log
    parts = jt("check", "--json")
    assert parts.exit_code == 1, parts.output
    got = json.loads(parts.stdout)["problems"]
    key = lambda p: json.dumps(p, sort_keys=True)  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)


def test_check_counts_the_same_figures_in_force_in_pieces(
    edited: Path, jt: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinan_targets import checkall, logpieces

    whole = jt("check")
    assert whole.exit_code == 0, whole.output
    monkeypatch.setattr(checkall, "WHOLE_LOG_BYTES", 0)
    monkeypatch.setattr(logpieces, "PIECE", 500)
    parts = jt("check")
    assert parts.exit_code == 0, parts.output
    assert parts.stdout == whole.stdout
    assert "条实际 outcomes" in parts.stdout


@pytest.mark.parametrize("parts", [False, True])
def test_writing_to_a_log_read_in_parts(
    edited: Path, jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: bool
) -> None:
    """undo, import and the jurisdictions' counts decide from one indicator's records of a
    big log: the same decisions as when the log is held whole."""
    if parts:
        monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 0)
    before = json.loads(jt("jurisdictions", "--json").stdout)["jurisdictions"]
    assert {j["id"]: j["outcomes"] for j in before}["jinan"] > 100
    undone = jt("undo", "地区生产总值增长", "-p", "2026-Q1")
    assert undone.exit_code == 0, undone.output
    assert "5.2" in undone.output  # 5.4 was withdrawn already: the 5.2 before it goes now
    table = tmp_path / "t.csv"
    table.write_text(
        "指标,时期,实际,版本,来源\n"
        "地区生产总值增长,2026-Q3,5.9%,初步核算,手工\n"  # the hand-written figure: in force
        "城镇新增就业,2026-Q3,12万,初步核算,市人社局\n",
        encoding="utf-8",
    )
    doc = json.loads(jt("import", str(table), "--json").stdout)
    assert (doc["new"], doc["duplicates"]) == (1, 1)
    after = json.loads(jt("jurisdictions", "--json").stdout)["jurisdictions"]
    counts = {j["id"]: j["outcomes"] for j in after}
    assert counts["jinan"] == {j["id"]: j["outcomes"] for j in before}["jinan"] - 1 + 1
    monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 8 << 20)
    whole = load_workspace(edited)
    assert counts == {j: len(whole.outcomes_for(j)) for j in whole.jurisdictions}


def test_the_sqlite_export_in_parts_holds_the_same_rows(
    edited: Path, jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def rows(db: Path) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(db)
        try:
            return sorted((r[1:] for r in conn.execute("SELECT * FROM outcomes")), key=repr)
        finally:
            conn.close()

    assert jt("export", "--all", "-o", str(tmp_path / "whole.db")).exit_code == 0
    monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 0)
    assert jt("export", "--all", "-o", str(tmp_path / "parts.db")).exit_code == 0
    want = rows(tmp_path / "whole.db")
    assert len(want) > 400 and any(r[-1] == 0 for r in want)  # withdrawn records are there
    assert rows(tmp_path / "parts.db") == want


@pytest.mark.parametrize("command", ["check", "scorecard"])
def test_a_big_log_is_checked_a_piece_at_a_time(
    edited: Path, jt: Invoke, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Neither `jt check` nor the index's first read hands a log written by `jt` to the checker
    whole: no more than about a piece at a time (what keeps their memory flat on any size of
    log; a log written by hand, with no digest lines, has nowhere to be cut)."""
    from datetime import UTC, datetime, timedelta
    from decimal import Decimal

    from jinan_targets import checkall, logpieces, outcomes
    from jinan_targets.journal import append_outcomes
    from jinan_targets.model import Outcome

    log = edited / "jinan" / "2026.outcomes.toml"
    before = log.stat().st_size
    start = datetime(2026, 4, 1, tzinfo=UTC)
    append_outcomes(log, [
        Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(i) / 10,
                source="手工", recorded_at=start + timedelta(seconds=i))
        for i in range(300)
    ])  # fmt: skip
    append_outcomes(log, [
        Outcome(indicator="gdp_growth", period="2026-Q1", value=Decimal(i) / 100,
                recorded_at=start + timedelta(hours=1, seconds=i))
        for i in range(10)
    ])  # fmt: skip
    sizes: list[int] = []
    real = outcomes.check_log

    def spy(*args: object, **kwargs: object) -> object:
        if args[1] == log:
            sizes.append(len(args[2]))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outcomes, "check_log", spy)
    monkeypatch.setattr(checkall, "WHOLE_LOG_BYTES", 0)
    monkeypatch.setattr(logpieces, "PIECE", 4000)
    result = jt(command, *(["2026"] if command == "scorecard" else []))
    assert result.exit_code in (0, 1), result.output
    assert len(sizes) > 10
    # the first piece may hold the hand-written records before them, with nowhere to cut
    assert max(sizes[1:]) < 4000 + 1500, "a piece is at most PIECE bytes and one record more"
    assert sum(sizes) >= log.stat().st_size - before


@pytest.mark.parametrize("parts", [False, True])
def test_record_refuses_an_implausible_figure_from_one_indicator(
    edited: Path, jt: Invoke, monkeypatch: pytest.MonkeyPatch, parts: bool
) -> None:
    """The check against the indicator's known figures reads that indicator alone."""
    if parts:
        monkeypatch.setattr(IndexedLoader, "WHOLE_LOG_BYTES", 0)
    result = jt("record", "就业", "210000", "-p", "2026-Q1")
    assert result.exit_code == 2, result.output
    assert "implausible" in result.output
