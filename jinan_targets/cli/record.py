"""Writing commands: record a figure, show its history, retract the latest record."""

from __future__ import annotations

import getpass
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # the core is imported where used, so `jt --help` starts fast
    from ..assess import Assessment
    from ..model import Indicator, Outcome
    from ..period import Period
    from ..recording import RecordError
    from ..store import Workspace

from .common import (
    JsonOpt,
    JurisdictionOpt,
    LangOpt,
    app,
    check_lang,
    console,
    emit_json,
    fail,
    load,
)


def _writable(ws: Workspace) -> None:
    if ws.bundled:
        fail(
            f"内置数据只读 the bundled dataset at {ws.root} is read-only; "
            "make a workspace with `jt init DIR` and use `jt --plans DIR …`"
        )


def _who(by: str | None) -> str:
    if by is not None:
        return by
    try:
        return getpass.getuser()
    except Exception:
        return ""


def _judge(
    ws: Workspace, jurisdiction: str, indicator: Indicator, period: Period, extra: list[Outcome]
) -> Assessment | None:
    plan = ws.plan(jurisdiction, period.year)
    if plan is None:
        return None
    target = next((t for t in plan.target if t.indicator == indicator.id), None)
    if target is None:
        return None
    from ..assess import assess

    ref_place = target.reference_jurisdiction or jurisdiction
    reference = ws.outcomes_for(ref_place, target.reference) if target.reference else []
    outcomes = ws.outcomes_for(jurisdiction, indicator.id) + extra
    as_of = period if period.kind != "span" else None
    return assess(
        target, indicator, outcomes, year=period.year, as_of=as_of, reference_outcomes=reference
    )


def _append(path: Path, outcome: Outcome, dry_run: bool) -> str:
    """Append the record (or, for --dry-run, only render it); a write error exits 1."""
    from ..journal import append_outcome, record_text

    if dry_run:
        return record_text(outcome)
    try:
        return append_outcome(path, outcome)
    except OSError as exc:
        fail(f"无法写入 cannot write {path}: {exc}", 1)


def _fail_lookup(exc: RecordError) -> None:
    if exc.candidates:
        listed = "\n".join(f"  {c.id:<34} {c.name}" for c in exc.candidates)
        sys.stderr.write(f"错误 error: {exc}; 候选 did you mean:\n{listed}\n")
        raise typer.Exit(2)
    fail(str(exc))


