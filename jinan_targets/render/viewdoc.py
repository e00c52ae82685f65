"""The comparison of jurisdictions and the roll-up of statuses as reports (Markdown, HTML):
formatting only, from the values :mod:`views` computes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from ..model import Jurisdiction, Status
from ..scorecard import STATUS_ORDER
from ..text import STATUS_SYMBOLS, fmt_pct, fmt_value, status_label, target_text
from ..views import CompareRow, SummaryRow
from .html import COLOURS, CSS
from .markdown import inert

__all__ = ["compare_html", "compare_markdown", "summary_html", "summary_markdown"]


def _page(title: str, body: str, lang: str, generated: date) -> str:
    zh = lang != "en"
    foot = f"{'生成于' if zh else 'generated'} {generated.isoformat()} · jinan-targets"
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}<footer>{foot}</footer></body></html>\n"
    )


def _compare_title(year: int, places: Sequence[Jurisdiction], zh: bool) -> str:
    if zh:
        return f"{year}年计划目标比较：" + "、".join(p.name for p in places)
    return f"{year} plan targets compared: " + ", ".join(p.name_en for p in places)


def _cell_text(row: CompareRow, i: int, lang: str) -> tuple[str, str, Status | None]:
    """(target with ↑/↓, figure, status) of one place, or dashes where it has no target."""
    c = row.cells[i]
    if c is None:
        return "—", "", None
    target = target_text(c.target, row.indicator, lang)
    if c.versus_first:
        target += " ↑" if c.versus_first > 0 else " ↓"
    actual = ""
    if c.actual is not None and c.actual.value is not None:
        actual = fmt_value(c.actual.value, row.indicator.unit, lang=lang)
    return target, actual, c.status


def compare_markdown(
    rows: Sequence[CompareRow], year: int, places: Sequence[Jurisdiction], lang: str,
    generated: date,
) -> str:  # fmt: skip
    zh = lang != "en"
    out = [f"# {inert(_compare_title(year, places, zh))}", ""]
    names = [p.name if zh else p.name_en for p in places]
    out.append("| " + " | ".join(["指标" if zh else "Indicator", *map(inert, names)]) + " |")
    out.append("|---" * (len(places) + 1) + "|")
    for row in rows:
        cells = [inert(row.indicator.name if zh else row.indicator.name_en)]
        for i in range(len(places)):
            target, actual, status = _cell_text(row, i, lang)
            shown = " / ".join(x for x in (target, actual) if x)
            if status is not None:
                shown += f" / {STATUS_SYMBOLS[status]} {status_label(status, lang)}"
            cells.append(inert(shown))
        out.append("| " + " | ".join(cells) + " |")
    out += ["", "↑/↓：目标高于/低于第一个辖区" if zh else "↑/↓: target above/below the first", ""]
    out.append(f"*{'生成于' if zh else 'Generated'} {generated.isoformat()}*")
    return "\n".join(out) + "\n"


def compare_html(
    rows: Sequence[CompareRow], year: int, places: Sequence[Jurisdiction], lang: str,
    generated: date,
) -> str:  # fmt: skip
    zh = lang != "en"
    names = [p.name if zh else p.name_en for p in places]
    head = "".join(f"<th>{escape(n)}</th>" for n in ["指标" if zh else "Indicator", *names])
    body_rows = []
    for row in rows:
        cells = [f"<td>{escape(row.indicator.name if zh else row.indicator.name_en)}</td>"]
        for i in range(len(places)):
            target, actual, status = _cell_text(row, i, lang)
            mark = ""
            if status is not None:
                mark = (
                    f'<span class="status" style="--c:{COLOURS[status]}">'
                    f"{escape(STATUS_SYMBOLS[status])} {escape(status_label(status, lang))}</span>"
                )
            sub = f'<span class="sub">{escape(actual)}</span>' if actual else ""
            cells.append(f"<td>{escape(target)}{sub}{mark}</td>")
        body_rows.append(f'<tr data-indicator="{escape(row.indicator.id)}">{"".join(cells)}</tr>')
    note = "↑/↓：目标高于/低于第一个辖区" if zh else "↑/↓: target above/below the first"
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>"
        f'<p class="muted">{escape(note)}</p>'
    )
    return _page(_compare_title(year, places, zh), table, lang, generated)


def _summary_title(zh: bool) -> str:
    return "计划目标完成情况汇总" if zh else "Plan targets by status"


def summary_markdown(rows: Sequence[SummaryRow], lang: str, generated: date) -> str:
    zh = lang != "en"
    out = [f"# {_summary_title(zh)}", ""]
    heads = ["辖区", "年度", "指标"] if zh else ["Jurisdiction", "Year", "Targets"]
    heads += [f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}" for s in STATUS_ORDER]
    heads.append("完成占比" if zh else "Met share")
    out.append("| " + " | ".join(heads) + " |")
    out.append("|---|---|" + "---:|" * (len(heads) - 2))
    for r in rows:
        place = r.jurisdiction.name if zh else r.jurisdiction.name_en
        counts = [str(r.counts[s.value]) for s in STATUS_ORDER]
        share = fmt_pct(r.met_share) if r.met_share is not None else "—"
        out.append(
            "| "
            + " | ".join([inert(place), str(r.year), str(r.counts["total"]), *counts, share])
            + " |"
        )
    out += ["", f"*{'生成于' if zh else 'Generated'} {generated.isoformat()}*"]
    return "\n".join(out) + "\n"


def summary_html(rows: Sequence[SummaryRow], lang: str, generated: date) -> str:
    zh = lang != "en"
    heads = ["辖区", "年度", "指标"] if zh else ["Jurisdiction", "Year", "Targets"]
    heads += [f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}" for s in STATUS_ORDER]
    heads.append("完成占比" if zh else "Met share")
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body_rows = []
    for r in rows:
        place = r.jurisdiction.name if zh else r.jurisdiction.name_en
        counts = "".join(
            f'<td class="num" style="color:{COLOURS[s]}">{r.counts[s.value] or ""}</td>'
            for s in STATUS_ORDER
        )
        share = fmt_pct(r.met_share) if r.met_share is not None else "—"
        body_rows.append(
            f'<tr data-jurisdiction="{escape(r.jurisdiction.id)}" data-year="{r.year}">'
            f'<td>{escape(place)}</td><td>{r.year}</td><td class="num">{r.counts["total"]}</td>'
            f'{counts}<td class="num">{escape(share)}</td></tr>'
        )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>"
    return _page(_summary_title(zh), table, lang, generated)
