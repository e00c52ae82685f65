"""Hostile text in the data: control characters never reach the terminal, Rich markup is text,
and `jt check` flags control characters in every kind of data file."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.visible import CONTROL, visible

from .conftest import Invoke

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def raw_controls(text: str, *, sgr: bool = False) -> list[str]:
    """Characters that would act on a terminal (a line feed is a line break); with ``sgr``,
    colour sequences are allowed."""
    if sgr:
        import re

        text = re.sub("\x1b\\[[0-9;]*m", "", text)
    return [
        c
        for c in text
        if c != "\n" and (unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in BIDI)
    ]


def in_a_column(text: str, table: str) -> bool:
    """Does a table column hold ``text`` (which has no spaces), however its cells fold?"""
    rows = [line.split("│") for line in table.splitlines() if line.startswith("│")]
    width = max((len(r) for r in rows), default=0)
    columns = ["".join(r[j].strip() for r in rows if len(r) == width) for j in range(width)]
    return any(text in column for column in columns)


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text``, its control characters as escapes."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in body) + '"'


def replace_in(path: Path, old: str, new: str) -> None:
    body = path.read_text(encoding="utf-8")
    assert old in body, old
    path.write_text(body.replace(old, new, 1), encoding="utf-8")


PAYLOADS = [
    "\x1b]0;pwned\x07\x1b[2J\x1b[31m红",  # set the title, clear the screen, colour
    "\x9b2J覆盖\r写",  # the one-byte CSI; a carriage return overwrites the line
    "\u202e反向\x08\x7f\x00",  # a bidi override, backspace, DEL, NUL
    "\x1b]8;;https://evil.example\x1b\\链接\x1b]8;;\x1b\\",  # an OSC-8 link
]


def hostile_indicator_name(plans: Path, payload: str) -> None:
    replace_in(
        plans / "indicators.toml",
        'name = "地区生产总值增长"',
        f"name = {toml_string('地区生产总值增长' + payload)}",
    )


def hostile_quote(plans: Path, payload: str) -> None:
    replace_in(
        plans / "jinan" / "2026.toml",
        'quote = "地区生产总值增长5%以上，在实际工作中努力争取更好结果"',
        f"quote = {toml_string('地区生产总值增长5%以上' + payload)}",
    )


def hostile_place_name(plans: Path, payload: str) -> None:
    replace_in(
        plans / "jurisdictions.toml", 'name = "济南市"', f"name = {toml_string('济南市' + payload)}"
    )


# (what is made hostile, the command that shows it)
SHOWN = [
    (hostile_quote, ("targets", "2026")),
    (hostile_indicator_name, ("indicators",)),
    (hostile_indicator_name, ("targets", "2026")),
    (hostile_indicator_name, ("history", "gdp_growth")),
    (hostile_indicator_name, ("scorecard", "2026")),
    (hostile_indicator_name, ("scorecard", "2026", "--periods")),
    (hostile_indicator_name, ("trend", "gdp_growth")),
    (hostile_indicator_name, ("compare", "2026", "-j", "jinan,jinan-licheng")),
    (hostile_indicator_name, ("check",)),
    (hostile_place_name, ("jurisdictions",)),
    (hostile_place_name, ("scorecard", "2026")),
    (hostile_place_name, ("summary",)),
    (hostile_place_name, ("targets", "2026")),
    (hostile_place_name, ("export", "2026", "--format", "md")),
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
@pytest.mark.parametrize(
    ("make", "command"), SHOWN, ids=[f"{m.__name__}-{'_'.join(c)}" for m, c in SHOWN]
)
def test_control_characters_in_data_never_reach_the_terminal(
    jt: Invoke, plans: Path, make: object, command: tuple[str, ...], payload: str
) -> None:
    """Every command that shows data shows its control characters escaped, on stdout and
    stderr alike."""
    make(plans, payload)  # type: ignore[operator]
    result = jt(*command)
    assert result.exit_code in (0, 1), result.output
    assert raw_controls(result.stdout) == [], result.stdout
    assert raw_controls(result.stderr) == [], result.stderr


def test_a_hostile_quote_is_shown_as_its_escapes(jt: Invoke, plans: Path) -> None:
    """ESC and BEL in a plan quote are printed as \\x1b and \\x07, so they can be seen."""
    hostile_quote(plans, "\x1b]0;t\x07")
    result = jt("targets", "2026")
    assert result.exit_code == 0, result.output
    assert in_a_column("\\x1b]0;t\\x07", result.stdout), result.stdout


def test_check_escapes_a_file_name_with_a_newline_and_esc(jt: Invoke, plans: Path) -> None:
    """A file name is shown on one line, its newline and ESC escaped."""
    (plans / "jinan" / "2027\n\x1b[2J.toml").write_text("x = [", encoding="utf-8")
    result = jt("check")
    assert result.exit_code == 1
    assert raw_controls(result.stdout) == []
    lines = [line for line in result.stdout.splitlines() if "2027" in line]
    assert len(lines) == 1 and "2027\\x0a\\x1b[2J.toml" in lines[0], result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("scorecard", "-j", "\x1b[2J"),
        ("history", "\x1b]0;t\x07"),
        ("scorecard", "2026", "-c", "\x1b[2J"),
        ("record", "\x1b[2J", "1", "-p", "2026-Q1"),
        ("export", "2026", "--format", "\x1b[2J"),
        ("export", "2026", "-o", "/nonexistent\x1b[2J/r.md"),
        ("trend", "gdp_growth", "-j", "a\nb"),
    ],
)
def test_error_messages_escape_the_input(jt: Invoke, args: tuple[str, ...]) -> None:
    """An error quoting hostile input is one line, its control characters escaped."""
    result = jt(*args)
    assert result.exit_code == 2, result.output
    assert raw_controls(result.stderr) == [], result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_extract_names_a_hostile_file_escaped(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """What `jt extract` says about a document shows its name escaped."""
    doc = tmp_path / "计划\x1b[2J.txt"
    doc.write_text("主要预期目标是：地区生产总值增长5%以上。\n", encoding="utf-8")
    result = jt("extract", str(doc), "--year", "2027", "--copy-source")
    assert raw_controls(result.stdout) == [], result.stdout
    assert raw_controls(result.stderr) == [], result.stderr


# ---------------------------------------------------------------------------- Rich markup

MARKUP = [
    "见[/x]附表",
    "[/]",
    "[bold]粗[/bold]",
    "[link=https://evil.example]市人社局[/link]",
    "[red",
    ":smile:",
]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_a_note_or_source_is_text(jt: Invoke, text: str) -> None:
    """A note or a source that looks like Rich markup is shown as typed; history never fails."""
    recorded = jt(
        "record", "地区生产总值增长", "5.6%", "-p", "2026-Q1", "--note", text, "--source", text
    )
    assert recorded.exit_code == 0, recorded.output
    shown = jt("history", "地区生产总值增长")
    assert shown.exit_code == 0, shown.output
    assert in_a_column(text, shown.stdout), shown.stdout


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_a_plan_quote_or_name_is_text(jt: Invoke, plans: Path, text: str) -> None:
    """`jt targets` and `jt indicators` show markup-like data as it is written."""
    hostile_quote(plans, text)
    hostile_indicator_name(plans, text)
    for command in (("targets", "2026"), ("indicators",)):
        result = jt(*command)
        assert result.exit_code == 0, result.output
        assert in_a_column(text, result.stdout), result.stdout


def test_a_link_in_the_source_is_never_live(
    jt: Invoke, plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With colour on, a [link=…] source is neither hidden nor an OSC-8 hyperlink."""
    text = "[link=https://evil.example]市人社局[/link]"
    assert (
        jt("record", "地区生产总值增长", "5.6%", "-p", "2026-Q1", "--source", text).exit_code == 0
    )
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    shown = jt("history", "地区生产总值增长")
    assert shown.exit_code == 0, shown.output
    assert "\x1b]8" not in shown.stdout
    assert "evil.example" in shown.stdout
    assert raw_controls(shown.stdout, sgr=True) == []


