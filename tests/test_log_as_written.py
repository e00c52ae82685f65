"""A log as `jt record` writes it is read by one pattern a record, to exactly the values the TOML
parser reads; anything else in it sends the whole log to the parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.journal import LOG_HEADER, record_text
from jinan_targets.logfile import _as_written, read_log
from jinan_targets.model import OUTCOME_FIELDS, Outcome, Verdict, Vintage
from jinan_targets.tomlfile import TomlError, parse_toml


def parsed(text: str) -> Any:
    try:
        return repr(parse_toml(text))
    except TomlError:
        return TomlError


# Text as hostile or careless input holds it: quotes and backslashes (escaped when written),
# control characters, separators and bidi marks, CJK and emoji.
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from('"\\\t\n\r\x00\x1b\x7f\x85\u2028\u202e#=[]万人统计月报😀 '),
        st.characters(codec="utf-8"),
    ),
    max_size=12,
)
zones = st.one_of(
    st.just(UTC),
    st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m))),
)
moments = st.builds(
    lambda d, tz: d.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)),
    zones,
)
values = st.decimals(
    min_value=Decimal("-1e14"), max_value=Decimal("1e14"), places=3, allow_nan=False
)


@st.composite
def outcomes(draw: st.DrawFn) -> Outcome:
    qualitative = draw(st.booleans())
    return Outcome(
        indicator=draw(st.sampled_from(["gdp_growth", "urban_new_jobs", "x1"])),
        period=draw(st.sampled_from(["2026", "2026-Q1", "2026-03", "2026-H1"])),
        value=None if qualitative else draw(values),
        verdict=draw(st.sampled_from(list(Verdict))) if qualitative else None,
        vintage=draw(st.sampled_from(list(Vintage))),
        source=draw(texts),
        quote=draw(texts),
        as_of=draw(st.none() | st.dates()),
        by=draw(texts),
        note=draw(texts),
        recorded_at=draw(moments),
    )


def log_of(records: list[Outcome]) -> str:
    return LOG_HEADER + "".join(record_text(o) for o in records)


@settings(max_examples=100, deadline=None)
@given(st.lists(outcomes(), max_size=6))
def test_a_log_as_written_reads_as_the_parser_reads_it(records: list[Outcome]) -> None:
    text = log_of(records)
    quick = _as_written(text)
    assert quick is not None  # the road every log `jt record` writes takes
    assert repr(quick) == parsed(text)
    assert repr(read_log(Path("x.toml"), text.encode()).data) == parsed(text)


# Lines a hand edit or damage leaves: each either reads as the parser reads it, or sends the
# log to the parser.
ODD_LINES = [
    "value = 1e3",
    "value = +1",
    "value = 01",
    "value = 1_000",
    "value = -0",
    "value = -0.0",
    "value = inf",
    'note = """x"""',
    "note = 'x'",
    'note = "a\\"b"',
    'note = "\\u001b"',
    'note = "\\q"',
    'note = "\\ud800"',
    'note = "tab\there"',
    'note = "x" # comment',
    'note="x"',
    'note  = "x"',
    "[outcome.band]",
    "[[outcome.x]]",
    "[[ outcome ]]",
    "[[outcome]]",
    "[[outcome]]\r",
    'digest = "0123456789abcdef"\r',
    "# comment \x01",
    "# comment\tok",
    "#",
    " ",
    "",
    "recorded_at = 2026-01-01 00:00:01",
    "recorded_at = 2026-01-01T00:00:01+08:00",
    "recorded_at = 2026-01-01 00:00:01Z",
    "recorded_at = 2026-01-01 00:00:01.123+08:00",
    "recorded_at = 2026-01-01 00:00:01.123456+08:00",
    "recorded_at = 2026-02-30 00:00:01+08:00",
    "recorded_at = 2026-01-01 24:00:00+08:00",
    "recorded_at = 2026-01-01 00:00:60+08:00",
    "recorded_at = 2026-01-01 00:00:01+24:00",
    "recorded_at = 2026-01-01 00:00:01-00:00",
    "as_of = 2026-13-01",
    "as_of = 0000-01-01",
    "as_of = 2026-1-01",
    "indicator = 5",
    "unknown = 1",
    'digest = "x"',
    "value = [1, 2]",
    "value = {a = 1}",
]


@settings(max_examples=120, deadline=None)
@given(
    st.lists(outcomes(), min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(0, 200), st.sampled_from(ODD_LINES)), max_size=3),
)
def test_any_edit_reads_as_the_parser_reads_it_or_goes_to_the_parser(
    records: list[Outcome], edits: list[tuple[int, str]]
) -> None:
    lines = log_of(records).split("\n")
    for at, line in edits:
        lines.insert(at % (len(lines) + 1), line)
    text = "\n".join(lines)
    quick = _as_written(text)
    if quick is not None:
        assert repr(quick) == parsed(text)
    elif parsed(text) is not TomlError:
        assert repr(read_log(Path("x.toml"), text.encode()).data) == parsed(text)


RECORD = """
# urban_new_jobs 2026-Q1 · 0123456789abcdef
[[outcome]]
indicator = "urban_new_jobs"
period = "2026-Q1"
value = 42
recorded_at = 2026-04-01 00:00:00+00:00
digest = "0123456789abcdef"
"""


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("\n", "\r\n"),  # CRLF
        lambda t: t.replace('period = "2026-Q1"\nvalue = 42', 'value = 42\nperiod = "2026-Q1"'),
        lambda t: t.replace("value = 42", "value = 42\nvalue = 43"),  # a key twice
        lambda t: t.replace("value = 42", "value = 4.2E1"),  # not as tomli_w writes it
        lambda t: t.replace("value = 42", "band = { low = 1 }"),
        lambda t: t + "[outcome.band]\nlow = 1\n",
        lambda t: t + 'stray = "x"\n',
        lambda t: t.replace("+00:00", ""),
        lambda t: t.rstrip("\n"),  # no newline after the last line
        lambda t: 'title = "x"\n' + t,  # a key before the first table
    ],
)
def test_anything_but_what_jt_writes_goes_to_the_parser(edit: Any) -> None:
    assert _as_written(RECORD) is not None
    assert _as_written(edit(RECORD)) is None


def test_what_is_read() -> None:
    data = _as_written(LOG_HEADER + RECORD.replace("value = 42", "value = 4.20"))
    assert data == {
        "outcome": [
            {
                "indicator": "urban_new_jobs",
                "period": "2026-Q1",
                "value": Decimal("4.20"),
                "recorded_at": datetime(2026, 4, 1, tzinfo=UTC),
                "digest": "0123456789abcdef",
            }
        ]
    }
    assert type(data["outcome"][0]["value"]) is Decimal
    assert _as_written(RECORD) == parse_toml(RECORD)
    assert type(parse_toml(RECORD)["outcome"][0]["value"]) is int
    assert _as_written(LOG_HEADER) == {} == parse_toml(LOG_HEADER)
    assert _as_written("") == {}


# Values as a hand edit spells them, valid or not.
literals = st.one_of(
    st.from_regex(r"\A-?[0-9]{1,4}(\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?\Z"),
    st.sampled_from(["-0", "-0.0", "0", "+1", "1_0", "1.", ".5", "1e", "nan", "inf", "true"]),
    st.from_regex(
        r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?)?\Z"
    ),
    st.builds(lambda m: m.isoformat(sep=" "), moments),
    st.builds(lambda t: '"' + t + '"', texts),
    st.builds(lambda t: tomli_w.dumps({"v": t})[4:-1], texts),  # escaped as written
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(OUTCOME_FIELDS), literals), max_size=8))
def test_every_value_reads_as_the_parser_reads_it(pairs: list[tuple[str, str]]) -> None:
    order = {k: i for i, k in enumerate(OUTCOME_FIELDS)}
    lines = {k: f"{k} = {v}" for k, v in sorted(pairs, key=lambda p: order[p[0]])}
    text = "[[outcome]]\n" + "".join(line + "\n" for line in lines.values())
    quick = _as_written(text)
    if quick is not None:
        assert repr(quick) == parsed(text)
