"""`jt export`: the scorecard as a file someone else opens (Markdown, HTML, Word, CSV, XLSX,
JSON), with the scorecard's filters."""

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ..report import Filters, Report
    from ..store import Workspace

from ..excerpt import excerpt
from ..jsonout import dumps
from .common import (
    AsOfOpt,
    AsRecordedOpt,
    CategoryOpt,
    LangOpt,
    StatusOpt,
    YearArg,
    app,
    check_categories,
    check_lang,
    fail,
    find_indicators,
    load,
    make_scorecard,
    parse_statuses,
    resolve_jurisdiction,
    resolve_year,
    show_bytes,
    split_list,
)

FORMATS = {
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
    "csv": "csv",
    "xlsx": "xlsx",
    "docx": "docx",
    "json": "json",
    "sqlite": "sqlite",
    "db": "sqlite",
    "parquet": "parquet",
}
FORMAT_NAMES = "md, html, docx, csv, xlsx, json, sqlite (.db), parquet (a directory)"


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            fail(f"--format must be one of {FORMAT_NAMES}, not {excerpt(fmt)}")
        return FORMATS[fmt.lower()]
    if output is not None and (str(output).endswith(os.sep) or _is_dir(output)):
        return "parquet"  # a directory takes one file per table
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return FORMATS[suffix]
        fail(
            f"cannot tell the format from {excerpt(output.name)}: "
            "give --format md|html|docx|csv|xlsx|json|sqlite|parquet"
        )
    fail(
        "give --format md|html|docx|csv|xlsx|json|sqlite|parquet, or -o FILE with one of the "
        "extensions .md .html .docx .csv .xlsx .json .db"
    )


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a loop of links: not a directory we can write into
        return False


