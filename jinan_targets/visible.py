"""Data is text: what it may not hold, and how it is shown so it can never drive a terminal.

A plan quote, an indicator name, a note or a file name can hold anything a hand edit or a hostile
document puts there: an escape sequence that clears the screen or retitles the window, a carriage
return that overwrites the line, a bidirectional override that makes text read other than it is.
:data:`CONTROL` is what data must not hold (``jt record`` refuses it, ``jt check`` flags it);
:func:`visible` is how any text is shown: every such character as its escape (``\\x1b``,
``\\u202e``), so what is on the screen is exactly what is in the file.
"""

from __future__ import annotations

import re

__all__ = ["CONTROL", "first_control", "visible"]

# Control characters, line and paragraph separators (they would end a line in some editors) and
# bidirectional overrides and isolates (they make text display other than it reads). Tab, line
# feed and carriage return are whitespace a multi-line TOML string may hold.
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# What is never shown as is: the above, tab, carriage return and (unless lines are kept) line feed.
_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SHOWN_KEEPING_LINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character, separator and bidi mark written as its escape
    (ESC as ``\\x1b``, U+202E as ``\\u202e``); with ``lines`` a line feed stays a line break.
    Idempotent: shown text holds no control character left to escape."""
    pattern = _SHOWN_KEEPING_LINES if lines else _SHOWN
    return pattern.sub(_escape, text)


def first_control(text: str) -> re.Match[str] | None:
    """The first character of :data:`CONTROL` in ``text``, or None."""
    if text.isprintable():  # every character of CONTROL is unprintable: nothing to look for
        return None
    return CONTROL.search(text)
