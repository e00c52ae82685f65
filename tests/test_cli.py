"""The commands, driven through CliRunner on a private copy of the dataset."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer.main

from jinan_targets.cli import app

from .conftest import Invoke


def test_check_ok(jt: Invoke) -> None:
    """A clean workspace: one line, exit 0."""
    result = jt("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK ")
    assert len(result.stdout.strip().splitlines()) == 1


def test_check_lists_problems_and_exits_1(jt: Invoke, plans: Path) -> None:
    """Broken files: one line per problem naming file:line, exit 1, no traceback."""
    (plans / "jinan" / "2026.toml").write_text(
        (plans / "jinan" / "2026.toml")
        .read_text(encoding="utf-8")
        .replace('indicator = "gdp_growth"', 'indicator = "gdp_growht"', 1)
        .replace('value = "15万人"', 'value = "15亿元"', 1),
        encoding="utf-8",
    )
    (plans / "jinan" / "2024.toml").write_text("[plan]\ntitle = \n", encoding="utf-8")
    result = jt("check")
    assert result.exit_code == 1, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3, lines
    assert any(
        "2026.toml:18: target[0].indicator" in line and "gdp_growht" in line for line in lines
    )
    assert any("2026.toml:" in line and "unit mismatch" in line for line in lines)
    assert any("2024.toml:2:" in line and "bad TOML" in line for line in lines)
    assert "Traceback" not in result.output


def test_check_json(jt: Invoke, plans: Path) -> None:
    """check --json reports ok and the problem list."""
    result = jt("check", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is True
    (plans / "jinan" / "2026.toml").write_text("x = 1\n", encoding="utf-8")
    bad = jt("check", "--json")
    assert bad.exit_code == 1
    data = json.loads(bad.stdout)
    assert data["ok"] is False and data["problems"]


def test_targets_table_groups_by_category(jt: Invoke) -> None:
    """targets 2026 lists the plan under category headings with targets as written."""
    result = jt("targets", "2026")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "城镇新增就业" in out and "15万人以上" in out
    assert "5%以上" in out and "1—2条" in out
    assert out.index("经济总量与财政") < out.index("科技创新与人才") < out.index("就业与民生")
    assert "\x1b[" not in out  # NO_COLOR


def test_targets_json_lists_all(jt: Invoke) -> None:
    """targets --json carries every target with its quote and source."""
    result = jt("targets", "2026", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "jinan-targets/targets/1"
    assert len(data["targets"]) >= 85
    jobs = next(t for t in data["targets"] if t["indicator"] == "urban_new_jobs")
    assert jobs["target"] == 15 and jobs["unit"] == "万人" and jobs["comparator"] == "at_least"
    assert jobs["source"] == "003_a011f88a423f782e.txt"


def test_targets_for_a_district_and_category(jt: Invoke) -> None:
    """-j selects the district; --category narrows."""
    result = jt("targets", "2026", "-j", "jinan-licheng", "--json")
    assert result.exit_code == 0, result.output
    assert {t["indicator"] for t in json.loads(result.stdout)["targets"]} >= {
        "industrial_va_growth"
    }
    narrowed = jt("targets", "2026", "--category", "agriculture", "--json")
    cats = {t["category"] for t in json.loads(narrowed.stdout)["targets"]}
    assert cats == {"agriculture"}


def test_scorecard_2025(jt: Invoke) -> None:
    """2025: jobs met at 140%, GDP basically met at −0.1 pp, summary headline."""
    result = jt("scorecard", "2025")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "140.0%" in out
    assert "≈ 基本完成" in out and "✔ 完成" in out
    assert "-0.1个百分点" in out
    assert "10项指标：完成 3 · 基本完成 1" in out


def test_scorecard_english(jt: Invoke) -> None:
    """--lang en labels everything in English."""
    result = jt("scorecard", "2025", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "basically met" in result.stdout and "New urban jobs" in result.stdout


def test_scorecard_filters(jt: Invoke) -> None:
    """--status and --category narrow the rows and the summary."""
    result = jt("scorecard", "2025", "--status", "met,basically_met", "--json")
    data = json.loads(result.stdout)
    assert {r["status"] for r in data["rows"]} == {"met", "basically_met"}
    assert data["summary"]["total"] == 4
    result = jt("scorecard", "2025", "-c", "livelihood", "--json")
    assert {r["category"] for r in json.loads(result.stdout)["rows"]} == {"livelihood"}


def test_scorecard_as_recorded(jt: Invoke) -> None:
    """--as-recorded before the April 2026 plan uses what was published by then: for GDP
    growth the 前三季度 figure (5.4%, published 2025-12-26), not the year's 5.4% of April."""
    result = jt("scorecard", "2025", "--as-recorded", "2026-02-01", "--json")
    data = json.loads(result.stdout)
    assert data["as_recorded"] == "2026-02-01"
    gdp = next(r for r in data["rows"] if r["indicator"] == "gdp_growth")
    assert (gdp["period"], gdp["status"]) == ("2025-Q3", "at_risk")


