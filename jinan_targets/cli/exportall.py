"""`jt export --all` (every jurisdiction and year) and the Parquet export, beside `export`."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..scorecard import Scorecard

from ..excerpt import excerpt
from .common import fail, load, make_scorecard, resolve_jurisdiction, resolve_year

ALL_FORMATS = ("json", "csv", "xlsx", "sqlite", "parquet")


def scorecards(
    ctx: typer.Context,
    everything: bool,
    year: int | None,
    places: list[str],
    as_of: str | None,
    as_recorded: str | None,
) -> "list[Scorecard]":
    """Every plan's scorecard (--all: each as of its latest figures), or the one asked for."""
    ws = load(ctx)
    if everything:
        keys = [(j, y) for j in ws.jurisdictions for y in ws.years(j) if ws.plan(j, y)]
    else:
        place = resolve_jurisdiction(ws, (places or ["jinan"])[0])
        keys = [(place, resolve_year(ws, place, year))]
    period = None if everything else as_of
    return [make_scorecard(ctx, y, j, period, as_recorded, None, None) for j, y in keys]


def export_all(
    ctx: typer.Context,
    kind: str,
    output: Path | None,
    to_stdout: bool,
    everything: bool,
    year: int | None,
    places: list[str],
    as_recorded: str | None,
    lang: str,
    deliver: Callable[[bytes, str, Path | None, bool, int], None],
) -> None:
    """Every plan's scorecard as one JSON document, one long CSV table, or one workbook with a
    sheet per jurisdiction-year, handed to ``deliver`` (export's); md and html are reports of
    one scorecard and are refused."""
    from ..jsonout import dumps
    from ..scorecard_json import scorecard_dict

    if kind not in ALL_FORMATS:
        fail(
            f"--all 不支持 {kind}: a {kind} report holds one scorecard; --all works with "
            "json, csv, xlsx, sqlite and parquet"
        )
    cards = [
        scorecard_dict(c, lang) for c in scorecards(ctx, True, year, places, None, as_recorded)
    ]
    rows = sum(len(c["rows"]) for c in cards)
    if kind == "json":
        doc = {"schema": "jinan-targets/scorecards/1", "scorecards": cards}
        data = (dumps(doc) + "\n").encode("utf-8")
    elif kind == "csv":
        from ..longtable import long_csv

        data = long_csv(cards).encode("utf-8")
    else:
        from ..render.workbook import render_all_xlsx

        data = render_all_xlsx(cards)
    deliver(data, kind, output, to_stdout, rows)


def export_parquet(
    ctx: typer.Context,
    output: Path | None,
    to_stdout: bool,
    everything: bool,
    year: int | None,
    places: list[str],
    as_of: str | None,
    as_recorded: str | None,
) -> None:
    """The data as Parquet files in a directory, one per table, with the SQLite columns."""
    from ..columnar import ColumnarError, write_parquet

    if to_stdout or output is None:
        fail("Parquet is one file per table: give -o DIR/")
    if output.exists() and not output.is_dir():
        fail(f"{excerpt(str(output))} 不是目录 is not a directory: Parquet needs -o DIR/")
    if not output.parent.is_dir():
        fail(f"目录不存在 directory {excerpt(str(output.parent))} does not exist")
    ws = load(ctx)
    cards = scorecards(ctx, everything, year, places, as_of, as_recorded)
    try:
        written = write_parquet(output, ws, cards, sorted(ws.jurisdictions) if everything else ())
    except ColumnarError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write {excerpt(str(output))}: {exc.strerror or exc}", 1)
    total = sum(n for _, n in written)
    sys.stdout.write(f"已导出 exported parquet · {len(written)} tables · {total} rows → {output}\n")
