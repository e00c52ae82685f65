"""Quote a user's input in a message without echoing all of it: a few dozen characters."""

from __future__ import annotations

__all__ = ["excerpt"]

LIMIT = 40


def excerpt(text: str, limit: int = LIMIT) -> str:
    """``'城镇新增就业'``; a long or hostile input is cut: ``'xxxx…' (5000 characters)``."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"
