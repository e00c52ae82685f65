"""Every writing command refuses before its first write: a refusal leaves every byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO, Invoke


def snapshot(*roots: Path) -> dict[str, bytes]:
    out = {}
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and not p.name.endswith(".lock"):
                out[str(p)] = p.read_bytes()
    return out


def bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(
        "indicator,period,value\n城镇新增就业,2026-Q1,3万\n地区生产总值增长,2026-Q1,不是数\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "case",
    [
        "record-unknown-indicator",
        "record-bad-value",
        "record-bad-period",
        "undo-nothing",
        "import-one-bad-row",
        "extract-copy-source-onto-existing-output",
        "export-missing-directory",
        "export-all-markdown",
        "init-non-empty",
    ],
)
def test_a_refusal_writes_nothing(jt: Invoke, plans: Path, tmp_path: Path, case: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if case == "record-unknown-indicator":
        args: tuple[str, ...] = ("record", "不存在的指标", "1", "-p", "2026-Q1")
    elif case == "record-bad-value":
        args = ("record", "城镇新增就业", "很多", "-p", "2026-Q1")
    elif case == "record-bad-period":
        args = ("record", "城镇新增就业", "3万", "-p", "2026-Q5")
    elif case == "undo-nothing":
        args = ("undo", "城镇新增就业", "-p", "2026-Q2")
    elif case == "import-one-bad-row":
        args = ("import", str(bad_csv(tmp_path)))
    elif case == "extract-copy-source-onto-existing-output":
        (out / "draft.toml").write_text("# mine\n", encoding="utf-8")
        doc = REPO / "tests" / "data" / "linshui_2027_plan.txt"
        args = ("extract", str(doc), "-j", "jinan", "-o", str(out / "draft.toml"), "--copy-source")
    elif case == "export-missing-directory":
        args = ("export", "2025", "-o", str(out / "nowhere" / "r.html"))
    elif case == "export-all-markdown":
        args = ("export", "--all", "-o", str(out / "all.md"))
    else:
        (out / "keep.txt").write_text("mine", encoding="utf-8")
        args = ("init", str(out))
    before = snapshot(plans, out)
    r = jt(*args)
    assert r.exit_code == 2, (r.exit_code, r.output)
    assert snapshot(plans, out) == before
