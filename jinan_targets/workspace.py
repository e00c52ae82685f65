"""The workspace on disk: where a plans directory is, and how to copy it (the loaded data is
:mod:`dataset`).

Finding the directory follows the documented order (``--plans``, ``$JINAN_TARGETS_PLANS``,
``./plans``, the bundled copy). The bundled copy is read-only however it is reached: it is
recognised by its real path, not by how it was named.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .dataset import Problem, Workspace, in_force

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
    "in_force",
    "is_bundled",
    "outside",
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


def outside(path: Path, root: Path) -> bool:
    """Does ``path`` (a log, maybe a symlink) really live outside the workspace ``root``?"""
    real, home = os.path.realpath(path), os.path.realpath(root)
    return not real.startswith(home + os.sep)


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
    packaged = Path(__file__).resolve().parent / "_data" / "plans"
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


SEARCH_ORDER = (
    "--plans DIR; the current directory or its nearest parent that is a plans directory (it "
    f"holds {INDICATORS_FILE}), as git finds a repository; ${ENV_VAR}; ./plans; the read-only "
    "dataset bundled with the package"
)


def enclosing_plans_dir(cwd: Path) -> Path | None:
    """The current directory or its nearest parent holding ``indicators.toml``."""
    try:
        here = cwd.resolve()
    except OSError:
        return None
    for directory in (here, *here.parents):
        try:
            if (directory / INDICATORS_FILE).is_file():
                return directory
        except OSError:
            return None
    return None


def find_plans_dir(
    explicit: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[Path, bool, str]:
    """Resolve the plans directory in :data:`SEARCH_ORDER`. Returns (path, bundled, how it
    was chosen)."""
    env = os.environ if env is None else env
    if explicit is not None:
        path = _directory(explicit, "--plans")
        return path, is_bundled(path), "--plans"
    try:
        cwd = Path.cwd() if cwd is None else cwd
    except OSError:  # the current directory was removed
        cwd = None
    enclosing = None if cwd is None else enclosing_plans_dir(cwd)
    if enclosing is not None:
        return enclosing, is_bundled(enclosing), "."
    if env.get(ENV_VAR):
        path = _directory(Path(env[ENV_VAR]), f"${ENV_VAR}=")
        return path, is_bundled(path), f"${ENV_VAR}"
    local = None if cwd is None else cwd / "plans"
    if local is not None and local.is_dir():
        path = local.resolve()
        return path, is_bundled(path), "./plans"
    bundled = bundled_plans_dir()
    if bundled is None:
        raise WorkspaceError("找不到数据 no plans directory and no bundled dataset")
    return bundled, True, "bundled"


def copy_workspace(dest: Path, source: Path | None = None) -> Path:
    """``jt init``: copy a dataset into a new, writable workspace directory, with the git
    attribute that merges outcome logs and an ignore rule for lock files."""
    import shutil

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
