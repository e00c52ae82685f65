"""`jt extract`: draft a plan (or outcome rows) from a document's text, for review."""

import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

if TYPE_CHECKING:
    from ..extract.targets import PlanDraft
    from ..model import Indicator
    from ..store import Workspace

from ..excerpt import excerpt
from .common import (
    JsonOpt,
    app,
    emit_json,
    fail,
    load,
    show,
    terminal_width,
)
from .export import write_output
from .newplace import document_place, write_place
from .record import require_writable

_TITLE = re.compile(
    r"[^\n。，]{0,30}?20\d\d\s*年[^\n。，]{0,20}?(?:国民经济和社会发展(?:计划|规划)|政府工作报告)"
)


def _title(text: str, fallback: str) -> str:
    m = _TITLE.search(text)
    if not m:
        return fallback
    title = re.sub(r"\s+", "", m.group(0)).strip("#*《》 ")
    return re.sub(r"^.*?关于印发", "", title) or fallback


def _read(path: Path) -> str:
    from ..extract.sourcefile import SourceError, read_source

    try:
        return read_source(path)
    except SourceError as exc:
        fail(str(exc))


def _write(ws: "Workspace", output: Path, text: str, force: bool) -> None:
    parent = output.resolve().parent
    if not parent.exists() and parent.parent == ws.root.resolve() and not ws.bundled:
        try:
            parent.mkdir()  # plans/<new jurisdiction>/
        except OSError as exc:
            fail(f"无法创建 cannot create {excerpt(str(parent))}: {exc.strerror or exc}", 1)
    if output.exists() and not force:
        fail(f"{excerpt(str(output))} 已存在 exists; use --force to replace it")
    write_output(output, text.encode("utf-8"))


def _add_indicators(ws: "Workspace", proposals: "list[Indicator]") -> int:
    """Append proposed indicators missing from the catalog; how many were added."""
    from ..extract.drafts import catalog_text
    from ..journal import locked
    from ..workspace import INDICATORS_FILE

    require_writable(ws)
    new = [p for p in proposals if p.id not in ws.indicators]
    if not new:
        return 0
    path = ws.root / INDICATORS_FILE
    try:
        with locked([path]), path.open("a", encoding="utf-8") as fh:
            fh.write(catalog_text(new))
    except OSError as exc:
        fail(f"无法写入 cannot write {excerpt(str(path))}: {exc.strerror or exc}", 1)
    for p in new:
        ws.indicators[p.id] = p
    return len(new)


def _copy_source(ws: "Workspace", path: Path) -> Path:
    from ..provenance import SOURCES_DIR

    require_writable(ws)
    dest_dir = ws.root / SOURCES_DIR
    dest = dest_dir / path.name
    try:
        dest_dir.mkdir(exist_ok=True)
        if dest.exists() and dest.read_bytes() != path.read_bytes():
            fail(f"{excerpt(str(dest))} 已存在且内容不同 exists with other content; not replaced")
        shutil.copyfile(path, dest)
    except OSError as exc:
        fail(f"无法复制 cannot copy to {excerpt(str(dest))}: {exc.strerror or exc}", 1)
    return dest


def _plan_output(
    ws: "Workspace", draft: "PlanDraft", path: Path, text: str, jurisdiction: str, year: int
) -> str:
    from ..extract.drafts import plan_text

    units = {i.id: i.unit for i in ws.indicators.values()}
    units.update({p.id: p.unit for p in draft.proposals})
    scopes = {}
    place = ws.jurisdictions.get(jurisdiction)
    while place is not None and place.parent:  # 全省: the province above the jurisdiction
        place = ws.jurisdictions.get(place.parent)
        if place is not None and place.level == "province":
            scopes["省"] = place.id
            break
    return plan_text(
        draft.targets,
        jurisdiction=jurisdiction,
        year=year,
        title=_title(text, path.stem),
        source=path.name,
        units=units,
        scopes=scopes,
    )


