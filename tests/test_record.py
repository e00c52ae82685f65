"""Recording figures: forgiving in what it understands, strict in what it accepts, never lossy."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinan_targets.store import load_workspace

from .conftest import Invoke


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_record_appends_and_judges(jt: Invoke, plans: Path) -> None:
    """`jt record 就业 4.2万 --period 2026-Q1` appends one record and shows before and after."""
    log = plans / "jinan" / "2026.outcomes.toml"
    before = log.read_bytes()
    result = jt(
        "record", "就业", "4.2万", "--period", "2026-Q1", "--source", "市人社局", "--by", "分析员"
    )
    assert result.exit_code == 0, result.output
    assert (
        "城镇新增就业 2026年一季度 4.2万人 · 完成率28.0% · 超时序进度3.0个百分点 · 进度正常"
        in result.stdout
    )
    assert "此前：城镇新增就业 2026年一季度 · 暂无数据" in result.stdout  # the before line
    after = log.read_bytes()
    assert after.startswith(before)  # appended, not rewritten
    ws = load_workspace(plans)
    assert ws.problems == []
    new = [o for o in ws.outcomes_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"]
    assert [(o.value, o.source, o.by) for o in new] == [(Decimal("4.2"), "市人社局", "分析员")]


def test_record_json_and_revision(jt: Invoke, plans: Path) -> None:
    """A revision is a new record; the newest vintage wins in the judgement."""
    first = jt("record", "urban_new_jobs", "4.2万人", "-p", "2026-Q1", "--json")
    assert first.exit_code == 0, first.output
    doc = json.loads(first.stdout)
    assert (
        doc["written"]
        and doc["after"]["status"] == "on_track"
        and doc["before"]["status"] == "no_data"
    )
    second = jt("record", "城镇新增就业", "2.0", "-p", "2026-Q1", "--vintage", "revised", "--json")
    doc = json.loads(second.stdout)
    assert doc["after"]["actual"] == 2 and doc["after"]["status"] == "off_track"
    records = [
        o for o in load_workspace(plans).log_for("jinan", "urban_new_jobs") if o.period == "2026-Q1"
    ]
    assert len(records) == 2


def test_verdict_for_a_qualitative_target(jt: Invoke, plans: Path) -> None:
    """A qualitative target is judged by a recorded verdict."""
    result = jt(
        "record", "居民消费价格", "--verdict", "met", "--period", "2025", "--note", "0.2%，低于3%"
    )
    assert result.exit_code == 0, result.output
    card = json.loads(jt("scorecard", "2025", "--json").stdout)
    cpi = next(r for r in card["rows"] if r["indicator"] == "cpi")
    assert cpi["status"] == "met" and cpi["verdict"] == "met"


def test_dry_run_writes_nothing(jt: Invoke, plans: Path) -> None:
    """--dry-run shows the record and the judgement but leaves every file unchanged."""
    state = snapshot(plans)
    result = jt("record", "就业", "4.2万", "-p", "2026-Q1", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "[[outcome]]" in result.stdout and "进度正常" in result.stdout
    assert snapshot(plans) == state


BAD_INPUTS = [
    (("record", "no_such_thing", "5"), "unknown indicator"),
    (("record", "收入", "5"), "ambiguous indicator"),
    (("record", "", "5"), "empty indicator"),
    (("record", "就业", ""), "empty value"),
    (("record", "就业", "abc"), "no number"),
    (("record", "就业", "nan"), "no number"),
    (("record", "就业", "inf"), "no number"),
    (("record", "就业", "--", "-inf"), "no number"),
    (("record", "就业", "1600亿元"), "unit mismatch"),
    (("record", "就业", "5%"), "unit mismatch"),
    (("record", "地区生产总值增长", "5万人"), "unit mismatch"),
    (("record", "就业", "210000"), "implausible"),
    (("record", "就业", "--", "-3"), "implausible"),
    (("record", "地区生产总值增长", "5000%"), "implausible"),
    (("record", "就业", "4", "-p", "2026-Q5"), "quarter must be"),
    (("record", "就业", "4", "-p", "2026-13"), "month must be"),
    (("record", "就业", "4", "--vintage", "guess"), "unknown vintage"),
    (("record", "就业", "4", "--note", "a\x00b"), "control character"),
    (("record", "就业", "4", "--source", "\x1b[31mred"), "control character"),
    (("record", "就业", "4", "--published", "soon"), "not a date"),
    (("record", "就业", "4", "--verdict", "met"), "not both"),
    (("record", "就业"), "not both or neither"),
    (("record", "节能减排", "5"), "takes --verdict"),
    (("record", "就业", "4", "-j", "atlantis"), "unknown jurisdiction"),
    (("undo", "就业", "-p", "2019"), "nothing to retract"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUTS, ids=[" ".join(a) for a, _ in BAD_INPUTS])
def test_bad_input_changes_nothing(
    jt: Invoke, plans: Path, args: tuple[str, ...], message: str
) -> None:
    """Bad input: a clear message on stderr, exit 2, no traceback, files byte-for-byte unchanged."""
    state = snapshot(plans)
    result = jt(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert snapshot(plans) == state


def test_unit_picks_the_growth_indicator(jt: Invoke) -> None:
    """地区生产总值 names the level (亿元); with a % value it is read as 地区生产总值增长."""
    result = jt("record", "地区生产总值", "5.4%", "-p", "2026-Q1", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["record"]["indicator"] == "gdp_growth"
    level = jt("record", "地区生产总值", "3500亿元", "-p", "2026-Q1", "--json")
    assert json.loads(level.stdout)["record"]["indicator"] == "gdp"


def test_ambiguous_name_lists_candidates(jt: Invoke) -> None:
    """An ambiguous name offers the candidates with their ids."""
    result = jt("record", "收入", "5")
    assert "urban_income_growth" in result.stderr and "城镇居民人均可支配收入增长" in result.stderr


def test_force_accepts_an_implausible_value(jt: Invoke, plans: Path) -> None:
    """--force records what the plausibility check would refuse."""
    result = jt("record", "就业", "210000", "-p", "2026-Q1", "--force")
    assert result.exit_code == 0, result.output


def test_bundled_dataset_is_read_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Recording into the bundled copy is refused with a hint to `jt init`."""
    from typer.testing import CliRunner

    from jinan_targets.cli import app

    monkeypatch.chdir(tmp_path)  # no ./plans here
    monkeypatch.delenv("JINAN_TARGETS_PLANS", raising=False)
    result = CliRunner().invoke(app, ["record", "就业", "4", "-p", "2026-Q1"])
    assert result.exit_code == 2
    assert "read-only" in result.stderr and "jt init" in result.stderr


