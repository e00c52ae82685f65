"""Writes stay where they belong: what `jt export -o` will and will not replace, Markdown that
never turns data into live links, and the bundled dataset refused however it is reached."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jinan_targets.cli import app
from jinan_targets.render.markdown import render_markdown
from jinan_targets.report import build_report
from jinan_targets.scorecard import build_scorecard
from jinan_targets.store import load_workspace

from .conftest import Invoke


def test_dash_is_standard_output(jt: Invoke, tmp_path: Path) -> None:
    result = jt("export", "2025", "-f", "md", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# 济南市")
    assert not (Path.cwd() / "-").exists()
    xlsx = CliRunner().invoke(app, ["export", "2025", "-f", "xlsx", "-o", "-"])
    assert xlsx.exit_code == 0 and xlsx.stdout_bytes.startswith(b"PK")


def test_new_report_honours_the_umask(jt: Invoke, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert jt("export", "2025", "-o", str(tmp_path / "r.md")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o644


def test_existing_report_keeps_its_mode(jt: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("old")
    out.chmod(0o640)
    assert jt("export", "2025", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text().startswith("# ")


def test_missing_directory_is_not_created(jt: Invoke, tmp_path: Path) -> None:
    result = jt("export", "2025", "-o", str(tmp_path / "no" / "such" / "r.md"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_read_only_file_is_refused(jt: Invoke, tmp_path: Path) -> None:
    """A file without a write bit is never replaced, even for root, whom the system would let
    write it."""
    out = tmp_path / "r.md"
    out.write_text("keep")
    out.chmod(0o444)
    result = jt("export", "2025", "-o", str(out))
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert out.read_text() == "keep"


@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-device", "link-to-fifo"])
def test_devices_and_fifos_are_never_replaced(jt: Invoke, tmp_path: Path, kind: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = {
        "fifo": fifo,
        "device": Path("/dev/null"),
        "link-to-device": tmp_path / "dev.md",
        "link-to-fifo": tmp_path / "fifo.md",
    }[kind]
    if kind == "link-to-device":
        out.symlink_to("/dev/null")
    if kind == "link-to-fifo":
        out.symlink_to(fifo)
    result = jt("export", "2025", "-f", "md", "-o", str(out))
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if out.parent == tmp_path and kind.startswith("link"):
        assert out.is_symlink()


def test_symlink_to_a_regular_file_is_written_through(jt: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert jt("export", "2025", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("# ")


def test_markdown_never_makes_live_links(plans: Path) -> None:
    """Link, image and autolink syntax in the data comes out as inert text."""
    hostile = (
        "[x](javascript:alert(1)) ![t](http://evil.example/p.png) <http://a.b> www.evil.example"
    )
    log = plans / "jinan" / "2025.outcomes.toml"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[outcome]]\nindicator = "urban_new_jobs"\nperiod = "2025"\nvalue = 22\n'
            f'vintage = "final"\nsource = "{hostile}"\nquote = "{hostile}"\n'
            "recorded_at = 2026-11-23T08:00:00+08:00\n"
        )
    ws = load_workspace(plans)
    text = render_markdown(build_report(build_scorecard(ws, "jinan", 2025)))
    assert "](" not in text.replace("\\](", "")
    assert "![" not in text.replace("\\![", "").replace("!\\[", "")
    assert "http://" not in text and "<http" not in text
    assert "www.evil" not in text


def test_bundled_dataset_is_read_only_however_reached(
    jt: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plans: Path
) -> None:
    """A copy standing in for the installed dataset is refused by --plans, by the environment
    variable and through a symlink: its real path is compared."""
    from jinan_targets import workspace

    monkeypatch.setattr(workspace, "_packaged", lambda: plans)
    link = tmp_path / "link"
    link.symlink_to(plans)
    for where in (plans, link):
        result = jt("record", "就业", "4万", "-p", "Q1", plans_dir=where)
        assert result.exit_code == 2 and "read-only" in result.stderr
    monkeypatch.setenv("JINAN_TARGETS_PLANS", str(link))
    result = CliRunner().invoke(app, ["record", "就业", "4万", "-p", "Q1"])
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_init_writes_git_rules_and_a_right_hint(tmp_path: Path) -> None:
    dest = tmp_path / "mywork"
    result = CliRunner().invoke(app, ["init", str(dest)])
    assert result.exit_code == 0, result.output
    assert "merge=union" in (dest / ".gitattributes").read_text()
    assert "*.lock" in (dest / ".gitignore").read_text()
    assert (dest / ".schemas" / "plan.schema.json").is_file()  # editors validate the copy too
    assert f"--plans {dest}" in result.stdout and "cd into its parent" not in result.stdout


def test_recording_into_a_log_linked_outside_is_refused(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """`jt record` never appends through a symlink that leads outside the workspace."""
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("", encoding="utf-8")
    log = plans / "jinan" / "2026.outcomes.toml"
    log.unlink()
    log.symlink_to(outside)
    result = jt("record", "就业", "4万", "-p", "Q1")
    assert result.exit_code == 2 and "outside the workspace" in result.stderr
    assert outside.read_text(encoding="utf-8") == ""
