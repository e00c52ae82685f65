"""Writing commands: record a figure and retract the latest record; the helpers `jt import`
and `jt history` share with them."""

import getpass
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # the core is imported where used, so `jt --help` starts fast
    from ..assess import Assessment
    from ..model import Indicator, Outcome
    from ..period import Period
    from ..recording import RecordError
    from ..store import Workspace

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


def require_writable(ws: "Workspace") -> None:
    if ws.bundled:
        fail(
            f"内置数据只读 the bundled dataset at {ws.root} is read-only; "
            "make a workspace with `jt init DIR` and use `jt --plans DIR …`"
        )


def login_name(by: str | None) -> str:
    if by is not None:
        return by
    try:
        return getpass.getuser()
    except Exception:
        return ""


def judge(
    ws: "Workspace",
    jurisdiction: str,
    indicator: "Indicator",
    period: "Period",
    extra: list["Outcome"],
) -> "Assessment | None":
    plan = ws.plan(jurisdiction, period.year)
    if plan is None:
        return None
    target = next((t for t in plan.target if t.indicator == indicator.id), None)
    if target is None:
        return None
    from ..assess import assess

    ref_place = target.reference_jurisdiction or jurisdiction
    year = period.year
    reference = (
        ws.indicator_outcomes(ref_place, target.reference, years=[year]) if target.reference else []
    )
    from ..scorecard import years_needed

    needed = years_needed(indicator, year)
    outcomes = ws.indicator_outcomes(jurisdiction, indicator.id, years=needed)
    outcomes += extra
    as_of = period if period.kind != "span" else None
    return assess(
        target, indicator, outcomes, year=period.year, as_of=as_of, reference_outcomes=reference
    )


def hint_year_to_date(ind: "Indicator", per: "Period") -> None:
    """A single quarter or month typed for an indicator reported year to date is recorded as
    typed; one line says how to write the year to date, in case that was meant."""
    from ..model import Kind

    whole = per.year_to_date()
    if whole is None or ind.kind not in (Kind.RATE, Kind.FLOW):
        return
    sys.stderr.write(
        f"提示 hint: {per.label()}不是年初累计；"
        f"{ind.name}按年初累计报告时写 -p {whole.label().removeprefix(str(per.year) + '年')} "
        f"或 -p {whole} (1—{whole.end_month}月)\n"
        f"   recorded as typed: {per.label('en')} alone; for the year to date write "
        f"-p {whole}\n"
    )


def fail_lookup(exc: "RecordError") -> None:
    if exc.candidates:
        listed = "\n".join(f"  {c.id:<34} {c.name}" for c in exc.candidates)
        sys.stderr.write(f"错误 error: {exc}; 候选 did you mean:\n{listed}\n")
        raise typer.Exit(2)
    fail(str(exc))


def assessment_json(a: "Assessment | None") -> dict[str, Any] | None:
    if a is None:
        return None
    from ..jsonout import number, ratio

    return {
        "status": a.status.value,
        "period": a.actual.period if a.actual else None,
        "actual": number(a.actual.value) if a.actual else None,
        "completion": ratio(a.completion),
        "gap": number(a.gap),
        "time_progress": ratio(a.time_progress),
        "schedule_gap": ratio(a.schedule_gap),
        "required_pace": ratio(a.required_pace),
    }


