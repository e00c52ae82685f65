"""Hostile zip archives built byte by byte for the tests: bombs, lies, encryption, odd methods.

A zip is local headers and data, then a central directory, then an end record; writing them by
hand lets a test declare sizes, flags and methods that no honest writer would.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

GiB = 2**30


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes  # as stored (already compressed for method 8)
    size: int  # declared inflated size
    crc: int
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0


def deflated(raw: bytes, name: str) -> Member:
    """An honest deflated member."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, c.compress(raw) + c.flush(), len(raw), zlib.crc32(raw))


def zeros_bomb(name: str, gib: int = 1, declared: int | None = None) -> Member:
    """``gib`` GiB of zeros in about a kilobyte per GiB: one full-flushed deflate segment of
    1 MiB of zeros repeated (each segment stands alone), then the final empty block. The
    declared size is honest unless ``declared`` says otherwise; the checksum is left at 0."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = c.compress(bytes(2**20)) + c.flush(zlib.Z_FULL_FLUSH)
    data = segment * (1024 * gib) + c.flush()
    return Member(name, data, gib * GiB if declared is None else declared, 0)


def build(members: list[Member]) -> bytes:
    """The archive holding ``members``, with zip64 extras where a size needs them."""
    out = io.BytesIO()
    central = []
    for m in members:
        offset = out.tell()
        name = m.name.encode()
        big = m.size >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, m.size, len(m.data)) if big else b""
        size32 = 0xFFFFFFFF if big else m.size
        comp32 = 0xFFFFFFFF if big else len(m.data)
        version = 45 if big else 20
        out.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                version,
                m.flags,
                m.method,
                0,
                0x21,
                m.crc,
                comp32,
                size32,
                len(name),
                len(extra),
            )
            + name
            + extra
            + m.data
        )
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                version,
                version,
                m.flags,
                m.method,
                0,
                0x21,
                m.crc,
                comp32,
                size32,
                len(name),
                len(extra),
                0,
                0,
                0,
                0,
                offset,
            )
            + name
            + extra
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0
        )
    )
    return out.getvalue()


def replace_member(archive: bytes, name: str, member: Member) -> bytes:
    """``archive`` (an honest zip, e.g. an XLSX openpyxl wrote) with ``name`` swapped for
    ``member``, every other member kept as it was."""
    kept = []
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        for info in zf.infolist():
            if info.filename == name:
                kept.append(Member(name, member.data, member.size, member.crc, member.method,
                                   member.flags))  # fmt: skip
            else:
                kept.append(deflated(zf.read(info.filename), info.filename))
    return build(kept)


DOCX_BODY = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{}</w:body></w:document>"
)


def docx_xml(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return DOCX_BODY.format(body).encode()


def docx(*paragraphs: str) -> bytes:
    """A minimal honest .docx holding ``paragraphs``."""
    return build(
        [
            deflated(b"<Types/>", "[Content_Types].xml"),
            deflated(docx_xml(*paragraphs), "word/document.xml"),
        ]
    )
