"""End to end: the installed `jt` from an empty directory uses the bundled dataset."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

JT = shutil.which(
    "jt", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
)
pytestmark = pytest.mark.skipif(JT is None, reason="the jt console script is not installed")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JINAN_TARGETS_PLANS"}
    env.update(NO_COLOR="1", COLUMNS="120")
    assert JT is not None
    return subprocess.run([JT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_check_from_empty_directory(tmp_path: Path) -> None:
    """`jt check` in an empty directory validates the bundled data and says so."""
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(bundled)" in result.stdout


def test_targets_and_scorecard(tmp_path: Path) -> None:
    """`jt targets 2026` and `jt scorecard 2026 --json` work on the bundled data."""
    targets = run("targets", "2026", cwd=tmp_path)
    assert targets.returncode == 0, targets.stderr
    assert "城镇新增就业" in targets.stdout
    card = run("scorecard", "2026", "--json", cwd=tmp_path)
    assert card.returncode == 0, card.stderr
    assert json.loads(card.stdout)["schema"] == "jinan-targets/scorecard/1"


def test_python_dash_m(tmp_path: Path) -> None:
    """`python -m jinan_targets` is the same program."""
    result = subprocess.run(
        [sys.executable, "-m", "jinan_targets", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "jinan-targets" in result.stdout


def test_local_plans_win_over_bundled(tmp_path: Path) -> None:
    """A ./plans directory in the working directory is used before the bundled copy."""
    init = run("init", "plans", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    result = run("check", cwd=tmp_path)
    assert "(./plans)" in result.stdout


@pytest.mark.parametrize(
    "name", ["report.md", "report.html", "report.csv", "report.xlsx", "report.json"]
)
def test_export_every_format(tmp_path: Path, name: str) -> None:
    """The installed `jt` exports the shipped data in every format from an empty directory."""
    result = run("export", "2025", "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / name
    targets = 10  # the 2025 plan's main targets
    if name.endswith(".json"):
        assert len(json.loads(out.read_text(encoding="utf-8"))["rows"]) == targets
    elif name.endswith(".csv"):
        text = out.read_text(encoding="utf-8-sig")
        assert len(list(csv.DictReader(io.StringIO(text)))) == targets
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook

        assert load_workbook(out)["计分卡 Scorecard"].max_row == targets + 1
    elif name.endswith(".html"):
        assert out.read_text(encoding="utf-8").count("<tr data-indicator=") == targets
    else:
        scorecard = out.read_text(encoding="utf-8").split("## 历年走势")[0]  # before the trends
        assert scorecard.count("| 15万人以上 | 21万人") == 1


def test_extract_a_plan_with_the_installed_jt(tmp_path: Path) -> None:
    """The installed `jt extract` drafts a plan from a document, as the README shows."""
    doc = Path(__file__).parent / "data" / "linshui_2027_plan.txt"
    result = run("extract", str(doc), "-j", "jinan", "--year", "2027", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'indicator = "gdp_growth"' in result.stdout
    assert "项目标 targets" in result.stderr
