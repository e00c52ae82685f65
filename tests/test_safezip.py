"""Archives are read without trusting them: bombs, lies, encryption, odd methods and corrupt
streams are refused in one line (exit 2), quickly and in bounded memory, for .docx sources."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinan_targets.extract.sourcefile import SourceError, read_source
from jinan_targets.safezip import ArchiveError, Limits, open_archive, read_member, verify

from .archives import Member, build, deflated, docx, docx_xml, zeros_bomb
from .conftest import Invoke

XML = docx_xml("城镇新增就业1万人以上。")
GOOD = deflated(XML, "word/document.xml")


def _with(**changes: object) -> Member:
    fields = {"name": GOOD.name, "data": GOOD.data, "size": GOOD.size, "crc": GOOD.crc,
              "method": GOOD.method, "flags": GOOD.flags, **changes}  # fmt: skip
    return Member(**fields)  # type: ignore[arg-type]


HOSTILE = [
    ("bomb, honest sizes", zeros_bomb("word/document.xml"), "解压后过大"),
    ("bomb, declared small", zeros_bomb("word/document.xml", declared=1000), "数据损坏"),
    ("bomb, zip64 size", zeros_bomb("word/document.xml", gib=5), "解压后过大"),
    ("corrupt deflate", _with(data=b"\xff\xfe\xfd" + GOOD.data[3:]), "数据损坏"),
    ("truncated deflate", _with(data=GOOD.data[: len(GOOD.data) // 2]), "数据损坏"),
    ("wrong checksum", _with(crc=GOOD.crc ^ 1), "数据损坏"),
    ("encrypted", _with(flags=0x1), "已加密"),
    ("bzip2", _with(method=12), "unsupported compression method 12"),
    ("lzma", _with(method=14), "unsupported compression method 14"),
    ("deflate64", _with(method=9), "unsupported compression method 9"),
    ("aes", _with(method=99), "unsupported compression method 99"),
    ("unknown method", _with(method=77), "unsupported compression method 77"),
    ("stored, size lies", _with(method=0, data=XML, size=len(XML) + 5), "数据损坏"),
]


@pytest.mark.parametrize(("case", "member", "message"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_docx_is_refused_in_one_line(
    jt: Invoke, tmp_path: Path, case: str, member: Member, message: str
) -> None:
    """Each hostile .docx: exit 2, one line naming the file and the reason, no draft written."""
    path = tmp_path / "plan.docx"
    path.write_bytes(build([deflated(b"<Types/>", "[Content_Types].xml"), member]))
    out = tmp_path / "out.toml"
    result = jt("extract", str(path), "-j", "jinan", "-o", str(out))
    assert result.exit_code == 2, (case, result.output)
    assert message in result.stderr, (case, result.stderr)
    assert "plan.docx" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not out.exists()


def test_an_honest_docx_still_reads(tmp_path: Path) -> None:
    """The guard lets an ordinary document through, stored or deflated."""
    for member in (GOOD, _with(method=0, data=XML)):
        path = tmp_path / "plan.docx"
        path.write_bytes(build([member]))
        assert "城镇新增就业1万人以上。" in read_source(path)


def test_a_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path) -> None:
    """A 1 GiB member declared as 1,000 bytes (the central directory lies): inflation stops at
    the declared size and the checksum refuses it, in well under a second and a few MiB."""
    for member in (zeros_bomb("word/document.xml", declared=1000), zeros_bomb("word/document.xml")):
        path = tmp_path / "bomb.docx"
        path.write_bytes(build([member]))
        assert path.stat().st_size < 1_200_000
        tracemalloc.start()
        started = time.perf_counter()
        with pytest.raises(SourceError):
            read_source(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert elapsed < 1.0 and peak < 16 * 2**20, (elapsed, peak)


def test_inflation_is_capped_while_streaming(tmp_path: Path) -> None:
    """A member within the declared limits but beyond the caller's cap stops at the cap."""
    path = tmp_path / "a.zip"
    path.write_bytes(build([deflated(bytes(3 * 2**20), "big.bin")]))
    with open_archive(path) as zf, pytest.raises(ArchiveError, match="beyond 1 MiB"):
        read_member(zf, "big.bin", path, 2**20)
    with open_archive(path) as zf:
        verify(zf, path)  # within the default limits
        with pytest.raises(ArchiveError, match="beyond"):
            verify(zf, path, Limits(member=2**20))


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (Limits(members=1), "too many members"),
        (Limits(total=2**20), "inflates beyond 1 MiB"),
        (Limits(ratio=10, ratio_floor=2**20), "zip bomb"),
    ],
)
def test_central_directory_limits(tmp_path: Path, limits: Limits, message: str) -> None:
    """Member count, total size and ratio are refused from the directory, before inflating."""
    path = tmp_path / "a.zip"
    path.write_bytes(build([deflated(bytes(2**20 + 1), "a"), deflated(bytes(2**20), "b")]))
    with pytest.raises(ArchiveError, match=message), open_archive(path, limits):
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(1, 255)),
        min_size=1,
        max_size=4,
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)),
)
def test_damaged_docx_reads_or_is_refused(
    flips: list[tuple[int, int]], cut: int | None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any byte flipped or the file cut anywhere: the text comes out, or one SourceError line;
    never another exception."""
    data = bytearray(docx("城镇新增就业1万人以上。", "地区生产总值增长5%。"))
    for at, xor in flips:
        data[at % len(data)] ^= xor
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path_factory.mktemp("d") / "plan.docx"
    path.write_bytes(bytes(data))
    try:
        text = read_source(path)
    except SourceError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str)


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 but nothing else")
    with pytest.raises(SourceError, match="not a valid zip"):
        read_source(path)
    with zipfile.ZipFile(tmp_path / "empty.docx", "w"):
        pass
    with pytest.raises(SourceError, match=r"has no 'word/document\.xml'"):
        read_source(tmp_path / "empty.docx")


def test_a_zip_version_zipfile_cannot_read_is_refused(tmp_path: Path) -> None:
    """A central directory asking for a newer zip version (a damaged byte, or a real one) is
    refused in one line, never an internal error."""
    path = tmp_path / "new.docx"
    path.write_bytes(docx("<w:p><w:r><w:t>地区生产总值增长5%</w:t></w:r></w:p>"))
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6] = 84  # version needed to extract: 8.4
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError, match="zip"):
        read_source(path)
