"""JSON Schemas of the TOML files, generated from the one schema in :mod:`model`, so editors with
TOML language support (taplo, Even Better TOML) validate and complete plan files as they are
typed. Each shipped file names its schema on its first line (``#:schema ../.schemas/…``).

    python -m jinan_targets.schemas plans/.schemas     # write them (a test checks they match)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .model import IndicatorCatalog, JurisdictionCatalog, OutcomeLog, Plan, SourceCatalog

__all__ = ["FILES", "json_schemas", "write_schemas"]

# schema file name -> (model, title)
FILES: dict[str, tuple[type, str]] = {
    "plan.schema.json": (Plan, "jinan-targets plan: plans/<jurisdiction>/<year>.toml"),
    "outcomes.schema.json": (
        OutcomeLog,
        "jinan-targets outcome log: plans/<jurisdiction>/<year>.outcomes.toml",
    ),
    "indicators.schema.json": (IndicatorCatalog, "jinan-targets catalog: plans/indicators.toml"),
    "jurisdictions.schema.json": (
        JurisdictionCatalog,
        "jinan-targets jurisdictions: plans/jurisdictions.toml",
    ),
    "sources.schema.json": (SourceCatalog, "jinan-targets sources: plans/sources.toml"),
}


def json_schemas() -> dict[str, dict[str, Any]]:
    from pydantic import TypeAdapter

    out = {}
    for name, (model, title) in FILES.items():
        schema = TypeAdapter(model).json_schema()
        schema["title"] = title
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = schema
    return out


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = directory / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "plans/.schemas")):
        print(path)
