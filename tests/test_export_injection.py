"""Hostile text in the data stays text in every report: no live formula in XLSX or CSV, no link,
image or tag in Markdown or HTML, no hyperlink or field in Word."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jinan_targets.cli.export import render
from jinan_targets.report import build_report
from jinan_targets.scorecard import build_scorecard
from jinan_targets.store import load_workspace

from .conftest import Invoke

HOSTILE = [
    '=HYPERLINK("https://evil.example/","点我")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "=cmd|' /C calc'!A0",
    "[点我](https://evil.example)<img src=x onerror=alert(1)>",
    "![t](http://evil.example/p.png)",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "<http://evil.example> www.evil.example",
    "**粗体** _斜体_ `代码` | 表格 | ~~删除~~",
    "# 标题\n\n| a | b |\n|---|---|",
    "&lt;b&gt; &amp; &#x3C;i&#x3E;",
    "javascript:alert(1)",
    "控制\u0001字符\u001b[2J",
]
FORMATS = ("md", "html", "csv", "xlsx", "docx")


def poison(plans: Path, text: str) -> None:
    """Put ``text`` where data reaches a report: the jurisdiction's names, the plan's title and
    a figure's source, quote and note."""
    quoted = json.dumps(text, ensure_ascii=False)  # a valid TOML basic string
    places = plans / "jurisdictions.toml"
    body = places.read_text(encoding="utf-8")
    body = body.replace('name = "济南市"', f"name = {quoted}", 1)
    body = body.replace('name_en = "Jinan"', f"name_en = {quoted}", 1)
    places.write_text(body, encoding="utf-8")
    plan = plans / "jinan" / "2026.toml"
    body = plan.read_text(encoding="utf-8")
    title = 'title = "济南市2026年国民经济和社会发展计划"'
    plan.write_text(body.replace(title, f"title = {quoted}", 1), encoding="utf-8")
    with (plans / "jinan" / "2026.outcomes.toml").open("a", encoding="utf-8") as log:
        log.write(
            '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2026-Q1"\nvalue = 4.2\n'
            f'vintage = "preliminary"\nsource = {quoted}\nquote = {quoted}\nnote = {quoted}\n'
            "recorded_at = 2026-04-20T08:00:00+08:00\n"
        )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs |= {k for k, _ in attrs}


def check_markdown(text: str) -> None:
    unescaped = re.sub(r"\\.", "", text)  # what a renderer reads as live syntax
    assert "](" not in unescaped and "![" not in unescaped
    assert "<img" not in text and "<script" not in text and "<svg" not in text
    assert "<http" not in text and "://" not in unescaped and "www.evil" not in text
    assert "`" not in unescaped and "**" not in unescaped
    for line in text.splitlines():
        if line.startswith("| ") and "---" not in line:
            assert unescaped_pipes(line) in (6, 7), line  # a row keeps its columns


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def check_html(text: str) -> None:
    parser = _Tags()
    parser.feed(text)
    allowed = {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "div", "p", "section",
        "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "span", "sup", "a",
        "svg", "rect", "line", "ol", "li", "footer", "figure", "figcaption", "polyline",
        "circle", "text", "path", "g",
    }  # fmt: skip
    assert parser.tags <= allowed, parser.tags - allowed
    assert not {a for a in parser.attrs if a.startswith("on")}
    assert "<script" not in text and "<img" not in text


def check_csv(data: bytes) -> None:
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        for value in row:
            if value and not re.fullmatch(r"-?[\d.]+(e-?\d+)?", value):
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def check_xlsx(data: bytes) -> None:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)


def check_docx(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "<w:hyperlink" not in document and "<w:fldSimple" not in document
    assert "instrText" not in document  # the only field, PAGE, is in the footer
    assert "evil.example" not in rels


CHECKS = {
    "md": lambda data: check_markdown(data.decode("utf-8")),
    "html": lambda data: check_html(data.decode("utf-8")),
    "csv": check_csv,
    "xlsx": check_xlsx,
    "docx": check_docx,
}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text(plans: Path, text: str) -> None:
    """Every hostile string, in every report format (every other one in English), is inert."""
    poison(plans, text)
    lang = "en" if HOSTILE.index(text) % 2 else "zh"
    card = build_scorecard(load_workspace(plans), "jinan", 2026)
    assert card.jurisdiction.name == text and card.plan.plan.title == text  # it got in
    report = build_report(card, lang)
    assert report.footnotes and report.footnotes[0].source == text
    for kind in FORMATS:
        CHECKS[kind](render(report, kind))


@pytest.mark.parametrize("kind", FORMATS)
def test_checks_can_fail(kind: str) -> None:
    """Each check rejects the live form of what it guards against."""
    from docx import Document
    from openpyxl import Workbook

    if kind == "xlsx":
        book = Workbook()
        assert book.active is not None
        book.active["A1"] = "=1+1"
        buffer = io.BytesIO()
        book.save(buffer)
        live = buffer.getvalue()
    elif kind == "docx":
        doc = Document()
        doc.add_paragraph()._p.append(doc.add_paragraph()._p.makeelement(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fldSimple"))  # fmt: skip
        buffer = io.BytesIO()
        doc.save(buffer)
        live = buffer.getvalue()
    else:
        live = {
            "md": "| [点我](https://evil.example) | b |",
            "html": "<p><img src=x onerror=alert(1)></p>",
            "csv": "name\r\n=1+1\r\n",
        }[kind].encode("utf-8")
    with pytest.raises(AssertionError):
        CHECKS[kind](live)


@pytest.mark.parametrize(
    ("where", "text", "kind"),
    [
        ("title", '=HYPERLINK("https://evil.example/","点我")', "xlsx"),
        ("name_en", "=1+1", "xlsx"),
        ("name", "[点我](https://evil.example)<img src=x onerror=alert(1)>", "md"),
        ("name", "[点我](https://evil.example)<img src=x onerror=alert(1)>", "html"),
        ("name", "<b>粗</b>", "docx"),
    ],
)
def test_reported_cases_through_the_cli(
    jt: Invoke, plans: Path, tmp_path: Path, where: str, text: str, kind: str
) -> None:
    """The cases as reported: `jt export` of a poisoned plan title or jurisdiction name."""
    poison(plans, text)
    out = tmp_path / f"r.{kind}"
    args = ("--lang", "en") if where == "name_en" else ()
    result = jt("export", "2026", "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    CHECKS[kind](out.read_bytes())
    if kind == "xlsx":
        from openpyxl import load_workbook

        summary = load_workbook(out).worksheets[0]
        cells = [c for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
        assert any(text in str(c.value) for c in cells)  # shown as written, as text
