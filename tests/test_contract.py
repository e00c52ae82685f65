"""The scorecard JSON contract `jinan-targets/scorecard/1` is pinned here."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import Invoke

STATUSES = {
    "met",
    "basically_met",
    "missed",
    "on_track",
    "at_risk",
    "off_track",
    "no_data",
    "pending",
}
NUMBER = (int, float)
ROW_FIELDS: dict[str, tuple[type, ...]] = {
    "indicator": (str,),
    "name": (str,),
    "name_en": (str,),
    "category": (str,),
    "unit": (str,),
    "kind": (str,),
    "comparator": (str,),
    "target": (*NUMBER, type(None)),
    "target_high": (*NUMBER, type(None)),
    "period": (str, type(None)),
    "actual": (*NUMBER, type(None)),
    "vintage": (str, type(None)),
    "status": (str,),
    "completion": (*NUMBER, type(None)),
    "gap": (*NUMBER, type(None)),
    "time_progress": (*NUMBER, type(None)),
    "schedule_gap": (*NUMBER, type(None)),
    "required_pace": (*NUMBER, type(None)),
    "source": (str,),
}
SUMMARY_FIELDS = (
    "total",
    "met",
    "basically_met",
    "missed",
    "on_track",
    "at_risk",
    "off_track",
    "no_data",
    "pending",
)


def validate(doc: dict[str, Any]) -> None:
    assert doc["schema"] == "jinan-targets/scorecard/1"
    assert set(doc["jurisdiction"]) >= {"id", "name"}
    assert isinstance(doc["year"], int)
    assert doc["as_of"] is None or isinstance(doc["as_of"], str)
    for row in doc["rows"]:
        for key, types in ROW_FIELDS.items():
            assert key in row, key
            assert isinstance(row[key], types) and not isinstance(row[key], bool), (key, row[key])
        assert row["status"] in STATUSES
        assert row["kind"] in {"rate", "flow", "stock", "qualitative"}
    summary = doc["summary"]
    assert all(isinstance(summary[k], int) for k in SUMMARY_FIELDS)
    assert summary["total"] == len(doc["rows"]) == sum(summary[k] for k in SUMMARY_FIELDS[1:])


@pytest.mark.parametrize("year", ["2024", "2025", "2026"])
def test_scorecard_json_contract(jt: Invoke, year: str) -> None:
    """Exactly one JSON object with the required shape, for every shipped year."""
    result = jt("scorecard", year, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)  # the whole of stdout is one object
    validate(doc)
    assert doc["year"] == int(year)


def test_contract_values(jt: Invoke) -> None:
    """Fractions are fractions: 140% is 1.4; gaps are in the indicator's unit."""
    doc = json.loads(jt("scorecard", "2025", "--json").stdout)
    rows = {r["indicator"]: r for r in doc["rows"]}
    jobs = rows["urban_new_jobs"]
    assert (jobs["actual"], jobs["target"], jobs["completion"], jobs["gap"]) == (21, 15, 1.4, 6)
    assert jobs["status"] == "met" and jobs["vintage"] == "preliminary" and jobs["period"] == "2025"
    gdp = rows["gdp_growth"]
    assert (gdp["status"], gdp["gap"], gdp["completion"]) == ("basically_met", -0.1, None)
    assert doc["jurisdiction"] == {"id": "jinan", "name": "济南市", "name_en": "Jinan"}


def test_validator_rejects_a_broken_document(jt: Invoke) -> None:
    """The contract check itself fails on a document that breaks the shape."""
    doc = json.loads(jt("scorecard", "2025", "--json").stdout)
    doc["rows"][0]["status"] = "great"
    with pytest.raises(AssertionError):
        validate(doc)
    doc = json.loads(jt("scorecard", "2025", "--json").stdout)
    del doc["rows"][0]["schedule_gap"]
    with pytest.raises(AssertionError):
        validate(doc)
