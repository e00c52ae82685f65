"""`jt history`: every recorded vintage of an indicator, with the figure in force marked."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the core is imported where used, so `jt --help` starts fast
    from ..model import Outcome
    from ..period import Period

from ..excerpt import excerpt
from ..model import dump
from .common import (
    JsonOpt,
    JurisdictionOpt,
    LangOpt,
    app,
    check_lang,
    emit_json,
    fail,
    load,
    show,
    terminal_width,
)
from .record import fail_lookup, latest_year


@app.command()
def history(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id, Chinese name or a unique part.")],
    jurisdiction: JurisdictionOpt = "jinan",
    period: Annotated[
        str | None, typer.Option("--period", "-p", metavar="PERIOD", help="Only this period.")
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Every recorded vintage of every period of an indicator, newest first, with who recorded
    it, when and from which source; marks the figure in force and retracted records."""
    from ..assess import select_outcome
    from ..dataset import in_force
    from ..jsonout import number, span
    from ..lookup import IndicatorLookupError, find_indicator
    from ..period import PeriodError, parse_period
    from ..recording import RecordError

    check_lang(lang)
    ws = load(ctx)
    if jurisdiction not in ws.jurisdictions:
        fail(f"未知辖区 unknown jurisdiction {excerpt(jurisdiction)}")
    try:
        ind = find_indicator(ws.indicators.values(), indicator)
    except IndicatorLookupError as exc:
        fail_lookup(RecordError(str(exc), exc.candidates))
        return
    wanted: Period | None = None
    if period is not None:
        try:
            wanted = parse_period(period, default_year=latest_year(ws, jurisdiction))
        except PeriodError as exc:
            fail(f"--period: {exc}")
    records = ws.indicator_log(jurisdiction, ind.id)
    effective = in_force(records)
    standing = {id(o) for o in effective}
    current: dict[str, Outcome] = {}
    for p in {o.period for o in effective}:
        chosen = select_outcome(effective, period_filter=parse_period(p), exact=True)
        if chosen is not None:
            current[p] = chosen  # the figure the judging core would use for that period
    rows = [o for o in records if wanted is None or o.period == str(wanted)]
    rows.sort(key=lambda o: (parse_period(o.period).sort_key, o.recorded_at), reverse=True)

    def state(o: "Outcome") -> str:
        if o.retracts is not None:
            return "retraction"
        if current.get(o.period) is o:
            return "current"
        return "superseded" if id(o) in standing else "retracted"

    if as_json:
        emit_json(
            {
                "schema": "jinan-targets/history/1",
                "jurisdiction": jurisdiction,
                "indicator": ind.id,
                "unit": ind.unit,
                "records": [
                    {
                        **dump(o, as_json=True, exclude_none=True, decimals=True),
                        "value": number(o.value),
                        **span(o.period),
                        "state": state(o),
                    }
                    for o in rows
                ],
            }
        )
        return
    if not rows:
        show("没有记录 no records\n")
        return
    from ..render.terminal import history_view

    place = ws.jurisdictions[jurisdiction]
    title = f"{ind.name_en} · {place.name_en}" if lang == "en" else f"{ind.name} · {place.name}"
    titles = {o.source: ws.source_title(o.source) for o in rows if o.source}
    from ..render.grid import colour_wanted

    listed = [(o, state(o)) for o in rows]
    show(history_view(title, listed, ind.unit, titles, lang, terminal_width(),
                      colour_wanted(sys.stdout)))  # fmt: skip
