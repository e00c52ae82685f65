"""Shared fixtures: a private copy of the shipped dataset and a CLI runner bound to it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from jinan_targets.cli import app

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
SHARED = REPO.parent / "shared"

# Generated cases are judged by what they find, not by how fast a loaded machine draws them.
settings.register_profile("jt", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jt")


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test keeps its derived index in a cache directory of its own."""
    monkeypatch.setenv("JINAN_TARGETS_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture()
def plans(tmp_path: Path) -> Path:
    """A writable copy of the shipped plans directory."""
    dest = tmp_path / "plans"
    shutil.copytree(PLANS, dest)
    return dest


Invoke = Callable[..., Result]


@pytest.fixture()
def jt(plans: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run `jt --plans <copy> ARGS…` through CliRunner with a fixed width and no colour."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("JINAN_TARGETS_PLANS", raising=False)
    runner = CliRunner()

    def invoke(*args: str, plans_dir: Path | None = None) -> Result:
        return runner.invoke(app, ["--plans", str(plans_dir or plans), *args])

    return invoke
