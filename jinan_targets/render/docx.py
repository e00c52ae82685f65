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

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

__all__ = ["BODY_FONT", "HEADING_FONT", "render_docx", "source_line"]

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
# Font table entries: the name a document asks for and what to use where it is not installed.
FALLBACKS = {
    BODY_FONT: ("仿宋", "FangSong", "Noto Serif CJK SC"),
    HEADING_FONT: ("SimHei", "Noto Sans CJK SC"),
}
NUMERALS = "一二三四五六七八九十"
WIDTHS_MM = (42, 26, 30, 40, 18)  # 156 mm: the A4 text width between official margins
# Status words in the colours of the HTML report, dark enough to read on their shading.
INK = {**COLOURS, Status.NO_DATA: "#57606A", Status.BASICALLY_MET: "#8A5A00"}


def _cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十: the numbering of a document's sections."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


def _set_font(element: Any, east_asia: str, size: float | None = None, bold: bool = False) -> None:
    """Set a run's or a style's fonts: east-Asian text in ``east_asia``, Latin in Times."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key, value in (
        ("w:ascii", LATIN_FONT),
        ("w:hAnsi", LATIN_FONT),
        ("w:eastAsia", east_asia),
        ("w:cs", LATIN_FONT),
        ("w:hint", "eastAsia"),
    ):
        fonts.set(qn(key), value)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), str(int(size * 2)))
    if bold:
        rpr.append(OxmlElement("w:b"))


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

    run = paragraph.add_run(safe_text(text))
    _set_font(run._r, font, size, bold)
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


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES = (
    f'<w:footnotes xmlns:w="{_W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


class _Footnotes:
    """Word footnotes (python-docx has none): a footnotes part related to the document, one
    ``w:footnote`` per note, referenced by a superscript mark where the figure stands."""

    def __init__(self, doc: Document) -> None:
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        self.element = parse_xml(_FOOTNOTES)
        part = XmlPart(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            self.element,
            doc.part.package,
        )
        doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        self.texts: dict[int, str] = {}

    def add(self, number: int, text: str) -> None:
        """Footnote ``number`` reads ``text`` (9-point 仿宋)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.texts[number] = text
        note = OxmlElement("w:footnote", {qn("w:id"): str(number)})
        p = OxmlElement("w:p")
        mark = OxmlElement("w:r")
        _superscript(mark, 9)
        mark.append(OxmlElement("w:footnoteRef"))
        p.append(mark)
        run = OxmlElement("w:r")
        _set_font(run, BODY_FONT, 9)
        t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
        t.text = " " + safe_text(text)
        run.append(t)
        p.append(run)
        note.append(p)
        self.element.append(note)

    @staticmethod
    def reference(paragraph: Any, number: int, size: float) -> None:
        """The superscript mark of footnote ``number`` at the end of ``paragraph``."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = OxmlElement("w:r")
        _superscript(run, size)
        run.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(number)}))
        paragraph._p.append(run)


def _superscript(run: Any, size: float) -> None:
    """Make a bare ``w:r`` a superscript mark of ``size`` points."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _set_font(run, BODY_FONT, size)
    run.get_or_add_rPr().append(OxmlElement("w:vertAlign", {qn("w:val"): "superscript"}))


def _shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _row_flags(row: Any, header: bool = False) -> None:
    """A row is never split across pages; the header row repeats on each page."""
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


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
            _Footnotes.reference(p, note, size)


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
        _shade(cell, "D9D9D9")
    _row_flags(table.rows[0], header=True)
    sep = "；" if zh else "; "
    for row, c in rows:
        status = row.assessment.status
        cells = table.add_row().cells
        _row_flags(table.rows[-1])
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
        _shade(cells[4], FILLS[status])
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_MM, strict=True):
            cell.width = Mm(width)


def _page_number(section: Any) -> None:
    """— 1 — centred in the footer: a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", "宋体", 14)
    parts = (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None))
    for kind, text in parts:
        run = _run(p, "", "宋体", 14)
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""
    _run(p, " —", "宋体", 14)


def _font_table(doc: Document) -> None:
    """Name the office fonts in the font table with their fallbacks (w:altName), so a reader
    without 仿宋_GB2312 uses 仿宋 rather than a Latin font."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for name, alternatives in FALLBACKS.items():
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (("w:altName", ";".join(alternatives)), ("w:charset", "86"),
                           ("w:family", "modern")):  # fmt: skip
            font.append(OxmlElement(tag, {qn("w:val"): value}))  # charset 86: GB2312
        root.append(font)
    part._blob = serialize_part_xml(root)


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
    _set_font(normal.element, BODY_FONT, 16)
    normal.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    _page_number(section)
    _font_table(doc)
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
    notes = _Footnotes(doc)
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