def test_scorecard_in_year_after_recording(jt: Invoke, plans: Path) -> None:
    """A Q1 figure of 4.2万 against 15万人以上: 28%, 超时序进度3个百分点, on track."""
    log = plans / "jinan" / "2026.outcomes.toml"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-Q1"\nvalue = "4.2万人"\n'
            "recorded_at = 2026-05-01T00:00:00Z\n"
        )
    result = jt("scorecard", "2026", "-c", "livelihood")
    assert result.exit_code == 0, result.output
    assert "28.0%" in result.stdout and "超时序进度3.0个百分点" in result.stdout
    assert "后三季度月均需完成1.2万人" in result.stdout.replace("\n", "").replace("│", "").replace(
        " ", ""
    )
    assert "进度正常" in result.stdout
    data = json.loads(jt("scorecard", "2026", "--json").stdout)
    jobs = next(r for r in data["rows"] if r["indicator"] == "urban_new_jobs")
    assert jobs["status"] == "on_track"
    assert jobs["completion"] == 0.28 and jobs["time_progress"] == 0.25
    assert jobs["schedule_gap"] == 0.03
    assert jobs["required_pace"] == pytest.approx(1.2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("scorecard", "2026", "-j", "atlantis"), "unknown jurisdiction"),
        (("scorecard", "2019"), "no 2019 plan"),
        (("scorecard", "2026", "--as-of", "2026-Q5"), "quarter must be"),
        (("scorecard", "2026", "--as-of", "2025-Q1"), "is not in 2026"),
        (("scorecard", "2026", "--as-recorded", "yesterday"), "not a date"),
        (("scorecard", "2026", "--status", "great"), "unknown status"),
        (("scorecard", "2026", "--lang", "fr"), "--lang"),
        (("targets", "2026", "--category", "nope"), "unknown category"),
        (("indicators", "--category", "nope"), "unknown category"),
    ],
)
def test_bad_input_exits_2_with_message(jt: Invoke, args: tuple[str, ...], message: str) -> None:
    """Bad input: a clear message on stderr, exit code 2, no traceback."""
    result = jt(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_plans_dir(jt: Invoke, tmp_path: Path) -> None:
    """--plans pointing nowhere is a usage error."""
    result = jt("check", plans_dir=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such directory" in result.stderr


def test_indicators_and_jurisdictions(jt: Invoke) -> None:
    """The catalog and the jurisdictions list, as tables and JSON."""
    result = jt("indicators", "--json")
    data = json.loads(result.stdout)
    ids = {i["id"] for i in data["indicators"]}
    assert {"gdp_growth", "urban_new_jobs", "cpi"} <= ids
    assert "城镇新增就业" in jt("indicators").stdout
    places = json.loads(jt("jurisdictions", "--json").stdout)["jurisdictions"]
    licheng = next(p for p in places if p["id"] == "jinan-licheng")
    assert licheng["parent"] == "jinan" and 2026 in licheng["plans"]


def test_init(jt: Invoke, tmp_path: Path) -> None:
    """init copies the dataset into a new workspace and refuses a non-empty one."""
    dest = tmp_path / "mine"
    result = jt("init", str(dest))
    assert result.exit_code == 0, result.output
    assert (dest / "indicators.toml").is_file()
    assert jt("check", plans_dir=dest).exit_code == 0
    again = jt("init", str(dest))
    assert again.exit_code == 2
    assert "not empty" in again.stderr


def test_every_command_has_help() -> None:
    """Every command explains itself, and every option has help text."""
    group = typer.main.get_command(app)
    assert group.help
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name}"


def test_colour_follows_no_color(jt: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """Statuses are coloured when colour is forced, plain under NO_COLOR; symbols stay."""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    colour = re.compile(r"\x1b\[[\d;]*(?:3[0-7]|38;[\d;]+|9[0-7])m")  # foreground colours
    coloured = jt("scorecard", "2025").stdout
    assert colour.search(coloured)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = jt("scorecard", "2025").stdout
    assert not colour.search(plain)
    assert "✔ 完成" in plain and "≈ 基本完成" in plain
