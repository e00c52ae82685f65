"""Inline SVG trend charts for reports: each year's target (a tick, or a band for 左右 and ranges)
and the actual figures as a line, readable in print (grey and black strokes, a dark blue line).
Formatting only: the trend comes judged from :mod:`views`."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from ..model import Comparator, Kind
from ..period import parse_period
from ..text import fmt_value, to_date_text
from ..views import Trend

__all__ = ["has_history", "trend_svg"]

W, H, PAD, BOTTOM = 320, 110, 28, 18


def has_history(t: Trend) -> bool:
    """Worth a chart: two or more years with a target or a figure, one of them a figure."""
    valued = [
        p
        for p in t.points
        if (p.actual is not None and p.actual.value is not None)
        or (p.target is not None and p.target.value is not None)
    ]
    return len(valued) >= 2 and any(p.actual is not None for p in valued)


def trend_svg(t: Trend, lang: str = "zh") -> str:
    ind = t.indicator
    points = [p for p in t.points if p.period.kind != "span"]  # a five-year total has no place
    values: list[Decimal] = []
    for p in points:
        if p.actual is not None and p.actual.value is not None:
            values.append(p.actual.value)
        elif p.to_date is not None and p.to_date.value is not None:
            values.append(p.to_date.value)
        if p.target is not None and p.target.value is not None:
            values += [p.target.value, p.target.high or p.target.value]
    if not points or not values:
        return ""
    lo, hi = min(values), max(values)
    if ind.kind is not Kind.RATE:
        lo = min(lo, Decimal(0))
    pad = (hi - lo) * Decimal("0.15") or abs(hi) * Decimal("0.1") or Decimal(1)
    lo, hi = lo - (pad if ind.kind is Kind.RATE else 0), hi + pad
    step = (W - 2 * PAD) / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return PAD + i * step if len(points) > 1 else W / 2

    def y(v: Decimal) -> float:
        return float(H - BOTTOM - (v - lo) / (hi - lo) * (H - BOTTOM - 10))

    parts = [f'<line x1="{PAD / 2}" x2="{W - PAD / 2}" y1="{H - BOTTOM}" y2="{H - BOTTOM}" '
             'stroke="#8c959f" stroke-width="1"/>']  # fmt: skip
    line = []
    for i, p in enumerate(points):
        cx = x(i)
        parts.append(
            f'<text x="{cx:.1f}" y="{H - 4}" font-size="10" text-anchor="middle" '
            f'fill="#57606a">{p.period.year}</text>'
        )
        target = p.target
        if target is not None and target.value is not None:
            low, high = target.value, target.high or target.value
            if target.comparator is Comparator.ABOUT:
                band = target.band or (Decimal("0.5") if ind.kind is Kind.RATE else low / 10)
                low, high = low - band, low + band
            if high != low:
                parts.append(
                    f'<rect class="band" x="{cx - 12:.1f}" y="{y(high):.1f}" width="24" '
                    f'height="{max(y(low) - y(high), 1):.1f}" fill="#d0d7de"/>'
                )
            ty = y(target.value)
            parts.append(
                f'<line class="target" x1="{cx - 12:.1f}" x2="{cx + 12:.1f}" y1="{ty:.1f}" '
                f'y2="{ty:.1f}" stroke="#1f2328" stroke-width="2.5"/>'
            )
        if p.actual is not None and p.actual.value is not None:
            ay = y(p.actual.value)
            line.append(f"{cx:.1f},{ay:.1f}")
            label = escape(fmt_value(p.actual.value, ind.unit, lang=lang))
            parts.append(
                f'<circle class="actual" cx="{cx:.1f}" cy="{ay:.1f}" r="3.5" fill="#0550ae"/>'
                f'<text x="{cx + 6:.1f}" y="{ay - 5:.1f}" font-size="10" fill="#0550ae">'
                f"{label}</text>"
            )
        elif p.to_date is not None and p.to_date.value is not None:  # the year so far
            ay = y(p.to_date.value)
            so_far = to_date_text(parse_period(p.to_date.period), lang)
            label = escape(f"{fmt_value(p.to_date.value, ind.unit, lang=lang)} {so_far}")
            parts.append(
                f'<circle class="to-date" cx="{cx:.1f}" cy="{ay:.1f}" r="3.5" fill="#ffffff" '
                f'stroke="#0550ae" stroke-width="1.5"/>'
                f'<text x="{cx + 6:.1f}" y="{ay - 5:.1f}" font-size="10" fill="#0550ae">'
                f"{label}</text>"
            )
    if len(line) > 1:
        parts.insert(
            1,
            f'<polyline class="actual" points="{" ".join(line)}" fill="none" '
            'stroke="#0550ae" stroke-width="2"/>',
        )
    name = ind.name_en if lang == "en" else ind.name
    return (
        f'<svg class="trend" role="img" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(name)}</title>{"".join(parts)}</svg>'
    )
