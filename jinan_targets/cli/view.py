"""Read-only commands: check, targets, scorecard; and init (the catalogs are in :mod:`.catalog`)."""

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # the core is imported where used, so `jt --help` starts fast
    from ..store import Workspace

from ..excerpt import excerpt
from ..model import dump
from .common import (
    ENV_VAR,
    AsOfOpt,
    AsRecordedOpt,
    CategoryOpt,
    JsonOpt,
    JurisdictionsOpt,
    LangOpt,
    OneCategoryOpt,
    StatusOpt,
    YearArg,
    app,
    check_categories,
    check_lang,
    emit_json,
    fail,
    load,
    make_scorecard,
    resolve_jurisdiction,
    resolve_year,
    show,
    split_list,
    terminal_width,
)


@app.command()
def check(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Validate the whole workspace: one line and exit 0 when all is well, else every
    problem as file:line: field: message and exit 1."""
    ws = load(ctx, quiet=True, everything=True)
    from ..checkall import check_all
    from ..provenance import Provenance

    provenance = Provenance(ws)  # quotes against the documents kept in <plans>/sources/
    outcomes = check_all(ws, provenance.figure)
    provenance.plans()
    ws.problems.extend(provenance.problems)
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
            sys.stdout.write(p.format() + "\n")
        count = len(ws.problems)
        sys.stderr.write(f"发现{count}个问题 {count} {'problem' if count == 1 else 'problems'}\n")
        raise typer.Exit(1)
    targets = sum(len(p.target) for p in ws.plans.values())
    sys.stdout.write(
        f"OK 数据无误 {ws.root} ({ws.origin}): {len(ws.indicators)}项指标 indicators, "
        f"{len(ws.plans)}份计划 plans, {targets}项目标 targets, {outcomes}条实际 outcomes\n"
    )


@app.command()
def targets(
    ctx: typer.Context,
    year: YearArg = None,
    jurisdiction: JurisdictionsOpt = "jinan",
    category: OneCategoryOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """List a plan's targets, grouped by category, each with the sentence it came from.
    Several jurisdictions (-j jinan,jinan-licheng) list one plan after another."""
    check_lang(lang)
    ws = load(ctx)
    wanted = check_categories(ws, category)
    places = [resolve_jurisdiction(ws, j) for j in split_list([jurisdiction]) or ["jinan"]]
    docs = [_targets_one(ws, place, year, wanted, as_json, lang) for place in places]
    if as_json:
        if len(docs) == 1:
            emit_json(docs[0])
        else:
            emit_json({"schema": "jinan-targets/target-lists/1", "plans": docs})


def _targets_one(
    ws: "Workspace", place: str, year: int | None, wanted: tuple[str, ...], as_json: bool, lang: str
) -> dict[str, Any]:
    year = resolve_year(ws, place, year)
    plan = ws.plan(place, year)
    assert plan is not None
    if wanted:
        plan = replace(
            plan,
            target=tuple(t for t in plan.target if ws.indicators[t.indicator].category in wanted),
        )
    if as_json:
        from ..jsonout import number, span
        from ..text import target_text

        return {
            "schema": "jinan-targets/targets/1",
            "jurisdiction": {"id": place, "name": ws.jurisdictions[place].name},
            "year": year,
            "plan": dump(plan.plan, as_json=True, decimals=True),
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
                    "target_text": target_text(t, ws.indicators[t.indicator]),
                    "target_text_en": target_text(t, ws.indicators[t.indicator], "en"),
                    "reference": t.reference,
                    "period": str(t.period_in(year)),
                    **span(t.period_in(year)),
                    "section": t.section,
                    "quote": t.quote,
                    "source": ws.source_of(plan, t),
                    "note": t.note,
                }
                for t in plan.target
            ],
        }
    from ..render.grid import colour_wanted
    from ..render.terminal import targets_view

    show(targets_view(ws, plan, lang, terminal_width(), colour_wanted(sys.stdout)))
    return {}


@app.command()
def scorecard(
    ctx: typer.Context,
    year: YearArg = None,
    jurisdiction: JurisdictionsOpt = "jinan",
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
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="gap|completion|status",
            help="Order the targets worst first (instead of by category). gap is unit-free, so "
            "万人 and % rank together: flows and stocks by 完成率 − 时序进度, rates by (actual − "
            "target) ÷ target, both in percent of the target; completion by 完成率; status by "
            "status.",
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="YYYY-MM-DD",
            help="Only the targets whose figure or status moved since this date, before → after.",
        ),
    ] = None,
    periods: Annotated[
        bool,
        typer.Option(
            "--periods", help="One column per reported period (一季度, 上半年, …), left to right."
        ),
    ] = False,
    quarterly: Annotated[
        bool, typer.Option("-Q", help="Period columns at quarter ends only.")
    ] = False,
    monthly: Annotated[bool, typer.Option("-M", help="Period columns for every month.")] = False,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """The yearly scorecard: every target judged against the newest figures, grouped by category,
    with 完成率, 时序进度 and the pace the rest of the year needs. Several jurisdictions
    (-j jinan,jinan-licheng) give one scorecard each."""
    from datetime import date

    from ..yearview import GAP_MEASURE, SORTS, refine
    from ..yearview import changed_since as moved

    check_lang(lang)
    if sort is not None and sort not in SORTS:
        fail(f"--sort: 未知排序 unknown order {excerpt(sort)} (gap, completion or status)")
    since = None
    if changed_since is not None:
        try:
            since = date.fromisoformat(changed_since)
        except ValueError:
            fail(f"--changed-since: not a date (YYYY-MM-DD): {excerpt(changed_since)}")
    if sort == "gap":
        sys.stderr.write(f"排序 sorted by: {GAP_MEASURE}; worst first\n")
    places = split_list([jurisdiction]) or ["jinan"]
    cards = []
    befores: list[dict[str, Any] | None] = []
    for place in places:
        card = make_scorecard(ctx, year, place, as_of, as_recorded, category, status, indicator)
        card = refine(card, hide_empty=hide_empty, sort=sort)
        before = None
        if since is not None:
            before = moved(load(ctx), card, since)
            card = card._replace(rows=tuple(r for r in card.rows if r.indicator.id in before))
        cards.append(card)
        befores.append(before)
    if periods or quarterly or monthly:
        _period_view(ctx, cards, "quarter" if quarterly else "reported", as_json, lang)
        return
    if as_json:
        from ..scorecard_json import scorecard_dict

        docs = [
            scorecard_dict(card, lang, before) for card, before in zip(cards, befores, strict=True)
        ]
        if len(docs) == 1:
            emit_json(docs[0])
        else:
            emit_json({"schema": "jinan-targets/scorecards/1", "scorecards": docs})
        return
    from ..render.card import scorecard_text
    from ..render.grid import colour_wanted

    width, colour = terminal_width(), colour_wanted(sys.stdout)
    show(
        "\n".join(
            scorecard_text(card, lang, width, colour, grouped=sort is None, before=before)
            for card, before in zip(cards, befores, strict=True)
        )
    )


def _period_view(
    ctx: typer.Context, cards: list[Any], every: str, as_json: bool, lang: str
) -> None:
    from ..yearview import period_columns, period_columns_dict

    ws = load(ctx)
    tables = [period_columns(ws, card, every) for card in cards]
    if as_json:
        docs = [period_columns_dict(t, lang) for t in tables]
        emit_json(docs[0] if len(docs) == 1 else {"schema": "jinan-targets/scorecards-periods/1",
                                                  "scorecards": docs})  # fmt: skip
        return
    from ..render.grid import colour_wanted
    from ..render.views import periods_text

    width, colour = terminal_width(), colour_wanted(sys.stdout)
    show("\n".join(periods_text(t, lang, width, colour) for t in tables))


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="New workspace directory (must be empty).")],
) -> None:
    """Copy the bundled Jinan dataset into DIRECTORY, a workspace you can edit and record into."""
    import contextlib
    import shutil

    from ..store import WorkspaceError, copy_workspace

    try:
        existed = directory.is_dir()
    except OSError:  # a name too long: copy_workspace says so below
        existed = True  # nothing of ours to remove
    try:
        dest = copy_workspace(directory)
    except WorkspaceError as exc:
        fail(str(exc))
    except OSError as exc:
        # A full disk halfway through: take back what was copied (the directory was missing
        # or empty), and say why in one line, not the list of every file that failed.
        with contextlib.suppress(OSError):
            if not existed:
                shutil.rmtree(directory, ignore_errors=True)
            elif directory.is_dir():
                for child in list(directory.iterdir()):
                    if child.is_dir() and not child.is_symlink():
                        shutil.rmtree(child, ignore_errors=True)
                    else:
                        child.unlink(missing_ok=True)
        fail(f"无法创建 cannot create {excerpt(str(directory))}: {_why(exc)}; nothing kept", 1)
    sys.stdout.write(
        f"已创建 created {dest} (with .gitattributes and .gitignore for git)\n"
        f"使用 use it with: jt --plans {dest} check\n"
        f"  or: export {ENV_VAR}={dest}\n"
    )


def _why(exc: OSError) -> str:
    """One line for a failed copy: shutil.Error holds a list of (source, target, reason)."""
    args = exc.args[0] if exc.args else None
    if isinstance(args, list) and args:
        first = args[0]
        reason = str(first[-1]) if isinstance(first, tuple) and first else str(first)
        more = f" (and {len(args) - 1} more)" if len(args) > 1 else ""
        return " ".join(reason.split())[:200] + more
    return " ".join(str(exc.strerror or exc).split())[:200]
