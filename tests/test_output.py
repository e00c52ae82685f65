"""Never a traceback: every output failure and hostile argument is one line and a defined exit
code, run through the real entry point in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

COMMANDS = [
    ("check",),
    ("indicators",),
    ("jurisdictions",),
    ("targets", "2026"),
    ("scorecard", "2025"),
    ("scorecard", "2025", "--json"),
    ("history", "就业"),
    ("export", "2025", "--format", "md"),
    ("record", "就业", "4万", "-p", "Q1", "--dry-run"),
]


def run(
    plans: Path, *args: str, stdout: Any = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "JINAN_TARGETS_PLANS": str(plans), "NO_COLOR": "1", **env}
    full_env.pop("JT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "jinan_targets", *args],
        env=full_env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
    )


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_stdout_to_dev_full(plans: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = run(plans, *args, stdout=full)
    assert result.returncode == 3
    assert "No space left" in one_line(result)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_closed_stdout(plans: Path, args: tuple[str, ...]) -> None:
    env = {**os.environ, "JINAN_TARGETS_PLANS": str(plans)}
    result = subprocess.run(
        [sys.executable, "-m", "jinan_targets", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        timeout=60,
    )
    assert result.returncode == 3
    assert "closed" in one_line(result)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_ascii_output_encoding(plans: Path, args: tuple[str, ...]) -> None:
    """Chinese output on an ASCII stream: one line naming the fix."""
    result = run(plans, *args, PYTHONIOENCODING="ascii")
    assert result.returncode == 3
    assert "PYTHONIOENCODING=utf-8" in one_line(result)


def test_broken_pipe(plans: Path) -> None:
    """A reader that goes away early: no traceback, exit 3."""
    env = {**os.environ, "JINAN_TARGETS_PLANS": str(plans), "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jinan_targets", "indicators", "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # gone before the command writes its first byte
    err = proc.stderr.read() if proc.stderr else b""
    assert proc.wait(timeout=60) == 3
    assert b"Traceback" not in err and err.count(b"\n") == 1


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_invalid_utf8_argument(plans: Path, args: tuple[str, ...]) -> None:
    bad = os.fsdecode(b"\xff\xfe")
    result = run(plans, *args, "--lang" if args[0] != "check" else "--json", bad)
    assert result.returncode == 2
    assert "not valid UTF-8" in one_line(result)


def test_path_component_over_255_bytes(plans: Path, tmp_path: Path) -> None:
    long = str(tmp_path / ("长" * 100))
    for args in (
        ("--plans", long, "check"),
        ("init", long),
        ("export", "2025", "-o", long + ".md"),
    ):
        result = run(plans, *args)
        assert result.returncode in (1, 2), result
        assert "too long" in one_line(result)


def test_recorded_then_output_fails_is_success(plans: Path) -> None:
    """Once the record is written, an output failure is one line saying so, and exit 0."""
    with open("/dev/full", "wb") as full:
        result = run(plans, "record", "就业", "4万", "-p", "Q1", stdout=full)
    assert result.returncode == 0
    assert "record was written" in one_line(result)
    from jinan_targets.store import load_workspace

    ws = load_workspace(plans)
    assert [o.value for o in ws.outcomes_for("jinan", "urban_new_jobs")].count(Decimal(4)) == 1


@pytest.mark.skipif(shutil.which("mkfifo") is None, reason="no mkfifo")
def test_fifo_in_the_workspace_does_not_hang(plans: Path) -> None:
    os.mkfifo(plans / "jinan" / "2030.outcomes.toml")
    result = run(plans, "scorecard", "2026", "--json")
    assert result.returncode == 0
    check = run(plans, "check")
    assert check.returncode == 1 and b"FIFO" in check.stdout
