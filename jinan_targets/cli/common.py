"""Shared pieces of the command line: the Typer app, global options, errors and loading.

Exit codes: 0 ok; 1 a finding (``jt check`` found problems); 2 bad usage or bad input.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .. import __version__
from ..excerpt import excerpt
from ..visible import visible
from .streams import guard_streams

if TYPE_CHECKING:  # the core (pydantic) is imported on first use: `jt --help` stays fast
    from ..model import Status
    from ..scorecard import Scorecard
    from ..store import Workspace

ENV_VAR = "JINAN_TARGETS_PLANS"  # the same name as store.ENV_VAR, checked by a test

HELP = f"""济南市国民经济和社会发展计划目标跟踪 · Track Jinan's plan targets against outcomes.

The plans directory is chosen in this order: --plans DIR (before or after the command);
the current directory or its nearest parent that is a plans directory (it holds
indicators.toml), as git finds a repository; the environment variable {ENV_VAR};
./plans when it exists; else the read-only dataset bundled with the package (copy it with
`jt init DIR` to edit it, then work inside DIR).

Exit codes: 0 ok, 1 a finding (check failed), 2 bad usage or input."""


def hoist_plans(args: list[str]) -> list[str]:
    """``jt scorecard 2026 --plans ws`` is ``jt --plans ws scorecard 2026``: a ``--plans``
    after the command (never after ``--``) moves before it, where the group option lives."""
    command = next((i for i, a in enumerate(args) if not a.startswith("-")), None)
    if command is not None and command > 0 and args[command - 1] == "--plans":
        command = next(
            (i for i, a in enumerate(args) if i > command and not a.startswith("-")), None
        )
    if command is None:
        return args
    head, rest, moved = args[:command], [], []
    tail = args[command:]
    i = 0
    while i < len(tail):
        arg = tail[i]
        if arg == "--":
            rest += tail[i:]
            break
        if arg == "--plans" and i + 1 < len(tail):
            moved += tail[i : i + 2]
            i += 2
            continue
        if arg.startswith("--plans="):
            moved.append(arg)
        else:
            rest.append(arg)
        i += 1
    return [*head, *moved, *rest]


class _Group(TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        parsed: list[str] = super().parse_args(ctx, hoist_plans(list(args)))
        return parsed


app = typer.Typer(
    cls=_Group,
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@dataclass
class State:
    plans: Path | None = None
    workspace: Any = None  # loaded once per command


JurisdictionOpt = Annotated[
    str,
    typer.Option(
        "--jurisdiction", "-j", metavar="ID", help="Jurisdiction id (see `jt jurisdictions`)."
    ),
]
JurisdictionsOpt = Annotated[
    str,
    typer.Option(
        "--jurisdiction",
        "-j",
        metavar="ID[,ID…]",
        help="Jurisdiction id, or several separated by commas (see `jt jurisdictions`).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")]
LangOpt = Annotated[
    str, typer.Option("--lang", metavar="zh|en", help="Labels: zh (default) or en.")
]
YearArg = Annotated[
    int | None, typer.Argument(metavar="[YEAR]", help="Plan year (default: the latest).")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="PERIOD",
        help="Judge with figures up to this period (2026-Q1, 上半年, 1—9月); "
        "default: the latest period of a figure that judges one of the plan's targets.",
    ),
]
AsRecordedOpt = Annotated[
    str | None,
    typer.Option(
        "--as-recorded",
        metavar="YYYY-MM-DD",
        help="Use only figures published (or recorded) by this date.",
    ),
]
OneCategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category", "-c", metavar="ID[,ID…]", help="Only these category ids, comma-separated."
    ),
]
CategoryOpt = OneCategoryOpt
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS[,…]",
        help="Only these statuses, comma-separated: 完成 met, 基本完成 basically_met, "
        "未完成 missed, 进度正常 on_track, 略滞后 at_risk, 滞后 off_track, 暂无数据 no_data, "
        "待评估 pending.",
    ),
]


def split_list(values: list[str] | None) -> list[str]:
    """-c a,b -c c → [a, b, c]: every list option takes commas (，too) and repeats."""
    out: list[str] = []
    for value in values or []:
        out += [part.strip() for part in value.replace("，", ",").split(",") if part.strip()]
    return out


def console(stderr: bool = False) -> Any:
    from ..render.terminal import make_console

    return make_console(stderr)


OUTPUT_FAILED = 3  # exit code: the output could not be written (full disk, closed pipe)


class OutputError(Exception):
    """Standard output refused what was written (full disk, closed pipe, an encoding that
    cannot show Chinese)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(describe_output_error(cause))
        self.cause = cause


