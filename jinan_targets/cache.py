"""Where the derived index lives, and whether a cache there can be trusted.

The index is kept in the user's cache directory (``$JINAN_TARGETS_CACHE``, else
``$XDG_CACHE_HOME/jinan-targets``, else ``~/.cache/jinan-targets``), one file per workspace;
``JINAN_TARGETS_CACHE=off`` disables it. With no home directory (a user with no passwd entry and
no ``HOME``) there is no default location and the files are read directly: the cache never makes
a command fail.

A cache holds copies of a workspace's records, so it is private: its directory is created 0700
and its files 0600. It is also trusted to say what the files hold, so a directory or a file that
another user owns, or that others may write (a shared ``/tmp``-like directory, mode 1777), is
refused: the command warns once and reads the files instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

__all__ = ["CacheRefused", "cache_file", "private_file"]

_OFF = ("off", "0", "none")
_SIDE_FILES = ("-wal", "-shm", "-journal")


class CacheRefused(Exception):
    """The cache location cannot be trusted or made private; the message says why."""


def _home_cache(env: dict[str, str]) -> str | None:
    xdg = env.get("XDG_CACHE_HOME")
    if xdg:
        return xdg
    home = env.get("HOME")
    if home is None:
        try:
            home = str(Path.home())
        except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
            return None
    return os.path.join(home, ".cache") if home else None


def cache_file(root: Path, env: dict[str, str] | None = None) -> Path | None:
    """Where the index of the workspace at ``root`` lives, or None when indexing is off or
    there is nowhere to keep it."""
    env = dict(os.environ) if env is None else env
    base = env.get("JINAN_TARGETS_CACHE", "")
    if base.lower() in _OFF:
        return None
    if not base:
        cache_home = _home_cache(env)
        if cache_home is None:
            return None
        base = os.path.join(cache_home, "jinan-targets")
    name = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(base) / f"index-{name[:20]}.sqlite"


def _untrusted(info: os.stat_result, what: str, path: Path) -> str | None:
    """Why a cache entry owned by someone else or writable by others cannot be trusted."""
    if info.st_uid != os.geteuid():
        return f"{what} {path} belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"{what} {path} is writable by others (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def _private_dir(directory: Path) -> None:
    if not os.path.lexists(directory):
        directory.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # made at the same moment elsewhere
            os.mkdir(directory, 0o700)
    info = os.lstat(directory)
    if not stat.S_ISDIR(info.st_mode):
        raise CacheRefused(f"cache directory {directory} is not a directory")
    why = _untrusted(info, "cache directory", directory)
    if why is not None:
        raise CacheRefused(why)
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(directory, 0o700)  # ours, but readable by others: the records are private


def private_file(path: Path) -> None:
    """Make sure ``path`` sits in a private directory of ours and is a private regular file of
    ours (created empty, 0600, if missing), with the side files SQLite keeps beside it. Raises
    :class:`CacheRefused` for anything another user could have put or changed there."""
    _private_dir(path.parent)
    for candidate in [path, *(Path(f"{path}{s}") for s in _SIDE_FILES)]:
        if candidate is path and not os.path.lexists(path):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            os.close(fd)
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            raise CacheRefused(f"cache file {candidate} is not a regular file")
        why = _untrusted(info, "cache file", candidate)
        if why is not None:
            raise CacheRefused(why)
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(candidate, 0o600)
