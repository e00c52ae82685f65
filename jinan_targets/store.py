"""Find the workspace, load it with precise problems, and copy it.

Loading never raises for bad data: every problem is collected as a :class:`Problem` naming
the file, the line and the field, so ``jt check`` can list them all at once. Records that
fail validation are left out of the loaded workspace; the rest stays usable.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .journal import outcome_digest
from .model import (
    Category,
    Comparator,
    Indicator,
    Jurisdiction,
    Kind,
    Outcome,
    Plan,
    PlanMeta,
    Target,
)
from .period import PeriodError, parse_period
from .quantity import QuantityError, parse_quantity, to_unit

__all__ = [
    "ENV_VAR",
    "Problem",
    "Workspace",
    "WorkspaceError",
    "bundled_plans_dir",
    "copy_workspace",
    "find_plans_dir",
    "load_workspace",
]

ENV_VAR = "JINAN_TARGETS_PLANS"
INDICATORS_FILE = "indicators.toml"
JURISDICTIONS_FILE = "jurisdictions.toml"
_PLAN_NAME = re.compile(r"^(\d{4})\.toml$")
_OUTCOMES_NAME = re.compile(r"^(\d{4})\.outcomes\.toml$")


class WorkspaceError(Exception):
    """The workspace cannot be used at all (missing directory, read-only copy)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the file allows."""

    path: Path
    line: int | None
    field: str
    message: str

    def format(self, root: Path | None = None) -> str:
        path = self.path
        if root is not None:
            try:
                path = self.path.relative_to(root.parent)
            except ValueError:
                path = self.path
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass
class Workspace:
    """Everything under one plans directory, validated."""

    root: Path
    bundled: bool = False
    origin: str = ""
    categories: dict[str, Category] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    plans: dict[tuple[str, int], Plan] = field(default_factory=dict)
    outcomes: dict[str, list[Outcome]] = field(default_factory=dict)
    log: dict[str, list[Outcome]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def plan(self, jurisdiction: str, year: int) -> Plan | None:
        return self.plans.get((jurisdiction, year))

    def years(self, jurisdiction: str) -> list[int]:
        return sorted(y for j, y in self.plans if j == jurisdiction)

    def outcomes_for(self, jurisdiction: str, indicator: str | None = None) -> list[Outcome]:
        """The figures in force: every record except retractions and what they withdrew."""
        records = self.outcomes.get(jurisdiction, [])
        if indicator is None:
            return list(records)
        return [o for o in records if o.indicator == indicator]

    def log_for(self, jurisdiction: str, indicator: str | None = None) -> list[Outcome]:
        """Every record ever appended, retractions and withdrawn ones included."""
        records = self.log.get(jurisdiction, [])
        return [o for o in records if indicator is None or o.indicator == indicator]

    def outcomes_path(self, jurisdiction: str, year: int) -> Path:
        return self.root / jurisdiction / f"{year}.outcomes.toml"

    def source_of(self, plan: Plan, target: Target) -> str:
        return target.source or plan.plan.source


# --------------------------------------------------------------------------- discovery


def bundled_plans_dir() -> Path | None:
    """The dataset shipped inside the package (or beside it in a source checkout)."""
    packaged = Path(str(resources.files("jinan_targets"))) / "_data" / "plans"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "plans"
    if (checkout / INDICATORS_FILE).is_file():
        return checkout
    return None


def find_plans_dir(
    explicit: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[Path, bool, str]:
    """Resolve the plans directory: ``--plans``, then $JINAN_TARGETS_PLANS, then ./plans,
    then the bundled read-only copy. Returns (path, bundled, how it was chosen)."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    if explicit is not None:
        if not explicit.is_dir():
            raise WorkspaceError(f"--plans {explicit}: 目录不存在 no such directory")
        return explicit.resolve(), False, "--plans"
    if env.get(ENV_VAR):
        path = Path(env[ENV_VAR])
        if not path.is_dir():
            raise WorkspaceError(f"${ENV_VAR}={path}: 目录不存在 no such directory")
        return path.resolve(), False, f"${ENV_VAR}"
    local = cwd / "plans"
    if local.is_dir():
        return local.resolve(), False, "./plans"
    bundled = bundled_plans_dir()
    if bundled is None:
        raise WorkspaceError("找不到数据 no plans directory and no bundled dataset")
    return bundled, True, "bundled"


