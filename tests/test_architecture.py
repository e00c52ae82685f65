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
        "import jinan_targets.index, jinan_targets.outcomes, jinan_targets.appending\n"
        "import jinan_targets.validation, jinan_targets.workspace, jinan_targets.report\n"
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


def test_help_does_not_load_the_core() -> None:
    """`jt --help` imports neither pydantic nor cn2an: heavy imports wait for a command."""
    code = (
        "import sys\n"
        "from jinan_targets.cli import app\n"
        "from typer.testing import CliRunner\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "heavy = sorted(m for m in ('pydantic', 'cn2an', 'openpyxl') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_env_var_name_agrees() -> None:
    """The CLI's help and the loader name the same environment variable."""
    from jinan_targets.cli.common import ENV_VAR as CLI_ENV_VAR
    from jinan_targets.store import ENV_VAR

    assert CLI_ENV_VAR == ENV_VAR


def test_every_command_knows_its_module() -> None:
    """`jt COMMAND` loads only COMMAND's module: the map covers every registered command, and the
    module it names is the one that defines the command."""
    import typer

    from jinan_targets.cli import COMMANDS, _modules_for, app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert name in COMMANDS, name
        module = command.callback.__module__.rsplit(".", 1)[-1]
        assert COMMANDS[name] == module, name
    assert _modules_for(["--plans", "record", "scorecard", "2026"]) == ("view",)
    assert _modules_for(["--help"]) == (
        "view",
        "catalog",
        "record",
        "importing",
        "extract",
        "history",
        "views",
        "export",
    )
    assert _modules_for(["nonsense"]) == (
        "view",
        "catalog",
        "record",
        "importing",
        "extract",
        "history",
        "views",
        "export",
    )


def test_a_warm_scorecard_does_not_import_the_validator(plans: object) -> None:
    """Reading through the index needs no pydantic: catalogs, plans and logs were checked when
    they were first read, and are kept checked."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from jinan_targets.index import IndexedLoader\n"
        "from jinan_targets.store import open_workspace\n"
        "from jinan_targets.scorecard import build_scorecard\n"
        "root, db = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "build_scorecard(open_workspace(root, loader=IndexedLoader(db)), 'jinan', 2026)\n"
        "bad = sorted(m for m in ('pydantic', 'jinan_targets.validation') if m in sys.modules)\n"
        "print(bad)\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/index.sqlite"
        first = subprocess.run([sys.executable, "-c", code, str(plans), db],
                               capture_output=True, text=True)  # fmt: skip
        assert first.returncode == 0, first.stderr
        again = subprocess.run([sys.executable, "-c", code, str(plans), db],
                               capture_output=True, text=True)  # fmt: skip
        assert again.stdout.strip() == "[]", again.stdout