def _assessment_json(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    from ..scorecard import number

    return {
        "status": a.status.value,
        "period": a.actual.period if a.actual else None,
        "actual": number(a.actual.value) if a.actual else None,
        "completion": number(a.completion),
        "gap": number(a.gap),
        "time_progress": number(a.time_progress),
        "schedule_gap": number(a.schedule_gap),
        "required_pace": number(a.required_pace),
    }


@app.command()
def record(
    ctx: typer.Context,
    indicator: Annotated[
        str, typer.Argument(help="Indicator id, Chinese name or a unique part (就业).")
    ],
    value: Annotated[
        str | None,
        typer.Argument(help="The figure: 21万, 4.2%, 下降9%, 1600亿元 (in any fitting unit)."),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="2026, 2026-Q1, 2026-H1, 2026-05, 2021-2025 "
            "(default: the latest plan year); figures are year to date.",
        ),
    ] = None,
    jurisdiction: JurisdictionOpt = "jinan",
    vintage: Annotated[
        str,
        typer.Option("--vintage", help="estimate (预计), preliminary (初步核算), revised, final."),
    ] = "preliminary",
    verdict: Annotated[
        str | None,
        typer.Option("--verdict", help="For a qualitative target: met, basically_met or missed."),
    ] = None,
    source: Annotated[str, typer.Option("--source", help="Where the figure was published.")] = "",
    quote: Annotated[
        str, typer.Option("--quote", help="The sentence that states the figure.")
    ] = "",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Publication date of the figure (YYYY-MM-DD).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Free note.")] = "",
    by: Annotated[
        str | None, typer.Option("--by", help="Who records it (default: the login name).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Accept a value that looks implausible.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be appended; write nothing.")
    ] = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Append a reported figure (or a verdict) to the outcome log and show the target's
    judgement before and after it. Revisions are new records; nothing is edited in place."""
    from ..recording import RecordError, RecordRequest, prepare_outcome
    from ..text import judgement_line

    check_lang(lang)
    ws = load(ctx)
    if not dry_run:
        _writable(ws)
    request = RecordRequest(
        jurisdiction=jurisdiction,
        indicator=indicator,
        value=value,
        verdict=verdict,
        period=period,
        vintage=vintage,
        source=source,
        quote=quote,
        as_of=as_of,
        note=note,
        by=_who(by),
        force=force,
    )
    try:
        ind, per, outcome = prepare_outcome(ws, request, now=datetime.now().astimezone())
    except RecordError as exc:
        _fail_lookup(exc)
        return
    path = ws.outcomes_path(jurisdiction, per.year)
    before = _judge(ws, jurisdiction, ind, per, [])
    after = _judge(ws, jurisdiction, ind, per, [outcome])
    text = _append(path, outcome, dry_run)
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/record/1",
                "written": not dry_run,
                "file": str(path),
                "record": outcome.model_dump(mode="json", exclude_none=True),
                "text": text,
                "before": _assessment_json(before),
                "after": _assessment_json(after),
            }
        )
        return
    out = console()
    verb = "将写入 would append to" if dry_run else "已记录 recorded in"
    out.print(f"{verb} {path}", highlight=False, soft_wrap=True)
    if dry_run:
        out.print(text.strip("\n"), markup=False, highlight=False)
    if after is None:
        out.print(f"（{per.year}年计划中没有此指标的目标 no {per.year} target for {ind.id}）")
        return
    assert before is not None
    line_before = judgement_line(ind, str(per), before, lang)
    line_after = judgement_line(ind, str(per), after, lang)
    out.print(f"此前 before: {line_before}", markup=False, soft_wrap=True)
    out.print(f"现在 after:  {line_after}", markup=False, soft_wrap=True)


@app.command()
def history(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id, Chinese name or a unique part.")],
    jurisdiction: JurisdictionOpt = "jinan",
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period.")] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Every recorded vintage of every period of an indicator, newest first, with who recorded
    it, when and from which source; marks the figure in force and retracted records."""
    from ..assess import select_outcome
    from ..lookup import IndicatorLookupError, find_indicator
    from ..period import PeriodError, parse_period
    from ..recording import RecordError
    from ..scorecard import number
    from ..text import fmt_value

    check_lang(lang)
    ws = load(ctx)
    if jurisdiction not in ws.jurisdictions:
        fail(f"未知辖区 unknown jurisdiction {jurisdiction!r}")
    try:
        ind = find_indicator(ws.indicators.values(), indicator)
    except IndicatorLookupError as exc:
        _fail_lookup(RecordError(str(exc), exc.candidates))
        return
    wanted: Period | None = None
    if period is not None:
        try:
            wanted = parse_period(period)
        except PeriodError as exc:
            fail(f"--period: {exc}")
    records = ws.log_for(jurisdiction, ind.id)
    in_force = {id(o) for o in ws.outcomes_for(jurisdiction, ind.id)}
    withdrawn = {(o.period, o.retracts) for o in records if o.retracts is not None}
    effective = ws.outcomes_for(jurisdiction, ind.id)
    current: dict[str, Outcome] = {}
    for p in {o.period for o in effective}:
        chosen = select_outcome(effective, period_filter=parse_period(p), exact=True)
        if chosen is not None:
            current[p] = chosen  # the figure the judging core would use for that period
    rows = [o for o in records if wanted is None or o.period == str(wanted)]
    rows.sort(key=lambda o: (parse_period(o.period).sort_key, o.recorded_at), reverse=True)

    def state(o: Outcome) -> str:
        if o.retracts is not None:
            return "retraction"
        if (o.period, o.recorded_at) in withdrawn:
            return "retracted"
        if current.get(o.period) is o:
            return "current"
        return "superseded" if id(o) in in_force else "retracted"

    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/history/1",
                "jurisdiction": jurisdiction,
                "indicator": ind.id,
                "unit": ind.unit,
                "records": [
                    {
                        **o.model_dump(mode="json", exclude_none=True),
                        "value": number(o.value),
                        "state": state(o),
                    }
                    for o in rows
                ],
            }
        )
        return
    from rich.table import Table

    def head(zh: str, en: str) -> str:
        return en if lang == "en" else zh

    place = ws.jurisdictions[jurisdiction]
    title = f"{ind.name_en} · {place.name_en}" if lang == "en" else f"{ind.name} · {place.name}"
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(head("时期", "period"), no_wrap=True)
    table.add_column(head("数值", "value"), no_wrap=True)
    table.add_column(head("版本", "vintage"), overflow="fold")
    table.add_column(head("状态", "state"), overflow="fold")
    table.add_column(head("录入", "recorded"), overflow="fold", max_width=16)
    table.add_column(
        head("来源·发布·录入人·备注", "source · as of · by · note"),
        overflow="fold",
        min_width=8,
    )
    for o in rows:
        if o.retracts is not None:
            shown = head("撤回", "retracts") + f" {o.retracts.strftime('%H:%M:%S')}"
        elif o.verdict is not None:
            shown = o.verdict.value
        else:
            shown = fmt_value(o.value, ind.unit)
        published = (head("发布", "as of ") + o.as_of.isoformat()) if o.as_of else ""
        details = " · ".join(x for x in (o.source, published, o.by, o.note) if x)
        table.add_row(
            o.period,
            shown,
            o.vintage.value,
            state(o),
            o.recorded_at.strftime("%Y-%m-%d %H:%M"),
            details,
        )
    if not rows:
        console().print("没有记录 no records", highlight=False)
        return
    console().print(table)


