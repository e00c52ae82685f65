"""Tables at any width: every table is rendered at 60, 80 and 120 columns (and, for the narrow
cases of the catalog and history, down to 20): no line is wider than the terminal and no figure,
date, id or period label is split across lines, in a table or in the list a table falls back to."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rich.cells import cell_len

from jinan_targets.render import grid as grid_module

from .conftest import Invoke

COMMANDS = [
    ["scorecard", "2026"],
    ["scorecard", "2025"],
    ["scorecard", "2026", "--periods"],
    ["targets", "2026"],
    ["indicators"],
    ["jurisdictions"],
    ["history", "地区生产总值增长"],
    ["trend", "地区生产总值增长"],
    ["trend", "城镇新增就业"],
    ["compare", "2026", "-j", "jinan,jinan-licheng"],
    ["summary"],
]
# What must stay whole, as a reader sees it: a figure with its scale, unit and qualifier, a
# percentage-point gap, a date, a period code or label, an id.
WHOLE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{4}—\d{4}年"
    r"|[+\-]?\d[\d,]*(?:\.\d+)?(?:%|个百分点|万亿元|亿元|万人|万家|万亩|万千瓦|家|个|人|项|条)"
    r"(?:以上|以内|左右)?"
    r"|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"
)


@pytest.fixture()
def cells(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The text of every cell the commands lay out."""
    seen: list[str] = []
    add = grid_module.Grid.add

    def spy(self: grid_module.Grid, *row: grid_module.Cell | str) -> None:
        seen.extend(c.text if isinstance(c, grid_module.Cell) else c for c in row)
        add(self, *row)

    monkeypatch.setattr(grid_module.Grid, "add", spy)
    yield seen


def _check(out: str, texts: list[str], width: int) -> list[str]:
    problems = [f"line of {cell_len(x)} > {width}: {x}" for x in out.splitlines()
                if cell_len(x) > width]  # fmt: skip
    lines = out.splitlines()
    for text in texts:
        for piece in text.split("\n"):
            for m in WHOLE.finditer(piece):
                if cell_len(m.group()) <= width - 8 and not any(m.group() in x for x in lines):
                    problems.append(f"split: {m.group()!r}")
    return problems


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_cell_breaks_inside_a_figure(
    jt: Invoke, monkeypatch: pytest.MonkeyPatch, cells: list[str], args: list[str], width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = jt(*args)
    assert result.exit_code == 0, result.output
    assert _check(result.stdout, cells, width) == []


@pytest.mark.parametrize("width", [20, 24, 30, 40, 50])
@pytest.mark.parametrize("args", [["indicators"], ["history", "地区生产总值增长"], ["summary"]],
                         ids=" ".join)  # fmt: skip
def test_narrow_terminals_keep_ids_and_figures(
    jt: Invoke, monkeypatch: pytest.MonkeyPatch, cells: list[str], args: list[str], width: int
) -> None:
    """COLUMNS=20 jt indicators keeps every id whole; jt history keeps every figure (5.4%, 6.1%)."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = jt(*args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert _check(out, cells, max(width, 40)) == []  # ids up to 36 cells may pass 20 columns
    if args[0] == "indicators":
        assert all(re.search(rf"(?m)^{re.escape(i)}$|\b{re.escape(i)}\b", out)
                   for i in ("gdp_growth", "machine_tool_own_brand_exports_share"))  # fmt: skip
    if args[0] == "history":
        assert "5.4%" in out and "6.1%" in out


def test_summary_header_is_two_lines_at_80(jt: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary's header is its two label lines, not one line per folded status name."""
    monkeypatch.setenv("COLUMNS", "80")
    out = jt("summary").stdout
    header = out.split("┡")[0].split("┏")[1]
    assert header.count("\n") == 3  # the top rule's end, two label lines, the rule below


def test_a_split_would_be_seen() -> None:
    """The check can fail: a figure folded across lines is reported."""
    assert _check("不少于2\n000家", ["不少于2,000家"], 80) == ["split: '2,000家'"]
    assert _check("2026-10-1\n5", ["2026-10-15"], 80) == ["split: '2026-10-15'"]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_english_figures_stay_on_one_line(
    jt: Invoke, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """In English a figure is several words (≥ 150,000 people, 120,000 people, 5.0 pp): the
    table keeps each on one line."""
    assert jt("record", "城镇新增就业", "12万", "-p", "2026-Q3").exit_code == 0
    monkeypatch.setenv("COLUMNS", str(width))
    out = jt("scorecard", "2026", "--hide-empty", "--lang", "en").stdout
    for figure in ("≥ 150,000 people", "120,000 people", "5.0 pp"):
        assert any(figure in line for line in out.splitlines()), (figure, out)
    assert max(cell_len(line) for line in out.splitlines()) <= width
