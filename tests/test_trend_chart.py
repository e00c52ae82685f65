"""The trend chart tells no lies at its edges: a tick stands where its value puts it, nothing is
drawn for a figure that does not exist, multi-year totals keep a scale of their own, the year so
far is shown as such, and the table fits the terminal."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from .conftest import Invoke


def _rows(table: str) -> dict[str, str]:
    """The chart cell of each table row, by its first cell (the year)."""
    out = {}
    for line in table.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0]:
            out[cells[0]] = cells[-1]
    return out


def test_a_target_without_a_figure_is_a_tick_at_its_value(jt: Invoke) -> None:
    """签约落地亿元以上项目: 2025 544个 (no target), 2026 700个以上 (no figure yet). The 2026 tick
    stands at the right end (700 is the largest value), never at column 0, with no bar."""
    rows = _rows(jt("trend", "签约落地亿元以上项目").stdout)
    tick = rows["2026年"]
    assert "█" not in tick and "▒" not in tick
    assert tick.index("┃") > len(rows["2025年"]) - 1
    assert rows["2025年"].count("█") == round(544 / 700 * 24)


def test_a_qualitative_target_draws_nothing(jt: Invoke) -> None:
    """固定资产投资 2025 合理增长 has no value: its row has neither bar nor tick."""
    rows = _rows(jt("trend", "固定资产投资增长").stdout)
    assert rows["2025年"] == ""


def test_five_year_totals_keep_their_own_scale(jt: Invoke) -> None:
    """城镇新增就业 2021—2025 95.5万人 sits apart, on its own scale, and the annual bars are not
    flattened by it: 21万 of the largest annual value (21万) is the full width."""
    out = jt("trend", "城镇新增就业").stdout
    rows = _rows(out)
    assert rows["2025年"].count("█") + rows["2025年"].count("┃") >= 23
    assert rows["2021—2025年"].count("█") == 24
    assert list(rows)[-1] == "2021—2025年"
    assert "多年合计另用标尺" in out


def test_the_year_so_far_is_shown_as_such(jt: Invoke) -> None:
    """A 前三季度 figure with no annual figure yet is shown as 截至前三季度, drawn ▒, judged
    for progress, and kept out of the hit rate."""
    assert jt("record", "地区生产总值增长", "5.3%", "-p", "2026-Q3").exit_code == 0
    out = jt("trend", "地区生产总值增长").stdout
    assert "截至前三季度" in out and "▒" in out and "2026-Q3" not in out
    doc = json.loads(jt("trend", "gdp_growth", "--json").stdout)
    last = doc["points"][-1]
    assert last["period"] == "2026" and last["actual"] is None
    assert last["to_date"] == {"period": "2026-Q3", "actual": 5.3, "vintage": "preliminary"}
    assert last["status"] == "on_track" and last["margin"] is None
    assert doc["judged"] == 3
    english = jt("trend", "地区生产总值增长", "--lang", "en").stdout
    assert "Jan–Sep" in english and "截至" not in english


@pytest.mark.parametrize("width", [60, 80, 100, 120])
@pytest.mark.parametrize("indicator", ["地区生产总值增长", "城镇新增就业", "签约落地亿元以上项目"])
def test_the_trend_fits_the_terminal(
    jt: Invoke, monkeypatch: pytest.MonkeyPatch, width: int, indicator: str
) -> None:
    """No line wider than the terminal, and a bar is never folded onto a second line."""
    monkeypatch.setenv("COLUMNS", str(width))
    out = jt("trend", indicator).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    for line in out.splitlines():
        if line.startswith("│") and not line.strip("│").split("│")[0].strip():
            assert not set(line.split("│")[-2]) & set("█▒┃"), line
