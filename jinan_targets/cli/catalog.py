"""The catalogs: `jt indicators` and `jt jurisdictions` list them; `jt jurisdictions add` adds a
place and `jt indicators rename` renames an indicator id everywhere the workspace uses it."""

import sys
from typing import Annotated

import typer

from ..model import dump
from .common import (
    JsonOpt,
    LangOpt,
    OneCategoryOpt,
    app,
    check_categories,
    check_lang,
    emit_json,
    fail,
    load,
    show,
    terminal_width,
)

indicators_app = typer.Typer(rich_markup_mode=None, no_args_is_help=False)
jurisdictions_app = typer.Typer(rich_markup_mode=None, no_args_is_help=False)
app.add_typer(indicators_app, name="indicators")
app.add_typer(jurisdictions_app, name="jurisdictions")


@indicators_app.callback(invoke_without_command=True)
def indicators(
    ctx: typer.Context,
    category: OneCategoryOpt = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", metavar="TEXT", help="Only indicators any of whose names contains TEXT."
        ),
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """List the indicator catalog: ids, names, units, kinds and categories. --search finds an
    indicator by any of its names (id, Chinese, English or an alias such as 全市生产总值).
    `jt indicators rename OLD NEW` renames an id everywhere."""
    if ctx.invoked_subcommand is not None:
        return
    from ..lookup import search_indicators

    check_lang(lang)
    ws = load(ctx)
    wanted = check_categories(ws, category)
    items = [i for i in ws.indicators.values() if not wanted or i.category in wanted]
    if search is not None:
        found = {i.id for i in search_indicators(items, search)}
        items = [i for i in items if i.id in found]
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/indicators/1",
                "categories": [
                    dump(c, as_json=True, decimals=True) for c in ws.categories.values()
                ],
                "indicators": [dump(i, as_json=True, decimals=True) for i in items],
            }
        )
        return
    from ..render.grid import colour_wanted
    from ..render.terminal import indicators_view

    show(indicators_view(ws, items, lang, terminal_width(), colour_wanted(sys.stdout)))


@indicators_app.command("rename")
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The id to rename (new_9d5fb2).")],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help="The new id: a-z, 0-9 and _ (urban_new_jobs).")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say which files would change; write nothing.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Rename indicator id OLD to NEW everywhere the workspace uses it: the catalog
    (indicators.toml), every plan (indicator and reference) and every outcome log. Logs are
    rewritten, not aliased: each record naming OLD names NEW and gets its digest recomputed,
    so `jt check` passes and no old id is left behind. Every file is rewritten under the
    locks as a temp file renamed into place, in an order that keeps the workspace valid at
    each step: if the rename is interrupted, nothing is lost and running it again finishes
    it."""
    from ..catalog_edit import CatalogError
    from ..renaming import rename_indicator
    from .record import require_writable

    ws = load(ctx)
    if not dry_run:
        require_writable(ws)
    try:
        done = rename_indicator(ws, old, new, dry_run=dry_run)
    except CatalogError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(
            f"无法写入 cannot write: {exc.strerror or exc}; the workspace is still whole: "
            f"run `jt indicators rename {old} {new}` again to finish",
            1,
        )
    files = [str(p) for p in done.files]
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/indicator-rename/1",
                "written": not dry_run,
                "old": old,
                "new": new,
                "files": files,
                "targets": done.targets,
                "records": done.records,
            }
        )
        return
    verb = "将改名 would rename" if dry_run else "已改名 renamed"
    lines = [
        f"{verb} {old} → {new}: {done.targets}项目标 targets, {done.records}条记录 records, "
        f"{len(files)}个文件 files"
    ]
    lines += [f"  {f}" for f in files]
    show("\n".join(lines) + "\n", "" if dry_run else f"已改名 {old} was renamed {new}")


@jurisdictions_app.callback(invoke_without_command=True)
def jurisdictions(ctx: typer.Context, as_json: JsonOpt = False, lang: LangOpt = "zh") -> None:
    """List the jurisdictions (city, districts, province benchmark) and their plan years.
    `jt jurisdictions add ID NAME` adds one."""
    if ctx.invoked_subcommand is not None:
        return
    check_lang(lang)
    ws = load(ctx)
    rows = [
        {
            **dump(j, as_json=True, decimals=True),
            "plans": ws.years(j.id),
            "outcomes": ws.figure_count(j.id),
        }
        for j in ws.jurisdictions.values()
    ]
    if as_json:
        emit_json({"schema": "jinan-targets/jurisdictions/1", "jurisdictions": rows})
        return
    from ..render.grid import colour_wanted
    from ..render.terminal import jurisdictions_view

    show(jurisdictions_view(rows, lang, terminal_width(), colour_wanted(sys.stdout)))


@jurisdictions_app.command("add")
def add(
    ctx: typer.Context,
    jid: Annotated[str, typer.Argument(metavar="ID", help="The new id: a-z, 0-9 and - (guizhou).")],
    name: Annotated[str, typer.Argument(metavar="NAME", help="The Chinese name (贵州省).")],
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            metavar="LEVEL",
            help="province (省, 自治区), municipality (直辖市), sub_provincial_city, "
            "prefecture_city, city (市), district (区), county (县), county_level_city or "
            "functional_area (新区, 开发区); default: from the name's ending.",
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option("--parent", metavar="ID", help="The jurisdiction it belongs to (jinan)."),
    ] = None,
    name_en: Annotated[
        str | None,
        typer.Option(
            "--name-en", metavar="TEXT", help="English name (default: pinyin, Guizhou Province)."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a jurisdiction to the workspace's jurisdictions.toml (under its lock, written as a
    temp file renamed into place). A duplicate id, an unknown parent or a bad id is refused
    and nothing is written."""
    from ..catalog_edit import CatalogError, add_jurisdiction, make_jurisdiction
    from ..places import english_name, level_of
    from .record import require_writable

    ws = load(ctx)
    require_writable(ws)
    level = level or level_of(name.strip())
    if level is None:
        fail(
            f"无法从名称判断级别 cannot tell the level from {name!r}: give --level "
            "(province, city, district, county, …)"
        )
    try:
        place = make_jurisdiction(
            ws, jid, name, level, parent, name_en or english_name(name.strip(), level)
        )
        path = add_jurisdiction(ws, place)
    except CatalogError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write jurisdictions.toml: {exc.strerror or exc}", 1)
    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/jurisdiction-add/1",
                "written": True,
                "file": str(path),
                "jurisdiction": dump(place, as_json=True, decimals=True),
            }
        )
        return
    under = f", 上级 parent {place.parent}" if place.parent else ""
    sys.stdout.write(
        f"已加入 added {place.id} {place.name} ({place.name_en}, {place.level}{under}) to {path}\n"
    )
