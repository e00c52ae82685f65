"""Read a source document's text: UTF-8 text or Markdown (a BOM is fine; GB18030, which many
government sites still serve, is recognised), or a Word ``.docx`` (its paragraphs, read with the
standard library: a .docx is a zip of XML)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from ..excerpt import excerpt
from ..safezip import ArchiveError, Limits, MiB, open_archive, read_member

__all__ = ["MAX_BYTES", "SourceError", "read_source"]

MAX_BYTES = 20_000_000  # no plan or bulletin comes near; a larger file is not a document
# A plan's document.xml is a few MiB; a .docx inflating far beyond is refused before parsing.
DOCX_LIMITS = Limits(member=32 * MiB, total=128 * MiB)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class SourceError(ValueError):
    """The document cannot be read as text."""


def _docx(path: Path) -> str:
    try:
        with open_archive(path, DOCX_LIMITS) as z:
            xml = read_member(z, "word/document.xml", path, DOCX_LIMITS.member)
    except ArchiveError as exc:
        raise SourceError(f"不是可读的 .docx not a readable .docx: {exc}") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise SourceError(f"{excerpt(path.name)}: .docx 内容损坏 damaged .docx ({exc})") from None
    lines = []
    for para in root.iter(f"{_W}p"):
        text = "".join(
            node.text or ("\t" if node.tag == f"{_W}tab" else "")
            for node in para.iter()
            if node.tag in (f"{_W}t", f"{_W}tab")
        )
        if text.strip():
            lines.append("\u3000\u3000" + text.strip())  # each Word paragraph stands apart
    return "\n".join(lines)


def read_source(path: Path) -> str:
    """The text of ``path``; :class:`SourceError` says why when it cannot be read."""
    try:
        if not path.is_file():
            raise SourceError(f"{excerpt(str(path))}: 不是文件 not a file")
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{excerpt(path.name)}: 文件过大 too large for a document")
        if path.suffix.lower() == ".docx":
            return _docx(path)
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"无法读取 cannot read {excerpt(str(path))}: {exc.strerror or exc}"
        ) from None
    if b"\x00" in data[:4096]:
        raise SourceError(
            f"{excerpt(path.name)}: 二进制文件 a binary file, not text (.txt, .md, .docx)"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{excerpt(path.name)}: 无法识别的编码 not UTF-8 or GB18030 text")
