"""Read a TOML file safely and locate its keys by line.

Only regular files are read (a FIFO, a device or a symlink to ``/dev/zero`` is skipped with a
reason, never waited on); a UTF-8 byte-order mark is accepted; lines are counted the way editors
and TOML count them, at ``\\n`` only, so a U+2028 or form feed inside a string never shifts the
line numbers a problem reports. Pure apart from reading the one file.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "BOM",
    "Lines",
    "ReadError",
    "TomlError",
    "open_regular",
    "parse_toml",
    "read_bytes",
    "toml_error",
]

BOM = b"\xef\xbb\xbf"
_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")


class ReadError(Exception):
    """The file cannot be read as text; the message says why."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading when it is a regular file; ReadError naming what it is
    otherwise (a FIFO is never waited on)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadError(f"无法读取 cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        what = (
            "FIFO"
            if stat.S_ISFIFO(info.st_mode)
            else "device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "directory"
            if stat.S_ISDIR(info.st_mode)
            else "special file"
        )
        raise ReadError(f"不是普通文件 not a regular file ({what}), skipped")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReadError(f"无法读取 cannot read: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between stat and open
            raise ReadError("不是普通文件 not a regular file, skipped")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path) -> bytes:
    """The file's bytes without a leading BOM; refuse anything but a regular file."""
    with open_regular(path) as fh:
        try:
            chunks = []
            while chunk := fh.read(1 << 20):
                chunks.append(chunk)
        except OSError as exc:
            raise ReadError(f"无法读取 cannot read: {exc.strerror or exc}") from None
    raw = b"".join(chunks)
    return raw[len(BOM) :] if raw.startswith(BOM) else raw


def toml_error(exc: BaseException | str, offset: int = 0) -> tuple[int | None, str]:
    """(line, message) of a TOML error; ``offset`` shifts the line for a parsed fragment."""
    if isinstance(exc, RecursionError):
        return None, "嵌套过深 nested too deeply"
    msg = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    if not m:
        return None, msg
    return int(m.group(1)) + offset, msg[: m.start()].strip()


try:  # the compiled tomli reads ~3× faster than the standard library's pure-Python tomllib
    import tomli as _toml
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser
    _toml = tomllib  # type: ignore[misc]
_DECODE_ERRORS: tuple[type[Exception], ...] = (tomllib.TOMLDecodeError, _toml.TOMLDecodeError)


class TomlError(ValueError):
    """A file (or fragment) that is not valid TOML; the message says where and why."""


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML with Decimal floats; raises :class:`TomlError` or RecursionError."""
    try:
        return _toml.loads(text, parse_float=Decimal)
    except _DECODE_ERRORS as exc:
        raise TomlError(str(exc)) from None
    except ValueError as exc:  # an integer of 4,300+ digits
        raise TomlError(f"数值过长 number too long ({str(exc)[:60]})") from None


# Where a line may open a table: its first character is a bracket, a space or a tab.
_OPENING = re.compile(r"\n[\[ \t]")


def _tables(text: str, lines: list[str]) -> dict[str, list[int]]:
    """The line numbers of every table header, by table name. Only the lines that may open a
    table are looked at: in an outcome log, one line in ten."""
    tables: dict[str, list[int]] = {}
    starts = [0] if text[:1] in ("[", " ", "\t") else []
    number, last = 1, 0
    for start in (*starts, *(m.start() + 1 for m in _OPENING.finditer(text))):
        number += text.count("\n", last, start)
        last = start
        if header := _TABLE.match(lines[number - 1]):
            tables.setdefault(header.group(1), []).append(number)
    return tables


class Lines:
    """Map (array of tables, index, key) to a line number in a TOML file's text."""

    def __init__(self, text: str, tables: dict[str, list[int]] | None = None) -> None:
        self.lines = text.split("\n")
        self.tables = _tables(text, self.lines) if tables is None else tables
        self._starts = sorted(n for ns in self.tables.values() for n in ns)

    def find(self, table: str | None, index: int = 0, key: str | None = None) -> int | None:
        start, end = 1, len(self.lines)
        if table is not None:
            starts = self.tables.get(table, [])
            if index >= len(starts):
                return None
            start = starts[index]
            after = bisect.bisect_right(self._starts, start)
            end = self._starts[after] - 1 if after < len(self._starts) else len(self.lines)
        if key:
            pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
            for number in range(start, end + 1):
                if pattern.match(self.lines[number - 1]):
                    return number
        return start if table is not None else None
