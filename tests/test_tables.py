"""Every table at 80 and 160 columns: nothing cropped, ids a user types never cut, names never
squeezed to nothing, figures never split across lines, no empty columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from jinan_targets.cli import app

TABLES = [
    ("scorecard", "2025"),
    ("scorecard", "2026"),
    ("scorecard", "2026", "--lang", "en"),
    ("scorecard", "2026", "-j", "jinan-licheng"),
    ("targets", "2026"),
    ("targets", "2024", "--lang", "en"),
    ("indicators",),
    ("indicators", "--lang", "en"),
    ("jurisdictions",),
    ("history", "gdp_growth"),
    ("history", "urban_new_jobs", "--lang", "en"),
    ("trend", "gdp_growth"),
    ("trend", "gdp_growth", "--lang", "en"),
    ("compare", "2026"),
    ("summary",),
    ("scorecard", "2025", "--periods"),
    ("scorecard", "2025", "--sort", "gap", "--hide-empty"),
    ("summary", "--lang", "en"),
]
BORDERS = set("│┃┓┐┤┩┘┫")


def render(plans: Path, width: int, *args: str) -> str:
    runner = CliRunner()
    env = {"COLUMNS": str(width), "NO_COLOR": "1", "JINAN_TARGETS_PLANS": ""}
    result = runner.invoke(app, ["--plans", str(plans), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_table_fits_and_is_whole(plans: Path, width: int, args: tuple[str, ...]) -> None:
    text = render(plans, width, *args)
    lines = text.split("\n")
    for line in lines:
        assert cell_len(line) <= width, line
        stripped = line.rstrip()
        if stripped[:1] in set("│┃┏┡├└┗┢"):
            assert stripped[-1] in BORDERS | set("┓┩┤┘┐"), f"cropped: {line!r}"
    header = next(i for i, line in enumerate(lines) if line.startswith(("┃", "│")))
    cells = [c.strip() for c in re.split("[│┃]", lines[header])[1:-1]]
    assert len(cells) >= 3


@pytest.mark.parametrize("width", [80, 160])
def test_ids_whole_and_names_visible(plans: Path, width: int) -> None:
    text = render(plans, width, "indicators")
    catalog = json.loads(render(plans, width, "indicators", "--json"))["indicators"]
    flat = text.replace(" ", "")
    for ind in catalog:
        assert re.search(rf"[│┃]\s{re.escape(ind['id'])}\s", text), ind["id"]
        assert ind["name"][:3] in flat, ind["name"]
    places = render(plans, width, "jurisdictions")
    for place in ("jinan", "jinan-licheng", "jinan-shizhong", "shandong"):
        assert f" {place} " in places


@pytest.mark.parametrize("width", [80, 160])
def test_figures_are_never_split(plans: Path, width: int) -> None:
    doc = json.loads(render(plans, width, "scorecard", "2025", "--json"))
    text = render(plans, width, "scorecard", "2025")
    assert "5.5%左右" in text and "-0.1个百分点" in text and "140.0%" in text
    assert any(r["actual"] == 21 for r in doc["rows"])
    assert "21万人" in text


def test_empty_columns_are_dropped(plans: Path) -> None:
    """The progress-bar column appears only when some row has one, and only on wide screens."""
    narrow = render(plans, 80, "scorecard", "2025")
    assert "progress" not in narrow
    wide = render(plans, 160, "scorecard", "2025")
    assert ("progress" in wide) == ("█" in wide or "░" in wide)


def test_history_speaks_chinese(plans: Path) -> None:
    text = render(plans, 120, "history", "gdp_growth")
    assert "现行" in text and "已被取代" in text and "预计" in text
    for word in ("current", "superseded", "estimate", "preliminary"):
        assert f" {word} " not in text
    assert "济南市2026年国民经济和社会发展计划" in text.replace("\n", "").replace("│", "").replace(
        " ", ""
    )


def test_measure_column_only_with_figures(plans: Path) -> None:
    assert "completion/gap" not in render(plans, 120, "scorecard", "2026", "-s", "pending")
    assert "completion/gap" in render(plans, 120, "scorecard", "2025")
