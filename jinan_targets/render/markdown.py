"""Markdown report: reads well on GitHub and pasted into a document."""

from __future__ import annotations

import re

from ..report import Report

# Markdown punctuation that could start a link, an image, an autolink, emphasis, code or a
# table cell; ":" and "www." are escaped so no renderer turns a URL in the data into a link.
_SPECIAL = re.compile(r"([\\`*_\[\]()!#|~]|:(?=/))")
_WWW = re.compile(r"(?i)(www)\.")


def _cell(text: str) -> str:
    """Inert text: line breaks folded, Markdown punctuation escaped, HTML neutralised."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _WWW.sub(r"\1\\.", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(report: Report) -> str:
    zh = report.lang != "en"
    out = [f"# {_cell(report.title)}", ""]
    out.append(
        f"*{_cell(report.subtitle)}* · "
        + (f"截至{report.as_of}" if zh else f"as of {report.as_of}")
    )
    if report.card.known_by:
        out[-1] += f" · as recorded on {report.card.known_by.isoformat()}"
    out += ["", report.sentence, ""]
    header = (
        "| 指标 | 目标 | 实际 | 时期 | 完成率/差距 | 状态 |"
        if zh
        else "| Indicator | Target | Actual | Period | Completion / gap | Status |"
    )
    for section in report.sections:
        out += [f"## {_cell(section.title)}", "", header, "|---|---|---:|---|---|---|"]
        for _row, c in section.rows:
            actual = _cell(c.actual) + (f" [^{c.footnote}]" if c.footnote else "")
            progress = _cell(
                "；".join(x for x in (c.progress, c.pace) if x)
                if zh
                else "; ".join(x for x in (c.progress, c.pace) if x)
            )
            period = _cell(f"{c.period} {c.vintage}".strip())
            out.append(
                f"| {_cell(c.name)} | {_cell(c.target)} | {actual} | {period} | "
                f"{progress} | {c.symbol} {_cell(c.status)} |"
            )
        out.append("")
    if report.footnotes:
        out += ["## 数据来源 Sources" if zh else "## Sources", ""]
        for f in report.footnotes:
            quote = (
                f"：“{_cell(f.quote)}”"
                if f.quote and zh
                else (f': "{_cell(f.quote)}"' if f.quote else "")
            )
            note = (
                f"（{_cell(f.note)}）"
                if f.note and zh
                else (f" ({_cell(f.note)})" if f.note else "")
            )
            source = _cell(f.source) or ("未注明" if zh else "not given")
            if f.published:
                source += f"（发布 {f.published}）" if zh else f" (published {f.published})"
            what = f"{_cell(f.indicator)} {f.period} {f.vintage}"
            out.append(f"[^{f.number}]: {what} · {source}{quote}{note}")
        out.append("")
    out.append(("目标来源" if zh else "Targets from") + f": {_cell(report.plan_source)}")
    generated = report.generated.isoformat()
    out.append("")
    out.append(f"*生成于 {generated} · jinan-targets*" if zh else f"*Generated {generated}*")
    return "\n".join(out) + "\n"
