"""The workspace: what a loaded plans directory holds, where it is, and how to copy it.

Finding the directory follows the documented order (``--plans``, ``$JINAN_TARGETS_PLANS``,
``./plans``, the bundled copy). The bundled copy is read-only however it is reached: it is
recognised by its real path, not by how it was named.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .model import Category, Indicator, Jurisdiction, Outcome, Plan, Source, Target

__all__ = [
    "ENV_VAR",
    "GITATTRIBUTES",
    "GITIGNORE",
    "Problem",
    "Workspace",
    "WorkspaceError",
    "bundled_plans_dir",
    "copy_workspace",
    "find_plans_dir",
    "is_bundled",
]

ENV_VAR = "JINAN_TARGETS_PLANS"
INDICATORS_FILE = "indicators.toml"
JURISDICTIONS_FILE = "jurisdictions.toml"
SOURCES_FILE = "sources.toml"
GITATTRIBUTES = (
    "# Outcome logs are append-only: two people appending on different branches merge by\n"
    "# keeping both sides' new records.\n"
    "*.outcomes.toml merge=union\n"
)
GITIGNORE = "# lock files taken while appending to outcome logs\n*.lock\n"


class WorkspaceError(Exception):
    """The workspace cannot be used at all (missing directory, read-only copy)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the file allows. ``fatal``: the
    workspace cannot be used without it (a missing or unreadable catalog)."""

    path: Path
    line: int | None
    field: str
    message: str
    fatal: bool = False

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
    sources: dict[str, Source] = field(default_factory=dict)
    plans: dict[tuple[str, int], Plan] = field(default_factory=dict)
    outcomes: dict[str, list[Outcome]] = field(default_factory=dict)
    log: dict[str, list[Outcome]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # files and directories that could not be read at all, and why
    unreadable: dict[Path, Problem] = field(default_factory=dict)

    def unread(self, jurisdiction: str, year: int | None = None) -> Problem | None:
        """Why the data of ``jurisdiction`` (and ``year``) could not be read, if it could not."""
        place = self.root / jurisdiction
        paths = [place]
        if year is not None:
            paths += [place / f"{year}.toml", place / f"{year}.outcomes.toml"]
        return next((self.unreadable[p] for p in paths if p in self.unreadable), None)

    @property
    def fatal(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

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

    def source_title(self, name: str) -> str:
        """A source file named by its title and 文号 (济南市2026年…计划（济政发〔2026〕4号）)."""
        source = self.sources.get(name)
        if source is None:
            return name
        return source.title + (f"（{source.doc_number}）" if source.doc_number else "")


# --------------------------------------------------------------------------- discovery


def bundled_plans_dir() -> Path | None:
    """The dataset shipped inside the package (or beside it in a source checkout)."""
    packaged = _packaged()
    if packaged is not None:
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "plans"
    if (checkout / INDICATORS_FILE).is_file():
        return checkout
    return None


def _packaged() -> Path | None:
    packaged = Path(str(resources.files("jinan_targets"))) / "_data" / "plans"
    return packaged if packaged.is_dir() else None


def is_bundled(path: Path) -> bool:
    """Is ``path`` (however reached: a symlink, a relative name) inside the installed copy?"""
    packaged = _packaged()
    if packaged is None:
        return False
    real, home = os.path.realpath(path), os.path.realpath(packaged)
    return real == home or real.startswith(home + os.sep)


def _directory(path: Path, how: str) -> Path:
    try:
        if not path.is_dir():
            raise WorkspaceError(f"{how} {_short(path)}: 目录不存在 no such directory")
        return path.resolve()
    except OSError as exc:
        raise WorkspaceError(f"{how} {_short(path)}: {exc.strerror or exc}") from None


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 60 else text[:30] + "…" + text[-20:]


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
        path = _directory(explicit, "--plans")
        return path, is_bundled(path), "--plans"
    if env.get(ENV_VAR):
        path = _directory(Path(env[ENV_VAR]), f"${ENV_VAR}=")
        return path, is_bundled(path), f"${ENV_VAR}"
    local = cwd / "plans"
    if local.is_dir():
        path = local.resolve()
        return path, is_bundled(path), "./plans"
    bundled = bundled_plans_dir()
    if bundled is None:
        raise WorkspaceError("找不到数据 no plans directory and no bundled dataset")
    return bundled, True, "bundled"


def copy_workspace(dest: Path, source: Path | None = None) -> Path:
    """``jt init``: copy a dataset into a new, writable workspace directory, with the git
    attribute that merges outcome logs and an ignore rule for lock files."""
    source = source or bundled_plans_dir()
    if source is None:
        raise WorkspaceError("找不到内置数据 no bundled dataset to copy")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise WorkspaceError(f"{_short(dest)}: 已存在且非空 exists and is not empty")
    shutil.copytree(source, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.lock"))
    for path in dest.rglob("*"):
        mode = path.stat().st_mode
        path.chmod(mode | 0o200)  # the packaged copy may be read-only
    (dest / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    (dest / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return dest