def describe_output_error(exc: BaseException) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return (
            f"输出编码 {exc.encoding} 无法显示中文 the output encoding {exc.encoding} cannot show "
            "Chinese; set PYTHONIOENCODING=utf-8"
        )
    if isinstance(exc, BrokenPipeError):
        return "输出管道已关闭 the reader of the output went away (broken pipe)"
    if isinstance(exc, OSError):
        return f"无法写入标准输出 cannot write standard output: {exc.strerror or exc}"
    return f"无法写入标准输出 cannot write standard output: {exc}"


class GuardedStdout:
    """Standard output whose write errors become :class:`OutputError`, so the command line can
    tell a failing terminal or pipe from a failing command."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except (OSError, UnicodeEncodeError, ValueError) as exc:
            raise OutputError(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError) as exc:
            raise OutputError(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def silence_stdout() -> None:
    """After an output failure, point stdout at /dev/null so the exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit


def show(text: str, written: str = "") -> None:
    """Print ``text``. When it cannot be shown and ``written`` says a record was already
    written, say so on stderr and succeed: nobody should retry into a duplicate."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OutputError, OSError, UnicodeEncodeError, ValueError) as exc:
        if not written:
            raise exc if isinstance(exc, OutputError) else OutputError(exc) from None
        reason = str(exc) if isinstance(exc, OutputError) else describe_output_error(exc)
        sys.stderr.write(f"注意 warning: {written}; 但无法显示输出 but {reason}\n")
        silence_stdout()
        raise typer.Exit(0) from None


def show_bytes(data: bytes) -> None:
    """Write a binary file (XLSX) to standard output; a failing write is an
    :class:`OutputError` (exit 3), like text."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except (OSError, ValueError) as exc:
        raise OutputError(exc) from None


def terminal_width() -> int:
    """$COLUMNS, else the terminal's width, else 80 (as rich decides it, without rich)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    except ValueError:
        pass
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error on stderr, on one line with any control character escaped, and exit;
    never a traceback."""
    sys.stderr.write(f"错误 error: {visible(message)}\n")
    raise typer.Exit(code)


def emit_json(obj: Any) -> None:
    from ..jsonout import dumps

    sys.stdout.write(dumps(obj) + "\n")


def check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        fail(f"--lang must be zh or en, not {lang!r}")
    return lang


def load(ctx: typer.Context, *, quiet: bool = False, everything: bool = False) -> "Workspace":
    """The workspace: catalogs now, plans and logs as the command asks for them (through the
    derived index); with ``everything`` they are read from the files themselves."""
    from ..index import index_loader
    from ..store import WorkspaceError, find_plans_dir, open_workspace

    state: State = ctx.ensure_object(State)
    if state.workspace is not None:
        return state.workspace  # type: ignore[no-any-return]
    try:
        root, bundled, origin = find_plans_dir(state.plans)
    except WorkspaceError as exc:
        fail(str(exc))
    warn = lambda line: sys.stderr.write(f"警告 warning: {line}\n")  # noqa: E731 - one line
    try:
        loader = None if everything else index_loader(root, warn)
    except (RuntimeError, KeyError, OSError):  # no home directory (no HOME, no passwd entry)
        loader = None  # and no cache configured: read the files themselves
    ws = open_workspace(root, bundled=bundled, origin=origin, loader=loader)
    if ws.fatal and not quiet:
        first = ws.fatal[0].format()
        fail(f"数据无法使用 the workspace cannot be used: {first} (run `jt check`)")
    if not quiet:
        # Plans and logs are read as the command needs them: count their problems at the end.
        ctx.call_on_close(lambda: _warn(ws))
    state.workspace = ws
    return ws


def find_indicators(ws: "Workspace", text: str | None) -> tuple[str, ...]:
    """The ids of a comma list of indicator names (-i 就业,gdp_growth), or exit 2 saying why."""
    from ..lookup import IndicatorLookupError, find_indicator

    out = []
    for name in split_list([text] if text else []):
        try:
            out.append(find_indicator(ws.indicators.values(), name).id)
        except IndicatorLookupError as exc:
            fail(f"--indicator: {exc}")
    return tuple(out)


