"""`jt extract` from the command line: a plan nobody prepared goes from its document to a
checked plan and a scorecard; a bulletin's figures go in through `jt import`; bad input is one
line and exit 2, with nothing written."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from .conftest import Invoke

DATA = Path(__file__).parent / "data"
PLAN_DOC = DATA / "linshui_2027_plan.txt"
BULLETIN = DATA / "linshui_2027_q1_bulletin.txt"
COUNTY = """
[[jurisdiction]]
id = "linshui"
name = "临水县"
name_en = "Linshui County"
level = "county"
parent = "shandong"
"""


def add_county(plans: Path) -> None:
    """Adding a place is one [[jurisdiction]] table (README: Jurisdictions)."""
    with (plans / "jurisdictions.toml").open("a", encoding="utf-8") as fh:
        fh.write(COUNTY)


def test_a_new_plan_from_its_document_to_its_scorecard(jt: Invoke, plans: Path) -> None:
    """extract → check → import a bulletin's figures → scorecard, on a document written for
    the test: the draft passes `jt check` once its proposed indicators are added."""
    add_county(plans)
    out = plans / "linshui" / "2027.toml"
    result = jt("extract", str(PLAN_DOC), "-o", str(out), "--add-indicators", "--copy-source")
    assert result.exit_code == 0, result.output
    assert "linshui_2027_plan.txt:" in result.stderr and "项目标 targets" in result.stderr
    draft = out.read_text(encoding="utf-8")
    assert 'jurisdiction = "linshui"' in draft and "year = 2027" in draft  # read from the text
    assert "# 待核 review:" in draft
    assert '# period = "2026-2030"' in draft  # a goal for 2030, kept apart as a comment
    assert (plans / "sources" / PLAN_DOC.name).read_bytes() == PLAN_DOC.read_bytes()
    check = jt("check")
    assert check.exit_code == 0, check.output  # quotes verified against sources/ too

    csv_path = plans / "q1.csv"
    drafted = jt("extract", "--outcomes", str(BULLETIN), "-p", "2027-Q1", "-o", str(csv_path))
    assert drafted.exit_code == 0, drafted.output
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    figures = {r["indicator"]: r["value"] for r in rows}
    assert figures["gdp_growth"] == "5.9" and figures["urban_new_jobs"] == "0.35"
    assert "5.5" not in figures.values()  # 全年目标 restated: not an outcome
    assert {r["period"] for r in rows} == {"2027-Q1"}
    assert jt("import", str(csv_path)).exit_code == 2  # 2027 has not begun: refused…
    imported = jt("import", str(csv_path), "--force")  # …unless forced (a made-up future year)
    assert imported.exit_code == 0, imported.output
    card = jt("scorecard", "2027", "-j", "linshui", "--json")
    assert card.exit_code == 0, card.output
    rows_by_id = {r["indicator"]: r for r in json.loads(card.stdout)["rows"]}
    assert rows_by_id["gdp_growth"]["status"] == "on_track"
    assert rows_by_id["urban_new_jobs"]["target_text"] == "1.3万人以上"


def test_the_draft_fails_check_until_its_indicators_are_accepted(jt: Invoke, plans: Path) -> None:
    add_county(plans)
    out = plans / "linshui" / "2027.toml"
    assert jt("extract", str(PLAN_DOC), "-o", str(out)).exit_code == 0
    check = jt("check")
    assert check.exit_code == 1 and "未知指标 unknown indicator 'new_" in check.stdout


def test_json_lists_targets_with_offsets_and_proposals(jt: Invoke) -> None:
    result = jt("extract", str(PLAN_DOC), "-j", "jinan", "--year", "2027", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "jinan-targets/extract/1"
    (draft,) = data["drafts"]
    assert draft["year"] == 2027 and draft["later"] == 2  # --year leaves later goals out
    text = PLAN_DOC.read_text(encoding="utf-8")
    first = draft["targets"][0]
    assert first["indicator"] == "gdp_growth" and first["comparator"] == "about"
    assert text[first["offset"] :].startswith(first["quote"])
    assert {p["id"] for p in draft["proposed_indicators"]} >= {
        t["indicator"] for t in draft["targets"] if t["proposed"]
    }


def test_several_files_show_progress_and_write_into_a_directory(jt: Invoke, tmp_path: Path) -> None:
    second = tmp_path / "other.md"
    second.write_text("# 某市2027年政府工作报告\n\n地区生产总值增长6%左右。\n", encoding="utf-8")
    out = tmp_path / "drafts"
    out.mkdir()
    result = jt("extract", str(PLAN_DOC), str(second), "-j", "jinan", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "[1/2] linshui_2027_plan.txt" in result.stderr
    assert "[2/2] other.md" in result.stderr
    assert (out / "linshui_2027_plan.toml").is_file() and (out / "other.toml").is_file()


def test_docx_is_read(jt: Invoke, tmp_path: Path) -> None:
    body = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for text in ("某县2027年国民经济和社会发展计划", "城镇新增就业1万人以上。")
    )
    xml = (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    doc = tmp_path / "plan.docx"
    with zipfile.ZipFile(doc, "w") as z:
        z.writestr("word/document.xml", xml)
    result = jt("extract", str(doc), "-j", "jinan", "--json")
    assert result.exit_code == 0, result.output
    (draft,) = json.loads(result.stdout)["drafts"]
    assert [(t["indicator"], t["value"]) for t in draft["targets"]] == [("urban_new_jobs", 1)]


def test_bad_input_is_one_line_and_nothing_is_written(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    existing = tmp_path / "plan.toml"
    existing.write_text("keep me", encoding="utf-8")
    cases = [
        (["extract", str(tmp_path / "missing.txt")], "不是文件 not a file"),
        (["extract", str(binary)], "二进制文件"),
        (["extract", str(PLAN_DOC), "-p", "2027-Q1"], "--period is for --outcomes"),
        (["extract", "--outcomes", str(BULLETIN), "-p", "someday"], "--period"),
        (["extract", str(PLAN_DOC), str(BULLETIN), "-o", str(existing)], "must be a directory"),
        (["extract", str(PLAN_DOC), "-j", "jinan", "-o", str(existing)], "--force"),
        (["extract", str(PLAN_DOC), "-j", "atlantis"], "unknown jurisdiction"),
    ]
    for args, message in cases:
        result = jt(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert not (plans / "sources" / PLAN_DOC.name).exists()


def test_add_indicators_appends_reviewable_entries_once(jt: Invoke, plans: Path) -> None:
    before = (plans / "indicators.toml").read_text(encoding="utf-8")
    first = jt("extract", str(PLAN_DOC), "-j", "jinan", "--year", "2027", "--add-indicators")
    assert first.exit_code == 0, first.output
    after = (plans / "indicators.toml").read_text(encoding="utf-8")
    assert after.startswith(before)
    added = after[len(before) :]
    assert added.count("[[indicator]]") >= 10
    assert added.count("# 待核 review: proposed by jt extract") == added.count("[[indicator]]")
    again = jt("extract", str(PLAN_DOC), "-j", "jinan", "--year", "2027", "--add-indicators")
    assert again.exit_code == 0
    assert (plans / "indicators.toml").read_text(encoding="utf-8") == after  # not twice
    assert jt("check").exit_code == 0
