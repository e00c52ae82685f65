"""Every command's --json output validates against the JSON Schema shipped for its shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jinan_targets.output_schemas import names, schema_for

from .conftest import REPO, Invoke

jsonschema = pytest.importorskip("jsonschema")

DATA = REPO / "tests" / "data"


def commands(tmp: Path) -> list[tuple[str, ...]]:
    table = tmp / "figures.csv"
    table.write_text("indicator,period,value\n城镇新增就业,2026-H1,7万\n", encoding="utf-8")
    return [
        ("record", "城镇新增就业", "3.2万", "-p", "2026-Q1", "--json"),
        ("record", "地区生产总值增长", "5.6%", "-p", "2026-Q1", "--json", "--dry-run"),
        ("undo", "城镇新增就业", "-p", "2026-Q1", "--json", "--dry-run"),
        ("import", str(table), "--json", "--dry-run"),
        ("import", str(table), "--json"),
        ("scorecard", "2026", "--json"),
        ("scorecard", "2025", "--json", "--lang", "en"),
        ("scorecard", "2026", "-j", "jinan,jinan-licheng", "--json"),
        ("scorecard", "2026", "--periods", "--json"),
        ("scorecard", "2025", "--changed-since", "2025-01-01", "--json"),
        ("targets", "2026", "--json"),
        ("targets", "2026", "-j", "jinan,jinan-licheng", "--json"),
        ("indicators", "--json"),
        ("jurisdictions", "--json"),
        ("history", "地区生产总值增长", "--json"),
        ("history", "城镇新增就业", "--json"),
        ("check", "--json"),
        ("trend", "地区生产总值增长", "--json"),
        ("trend", "城镇新增就业", "--json"),
        ("compare", "2026", "-j", "jinan,jinan-licheng", "--json"),
        ("summary", "--json"),
        ("export", "2025", "--format", "json"),
        ("export", "--all", "--format", "json"),
        ("export", "--compare", "-j", "jinan,jinan-licheng", "2026", "--format", "json"),
        ("export", "--summary", "--format", "json"),
        ("extract", str(DATA / "linshui_2027_plan.txt"), "-j", "jinan", "--json"),
        ("extract", "--outcomes", str(DATA / "city_2025_bulletin.txt"), "-j", "jinan", "--json"),
        ("scorecard", "2026", "--periods", "-j", "jinan,jinan-licheng", "--json"),
        ("jurisdictions", "add", "guizhou", "贵州省", "--json"),
        ("indicators", "rename", "urban_new_jobs", "urban_jobs_new", "--json", "--dry-run"),
        ("indicators", "rename", "urban_new_jobs", "urban_jobs_new", "--json"),
    ]


def validate(doc: dict[str, Any]) -> None:
    schema = schema_for(doc["schema"])
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_every_json_output_validates_against_its_schema(jt: Invoke, tmp_path: Path) -> None:
    seen = set()
    for args in commands(tmp_path):
        r = jt(*args)
        assert r.exit_code == 0, (args, r.output)
        doc = json.loads(r.stdout)
        try:
            validate(doc)
        except jsonschema.ValidationError as exc:
            where = "/".join(str(p) for p in exc.absolute_path)
            raise AssertionError(f"{' '.join(args)}: {where}: {exc.message}") from None
        seen.add(doc["schema"])
    assert seen == set(names()), "every shipped schema is exercised, every output has one"


@pytest.mark.parametrize("name", names())
def test_every_schema_is_a_valid_versioned_schema(name: str) -> None:
    schema = schema_for(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == name and name.rsplit("/", 1)[1].isdigit()
    assert schema["properties"]["schema"] == {"const": name}
    assert schema["description"]


def test_a_wrong_type_fails_the_contract(jt: Invoke) -> None:
    """The check can fail: a figure written as text is not the scorecard contract."""
    doc = json.loads(jt("scorecard", "2025", "--json").stdout)
    row = next(r for r in doc["rows"] if r["actual"] is not None)
    row["actual"] = str(row["actual"])
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)
