"""Standard output and error on which nothing from the data can act (see :mod:`..visible`)."""

import os
import re
import sys
from typing import Any

__all__ = ["VisibleStream", "guard_streams"]

# What a terminal would act on: C0 controls but tab and line feed, DEL, C1, line and paragraph
# separators, bidi overrides and isolates; a colour (SGR) sequence is matched apart.
_ACTING = re.compile(
    "(\x1b\\[[0-9;]*m)|([\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069])"
)


class VisibleStream:
    """Standard output or error on which nothing from the data can act: every control
    character written is shown as its ``\\uXXXX`` escape (valid, and the same text, inside the
    strings of JSON and TOML); colour sequences pass only when ``colour`` is on. On stderr
    (``quiet``) a write that fails is dropped: an error message never changes the exit code."""

    def __init__(self, stream: Any, *, colour: bool, quiet: bool = False) -> None:
        self._stream = stream
        self._colour = colour
        self._quiet = quiet

    def _shown(self, match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1) if self._colour else "\\u001b" + match.group(1)[1:]
        return f"\\u{ord(match.group(2)):04x}"

    def write(self, text: str) -> int:
        try:
            self._stream.write(_ACTING.sub(self._shown, text))
        except (OSError, ValueError):
            if not self._quiet:
                raise
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            if not self._quiet:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_streams() -> None:
    """Route standard output and error through :class:`VisibleStream` (once)."""
    from ..render.grid import colour_wanted

    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - stderr closed (2>&-): lives until exit
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = VisibleStream(sys.stdout, colour=colour_wanted(sys.stdout))  # type: ignore[assignment,unused-ignore]
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr, colour=False, quiet=True)  # type: ignore[assignment,unused-ignore]
