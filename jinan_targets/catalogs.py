"""Read the catalogs (indicators, jurisdictions, sources) and plans into a workspace, with every
problem located by file, line and field. The validator (pydantic) is imported only here, and only
when a file has to be read afresh.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from .dataset import Problem, Workspace
from .model import (
    Category,
    Comparator,
    Indicator,
    Jurisdiction,
    Kind,
    Plan,
    PlanMeta,
    Source,
    Target,
)
from .tomlfile import Lines as _Lines
from .tomlfile import ReadError, TomlError, parse_toml, read_bytes, toml_error
from .workspace import INDICATORS_FILE, JURISDICTIONS_FILE, SOURCES_FILE

__all__ = ["load_catalog", "load_jurisdictions", "load_plan", "load_sources", "read_toml"]


def read_toml(
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


# --------------------------------------------------------------------------- loading


def load_catalog(ws: Workspace) -> None:
    from .validation import records as _records
    from .validation import validate as _validate

    path = ws.root / INDICATORS_FILE
    if not os.path.lexists(path):
        ws.problems.append(Problem(path, None, "", "缺少指标目录 missing indicator catalog", True))
        return
    read = read_toml(path, ws.problems, fatal=True)
    if read is None:
        return
    data, lines = read
    ws.fingerprint = hashlib.sha256("\n".join(lines.lines).encode("utf-8")).hexdigest()
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


def load_jurisdictions(ws: Workspace) -> None:
    from .validation import records as _records
    from .validation import validate as _validate

    path = ws.root / JURISDICTIONS_FILE
    if not os.path.lexists(path):
        message = "缺少辖区目录 missing jurisdiction catalog"
        ws.problems.append(Problem(path, None, "", message, True))
        return
    read = read_toml(path, ws.problems, fatal=True)
    if read is None:
        return
    data, lines = read
    for key in data:
        if key != "jurisdiction":
            ws.problems.append(Problem(path, lines.find(key), key, "未知字段 unknown key"))
    raws = _records(data, "jurisdiction", path, lines, ws.problems)
    index: dict[str, int] = {}
    for i, raw in enumerate(raws):
        where = f"jurisdiction[{i}]"
        j = _validate(Jurisdiction, raw, path, lines, "jurisdiction", i, where, ws.problems)
        if j is None:
            continue
        if j.id in ws.jurisdictions:  # the first entry stands: a second never renames a place
            ws.problems.append(
                Problem(
                    path,
                    lines.find("jurisdiction", i, "id"),
                    f"{where}.id",
                    f"重复的辖区 duplicate jurisdiction '{j.id}' (first at "
                    f"jurisdiction[{index[j.id]}]); left out",
                )
            )
            continue
        ws.jurisdictions[j.id] = j
        index[j.id] = i
    for j in ws.jurisdictions.values():
        i = index[j.id]
        if j.parent is not None and j.parent not in ws.jurisdictions:
            ws.problems.append(
                Problem(
                    path,
                    lines.find("jurisdiction", i, "parent"),
                    f"jurisdiction[{i}].parent",
                    f"未知上级辖区 unknown parent '{j.parent}'",
                )
            )


def load_sources(ws: Workspace) -> None:
    """plans/sources.toml is optional: without it, sources are shown by file name."""
    path = ws.root / SOURCES_FILE
    if not os.path.lexists(path):
        return
    from .validation import records as _records
    from .validation import validate as _validate

    read = read_toml(path, ws.problems)
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


def load_plan(ws: Workspace, path: Path, jurisdiction: str, year: int) -> None:
    from .validation import records as _records
    from .validation import resolve_values as _resolve_values
    from .validation import validate as _validate

    problems = ws.problems
    read = read_toml(path, problems)
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