class UnsafeOutput(Exception):
    """-o names something a report must not replace."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _destination(path: Path) -> tuple[Path, int]:
    """Where to write and with which mode. A symlink to a regular file is written through; a
    device, a FIFO, a symlink to either, or a read-only file is refused; a missing directory is
    not created."""
    real = Path(os.path.realpath(path))
    if not real.parent.is_dir():
        raise UnsafeOutput(f"目录不存在 directory {excerpt(str(path.parent))} does not exist")
    if os.path.lexists(real) or os.path.lexists(path):
        try:
            info = os.stat(real)
        except OSError as exc:
            raise UnsafeOutput(f"{excerpt(str(path))}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeOutput(
                f"{excerpt(str(path))} 不是普通文件 is not a regular file (a device, FIFO or "
                "directory); refused"
            )
        if not os.access(real, os.W_OK) or not info.st_mode & 0o222:
            raise UnsafeOutput(f"{excerpt(str(path))} 只读 is read-only; refused")
        return real, stat.S_IMODE(info.st_mode)
    return real, 0o666 & ~_umask()


def write_atomically(path: Path, data: bytes) -> Path:
    """Write next to the target and rename: a reader never sees half a report."""
    from ..atomic import replace_file

    real, mode = _destination(path)
    replace_file(real, data, mode)
    return real


@app.command()
def export(
    ctx: typer.Context,
    year: YearArg = None,
    jurisdiction: Annotated[
        str,
        typer.Option(
            "--jurisdiction",
            "-j",
            metavar="ID[,ID…]",
            help="Jurisdiction id (default jinan); several with --compare or --summary "
            "(default for --summary: all).",
        ),
    ] = "",
    as_of: AsOfOpt = None,
    as_recorded: AsRecordedOpt = None,
    category: CategoryOpt = None,
    status: StatusOpt = None,
    indicator: Annotated[
        str | None,
        typer.Option("--indicator", "-i", metavar="ID[,ID…]", help="Only these indicators."),
    ] = None,
    hide_empty: Annotated[
        bool, typer.Option("--hide-empty", help="Leave out the targets without a figure.")
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|docx|csv|xlsx|json|sqlite|parquet",
            help="md, html, docx (Word), csv, xlsx, json, sqlite (a database file for SQL tools) "
            "or parquet (-o DIR/: one file per table, the SQLite columns, for pandas, polars, "
            "DuckDB); default: from -o's extension.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write (default, or -: standard output). Its directory must exist; a "
            "device, FIFO or read-only file is never replaced.",
        ),
    ] = None,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare", help="The comparison of the jurisdictions of -j (md, html or json)."
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary", help="The roll-up of statuses of -j (all by default): md, html or json."
        ),
    ] = False,
    years: Annotated[
        str | None,
        typer.Option("--years", metavar="2024-2026", help="With --summary: these years."),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Every jurisdiction and year, not one scorecard: json (one document), csv (one "
            "long table), xlsx (a sheet per jurisdiction-year), sqlite, parquet. md and html "
            "are refused.",
        ),
    ] = False,
    lang: LangOpt = "zh",
) -> None:
    """Export the scorecard as a report: Markdown for documents, self-contained HTML with charts
    (and a trend chart per indicator with a history), Word (.docx) to hand over, CSV and XLSX for
    spreadsheets, JSON (the scorecard contract) for programs. The scorecard's filters (-c -s -i
    --hide-empty) narrow it, and the report says what it shows ("91项指标中，显示已报告的16项").
    --compare and --summary export those views instead."""
    check_lang(lang)
    to_stdout = output is None or str(output) == "-"
    kind = _format(fmt, None if to_stdout else output)
    if kind in BINARY and to_stdout and sys.stdout.isatty():
        fail(f"{kind.upper()} is a binary file: give -o FILE.{kind}, or redirect standard output")
    places = split_list([jurisdiction])
    filtered = bool(category or status or indicator or hide_empty)
    if filtered and (compare or summary or everything or kind in ("sqlite", "parquet")):
        fail("-c -s -i --hide-empty 只用于单个计分卡 filter one scorecard, not --compare, "
             "--summary, --all, sqlite or parquet")  # fmt: skip
    if compare or summary:
        if kind not in ("md", "html", "json"):
            fail("--compare and --summary export as md, html or json")
        text, rows = _view_report(ctx, kind, compare, year, places, years, lang)
        _deliver(text.encode("utf-8"), kind, output, to_stdout, rows)
        return
    if kind == "sqlite":
        _sqlite(ctx, output, to_stdout, everything, year, places, as_of, as_recorded)
        return
    if kind == "parquet":
        from .exportall import export_parquet

        export_parquet(ctx, output, to_stdout, everything, year, places, as_of, as_recorded)
        return
    if everything:
        from .exportall import export_all

        export_all(
            ctx, kind, output, to_stdout, everything, year, places, as_recorded, lang, _deliver
        )
        return
    places = places or ["jinan"]
    if len(places) != 1:
        fail("export 一次导出一个辖区 exports one jurisdiction (or use --compare / --summary)")
    card = make_scorecard(ctx, year, places[0], as_of, as_recorded, category, status, indicator)
    from ..report import build_report
    from ..views import trend
    from ..yearview import refine

    card = refine(card, hide_empty=hide_empty)
    ws = load(ctx)
    if kind in ("md", "html"):
        from ..render.charts import has_history

        found = (trend(ws, card.jurisdiction.id, row.indicator) for row in card.rows)
        trends = tuple(t for t in found if has_history(t))
    else:
        trends = ()
    filters = _filters(ws, category, status, indicator, hide_empty)
    data = render(build_report(card, lang, trends=trends, filters=filters), kind)
    _deliver(data, kind, output, to_stdout, len(card.rows))


BINARY = ("xlsx", "docx")


def _filters(
    ws: "Workspace",
    category: list[str] | None,
    status: list[str] | None,
    indicator: str | None,
    hide_empty: bool,
) -> "Filters":
    """The filters the scorecard was built with, for the report to state."""
    from ..report import Filters

    return Filters(
        categories=tuple(ws.categories[c] for c in check_categories(ws, category)),
        statuses=parse_statuses(status or []),
        indicators=tuple(ws.indicators[i] for i in find_indicators(ws, indicator)),
        hide_empty=hide_empty,
    )


def render(report: "Report", kind: str) -> bytes:
    """The report in ``kind`` (md, html, docx, csv, xlsx or json), as bytes to write."""
    if kind == "xlsx":
        from ..render.xlsx import render_xlsx

        return render_xlsx(report)
    if kind == "docx":
        from ..render.docx import render_docx

        return render_docx(report)
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
        text = dumps(report.contract) + "\n"
    return text.encode("utf-8")


def _sqlite(
    ctx: typer.Context,
    output: Path | None,
    to_stdout: bool,
    everything: bool,
    year: int | None,
    places: list[str],
    as_of: str | None,
    as_recorded: str | None,
) -> None:
    """The data as one SQLite file: the scorecard asked for, or with --all every plan."""
    import sqlite3

    from ..sqlexport import write_sqlite

    if to_stdout or output is None:
        fail("SQLite is a database file: give -o FILE.db")
    ws = load(ctx)
    from .exportall import scorecards

    cards = scorecards(ctx, everything, year, places, as_of, as_recorded)
    try:
        real, mode = _destination(output)
        write_sqlite(real, ws, cards, sorted(ws.jurisdictions) if everything else (), mode=mode)
    except UnsafeOutput as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write {excerpt(str(output))}: {exc.strerror or exc}", 1)
    except sqlite3.Error as exc:  # a full disk is "database or disk is full"
        fail(f"无法写入 cannot write {excerpt(str(output))}: {exc}", 1)
    rows = sum(len(c.rows) for c in cards)
    sys.stdout.write(f"已导出 exported sqlite · {len(cards)} plans · {rows} rows → {output}\n")


def _deliver(data: bytes, kind: str, output: Path | None, to_stdout: bool, rows: int) -> None:
    if to_stdout:
        if kind in BINARY:
            show_bytes(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        return
    assert output is not None
    write_output(output, data)
    sys.stdout.write(f"已导出 exported {kind} · {rows} rows → {output}\n")


def write_output(output: Path, data: bytes) -> None:
    """Write a report or a draft to ``output`` safely, or exit with one line saying why not:
    2 for a destination that must not be replaced, 1 for a write that failed."""
    try:
        write_atomically(output, data)
    except UnsafeOutput as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write {excerpt(str(output))}: {exc.strerror or exc}", 1)


def _view_report(
    ctx: typer.Context,
    kind: str,
    comparing: bool,
    year: int | None,
    places: list[str],
    years: str | None,
    lang: str,
) -> tuple[str, int]:
    """The comparison or the roll-up as md, html or json text, and its number of rows."""
    from datetime import date

    from ..render import viewdoc
    from ..views import compare, compare_dict, summary, summary_dict
    from .views import parse_years

    ws = load(ctx)
    today = date.today()
    if comparing:
        if len(places) < 2:
            fail(
                "--compare 需要至少两个辖区 needs two or more jurisdictions: -j jinan,jinan-licheng"
            )
        places = [resolve_jurisdiction(ws, p) for p in places]
        year = resolve_year(ws, places[0], year)
        for place in places[1:]:
            resolve_year(ws, place, year)
        rows = compare(ws, year, places)
        juris = [ws.jurisdictions[p] for p in places]
        if kind == "json":
            return dumps(compare_dict(rows, year, juris, lang)) + "\n", len(rows)
        render = viewdoc.compare_markdown if kind == "md" else viewdoc.compare_html
        return render(rows, year, juris, lang, today), len(rows)
    chosen = [resolve_jurisdiction(ws, p) for p in places if p] or [
        j for j in ws.jurisdictions if ws.years(j)
    ]
    wanted = parse_years(years) if years else sorted({y for p in chosen for y in ws.years(p)})
    rolled = summary(ws, chosen, wanted)
    if kind == "json":
        return dumps(summary_dict(rolled)) + "\n", len(rolled)
    render_summary = viewdoc.summary_markdown if kind == "md" else viewdoc.summary_html
    return render_summary(rolled, lang, today), len(rolled)