def copy_workspace(dest: Path, source: Path | None = None) -> Path:
    """``jt init``: copy a dataset into a new, writable workspace directory."""
    source = source or bundled_plans_dir()
    if source is None:
        raise WorkspaceError("找不到内置数据 no bundled dataset to copy")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise WorkspaceError(f"{dest}: 已存在且非空 exists and is not empty")
    shutil.copytree(source, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.lock"))
    for path in dest.rglob("*"):
        mode = path.stat().st_mode
        path.chmod(mode | 0o200)  # the packaged copy may be read-only
    return dest


# --------------------------------------------------------------------------- locating lines


class _Lines:
    """Map (array of tables, index, key) to a line number in a TOML file's text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            m = re.match(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]", line) or re.match(
                r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]", line
            )
            if m:
                self.tables.setdefault(m.group(1), []).append(number)

    def find(self, table: str | None, index: int = 0, key: str | None = None) -> int | None:
        start, end = 1, len(self.lines)
        if table is not None:
            starts = self.tables.get(table, [])
            if index >= len(starts):
                return None
            start = starts[index]
            later = [n for ns in self.tables.values() for n in ns if n > start]
            end = min(later) - 1 if later else len(self.lines)
        if key:
            pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
            for number in range(start, end + 1):
                if pattern.match(self.lines[number - 1]):
                    return number
        return start if table is not None else None


def _read_toml(
    path: Path, problems: list[Problem], *, recover: str | None = None
) -> tuple[dict[str, Any], _Lines] | None:
    """Parse a TOML file. With ``recover`` (an array-of-tables name), a file that does not parse
    is read record by record and each damaged record is reported and replaced by None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, None, "", f"无法读取 cannot read: {exc.strerror}"))
        return None
    bad_utf8 = False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if recover is None:
            problems.append(Problem(path, None, "", f"不是UTF-8文本 not UTF-8 text ({exc.reason})"))
            return None
        # A log cut inside a character: read what is whole, drop the record holding the cut.
        text, bad_utf8 = raw.decode("utf-8", errors="replace"), True
    error: str | tomllib.TOMLDecodeError = "invalid UTF-8 (a write cut inside a character?)"
    if not bad_utf8:
        try:
            return tomllib.loads(text, parse_float=Decimal), _Lines(text)
        except tomllib.TOMLDecodeError as exc:
            error = exc
    if recover is not None:
        recovered = _recover(path, text, recover, problems, bad_utf8=bad_utf8)
        if recovered is not None:
            return recovered, _Lines(text)
    line, msg = _toml_error(error)
    problems.append(Problem(path, line, "", f"TOML语法错误 bad TOML: {msg}"))
    return None


def _toml_error(exc: str | tomllib.TOMLDecodeError, offset: int = 0) -> tuple[int | None, str]:
    msg = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    if not m:
        return None, msg
    return int(m.group(1)) + offset, msg[: m.start()].strip()


def _recover(
    path: Path, text: str, table: str, problems: list[Problem], *, bad_utf8: bool = False
) -> dict[str, Any] | None:
    """Read a log record by record; damaged records (an interrupted write) become None."""
    lines = text.splitlines(keepends=True)
    torn_tail = False
    if lines and not lines[-1].endswith("\n"):
        # The last line was cut off mid-write. A cut header or comment ("[[outc", "# x") only
        # costs that line; a cut key line means the record it belongs to is incomplete.
        partial = lines.pop()
        if partial.lstrip().startswith(("[", "#")) or not partial.strip():
            if partial.strip():
                message = (
                    f"行不完整 incomplete last line (an interrupted write?), dropped: {partial!r}"
                )
                problems.append(Problem(path, len(lines) + 1, "", message))
        else:
            torn_tail = True
    header = re.compile(rf"^\[\[\s*{re.escape(table)}\s*\]\]\s*$")
    starts = [i for i, line in enumerate(lines) if header.match(line)]
    if not starts:
        return None
    try:
        preamble = tomllib.loads("".join(lines[: starts[0]]), parse_float=Decimal)
    except tomllib.TOMLDecodeError:
        return None  # the damage is not in a record: report the file as unreadable
    records: list[Any] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = "".join(lines[start:end])
        problem: str | tomllib.TOMLDecodeError | None = None
        parsed: dict[str, Any] = {}
        if torn_tail and n == len(starts) - 1:
            problem, end = "its last line was cut short", end + 1
        elif bad_utf8 and "\ufffd" in chunk:
            problem = "invalid UTF-8"
        else:
            try:
                parsed = tomllib.loads(chunk, parse_float=Decimal)
            except tomllib.TOMLDecodeError as exc:
                problem = exc
        if problem is not None:
            line, msg = _toml_error(problem, start)
            where = f" at line {line}" if line else ""
            message = (
                f"记录损坏 damaged record (an interrupted write?), left out: {msg}{where}; "
                f"delete lines {start + 1}–{end} once checked"
            )
            problems.append(Problem(path, start + 1, f"{table}[{n}]", message))
            records.append(None)
            continue
        records.extend(parsed.get(table, [None]))
    return {**preamble, table: records}


