"""The digest of a record: the direct road for flat records writes exactly what the general
canonical form and json.dumps write, so digests already in logs still match."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.digests import _canonical_text, _flat_text, outcome_digest
from jinan_targets.model import Verdict, Vintage
from jinan_targets.tomlfile import parse_toml


def general_digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical_text(fields).encode("utf-8")).hexdigest()[:16]


def outcome_of(f: Any, fields: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "ok", f(fields)
    except (ArithmeticError, TypeError, ValueError) as exc:
        return "raises", type(exc)


# Text with what hostile or careless input holds: control characters, separators, bidi marks,
# quotes and backslashes (JSON escapes them), CJK and emoji.
_SPECIAL = "\x00\x01\x08\t\n\r\x0b\x0c\x1b\x1f\x7f\x80\x85\x9f\u2028\u2029\u200e\u202e\u2066"
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(_SPECIAL + '"\\/ 万亿元统计月报第期达到以上—％'),
        st.characters(codec="utf-8"),
    ),
    max_size=30,
)
spelled = st.from_regex(r"\A[+-]?(\d{1,20}(\.\d{0,12})?|\.\d{1,12})([eE][+-]?\d{1,3})?\Z")
decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
    spelled.map(Decimal),
    st.sampled_from(
        ["16", "16.0", "1.6E+1", "-0", "0.000", "1E+30", "123456789012345678901234567890.5"]
    ).map(Decimal),
)
zones = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)
datetimes = st.builds(lambda d, tz: d.replace(tzinfo=tz), st.datetimes(), zones)
scalars = st.one_of(
    texts,
    decimals,
    st.integers(min_value=-(10**40), max_value=10**40),
    st.dates(),
    datetimes,
    st.none(),
    st.booleans(),
)
keys = st.one_of(
    st.sampled_from(["indicator", "period", "value", "note", "digest", "as_of", "a b", "a", "ab"]),
    texts,
)
flat_records = st.dictionaries(keys, scalars, max_size=14)
nested = st.recursive(
    scalars | st.sampled_from(list(Vintage) + list(Verdict)),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(keys, inner, max_size=4)
    ),
    max_leaves=10,
)
any_records = st.dictionaries(keys, nested, max_size=10)


@settings(max_examples=150)
@given(flat_records)
def test_flat_records_take_the_direct_road_to_the_same_digest(fields: dict[str, Any]) -> None:
    assert _flat_text(fields) is not None
    assert outcome_of(_flat_text, fields) == outcome_of(_canonical_text, fields)
    assert outcome_of(outcome_digest, fields) == outcome_of(general_digest, fields)


@settings(max_examples=120)
@given(any_records)
def test_any_record_hashes_as_the_general_canonical_form(fields: dict[str, Any]) -> None:
    """Enums, tables, arrays and tuples go the general way; whatever the road, one digest."""
    assert outcome_of(outcome_digest, fields) == outcome_of(general_digest, fields)


@pytest.mark.parametrize(
    "value",
    [
        Vintage.FINAL,  # an enum is text by value, but not of type str: the general road
        [Decimal("1.0"), "a"],
        {"note": "x"},
        (1, 2),
        1.5,
    ],
)
def test_anything_but_a_plain_scalar_takes_the_general_road(value: Any) -> None:
    fields = {"indicator": "x", "value": value}
    assert _flat_text(fields) is None
    assert outcome_digest(fields) == general_digest(fields)


def test_a_key_that_is_not_text_takes_the_general_road() -> None:
    fields: dict[Any, Any] = {1: "x", "1": "y"}
    assert _flat_text(fields) is None
    assert outcome_digest(fields) == general_digest(fields)


# Records as `jt record` writes them, with the digests their logs hold (the canonical form is a
# contract: a changed byte would make every existing record a digest mismatch).
WRITTEN = [
    (
        """indicator = "ind000"
period = "2026-01"
value = 3.0
vintage = "preliminary"
source = "统计月报 第1期"
quote = "ind000 3.0"
as_of = 2026-01-15
recorded_at = 2026-01-01 00:00:01+00:00
digest = "0a16b897929a7da8"
""",
        "0a16b897929a7da8",
    ),
    (
        """indicator = "ind001"
period = "2026-01"
value = 22.4
vintage = "preliminary"
source = "统计月报 第1期"
quote = "ind001 22.4"
as_of = 2026-01-15
recorded_at = 2026-01-01 00:00:02+00:00
digest = "544efb6eb819f7a4"
""",
        "544efb6eb819f7a4",
    ),
]


@pytest.mark.parametrize(("text", "digest"), WRITTEN)
def test_digests_written_in_logs_still_match(text: str, digest: str) -> None:
    fields = parse_toml(text)
    assert outcome_digest(fields) == digest == general_digest(fields)


@pytest.mark.parametrize("spelling", ["22.4", "22.40", "2.24e1", "224E-1", "+22.4000"])
def test_every_spelling_of_a_number_keeps_the_written_digest(spelling: str) -> None:
    text, digest = WRITTEN[1]
    fields = parse_toml(text.replace("value = 22.4", f"value = {spelling}"))
    assert outcome_digest(fields) == digest


def test_a_time_zone_is_part_of_the_digest() -> None:
    at = datetime(2026, 1, 1, 8, tzinfo=timezone(timedelta(hours=8)))
    base = {"indicator": "x", "recorded_at": at}
    same_instant = {"indicator": "x", "recorded_at": at.astimezone(UTC)}
    assert outcome_digest(base) != outcome_digest(same_instant)
    assert outcome_digest(base) == general_digest(base)
    assert outcome_digest({"as_of": date(2026, 1, 1)}) == general_digest({"as_of": "2026-01-01"})
