"""The loaded data of one plans directory: catalogs, plans and outcome logs as read.

A plain model type: judging, views and renderers take a :class:`Workspace` and never the
modules that find or read files (:mod:`workspace` finds a directory, :mod:`store` and
:mod:`index` read it through a :class:`Loader`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple, Protocol

from .model import Category, Indicator, Jurisdiction, Outcome, Plan, Source, Target
from .visible import visible

__all__ = ["Loader", "Problem", "Workspace", "figure_groups", "in_force", "shown_path"]


class Problem(NamedTuple):
    """One thing wrong with the data, located as precisely as the file allows. ``fatal``: the
    workspace cannot be used without it (a missing or unreadable catalog)."""

    path: Path
    line: int | None
    field: str
    message: str
    fatal: bool = False

    def format(self, cwd: Path | None = None) -> str:
        """``file:line: field: message``, the file named as it opens from ``cwd`` (default:
        the current directory): relative when inside it, else absolute."""
        path = shown_path(self.path, cwd)
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return visible(f"{where}: {self.field + ': ' if self.field else ''}{self.message}")


def shown_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` as the user can open it from ``cwd``: relative when inside it, else absolute."""
    try:
        here = Path.cwd() if cwd is None else cwd
        absolute = path if path.is_absolute() else here / path
        return str(absolute.relative_to(here))
    except (OSError, ValueError):
        return str(path.absolute()) if not path.is_absolute() else str(path)


def in_force(records: list[Outcome]) -> list[Outcome]:
    """Drop retraction records and the records they withdraw: the one record a retraction
    names by its digest, or (older retractions) every record of its ``recorded_at``."""
    withdrawn = {
        (o.indicator, o.period, o.retracts)
        for o in records
        if o.retracts is not None and o.retracts_digest is None
    }
    named = {
        (o.indicator, o.period, o.retracts_digest) for o in records if o.retracts_digest is not None
    }
    if named:
        from .digests import record_key

    return [
        o
        for o in records
        if o.retracts is None
        and (o.indicator, o.period, o.recorded_at) not in withdrawn
        and not (named and (o.indicator, o.period, record_key(o)) in named)
    ]


def figure_groups(figures: Iterable[Outcome]) -> dict[tuple[str, str], tuple[date, int]]:
    """Each (indicator, period) among ``figures`` (in force): the earliest day one of its
    figures became known, and how many there are. What dates a scorecard and counts a log,
    without holding the figures."""
    out: dict[tuple[str, str], tuple[date, int]] = {}
    for o in figures:
        key = (o.indicator, o.period)
        known = o.known_on
        first, count = out.get(key, (known, 0))
        out[key] = (min(first, known), count + 1)
    return out


class Loader(Protocol):
    """Reads a plan or an outcome log when a command first needs it (see :mod:`store`)."""

    def scan(self, ws: Workspace, place: str) -> None: ...

    def read_doc(
        self,
        ws: Workspace,
        path: Path,
        fill: Callable[[Workspace], None],
        fields: tuple[str, ...],
        deps: str = "",
    ) -> None: ...

    def load_plan(self, ws: Workspace, jurisdiction: str, year: int) -> None: ...

    def load_log(self, ws: Workspace, jurisdiction: str, year: int) -> list[Outcome]: ...

    def load_indicator(
        self, ws: Workspace, jurisdiction: str, year: int, indicator: str
    ) -> list[Outcome]: ...

    def by_indicator(self, ws: Workspace, jurisdiction: str, year: int) -> bool:
        """Whether this log is better read an indicator at a time than held whole (a big log
        behind the index); then :meth:`load_indicator` and :meth:`figure_groups` answer."""
        ...

    def figure_groups(
        self, ws: Workspace, jurisdiction: str, year: int
    ) -> dict[tuple[str, str], tuple[date, int]]: ...


