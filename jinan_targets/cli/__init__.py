"""The ``jt`` command line: parse, call the core, hand the result to a renderer.

Commands live in submodules that register themselves on the shared Typer app.
"""

from __future__ import annotations

from . import export, record, view  # noqa: F401  (importing them registers the commands)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="jt")
