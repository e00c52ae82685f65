"""Open a zip archive (an XLSX workbook, a Word .docx) without trusting it.

Office files are zips of XML. A hostile or broken one can declare a tiny member that inflates to
gigabytes (a zip bomb), hold an encrypted member, use a compression method Office never writes,
or carry a corrupt deflate stream. Everything here refuses such a file with one
:class:`ArchiveError` line, before inflating where the central directory already tells (declared
sizes, ratios, flags, methods) and while inflating otherwise: members are read in chunks against
a cap, so memory stays bounded whatever the archive claims.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .excerpt import excerpt

__all__ = ["ArchiveError", "Limits", "check_members", "open_archive", "read_member", "verify"]

MiB = 2**20
CHUNK = MiB
# Methods named in the zip specification, for the message; OOXML allows only stored and deflated.
_METHODS = {
    1: "shrink",
    6: "implode",
    8: "deflate",
    9: "deflate64",
    12: "bzip2",
    14: "lzma",
    19: "lz77",
    93: "zstandard",
    95: "xz",
    98: "ppmd",
    99: "aes",
}
_OOXML_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class ArchiveError(ValueError):
    """The archive cannot be read safely; the message names the file and the member."""


@dataclass(frozen=True)
class Limits:
    """What an honest archive of this kind stays within."""

    member: int = 256 * MiB  # inflated size of one member
    total: int = 512 * MiB  # inflated size of all members
    members: int = 10_000
    ratio: int = 200  # inflated / compressed, checked for members above ``ratio_floor``
    ratio_floor: int = 8 * MiB


def _bad(path: Path, reason: str) -> ArchiveError:
    return ArchiveError(f"{excerpt(path.name)}: {reason}")


def check_members(zf: zipfile.ZipFile, path: Path, limits: Limits) -> None:
    """Refuse from the central directory alone: too many members, an encrypted member, a method
    other than stored/deflate, or declared sizes beyond the limits."""
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise _bad(path, f"压缩包成员过多 too many members in the archive ({len(infos)})")
    total = 0
    for info in infos:
        name = excerpt(info.filename)
        if info.flag_bits & 0x1:
            raise _bad(path, f"{name} 已加密 is encrypted (remove the password and save again)")
        if info.compress_type not in _OOXML_METHODS:
            method = _METHODS.get(info.compress_type, "unknown")
            raise _bad(
                path,
                f"{name} 使用不支持的压缩方式 uses an unsupported compression method "
                f"{info.compress_type} ({method}); Office files use deflate",
            )
        if info.file_size > limits.member:
            raise _bad(path, _too_big(name, info.file_size, limits.member))
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _bad(
                path,
                f"{name} 压缩比异常 inflates {ratio}× ({info.file_size // MiB} MiB from "
                f"{info.compress_size} bytes): refused as a zip bomb",
            )
        total += info.file_size
        if total > limits.total:
            raise _bad(path, f"解压后过大 the archive inflates beyond {limits.total // MiB} MiB")


def _too_big(name: str, size: int, limit: int) -> str:
    return f"{name} 解压后过大 inflates to {size // MiB} MiB, beyond {limit // MiB} MiB"


@contextmanager
def open_archive(path: Path, limits: Limits | None = None) -> Iterator[zipfile.ZipFile]:
    """The archive at ``path``, its central directory checked (:func:`check_members`)."""
    limits = limits or Limits()
    try:
        zf = zipfile.ZipFile(path)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise _bad(path, f"不是有效的压缩包 not a valid zip archive ({str(exc)[:80]})") from None
    with zf:
        check_members(zf, path, limits)
        yield zf


def read_member(zf: zipfile.ZipFile, name: str, path: Path, limit: int) -> bytes:
    """Inflate member ``name`` in chunks, refusing it once more than ``limit`` bytes come out,
    and turning a corrupt stream, a bad checksum or an unsupported feature into one line."""
    return _inflate(zf, name, path, limit, keep=True)[0]


def _inflate(
    zf: zipfile.ZipFile, name: str, path: Path, limit: int, *, keep: bool
) -> tuple[bytes, int]:
    """The member's bytes (or none, with ``keep`` False: counted and dropped) and its size."""
    parts: list[bytes] = []
    size = 0
    try:
        with zf.open(name) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _bad(path, _too_big(excerpt(name), size, limit))
                if keep:
                    parts.append(chunk)
    except KeyError:
        raise _bad(path, f"缺少 {excerpt(name)} the archive has no {excerpt(name)}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _bad(
            path, f"{excerpt(name)} 数据损坏 is damaged ({str(exc)[:80] or type(exc).__name__})"
        ) from None
    except (NotImplementedError, RuntimeError) as exc:  # a method or an encryption zipfile lacks
        raise _bad(path, f"{excerpt(name)} 无法解压 cannot be inflated ({str(exc)[:80]})") from None
    declared = zf.getinfo(name).file_size
    if size != declared:
        raise _bad(
            path,
            f"{excerpt(name)} 数据损坏 is damaged: {size} bytes inflated, {declared} declared",
        )
    return b"".join(parts), size


def verify(zf: zipfile.ZipFile, path: Path, limits: Limits | None = None) -> None:
    """Inflate every member once, in constant memory, against the limits: what the central
    directory declared and what actually comes out must both stay within them."""
    limits = limits or Limits()
    total = 0
    for info in zf.infolist():
        if info.is_dir():
            continue
        total += _inflate(zf, info.filename, path, limits.member, keep=False)[1]
        if total > limits.total:
            raise _bad(path, f"解压后过大 the archive inflates beyond {limits.total // MiB} MiB")
