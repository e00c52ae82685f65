"""`jt import`: long and wide tables, the export round trip, errors all at once with nothing
written, duplicates skipped, one write per log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jinan_targets.store import load_workspace

from .conftest import Invoke


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def figures(plans: Path, indicator: str) -> list[tuple[str, float | None]]:
    ws = load_workspace(plans)
    return sorted(
        (o.period, float(o.value) if o.value is not None else None)
        for o in ws.outcomes_for("jinan", indicator)
        if o.period.startswith("2026")
    )


def test_long_table_in_chinese(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    table = tmp_path / "long.csv"
    table.write_text(
        "指标,时期,实际,版本,来源,发布日期\n"
        "城镇新增就业,一季度,4.2万,初步核算,市人社局,2026-04-20\n"
        "地区生产总值增长,2026-Q1,５．６％,,统计局,\n"
        '新增规模以上服务业企业,上半年,"1,234",修订,,\n'
        "民生实事,,,,,\n",  # a blank value: skipped
        encoding="utf-8-sig",
    )
    doc = json.loads(jt("import", str(table), "--json").stdout)
    assert doc["schema"] == "jinan-targets/import/1"
    assert (doc["written"], doc["new"], doc["duplicates"]) == (True, 3, 0)
    assert figures(plans, "urban_new_jobs") == [("2026-Q1", 4.2)]
    assert figures(plans, "new_service_enterprises") == [("2026-H1", 1234.0)]
    moved = {m["indicator"]: (m["before"]["status"], m["after"]["status"]) for m in doc["moves"]}
    assert moved["urban_new_jobs"] == ("no_data", "on_track")
    again = json.loads(jt("import", str(table), "--json").stdout)
    assert (again["new"], again["duplicates"], again["moves"]) == (0, 3, [])


def test_wide_table_with_periods_across(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    table = tmp_path / "wide.csv"
    table.write_text(
        "indicator,1—3月,1—6月,1—9月\n就业,4.2万,9.5万,\n地区生产总值增长,5.6%,5.4%,—\n",
        encoding="utf-8",
    )
    result = jt("import", str(table))
    assert result.exit_code == 0, result.stderr
    assert "已导入 imported 4 条新记录" in result.stdout
    assert figures(plans, "urban_new_jobs") == [("2026-H1", 9.5), ("2026-Q1", 4.2)]
    assert figures(plans, "gdp_growth") == [("2026-H1", 5.4), ("2026-Q1", 5.6)]


def test_errors_are_listed_together_and_nothing_is_written(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    table = tmp_path / "bad.csv"
    table.write_text(
        "indicator,period,value,vintage,published\n"
        "就业,2026-Q1,4.2万,,\n"  # fine, but the batch fails as a whole
        "没有这个指标,2026-Q1,1,,\n"
        "就业,2026-Q5,4,,\n"
        "就业,2026-Q2,abc,,\n"
        "就业,2026-Q2,5万,猜的,\n"
        "就业,2026-Q3,6万,,2062-01-01\n",
        encoding="utf-8",
    )
    before = snapshot(plans)
    result = jt("import", str(table))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "bad.csv:3:indicator: 未知指标 unknown indicator '没有这个指标'" in lines
    assert any(line.startswith("bad.csv:4:period: --period:") for line in lines)
    assert any(line.startswith("bad.csv:5:value: ") for line in lines)
    assert any(line.startswith("bad.csv:6:vintage: --vintage:") for line in lines)
    assert any(line.startswith("bad.csv:7:published: --published:") for line in lines)
    assert "5 error(s); nothing was written" in result.stderr
    assert snapshot(plans) == before


def test_dry_run_writes_nothing(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("指标,时期,实际\n就业,Q1,4万\n", encoding="utf-8")
    before = snapshot(plans)
    result = jt("import", str(table), "--dry-run")
    assert result.exit_code == 0 and "将导入 would import 1" in result.stdout
    assert "· 暂无数据 → ▲ 进度正常（2026年一季度 4万人）" in result.stdout
    assert snapshot(plans) == before


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_fill_import_round_trip(jt: Invoke, plans: Path, tmp_path: Path, kind: str) -> None:
    """Export the 2026 scorecard, fill 实际 for one target, import it back: that one figure is new,
    the figures already in the export are skipped as duplicates."""
    assert jt("record", "就业", "4.2万", "-p", "Q1").exit_code == 0
    out = tmp_path / f"r.{kind}"
    assert jt("export", "2026", "-o", str(out)).exit_code == 0
    if kind == "csv":
        text = out.read_text(encoding="utf-8-sig").splitlines()
        header = text[0].split(",")
        col, per = header.index("actual"), header.index("period")
        rows = []
        for line in text[1:]:
            cells = line.split(",")
            if cells[0] == "livelihood_projects":
                cells[col], cells[per] = "5", "2026-Q1"
            rows.append(",".join(cells))
        out.write_text("\n".join([text[0], *rows]) + "\n", encoding="utf-8-sig")
    else:
        book = load_workbook(out)
        sheet = book["计分卡 Scorecard"]
        for row in sheet.iter_rows(min_row=2):
            if row[1].value == "民生实事":
                row[4].value, row[5].value = 5, "2026年一季度"
        book.save(out)
    doc = json.loads(jt("import", str(out), "--json").stdout)
    assert (doc["new"], doc["duplicates"]) == (1, 1)
    assert [r["indicator"] for r in doc["records"]] == ["livelihood_projects"]
    assert figures(plans, "livelihood_projects") == [("2026-Q1", 5.0)]


def test_a_large_batch_is_one_write_per_log(
    jt: Invoke, plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 rows: checked once against a workspace loaded once, appended with one write."""
    from jinan_targets import journal

    writes: list[int] = []
    real = journal._append

    def counted(path: Path, text: str) -> None:
        writes.append(text.count("[[outcome]]"))
        real(path, text)

    monkeypatch.setattr(journal, "_append", counted)
    table = tmp_path / "big.csv"
    rows = [f"就业,2026-Q1,{n / 100}" for n in range(1, 2001)]
    table.write_text("indicator,period,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    doc = json.loads(jt("import", str(table), "--json").stdout)
    assert doc["new"] == 2000
    assert writes == [2000]
    assert len(figures(plans, "urban_new_jobs")) == 2000


def test_unreadable_tables_are_one_line(jt: Invoke, tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_text("x")
    (tmp_path / "nohead.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    (tmp_path / "bad.xlsx").write_text("not a zip")
    for name, message in (
        ("a.pdf", "reads .csv or .xlsx"),
        ("nohead.csv", "no indicator column"),
        ("bad.xlsx", "not a readable XLSX"),
        ("missing.csv", "cannot read"),
    ):
        result = jt("import", str(tmp_path / name))
        assert result.exit_code == 2 and message in result.stderr, (name, result.stderr)


def test_a_fifo_is_refused_not_waited_on(jt: Invoke, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = jt("import", str(fifo))
    assert result.exit_code == 2 and "not a regular file" in result.stderr


@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["就业", "地区生产总值增长", "民生实事"]),
            st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=12),
            st.sampled_from(["2026-Q1", "上半年", "1—9月", ""]),
        ),
        max_size=12,
    )
)
def test_table_cells_reach_the_requests_unchanged(
    cells: list[tuple[str, str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever text a cell holds (commas, quotes, Chinese, emoji), the CSV reader hands it to
    the request as written, trimmed; blank values are skipped, nothing else is."""
    import csv

    from jinan_targets.importing import read_figures, read_table

    path = tmp_path_factory.mktemp("t") / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["指标", "实际", "时期"])
        writer.writerows(cells)
    located = read_figures(read_table(path), jurisdiction="jinan", period="2026", vintage="预计",
                           source="", published=None, by="", year=2026).located  # fmt: skip
    kept = [
        (name, value.strip(), period.strip())
        for name, value, period in cells
        if value.strip() and value.strip() not in ("—", "-") and any((name, value, period))
    ]
    got = [(r.request.indicator, r.request.value, r.request.period) for r in located]
    assert got == [(n, v, p or "2026") for n, v, p in kept]
