"""Open a plans directory: read its catalogs, list its jurisdictions, and read each plan and
log when it is first needed, straight from the files (:class:`FreshLoader`) or through the
derived index (:mod:`index`).

Loading never raises for bad data: every problem is collected as a :class:`Problem` naming the
file, the line and the field, so ``jt check`` can list them all at once. Records that fail
validation are left out of the loaded workspace; the rest stays usable. Finding the directory
lives in :mod:`workspace`, reading catalogs and plans in :mod:`catalogs`, a file safely in
:mod:`tomlfile`, checking an outcome log in :mod:`outcomes` (record by record when damaged, in
:mod:`logfile`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .catalogs import load_catalog, load_jurisdictions, load_plan, load_sources
from .dataset import Loader, Problem, Workspace, figure_groups, in_force
from .model import Outcome
from .workspace import (
    ENV_VAR,
    INDICATORS_FILE,
    JURISDICTIONS_FILE,
    SOURCES_FILE,
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
    "open_workspace",
]

_PLAN_NAME = re.compile(r"^(\d{4})\.toml$")
_OUTCOMES_NAME = re.compile(r"^(\d{4})\.outcomes\.toml$")


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
        self.read_doc(ws, path, lambda w: load_plan(w, path, jurisdiction, year), ("plans",), deps)

    def load_log(self, ws: Workspace, jurisdiction: str, year: int) -> list[Outcome]:
        from .outcomes import read_log_file  # checking logs is for reads without the index
        from .validation import ambiguous_retractions

        path = ws.log_files[(jurisdiction, year)]
        check, readable = read_log_file(ws.indicators, ws.root, path, year)
        ws.problems.extend(check.problems)
        if not readable:
            ws.unreadable[path] = check.problems[-1]
        records = [c.outcome for c in check.records]
        ws.problems.extend(ambiguous_retractions(path, records))
        return records

    def by_indicator(self, ws: Workspace, jurisdiction: str, year: int) -> bool:
        """Never: reading one indicator from the file costs reading all of it, so the workspace
        holds each log whole."""
        return False

    def load_indicator(
        self, ws: Workspace, jurisdiction: str, year: int, indicator: str
    ) -> list[Outcome]:
        """The records of one indicator in a log, retractions included."""
        return [o for o in self._records(ws, jurisdiction, year) if o.indicator == indicator]

    def figure_groups(
        self, ws: Workspace, jurisdiction: str, year: int
    ) -> dict[tuple[str, str], tuple[date, int]]:
        return figure_groups(in_force(self._records(ws, jurisdiction, year)))

    @staticmethod
    def _records(ws: Workspace, jurisdiction: str, year: int) -> list[Outcome]:
        """Every record of a log read afresh, its problems left to :meth:`load_log`."""
        from .outcomes import read_log_file

        path = ws.log_files[(jurisdiction, year)]
        check, _ = read_log_file(ws.indicators, ws.root, path, year)
        return [c.outcome for c in check.records]

    def load_figure(
        self, ws: Workspace, jurisdiction: str, year: int, indicator: str, period: str
    ) -> list[Outcome]:
        """The records of one indicator and period in a log, retractions included (what a
        duplicate check needs; the index answers it without reading the whole log)."""
        records = self._records(ws, jurisdiction, year)
        return [o for o in records if (o.indicator, o.period) == (indicator, period)]


def open_workspace(
    root: Path, *, bundled: bool = False, origin: str = "", loader: Loader | None = None
) -> Workspace:
    """Read the catalogs and list the jurisdictions' directories; a directory is listed, and
    each plan and log read, when a command first asks for it (through ``loader``: the derived
    index, or the files themselves)."""
    loader = loader or FreshLoader()
    ws = Workspace(root=root, bundled=bundled, origin=origin, loader=loader)
    fields = ("categories", "indicators", "fingerprint")
    loader.read_doc(ws, root / INDICATORS_FILE, load_catalog, fields)
    loader.read_doc(ws, root / JURISDICTIONS_FILE, load_jurisdictions, ("jurisdictions",))
    loader.read_doc(ws, root / SOURCES_FILE, load_sources, ("sources",))
    ws.places = {d.name: d for d in _entries(ws, root, want_dirs=True)}
    return ws


def load_workspace(root: Path, *, bundled: bool = False, origin: str = "") -> Workspace:
    """Load and validate a whole plans directory from its files; problems are collected, never
    raised (``jt check``, library use)."""
    ws = open_workspace(root, bundled=bundled, origin=origin)
    ws.load_all()
    return ws


def _entries(ws: Workspace, directory: Path, *, want_dirs: bool) -> list[Path]:
    """Sub-directories (jurisdictions) or ``*.toml`` entries of ``directory``, sorted; a
    directory that cannot be listed is a problem, never silently empty."""
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
        # A directory named like a plan or a log (2026.toml/) is listed with the files: reading
        # it reports it by name, never skips it in silence.
        wanted = is_dir and not entry.name.endswith(".toml") if want_dirs else (
            entry.name.endswith(".toml")
        )  # fmt: skip
        if wanted:
            out.append(path)
    return out