def _pydantic_problems(
    exc: ValidationError, path: Path, lines: _Lines, table: str | None, index: int, prefix: str
) -> Iterator[Problem]:
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        key = loc[0] if loc else None
        msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            msg = "未知字段 unknown key"
        elif err["type"] == "missing":
            msg = "缺少字段 missing required field"
        line = lines.find(table, index, key if err["type"] != "missing" else None)
        where = ".".join(p for p in [prefix, *loc] if p)
        yield Problem(path, line, where, msg)


def _validate(
    model: type[BaseModel],
    data: Any,
    path: Path,
    lines: _Lines,
    table: str | None,
    index: int,
    prefix: str,
    problems: list[Problem],
) -> Any:
    if not isinstance(data, dict):
        problems.append(Problem(path, lines.find(table, index), prefix, "须为表 must be a table"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, path, lines, table, index, prefix))
        return None


def _records(
    data: dict[str, Any], key: str, path: Path, lines: _Lines, problems: list[Problem]
) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(Problem(path, lines.find(key), key, f"须为[[{key}]]表数组 array of tables"))
        return []
    return value


def _resolve_values(
    raw: dict[str, Any],
    indicators: Mapping[str, Indicator],
    keys: tuple[str, ...],
    where: tuple[Path, _Lines, str, int, str],
    problems: list[Problem],
) -> bool:
    """Turn ``value = "15万人"`` into a Decimal in the indicator's unit; False on failure."""
    path, lines, table, index, prefix = where
    ok = True
    indicator = indicators.get(str(raw.get("indicator", "")))
    for key in keys:
        value = raw.get(key)
        if isinstance(value, bool | float):
            problems.append(
                Problem(
                    path,
                    lines.find(table, index, key),
                    f"{prefix}.{key}",
                    "须为数值 must be a number",
                )
            )
            ok = False
        elif isinstance(value, int):
            raw[key] = Decimal(value)
        elif isinstance(value, str):
            if indicator is None:
                continue  # reported as an unknown indicator
            try:
                raw[key] = to_unit(parse_quantity(value), indicator.unit, what=indicator.name)
            except QuantityError as exc:
                line = lines.find(table, index, key)
                problems.append(Problem(path, line, f"{prefix}.{key}", str(exc)))
                ok = False
    return ok


# --------------------------------------------------------------------------- loading


def load_workspace(root: Path, *, bundled: bool = False, origin: str = "") -> Workspace:
    """Load and validate a plans directory; problems are collected, never raised."""
    ws = Workspace(root=root, bundled=bundled, origin=origin)
    _load_catalog(ws)
    _load_jurisdictions(ws)
    if not root.is_dir():
        return ws
    for directory in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(directory.glob("*.toml"))
        if not files:
            continue
        if directory.name not in ws.jurisdictions:
            ws.problems.append(
                Problem(
                    directory,
                    None,
                    "",
                    (
                        f"未知辖区 unknown jurisdiction '{directory.name}' "
                        f"(not in {JURISDICTIONS_FILE})"
                    ),
                )
            )
            continue
        for path in files:
            if m := _OUTCOMES_NAME.match(path.name):
                _load_outcomes(ws, path, directory.name, int(m.group(1)))
            elif m := _PLAN_NAME.match(path.name):
                _load_plan(ws, path, directory.name, int(m.group(1)))
            else:
                ws.problems.append(
                    Problem(
                        path,
                        None,
                        "",
                        (
                            "文件名无法识别 unexpected file name "
                            "(want <year>.toml or <year>.outcomes.toml)"
                        ),
                    )
                )
    for jurisdiction, records in ws.log.items():
        ws.outcomes[jurisdiction] = in_force(records)
    return ws


