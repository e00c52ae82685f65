"""`jt extract` never drafts an empty or partial plan in silence: each paragraph with figures it
skipped is one line on stderr with its first words and why, and `--json` lists them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Invoke

REPORT = (
    "2026年市政府工作报告\n"
    "刚刚过去的2025年，全市地区生产总值增长5.5%，城镇新增就业12.6万人。\n"
    "过去一年，我们新签约亿元以上项目320个。\n"
    "今年主要预期目标是：地区生产总值增长5%以上，细颗粒物年均浓度控制在31微克/立方米以内。\n"
    "到2030年，地区生产总值突破8000亿元。\n"
)


def test_skipped_paragraphs_are_named_on_stderr(jt: Invoke, tmp_path: Path) -> None:
    doc = tmp_path / "report.txt"
    doc.write_text(REPORT, encoding="utf-8")
    result = jt("extract", str(doc), "-j", "jinan", "--year", "2026")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "略过 skipped" in line]
    assert len(lines) == 3
    assert "「刚刚过去的2025年" in lines[0] and "回顾 looks back" in lines[0]
    assert "「过去一年" in lines[1]
    assert "「到2030年" in lines[2] and "远期目标" in lines[2]
    assert "2 项目标 targets" in result.stderr
    assert "value = 31" in result.stdout  # 年均浓度: this year's target


def test_json_lists_the_skipped_paragraphs(jt: Invoke, tmp_path: Path) -> None:
    doc = tmp_path / "report.txt"
    doc.write_text(REPORT, encoding="utf-8")
    result = jt("extract", str(doc), "-j", "jinan", "--year", "2026", "--json")
    assert result.exit_code == 0, result.output
    (draft,) = json.loads(result.stdout)["drafts"]
    assert draft["figures"] == 6
    skipped = draft["skipped"]
    assert [k["reason"] for k in skipped] == ["review", "review", "later"]
    assert set(skipped[0]) == {"offset", "words", "reason", "why", "figures"}
    assert REPORT[skipped[0]["offset"] :].startswith(skipped[0]["words"])
    assert skipped[0]["figures"] == 2


def test_a_document_with_figures_and_no_targets_says_so(jt: Invoke, tmp_path: Path) -> None:
    doc = tmp_path / "review.txt"
    doc.write_text(
        "2026年政府工作报告\n一、2025年工作回顾\n全市地区生产总值增长5.5%，城镇新增就业12万人。\n",
        encoding="utf-8",
    )
    result = jt("extract", str(doc), "-j", "jinan", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "未起草任何目标 no targets drafted from 2 figures" in result.stderr
    assert "2025年工作回顾" in result.stderr


def test_control_characters_in_skipped_words_are_escaped(jt: Invoke, tmp_path: Path) -> None:
    doc = tmp_path / "review.txt"
    doc.write_text(
        "2026年政府工作报告\n过去一年\x1b[2J，地区生产总值增长5.5%。\n", encoding="utf-8"
    )
    result = jt("extract", str(doc), "-j", "jinan", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "cannot tell the plan's year"),
        (b"\x00\x01\x02" * 10, "二进制文件"),
        ("地区生产总值增长5%".encode("utf-16"), ""),
    ],
)
def test_bad_input_stays_one_line_and_exit_2(
    jt: Invoke, tmp_path: Path, content: bytes, message: str
) -> None:
    """Empty, binary or wrongly encoded: one line, exit 2, nothing written."""
    doc = tmp_path / "bad.txt"
    doc.write_bytes(content)
    out = tmp_path / "out.toml"
    result = jt("extract", str(doc), "-j", "jinan", "-o", str(out))
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert not out.exists()


def test_a_huge_file_is_refused_in_one_line(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinan_targets.extract import sourcefile

    monkeypatch.setattr(sourcefile, "MAX_BYTES", 1000)
    doc = tmp_path / "huge.txt"
    doc.write_text("地区生产总值增长5%。" * 200, encoding="utf-8")
    result = jt("extract", str(doc), "-j", "jinan")
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("province", ["SH", "GS", "XJ"])
def test_a_provinces_draft_passes_check(jt: Invoke, plans: Path, province: str) -> None:
    """A province's report, drafted with its proposals added and its source copied, passes
    `jt check` as it is (every quote verified, every in_step with its reference)."""
    with (plans / "jurisdictions.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[jurisdiction]]\nid = "province"\nname = "某省"\nname_en = "A province"\n')
        fh.write('level = "province"\n')
    doc = Path(__file__).parent / "data" / "provinces-2026" / f"{province}-2026.txt"
    out = plans / "province" / "2026.toml"
    result = jt(
        "extract", str(doc), "-j", "province", "-o", str(out), "--add-indicators", "--copy-source"
    )
    assert result.exit_code == 0, result.output
    check = jt("check")
    assert check.exit_code == 0, check.output