# ---------------------------------------------------------------------------- generated text

HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(categories=["L", "N", "P", "S"]),
        st.characters(min_codepoint=0, max_codepoint=0x1F).filter(lambda c: c != "\n"),
        st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
        st.sampled_from([*sorted(BIDI), "\u2028", "\u2029", "[", "]", "/", "="]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(name=HOSTILE, english=HOSTILE)
def test_rich_tables_show_any_text_as_it_is(name: str, english: str) -> None:
    """Whatever a name holds, the table shows it whole (controls escaped), never as markup."""
    from jinan_targets.render.terminal import jurisdictions_view, make_console

    row = {
        "id": "x",
        "name": name,
        "name_en": english,
        "level": "city",
        "parent": None,
        "plans": [2026],
        "outcomes": 0,
    }
    out = io.StringIO()
    console = make_console()
    console.file = out
    console.width = 400
    console.print(jurisdictions_view([row], "zh", 400))
    text = out.getvalue()
    assert raw_controls(text) == []
    assert visible(name) in text and visible(english) in text


@settings(max_examples=150, deadline=None)
@given(text=HOSTILE)
def test_grid_tables_show_any_text_escaped(text: str) -> None:
    """The scorecard's grid layout escapes every cell and title, with colour or without."""
    from jinan_targets.render.grid import Cell, Column, Grid, paint

    grid = Grid([Column("名称\nname"), Column("值\nvalue")])
    grid.add(Cell(text, "bold"), text)
    for colour in (False, True):
        shown = paint(text, "bold", colour) + "\n" + grid.render(500, colour)
        assert raw_controls(shown, sgr=colour) == []
        assert visible(text) in shown


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_visible_leaves_nothing_that_acts(text: str) -> None:
    """visible() leaves no control character, separator or bidi mark, and is idempotent."""
    shown = visible(text)
    assert raw_controls(shown) == [] and "\n" not in shown
    assert visible(shown) == shown
    assert CONTROL.search(shown) is None
    assert visible(text, lines=True).split("\n") == [visible(p) for p in text.split("\n")]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.text(max_size=20), max_size=5), colour=st.booleans())