def in_force(records: list[Outcome]) -> list[Outcome]:
    """Drop retraction records and the records they withdraw."""
    withdrawn = {(o.indicator, o.period, o.retracts) for o in records if o.retracts is not None}
    return [
        o
        for o in records
        if o.retracts is None and (o.indicator, o.period, o.recorded_at) not in withdrawn
    ]


def _load_catalog(ws: Workspace) -> None:
    path = ws.root / INDICATORS_FILE
    if not path.is_file():
        ws.problems.append(Problem(path, None, "", "缺少指标目录 missing indicator catalog"))
        return
    read = _read_toml(path, ws.problems)
    if read is None:
        return
    data, lines = read
    for key in data:
        if key not in ("category", "indicator"):
            ws.problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    for i, raw in enumerate(_records(data, "category", path, lines, ws.problems)):
        cat = _validate(Category, raw, path, lines, "category", i, f"category[{i}]", ws.problems)
        if cat is None:
            continue
        if cat.id in ws.categories:
            ws.problems.append(
                Problem(
                    path,
                    lines.find("category", i, "id"),
                    f"category[{i}].id",
                    f"重复的类别 duplicate category '{cat.id}'",
                )
            )
        ws.categories[cat.id] = cat
    for i, raw in enumerate(_records(data, "indicator", path, lines, ws.problems)):
        where = f"indicator[{i}]"
        ind = _validate(Indicator, raw, path, lines, "indicator", i, where, ws.problems)
        if ind is None:
            continue
        if ind.id in ws.indicators:
            ws.problems.append(
                Problem(
                    path,
                    lines.find("indicator", i, "id"),
                    f"{where}.id",
                    f"重复的指标 duplicate indicator '{ind.id}'",
                )
            )
            continue
        if ind.category not in ws.categories:
            ws.problems.append(
                Problem(
                    path,
                    lines.find("indicator", i, "category"),
                    f"{where}.category",
                    f"未知类别 unknown category '{ind.category}'",
                )
            )
        ws.indicators[ind.id] = ind


def _load_jurisdictions(ws: Workspace) -> None:
    path = ws.root / JURISDICTIONS_FILE
    if not path.is_file():
        ws.problems.append(Problem(path, None, "", "缺少辖区目录 missing jurisdiction catalog"))
        return
    read = _read_toml(path, ws.problems)
    if read is None:
        return
    data, lines = read
    for key in data:
        if key != "jurisdiction":
            ws.problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    raws = _records(data, "jurisdiction", path, lines, ws.problems)
    for i, raw in enumerate(raws):
        where = f"jurisdiction[{i}]"
        j = _validate(Jurisdiction, raw, path, lines, "jurisdiction", i, where, ws.problems)
        if j is not None:
            ws.jurisdictions[j.id] = j
    for i, j in enumerate(ws.jurisdictions.values()):
        if j.parent is not None and j.parent not in ws.jurisdictions:
            ws.problems.append(
                Problem(
                    path,
                    lines.find("jurisdiction", i, "parent"),
                    f"jurisdiction[{i}].parent",
                    f"未知上级辖区 unknown parent '{j.parent}'",
                )
            )


def _load_plan(ws: Workspace, path: Path, jurisdiction: str, year: int) -> None:
    read = _read_toml(path, ws.problems)
    if read is None:
        return
    data, lines = read
    problems = ws.problems
    for key in data:
        if key not in ("plan", "target"):
            problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    meta = _validate(PlanMeta, data.get("plan"), path, lines, "plan", 0, "plan", problems)
    if meta is None:
        return
    if meta.jurisdiction != jurisdiction:
        problems.append(
            Problem(
                path,
                lines.find("plan", 0, "jurisdiction"),
                "plan.jurisdiction",
                f"与目录不符 '{meta.jurisdiction}' does not match directory '{jurisdiction}'",
            )
        )
    if meta.year != year:
        problems.append(
            Problem(
                path,
                lines.find("plan", 0, "year"),
                "plan.year",
                f"与文件名不符 {meta.year} does not match file name {year}",
            )
        )
    targets: list[Target] = []
    seen: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(_records(data, "target", path, lines, problems)):
        where = f"target[{i}]"
        if isinstance(raw, dict) and not _resolve_values(
            raw, ws.indicators, ("value", "high"), (path, lines, "target", i, where), problems
        ):
            continue
        target = _validate(Target, raw, path, lines, "target", i, where, problems)
        if target is None:
            continue
        if not _check_target(ws, target, meta, (path, lines, i, where)):
            continue
        slot = (target.indicator, str(target.period_in(year)))
        if slot in seen:
            problems.append(
                Problem(
                    path,
                    lines.find("target", i, "indicator"),
                    f"{where}.indicator",
                    f"重复的目标 duplicate target for '{target.indicator}' "
                    f"(first at target[{seen[slot]}])",
                )
            )
            continue
        seen[slot] = i
        targets.append(target)
    ws.plans[(jurisdiction, year)] = Plan(plan=meta, target=tuple(targets))


