"""A stock (科技型中小企业达到1万家) reads the same in every output: progress from last year-end
(700 of the 1,500 to add = 46.7%, against 75% of the year: 滞后), or, without a year-end figure,
a row that says it was judged from zero."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from .conftest import Invoke

PHRASE = "较上年末新增700家，完成新增任务46.7%，基数8500家"
NO_BASE = "无上年末基数"
FORMATS = ("terminal", "md", "html", "csv", "json", "xlsx", "docx")


def stock_row(jt: Invoke, tmp_path: Path, kind: str) -> str:
    """The stock's row as one text, however the format holds it."""
    if kind == "terminal":
        result = jt("scorecard", "2026", "-i", "tech_smes")
        assert result.exit_code == 0, result.output
        return re.sub(r"[\s│]+", "", result.stdout)  # the table's folds undone
    if kind == "json":
        result = jt("scorecard", "2026", "--json")
        assert result.exit_code == 0, result.output
        row = next(r for r in json.loads(result.stdout)["rows"] if r["indicator"] == "tech_smes")
        return json.dumps(row, ensure_ascii=False)
    out = tmp_path / f"r.{kind}"
    result = jt("export", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    if kind == "md":
        return next(line for line in out.read_text().splitlines() if "| 科技型中小企业 |" in line)
    if kind == "html":
        text = out.read_text()
        start = text.index('<tr data-indicator="tech_smes"')
        return text[start : text.index("</tr>", start)]
    if kind == "csv":
        rows = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
        row = next(r for r in rows if r["indicator"] == "tech_smes")
        return json.dumps(row, ensure_ascii=False)
    if kind == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(out)["计分卡 Scorecard"]
        row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "科技型中小企业")
        return " ".join(str(c.value) for c in row)
    from docx import Document

    for table in Document(str(out)).tables:
        for r in table.rows:
            if r.cells[0].text == "科技型中小企业":
                return " ".join(c.text for c in r.cells)
    raise AssertionError("no row")


@pytest.mark.parametrize("kind", FORMATS)
def test_stock_reads_from_last_year_end(jt: Invoke, tmp_path: Path, kind: str) -> None:
    """46.7% and 滞后 together, with the base and the increase, never 92.0%."""
    for args in (("8500", "-p", "2025", "--vintage", "final"), ("9200", "-p", "2026-Q3")):
        assert jt("record", "科技型中小企业", *args).exit_code == 0
    text = stock_row(jt, tmp_path, kind)
    if kind in ("csv", "json"):
        row = json.loads(text)
        assert float(row["progress"]) == pytest.approx(0.466667)
        assert float(row["baseline"]) == 8500 and row["status"] == "off_track"
    else:
        assert PHRASE in text, text
        assert "滞后" in text and "92.0%" not in text


@pytest.mark.parametrize("kind", FORMATS)
def test_stock_without_a_base_says_so(jt: Invoke, tmp_path: Path, kind: str) -> None:
    """Without last year-end's figure the row says it was counted from zero."""
    assert jt("record", "科技型中小企业", "9200", "-p", "2026-Q3").exit_code == 0
    text = stock_row(jt, tmp_path, kind)
    assert NO_BASE in text, text
    if kind not in ("csv", "json"):
        assert PHRASE not in text


def test_html_bar_is_on_the_scale_of_the_increase(jt: Invoke, tmp_path: Path) -> None:
    """The bar (700 added) stops short of the 时序进度 marker (75% of the 1,500 to add), as the
    status 滞后 says; drawn from zero it would stand past it."""
    for args in (("8500", "-p", "2025", "--vintage", "final"), ("9200", "-p", "2026-Q3")):
        assert jt("record", "科技型中小企业", *args).exit_code == 0
    row = stock_row(jt, tmp_path, "html")
    bar = re.search(r'class="actual" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', row)
    time = re.search(r'class="time"[^>]* x1="([\d.]+)"', row)
    target = re.search(r'class="target" x1="([\d.]+)"', row)
    assert bar and time and target
    start, end = float(bar.group(1)), float(bar.group(1)) + float(bar.group(2))
    assert start == 0 and end < float(time.group(1)) < float(target.group(1))
    share = (end - start) / (float(target.group(1)) - start)
    assert share == pytest.approx(700 / 1500, abs=0.01)


def test_default_as_of_is_a_period_that_judges_a_target(jt: Invoke) -> None:
    """Figures of indicators the plan sets no target for do not date the scorecard."""
    result = jt("scorecard", "2026", "--json")
    doc = json.loads(result.stdout)
    judged = {r["period"] for r in doc["rows"] if r["period"]}
    assert doc["as_of"] is None if not judged else doc["as_of"] in judged
    assert jt("record", "就业", "4.2万", "-p", "2026-Q1").exit_code == 0
    md = jt("export", "2026", "-f", "md").stdout
    assert "截至2026年一季度" in md and "时序进度25.0%" in md
