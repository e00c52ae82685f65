"""The ``jt`` command line: parse, call the core, hand the result to a renderer.

Commands live in submodules that register themselves on the shared Typer app, in the order
`jt --help` lists them: reading, then writing, then reports. ``app`` has them all; ``main`` loads
only the module of the command being run, so a command starts without the others' imports.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any, NoReturn

from .common import OUTPUT_FAILED, GuardedStdout, OutputError, silence_stdout
from .streams import VisibleStream

__all__ = ["app", "main"]

MODULES = ("view", "catalog", "record", "importing", "extract", "history", "views", "export")
COMMANDS = {
    **dict.fromkeys(("check", "targets", "scorecard", "init"), "view"),
    **dict.fromkeys(("indicators", "jurisdictions"), "catalog"),
    **dict.fromkeys(("record", "undo"), "record"),
    "history": "history",
    "import": "importing",
    "extract": "extract",
    **dict.fromkeys(("trend", "compare", "summary"), "views"),
    "export": "export",
}


def _register(modules: tuple[str, ...] = MODULES) -> Any:
    for module in modules:
        importlib.import_module(f"{__name__}.{module}")
    from .common import app

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _register()
    raise AttributeError(name)


def _modules_for(argv: list[str]) -> tuple[str, ...]:
    """The command module ``argv`` needs (all of them for --help or an unknown command)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--plans":
            skip = True
        elif not arg.startswith("-"):
            module = COMMANDS.get(arg)
            return (module,) if module else MODULES
        elif arg in ("-h", "--help", "--version"):
            return MODULES
    return MODULES


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
    if sys.stderr is None:  # closed (2>&-): messages go nowhere, exit codes stay what they are
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    else:
        with contextlib.suppress(AttributeError, ValueError):
            sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.stderr = VisibleStream(sys.stderr, colour=False, quiet=True)  # type: ignore[assignment,unused-ignore]
    if sys.stdout is None:
        _die("标准输出已关闭 standard output is closed", OUTPUT_FAILED)
    bad = _bad_argument()
    if bad:
        _die(bad, 2)
    sys.stdout = GuardedStdout(sys.stdout)  # type: ignore[assignment,unused-ignore]
    try:
        try:
            _register(_modules_for(sys.argv[1:]))(prog_name="jt")
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
