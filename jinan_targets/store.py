"""Load and validate a plans directory, reporting every problem with file, line and field.

Loading never raises for bad data: every problem is collected as a :class:`Problem` naming the
file, the line and the field, so ``jt check`` can list them all at once. Records that fail
validation are left out of the loaded workspace; the rest stays usable. Finding the directory
lives in :mod:`workspace`, reading a file safely in :mod:`tomlfile`, recovering a damaged
outcome log in :mod:`logfile`.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from .tomlfile import Lines as _Lines
from .tomlfile import ReadError, TomlError, parse_toml, read_bytes, toml_error
from .workspace import (
    ENV_VAR,
    INDICATORS_FILE,
    JURISDICTIONS_FILE,
    SOURCES_FILE,
    Loader,
    Problem,
    Workspace,
    WorkspaceError,
    bundled_plans_dir,
    copy_workspace,
    find_plans_dir,
    in_force,
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
    "open_workspace",
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


# --------------------------------------------------------------------------- loading


class FreshLoader:
    """Reads catalogs, plans and logs straight from their files, with no index."""

    def read_doc(
        self,
        ws: Workspace,
        path: Path,
        fill: Callable[[Workspace], None],
        fields: tuple[str, ...],
        deps: str = "",
    ) -> None:
        """Read the file at ``path`` into ``ws`` (``fill`` sets ``fields``); a cache may instead
        restore what ``fill`` set the last time the file and ``deps`` were the same."""
        fill(ws)

    def scan(self, ws: Workspace, place: str) -> None:
        """Find the plans and logs in one jurisdiction's directory (when it is first needed)."""
        for path in _entries(ws, ws.places[place], want_dirs=False):
            if m := _OUTCOMES_NAME.match(path.name):
                if place in ws.jurisdictions:
                    ws.log_files[(place, int(m.group(1)))] = path
                else:
                    ws.problems.append(
                        Problem(
                            path,
                            None,
                            "",
                            f"未知辖区 unknown jurisdiction {place!r} "
                            f"(not in {JURISDICTIONS_FILE}); file skipped",
                        )
                    )
            elif m := _PLAN_NAME.match(path.name):
                ws.plan_files[(place, int(m.group(1)))] = path
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

    def load_plan(self, ws: Workspace, jurisdiction: str, year: int) -> None:
        path = ws.plan_files[(jurisdiction, year)]
        deps = f"{ws.fingerprint}|{','.join(sorted(ws.jurisdictions))}|{jurisdiction}|{year}"
        self.read_doc(ws, path, lambda w: _load_plan(w, path, jurisdiction, year), ("plans",), deps)

    def load_log(self, ws: Workspace, jurisdiction: str, year: int) -> list[Outcome]:
        from .outcomes import read_log_file  # checking logs is for reads without the index

        path = ws.log_files[(jurisdiction, year)]
        check, readable = read_log_file(ws.indicators, ws.root, path, year)
        ws.problems.extend(check.problems)
        if not readable:
            ws.unreadable[path] = check.problems[-1]
        return [c.outcome for c in check.records]


def open_workspace(
    root: Path, *, bundled: bool = False, origin: str = "", loader: Loader | None = None
) -> Workspace:
    """Read the catalogs and list the jurisdictions' directories; a directory is listed, and
    each plan and log read, when a command first asks for it (through ``loader``: the derived
    index, or the files themselves)."""
    loader = loader or FreshLoader()
    ws = Workspace(root=root, bundled=bundled, origin=origin, loader=loader)
    fields = ("categories", "indicators", "fingerprint")
    loader.read_doc(ws, root / INDICATORS_FILE, _load_catalog, fields)
    loader.read_doc(ws, root / JURISDICTIONS_FILE, _load_jurisdictions, ("jurisdictions",))
    loader.read_doc(ws, root / SOURCES_FILE, _load_sources, ("sources",))
    ws.places = {d.name: d for d in _entries(ws, root, want_dirs=True)}
    return ws


def load_workspace(root: Path, *, bundled: bool = False, origin: str = "") -> Workspace:
    """Load and validate a whole plans directory from its files; problems are collected, never
    raised (``jt check``, library use)."""
    ws = open_workspace(root, bundled=bundled, origin=origin)
    ws.load_all()
    return ws


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
    from .validation import records as _records
    from .validation import validate as _validate

    path = ws.root / INDICATORS_FILE
    if not os.path.lexists(path):
        ws.problems.append(Problem(path, None, "", "缺少指标目录 missing indicator catalog", True))
        return
    read = _read_toml(path, ws.problems, fatal=True)
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


def _load_jurisdictions(ws: Workspace) -> None:
    from .validation import records as _records
    from .validation import validate as _validate

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
    from .validation import records as _records
    from .validation import validate as _validate

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
    from .validation import records as _records
    from .validation import resolve_values as _resolve_values
    from .validation import validate as _validate

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
