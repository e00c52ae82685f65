"""A self-contained HTML report: inline CSS and SVG, no scripts, no network, prints well.

Every string that comes from the data is escaped; numbers are formatted here.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from ..model import Comparator, Kind, Status
from ..report import Cells, Report, as_of_text
from ..scorecard import Row
from ..text import STATUS_SYMBOLS, bar_label, status_label
from ..views import Trend

COLOURS: dict[Status, str] = {
    Status.MET: "#1a7f37",
    Status.BASICALLY_MET: "#b7791f",
    Status.MISSED: "#c62828",
    Status.ON_TRACK: "#2e7d32",
    Status.AT_RISK: "#ef6c00",
    Status.OFF_TRACK: "#c62828",
    Status.NO_DATA: "#9e9e9e",
    Status.PENDING: "#5c6bc0",
}

CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px; color: var(--ink);
  font: 14px/1.5 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", system-ui, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
.subtitle, .muted { color: var(--muted); }
.sentence { font-size: 15px; margin: 12px 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 8px; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--c); border-radius: 6px;
  padding: 8px 14px; min-width: 110px; background: #fff; }
.card .n { font-size: 24px; font-weight: 700; color: var(--c); }
.card .l { color: var(--muted); font-size: 13px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.c-name { width: 24%; } col.c-target { width: 15%; } col.c-actual { width: 12%; }
col.c-progress { width: 19%; } col.c-chart { width: 200px; } col.c-status { width: 10%; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: var(--soft); font-weight: 600; font-size: 13px; }
td.num { text-align: right; white-space: nowrap; }
td.chart { width: 190px; }
.status { font-weight: 600; color: var(--c); }
td { overflow-wrap: anywhere; }
.sub { display: block; color: var(--muted); font-size: 12px; }
sup a { color: var(--muted); text-decoration: none; }
ol.sources { font-size: 12.5px; color: var(--muted); padding-left: 22px; }
footer { margin-top: 24px; font-size: 12px; color: var(--muted); }
.figures { display: flex; flex-wrap: wrap; gap: 12px 20px; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-size: 13px; font-weight: 600; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; }
  tr { break-inside: avoid; } .card { break-inside: avoid; } }
"""

W, H = 180, 22


def _x(value: Decimal, lo: Decimal, hi: Decimal) -> float:
    span = hi - lo
    return float((value - lo) / span * W) if span else 0.0


