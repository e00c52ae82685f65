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


def _import_graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports, anywhere in its body
    (lazy imports inside functions count; imports only for type checkers do not)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    modules: dict[str, Path] = {}
    for path in (root / "jinan_targets").rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}

    def type_only(node: ast.If) -> bool:
        return "TYPE_CHECKING" in ast.unparse(node.test)

    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        todo: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
        while todo:
            node = todo.pop()
            if isinstance(node, ast.If) and type_only(node):
                todo.extend(node.orelse)
                continue
            todo.extend(ast.iter_child_nodes(node))
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [target, *(f"{target}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles() -> None:
    """model → validation → workspace → model and scorecard ↔ text are gone, and stay gone."""
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_can_fail() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_judging_and_rendering_take_the_loaded_data_not_the_file_finders() -> None:
    """Judging, views, reports and renderers depend on the plain model types (``dataset``),
    never on the modules that find, read or validate files; judging never formats."""
    graph = _import_graph()
    finders = ("workspace", "store", "index", "catalogs", "validation", "tomlfile", "logfile")
    file_modules = {f"jinan_targets.{m}" for m in finders}
    pure = ["assess", "scorecard", "views", "yearview", "report", "dataset", "model"]
    pure += [
        m.removeprefix("jinan_targets.") for m in graph if m.startswith("jinan_targets.render")
    ]
    for name in pure:
        reached = graph[f"jinan_targets.{name}"] & file_modules
        assert not reached, (name, reached)
    for judge in ("assess", "scorecard"):
        assert "jinan_targets.text" not in graph[f"jinan_targets.{judge}"], judge
    assert "jinan_targets.validation" not in graph["jinan_targets.model"]
