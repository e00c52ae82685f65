"""The ``jt`` command line: parse, call the core, hand the result to a renderer.

Commands live in submodules that register themselves on the shared Typer app; they are imported
in the order `jt --help` lists them: reading, then writing, then reports.
"""

from __future__ import annotations

import importlib

from .common import app

for _module in ("view", "record", "export"):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="jt")
