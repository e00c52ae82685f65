"""Provenance: does each quote occur in its source document, and does it state the number
recorded? Checked by ``jt check`` for every source file kept in the workspace's ``sources/``
directory (whitespace is ignored: documents break lines anywhere), each read as ``jt extract``
reads it; a document that cannot be read is named, never skipped in silence."""

from __future__ import annotations

import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

from .dataset import Problem, Workspace
from .excerpt import excerpt
from .extract.sourcefile import SourceError, read_source
from .model import Outcome
from .period import parse_period
from .quantity import SCALES, parse_unit

__all__ = [
    "SOURCES_DIR",
    "Provenance",
    "quote_in",
    "stated_numbers",
    "value_is_stated",
]

SOURCES_DIR = "sources"
_ARABIC = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def quote_in(quote: str, document: str) -> bool:
    """Does ``quote`` occur in ``document``, ignoring whitespace and full-width forms?"""
    return _squeeze(quote) in _squeeze(document)


def stated_numbers(quote: str) -> set[Decimal]:
    """Every magnitude the quote states, in base units too (15万 → 15 and 150000), Chinese
    numerals included."""
    text = unicodedata.normalize("NFKC", quote)
    found: set[Decimal] = set()
    for m in _ARABIC.finditer(text):
        n = Decimal(m.group(1))
        found.add(n)
        if m.group(2):
            found.add(n * SCALES[m.group(2)])
        if text.startswith("倍", m.end()):
            found.add(n * 100)  # 增长1.7倍 is +170%
        if text.startswith("‰", m.end()):
            found.add(n / 10)
    for m in _CHINESE.finditer(text):
        numeral = m.group(0)
        if numeral[0] in "十百千万亿":
            numeral = "一" + numeral
        if len(numeral) > 24:
            continue
        import cn2an  # only quotes with Chinese numerals need it

        try:
            found.add(Decimal(str(cn2an.cn2an(numeral, "smart"))))
        except Exception:  # cn2an raises several kinds on odd input
            continue
    return found


def value_is_stated(value: Decimal, unit: str, quote: str) -> bool:
    """Is ``value`` (in ``unit``) one of the quote's numbers, allowing 万/亿 scaling?"""
    scale = parse_unit(unit).scale
    numbers = stated_numbers(quote)
    return abs(value) in numbers or abs(value) * scale in numbers


class Provenance:
    """Checks quotes against the documents kept in ``<plans>/sources/``: the plans' at once
    (:meth:`plans`), the figures one at a time (:meth:`figure`, a ``check_all`` visitor)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.folder = ws.root / SOURCES_DIR
        self.texts: dict[str, str | None] = {}
        self.problems: list[Problem] = []

    def document(self, name: str) -> str | None:
        if not self.folder.is_dir() or not name:
            return None
        if name not in self.texts:
            path = self.folder / Path(name).name
            self.texts[name] = None
            if path.is_file() or os.path.lexists(path):
                try:  # as `jt extract` reads it: UTF-8 or GB18030 text, Markdown or .docx
                    self.texts[name] = read_source(path)
                except SourceError as exc:
                    self.problems.append(
                        Problem(
                            path,
                            None,
                            "",
                            f"无法核对原文 the quotes citing it cannot be verified: {exc}",
                        )
                    )
        return self.texts[name]

    def plans(self) -> None:
        ws = self.ws
        for (place, year), plan in sorted(ws.plans.items()):
            path = ws.plan_files.get((place, year), ws.root)
            for i, target in enumerate(plan.target):
                text = self.document(ws.source_of(plan, target))
                if text is None:
                    continue
                unit = ws.indicators[target.indicator].unit
                values = [v for v in (target.value, target.high) if v is not None]
                self.problems += _check(
                    path, f"target[{i}]", target.indicator, target.quote, text, values, unit
                )

    def figures(self, place: str, records: list[Outcome]) -> None:
        for o in records:
            self.problems += self.figure(place, o)

    def figure(self, place: str, o: Outcome) -> list[Problem]:
        """The problems of one figure's quote (a :func:`checkall.check_all` visitor)."""
        text = self.document(o.source)
        if text is None or not o.quote:
            return []
        path = self.ws.outcomes_path(place, parse_period(o.period).year)
        values = [o.value] if o.value is not None else []
        unit = self.ws.indicators[o.indicator].unit
        return _check(path, "outcome", o.indicator, o.quote, text, values, unit)


def _check(
    path: Path,
    field: str,
    indicator: str,
    quote: str,
    text: str,
    values: list[Decimal],
    unit: str,
) -> list[Problem]:
    if not quote_in(quote, text):
        return [
            Problem(
                path,
                None,
                field,
                f"原文未见于来源 {indicator}: the quote is not in its "
                f"source document: {excerpt(quote)}",
            )
        ]
    return [
        Problem(
            path,
            None,
            field,
            f"原文未写明数值 {indicator}: the quote does not state {value}{unit}: {excerpt(quote)}",
        )
        for value in values
        if not value_is_stated(value, unit, quote)
    ]
