"""Exit codes as the README defines them, whatever the terminal, the disk or the environment:
3 when the output cannot be written, 2 for bad input (message or not), 1 for a file that could
not be written (nothing left behind); an existing file keeps its mode; no home directory is
no reason to fail."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from jinan_targets.cli import main

from .conftest import Invoke

FORMATS = ["md", "html", "csv", "xlsx", "json"]


class FullDisk(io.RawIOBase):
    """A file on a full disk: every write fails with ENOSPC (as /dev/full does)."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def full_stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(FullDisk()), encoding="utf-8")


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """``jt ARGS`` as the installed command runs it; its exit code."""
    monkeypatch.setattr(sys, "argv", ["jt", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    code = exited.value.code
    return code if isinstance(code, int) else (0 if code is None else 1)


@pytest.fixture()
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("JINAN_TARGETS_PLANS", raising=False)


# ---------------------------------------------------------------------------- standard output


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_to_a_full_stdout_exits_3(
    plans: Path, monkeypatch: pytest.MonkeyPatch, terminal: None, fmt: str
) -> None:
    """`jt export 2026 --format F > /dev/full` exits 3 for every format, XLSX included."""
    monkeypatch.setattr(sys, "stdout", full_stream())
    errors = io.StringIO()
    monkeypatch.setattr(sys, "stderr", errors)
    code = run_main(monkeypatch, "--plans", str(plans), "export", "2026", "--format", fmt)
    assert code == 3
    assert "无法写入标准输出" in errors.getvalue()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_xlsx_to_dev_full_exits_3(plans: Path, tmp_path: Path) -> None:
    """The real thing: a child process writing XLSX to /dev/full."""
    import subprocess

    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "jinan_targets",
                "--plans",
                str(plans),
                "export",
                "2026",
                "--format",
                "xlsx",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "JINAN_TARGETS_CACHE": str(tmp_path / "cache")},
        )
    assert result.returncode == 3, result.stderr.decode()


# ---------------------------------------------------------------------------- standard error

BAD_INPUT = [
    ("record", "不存在的指标", "1"),
    ("record", "地区生产总值增长", "abc", "-p", "2026-Q1"),
    ("scorecard", "2026", "-j", "nowhere"),
    ("export", "2026", "--format", "pdf"),
    ("history", "不存在的指标"),
    ("scorecard", "--no-such-option"),
]


@pytest.mark.parametrize("stderr", ["closed", "full"])
@pytest.mark.parametrize("args", BAD_INPUT, ids=[" ".join(a) for a in BAD_INPUT])
def test_bad_input_exits_2_whatever_stderr_is(
    plans: Path, monkeypatch: pytest.MonkeyPatch, terminal: None, args: tuple[str, ...], stderr: str
) -> None:
    """`jt record 不存在的指标 1 2>&-` (and with stderr on a full disk) exits 2, as with a
    message: bad input is bad input."""
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", None if stderr == "closed" else full_stream())
    assert run_main(monkeypatch, "--plans", str(plans), *args) == 2


# ---------------------------------------------------------------------------- full disk

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    "where",
    ["fill", "commit", "replace"],
)
def test_sqlite_export_on_a_full_disk_exits_1_leaving_nothing(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """`jt export --all -o x.db` on a full disk: one line, exit 1, no file and no temporary."""
    import jinan_targets.sqlexport as sqlexport

    out = tmp_path / "out"
    out.mkdir()
    if where == "fill":
        real_fill = sqlexport.fill_database

        def fill(conn: sqlite3.Connection, *a: Any) -> None:
            real_fill(conn, *a)
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(sqlexport, "fill_database", fill)
    elif where == "commit":

        class Full:
            def __init__(self, conn: sqlite3.Connection) -> None:
                self.conn = conn

            def commit(self) -> None:
                raise sqlite3.OperationalError("database or disk is full")

            def __getattr__(self, name: str) -> Any:
                return getattr(self.conn, name)

        connect = sqlite3.connect

        def full_connect(path: Any, *a: Any, **k: Any) -> Any:
            conn = connect(path, *a, **k)
            return Full(conn) if str(path).endswith(".db") else conn  # the export, not the index

        monkeypatch.setattr("sqlite3.connect", full_connect)
    else:

        def replace(*a: Any) -> None:
            raise ENOSPC

        monkeypatch.setattr("os.replace", replace)
    result = jt("export", "--all", "-o", str(out / "x.db"))
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert leftovers(out) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_on_a_full_disk_exits_1_leaving_nothing(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Every format: a write that fails is one line, exit 1, and leaves nothing behind."""

    def fsync(fd: int) -> None:
        raise ENOSPC

    monkeypatch.setattr("os.fsync", fsync)
    out = tmp_path / "out"
    out.mkdir()
    result = jt("export", "2026", "-o", str(out / f"r.{fmt}"))
    assert result.exit_code == 1, result.output
    assert leftovers(out) == []


# ---------------------------------------------------------------------------- modes


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604])
@pytest.mark.parametrize("fmt", [*FORMATS, "db"])
def test_an_existing_file_keeps_its_mode(jt: Invoke, tmp_path: Path, fmt: str, mode: int) -> None:
    """Re-exporting onto an existing file keeps its mode, for every format (SQLite too); a
    new file gets 0666 less the umask."""
    target = tmp_path / f"r.{fmt}"
    target.write_bytes(b"old")
    target.chmod(mode)
    result = jt("export", "2026", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() != b"old"
    fresh = tmp_path / f"new.{fmt}"
    assert jt("export", "2026", "-o", str(fresh)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


# ---------------------------------------------------------------------------- XLSX text


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x0b", "\x0c", "\x1f", "\x00", "\x08"])
@pytest.mark.parametrize("where", ["quote", "title", "place"])
def test_xlsx_shows_control_characters_escaped(
    jt: Invoke, plans: Path, tmp_path: Path, char: str, where: str
) -> None:
    """A control character openpyxl cannot store (a plan quote holding U+0001, a title, a
    jurisdiction name) is exported escaped, never an internal error."""
    from openpyxl import load_workbook

    escaped = f"\\u{ord(char):04x}"
    file, old = {
        "quote": ("jinan/2026.toml", "地区生产总值增长5%以上，在实际工作中"),
        "title": ("jinan/2026.toml", 'title = "济南市2026年'),
        "place": ("jurisdictions.toml", 'name = "济南市'),
    }[where]
    path = plans / file
    path.write_text(
        path.read_text(encoding="utf-8").replace(old, old + escaped, 1), encoding="utf-8"
    )
    out = tmp_path / "r.xlsx"
    result = jt("export", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    texts = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not any(char in text for text in texts)
    # The workbook shows figures' quotes, not the plan's: a target quote is only never raw.
    if where != "quote":
        shown = f"\\x{ord(char):02x}"
        assert any(shown in text for text in texts), texts[:20]


# ---------------------------------------------------------------------------- no home


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("scorecard", "2026"),
        ("indicators",),
        ("history", "地区生产总值增长"),
        ("record", "地区生产总值增长", "5.6%", "-p", "2026-Q1"),
        ("export", "2026", "--format", "json"),
        ("trend", "gdp_growth"),
    ],
)
def test_no_home_directory_is_no_reason_to_fail(
    jt: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """With no HOME and no passwd entry (as `docker run --user 54321`), commands work without
    the cache rather than exit 70."""

    def no_home(*a: Any) -> Any:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("JINAN_TARGETS_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(no_home))
    monkeypatch.setattr(os.path, "expanduser", no_home)
    result = jt(*args)
    assert not isinstance(result.exception, RuntimeError), result.exception
    assert result.exit_code == 0, result.output
