"""Views across years and places: `jt trend`, `jt compare`, `jt summary`."""

import sys
from typing import Annotated

import typer

from ..excerpt import excerpt
from .common import (
    JsonOpt,
    JurisdictionOpt,
    JurisdictionsOpt,
    LangOpt,
    YearArg,
    app,
    check_lang,
    emit_json,
    fail,
    find_indicators,
    load,
    resolve_jurisdiction,
    resolve_year,
    show,
    split_list,
    terminal_width,
)


@app.command()
def trend(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id, Chinese name or a unique part.")],
    jurisdiction: JurisdictionOpt = "jinan",
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """One indicator across the years: each year's target and whole-year figure, the margin and
    the verdict where both exist, the hit rate and mean margin, and a chart (actual █, target ┃).
    Five-year figures (2021-2025) appear as such."""
    from ..lookup import IndicatorLookupError, find_indicator
    from ..render.grid import colour_wanted
    from ..render.views import trend_text
    from ..views import trend as build
    from ..views import trend_dict

    check_lang(lang)
    ws = load(ctx)
    place = resolve_jurisdiction(ws, jurisdiction)
    try:
        ind = find_indicator(ws.indicators.values(), indicator)
    except IndicatorLookupError as exc:
        fail(str(exc))
    result = build(ws, place, ind)
    if as_json:
        emit_json(trend_dict(result, lang))
        return
    show(trend_text(result, lang, terminal_width(), colour_wanted(sys.stdout)))


@app.command()
def compare(
    ctx: typer.Context,
    year: YearArg = None,
    jurisdiction: JurisdictionsOpt = "jinan,jinan-licheng",
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator", "-i", metavar="ID[,ID…]", help="Only these indicators (default: shared)."
        ),
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Jurisdictions side by side for one year: the indicators their plans share (or those
    asked for), each place's target, figure and status, and ↑/↓ where a place aims above or
    below the first one (the city, say)."""
    from ..render.grid import colour_wanted
    from ..render.views import compare_text
    from ..views import compare as build
    from ..views import compare_dict

    check_lang(lang)
    ws = load(ctx)
    places = [resolve_jurisdiction(ws, j) for j in split_list([jurisdiction])]
    if len(places) < 2:
        fail("compare 需要至少两个辖区 needs two or more jurisdictions: -j jinan,jinan-licheng")
    year = resolve_year(ws, places[0], year)
    for place in places[1:]:
        resolve_year(ws, place, year)
    rows = build(ws, year, places, find_indicators(ws, indicator))
    juris = [ws.jurisdictions[p] for p in places]
    if as_json:
        emit_json(compare_dict(rows, year, juris, lang))
        return
    show(compare_text(rows, year, juris, lang, terminal_width(), colour_wanted(sys.stdout)))


@app.command()
def summary(
    ctx: typer.Context,
    years: Annotated[
        str | None,
        typer.Option("--years", metavar="2024-2026", help="Years, as a range or a comma list."),
    ] = None,
    jurisdiction: JurisdictionsOpt = "",
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """The roll-up reported upward ("N项中M项完成"): per jurisdiction and year, how many targets
    are met, basically met, missed, on track, behind or without data, and the share met of
    those with a result. Default: every jurisdiction and year with a plan."""
    from ..render.grid import colour_wanted
    from ..render.views import summary_text
    from ..views import summary as build
    from ..views import summary_dict

    check_lang(lang)
    ws = load(ctx)
    places = [resolve_jurisdiction(ws, j) for j in split_list([jurisdiction])] or [
        j for j in ws.jurisdictions if ws.years(j)
    ]
    wanted = parse_years(years) if years else sorted({y for p in places for y in ws.years(p)})
    rows = build(ws, places, wanted)
    if as_json:
        emit_json(summary_dict(rows))
        return
    show(summary_text(rows, lang, terminal_width(), colour_wanted(sys.stdout)))


def parse_years(text: str) -> list[int]:
    out: list[int] = []
    for part in split_list([text]):
        first, _, last = part.partition("-")
        try:
            start, end = int(first), int(last or first)
        except ValueError:
            fail(f"--years {excerpt(part)}: 不是年份 not a year or a range (2024-2026)")
        if not 1949 <= start <= end <= 2100:
            fail(f"--years {excerpt(part)}: 年份须在1949—2100之间且由小到大 out of range")
        out += range(start, end + 1)
    return sorted(set(out))
