"""Add a jurisdiction to a workspace's catalog: checked against the catalog as it is on disk,
written under the catalog's lock as a temp file renamed into place, so two commands adding at
once never lose one another's entry and a crash leaves the old catalog whole.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import replace_file
from .excerpt import excerpt
from .model import LEVELS, Jurisdiction
from .places import ID_PATTERN, jurisdiction_text
from .tomlfile import ReadError, TomlError, parse_toml, read_bytes
from .workspace import JURISDICTIONS_FILE, Workspace

__all__ = ["LEVELS", "CatalogError", "add_jurisdiction", "make_jurisdiction"]


class CatalogError(ValueError):
    """The entry cannot be added; the message says why."""


def make_jurisdiction(
    ws: Workspace, jid: str, name: str, level: str, parent: str | None, name_en: str
) -> Jurisdiction:
    """A checked new entry: a well-formed id not yet used, a known level and parent."""
    from .recording import RecordError, check_text

    if not ID_PATTERN.match(jid) or len(jid) > 64:
        raise CatalogError(
            f"辖区代码无效 bad jurisdiction id {excerpt(jid)}: lower-case letters, digits and '-', "
            "starting with a letter (guizhou, jinan-licheng)"
        )
    if jid in ws.jurisdictions:
        other = ws.jurisdictions[jid]
        raise CatalogError(f"辖区已存在 jurisdiction {jid!r} already exists ({other.name})")
    if level not in LEVELS:
        raise CatalogError(f"未知级别 unknown level {excerpt(level)} (one of: {', '.join(LEVELS)})")
    if parent is not None and parent not in ws.jurisdictions:
        known = ", ".join(ws.jurisdictions) or "none"
        raise CatalogError(f"未知上级辖区 unknown parent {excerpt(parent)} (known: {known})")
    try:
        for what, text in (("name", name), ("name-en", name_en)):
            check_text(what, text)
            if not text.strip():
                raise CatalogError(f"--{what}: 名称为空 empty name")
    except RecordError as exc:
        raise CatalogError(str(exc)) from None
    return Jurisdiction(
        id=jid,
        name=name.strip(),
        name_en=name_en.strip(),
        level=level,  # type: ignore[arg-type]
        parent=parent,
    )


def add_jurisdiction(ws: Workspace, jurisdiction: Jurisdiction) -> Path:
    """Append ``jurisdiction`` to the workspace's jurisdictions.toml; return its path. Raises
    CatalogError when the file on disk already has the id (added meanwhile) or cannot be read,
    OSError when it cannot be written; nothing is changed then."""
    from .journal import locked

    path = ws.root / JURISDICTIONS_FILE
    with locked([path]):
        try:
            text = read_bytes(path).decode("utf-8")
            data = parse_toml(text)
        except (ReadError, UnicodeDecodeError, TomlError) as exc:
            raise CatalogError(f"{path}: 无法读取 cannot be read ({exc}); run `jt check`") from None
        entries = data.get("jurisdiction", [])
        ids = {e.get("id") for e in entries if isinstance(e, dict)}
        if jurisdiction.id in ids:
            raise CatalogError(f"辖区已存在 jurisdiction {jurisdiction.id!r} already exists")
        if jurisdiction.parent is not None and jurisdiction.parent not in ids:
            raise CatalogError(f"未知上级辖区 unknown parent {jurisdiction.parent!r}")
        if text and not text.endswith("\n"):
            text += "\n"
        replace_file(path, (text + jurisdiction_text(jurisdiction)).encode("utf-8"))
    ws.jurisdictions[jurisdiction.id] = jurisdiction
    return path
