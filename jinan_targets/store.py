"""Load and validate a plans directory, reporting every problem with file, line and field.

Loading never raises for bad data: every problem is collected as a :class:`Problem` naming the
file, the line and the field, so ``jt check`` can list them all at once. Records that fail
validation are left out of the loaded workspace; the rest stays usable. Finding the directory
lives in :mod:`workspace`, reading a file safely in :mod:`tomlfile`, recovering a damaged
outcome log in :mod:`logfile`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .journal import outcome_digest
from .logfile import read_log
from .model import (
    Category,
    Comparator,
    Indicator,
    Jurisdiction,
    Kind,
    Outcome,
    Plan,
    PlanMeta,
    Source,
    Target,
)
from .period import PeriodError, parse_period
from .quantity import QuantityError, parse_quantity, to_unit
from .tomlfile import Lines as _Lines
from .tomlfile import ReadError, TomlError, parse_toml, read_bytes, toml_error
from .workspace import (
    ENV_VAR,
    INDICATORS_FILE,
    JURISDICTIONS_FILE,
    SOURCES_FILE,
    Problem,
    Workspace,
    WorkspaceError,
    bundled_plans_dir,
    copy_workspace,
    find_plans_dir,
)

__all__ = [
    "ENV_VAR",
    "Problem",
    "Workspace",
    "WorkspaceError",
    "bundled_plans_dir",
    "copy_workspace",
    "find_plans_dir",
    "in_force",
    "load_workspace",
]

_PLAN_NAME = re.compile(r"^(\d{4})\.toml$")
_OUTCOMES_NAME = re.compile(r"^(\d{4})\.outcomes\.toml$")


def _read_toml(
    path: Path, problems: list[Problem], *, fatal: bool = False
) -> tuple[dict[str, Any], _Lines] | None:
    """Parse a TOML file, or report why it cannot be read and return None."""
    try:
        raw = read_bytes(path)
    except ReadError as exc:
        problems.append(Problem(path, None, "", str(exc), fatal))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(path, None, "", f"不是UTF-8文本 not UTF-8 text ({exc.reason})", fatal)
        )
        return None
    try:
        return parse_toml(text), _Lines(text)
    except (TomlError, RecursionError) as exc:
        line, msg = toml_error(exc)
        problems.append(Problem(path, line, "", f"TOML语法错误 bad TOML: {msg}", fatal))
        return None


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
    _load_sources(ws)
    for directory in _entries(ws, root, want_dirs=True):
        files = _entries(ws, directory, want_dirs=False)
        place = directory.name
        if place not in ws.jurisdictions:
            for path in files:
                if not _PLAN_NAME.match(path.name):
                    ws.problems.append(
                        Problem(
                            path,
                            None,
                            "",
                            f"未知辖区 unknown jurisdiction {place!r} "
                            f"(not in {JURISDICTIONS_FILE}); file skipped",
                        )
                    )
        for path in files:
            if m := _OUTCOMES_NAME.match(path.name):
                if place in ws.jurisdictions:
                    _load_outcomes(ws, path, place, int(m.group(1)))
            elif m := _PLAN_NAME.match(path.name):
                _load_plan(ws, path, place, int(m.group(1)))
            else:
                ws.problems.append(
                    Problem(
                        path,
                        None,
                        "",
                        "文件名无法识别 unexpected file name "
                        "(want <year>.toml or <year>.outcomes.toml)",
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


def _entries(ws: Workspace, directory: Path, *, want_dirs: bool) -> list[Path]:
    """Sub-directories (jurisdictions) or ``*.toml`` files of ``directory``, sorted; a directory
    that cannot be listed is a problem, never silently empty."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        problem = Problem(
            directory,
            None,
            "",
            f"无法读取目录 cannot read directory: {exc.strerror or exc}",
            fatal=directory == ws.root,
        )
        ws.problems.append(problem)
        if directory != ws.root:
            ws.unreadable[directory] = problem
        return []
    out = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        wanted = is_dir if want_dirs else not is_dir and entry.name.endswith(".toml")
        if wanted:
            out.append(path)
    return out


def _load_catalog(ws: Workspace) -> None:
    path = ws.root / INDICATORS_FILE
    if not os.path.lexists(path):
        ws.problems.append(Problem(path, None, "", "缺少指标目录 missing indicator catalog", True))
        return
    read = _read_toml(path, ws.problems, fatal=True)
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
    if not ws.indicators:
        message = "指标目录为空 the catalog has no indicators"
        ws.problems.append(Problem(path, None, "", message, True))


