"""Finding the workspace as git finds a repository, --plans anywhere, paths as they open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jinan_targets.cli import app
from jinan_targets.cli.common import hoist_plans
from jinan_targets.dataset import Problem, shown_path
from jinan_targets.workspace import ENV_VAR, find_plans_dir


def test_the_current_directory_or_a_parent_is_found_first(plans: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    (other / "plans").mkdir(parents=True)
    (other / "plans" / "indicators.toml").write_text("", encoding="utf-8")
    deep = plans / "jinan"
    assert find_plans_dir(cwd=plans, env={})[0] == plans.resolve()
    assert find_plans_dir(cwd=deep, env={})[:1] == (plans.resolve(),)
    # inside a workspace, the enclosing one wins over the environment variable and ./plans
    assert find_plans_dir(cwd=deep, env={ENV_VAR: str(other / "plans")})[0] == plans.resolve()
    # outside any workspace: the environment variable, then ./plans
    assert find_plans_dir(cwd=other, env={ENV_VAR: str(plans)})[0] == plans.resolve()
    assert find_plans_dir(cwd=other, env={})[0] == (other / "plans").resolve()
    # --plans beats everything
    assert find_plans_dir(other / "plans", cwd=deep, env={})[0] == (other / "plans").resolve()


@pytest.mark.parametrize(
    ("args", "hoisted"),
    [
        (["scorecard", "2026", "--plans", "ws"], ["--plans", "ws", "scorecard", "2026"]),
        (["--plans", "ws", "scorecard", "2026"], ["--plans", "ws", "scorecard", "2026"]),
        (["record", "x", "1", "--plans=ws"], ["--plans=ws", "record", "x", "1"]),
        (["record", "x", "--", "--plans", "ws"], ["record", "x", "--", "--plans", "ws"]),
        (["--version"], ["--version"]),
        ([], []),
    ],
)
def test_plans_is_accepted_after_the_command(args: list[str], hoisted: list[str]) -> None:
    assert hoist_plans(args) == hoisted


def test_a_newcomer_works_inside_jt_init_without_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()
    ws = tmp_path / "jinan-plans"
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    monkeypatch.chdir(ws / "jinan")
    r = runner.invoke(app, ["record", "就业", "4.2万", "-p", "2026-Q1"])
    assert r.exit_code == 0, r.output
    assert "4.2" in (ws / "jinan" / "2026.outcomes.toml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["scorecard", "2026", "--plans", str(ws), "--json"])
    assert r.exit_code == 0, r.output
    assert '"urban_new_jobs"' in r.stdout


def test_check_names_files_as_they_open_from_here(
    plans: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = plans / "jinan" / "2026.outcomes.toml"
    with log.open("a", encoding="utf-8") as f:
        f.write("\n[[outcome]]\nindicator = 1\n")
    runner = CliRunner()
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(plans / "jinan")
    inside = runner.invoke(app, ["check"])
    assert inside.exit_code == 1
    assert inside.stdout.startswith("2026.outcomes.toml:"), inside.stdout
    monkeypatch.chdir(tmp_path / "..")
    outside = runner.invoke(app, ["--plans", str(plans), "check"])
    first = outside.stdout.splitlines()[0]
    assert Path(first.split(":", 1)[0]).exists(), first


@pytest.mark.parametrize(
    ("path", "cwd", "shown"),
    [
        ("/a/b/c.toml", "/a", "b/c.toml"),
        ("/a/b/c.toml", "/a/b", "c.toml"),
        ("/a/b/c.toml", "/x", "/a/b/c.toml"),
    ],
)
def test_shown_path(path: str, cwd: str, shown: str) -> None:
    assert shown_path(Path(path), Path(cwd)) == shown
    assert Problem(Path(path), 3, "f", "m").format(Path(cwd)) == f"{shown}:3: f: m"


def test_the_installed_jt_finds_the_workspace_it_stands_in(tmp_path: Path) -> None:
    jt = Path(sys.executable).with_name("jt")
    if not jt.exists():
        pytest.skip("jt is not installed beside this Python")
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    ws = tmp_path / "w"
    subprocess.run([str(jt), "init", str(ws)], check=True, capture_output=True, env=env)
    r = subprocess.run(
        [str(jt), "check"], cwd=ws / "jinan", capture_output=True, text=True, env=env
    )
    assert r.returncode == 0, r.stderr
    assert str(ws.resolve()) in r.stdout
