"""The Word report read back with python-docx: its tables, rows, statuses and their shading, the
sources by title and 文号, A4 pages with page numbers, and the fonts offices use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke

PLAN_DOC = "003_a011f88a423f782e.txt"  # 济南市2026年国民经济和社会发展计划（济政发〔2026〕4号）
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture()
def quarter(jt: Invoke) -> Invoke:
    for args in (
        ("科技型中小企业", "8500", "-p", "2025", "--vintage", "final"),
        ("科技型中小企业", "9200", "-p", "2026-Q3", "--source", PLAN_DOC),
        ("就业", "12万", "-p", "2026-Q3", "--quote", "城镇新增就业12万人", "--source", PLAN_DOC),
        ("地区生产总值增长", "5.6%", "-p", "2026-Q3"),
        ("高标准农田", "5万亩", "-p", "2026-Q3"),
    ):
        result = jt("record", *args)
        assert result.exit_code == 0, result.output
    return jt


def read(jt: Invoke, tmp_path: Path, *extra: str) -> Any:
    from docx import Document

    out = tmp_path / "报告.docx"
    result = jt("export", "2026", "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    assert "已导出 exported docx" in result.stdout
    return Document(str(out))


def texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs]


def shading(cell: Any) -> str | None:
    shd = cell._tc.tcPr.find(f"{W}shd")
    return None if shd is None else shd.get(f"{W}fill")


def test_tables_rows_and_statuses(quarter: Invoke, tmp_path: Path) -> None:
    """A table per category, headed 指标 | 目标 | 实际 | 完成率/差距 | 状态 on every page, one row
    per target, the status shaded in its colour; the stock read from last year-end."""
    doc = read(quarter, tmp_path)
    assert len(doc.tables) == 13  # the categories of the 2026 plan
    rows = 0
    found = {}
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        assert head == ["指标", "目标", "实际", "完成率/差距", "状态"]
        assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
        for row in table.rows[1:]:
            cells = row.cells
            found[cells[0].text.split("\n")[0]] = cells
            rows += 1
    assert rows == 91
    smes = found["科技型中小企业"]
    assert smes[4].text == "▼ 滞后" and shading(smes[4]) == "FFC7CE"
    assert "46.7%（低于时序进度28.3个百分点）" in smes[3].text
    assert "较上年末新增700家，完成新增任务46.7%，基数8500家" in smes[3].text
    jobs = found["城镇新增就业"]
    assert jobs[4].text == "▲ 进度正常" and shading(jobs[4]) == "C6EFCE"
    assert jobs[2].text.startswith("12万人") and "2026年前三季度" in jobs[2].text
    assert jobs[2]._tc.xpath(".//w:footnoteReference")  # its footnote mark
    assert found["人工智能场景"][4].text == "· 暂无数据"


def footnotes(doc: Any) -> dict[int, str]:
    """The document's footnotes by id (separators left out), read from its footnotes part."""
    from docx.oxml import parse_xml

    rel = next(r for r in doc.part.rels.values() if r.reltype.endswith("/footnotes"))
    root = parse_xml(rel.target_part.blob)
    return {
        int(n.get(f"{W}id")): "".join(n.itertext()).strip()
        for n in root.iter(f"{W}footnote")
        if int(n.get(f"{W}id")) > 0
    }


def test_sentences_and_sources(quarter: Invoke, tmp_path: Path) -> None:
    """Title, the 时序进度 sentence and the summary; each figure's source named by title and 文号
    in a footnote its row refers to; the plan named at the end."""
    doc = read(quarter, tmp_path)
    lines = texts(doc)
    assert lines[0] == "济南市2026年国民经济和社会发展计划目标执行情况"
    assert "截至2026年前三季度，时序进度75.0%。" in lines
    summary = next(line for line in lines if line.startswith("截至2026年前三季度，济南市"))
    assert "91项指标中" in summary and "滞后" in summary
    assert "一、经济总量与财政" in lines
    notes = footnotes(doc)
    assert sorted(notes) == [1, 2, 3, 4]
    body = doc.element.body
    marks = sorted(int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference"))
    assert marks == [1, 2, 3, 4]  # each figure refers to its own note
    jobs = next(n for n in notes.values() if "城镇新增就业" in n)
    assert jobs.startswith("城镇新增就业 2026年前三季度 初步")
    assert "济南市2026年国民经济和社会发展计划（济政发〔2026〕4号）" in jobs
    assert "“城镇新增就业12万人”" in jobs
    assert any(line.startswith("目标来源：济南市2026年") for line in lines)


def test_page_fonts_and_numbers(quarter: Invoke, tmp_path: Path) -> None:
    """A4 portrait with official margins, 仿宋_GB2312 body and 黑体 headings as east-Asian fonts
    with fallbacks, and a PAGE field in the footer."""
    from docx.shared import Mm

    doc = read(quarter, tmp_path)
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.left_margin - Mm(28)) < Mm(1)
    fonts = doc.styles["Normal"].element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    title_run = doc.paragraphs[0].runs[0]._r
    assert title_run.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "黑体"
    footer = section.footer._element
    assert any(i.text.strip() == "PAGE" for i in footer.iter(f"{W}instrText"))
    table = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    assert b'w:name="\xe4\xbb\xbf\xe5\xae\x8b_GB2312"' in table.blob  # 仿宋_GB2312
    assert "仿宋;FangSong".encode() in table.blob


@pytest.mark.parametrize(
    ("args", "shown", "rows"),
    [
        (("--hide-empty",), "91项指标中，显示已报告的4项：", 4),
        (("-s", "滞后"), "91项指标中，显示2项（状态：滞后）：滞后2项", 2),
        (("-c", "innovation", "--hide-empty"), "显示已报告的1项（类别：科技创新与人才）", 1),
        (("-i", "就业,tech_smes"), "显示2项（指标：城镇新增就业、科技型中小企业）", 2),
    ],
)
def test_filters_are_stated(
    quarter: Invoke, tmp_path: Path, args: tuple[str, ...], shown: str, rows: int
) -> None:
    """A filtered report says how many of the plan's targets it shows, and which."""
    doc = read(quarter, tmp_path, *args)
    assert any(shown in line for line in texts(doc)), texts(doc)[:5]
    assert sum(len(t.rows) - 1 for t in doc.tables) == rows


def test_english(quarter: Invoke, tmp_path: Path) -> None:
    doc = read(quarter, tmp_path, "--lang", "en")
    lines = texts(doc)
    assert lines[0] == "Jinan 2026: plan targets and outcomes"
    assert doc.tables[0].rows[0].cells[0].text == "Indicator"
    assert "1. Output and public finance" in lines


def test_docx_needs_a_file_or_a_pipe(quarter: Invoke) -> None:
    """Binary output is never written to a terminal; to a pipe it is the document."""
    result = quarter("export", "2026", "-f", "docx")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK")


def test_markdown_export_does_not_load_python_docx(plans: Path) -> None:
    """python-docx waits for a Word export."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from jinan_targets.cli import app\n"
        f"r = CliRunner().invoke(app, ['--plans', {str(plans)!r}, 'export', '2025', '-f', 'md'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'docx' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
