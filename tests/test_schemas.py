"""JSON Schemas for editors: shipped beside the data, in step with the models, named by every
shipped file, and they accept the shipped data."""

from __future__ import annotations

import json
import tomllib
from typing import Any

from jinan_targets.schemas import FILES, json_schemas

from .conftest import PLANS


def test_shipped_schemas_match_the_models() -> None:
    """Regenerate with `python -m jinan_targets.schemas plans/.schemas` after a model change."""
    for name, schema in json_schemas().items():
        shipped = json.loads((PLANS / ".schemas" / name).read_text(encoding="utf-8"))
        assert shipped == schema, name


def test_every_shipped_file_names_its_schema() -> None:
    expected = {
        "indicators.toml": ".schemas/indicators.schema.json",
        "jurisdictions.toml": ".schemas/jurisdictions.schema.json",
        "sources.toml": ".schemas/sources.schema.json",
    }
    for path in sorted(PLANS.rglob("*.toml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if path.parent == PLANS:
            want = expected[path.name]
        elif path.name.endswith(".outcomes.toml"):
            want = "../.schemas/outcomes.schema.json"
        else:
            want = "../.schemas/plan.schema.json"
        assert first == f"#:schema {want}", path
        assert (path.parent / want).is_file(), path


def _required_and_allowed(schema: dict[str, Any], data: dict[str, Any]) -> list[str]:
    """A small check of the schema against real data: every table's keys are known to it and
    every required key is present (enough to catch a schema out of step with the files)."""
    errors: list[str] = []
    defs: dict[str, Any] = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref")
        return defs[ref.split("/")[-1]] if isinstance(ref, str) else node

    def walk(node: dict[str, Any], value: Any, where: str) -> None:
        node = resolve(node)
        if isinstance(value, dict):
            props: dict[str, Any] = node.get("properties", {})
            for key in value:
                if key not in props:
                    errors.append(f"{where}.{key}: not in the schema")
                else:
                    walk(props[key], value[key], f"{where}.{key}")
            errors.extend(
                f"{where}: missing {k}" for k in node.get("required", []) if k not in value
            )
        elif isinstance(value, list):
            options = [node, *node.get("anyOf", [])]
            items = next((o["items"] for o in options if isinstance(o.get("items"), dict)), None)
            if items is not None:
                for i, item in enumerate(value):
                    walk(items, item, f"{where}[{i}]")

    walk(schema, data, "")
    return errors


def test_shipped_data_fits_the_schemas() -> None:
    schemas = json_schemas()
    files = {
        "indicators.schema.json": [PLANS / "indicators.toml"],
        "jurisdictions.schema.json": [PLANS / "jurisdictions.toml"],
        "sources.schema.json": [PLANS / "sources.toml"],
        "plan.schema.json": [p for p in PLANS.glob("*/*.toml") if ".outcomes" not in p.name],
        "outcomes.schema.json": list(PLANS.glob("*/*.outcomes.toml")),
    }
    assert set(files) == set(FILES)
    for name, paths in files.items():
        for path in paths:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            assert _required_and_allowed(schemas[name], data) == [], path