VintageOpt = Annotated[
    str,
    typer.Option(
        "--vintage",
        metavar="初步核算|预计|修订|最终核实",
        help="How final the figure is: 预计 (estimate), 初步核算 (preliminary, the default), "
        "修订 (revised), 最终核实 (final). English names work too.",
    ),
]


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
            metavar="PERIOD",
            help="2026, 2026-Q1 (一季度), 2026-H1 (上半年), 2026-05 (1—5月), 前三季度, 1—9月, "
            "2021-2025 (default: the latest plan year). Figures are year to date.",
        ),
    ] = None,
    jurisdiction: JurisdictionOpt = "jinan",
    vintage: VintageOpt = "初步核算",
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            metavar="完成|基本完成|未完成",
            help="For a qualitative target: 完成 (met), 基本完成 (basically met), 未完成 (missed).",
        ),
    ] = None,
    source: Annotated[
        str, typer.Option("--source", metavar="TEXT", help="Where the figure was published.")
    ] = "",
    quote: Annotated[
        str, typer.Option("--quote", metavar="TEXT", help="The sentence that states the figure.")
    ] = "",
    published: Annotated[
        str | None,
        typer.Option(
            "--published", metavar="YYYY-MM-DD", help="The date the figure was published."
        ),
    ] = None,
    old_as_of: Annotated[
        str | None, typer.Option("--as-of", hidden=True, help="Renamed --published.")
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Free note.")] = "",
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="Who records it (default: the login name)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Accept a value that looks implausible, a period that has not begun, or a "
            "publication date in the future or before the period ends.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be appended; write nothing.")
    ] = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Append a reported figure (or a verdict) to the outcome log and show the target's
    judgement before and after it. Revisions are new records; nothing is edited in place.
    The same figure recorded twice is refused."""
    from ..appending import check_log_path, record_outcome
    from ..recording import RecordError, RecordRequest, prepare_outcome
    from ..text import judgement_line

    check_lang(lang)
    if old_as_of is not None:
        fail(
            "record --as-of 已改名 is now --published (the date the figure was published); "
            "--as-of on scorecard and export names a period"
        )
    ws = load(ctx)
    if not dry_run:
        require_writable(ws)
    request = RecordRequest(
        jurisdiction=jurisdiction,
        indicator=indicator,
        value=value,
        verdict=verdict,
        period=period,
        vintage=vintage,
        source=source,
        quote=quote,
        published=published,
        note=note,
        by=login_name(by),
        force=force,
    )
    try:
        ind, per, outcome = prepare_outcome(ws, request, now=datetime.now().astimezone())
        path = ws.outcomes_path(jurisdiction, per.year)
        check_log_path(ws, path)
    except RecordError as exc:
        fail_lookup(exc)
        return
    hint_year_to_date(ind, per)
    before = judge(ws, jurisdiction, ind, per, [])
    after = judge(ws, jurisdiction, ind, per, [outcome])
    from ..journal import record_text

    text = record_text(outcome)
    # Everything shown is prepared before the write, so a failure to show it cannot cost a
    # record, and a record written is never reported as failed.
    if as_json:
        from ..jsonout import dumps, span

        shown = dumps(
            {
                "schema": "jinan-targets/record/1",
                "written": not dry_run,
                "file": str(path),
                "record": {
                    **dump(outcome, as_json=True, exclude_none=True, decimals=True),
                    **span(outcome.period),
                },
                "text": text,
                "before": assessment_json(before),
                "after": assessment_json(after),
            },
        )
    else:
        en = lang == "en"
        if en:
            verb = "would append to" if dry_run else "recorded in"
        else:
            verb = "将写入" if dry_run else "已记录于"
        lines = [f"{verb} {path}"]
        if dry_run:
            lines.append(text.strip("\n"))
        if after is None:
            lines.append(
                f"(no {per.year} target for {ind.name_en})"
                if en
                else f"（{per.year}年计划中没有此指标的目标）"
            )
        else:
            assert before is not None
            was, now = ("before: ", "after:  ") if en else ("此前：", "现在：")
            lines.append(was + judgement_line(ind, str(per), before, lang))
            lines.append(now + judgement_line(ind, str(per), after, lang))
        shown = "\n".join(lines)
    if not dry_run:
        try:
            record_outcome(ws, jurisdiction, outcome)
        except RecordError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"无法写入 cannot write {path}: {exc.strerror or exc}", 1)
    written_note = "" if dry_run else f"已记录 the record was written to {path}"
    show(shown + "\n", written_note)


@app.command()
def undo(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id, Chinese name or a unique part.")],
    jurisdiction: JurisdictionOpt = "jinan",
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", metavar="PERIOD", help="Only a record of this period."),
    ] = None,
    note: Annotated[
        str, typer.Option("--note", metavar="TEXT", help="Why the record is withdrawn.")
    ] = "",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show it; write nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Withdraw the most recently recorded figure of an indicator by appending a retraction;
    the original stays in the log and in `jt history`."""
    from ..appending import retract_latest
    from ..lookup import IndicatorLookupError, find_indicator
    from ..model import Status
    from ..period import PeriodError, parse_period
    from ..recording import RecordError, check_text

    ws = load(ctx)
    if not dry_run:
        require_writable(ws)
    if jurisdiction not in ws.jurisdictions:
        fail(f"未知辖区 unknown jurisdiction {excerpt(jurisdiction)}")
    try:
        ind = find_indicator(ws.indicators.values(), indicator)
        check_text("note", note)
        if period is not None and not period.strip():
            raise RecordError("--period: 时期为空 empty period (leave the option out for any)")
        wanted = (
            parse_period(period, default_year=latest_year(ws, jurisdiction)) if period else None
        )
    except IndicatorLookupError as exc:
        fail_lookup(RecordError(str(exc), exc.candidates))
        return
    except (RecordError, PeriodError) as exc:
        fail(str(exc))
    try:
        done = retract_latest(
            ws,
            jurisdiction,
            ind,
            wanted,
            note=note,
            by=login_name(None),
            now=datetime.now().astimezone(),
            dry_run=dry_run,
        )
    except RecordError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write: {exc.strerror or exc}", 1)
    last = done.withdrawn
    if as_json:
        from ..jsonout import dumps

        shown = dumps(
            {
                "schema": "jinan-targets/undo/1",
                "written": not dry_run,
                "file": str(done.path),
                "retracted": dump(last, as_json=True, exclude_none=True, decimals=True),
                "text": done.text,
            },
        )
    else:
        from ..text import fmt_value, period_text, status_label

        verb = "将撤回 would retract" if dry_run else "已撤回 retracted"
        value = (
            status_label(Status(last.verdict.value))
            if last.verdict
            else fmt_value(last.value, ind.unit)
        )
        shown = (
            f"{verb} {ind.name} {period_text(last.period)} {value} "
            f"(录入于 recorded {last.recorded_at.isoformat(timespec='seconds')}) in {done.path}"
        )
    written = "" if dry_run else f"已撤回 the retraction was written to {done.path}"
    show(shown + "\n", written)


def latest_year(ws: "Workspace", jurisdiction: str) -> int | None:
    years = ws.years(jurisdiction)
    return years[-1] if years else None
