"""The core is a library: importing it pulls in neither typer nor rich."""

from __future__ import annotations

import subprocess
import sys


def test_core_does_not_import_cli_libraries() -> None:
    """model, quantity, period, store, assess and scorecard stay free of typer and rich."""
    code = (
        "import sys\n"
        "import jinan_targets.model, jinan_targets.quantity, jinan_targets.period\n"
        "import jinan_targets.store, jinan_targets.assess, jinan_targets.scorecard\n"
        "from jinan_targets import load_workspace, build_scorecard\n"
        "bad = sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules)\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_library_use() -> None:
    """The documented library entry points work without the CLI."""
    from jinan_targets import build_scorecard, load_workspace
    from jinan_targets.store import bundled_plans_dir

    root = bundled_plans_dir()
    assert root is not None
    card = build_scorecard(load_workspace(root), "jinan", 2025)
    assert card.summary["met"] >= 1
