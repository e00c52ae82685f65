"""`jt import`: figures in bulk from CSV or XLSX, checked row by row, appended all or nothing."""

import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ..model import Outcome

from ..excerpt import excerpt
from ..model import dump
from .common import (
    JsonOpt,
    JurisdictionOpt,
    LangOpt,
    app,
    check_lang,
    fail,
    load,
    show,
)
from .record import VintageOpt, assessment_json, judge, login_name, require_writable

MAX_SHOWN = 50  # errors listed in full; the rest are counted

_FIELD_OF = (
    ("--period", "period"),
    ("--vintage", "vintage"),
    ("--published", "published"),
    ("--verdict", "verdict"),
    ("--source", "source"),
    ("--quote", "quote"),
    ("--note", "note"),
    ("--indicator", "indicator"),
    ("未知指标", "indicator"),
    ("指标名称不唯一", "indicator"),
    ("指标为空", "indicator"),
    ("未知辖区", "jurisdiction"),
)


def _column(message: str, columns: dict[str, str]) -> str:
    for prefix, field in _FIELD_OF:
        if message.startswith(prefix) and field in columns:
            return columns[field]
    return columns.get("value") or columns.get("verdict") or ""


@app.command(name="import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv, .xlsx or .xls table.")],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", metavar="NAME", help="The XLSX sheet (default: the first with a header row)."
        ),
    ] = None,
    jurisdiction: JurisdictionOpt = "jinan",
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar="PERIOD",
            help="The period of rows (or a published sheet) that name none; a sheet stating "
            "another period is refused.",
        ),
    ] = None,
    vintage: VintageOpt = "初步核算",
    published: Annotated[
        str | None,
        typer.Option(
            "--published", metavar="YYYY-MM-DD", help="Publication date of rows without one."
        ),
    ] = None,
    source: Annotated[
        str, typer.Option("--source", metavar="TEXT", help="Source of rows that name none.")
    ] = "",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Accept values that look implausible, periods not yet begun and early "
            "publication dates.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and judge; write nothing.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse the batch when a row of a published table names no tracked indicator "
            "(by default such rows are skipped and listed as 未收录 not tracked).",
        ),
    ] = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Import figures from a table: a long table (one row per figure: indicator, period, value,
    vintage, source, published, note; Chinese or English column names), the tool's own CSV/XLSX
    export with its 实际 column filled in, or a statistics table with indicators down and periods
    across (1—3月 | 1—6月 | 1—9月), or a statistics sheet as published (title and 单位 rows above
    the header, 计量单位 column, 1—9月 over 绝对值 | 增长%, 上年同期=100 indices, 注： footnotes):
    levels go on the indicator, growth on its …增长 indicator, the period comes from the header or
    the title; rows naming no tracked indicator are listed as 未收录. CSV in UTF-8 or GBK/GB18030.
    Every row is checked as `jt record` checks it; errors are listed as FILE:ROW:COLUMN and
    nothing is written. A valid batch is appended under one lock, all at once; a figure already
    in force is skipped as a duplicate."""
    from dataclasses import replace

    from ..appending import record_batch
    from ..importing import ImportError_, read_figures, read_table
    from ..jsonout import dumps, span
    from ..recording import RecordError, prepare_outcome

    check_lang(lang)
    ws = load(ctx)
    if not dry_run:
        require_writable(ws)
    try:
        table = read_table(file, sheet)
        figures = read_figures(
            table,
            jurisdiction=jurisdiction,
            period=period,
            vintage=vintage,
            source=source,
            published=published,
            by=login_name(None),
            year=ws.years(jurisdiction)[-1] if ws.years(jurisdiction) else None,
            indicators=ws.indicators.values(),
        )
    except ImportError_ as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法读取 cannot read {excerpt(str(file))}: {exc.strerror or exc}")
    if strict and figures.not_tracked:
        fail(
            f"{table.name}: --strict: 未收录 not tracked: {_listed(figures.not_tracked)}; "
            "nothing was written"
        )
    now = datetime.now().astimezone()
    errors: list[str] = list(figures.errors)
    batch: list[tuple[str, Outcome]] = []
    for n, item in enumerate(figures.located):
        request = replace(item.request, force=force)
        try:
            _, _, outcome = prepare_outcome(ws, request, now=now + timedelta(microseconds=n))
        except RecordError as exc:
            column = _column(str(exc), item.columns)
            errors.append(f"{table.name}:{item.row}:{column}: {exc}")
            continue
        batch.append((request.jurisdiction, outcome))
    if errors:
        shown = errors[:MAX_SHOWN]
        more = len(errors) - len(shown)
        sys.stderr.write("\n".join(shown) + "\n")
        if more:
            sys.stderr.write(f"… 另有 {more} 处错误 and {more} more\n")
        fail(f"{len(errors)} 处错误，未写入任何记录 {len(errors)} error(s); nothing was written")
    before = {key: _judgement(ws, key) for key in _affected(ws, batch)}
    try:
        written, skipped = record_batch(ws, batch, dry_run=dry_run)
    except RecordError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write: {exc.strerror or exc}", 1)
    after = {key: _judgement(ws, key, [o for p, o in written if p == key[0]]) for key in before}
    moves = [
        (key, before[key], after[key])
        for key in before
        if (before[key] or {}).get("status") != (after[key] or {}).get("status")
        or (before[key] or {}).get("actual") != (after[key] or {}).get("actual")
    ]
    written_note = "" if dry_run else f"已导入 {len(written)} records were written"
    if as_json:
        document = {
            "schema": "jinan-targets/import/1",
            "file": str(file),
            "written": not dry_run,
            "new": len(written),
            "duplicates": len(skipped),
            "not_tracked": figures.not_tracked,
            "columns_skipped": figures.columns_skipped,
            "records": [
                {
                    "jurisdiction": p,
                    **dump(o, as_json=True, exclude_none=True, decimals=True),
                    **span(o.period),
                }
                for p, o in written
            ],
            "moves": [
                {"jurisdiction": k[0], "indicator": k[1], "year": k[2], "before": b, "after": a}
                for k, b, a in moves
            ],
        }
        # A written record is never reported as failed: output trouble is a warning.
        show(dumps(document) + "\n", written_note)
        return
    verb = "将导入 would import" if dry_run else "已导入 imported"
    lines = [f"{verb} {len(written)} 条新记录 new records · 跳过重复 {len(skipped)} duplicates "
             f"skipped · {table.name}"]  # fmt: skip
    for (place, ident, year), old, new in moves:
        ind, where = ws.indicators[ident], ws.jurisdictions[place]
        name, place_name = (ind.name_en, where.name_en) if lang == "en" else (ind.name, where.name)
        year_text = str(year) if lang == "en" else f"{year}年"
        was, becomes = _brief(old, ind, lang), _brief(new, ind, lang)
        lines.append(f"  {place_name} {year_text} {name}: {was} → {becomes}")
    if figures.not_tracked:
        lines.append(f"  未收录 not tracked: {_listed(figures.not_tracked)}")
    if figures.columns_skipped:
        lines.append(f"  未读的列 columns not read: {_listed(figures.columns_skipped)}")
    show("\n".join(lines) + "\n", written_note)


def _listed(names: list[str], limit: int = 30) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" … (+{len(names) - limit})" if len(names) > limit else "")


def _affected(ws: Any, batch: list[tuple[str, "Outcome"]]) -> list[tuple[str, str, int]]:
    from ..period import parse_period

    keys = {(p, o.indicator, parse_period(o.period).year) for p, o in batch}
    return sorted(keys)


def _judgement(
    ws: Any, key: tuple[str, str, int], extra: "list[Outcome] | None" = None
) -> dict[str, Any] | None:
    from ..period import Period

    place, ident, year = key
    indicator = ws.indicators[ident]
    mine = [o for o in extra or [] if o.indicator == ident]
    return assessment_json(judge(ws, place, indicator, Period.whole_year(year), mine))


def _brief(judged: dict[str, Any] | None, indicator: Any, lang: str) -> str:
    """暂无数据 → 进度正常（2026年前三季度 3.6%）: the judgement in words, not codes."""
    from decimal import Decimal

    from ..model import Status
    from ..text import STATUS_SYMBOLS, fmt_value, period_text, status_label

    if judged is None:
        return "—"
    status = Status(judged["status"])
    label = f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}"
    actual, period = judged.get("actual"), judged.get("period")
    if actual is None or not period:
        return label
    figure = fmt_value(Decimal(str(actual)), indicator.unit, lang=lang)
    when = period_text(period, lang)
    return f"{label} ({when}, {figure})" if lang == "en" else f"{label}（{when} {figure}）"