@app.command()
def undo(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id, Chinese name or a unique part.")],
    jurisdiction: JurisdictionOpt = "jinan",
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="Only a record of this period.")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Why the record is withdrawn.")] = "",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show it; write nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Withdraw the most recently recorded figure of an indicator by appending a retraction;
    the original stays in the log and in `jt history`."""
    from ..lookup import IndicatorLookupError, find_indicator
    from ..model import Outcome
    from ..period import PeriodError, parse_period
    from ..recording import RecordError, check_text

    ws = load(ctx)
    if not dry_run:
        _writable(ws)
    if jurisdiction not in ws.jurisdictions:
        fail(f"未知辖区 unknown jurisdiction {jurisdiction!r}")
    try:
        ind = find_indicator(ws.indicators.values(), indicator)
        check_text("note", note)
        wanted = str(parse_period(period)) if period else None
    except IndicatorLookupError as exc:
        _fail_lookup(RecordError(str(exc), exc.candidates))
        return
    except (RecordError, PeriodError) as exc:
        fail(str(exc))
    candidates = [
        o for o in ws.outcomes_for(jurisdiction, ind.id) if wanted is None or o.period == wanted
    ]
    if not candidates:
        fail(f"没有可撤回的记录 nothing to retract for {ind.id}" + (f" {wanted}" if wanted else ""))
    last = max(candidates, key=lambda o: o.recorded_at)
    retraction = Outcome(
        indicator=ind.id,
        period=last.period,
        retracts=last.recorded_at,
        vintage=last.vintage,
        note=note,
        by=_who(None),
        recorded_at=datetime.now().astimezone(),
    )
    path: Path = ws.outcomes_path(jurisdiction, parse_period(last.period).year)
    text = _append(path, retraction, dry_run)
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/undo/1",
                "written": not dry_run,
                "file": str(path),
                "retracted": last.model_dump(mode="json", exclude_none=True),
                "text": text,
            }
        )
        return
    verb = "将撤回 would retract" if dry_run else "已撤回 retracted"
    value = last.verdict.value if last.verdict else f"{last.value}{ind.unit}"
    console().print(
        f"{verb} {ind.name} {last.period} {value} "
        f"(recorded {last.recorded_at.isoformat(timespec='seconds')}) in {path}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