def _warn(ws: "Workspace") -> None:
    if ws.problems:
        sys.stderr.write(
            f"注意 warning: {len(ws.problems)} problem(s) in {ws.root}; "
            "records with problems are left out (run `jt check`)\n"
        )


def check_categories(ws: "Workspace", categories: list[str] | None) -> tuple[str, ...]:
    wanted = tuple(split_list(categories))
    for category in wanted:
        if category not in ws.categories:
            known = ", ".join(ws.categories)
            fail(f"未知类别 unknown category {excerpt(category)} (known: {known})")
    return wanted


def resolve_jurisdiction(ws: "Workspace", jurisdiction: str) -> str:
    if (problem := ws.unread(jurisdiction)) is not None:
        fail(f"{jurisdiction} 的数据无法读取 cannot be read: {problem.format(ws.root)}")
    if jurisdiction not in ws.jurisdictions:
        known = ", ".join(ws.jurisdictions) or "none"
        fail(f"未知辖区 unknown jurisdiction {jurisdiction!r} (known: {known})")
    return jurisdiction


def resolve_year(ws: "Workspace", jurisdiction: str, year: int | None) -> int:
    years = ws.years(jurisdiction)
    if year is None:
        place = ws.root / jurisdiction
        unread = [
            int(p.name[:4]) for p in ws.unreadable if p.parent == place and p.name[:4].isdigit()
        ]
        if not years and not unread:
            fail(f"{jurisdiction} 没有计划 has no plans")
        year = max(years + unread)
    if (problem := ws.unread(jurisdiction, year)) is not None:
        fail(f"{jurisdiction} {year} 的数据无法读取 cannot be read: {problem.format(ws.root)}")
    if ws.plan(jurisdiction, year) is None:
        plan_file = ws.root / jurisdiction / f"{year}.toml"
        broken = [p for p in ws.problems if p.path == plan_file]
        if broken:
            fail(
                f"{jurisdiction} 的 {year} 年计划有问题 the {year} plan cannot be used: "
                f"{broken[0].format(ws.root)} (run `jt check` for all {len(broken)})"
            )
        listed = ", ".join(map(str, years)) or "none"
        fail(f"{jurisdiction} 没有 {year} 年计划 has no {year} plan (plans: {listed})")
    return year


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"jinan-targets {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    plans: Annotated[
        Path | None,
        typer.Option(
            "--plans",
            metavar="DIR",
            help="Plans directory (overrides the one found from the current directory, "
            f"${ENV_VAR} and ./plans); also accepted after the command.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    guard_streams()
    ctx.obj = State(plans=plans)


def parse_statuses(values: list[str]) -> tuple["Status", ...]:
    from ..model import Status
    from ..text import STATUS_LABELS

    words = {zh: s for s, (zh, _en) in STATUS_LABELS.items()}
    out: list[Status] = []
    for part in split_list(values):
        status = words.get(part) or next((s for s in Status if s.value == part), None)
        if status is None:
            known = ", ".join(f"{zh} {s.value}" for s, (zh, _en) in STATUS_LABELS.items())
            fail(f"未知状态 unknown status {excerpt(part)} (one of: {known})")
        out.append(status)
    return tuple(out)


def make_scorecard(
    ctx: typer.Context,
    year: int | None,
    jurisdiction: str,
    as_of: str | None,
    as_recorded: str | None,
    category: list[str] | None,
    status: list[str] | None,
    indicator: str | None = None,
) -> "Scorecard":
    """Load the workspace and build the scorecard the options ask for, or exit 2 saying why."""
    from datetime import date

    from ..period import PeriodError, parse_period
    from ..scorecard import ScorecardError, build_scorecard

    ws = load(ctx)
    place = resolve_jurisdiction(ws, jurisdiction)
    year = resolve_year(ws, place, year)
    period = None
    if as_of is not None:
        try:
            period = parse_period(as_of, default_year=year)
        except PeriodError as exc:
            fail(f"--as-of: {exc}")
    known_by = None
    if as_recorded is not None:
        try:
            known_by = date.fromisoformat(as_recorded)
        except ValueError:
            fail(f"--as-recorded: not a date (YYYY-MM-DD): {as_recorded!r}")
    try:
        return build_scorecard(
            ws,
            place,
            year,
            as_of=period,
            known_by=known_by,
            categories=check_categories(ws, category),
            statuses=parse_statuses(status or []),
            indicators=find_indicators(ws, indicator),
        )
    except ScorecardError as exc:
        fail(str(exc))
