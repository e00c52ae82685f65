"""The ``jt`` command line: parse, call the core, hand the result to a renderer.

Exit codes: 0 ok; 1 a finding (``jt check`` found problems); 2 bad usage or bad input.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__
from .model import Status
from .period import Period, PeriodError, parse_period
from .store import (
    ENV_VAR,
    Workspace,
    WorkspaceError,
    copy_workspace,
    find_plans_dir,
    load_workspace,
)

HELP = f"""济南市国民经济和社会发展计划目标跟踪 · Track Jinan's plan targets against outcomes.

The plans directory is chosen in this order: --plans DIR; the environment variable
{ENV_VAR}; ./plans when it exists; else the read-only dataset bundled with the package
(copy it with `jt init DIR` to edit it).

Exit codes: 0 ok, 1 a finding (check failed), 2 bad usage or input."""

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@dataclass
class State:
    plans: Path | None = None


JurisdictionOpt = Annotated[
    str, typer.Option("--jurisdiction", "-j", help="Jurisdiction id (see `jt jurisdictions`).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Labels: zh (default) or en.")]


def _console(stderr: bool = False) -> Any:
    from .render.terminal import make_console

    return make_console(stderr)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error on stderr and exit; never a traceback."""
    sys.stderr.write(f"错误 error: {message}\n")
    raise typer.Exit(code)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        fail(f"--lang must be zh or en, not {lang!r}")
    return lang


def load(ctx: typer.Context, *, quiet: bool = False) -> Workspace:
    state: State = ctx.ensure_object(State)
    try:
        root, bundled, origin = find_plans_dir(state.plans)
    except WorkspaceError as exc:
        fail(str(exc))
    ws = load_workspace(root, bundled=bundled, origin=origin)
    if ws.problems and not quiet:
        sys.stderr.write(
            f"注意 warning: {len(ws.problems)} problem(s) in {root}; "
            "records with problems are left out (run `jt check`)\n"
        )
    return ws


def _jurisdiction(ws: Workspace, jurisdiction: str) -> str:
    if jurisdiction not in ws.jurisdictions:
        known = ", ".join(ws.jurisdictions) or "none"
        fail(f"未知辖区 unknown jurisdiction {jurisdiction!r} (known: {known})")
    return jurisdiction


