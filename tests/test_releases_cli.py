"""`jt extract --outcomes` on a release from the command line: every row shows its period beside
the words that gave it, the CSV goes through `jt import` as it is, and a --period that
contradicts the release's title is refused with nothing written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .conftest import Invoke

RELEASES = Path(__file__).parent / "data" / "releases"
H1 = RELEASES / "jinan_2026_h1_release.txt"


def test_rows_show_their_period_and_import_as_they_are(jt: Invoke, plans: Path) -> None:
    out = plans / "h1.csv"
    result = jt("extract", "--outcomes", str(H1), "-o", str(out), "--add-indicators")
    assert result.exit_code == 0, result.output
    # the terminal listing: period, its label and the words that gave it, with their offset
    assert "2026-04..06" in result.stdout and "单季" in result.stdout
    assert "二季度 @" in result.stdout and "6月当月 @" in result.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    by_quote = {r["figure_quote"]: r for r in rows}
    quarter = by_quote["二季度增长5.8%"]
    assert (quarter["indicator"], quarter["period"]) == ("gdp_growth", "2026-04..06")
    assert quarter["note"].startswith("时期 period 2026-04..06 ← 二季度 @")
    text = H1.read_text(encoding="utf-8")
    offset = int(quarter["note"].split("@")[1].split()[0])
    assert text[offset:].startswith("二季度")
    first = by_quote["第一产业增加值168.2亿元"]
    assert first["period"] == "2026-H1" and "上半年 @" in first["note"]
    assert "(本段 its paragraph)" in first["note"]
    imported = jt("import", str(out))
    assert imported.exit_code == 0, imported.output
    history = jt("history", "gdp_growth", "--json")
    assert history.exit_code == 0, history.output
    assert "2026-04..06" in history.stdout and "二季度 @" in history.stdout


def test_json_gives_the_period_words_and_offset(jt: Invoke) -> None:
    result = jt("extract", "--outcomes", str(H1), "--json")
    assert result.exit_code == 0, result.output
    (draft,) = json.loads(result.stdout)["drafts"]
    assert draft["period"] == "2026-H1"
    assert draft["title_period"] == {
        "period": "2026-H1",
        "words": "2026年上半年济南市经济运行情况",
        "offset": 0,
    }
    text = H1.read_text(encoding="utf-8")
    months = [o for o in draft["outcomes"] if o["period"] == "2026-06..06"]
    assert {o["period_words"] for o in months} == {"6月当月", "6月份"}
    for o in draft["outcomes"]:
        assert o["period_from"] in ("sentence", "paragraph")
        assert text[o["period_offset"] :].startswith(o["period_words"])


def test_a_period_that_contradicts_the_title_is_refused(jt: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "h1.csv"
    result = jt("extract", "--outcomes", str(H1), "-p", "2026", "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "contradicts the title" in result.stderr and "2026-H1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
    same = jt("extract", "--outcomes", str(H1), "-p", "上半年", "-o", str(out))
    assert same.exit_code == 0, same.output
