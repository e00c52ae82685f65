"""`jt export`: the scorecard as a file someone else opens (Markdown, HTML, CSV, XLSX, JSON)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    AsOfOpt,
    AsRecordedOpt,
    CategoryOpt,
    JurisdictionOpt,
    LangOpt,
    StatusOpt,
    YearArg,
    app,
    check_lang,
    fail,
    make_scorecard,
)

FORMATS = {
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
    "csv": "csv",
    "xlsx": "xlsx",
    "json": "json",
}


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            fail(f"--format must be one of md, html, csv, xlsx, json, not {fmt!r}")
        return FORMATS[fmt.lower()]
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return FORMATS[suffix]
        fail(f"cannot tell the format from {output.name!r}: give --format md|html|csv|xlsx|json")
    fail("give --format md|html|csv|xlsx|json, or -o FILE with one of those extensions")


def _write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def export(
    ctx: typer.Context,
    year: YearArg = None,
    jurisdiction: JurisdictionOpt = "jinan",
    as_of: AsOfOpt = None,
    as_recorded: AsRecordedOpt = None,
    category: CategoryOpt = None,
    status: StatusOpt = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="md, html, csv, xlsx or json (default: from -o's extension)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (default: standard output; xlsx needs a file)."
        ),
    ] = None,
    lang: LangOpt = "zh",
) -> None:
    """Export the scorecard as a report: Markdown for documents, self-contained HTML with charts,
    CSV and XLSX for spreadsheets, JSON (the scorecard contract) for programs."""
    check_lang(lang)
    kind = _format(fmt, output)
    if kind == "xlsx" and output is None:
        fail("XLSX is a binary file: give -o FILE.xlsx")
    card = make_scorecard(ctx, year, jurisdiction, as_of, as_recorded, category, status)
    from ..report import build_report

    report = build_report(card, lang)
    if kind == "xlsx":
        from ..render.tabular import render_xlsx

        data = render_xlsx(report)
    else:
        if kind == "md":
            from ..render.markdown import render_markdown

            text = render_markdown(report)
        elif kind == "html":
            from ..render.html import render_html

            text = render_html(report)
        elif kind == "csv":
            from ..render.tabular import render_csv

            text = render_csv(report)
        else:
            text = json.dumps(report.contract, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
            return
        data = text.encode("utf-8")
    assert output is not None
    try:
        _write_atomically(output, data)
    except OSError as exc:
        fail(f"无法写入 cannot write {output}: {exc.strerror or exc}", 1)
    rows = len(card.rows)
    sys.stdout.write(f"已导出 exported {kind} · {rows} rows → {output}\n")
