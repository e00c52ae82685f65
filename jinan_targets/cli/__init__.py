"""The ``jt`` command line: parse, call the core, hand the result to a renderer.

Commands live in submodules that register themselves on the shared Typer app; they are imported
in the order `jt --help` lists them: reading, then writing, then reports.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import NoReturn

from .common import OUTPUT_FAILED, GuardedStdout, OutputError, app, silence_stdout

for _module in ("view", "record", "export"):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]


def _bad_argument() -> str | None:
    """An argument that is not valid UTF-8 (Python hands it over with lone surrogates)."""
    for number, arg in enumerate(sys.argv[1:], start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"参数{number}不是有效的UTF-8 argument {number} is not valid UTF-8 text"
    return None


def main() -> None:
    """Run ``jt``: never a traceback. Bad input exits 2; an output that cannot be written
    (closed stdout, full disk, broken pipe, an encoding without Chinese) exits 3 with one line
    on stderr; an unexpected error exits 70 with one line (JT_DEBUG=1 shows the traceback)."""
    if sys.stderr is not None:
        with contextlib.suppress(AttributeError, ValueError):
            sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if sys.stdout is None:
        _die("标准输出已关闭 standard output is closed", OUTPUT_FAILED)
    bad = _bad_argument()
    if bad:
        _die(bad, 2)
    sys.stdout = GuardedStdout(sys.stdout)  # type: ignore[assignment,unused-ignore]
    try:
        try:
            app(prog_name="jt")
        finally:
            sys.stdout.flush()
    except OutputError as exc:
        silence_stdout()
        _die(f"错误 error: {exc}", OUTPUT_FAILED, prefix=False)
    except KeyboardInterrupt:
        _die("已中断 interrupted", 130)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("JT_DEBUG"):
            raise
        what = str(exc).splitlines()[0][:120] if str(exc) else ""
        _die(f"内部错误 internal error: {type(exc).__name__}: {what} (JT_DEBUG=1 for details)", 70)


def _die(message: str, code: int, *, prefix: bool = True) -> NoReturn:
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(("错误 error: " if prefix else "") + message + "\n")
            sys.stderr.flush()
    raise SystemExit(code)