def _load_jurisdictions(ws: Workspace) -> None:
    path = ws.root / JURISDICTIONS_FILE
    if not os.path.lexists(path):
        message = "缺少辖区目录 missing jurisdiction catalog"
        ws.problems.append(Problem(path, None, "", message, True))
        return
    read = _read_toml(path, ws.problems, fatal=True)
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


def _load_sources(ws: Workspace) -> None:
    """plans/sources.toml is optional: without it, sources are shown by file name."""
    path = ws.root / SOURCES_FILE
    if not os.path.lexists(path):
        return
    read = _read_toml(path, ws.problems)
    if read is None:
        return
    data, lines = read
    for key in data:
        if key != "source":
            ws.problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    for i, raw in enumerate(_records(data, "source", path, lines, ws.problems)):
        source = _validate(Source, raw, path, lines, "source", i, f"source[{i}]", ws.problems)
        if source is not None:
            ws.sources[source.file] = source


def _load_plan(ws: Workspace, path: Path, jurisdiction: str, year: int) -> None:
    problems = ws.problems
    read = _read_toml(path, problems)
    if read is None:
        ws.unreadable[path] = problems[-1]
        return
    data, lines = read
    for key in data:
        if key not in ("plan", "target"):
            problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    # A bad [plan] table does not stop the targets being checked: every problem in one run.
    meta = _validate(PlanMeta, data.get("plan"), path, lines, "plan", 0, "plan", problems)
    usable = meta is not None
    if jurisdiction not in ws.jurisdictions:
        usable = False
        problems.append(
            Problem(
                path,
                lines.find("plan", 0, "jurisdiction") or lines.find("plan"),
                "plan.jurisdiction",
                f"未知辖区 unknown jurisdiction {jurisdiction!r} (directory {jurisdiction}/ is "
                f"not in {JURISDICTIONS_FILE})",
            )
        )
    elif meta is not None and meta.jurisdiction != jurisdiction:
        problems.append(
            Problem(
                path,
                lines.find("plan", 0, "jurisdiction"),
                "plan.jurisdiction",
                f"与目录不符 '{meta.jurisdiction}' does not match directory '{jurisdiction}'",
            )
        )
    if meta is not None and meta.year != year:
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
        if not _check_target(ws, target, year, (path, lines, i, where)):
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
    if usable and meta is not None:
        ws.plans[(jurisdiction, year)] = Plan(plan=meta, target=tuple(targets))


def _check_target(
    ws: Workspace, target: Target, year: int, where: tuple[Path, _Lines, int, str]
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
    period = target.period_in(year)
    if not period.within(year):
        problems.append(
            Problem(
                path,
                lines.find("target", i, "period"),
                f"{prefix}.period",
                f"时期 {period} 不在计划年度 outside the plan's year {year}",
            )
        )
        return False
    return True


def outside(path: Path, root: Path) -> bool:
    """Does ``path`` (a log, maybe a symlink) really live outside the workspace ``root``?"""
    real, home = os.path.realpath(path), os.path.realpath(root)
    return not real.startswith(home + os.sep)


def _load_outcomes(
    ws: Workspace,
    path: Path,
    jurisdiction: str,
    year: int,
) -> None:
    problems = ws.problems
    if outside(path, ws.root):
        message = "链接指向工作区之外 a symlink pointing outside the workspace; skipped"
        problems.append(Problem(path, None, "", message))
        return
    try:
        raw = read_bytes(path)
    except ReadError as exc:
        problems.append(Problem(path, None, "", str(exc)))
        ws.unreadable[path] = problems[-1]
        return
    read = read_log(path, raw)
    problems.extend(read.problems)
    data, lines = read.data, read.lines
    written: dict[Outcome, int] = {}
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
        if outcome in written:
            problems.append(
                Problem(
                    path,
                    lines.find("outcome", i),
                    where,
                    f"重复的记录 an exact copy of outcome[{written[outcome]}] (a copy-paste?): "
                    "left out; delete it",
                )
            )
            continue
        written[outcome] = i
        records.append(outcome)


def load_log(ws: Workspace, jurisdiction: str, year: int) -> list[Outcome]:
    """Read one outcome log afresh (under its lock, to decide what to append)."""
    scratch = Workspace(
        root=ws.root,
        categories=ws.categories,
        indicators=ws.indicators,
        jurisdictions=ws.jurisdictions,
    )
    path = ws.outcomes_path(jurisdiction, year)
    if os.path.lexists(path):
        _load_outcomes(scratch, path, jurisdiction, year)
    return scratch.log.get(jurisdiction, [])
