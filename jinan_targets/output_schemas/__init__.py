"""JSON Schemas (draft 2020-12) of every ``--json`` output, one file per versioned shape.

Each output names its shape in its ``schema`` field (``jinan-targets/scorecard/1``); the file
``scorecard-1.schema.json`` beside this module describes it. Within a version fields may be
added, never removed or retyped: a change that would break a reader is a new version.

    python -m jinan_targets.output_schemas            # list them
    python -m jinan_targets.output_schemas scorecard/1  # print one
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["file_name", "names", "schema_for"]

PREFIX = "jinan-targets/"


def file_name(name: str) -> str:
    """``jinan-targets/scorecard/1`` → ``scorecard-1.schema.json``."""
    return name.removeprefix(PREFIX).replace("/", "-") + ".schema.json"


def names() -> list[str]:
    """Every shipped shape, by the name its outputs carry."""
    found = []
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(".schema.json"):
            found.append(json.loads(entry.read_text(encoding="utf-8"))["$id"])
    return sorted(found)


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of the output shape ``name``; KeyError when none is shipped."""
    entry = resources.files(__name__) / file_name(name)
    if not entry.is_file():
        raise KeyError(name)
    schema: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return schema
