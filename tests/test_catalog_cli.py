"""`jt jurisdictions add`, `jt extract --add-jurisdiction` and `jt indicators rename`: new places
and names in one step, written atomically, refused whole, and never leaving the workspace
broken, even when a write fails midway."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from jinan_targets import atomic, renaming
from jinan_targets.places import derive_id, english_name, level_of, named_place

from .conftest import Invoke

DATA = Path(__file__).parent / "data"
PLAN_DOC = DATA / "linshui_2027_plan.txt"
GUIZHOU = (
    "贵州省政府工作报告\n——2026年1月20日在贵州省第十四届人民代表大会第五次会议上\n\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业60万人以上。\n"
)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


# ----------------------------------------------------------------------- naming a place


@pytest.mark.parametrize(
    ("name", "level", "jid", "english"),
    [
        ("贵州省", "province", "guizhou", "Guizhou Province"),
        ("广西壮族自治区", "province", "guangxi", "Guangxi Autonomous Region"),
        ("新疆维吾尔自治区", "province", "xinjiang", "Xinjiang Autonomous Region"),
        ("陕西省", "province", "shaanxi", "Shaanxi Province"),
        ("上海市", "municipality", "shanghai", "Shanghai"),
        ("杭州市", "city", "hangzhou", "Hangzhou"),
        ("恩施土家族苗族自治州", "prefecture_city", "enshi", "Enshi Prefecture"),
        ("临水县", "county", "linshui", "Linshui County"),
        ("沛县", "county", "peixian", "Peixian County"),
        ("历城区", "district", "licheng", "Licheng District"),
    ],
)
def test_a_place_is_named_from_its_chinese_name(
    name: str, level: str, jid: str, english: str
) -> None:
    """Level from the ending (省, 自治区, 市, 区, 县, 自治州), id from the pinyin of the rest."""
    assert level_of(name) == level
    assert derive_id(name) == jid
    assert english_name(name) == english


def test_a_district_id_sits_under_its_parent() -> None:
    """历城区 under jinan is jinan-licheng, as the catalog writes its districts."""
    assert derive_id("历城区", "jinan") == "jinan-licheng"
    assert derive_id("杭州市", "zhejiang") == "hangzhou"  # a city keeps its own name


@pytest.mark.parametrize(
    ("head", "name", "above"),
    [
        ("政府工作报告\n——2026年1月20日在贵州省第十四届人民代表大会第五次会议上", "贵州省", ""),
        ("龚正市长在上海市第十六届人民代表大会第四次会议的政府工作报告", "上海市", ""),
        ("某某市人民政府关于印发某某市2026年国民经济和社会发展计划的通知", "某某市", ""),
        ("2026年四川省人民政府工作报告", "四川省", ""),
        ("2026年自治区政府工作报告_新疆维吾尔自治区人民政府", "新疆维吾尔自治区", ""),
        ("山东省临水县人民政府关于印发", "临水县", "山东省"),
        ("济南市历城区人民政府文件", "历城区", "济南市"),
        ("政府工作报告\n2026年1月在日照市第二十一届人民代表大会", "日照市", ""),
        ("2026年日照市政府工作报告", "日照市", ""),
        (
            "临水县人民政府关于…\n各乡镇人民政府，县政府各部门：已经县第五届人民代表大会",
            "临水县",
            "",
        ),
    ],
)
def test_a_document_names_its_own_place(head: str, name: str, above: str) -> None:
    """The title, the issuer or the congress it was given at name the document's place."""
    found = named_place(head, ["山东省", "济南市"])
    assert found is not None and (found.name, found.above) == (name, above)


@pytest.mark.parametrize(
    "head",
    ["2026年政府工作报告\n今年经济社会发展的主要预期目标是", "各区县人民政府，市政府各部门", ""],
)
def test_no_place_is_made_up(head: str) -> None:
    """A report that names no place, or only 各区县, proposes none."""
    assert named_place(head) is None


