"""Write drafts out: a plan file to review, outcome rows ``jt import`` reads, catalog entries for
the indicators proposed, and the same as JSON.

A draft is meant to be read: each target carries its quote and section, with what to check in
a ``# 待核 review:`` comment above it and its place in the document (character offset) in a
``# 位置 at`` comment. Values are written as printed (``15万人``, ``1600亿元``) when the unit is
not the indicator's own, so nothing is converted by hand.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import tomli_w

from ..model import Indicator, dump
from ..quantity import format_number
from .reported import DraftOutcome
from .targets import DraftTarget

__all__ = [
    "OUTCOME_COLUMNS",
    "catalog_text",
    "outcome_csv",
    "outcome_json",
    "period_evidence",
    "plan_text",
    "target_json",
]

REVIEW = "# 待核 review: "
OUTCOME_COLUMNS = (
    "jurisdiction",
    "indicator",
    "name",
    "period",
    "value",
    "vintage",
    "source",
    "figure_quote",
    "note",
)


def _value(value: Decimal, unit: str, indicator_unit: str) -> Decimal | int | str:
    """A plain number in the indicator's unit, else the figure as printed (15万人)."""
    if unit == indicator_unit or (unit == "%" and indicator_unit == "%"):
        return int(value) if value == value.to_integral_value() else value
    return f"{format_number(value)}{unit}"


def _toml(table: str, fields: dict[str, Any], keep: tuple[str, ...] = ()) -> str:
    kept = {k: v for k, v in fields.items() if v not in (None, "") or k in keep}
    return f"[[{table}]]\n" + tomli_w.dumps(kept)


def plan_text(
    targets: Sequence[DraftTarget],
    *,
    jurisdiction: str,
    year: int,
    title: str,
    source: str,
    units: dict[str, str],
    scopes: dict[str, str] | None = None,
    schema: str = "../.schemas/plan.schema.json",
) -> str:
    """``units``: each indicator's unit; ``scopes``: the jurisdiction 全省/全国 refer to."""
    parts = [
        f"#:schema {schema}\n",
        f"# 由 jt extract 起草 drafted by jt extract from {source}: review every target, then\n",
        "# run `jt check`. Lines starting with '# 待核 review:' say what to check.\n\n",
        tomli_w.dumps(
            {
                "plan": {
                    "jurisdiction": jurisdiction,
                    "year": year,
                    "title": title,
                    "source": source,
                }
            }
        ),
    ]
    later = [t for t in targets if _is_later(t, year)]
    for t in targets:
        if t in later:
            continue
        lines = [f"# 位置 at offset {t.offset}"]
        lines += [REVIEW + r for r in t.review]
        if not t.indicator:
            lines.append(REVIEW + "未识别指标 no indicator: fill in indicator before `jt check`")
        fields: dict[str, Any] = {
            "indicator": t.indicator or "",
            "comparator": t.comparator.value,
        }
        if t.value is not None:
            unit = units.get(t.indicator, t.unit)
            fields["value"] = _value(t.value, t.unit, unit)
        if t.high is not None:
            fields["high"] = _value(t.high, t.unit, units.get(t.indicator, t.unit))
        scope = (scopes or {}).get(t.reference_scope) if t.reference_scope else None
        if t.reference_scope and scope is None:
            lines.append(REVIEW + f"高于全{t.reference_scope}: set reference_jurisdiction")
        fields.update(
            reference=t.reference,
            reference_jurisdiction=scope,
            period=t.period,
            section=t.section,
            quote=t.quote,
        )
        block = _toml("target", fields)
        if not t.indicator:
            block = block.replace(
                "[[target]]\ncomparator", '[[target]]\nindicator = ""\ncomparator'
            )
        parts.append("\n" + "\n".join(lines) + "\n" + block)
    if later:
        parts.append(
            "\n# ---------------------------------------------------------------- 远期目标\n"
            "# Goals for later years (到2030年, 十五五时期), not this year's targets: kept for\n"
            "# reference. Move one into the plan of its last year to track it.\n"
        )
        for t in later:
            goal: dict[str, Any] = {"indicator": t.indicator, "comparator": t.comparator.value}
            if t.value is not None:
                goal["value"] = _value(t.value, t.unit, units.get(t.indicator, t.unit))
            goal.update(period=t.period, quote=t.quote)
            block = _toml("target", goal)
            parts.append("\n" + "".join(f"# {line}\n" for line in block.splitlines()))
    return "".join(parts)


def _is_later(t: DraftTarget, year: int) -> bool:
    """A goal for a span that ends after the plan's year (2026-2030 in a 2027 plan)."""
    end = (t.period or "")[-4:]
    return end.isdigit() and int(end) > year


def catalog_text(proposals: Sequence[Indicator]) -> str:
    """``[[indicator]]`` entries to append to ``indicators.toml``."""
    parts = []
    for p in proposals:
        fields = dump(p, exclude_none=True)
        fields["kind"] = p.kind.value
        fields["direction"] = p.direction.value
        fields.pop("aliases", None)
        block = _toml("indicator", fields, keep=("unit",))
        parts.append("\n" + REVIEW + "proposed by jt extract\n" + block)
    return "".join(parts)


def outcome_csv(outcomes: Sequence[DraftOutcome], *, source: str, jurisdiction: str) -> str:
    """Long-form rows (indicator, period, value, vintage, source, figure_quote) for `jt import`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTCOME_COLUMNS)
    for o in outcomes:
        note = "; ".join((period_evidence(o), *o.review))
        writer.writerow(
            [
                o.jurisdiction or jurisdiction,
                o.indicator,
                o.name,
                o.period,
                format_number(o.value),
                o.vintage.value,
                source,
                " ".join(o.quote.split()),
                note,
            ]
        )
    return buffer.getvalue()


_FROM = {
    "sentence": "本句 its sentence",
    "paragraph": "本段 its paragraph",
    "title": "标题 the title",
    "option": "--period",
    "review": "回顾之年 the year reviewed",
}


def period_evidence(o: DraftOutcome) -> str:
    """What gave a draft its period, for a reviewer: 时期 2026-Q3 ← 前三季度 @412 (本段 its
    paragraph)."""
    where = _FROM.get(o.period_from, o.period_from)
    at = f" @{o.period_offset}" if o.period_offset is not None else ""
    words = f"{o.period_words}{at} " if o.period_words != "--period" else ""
    return f"时期 period {o.period} ← {words}({where})"


def target_json(t: DraftTarget) -> dict[str, Any]:
    out = dump(t, as_json=True, exclude={"proposal"}, decimals=True)
    out["proposed"] = t.proposal is not None
    return out


def outcome_json(o: DraftOutcome) -> dict[str, Any]:
    out = dump(o, as_json=True, exclude={"proposal"}, decimals=True)
    out["proposed"] = o.proposal is not None
    return out
