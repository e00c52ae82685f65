"""The derived index can neither run code, nor leak records, nor stop a command."""

from __future__ import annotations

import os
import pickle
import sqlite3
import stat
from pathlib import Path

import pytest

from jinan_targets.cache import cache_file
from jinan_targets.index import IndexedLoader
from jinan_targets.store import load_workspace, open_workspace
from tests.conftest import REPO, Invoke


class Boom:
    """A pickle payload that runs a command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def _cache_dir() -> Path:
    return Path(os.environ["JINAN_TARGETS_CACHE"])


def _plant(db: Path, payload: bytes | str) -> None:
    """Fill every document row of an existing index with ``payload``."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE docs SET payload = ?", (payload,))
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "kind", ["pickle", "pickle-text", "garbage", "json-wrong-shape", "json-unknown-field"]
)
def test_a_planted_payload_never_runs_and_is_never_believed(
    jt: Invoke, plans: Path, tmp_path: Path, kind: str
) -> None:
    """Another user's planted index rows (a pickle calling os.system, junk, JSON of another
    shape) are refused: nothing runs and the command shows what the files hold."""
    marker = tmp_path / "ran"
    want = jt("scorecard", "--json")
    assert want.exit_code == 0, want.output
    db = cache_file(plans)
    assert db is not None and db.exists()
    payloads: dict[str, bytes | str] = {
        "pickle": pickle.dumps(Boom(marker)),
        "pickle-text": pickle.dumps(Boom(marker), protocol=0).decode("latin-1"),
        "garbage": b"\x80\x04\x95 not a thing",
        "json-wrong-shape": '{"fields": [], "problems": 3}',
        "json-unknown-field": '{"fields": {"plans_x": "[]"}, "problems": [], "unreadable": []}',
    }
    _plant(db, payloads[kind])
    got = jt("scorecard", "--json")
    assert got.exit_code == 0, got.output
    assert not marker.exists()
    assert got.stdout == want.stdout


def test_the_index_module_has_no_code_running_loader() -> None:
    """No pickle, marshal or shelve anywhere in the code that reads the cache."""
    for name in ("index.py", "indexdocs.py", "cache.py"):
        text = (REPO / "jinan_targets" / name).read_text(encoding="utf-8")
        for word in ("import pickle", "import marshal", "import shelve", "eval(", "exec("):
            assert word not in text, (name, word)


def test_cache_directory_and_files_are_private(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """A new cache directory is 0700 and the index and SQLite's side files are 0600."""
    home = tmp_path / "cachehome"
    os.environ["JINAN_TARGETS_CACHE"] = str(home / "jinan-targets")
    assert jt("scorecard").exit_code == 0
    assert stat.S_IMODE((home / "jinan-targets").stat().st_mode) == 0o700
    files = list((home / "jinan-targets").iterdir())
    assert files
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


def test_an_own_cache_left_readable_is_made_private(plans: Path, tmp_path: Path) -> None:
    """A cache directory and index of ours that others can read (made by an older version)
    are narrowed to 0700 and 0600."""
    directory = tmp_path / "mine"
    directory.mkdir(mode=0o755)
    os.chmod(directory, 0o755)
    db = directory / "index.sqlite"
    open_workspace(plans, loader=IndexedLoader(db)).log_for("jinan")
    os.chmod(db, 0o644)
    open_workspace(plans, loader=IndexedLoader(db)).log_for("jinan")
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("dir_mode", "file_mode", "other_owner"),
    [
        (0o1777, None, False),  # a shared /tmp-like directory
        (0o777, None, False),
        (0o770, None, False),  # group-writable
        (0o700, 0o666, False),  # a planted file anyone can write
        (0o700, 0o620, False),
        (0o700, 0o600, True),  # a file of another user
        (0o755, None, True),  # a directory of another user
    ],
)
def test_a_cache_others_can_write_is_refused_with_one_warning(
    jt: Invoke,
    plans: Path,
    tmp_path: Path,
    dir_mode: int,
    file_mode: int | None,
    other_owner: bool,
) -> None:
    """The command warns once, reads the files and shows the same as without a cache."""
    if other_owner and os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.environ["JINAN_TARGETS_CACHE"] = "off"
    want = jt("scorecard", "--json").stdout
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, dir_mode)
    os.environ["JINAN_TARGETS_CACHE"] = str(shared)
    db = cache_file(plans)
    assert db is not None
    if file_mode is not None:
        db.write_bytes(b"")
        os.chmod(db, file_mode)
    if other_owner:
        os.chown(db if file_mode is not None else shared, 54321, 54321)
    got = jt("scorecard", "--json")
    assert got.exit_code == 0, got.output
    assert got.stdout == want
    warnings = [line for line in got.stderr.splitlines() if "cache not used" in line]
    assert len(warnings) == 1, got.stderr
    if file_mode is None:
        assert not db.exists()  # nothing was written into the refused directory


def test_a_symlinked_cache_file_is_refused(plans: Path, tmp_path: Path) -> None:
    """An index path that is a symlink (to a file another user controls) is not opened."""
    directory = tmp_path / "c"
    directory.mkdir(mode=0o700)
    target = tmp_path / "elsewhere.sqlite"
    target.write_bytes(b"")
    (directory / "index.sqlite").symlink_to(target)
    seen: list[str] = []
    loader = IndexedLoader(directory / "index.sqlite", seen.append)
    ws = open_workspace(plans, loader=loader)
    assert ws.log_for("jinan") == load_workspace(plans).log_for("jinan")
    assert len(seen) == 1 and "not a regular file" in seen[0]
    assert target.read_bytes() == b""


@pytest.mark.parametrize(
    "env",
    [
        {},  # no HOME, no XDG_CACHE_HOME, no passwd entry
        {"HOME": ""},
        {"XDG_CACHE_HOME": ""},
    ],
)
def test_no_home_directory_means_no_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str]
) -> None:
    """Path.home() failing (a user with no passwd entry) never makes a command fail."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_file(tmp_path, env) is None


def test_no_home_directory_commands_still_work(jt: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """`jt scorecard` and `jt check` with no HOME and no passwd entry: exit 0."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("HOME", "XDG_CACHE_HOME", "JINAN_TARGETS_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    for args in (("scorecard",), ("check",), ("history", "地区生产总值增长")):
        result = jt(*args)
        assert result.exit_code == 0, (args, result.output)
