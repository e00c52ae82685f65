"""Data for research: periods that sort, --all in every format that holds it, Parquet files with
the SQLite columns, and the README's DuckDB query."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from jinan_targets.period import parse_period

from .conftest import REPO, Invoke


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-Q1", "2026-01-01", "2026-03-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-Q3", "2026-01-01", "2026-09-30"),
        ("2026-02", "2026-01-01", "2026-02-28"),
        ("2024-02", "2024-01-01", "2024-02-29"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-07..09", "2026-07-01", "2026-09-30"),
        ("2026-09..09", "2026-09-01", "2026-09-30"),
        ("2021-2025", "2021-01-01", "2025-12-31"),
    ],
)
def test_every_period_has_its_dates(text: str, start: str, end: str) -> None:
    p = parse_period(text)
    assert (p.first_day.isoformat(), p.last_day.isoformat()) == (start, end)


def test_sqlite_orders_periods_by_their_end(jt: Invoke, tmp_path: Path) -> None:
    jt("record", "城镇新增就业", "3万", "-p", "2026-Q1")
    jt("record", "城镇新增就业", "7万", "-p", "2026-H1")
    jt("record", "城镇新增就业", "10万", "-p", "2026-Q3")
    db = tmp_path / "all.db"
    assert jt("export", "--all", "-o", str(db)).exit_code == 0
    conn = sqlite3.connect(db)
    latest = conn.execute(
        "SELECT period, value_exact FROM outcomes WHERE jurisdiction = 'jinan' AND "
        "indicator = 'urban_new_jobs' AND year = 2026 ORDER BY period_end DESC LIMIT 1"
    ).fetchone()
    assert latest == ("2026-Q3", "10")
    assert "2026-H1" < "2026-Q1"  # why the text itself cannot be the order


def test_all_as_json_holds_every_plan(jt: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    r = jt("export", "--all", "-o", str(out))
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "jinan-targets/scorecards/1"
    keys = {(c["jurisdiction"]["id"], c["year"]) for c in doc["scorecards"]}
    assert {("jinan", 2024), ("jinan", 2025), ("jinan", 2026), ("jinan-licheng", 2026)} <= keys


def test_all_as_csv_is_one_long_table(jt: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert jt("export", "--all", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {"jurisdiction", "year", "indicator", "period_start", "period_end"} <= set(rows[0])
    assert len({(r["jurisdiction"], r["year"]) for r in rows}) >= 5
    jobs = [r for r in rows if r["year"] == "2025" and r["indicator"] == "urban_new_jobs"]
    assert jobs and jobs[0]["actual"] == "21"


def test_all_as_xlsx_has_a_sheet_per_plan_and_no_formula(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    juris = plans / "jurisdictions.toml"
    text = juris.read_text(encoding="utf-8")
    juris.write_text(text.replace('name = "济南市"', 'name = "=1+1"', 1), encoding="utf-8")
    out = tmp_path / "all.xlsx"
    r = jt("export", "--all", "-o", str(out))
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "目录 contents"
    assert {"jinan 2025", "jinan 2026", "jinan-licheng 2026"} <= set(wb.sheetnames)
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_all_is_refused_where_a_report_holds_one_scorecard(
    jt: Invoke, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"all.{fmt}"
    r = jt("export", "--all", "-o", str(out))
    assert r.exit_code == 2
    assert "--all" in r.stderr and not out.exists()


@pytest.mark.parametrize("batch", [5_000, 7])
def test_parquet_has_the_sqlite_columns_and_rows(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Written a batch of rows at a time (7: many row groups), the same rows as SQLite."""
    pq = pytest.importorskip("pyarrow.parquet")
    from jinan_targets import columnar

    monkeypatch.setattr(columnar, "BATCH", batch)
    db, directory = tmp_path / "all.db", tmp_path / "pq"
    assert jt("export", "--all", "-o", str(db)).exit_code == 0
    r = jt("export", "--all", "--format", "parquet", "-o", f"{directory}/")
    assert r.exit_code == 0, r.output
    conn = sqlite3.connect(db)
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"targets", "outcomes", "scorecard", "indicators"} <= set(tables)
    for name in tables:
        table = pq.read_table(directory / f"{name}.parquet")
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info({name})")]
        assert table.column_names == columns, name
        rows = conn.execute(f"SELECT * FROM {name}").fetchall()
        assert [tuple(r.values()) for r in table.to_pylist()] == rows, name
    outcomes = pq.read_table(directory / "outcomes.parquet")
    types = {f.name: str(f.type) for f in outcomes.schema}
    assert types["value"] == "double" and types["year"] == "int64"
    assert types["period_end"] == "string" and types["value_exact"] == "string"
    assert not list(directory.glob(".*")), "no scratch file is left behind"


def test_parquet_needs_a_directory(jt: Invoke, tmp_path: Path) -> None:
    file = tmp_path / "x.parquet"
    file.write_text("", encoding="utf-8")
    r = jt("export", "--all", "--format", "parquet", "-o", str(file))
    assert r.exit_code == 2 and "directory" in r.stderr


def test_the_readme_duckdb_query_gives_each_target_its_latest_figure(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    duckdb = pytest.importorskip("duckdb")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```sql\n(SELECT.*?latest_first.*?)```", readme, re.S)
    assert match, "the README shows the DuckDB query"
    jt("record", "城镇新增就业", "3万", "-p", "2026-Q1")
    jt("record", "城镇新增就业", "7.5万", "-p", "2026-H1")
    monkeypatch.chdir(tmp_path)
    assert jt("export", "--all", "--format", "parquet", "-o", "export/").exit_code == 0
    rows = duckdb.sql(match.group(1)).fetchall()
    columns = [d[0] for d in duckdb.sql(match.group(1)).description]
    found = [dict(zip(columns, r, strict=True)) for r in rows]
    jobs = next(
        r for r in found if r["jurisdiction"] == "jinan" and r["indicator"] == "urban_new_jobs"
    )
    assert jobs["period"] == "2026-H1" and Decimal(jobs["latest"]) == Decimal("7.5")
    assert jobs["status"] in ("on_track", "met")
