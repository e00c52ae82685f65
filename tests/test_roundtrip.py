"""Schema round-trips: model → tomli-w → tomllib (Decimal floats) → model is the identity."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from jinan_targets.model import (
    Comparator,
    Outcome,
    OutcomeLog,
    Plan,
    PlanMeta,
    Target,
    Verdict,
    Vintage,
    dump,
)
from jinan_targets.validation import parse

ids = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
texts = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=80)
decimals = st.decimals(
    min_value=Decimal("-1e12"),
    max_value=Decimal("1e12"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)
periods = st.sampled_from(["2026", "2026-Q1", "2026-H1", "2026-07", "2021-2025", "2026-Q4"])


@st.composite
def targets(draw: st.DrawFn) -> Target:
    comparator = draw(st.sampled_from(list(Comparator)))
    fields: dict[str, Any] = {
        "indicator": draw(ids),
        "comparator": comparator,
        "quote": draw(texts.filter(bool)),
    }
    if comparator in (Comparator.AT_LEAST, Comparator.REACH, Comparator.ABOUT, Comparator.AT_MOST):
        fields["value"] = draw(decimals)
    if comparator is Comparator.ABOUT and draw(st.booleans()):
        fields["band"] = draw(
            st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100), places=3)
        )
    if comparator is Comparator.RANGE:
        low = draw(decimals)
        fields["value"], fields["high"] = (
            low,
            low + draw(st.decimals(min_value=0, max_value=100, places=2)),
        )
    if comparator in (Comparator.IN_STEP, Comparator.ABOVE):
        fields["reference"] = draw(ids)
    for key in ("section", "note", "source"):
        if draw(st.booleans()):
            fields[key] = draw(texts)
    return Target(**fields)


@st.composite
def outcomes(draw: st.DrawFn) -> Outcome:
    fields: dict[str, Any] = {
        "indicator": draw(ids),
        "period": draw(periods),
        "vintage": draw(st.sampled_from(list(Vintage))),
        "source": draw(texts),
        "quote": draw(texts),
        "note": draw(texts),
        "recorded_at": draw(
            st.datetimes(
                min_value=datetime(2000, 1, 1),
                max_value=datetime(2100, 1, 1),
                timezones=st.just(UTC),
            )
        ).replace(microsecond=0),
    }
    if draw(st.booleans()):
        fields["value"] = draw(decimals)
    else:
        fields["verdict"] = draw(st.sampled_from(list(Verdict)))
    if draw(st.booleans()):
        fields["as_of"] = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
    return Outcome(**fields)


def roundtrip(data: dict[str, Any]) -> dict[str, Any]:
    return tomllib.loads(tomli_w.dumps(data), parse_float=Decimal)


@given(st.lists(targets(), max_size=5))
def test_plan_round_trip(items: list[Target]) -> None:
    """A plan with hostile text (quotes, newlines, ]], emoji) survives TOML both ways."""
    plan = Plan(
        plan=PlanMeta(jurisdiction="jinan", year=2026, title="计划", source="x.txt"),
        target=tuple(items),
    )
    assert parse(Plan, roundtrip(dump(plan, exclude_none=True))) == plan


@given(st.lists(outcomes(), max_size=5))
def test_outcome_log_round_trip(items: list[Outcome]) -> None:
    """Outcome logs round-trip exactly, Decimal values and timestamps included."""
    log = OutcomeLog(outcome=tuple(items))
    dumped = dump(log, exclude_none=True)
    assert parse(OutcomeLog, roundtrip(dumped)) == log