@dataclass
class Workspace:
    """One plans directory. The catalogs are read at once; a plan or an outcome log is read
    when first asked for, so a command reads only what it needs."""

    root: Path
    bundled: bool = False
    origin: str = ""
    categories: dict[str, Category] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    fingerprint: str = ""  # of the indicator catalog, which checking a log depends on
    found: dict[str, Indicator] = field(default_factory=dict)  # names already looked up
    plans: dict[tuple[str, int], Plan] = field(default_factory=dict)  # read so far
    problems: list[Problem] = field(default_factory=list)
    # files and directories that could not be read at all, and why
    unreadable: dict[Path, Problem] = field(default_factory=dict)
    places: dict[str, Path] = field(default_factory=dict)  # directories under root
    plan_files: dict[tuple[str, int], Path] = field(default_factory=dict)
    log_files: dict[tuple[str, int], Path] = field(default_factory=dict)
    loader: Loader | None = None
    _logs: dict[tuple[str, int], list[Outcome]] = field(default_factory=dict)
    _in_force: dict[tuple[str, int], list[Outcome]] = field(default_factory=dict)
    _by_indicator: dict[tuple[str, int], dict[str, list[Outcome]]] = field(default_factory=dict)
    _dates: dict[tuple[str, int], dict[tuple[str, str], tuple[date, int]]] = field(
        default_factory=dict
    )
    _tried: set[tuple[str, int]] = field(default_factory=set)
    # logs whose problems are in ``problems`` already: a log read in parts reports them once
    reported: set[Path] = field(default_factory=set)
    _scanned: set[str] = field(default_factory=set)

    def _scan(self, place: str) -> None:
        if place not in self._scanned:
            self._scanned.add(place)
            if place in self.places and self.loader is not None:
                self.loader.scan(self, place)

    def scan_all(self) -> None:
        """List every jurisdiction's directory now."""
        for place in sorted(self.places):
            self._scan(place)

    @property
    def fatal(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    def unread(self, jurisdiction: str, year: int | None = None) -> Problem | None:
        """Why the data of ``jurisdiction`` (and ``year``) could not be read, if it could not."""
        self._scan(jurisdiction)
        place = self.root / jurisdiction
        paths = [place]
        if year is not None:
            paths += [place / f"{year}.toml", place / f"{year}.outcomes.toml"]
        for path in paths[1:]:  # reading a file is what finds it unreadable
            self._read(path)
        return next((self.unreadable[p] for p in paths if p in self.unreadable), None)

    def _read(self, path: Path) -> None:
        for key, file in self.plan_files.items():
            if file == path:
                self.plan(*key)
        for key, file in self.log_files.items():
            if file == path and self._whole(*key):
                self._log(*key)
            elif file == path:
                self.figure_dates(*key)  # a big log: brought up to date, never held

    def plan(self, jurisdiction: str, year: int) -> Plan | None:
        self._scan(jurisdiction)
        key = (jurisdiction, year)
        if key not in self.plans and key not in self._tried and self.loader is not None:
            self._tried.add(key)
            if key in self.plan_files:
                self.loader.load_plan(self, jurisdiction, year)
        return self.plans.get(key)

    def years(self, jurisdiction: str) -> list[int]:
        """The years with a plan file (read or not)."""
        self._scan(jurisdiction)
        return sorted({y for j, y in (*self.plan_files, *self.plans) if j == jurisdiction})

    def log_years(self, jurisdiction: str) -> list[int]:
        self._scan(jurisdiction)
        return sorted(y for j, y in self.log_files if j == jurisdiction)

    def _log(self, jurisdiction: str, year: int) -> list[Outcome]:
        key = (jurisdiction, year)
        self._scan(jurisdiction)
        if key not in self._logs:
            found = key in self.log_files and self.loader is not None
            self._logs[key] = self.loader.load_log(self, *key) if found else []  # type: ignore[union-attr]
        return self._logs[key]

    def _years(self, jurisdiction: str, years: Iterable[int] | None) -> list[int]:
        return self.log_years(jurisdiction) if years is None else sorted(set(years))

    def log_for(
        self, jurisdiction: str, indicator: str | None = None, years: Iterable[int] | None = None
    ) -> list[Outcome]:
        """Every record ever appended (of ``years``, default all), retractions included."""
        out: list[Outcome] = []
        for year in self._years(jurisdiction, years):
            out += [o for o in self._log(jurisdiction, year) if indicator in (None, o.indicator)]
        return out

    def _whole(self, jurisdiction: str, year: int) -> bool:
        """Whether this log is held whole (read once, kept) rather than read an indicator at a
        time: a log already read, a missing one, and any the loader does not read in parts."""
        key = (jurisdiction, year)
        self._scan(jurisdiction)
        return (
            key in self._logs
            or key not in self.log_files
            or self.loader is None
            or not self.loader.by_indicator(self, jurisdiction, year)
        )

    def indicator_log(
        self, jurisdiction: str, indicator: str, years: Iterable[int] | None = None
    ) -> list[Outcome]:
        """Every record of one indicator (of ``years``, default all), retractions included; a
        big log is read for that indicator alone, never held whole."""
        out: list[Outcome] = []
        for year in self._years(jurisdiction, years):
            if self._whole(jurisdiction, year):
                out += [o for o in self._log(jurisdiction, year) if o.indicator == indicator]
            else:
                assert self.loader is not None
                out += self.loader.load_indicator(self, jurisdiction, year, indicator)
        return out

    def log_by_indicator(self, jurisdiction: str, year: int) -> Iterator[list[Outcome]]:
        """Every record of this log (retractions included), one indicator's at a time: a big
        log is never held whole."""
        if self._whole(jurisdiction, year):
            groups: dict[str, list[Outcome]] = {}
            for o in self._log(jurisdiction, year):
                groups.setdefault(o.indicator, []).append(o)
            yield from groups.values()
            return
        for indicator in self.indicators:
            if records := self.indicator_log(jurisdiction, indicator, years=[year]):
                yield records

    def indicator_outcomes(
        self, jurisdiction: str, indicator: str, years: Iterable[int] | None = None
    ) -> list[Outcome]:
        """The figures in force of one indicator: what judging one target needs, at the same
        cost on any size of log (a big log is read for that indicator alone)."""
        out: list[Outcome] = []
        for year in self._years(jurisdiction, years):
            if self._whole(jurisdiction, year):
                out += self.outcomes_for(jurisdiction, indicator, years=[year])
            else:
                out += in_force(self.indicator_log(jurisdiction, indicator, years=[year]))
        return out

    def figure_dates(self, jurisdiction: str, year: int) -> dict[tuple[str, str], date]:
        """Each (indicator, period) with a figure in force in this year's log, and the earliest
        day one of its figures became known (what dates a scorecard)."""
        return {k: first for k, (first, _) in self._groups(jurisdiction, year).items()}

    def figure_count(self, jurisdiction: str, years: Iterable[int] | None = None) -> int:
        """How many figures are in force (of ``years``, default all), without holding them."""
        years = self._years(jurisdiction, years)
        return sum(n for y in years for _, n in self._groups(jurisdiction, y).values())

    def _groups(self, jurisdiction: str, year: int) -> dict[tuple[str, str], tuple[date, int]]:
        key = (jurisdiction, year)
        if key not in self._dates:
            if self._whole(jurisdiction, year):
                self._dates[key] = figure_groups(self.outcomes_for(jurisdiction, years=[year]))
            else:
                assert self.loader is not None
                self._dates[key] = self.loader.figure_groups(self, jurisdiction, year)
        return self._dates[key]

    def outcomes_for(
        self, jurisdiction: str, indicator: str | None = None, years: Iterable[int] | None = None
    ) -> list[Outcome]:
        """The figures in force: every record except retractions and what they withdrew."""
        out: list[Outcome] = []
        for year in self._years(jurisdiction, years):
            key = (jurisdiction, year)
            if key not in self._in_force:
                records = in_force(self._log(jurisdiction, year))
                self._in_force[key] = records
                by_indicator: dict[str, list[Outcome]] = {}
                for o in records:
                    by_indicator.setdefault(o.indicator, []).append(o)
                self._by_indicator[key] = by_indicator
            if indicator is None:
                out += self._in_force[key]
            else:
                out += self._by_indicator[key].get(indicator, [])
        return out

    @property
    def log(self) -> dict[str, list[Outcome]]:
        """Every log, read in full (for checks and library use; commands read what they need)."""
        self.scan_all()
        return {j: self.log_for(j) for j in sorted({j for j, _ in self.log_files})}

    @property
    def outcomes(self) -> dict[str, list[Outcome]]:
        self.scan_all()
        return {j: self.outcomes_for(j) for j in sorted({j for j, _ in self.log_files})}

    def load_all(self) -> None:
        """Read every plan and every log now (library use)."""
        self.scan_all()
        for key in sorted(self.plan_files):
            self.plan(*key)
        for key in sorted(self.log_files):
            self._log(*key)

    def forget(self, jurisdiction: str, year: int) -> None:
        """Let go of a log read whole (``jt check`` reads one log at a time)."""
        key = (jurisdiction, year)
        for cache in (self._logs, self._in_force, self._by_indicator, self._dates):
            cache.pop(key, None)

    def refresh(self, jurisdiction: str, year: int) -> None:
        """Read this log again as it is now when next asked (under its lock, before deciding
        to append to it)."""
        key = (jurisdiction, year)
        self.forget(jurisdiction, year)
        path = self.outcomes_path(jurisdiction, year)
        self.reported.discard(path)
        if os.path.lexists(path):
            self.log_files[key] = path

    def reread_log(self, jurisdiction: str, year: int) -> list[Outcome]:
        """Every record of this log as it is now (under its lock, before deciding to append)."""
        self.refresh(jurisdiction, year)
        return self._log(jurisdiction, year)

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