def test_history_and_undo(jt: Invoke, plans: Path) -> None:
    """history lists every vintage newest first; undo appends a retraction, history keeps both."""
    jt("record", "就业", "4.2万", "-p", "2026-Q1", "--by", "甲")
    hist = json.loads(jt("history", "就业", "--json").stdout)
    states = {(r["period"], r["state"]) for r in hist["records"]}
    assert ("2026-Q1", "current") in states and ("2025", "current") in states
    assert hist["records"][0]["period"] == "2026-Q1"  # newest period first
    size = (plans / "jinan" / "2026.outcomes.toml").stat().st_size
    undone = jt("undo", "就业")
    assert undone.exit_code == 0, undone.output
    assert (plans / "jinan" / "2026.outcomes.toml").stat().st_size > size  # appended
    hist = json.loads(jt("history", "就业", "-p", "2026-Q1", "--json").stdout)
    assert [r["state"] for r in hist["records"]] == ["retraction", "retracted"]
    card = json.loads(jt("scorecard", "2026", "--json").stdout)
    jobs = next(r for r in card["rows"] if r["indicator"] == "urban_new_jobs")
    assert jobs["status"] == "no_data"
    gdp = json.loads(jt("history", "gdp_growth", "--json").stdout)
    assert {(r["period"], r["vintage"], r["state"]) for r in gdp["records"]} >= {
        ("2023", "estimate", "superseded"),
        ("2023", "preliminary", "current"),
    }
    assert "城镇新增就业" in jt("history", "就业").stdout


pieces = st.sampled_from(
    ["\n", "\t", '"', "'", "\\", "]]", "#", "\n[[outcome]]\n", "😀", "城镇新增就业"]
)
hostile = st.lists(
    st.text(
        st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]).filter(
            lambda c: not ("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069")
        ),
        max_size=20,
    )
    | pieces,
    min_size=1,
    max_size=8,
).map("".join)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=hostile, quote=hostile)
def test_hostile_text_round_trips(jt: Invoke, plans: Path, note: str, quote: str) -> None:
    """Quotes, newlines, ]], backslashes, #, emoji and long Chinese text are stored exactly."""
    count = len(load_workspace(plans).log_for("jinan"))  # a new figure each time: no duplicate
    result = jt(
        "record", "就业", f"{count}", "-p", "2026-Q1", "--note", note, "--quote", quote, "--json"
    )
    assert result.exit_code == 0, result.output
    ws = load_workspace(plans)
    assert ws.problems == []
    last = ws.log_for("jinan", "urban_new_jobs")[-1]
    assert (last.note, last.quote) == (note, quote)
    tomllib.loads((plans / "jinan" / "2026.outcomes.toml").read_text(encoding="utf-8"))


def test_a_single_quarter_for_a_year_to_date_indicator_gets_a_hint(jt: Invoke) -> None:
    """三季度 is July–September alone: recorded as typed, with one line on how to write 前三季度."""
    r = jt("record", "城镇新增就业", "5万", "-p", "三季度", "--dry-run")
    assert r.exit_code == 0, r.output
    assert "前三季度" in r.stderr and "2026-Q3" in r.stderr
    assert "2026-07..09" in r.stdout or "7—9月" in r.stdout
    quiet = jt("record", "城镇新增就业", "5万", "-p", "前三季度", "--dry-run")
    assert "hint" not in quiet.stderr
