"""Markdown report: reads well on GitHub and pasted into a document."""

from __future__ import annotations

import re

from ..report import Report, as_of_text
from ..text import fmt_value

# Markdown punctuation that could start a link, an image, an autolink, emphasis, code or a
# table cell; ":" and "www." are escaped so no renderer turns a URL in the data into a link.
_SPECIAL = re.compile(r"([\\`*_\[\]()!#|~]|:(?=/))")
_WWW = re.compile(r"(?i)(www)\.")


def inert(text: str) -> str:
    """Inert text: line breaks folded, Markdown punctuation escaped, HTML neutralised."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _WWW.sub(r"\1\\.", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(report: Report) -> str:
    zh = report.lang != "en"
    out = [f"# {inert(report.title)}", ""]
    out.append(f"*{inert(report.subtitle)}* · {inert(as_of_text(report))}")
    if report.card.known_by:
        out[-1] += f" · as recorded on {report.card.known_by.isoformat()}"
    out += ["", inert(report.schedule), "", inert(report.sentence), ""]
    header = (
        "| 指标 | 目标 | 实际 | 时期 | 完成率/差距 | 状态 |"
        if zh
        else "| Indicator | Target | Actual | Period | Completion / gap | Status |"
    )
    for section in report.sections:
        out += [f"## {inert(section.title)}", "", header, "|---|---|---:|---|---|---|"]
        for _row, c in section.rows:
            actual = inert(c.actual) + (f" [^{c.footnote}]" if c.footnote else "")
            progress = inert(
                ("；" if zh else "; ").join(x for x in (c.progress, c.basis, c.pace) if x)
            )
            period = inert(f"{c.period} {c.vintage}".strip())
            out.append(
                f"| {inert(c.name)} | {inert(c.target)} | {actual} | {period} | "
                f"{progress} | {c.symbol} {inert(c.status)} |"
            )
        out.append("")
    if report.trends:
        out += _trends(report)
    if report.footnotes:
        out += ["## 数据来源 Sources" if zh else "## Sources", ""]
        for f in report.footnotes:
            quote = (
                f"：“{inert(f.quote)}”"
                if f.quote and zh
                else (f': "{inert(f.quote)}"' if f.quote else "")
            )
            note = (
                f"（{inert(f.note)}）"
                if f.note and zh
                else (f" ({inert(f.note)})" if f.note else "")
            )
            source = inert(f.source) or ("未注明" if zh else "not given")
            if f.published:
                source += f"（发布 {f.published}）" if zh else f" (published {f.published})"
            what = inert(f"{f.indicator} {f.period} {f.vintage}")
            out.append(f"[^{f.number}]: {what} · {source}{quote}{note}")
        out.append("")
    out.append(("目标来源" if zh else "Targets from") + f": {inert(report.plan_source)}")
    generated = report.generated.isoformat()
    out.append("")
    out.append(f"*生成于 {generated} · jinan-targets*" if zh else f"*Generated {generated}*")
    return "\n".join(out) + "\n"


def _trends(report: Report) -> list[str]:
    """A small table per indicator with a history: each year's target, figure and verdict."""
    from ..text import gap_text, status_label, target_text

    zh = report.lang != "en"
    out = ["## 历年走势 Trends" if zh else "## Trends across years", ""]
    for t in report.trends:
        ind = t.indicator
        out += [f"### {inert(ind.name if zh else ind.name_en)}", ""]
        out.append(
            "| 年份 | 目标 | 实际 | 差距 | 状态 |"
            if zh
            else "| Year | Target | Actual | Gap | Status |"
        )
        out.append("|---|---|---:|---:|---|")
        for p in t.points:
            target = target_text(p.target, ind, report.lang) if p.target else ""
            actual = (
                fmt_value(p.actual.value, ind.unit, lang=report.lang)
                if p.actual and p.actual.value
                else ""
            )
            gap = gap_text(ind, p.margin, report.lang) if p.margin is not None else ""
            status = status_label(p.status, report.lang) if p.status else ""
            out.append(
                f"| {inert(p.period.label(report.lang))} | {inert(target)} | {inert(actual)} | "
                f"{inert(gap)} | {inert(status)} |"
            )
        out.append("")
    return out
