"""`jt export` takes the scorecard's filters, and every report says what it shows against the
whole plan ("91项指标中，显示已报告的16项"), never "计划8项指标中"."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from .conftest import Invoke


@pytest.fixture()
def quarter(jt: Invoke) -> Invoke:
    for args in (
        ("就业", "12万", "-p", "2026-Q3"),
        ("地区生产总值增长", "5.6%", "-p", "2026-Q3"),
        ("高标准农田", "5万亩", "-p", "2026-Q3"),
    ):
        assert jt("record", *args).exit_code == 0
    return jt


def report_text(path: Path) -> str:
    """All the words of a report, whatever its format."""
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        return "\n".join(
            str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value
        )
    if path.suffix == ".docx":
        from docx import Document

        return "\n".join(p.text for p in Document(str(path)).paragraphs)
    text = path.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", text) if path.suffix == ".html" else text


@pytest.mark.parametrize("kind", ["md", "html", "xlsx", "docx"])
@pytest.mark.parametrize(
    ("args", "lang", "said"),
    [
        (("-s", "进度正常,略滞后,滞后"), "zh", "显示3项（状态：进度正常、略滞后、滞后）"),
        (("--hide-empty",), "zh", "计划91项指标中，显示已报告的3项："),
        (("--hide-empty",), "en", "3 of 91 targets shown, those with a figure"),
        (("-i", "gdp_growth"), "zh", "显示1项（指标：地区生产总值增长）"),
    ],
)
def test_every_report_states_its_filters(
    quarter: Invoke, tmp_path: Path, kind: str, args: tuple[str, ...], lang: str, said: str
) -> None:
    out = tmp_path / f"r.{kind}"
    result = quarter("export", "2026", "-o", str(out), "--lang", lang, *args)
    assert result.exit_code == 0, result.output
    text = report_text(out)
    assert said in text, text[:600]
    assert not re.search(r"计划[1-9]项指标中", text)


def test_unfiltered_report_says_nothing_of_filters(quarter: Invoke) -> None:
    text = quarter("export", "2026", "-f", "md").stdout
    assert "计划91项指标中，进度正常" in text and "显示" not in text


def test_hide_empty_leaves_out_rows_without_a_figure(quarter: Invoke) -> None:
    import csv

    text = quarter("export", "2026", "-f", "csv", "--hide-empty").stdout
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {r["indicator"] for r in rows} == {
        "urban_new_jobs",
        "gdp_growth",
        "high_standard_farmland",
    }


@pytest.mark.parametrize(
    "args",
    [
        ("--compare", "-j", "jinan,jinan-licheng", "-f", "md", "--hide-empty"),
        ("--summary", "-f", "md", "-s", "滞后"),
        ("-o", "x.db", "-c", "innovation"),
    ],
)
def test_filters_refused_where_they_cannot_apply(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """A filter that the comparison, the roll-up or the database would ignore is refused."""
    monkeypatch.chdir(tmp_path)
    result = jt("export", "2026", *args)
    assert result.exit_code == 2 and "filter one scorecard" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "plans"]
