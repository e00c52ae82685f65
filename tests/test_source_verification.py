"""`jt check` verifies quotes against every document in ``sources/``, read as `jt extract`
reads it (UTF-8 with or without a BOM, GB18030, .docx), and names a document it cannot read."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from .conftest import Invoke

PLAN = [
    "济南市2027年国民经济和社会发展计划",
    "二、2027年主要目标",
    "主要预期目标是：地区生产总值增长5%以上，一般公共预算收入增长3%，城镇新增就业15万人。",
]


def gb18030(path: Path) -> Path:
    out = path.with_suffix(".txt")
    out.write_bytes("\n".join(PLAN).encode("gb18030"))
    return out


def utf8_bom(path: Path) -> Path:
    out = path.with_suffix(".md")
    out.write_bytes("\n".join(PLAN).encode("utf-8-sig"))
    return out


def docx(path: Path) -> Path:
    out = path.with_suffix(".docx")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in PLAN)
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{paras}</w:body></w:document>',
        )
    return out


@pytest.mark.parametrize("make", [gb18030, docx, utf8_bom], ids=["gb18030", "docx", "utf8-bom"])
def test_a_changed_quote_is_caught_in_any_source_format(
    jt: Invoke, plans: Path, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    """Draft from the document with --copy-source: `jt check` passes; change a quote to text
    the document does not hold: `jt check` names it."""
    doc = make(tmp_path / "计划2027")
    draft = plans / "jinan" / "2027.toml"
    made = jt("extract", str(doc), "--year", "2027", "--copy-source", "-o", str(draft))
    assert made.exit_code == 0, made.output
    assert (plans / "sources" / doc.name).is_file()
    ok = jt("check")
    assert ok.exit_code == 0, ok.output
    text = draft.read_text(encoding="utf-8")
    assert 'quote = "地区生产总值增长5%以上"' in text
    draft.write_text(
        text.replace("增长5%以上", "增长9%以上", 1).replace("value = 5\n", "value = 9\n", 1)
    )
    bad = jt("check")
    assert bad.exit_code == 1, bad.output
    assert "2027.toml" in bad.stdout and "not in its source document" in bad.stdout, bad.stdout


def _zip(entries: dict[str, str]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("坏.txt", b"\x00\x01binary\x00"),
        ("坏.docx", b"PK\x03\x04 not a zip at all"),
        ("坏.docx", _zip({"word/other.xml": "<x/>"})),
        ("坏.docx", _zip({"word/document.xml": "<w:document><w:body>"})),
        ("坏.txt", None),  # a directory
    ],
    ids=["binary", "not-a-zip", "no-document", "broken-xml", "directory"],
)
def test_a_document_that_cannot_be_read_is_named(
    jt: Invoke, plans: Path, name: str, content: bytes | None
) -> None:
    """A plan citing a document in sources/ that cannot be read is not passed in silence:
    `jt check` names the document."""
    if content is None:
        (plans / "sources" / name).mkdir()
    else:
        (plans / "sources" / name).write_bytes(content)
    plan = plans / "jinan" / "2026.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            'source = "003_a011f88a423f782e.txt"', f'source = "{name}"', 1
        ),
        encoding="utf-8",
    )
    result = jt("check")
    assert result.exit_code == 1, result.output
    named = [line for line in result.stdout.splitlines() if f"sources/{name}" in line]
    assert named and "cannot be verified" in named[0], result.stdout