def _year(ws: Workspace, jurisdiction: str, year: int | None) -> int:
    years = ws.years(jurisdiction)
    if year is None:
        if not years:
            fail(f"{jurisdiction} 没有计划 has no plans")
        return years[-1]
    if year not in years:
        listed = ", ".join(map(str, years)) or "none"
        fail(f"{jurisdiction} 没有 {year} 年计划 has no {year} plan (plans: {listed})")
    return year


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"jinan-targets {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    plans: Annotated[
        Path | None,
        typer.Option("--plans", help=f"Plans directory (overrides ${ENV_VAR} and ./plans)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = State(plans=plans)


@app.command()
def check(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Validate the whole workspace: one line and exit 0 when all is well, else every
    problem as file:line: field: message and exit 1."""
    ws = load(ctx, quiet=True)
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/check/1",
                "plans": str(ws.root),
                "ok": not ws.problems,
                "problems": [
                    {"file": str(p.path), "line": p.line, "field": p.field, "message": p.message}
                    for p in ws.problems
                ],
            }
        )
        raise typer.Exit(1 if ws.problems else 0)
    if ws.problems:
        for p in ws.problems:
            sys.stdout.write(p.format(ws.root) + "\n")
        sys.stderr.write(f"{len(ws.problems)} problem(s) 个问题\n")
        raise typer.Exit(1)
    targets = sum(len(p.target) for p in ws.plans.values())
    outcomes = sum(len(v) for v in ws.outcomes.values())
    sys.stdout.write(
        f"OK {ws.root} ({ws.origin}): {len(ws.indicators)} indicators, {len(ws.plans)} plans, "
        f"{targets} targets, {outcomes} outcomes\n"
    )


@app.command()
def indicators(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category id.")
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """List the indicator catalog: ids, names, units, kinds and categories."""
    _check_lang(lang)
    ws = load(ctx)
    if category is not None and category not in ws.categories:
        fail(f"未知类别 unknown category {category!r} (known: {', '.join(ws.categories)})")
    items = [i for i in ws.indicators.values() if category is None or i.category == category]
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/indicators/1",
                "categories": [c.model_dump() for c in ws.categories.values()],
                "indicators": [i.model_dump(mode="json") for i in items],
            }
        )
        return
    from .render.terminal import indicators_view

    _console().print(indicators_view(ws, items, lang))


@app.command()
def jurisdictions(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the jurisdictions (city, districts, province benchmark) and their plan years."""
    ws = load(ctx)
    rows = [
        {**j.model_dump(), "plans": ws.years(j.id), "outcomes": len(ws.outcomes_for(j.id))}
        for j in ws.jurisdictions.values()
    ]
    if as_json:
        emit_json({"schema": "jinan-targets/jurisdictions/1", "jurisdictions": rows})
        return
    from rich.table import Table

    table = Table(title="辖区 Jurisdictions", header_style="bold")
    for col in (
        "id",
        "名称 name",
        "English",
        "级别 level",
        "上级 parent",
        "计划 plans",
        "实际 outcomes",
    ):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            r["name_en"],
            r["level"],
            r["parent"] or "",
            ", ".join(map(str, r["plans"])),
            str(r["outcomes"]),
        )
    _console().print(table)


@app.command()
def targets(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(help="Plan year (default: the latest).")] = None,
    jurisdiction: JurisdictionOpt = "jinan",
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category id.")
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """List a plan's targets, grouped by category, each with the sentence it came from."""
    _check_lang(lang)
    ws = load(ctx)
    place = _jurisdiction(ws, jurisdiction)
    year = _year(ws, place, year)
    plan = ws.plan(place, year)
    assert plan is not None
    if category is not None:
        if category not in ws.categories:
            fail(f"未知类别 unknown category {category!r} (known: {', '.join(ws.categories)})")
        plan = plan.model_copy(
            update={
                "target": tuple(
                    t for t in plan.target if ws.indicators[t.indicator].category == category
                )
            }
        )
    if as_json:
        from .scorecard import number
        from .text import target_text

        emit_json(
            {
                "schema": "jinan-targets/targets/1",
                "jurisdiction": {"id": place, "name": ws.jurisdictions[place].name},
                "year": year,
                "plan": plan.plan.model_dump(mode="json"),
                "targets": [
                    {
                        "indicator": t.indicator,
                        "name": ws.indicators[t.indicator].name,
                        "name_en": ws.indicators[t.indicator].name_en,
                        "category": ws.indicators[t.indicator].category,
                        "unit": ws.indicators[t.indicator].unit,
                        "kind": ws.indicators[t.indicator].kind.value,
                        "comparator": t.comparator.value,
                        "target": number(t.value),
                        "target_high": number(t.high),
                        "target_text": target_text(t, ws.indicators[t.indicator], lang),
                        "reference": t.reference,
                        "period": str(t.period_in(year)),
                        "section": t.section,
                        "quote": t.quote,
                        "source": ws.source_of(plan, t),
                        "note": t.note,
                    }
                    for t in plan.target
                ],
            }
        )
        return
    from .render.terminal import targets_view

    _console().print(targets_view(ws, plan, lang))


def _parse_statuses(values: list[str]) -> tuple[Status, ...]:
    out: list[Status] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            try:
                out.append(Status(part))
            except ValueError:
                known = ", ".join(s.value for s in Status)
                fail(f"未知状态 unknown status {part!r} (one of: {known})")
    return tuple(out)


@app.command()
def scorecard(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(help="Plan year (default: the latest).")] = None,
    jurisdiction: JurisdictionOpt = "jinan",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Judge with figures up to this period (2026-Q1, 2026-06); "
            "default: the latest period with data in the year.",
        ),
    ] = None,
    as_recorded: Annotated[
        str | None,
        typer.Option("--as-recorded", help="Use only figures known on this date (YYYY-MM-DD)."),
    ] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Only these category ids.")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only these statuses (met, basically_met, missed, "
            "on_track, at_risk, off_track, no_data, pending).",
        ),
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """The yearly scorecard: every target judged against the newest figures, grouped by category,
    with 完成率, 时序进度 and the pace the rest of the year needs."""
    from .scorecard import ScorecardError, build_scorecard, scorecard_dict

    _check_lang(lang)
    ws = load(ctx)
    place = _jurisdiction(ws, jurisdiction)
    year = _year(ws, place, year)
    period: Period | None = None
    if as_of is not None:
        try:
            period = parse_period(as_of, default_year=year)
        except PeriodError as exc:
            fail(f"--as-of: {exc}")
    known_by: date | None = None
    if as_recorded is not None:
        try:
            known_by = date.fromisoformat(as_recorded)
        except ValueError:
            fail(f"--as-recorded: not a date (YYYY-MM-DD): {as_recorded!r}")
    try:
        card = build_scorecard(
            ws,
            place,
            year,
            as_of=period,
            known_by=known_by,
            categories=tuple(category or ()),
            statuses=_parse_statuses(status or []),
        )
    except ScorecardError as exc:
        fail(str(exc))
    if as_json:
        emit_json(scorecard_dict(card, lang))
        return
    from .render.terminal import scorecard_view

    _console().print(scorecard_view(card, lang))


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="New workspace directory (must be empty).")],
) -> None:
    """Copy the bundled Jinan dataset into DIRECTORY, a workspace you can edit and record into."""
    try:
        dest = copy_workspace(directory)
    except WorkspaceError as exc:
        fail(str(exc))
    sys.stdout.write(
        f"已创建 created {dest}\nUse it with: jt --plans {dest} check   (or cd into its parent)\n"
    )


def main() -> None:
    app(prog_name="jt")
