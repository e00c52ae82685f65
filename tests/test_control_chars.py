"""What a checked file's text may not hold: the quick test for ordinary text (nothing unprintable)
flags exactly what a search of every string for :data:`visible.CONTROL` flags."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinan_targets.tomlfile import Lines
from jinan_targets.validation import control_problems
from jinan_targets.visible import CONTROL, first_control

PATH = Path("2026.outcomes.toml")
LINES = Lines('[[outcome]]\nindicator = "x"\nnote = "y"\n')

FLAGGED = [
    *[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"],
    "\x7f",
    *[chr(c) for c in range(0x80, 0xA0)],
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    *[chr(c) for c in range(0x202A, 0x202F)],  # embeddings and overrides (U+202E RLO)
    *[chr(c) for c in range(0x2066, 0x206A)],  # isolates
]
NOT_FLAGGED = [
    "\t",
    "\n",
    "\r",  # whitespace a multi-line TOML string may hold
    "\u200e",  # LEFT-TO-RIGHT MARK and RIGHT-TO-LEFT MARK: never in CONTROL
    "\u200f",
    "\u200b",  # zero width space
    "\ufeff",
    "\u00a0",  # no-break space
    "\u3000",  # ideographic space
    " ",
    "济",
    "南",
    "％",
    "—",
    "😀",
    "🇨🇳",
    "\U00020000",  # a CJK extension B ideograph
]


def flagged(value: Any) -> list[tuple[str, str]]:
    data = {"indicator": "x", "note": value}
    return [(p.field, p.message) for p in control_problems(data, PATH, LINES, "outcome", 0, "o")]


@pytest.mark.parametrize("char", FLAGGED, ids=lambda s: "+".join(f"U+{ord(c):04X}" for c in s))
def test_flagged_wherever_it_stands(char: str) -> None:
    for text in (char, f"就业{char}人数", f"abc{char}"):
        found = flagged(text)
        assert len(found) == 1 and f"U+{ord(char):04X}" in found[0][1], (text, found)
        assert f"at position {text.index(char) + 1}" in found[0][1]
    assert [f for f, _ in flagged(["ok", f"x{char}"])] == ["o.note[1]"]
    assert [f for f, _ in flagged({"a": {"b": char}})] == ["o.note.a.b"]


@pytest.mark.parametrize("char", NOT_FLAGGED, ids=lambda s: "+".join(f"U+{ord(c):04X}" for c in s))
def test_not_flagged(char: str) -> None:
    assert flagged(f"城镇新增就业{char}15万人") == []
    assert flagged([char, {"k": char}]) == []
    assert first_control(char) is None


def test_every_character_of_control_is_unprintable() -> None:
    """The quick test skips printable text: it may, as no character of CONTROL is printable."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if CONTROL.match(char):
            assert not char.isprintable(), f"U+{code:04X}"


def test_first_control_agrees_with_a_search_for_every_character() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        text = f"ab{chr(code)}"
        found, searched = first_control(text), CONTROL.search(text)
        assert (found and found.span()) == (searched and searched.span()), f"U+{code:04X}"


def reference(value: Any, where: str) -> list[str]:
    """Every string's first CONTROL character, by a plain search of every string."""
    if isinstance(value, str):
        m = CONTROL.search(value)
        return [f"{where}:U+{ord(m.group(0)):04X}@{m.start() + 1}"] if m else []
    if isinstance(value, list):
        return [r for i, v in enumerate(value) for r in reference(v, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [r for k, v in value.items() for r in reference(v, f"{where}.{k}")]
    return []


texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(sorted(set("".join(FLAGGED + NOT_FLAGGED)))), st.characters(codec="utf-8")
    ),
    max_size=12,
)
values = st.recursive(
    st.one_of(texts, st.integers(), st.none(), st.dates()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150)
@given(st.dictionaries(st.sampled_from(["note", "quote", "source", "aliases"]), values))
def test_control_problems_are_those_of_a_search_of_every_string(data: dict[str, Any]) -> None:
    got = [
        (p.field, p.message.split(" U+")[1].split(" ")[0], p.message.rsplit(" ", 1)[1])
        for p in control_problems(data, PATH, LINES, "outcome", 0, "")
    ]
    want = [r for k, v in data.items() for r in reference(v, k)]
    assert [f"{f}:U+{c}@{pos}" for f, c, pos in got] == want