def _rect(x: float, y: float, w: float, h: float, fill: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<rect{klass} x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>'


def _line(x: float, y1: float, y2: float, stroke: str, width: float, extra: str = "") -> str:
    return (
        f'<line {extra} x1="{x:.1f}" x2="{x:.1f}" y1="{y1}" y2="{y2}" '
        f'stroke="{stroke}" stroke-width="{width}"/>'
    )


def bullet_svg(row: Row, lang: str = "zh") -> str:
    """Actual against target as a bullet chart; a dashed marker shows 时序进度 for flows."""
    a, t, ind = row.assessment, row.target, row.indicator
    if a.actual is None or a.actual.value is None or t.value is None:
        return ""
    actual, target = a.actual.value, t.value
    high = t.high if t.comparator is Comparator.RANGE and t.high is not None else target
    if ind.kind is Kind.RATE:
        lo = min(Decimal(0), actual, target)
        hi = max(Decimal(0), actual, high)
        pad = (hi - lo) * Decimal("0.12") or Decimal(1)
        lo, hi = lo - (pad if lo < 0 else 0), hi + pad
    elif (start := _stock_start(row)) is not None:
        # a stock is drawn from last year-end: the bar is the increase, the scale the increase
        # planned, so the bar and the 时序进度 marker tell what the status says
        lo = min(start, actual)
        hi = lo + ((max(actual, high) - lo) * Decimal("1.12") or Decimal(1))
    else:
        lo, hi = Decimal(0), max(actual, high, Decimal("1e-9")) * Decimal("1.12")
    origin = lo if ind.kind is Kind.STOCK and _stock_start(row) is not None else Decimal(0)
    zero, xa, xt = _x(origin, lo, hi), _x(actual, lo, hi), _x(target, lo, hi)
    parts = [_rect(0, 4, W, H - 8, "#eef1f4")]
    band = None
    if t.comparator is Comparator.ABOUT and a.band is not None:
        band = (_x(target - a.band, lo, hi), _x(target + a.band, lo, hi))
    elif t.comparator is Comparator.RANGE:
        band = (xt, _x(high, lo, hi))
    if band:
        parts.append(_rect(band[0], 4, max(band[1] - band[0], 1), H - 8, "#dfe4ea", "band"))
    colour = COLOURS[a.status]
    parts.append(_rect(min(zero, xa), 8, max(abs(xa - zero), 1.5), H - 16, colour, "actual"))
    if a.time_progress is not None and ind.kind is not Kind.RATE:
        xp = _x(origin + (target - origin) * a.time_progress, lo, hi)
        parts.append(_line(xp, 1, H - 1, "#1f6feb", 1.5, 'class="time" stroke-dasharray="3 2"'))
    parts.append(_line(xt, 2, H - 2, "#1f2328", 2.5, 'class="target"'))
    if ind.kind is Kind.RATE and lo < 0:
        parts.append(_line(zero, 3, H - 3, "#8c959f", 1))
    label = escape(bar_label(ind, actual, target, lang))
    return (
        f'<svg class="bullet" role="img" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>{"".join(parts)}</svg>'
    )


def _stock_start(row: Row) -> Decimal | None:
    """Where a stock's year starts: last year-end's level, when it was used to judge it."""
    a = row.assessment
    if row.indicator.kind is not Kind.STOCK or a.progress is None:
        return None
    return a.baseline.value if a.baseline is not None else None


def _row_html(row: Row, c: Cells) -> str:
    status = row.assessment.status
    sup = f'<sup><a href="#src-{c.footnote}">[{c.footnote}]</a></sup>' if c.footnote else ""
    period = " ".join(x for x in (c.period, c.vintage) if x)
    progress = escape(c.progress) + "".join(
        f'<span class="sub">{escape(x)}</span>' for x in (c.basis, c.pace) if x
    )
    note = f'<span class="sub">{escape(c.note)}</span>' if c.note else ""
    return (
        f'<tr data-indicator="{escape(row.indicator.id)}" data-status="{status.value}">'
        f"<td>{escape(c.name)}{note}</td>"
        f"<td>{escape(c.target)}</td>"
        f'<td class="num">{escape(c.actual)}{sup}<span class="sub">{escape(period)}</span></td>'
        f"<td>{progress}</td>"
        f'<td class="chart">{bullet_svg(row, c.lang)}</td>'
        f'<td class="status" style="--c:{COLOURS[status]}">'
        f"{escape(c.symbol)} {escape(c.status)}</td>"
        "</tr>"
    )


def _hits(t: Trend, zh: bool) -> str:
    from ..text import fmt_pct

    judged = len(t.judged)
    met = t.met
    share = fmt_pct(t.hit_rate)
    return f"{judged}年中完成{met}年（{share}）" if zh else f"{met} of {judged} years met ({share})"


def render_html(report: Report) -> str:
    zh = report.lang != "en"
    lang = "zh-CN" if zh else "en"
    heads = (
        ("指标", "目标", "实际", "完成率/差距", "图示", "状态")
        if zh
        else ("Indicator", "Target", "Actual", "Completion / gap", "Chart", "Status")
    )
    summary = report.card.summary
    cards = "".join(
        f'<div class="card" style="--c:{COLOURS[s]}" data-status="{s.value}">'
        f'<div class="n">{summary[s.value]}</div>'
        f'<div class="l">{escape(STATUS_SYMBOLS[s])} '
        f"{escape(status_label(s, report.lang))}</div></div>"
        for s in COLOURS
        if summary[s.value]
    )
    body = [
        f"<h1>{escape(report.title)}</h1>",
        f'<div class="subtitle">{escape(report.subtitle)} · {escape(as_of_text(report))}</div>',
        f'<p class="sentence">{escape(report.schedule)} {escape(report.sentence)}</p>',
        f'<div class="cards">{cards}</div>',
    ]
    if report.card.known_by:
        body.append(f'<p class="muted">as recorded on {report.card.known_by.isoformat()}</p>')
    head_row = "".join(f"<th>{escape(h)}</th>" for h in heads)
    cols = "".join(
        f'<col class="c-{name}">'
        for name in ("name", "target", "actual", "progress", "chart", "status")
    )
    for section in report.sections:
        rows = "".join(_row_html(row, cells) for row, cells in section.rows)
        body.append(
            f'<section data-category="{escape(section.category.id)}">'
            f"<h2>{escape(section.title)}</h2>"
            f"<table><colgroup>{cols}</colgroup><thead><tr>{head_row}</tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    if report.trends:
        from .charts import trend_svg

        figures = "".join(
            f'<figure data-indicator="{escape(t.indicator.id)}">'
            f"<figcaption>{escape(t.indicator.name_en if not zh else t.indicator.name)}"
            + (
                f' <span class="sub">{escape(_hits(t, zh))}</span>'
                if t.hit_rate is not None
                else ""
            )
            + f"</figcaption>{trend_svg(t, report.lang)}</figure>"
            for t in report.trends
        )
        title = "历年走势 Trends" if zh else "Trends across years"
        legend = (
            "蓝线：实际；黑线：目标；灰带：左右或区间"
            if zh
            else "blue: actual; black: target; grey: band"
        )
        body.append(
            f'<section class="trends"><h2>{title}</h2><p class="muted">{legend}</p>'
            f'<div class="figures">{figures}</div></section>'
        )
    if report.footnotes:
        items = "".join(
            f'<li id="src-{f.number}">'
            f"{escape(f.indicator)} {escape(f.period)} {escape(f.vintage)} · "
            f"{escape(f.source or ('未注明' if zh else 'not given'))}"
            + (
                escape(f"（发布 {f.published}）" if zh else f" (published {f.published})")
                if f.published
                else ""
            )
            + (f" “{escape(f.quote)}”" if f.quote else "")
            + (f" ({escape(f.note)})" if f.note else "")
            + "</li>"
            for f in report.footnotes
        )
        body.append(
            f'<h2>{"数据来源 Sources" if zh else "Sources"}</h2><ol class="sources">{items}</ol>'
        )
    generated = report.generated.isoformat()
    body.append(
        f"<footer>{'目标来源' if zh else 'Targets from'}: {escape(report.plan_source)}"
        f" · {'生成于' if zh else 'generated'} {generated} · jinan-targets</footer>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(report.title)}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
