"""The Word report (计划执行情况的报告): what an office hands a leader, from the same report model.

A4 with the margins of official documents (GB/T 9704: 37/35/28/26 mm), 仿宋_GB2312 for the text
and 黑体 for headings (set as the east-Asian font, with 仿宋 / 黑体 / SimHei / Noto named as
fallbacks in the font table), the 时序进度 sentence and the summary, a table per category
(指标 | 目标 | 实际 | 完成率/差距 | 状态) with the status shaded, a footnote on each figure naming
its source by title and 文号, and page numbers. python-docx is imported only when DOCX is
asked for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Status
from ..report import Cells, Footnote, Report, as_of_text
from ..scorecard import Row
from .html import COLOURS
from .sheetcells import FILLS, safe_text
from .wordxml import (
    BODY_FONT,
    HEADING_FONT,
    Footnotes,
    add_run,
    font_table,
    page_number,
    row_flags,
    set_font,
    shade,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

__all__ = ["render_docx", "source_line"]

NUMERALS = "一二三四五六七八九十"
WIDTHS_MM = (40, 24, 28, 40, 24)  # 156 mm: the A4 text width between official margins
# Status words in the colours of the HTML report, dark enough to read on their shading.
INK = {**COLOURS, Status.NO_DATA: "#57606A", Status.BASICALLY_MET: "#8A5A00"}


def _cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十: the numbering of a document's sections."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


def _run(
    paragraph: Any,
    text: str,
    font: str = BODY_FONT,
    size: float | None = None,
    bold: bool = False,
    colour: str | None = None,
    superscript: bool = False,
) -> Any:
    from docx.shared import RGBColor

    run = add_run(paragraph, text, font, size)
    if bold:
        run.bold = True
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    if superscript:
        run.font.superscript = True
    return run


def _paragraph(
    doc: Document,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = 16,
    bold: bool = False,
    centre: bool = False,
    indent: bool = True,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进两字
    _run(p, text, font, size, bold)
    return p


def _cell_lines(
    cell: _Cell,
    lines: Sequence[tuple[str, float, str | None]],
    note: int | None = None,
    align: Any = None,
) -> None:
    """Fill a cell: the first line in table size, the others smaller and grey."""
    cell.paragraphs[0].text = ""
    for i, (text, size, colour) in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = 0
        if align is not None:
            p.alignment = align
        _run(p, text, size=size, colour=colour)
        if i == 0 and note:
            Footnotes.reference(p, note, size)


def _table(doc: Document, report: Report, rows: tuple[tuple[Row, Cells], ...]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    zh = report.lang != "en"
    heads = (
        ("指标", "目标", "实际", "完成率/差距", "状态")
        if zh
        else ("Indicator", "Target", "Actual", "Completion / gap", "Status")
    )
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].text = ""
        _run(cell.paragraphs[0], head, HEADING_FONT, 10.5)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell, "D9D9D9")
    row_flags(table.rows[0], header=True)
    sep = "；" if zh else "; "
    for row, c in rows:
        status = row.assessment.status
        cells = table.add_row().cells
        row_flags(table.rows[-1])
        name = [(c.name, 10.5, None)] + ([(c.note, 9, "656D76")] if c.note else [])
        _cell_lines(cells[0], name)
        _cell_lines(cells[1], [(c.target, 10.5, None)])
        when = " ".join(x for x in (c.period, c.vintage) if x)
        _cell_lines(
            cells[2],
            [(c.actual, 10.5, None)] + ([(when, 9, "656D76")] if when else []),
            c.footnote,
        )
        extra = [x for x in (c.basis, c.pace) if x]
        _cell_lines(
            cells[3],
            [(c.progress, 10.5, None)] + ([(sep.join(extra), 9, "656D76")] if extra else []),
        )
        _cell_lines(
            cells[4],
            [(f"{c.symbol} {c.status}", 10.5, INK[status])],
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        shade(cells[4], FILLS[status])
    for column, width in zip(table.columns, WIDTHS_MM, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)  # and each cell, which Word follows


def source_line(f: Footnote, zh: bool) -> str:
    """城镇新增就业 2026-Q3 初步：<title>（<文号>），2026-10-20发布。原文：“…”"""
    source = f.source or ("未注明" if zh else "not given")
    if f.published:
        source += f"，{f.published}发布" if zh else f", published {f.published}"
    text = f"{f.indicator} {f.period} {f.vintage}" + ("：" if zh else ": ") + source
    if f.quote:
        quote = " ".join(f.quote.split())
        text += f"。原文：“{quote}”" if zh else f'. Quote: "{quote}"'
    if f.note:
        text += f"（{f.note}）" if zh else f" ({f.note})"
    return text


def render_docx(report: Report) -> bytes:
    """The report as a Word document."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    zh = report.lang != "en"
    doc = Document()
    normal = doc.styles["Normal"]
    set_font(normal.element, BODY_FONT, 16)
    normal.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    page_number(section)
    font_table(doc)
    core = doc.core_properties
    core.title, core.author = safe_text(report.title), "jinan-targets"

    title = _paragraph(doc, report.title, font=HEADING_FONT, size=22, centre=True)
    title.paragraph_format.space_after = Pt(12)
    sub = f"{report.subtitle} · {as_of_text(report)}"
    _paragraph(doc, sub, size=14, centre=True).paragraph_format.space_after = Pt(12)
    if report.card.known_by:
        known = report.card.known_by.isoformat()
        _paragraph(doc, f"按{known}已记录的数据" if zh else f"as recorded on {known}", size=14)
    for line in (report.schedule, report.sentence):
        _paragraph(doc, line)
    notes = Footnotes(doc)
    for f in report.footnotes:
        notes.add(f.number, source_line(f, zh))
    for number, part in enumerate(report.sections, start=1):
        name = part.category.name if zh else part.category.name_en
        heading = f"{_cn_number(number)}、{name}" if zh else f"{number}. {name}"
        p = _paragraph(doc, heading, font=HEADING_FONT, indent=False)
        p.paragraph_format.space_before = Pt(12)
        p.paragraph_format.space_after = Pt(6)
        p.paragraph_format.keep_with_next = True
        _table(doc, report, part.rows)
    end = _paragraph(
        doc, ("目标来源：" if zh else "Targets from: ") + report.plan_source, size=12, indent=False
    )
    end.paragraph_format.space_before = Pt(12)
    generated = report.generated.isoformat()
    _paragraph(doc, ("生成于 " if zh else "Generated ") + generated, size=12, indent=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