def test_the_output_stream_escapes_what_it_is_given(parts: list[str], colour: bool) -> None:
    """Whatever reaches standard output or standard error is escaped on its way out; only
    colour sequences pass, and only when colour is on (and tab, which moves no text)."""
    from jinan_targets.cli.streams import VisibleStream

    out = io.StringIO()
    stream = VisibleStream(out, colour=colour)
    for part in parts:
        stream.write(part)
        stream.write("\x1b[1;32m" + part + "\x1b[0m")
    assert raw_controls(out.getvalue().replace("\t", ""), sgr=colour) == []


# ---------------------------------------------------------------------------- jt check

# (file, text to replace, a line holding the control character, the field named)
IN_FILES = [
    (
        "jinan/2026.toml",
        'quote = "地区生产总值增长5%以上，在实际工作中努力争取更好结果"',
        'quote = "地区生产总值增长5%以上\\u0001，在实际工作中努力争取更好结果"',
        "target[0].quote",
    ),
    (
        "jinan/2026.toml",
        'title = "济南市2026年国民经济和社会发展计划"',
        'title = "济南市2026年国民经济和社会发展计划\\u001b[2J"',
        "plan.title",
    ),
    ("indicators.toml", 'name = "地区生产总值增长"', 'name = "地区生产总值\\u009b增长"', "name"),
    ("jurisdictions.toml", 'name = "济南市"', 'name = "济南市\\u202e"', "name"),
    ("jinan/2026.outcomes.toml", 'note = "海关统计"', 'note = "海关\\u0007统计"', "note"),
    ("jinan/2025.toml", 'section = "', 'section = "\\u2028', "section"),
    ("sources.toml", 'publisher = "', 'publisher = "\\u007f', "publisher"),
]


@pytest.mark.parametrize(("name", "old", "new", "field"), IN_FILES)
def test_check_flags_control_characters_in_data_files(
    jt: Invoke, plans: Path, name: str, old: str, new: str, field: str
) -> None:
    """A control character in a plan, a catalog or a log is a problem naming its file, line,
    field and character, as `jt record` refuses it in input."""
    replace_in(plans / name, old, new)
    line = next(
        n for n, text in enumerate((plans / name).read_text("utf-8").splitlines(), 1) if new in text
    )
    result = jt("check")
    assert result.exit_code == 1, result.output
    hits = [x for x in result.stdout.splitlines() if "U+" in x and "control" in x]
    assert any(f"{name}:{line}" in x and field in x for x in hits), result.stdout
    assert raw_controls(result.stdout) == []


def test_the_shipped_data_holds_no_control_characters(jt: Invoke) -> None:
    """The check does not fire on clean data."""
    result = jt("check")
    assert "control" not in result.stdout, result.stdout


@pytest.mark.parametrize(
    "command",
    [("scorecard", "2026"), ("indicators",), ("trend", "gdp_growth"), ("history", "gdp_growth")],
)
def test_with_colour_only_colour_sequences_reach_the_terminal(
    jt: Invoke, plans: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """With colour on, the output holds colour sequences and nothing else that acts."""
    hostile_indicator_name(plans, PAYLOADS[0] + PAYLOADS[1])
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = jt(*command)
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout  # coloured
    assert raw_controls(result.stdout, sgr=True) == []
    assert "\x1b[2J" not in result.stdout and "\x1b]" not in result.stdout


@pytest.mark.parametrize("char", ["\x9b", "\u202e", "\u2028", "\x85", "\x1b"])
def test_json_keeps_hostile_text_exact(jt: Invoke, plans: Path, char: str) -> None:
    """`--json` output is valid JSON holding the text exactly, yet nothing in it acts."""
    hostile_indicator_name(plans, char)
    result = jt("indicators", "--json")
    assert result.exit_code == 0, result.output
    assert raw_controls(result.stdout) == []
    names = [i["name"] for i in json.loads(result.stdout)["indicators"]]
    assert "地区生产总值增长" + char in names


def test_import_summaries_escape_hostile_text(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """`jt import` names a hostile file and hostile cells escaped, in its summary and errors."""
    hostile_indicator_name(plans, PAYLOADS[0])
    table = tmp_path / "表\x1b[2J.csv"
    table.write_text(
        "indicator,period,value\ngdp_growth,2026-Q1,5.6%\n\x1b]0;t\x07,2026-Q1,1\n",
        encoding="utf-8",
    )
    for args in (("import", str(table)), ("import", str(table), "--json")):
        result = jt(*args)
        assert raw_controls(result.stdout) == [], result.stdout
        assert raw_controls(result.stderr) == [], result.stderr
