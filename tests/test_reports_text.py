"""What reports and outputs say: sources by title and 文号, when a report was generated and when
each figure was published, whole counts, comma lists and readable help."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from openpyxl import load_workbook

from jinan_targets.cli import app

from .conftest import Invoke


def test_reports_name_sources_by_title_and_give_dates(jt: Invoke, tmp_path: Path) -> None:
    assert jt("record", "就业", "4万", "-p", "Q1", "--source", "003_a011f88a423f782e.txt",
              "--published", "2026-04-20").exit_code == 0  # fmt: skip
    today = date.today().isoformat()
    md = jt("export", "2026", "-f", "md").stdout
    assert "济南市2026年国民经济和社会发展计划（济政发〔2026〕4号）" in md
    assert "003\\_a011" not in md and "003_a011" not in md
    assert f"生成于 {today}" in md and "发布 2026-04-20" in md
    html = jt("export", "2026", "-f", "html").stdout
    assert "济政发〔2026〕4号" in html and f"生成于 {today}" in html and "2026-04-20" in html
    doc = json.loads(jt("scorecard", "2026", "--json").stdout)
    row = next(r for r in doc["rows"] if r["indicator"] == "urban_new_jobs")
    assert row["actual_published"] == "2026-04-20"
    assert row["actual_source_title"].startswith("济南市2026年国民经济和社会发展计划")
    assert doc["plan"]["source_title"].endswith("（济政发〔2026〕4号）")
    targets = jt("targets", "2026").stdout
    assert "来源：济南市2026年国民经济和社会发展计划" in targets


def test_pace_of_counted_things_is_whole(jt: Invoke) -> None:
    """200家 a year, 40家 in Q1: the rest needs 17.8家 a month, which is 18家."""
    result = jt("record", "新增规模以上服务业企业", "40", "-p", "Q1")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(jt("scorecard", "2026", "--as-of", "Q1", "--json").stdout)
    row = next(r for r in doc["rows"] if r["indicator"] == "new_service_enterprises")
    assert abs(row["required_pace"] - 160 / 9) < 1e-6
    md = jt("export", "2026", "--as-of", "Q1", "-f", "md").stdout
    assert "后三季度月均需完成18家" in md


def test_xlsx_shows_whole_counts_without_decimals(jt: Invoke, tmp_path: Path) -> None:
    assert jt("record", "新增规模以上服务业企业", "40", "-p", "Q1").exit_code == 0
    out = tmp_path / "r.xlsx"
    assert jt("export", "2026", "--as-of", "Q1", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out)["计分卡 Scorecard"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "新增规模以上服务业企业")
    assert row[3].value == 200 and row[3].number_format == '#,##0"家"'
    assert row[4].value == 40 and row[4].number_format == '#,##0"家"'


def test_list_options_take_commas(jt: Invoke) -> None:
    doc = json.loads(jt("scorecard", "2025", "-s", "完成,基本完成", "--json").stdout)
    assert {r["status"] for r in doc["rows"]} == {"met", "basically_met"}
    doc = json.loads(jt("scorecard", "2026", "-c", "economy,industry", "--json").stdout)
    assert {r["category"] for r in doc["rows"]} == {"economy", "industry"}
    many = json.loads(jt("scorecard", "-j", "jinan,jinan-licheng", "--json").stdout)
    assert many["schema"] == "jinan-targets/scorecards/1"
    assert [d["jurisdiction"]["id"] for d in many["scorecards"]] == ["jinan", "jinan-licheng"]
    lists = json.loads(jt("targets", "-j", "jinan,jinan-licheng", "--json").stdout)
    assert [d["jurisdiction"]["id"] for d in lists["plans"]] == ["jinan", "jinan-licheng"]
    assert jt("indicators", "-c", "economy,industry", "--json").exit_code == 0


def test_help_has_readable_metavars_and_chinese_words() -> None:
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        ctx = typer.Context(command, info_name=name)
        text = command.get_help(ctx)
        assert "list[" not in text, name
        options = [line for line in text.splitlines() if line.strip().startswith("-")]
        assert not [line for line in options if "<str>" in line or "<path>" in line], name
    record = group.commands["record"]  # type: ignore[attr-defined]
    text = record.get_help(typer.Context(record, info_name="record"))
    assert "初步核算|预计|修订|最终核实" in text and "完成|基本完成|未完成" in text
    assert "--published" in text and "--as-of" not in text


def test_csv_names_sources_and_publication_dates(jt: Invoke) -> None:
    assert jt("record", "就业", "4万", "-p", "Q1", "--source", "003_a011f88a423f782e.txt",
              "--published", "2026-04-20").exit_code == 0  # fmt: skip
    import csv
    import io

    rows = list(
        csv.DictReader(io.StringIO(jt("export", "2026", "-f", "csv").stdout.lstrip("\ufeff")))
    )
    row = next(r for r in rows if r["indicator"] == "urban_new_jobs")
    assert row["actual_published"] == "2026-04-20"
    assert row["source_title"] == "济南市2026年国民经济和社会发展计划（济政发〔2026〕4号）"