@app.command()
def extract(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE…", help="Plan documents or bulletins: .txt, .md or .docx."),
    ],
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction",
            "-j",
            metavar="ID",
            help="Jurisdiction id (default: the place the document's title names, else the one "
            "whose name the text uses most).",
        ),
    ] = None,
    add_jurisdiction: Annotated[
        bool,
        typer.Option(
            "--add-jurisdiction",
            help="Add the place the text names (贵州省第十四届人民代表大会…) to jurisdictions.toml "
            "when the catalog lacks it: id from -j or its pinyin, level from 省/市/区/县/自治区.",
        ),
    ] = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="The plan's year (default: read from the text). Given, goals for later years "
            "(到2030年, 十五五时期年均) are left out.",
        ),
    ] = None,
    outcomes: Annotated[
        bool,
        typer.Option(
            "--outcomes",
            help="Draft outcome records (figures reported as done) instead of targets: "
            "CSV that `jt import` reads.",
        ),
    ] = False,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar="PERIOD",
            help="With --outcomes: the period of figures the text gives none (2026-Q1, 上半年: "
            "without a year, the text's). A release's title gives it (2026年上半年…经济运行情况); "
            "a --period that contradicts the title is refused.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write the draft here (a directory when several files are given); default: "
            "standard output.",
        ),
    ] = None,
    add_indicators: Annotated[
        bool,
        typer.Option(
            "--add-indicators",
            help="Append the proposed indicators to the workspace's catalog, so the draft "
            "passes `jt check` (review their ids and names there).",
        ),
    ] = False,
    copy_source: Annotated[
        bool,
        typer.Option(
            "--copy-source",
            help="Copy each document into the workspace's sources/, so `jt check` verifies "
            "every quote against it.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Draft a plan from a plan document or work report (one target per numeric promise, with
    comparator, value, unit, the catalog indicator it matches or a proposed one, its section and
    verbatim quote), or with --outcomes draft outcome records from a bulletin or a review
    section. Nothing is invented: what the draft is unsure of is marked '# 待核 review:'."""
    from ..period import PeriodError, parse_period

    if year is not None and not 1949 <= year <= 2100:
        fail(f"--year: 计划年份须在1949—2100之间 a plan year runs 1949–2100, not {year}")
    ws = load(ctx)
    if period is not None:
        if not outcomes:
            fail("--period 只用于 --outcomes: --period is for --outcomes")
        try:
            parse_period(period, 2000)  # a year-less 上半年 takes the year from the text
        except PeriodError as exc:
            fail(f"--period: {exc}")
    several = len(files) > 1
    if several and output is not None and not output.is_dir():
        fail(
            "多个文件时 -o 须为目录 with several files, -o must be a directory: "
            + excerpt(str(output))
        )
    texts = [(path, _read(path)) for path in files]
    results: list[dict[str, Any]] = []
    proposals: dict[str, Indicator] = {}
    drafts = []
    for n, (path, text) in enumerate(texts, start=1):
        place, new_place = document_place(ws, text, jurisdiction, add_jurisdiction)
        if outcomes:
            draft = _outcome_draft(ws, path, text, place, period)
        else:
            draft = _plan_draft(ws, path, text, place, year)
        proposals.update((p.id, p) for p in draft.proposals)
        results.append(draft.json)
        line = draft.summary
        if several:
            sys.stderr.write(f"[{n}/{len(texts)}] {line}\n")
        else:
            sys.stderr.write(line + "\n")
        target = None
        if output is not None and not as_json:
            target = output / f"{path.stem}{draft.suffix}" if several else output
        drafts.append((path, draft, target, new_place))
    # Every refusal comes before the first write: nothing is copied or written in vain.
    for _path, _draft, target, _place in drafts:
        if target is not None and target.exists() and not force:
            fail(f"{excerpt(str(target))} 已存在 exists; use --force to replace it")
    if copy_source or add_indicators:
        require_writable(ws)
    added_places: set[str] = set()
    for path, draft, target, new_place in drafts:
        if new_place is not None and new_place.id not in added_places:
            added_places.add(new_place.id)
            sys.stderr.write(write_place(ws, new_place) + "\n")
        if copy_source:
            dest = _copy_source(ws, path)
            sys.stderr.write(f"已复制 copied {path.name} → {dest}\n")
        if as_json:
            continue
        if target is None:
            show(draft.rendered)
        else:
            _write(ws, target, draft.rendered, force)
            sys.stderr.write(f"已写入 wrote {target}\n")
            if draft.listing:
                show(draft.listing)  # the CSV went to the file: the figures for review here
    if add_indicators:
        added = _add_indicators(ws, list(proposals.values()))
        sys.stderr.write(
            f"已加入 added {added} 个指标 indicators to {ws.root / 'indicators.toml'}\n"
        )
    if as_json:
        emit_json({"schema": "jinan-targets/extract/1", "drafts": results})


def _indicator_json(p: "Indicator") -> dict[str, Any]:
    from ..model import dump

    return dump(p, as_json=True, decimals=True)


class _Draft(NamedTuple):
    rendered: str  # the plan file or the CSV
    summary: str  # one line for stderr
    json: dict[str, Any]
    proposals: "tuple[Indicator, ...]"
    suffix: str
    listing: str = ""  # for the terminal, when the draft goes to a file


def _summary(path: Path, n: int, drafts: Sequence[Any], proposals: int, what: str) -> str:
    review = sum(1 for d in drafts if d.review)
    return (
        f"{path.name}: {n} {what}, {review} 项待核 to review, {proposals} 个新指标 new indicators"
    )


def _outcome_draft(
    ws: "Workspace", path: Path, text: str, place: str, period: str | None
) -> _Draft:
    from ..extract.drafts import outcome_csv, outcome_json
    from ..extract.reported import draft_outcomes
    from ..period import PeriodError
    from ..render.drafted import outcomes_text
    from ..render.grid import colour_wanted

    try:
        draft = draft_outcomes(
            text,
            period=period,
            indicators=list(ws.indicators.values()),
            categories=list(ws.categories.values()),
            places={j.name: j.id for j in ws.jurisdictions.values()},
            home=ws.jurisdictions[place].name,
        )
    except PeriodError as exc:
        fail(f"{path.name}: --period: {exc}")
    if draft.undated:
        sys.stderr.write(
            f"{path.name}: {draft.undated} 条数据未注明时期，未收录 figures name no "
            "period and were left out: give --period (2025, 2026-Q1, 2021-2025)\n"
        )
    if draft.elsewhere:
        sys.stderr.write(
            f"{path.name}: 未收录其他地方的数据 left out figures about places not in the "
            f"catalog: {'、'.join(draft.elsewhere)}\n"
        )
    title = draft.title
    if period is not None and title is not None and str(title.period) != draft.period:
        fail(
            f"{path.name}: --period {period} 与标题 contradicts the title “{title.words}” "
            f"({title.period}): leave --period out, or give the title's"
        )
    found = draft.outcomes
    return _Draft(
        listing=outcomes_text(found, terminal_width(), colour_wanted(sys.stdout)),
        rendered=outcome_csv(found, source=path.name, jurisdiction=place),
        summary=_summary(path, len(found), found, len(draft.proposals), "条实际 figures"),
        json={
            "file": str(path),
            "jurisdiction": place,
            "period": draft.period,
            "title_period": None
            if title is None
            else {
                "period": str(title.period),
                "words": title.words,
                "offset": title.at,
            },
            "left_out_places": list(draft.elsewhere),
            "left_out_undated": draft.undated,
            "outcomes": [outcome_json(o) for o in found],
            "proposed_indicators": [_indicator_json(p) for p in draft.proposals],
        },
        proposals=draft.proposals,
        suffix=".csv",
    )


def _tell_skipped(path: Path, draft: "PlanDraft") -> None:
    """One line on stderr per paragraph with figures that gave no target, and one more when
    a document with figures gave none at all."""
    for k in draft.skipped:
        sys.stderr.write(
            f"{path.name}: 略过 skipped paragraph at {k.offset} 「{_printable(k.words)}…」"
            f" ({k.figures} 个数字 figures): {k.why}\n"
        )
    if not draft.targets and draft.figures:
        sys.stderr.write(
            f"{path.name}: 未起草任何目标 no targets drafted from {draft.figures} figures: "
            f"{len(draft.skipped)} 段略过 paragraphs skipped as above; check --year "
            f"({draft.year}) or the document's sections\n"
        )


def _printable(text: str) -> str:
    """Text from a document with its control characters escaped (never sent to a terminal)."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _skipped_json(k: Any) -> dict[str, Any]:
    return {
        "offset": k.offset,
        "words": k.words,
        "reason": k.reason,
        "why": k.why,
        "figures": k.figures,
    }


def _plan_draft(ws: "Workspace", path: Path, text: str, place: str, year: int | None) -> _Draft:
    from ..extract.drafts import target_json
    from ..extract.targets import draft_plan

    draft = draft_plan(
        text,
        year=year,
        indicators=list(ws.indicators.values()),
        categories=list(ws.categories.values()),
        keep_later=year is None,
    )
    if draft.year is None:
        fail(f"{path.name}: 无法判断计划年份 cannot tell the plan's year: give --year")
    found = draft.targets
    _tell_skipped(path, draft)
    return _Draft(
        rendered=_plan_output(ws, draft, path, text, place, draft.year),
        summary=_summary(path, len(found), found, len(draft.proposals), "项目标 targets"),
        json={
            "file": str(path),
            "jurisdiction": place,
            "year": draft.year,
            "targets": [target_json(t) for t in found],
            "later": len(draft.later),
            "figures": draft.figures,
            "skipped": [_skipped_json(k) for k in draft.skipped],
            "proposed_indicators": [_indicator_json(p) for p in draft.proposals],
        },
        proposals=draft.proposals,
        suffix=".toml",
    )
