"""The pieces of WordprocessingML the Word report needs and python-docx lacks: east-Asian fonts
with fallbacks in the font table, footnotes, cell shading, rows that repeat or never split, and a
PAGE field. python-docx is imported inside each function, so importing this module is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .sheetcells import safe_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

__all__ = [
    "BODY_FONT",
    "HEADING_FONT",
    "Footnotes",
    "add_run",
    "font_table",
    "page_number",
    "row_flags",
    "set_font",
    "shade",
]

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
# Font table entries: the name a document asks for and what to use where it is not installed.
FALLBACKS = {
    BODY_FONT: ("仿宋", "FangSong", "Noto Serif CJK SC"),
    HEADING_FONT: ("SimHei", "Noto Sans CJK SC"),
}


def set_font(element: Any, east_asia: str, size: float | None = None) -> None:
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


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES = (
    f'<w:footnotes xmlns:w="{_W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


class Footnotes:
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
        ppr = OxmlElement("w:pPr")  # the note's paragraph in the note's size, not the body's
        ppr.append(OxmlElement("w:spacing", {qn("w:after"): "0"}))
        marks = OxmlElement("w:rPr")
        for tag in ("w:sz", "w:szCs"):
            marks.append(OxmlElement(tag, {qn("w:val"): "18"}))  # 9 points
        ppr.append(marks)
        p.append(ppr)
        mark = OxmlElement("w:r")
        superscript(mark, 9)
        mark.append(OxmlElement("w:footnoteRef"))
        p.append(mark)
        run = OxmlElement("w:r")
        set_font(run, BODY_FONT, 9)
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
        superscript(run, size)
        run.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(number)}))
        paragraph._p.append(run)


def superscript(run: Any, size: float) -> None:
    """Make a bare ``w:r`` a superscript mark of ``size`` points."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    set_font(run, BODY_FONT, size)
    run.get_or_add_rPr().append(OxmlElement("w:vertAlign", {qn("w:val"): "superscript"}))


def shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def row_flags(row: Any, header: bool = False) -> None:
    """A row is never split across pages; the header row repeats on each page."""
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def page_number(section: Any) -> None:
    """— 1 — centred in the footer: a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, "— ", "宋体", 14)
    parts = (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None))
    for kind, text in parts:
        run = add_run(p, "", "宋体", 14)
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
    add_run(p, " —", "宋体", 14)


def font_table(doc: Document) -> None:
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


def add_run(paragraph: Any, text: str, font: str = "", size: float | None = None) -> Any:
    """A run of ``text`` (control characters written out) in ``font`` (default: the body's)."""
    run = paragraph.add_run(safe_text(text))
    set_font(run._r, font or BODY_FONT, size)
    return run