def _check_target(
    ws: Workspace, target: Target, meta: PlanMeta, where: tuple[Path, _Lines, int, str]
) -> bool:
    path, lines, i, prefix = where
    problems = ws.problems
    ind = ws.indicators.get(target.indicator)
    if ind is None:
        problems.append(
            Problem(
                path,
                lines.find("target", i, "indicator"),
                f"{prefix}.indicator",
                f"未知指标 unknown indicator '{target.indicator}'",
            )
        )
        return False
    if ind.kind is Kind.QUALITATIVE and target.comparator is not Comparator.QUALITATIVE:
        problems.append(
            Problem(
                path,
                lines.find("target", i, "comparator"),
                f"{prefix}.comparator",
                f"定性指标 '{ind.id}' is qualitative: comparator must be qualitative",
            )
        )
        return False
    if target.reference is not None and target.reference not in ws.indicators:
        problems.append(
            Problem(
                path,
                lines.find("target", i, "reference"),
                f"{prefix}.reference",
                f"未知指标 unknown indicator '{target.reference}'",
            )
        )
        return False
    rj = target.reference_jurisdiction
    if rj is not None and rj not in ws.jurisdictions:
        problems.append(
            Problem(
                path,
                lines.find("target", i, "reference_jurisdiction"),
                f"{prefix}.reference_jurisdiction",
                f"未知辖区 unknown jurisdiction '{rj}'",
            )
        )
        return False
    period = target.period_in(meta.year)
    if not period.within(meta.year):
        problems.append(
            Problem(
                path,
                lines.find("target", i, "period"),
                f"{prefix}.period",
                f"时期 {period} 不在计划年度 outside the plan's year {meta.year}",
            )
        )
        return False
    return True


def _load_outcomes(ws: Workspace, path: Path, jurisdiction: str, year: int) -> None:
    read = _read_toml(path, ws.problems, recover="outcome")
    if read is None:
        return
    data, lines = read
    problems = ws.problems
    for key in data:
        if key != "outcome":
            problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    records = ws.log.setdefault(jurisdiction, [])
    for i, raw in enumerate(_records(data, "outcome", path, lines, problems)):
        where = f"outcome[{i}]"
        if raw is None:
            continue  # a damaged record, already reported
        if isinstance(raw, dict) and "digest" in raw and outcome_digest(raw) != raw["digest"]:
            line = lines.find("outcome", i, "digest")
            message = "校验不符 digest mismatch: the record was altered or cut short; left out"
            problems.append(Problem(path, line, f"{where}.digest", message))
            continue
        if isinstance(raw, dict) and not _resolve_values(
            raw, ws.indicators, ("value",), (path, lines, "outcome", i, where), problems
        ):
            continue
        outcome = _validate(Outcome, raw, path, lines, "outcome", i, where, problems)
        if outcome is None:
            continue
        ind = ws.indicators.get(outcome.indicator)
        if ind is None:
            problems.append(
                Problem(
                    path,
                    lines.find("outcome", i, "indicator"),
                    f"{where}.indicator",
                    f"未知指标 unknown indicator '{outcome.indicator}'",
                )
            )
            continue
        if ind.kind is Kind.QUALITATIVE and outcome.value is not None:
            problems.append(
                Problem(
                    path,
                    lines.find("outcome", i, "value"),
                    f"{where}.value",
                    f"定性指标 '{ind.id}' takes a verdict, not a value",
                )
            )
            continue
        try:
            period = parse_period(outcome.period)
        except PeriodError as exc:  # pragma: no cover - validated by the model
            problems.append(Problem(path, lines.find("outcome", i, "period"), where, str(exc)))
            continue
        if not period.within(year):
            problems.append(
                Problem(
                    path,
                    lines.find("outcome", i, "period"),
                    f"{where}.period",
                    f"时期 {period} 不属于文件年度 not in this file's year {year}",
                )
            )
            continue
        records.append(outcome)