# ----------------------------------------------------------------------- jt jurisdictions add


def test_add_a_jurisdiction_and_list_it(jt: Invoke, plans: Path) -> None:
    """The entry is appended whole (comments kept), the list and its JSON show it, check passes,
    and no temp file is left beside the catalog."""
    catalog = plans / "jurisdictions.toml"
    before = catalog.read_text(encoding="utf-8")
    os.chmod(catalog, 0o640)
    result = jt("jurisdictions", "add", "guizhou", "贵州省")
    assert result.exit_code == 0, result.output
    assert "guizhou" in result.stdout and "province" in result.stdout
    after = catalog.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert 'id = "guizhou"\nname = "贵州省"\nname_en = "Guizhou Province"' in after
    assert oct(catalog.stat().st_mode & 0o777) == "0o640"  # an existing file keeps its mode
    assert [p.name for p in plans.iterdir() if p.name.startswith(".jurisdictions")] == []
    child = jt("jurisdictions", "add", "guizhou-guiyang", "贵阳市", "--parent", "guizhou", "--json")
    assert child.exit_code == 0, child.output
    data = json.loads(child.stdout)
    assert data["schema"] == "jinan-targets/jurisdiction-add/1" and data["written"] is True
    assert data["jurisdiction"] == {
        "id": "guizhou-guiyang",
        "name": "贵阳市",
        "name_en": "Guiyang",
        "level": "city",
        "parent": "guizhou",
    }
    listed = json.loads(jt("jurisdictions", "--json").stdout)
    assert listed["schema"] == "jinan-targets/jurisdictions/1"
    ids = [p["id"] for p in listed["jurisdictions"]]
    assert ids[-2:] == ["guizhou", "guizhou-guiyang"]
    assert set(listed["jurisdictions"][0]) == {
        "id", "name", "name_en", "level", "parent", "plans", "outcomes"
    }  # fmt: skip
    assert "贵阳市" in jt("jurisdictions").stdout
    assert jt("check").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["jinan", "济南市"], "already exists"),
        (["Guizhou", "贵州省"], "bad jurisdiction id"),
        (["gui zhou", "贵州省"], "bad jurisdiction id"),
        (["9guizhou", "贵州省"], "bad jurisdiction id"),
        (["guizhou", "贵州省", "--parent", "china"], "unknown parent"),
        (["guizhou", "贵州省", "--level", "empire"], "unknown level"),
        (["somewhere", "某地"], "--level"),
        (["guizhou", "贵州\x1b[2J省"], "control character"),
        (["guizhou", " "], "--level"),
    ],
)
def test_a_bad_jurisdiction_is_refused_and_nothing_written(
    jt: Invoke, plans: Path, args: list[str], message: str
) -> None:
    """Duplicate id, bad id, unknown parent or level: one line on stderr, exit 2, no change."""
    before = _snapshot(plans)
    result = jt("jurisdictions", "add", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(plans) == before


# ----------------------------------------------------------------------- extract


def test_extract_proposes_the_place_and_says_what_to_run(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """Without --add-jurisdiction: exit 2, the exact commands, nothing written."""
    doc = tmp_path / "gz.txt"
    doc.write_text(GUIZHOU, encoding="utf-8")
    before = _snapshot(plans)
    for args in ([], ["-j", "guizhou"]):
        result = jt("extract", str(doc), *args, "-o", str(plans / "guizhou" / "2026.toml"))
        assert result.exit_code == 2, result.output
        assert "--add-jurisdiction" in result.stderr
        assert "jt jurisdictions add guizhou 贵州省 --level province" in result.stderr
    assert _snapshot(plans) == before


def test_extract_adds_the_place_in_the_same_command(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """--add-jurisdiction writes 贵州省 as guizhou (a province), the draft, and check passes."""
    doc = tmp_path / "gz.txt"
    doc.write_text(GUIZHOU, encoding="utf-8")
    out = plans / "guizhou" / "2026.toml"
    result = jt("extract", str(doc), "--add-jurisdiction", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "added jurisdiction guizhou 贵州省 (province)" in result.stderr
    assert 'jurisdiction = "guizhou"' in out.read_text(encoding="utf-8")
    places = json.loads(jt("jurisdictions", "--json").stdout)["jurisdictions"]
    assert {"id": "guizhou", "level": "province", "parent": None}.items() <= places[-1].items()
    assert jt("check").exit_code == 0
    again = jt("extract", str(doc), "--add-jurisdiction", "-o", str(out), "--force")
    assert again.exit_code == 0 and "added jurisdiction" not in again.stderr  # known now


def test_extract_adds_a_county_under_its_parent_with_the_given_id(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """山东省临水县人民政府: 临水县 under shandong; -j picks the id."""
    doc = tmp_path / "ls.txt"
    doc.write_text("山东省" + PLAN_DOC.read_text(encoding="utf-8"), encoding="utf-8")
    out = plans / "linshui" / "2027.toml"
    result = jt(
        "extract", str(doc), "-j", "linshui", "--add-jurisdiction", "--add-indicators",
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    places = {p["id"]: p for p in json.loads(jt("jurisdictions", "--json").stdout)["jurisdictions"]}
    assert places["linshui"]["level"] == "county" and places["linshui"]["parent"] == "shandong"
    assert jt("check").exit_code == 0


def test_a_refused_extract_adds_no_place(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """A draft that cannot be made (no year in the text) leaves the catalog as it was."""
    doc = tmp_path / "gz.txt"
    doc.write_text(re.sub(r"20\d\d年", "", GUIZHOU), encoding="utf-8")
    before = _snapshot(plans)
    result = jt("extract", str(doc), "--add-jurisdiction")
    assert result.exit_code == 2 and "--year" in result.stderr
    assert _snapshot(plans) == before


# ----------------------------------------------------------------------- jt indicators rename


def _ids_in(root: Path, word: str) -> list[str]:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    return [
        str(p.relative_to(root))
        for p in root.rglob("*.toml")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]


def test_rename_a_proposed_indicator_everywhere(jt: Invoke, plans: Path) -> None:
    """A proposed new_… id, used in the catalog, a plan and a log, is renamed in all three;
    records keep valid digests (check passes), and history finds them under the new id."""
    assert jt("jurisdictions", "add", "linshui", "临水县", "--parent", "shandong").exit_code == 0
    out = plans / "linshui" / "2027.toml"
    drafted = jt("extract", str(PLAN_DOC), "-o", str(out), "--add-indicators", "--json")
    assert drafted.exit_code == 0, drafted.output
    proposed = json.loads(drafted.stdout)["drafts"][0]["proposed_indicators"]
    old = next(p for p in proposed if p["unit"] == "个")["id"]
    assert jt("extract", str(PLAN_DOC), "-o", str(out), "--force").exit_code == 0
    recorded = jt("record", old, "12", "-j", "linshui", "-p", "2027-Q1", "--force")  # 2027: ahead
    assert recorded.exit_code == 0, recorded.output
    assert jt("check").exit_code == 0
    result = jt("indicators", "rename", old, "key_projects_started", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["written"] and data["targets"] >= 1 and data["records"] == 1
    assert _ids_in(plans, old) == []
    assert len(_ids_in(plans, "key_projects_started")) == 3
    check = jt("check")
    assert check.exit_code == 0, check.output
    history = json.loads(jt("history", "key_projects_started", "-j", "linshui", "--json").stdout)
    assert [str(r["value"]) for r in history["records"]] == ["12"]


def test_rename_keeps_every_record_of_the_shipped_logs(jt: Invoke, plans: Path) -> None:
    """gdp_growth, in three plans, retractions and logs of three places: every record, target
    and comment is kept, only the id lines (and digests) change."""

    def figures() -> list[str]:
        out = []
        for place in ("jinan", "jinan-licheng", "jinan-shizhong"):
            doc = json.loads(jt("history", "gdp_growth", "-j", place, "--json").stdout)
            out += [f"{place} {r['period']} {r['value']}" for r in doc["records"]]
        return out

    before, lines_before = figures(), _snapshot(plans)
    dry = jt("indicators", "rename", "gdp_growth", "gdp_growth_rate", "--dry-run")
    assert dry.exit_code == 0 and "would rename" in dry.stdout
    assert _snapshot(plans) == lines_before
    assert jt("indicators", "rename", "gdp_growth", "gdp_growth_rate").exit_code == 0
    assert jt("check").exit_code == 0
    assert jt("indicators", "rename", "gdp_growth_rate", "gdp_growth").exit_code == 0
    assert figures() == before
    assert _snapshot(plans) == lines_before  # renamed back: byte for byte the same files


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("no_such_indicator", "x", "unknown indicator"),
        ("gdp_growth", "cpi", "already exists"),
        ("gdp_growth", "GDP", "bad indicator id"),
        ("gdp_growth", "gdp-growth", "bad indicator id"),
        ("gdp_growth", "gdp_growth", "the new id is the old one"),
    ],
)
def test_a_bad_rename_is_refused_and_nothing_written(
    jt: Invoke, plans: Path, old: str, new: str, message: str
) -> None:
    before = _snapshot(plans)
    result = jt("indicators", "rename", old, new)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert _snapshot(plans) == before


@pytest.mark.parametrize("fail_at", [1, 2, 5])
def test_an_interrupted_rename_loses_nothing_and_finishes_when_run_again(
    jt: Invoke, plans: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    """A write that fails midway (the 1st, 2nd, … file) exits 1 saying to run it again; the
    workspace still checks OK with every record in force; running it again finishes it."""

    def count() -> int:
        result = jt("check")
        assert result.exit_code == 0, result.output
        return int(result.stdout.split("targets, ")[1].split("条")[0])

    records = count()
    real = atomic.replace_file
    calls = {"n": 0}

    def failing(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(renaming, "replace_file", failing)
    result = jt("indicators", "rename", "gdp_growth", "gdp_growth_rate")
    assert result.exit_code == 1, result.output
    assert "run `jt indicators rename gdp_growth gdp_growth_rate` again" in result.stderr
    monkeypatch.setattr(renaming, "replace_file", real)
    assert count() == records
    done = jt("indicators", "rename", "gdp_growth", "gdp_growth_rate")
    assert done.exit_code == 0, done.output
    assert count() == records
    assert _ids_in(plans, "gdp_growth") == []


def test_rename_keeps_a_retraction_naming_its_record(jt: Invoke, plans: Path) -> None:
    """A retraction names its record by digest; the rename recomputes the digest, and the
    retraction follows it, so the withdrawn figure stays withdrawn."""
    import json as json_

    assert jt("record", "城镇新增就业", "3万", "-p", "2026-Q1").exit_code == 0
    revised = jt("record", "城镇新增就业", "3.1万", "-p", "2026-Q1", "--vintage", "修订")
    assert revised.exit_code == 0
    assert jt("undo", "城镇新增就业", "-p", "2026-Q1").exit_code == 0
    before = json_.loads(jt("scorecard", "2026", "--json").stdout)
    r = jt("indicators", "rename", "urban_new_jobs", "jobs_new_urban")
    assert r.exit_code == 0, r.output
    assert jt("check").exit_code == 0
    after = json_.loads(jt("scorecard", "2026", "--json").stdout)
    old = {row["indicator"]: row["actual"] for row in before["rows"]}
    new = {row["indicator"]: row["actual"] for row in after["rows"]}
    assert old["urban_new_jobs"] == new["jobs_new_urban"] == 3
