"""Where a TOML file's tables start: found by looking only at the lines that may open one, the
same line numbers as a look at every line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.tomlfile import Lines

_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def every_line(text: str) -> dict[str, list[int]]:
    tables: dict[str, list[int]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if line[:1] in ("[", " ", "\t") and (m := _TABLE.match(line)):
            tables.setdefault(m.group(1), []).append(number)
    return tables


SAMPLES = [
    "[[outcome]]",
    "[plan]",
    " [[target]]",
    "\t[ band ]",
    "  \x0c[a.b]",
    "\u3000[wide]",  # not a bracket, space or tab first: never a table
    "[[outcome]] # 注释",
    "[x",
    "[]",
    "",
    " ",
    "\r",
    "[[outcome]]\r",
    'indicator = "x"',
    "# [[outcome]]",
    'note = """',
    "[[outcome]]\u2028[[x]]",
]
line = st.one_of(st.sampled_from(SAMPLES), st.text(alphabet="[] \t\r\x0bab.=#\u2028", max_size=8))


@settings(max_examples=200)
@given(st.lists(line, max_size=30), st.booleans())
def test_tables_are_found_on_the_same_lines(lines: list[str], newline_last: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline_last else "")
    assert Lines(text).tables == every_line(text)


@pytest.mark.parametrize(
    ("text", "tables"),
    [
        ("[[outcome]]\na = 1\n\n[[outcome]]\n", {"outcome": [1, 4]}),
        ("\n\n [plan]\n\t[[target]]\n", {"plan": [3], "target": [4]}),
        ('a = """\n[[outcome]]\n"""', {"outcome": [2]}),  # as the line scan has always done
        ("\u3000[plan]\n", {}),
        ("", {}),
        ("[a]", {"a": [1]}),
    ],
)
def test_table_lines(text: str, tables: dict[str, list[int]]) -> None:
    assert Lines(text).tables == tables
    for name, numbers in tables.items():
        assert [Lines(text).find(name, i) for i in range(len(numbers))] == numbers
