"""The jurisdiction a document is about, for `jt extract`: the one given with -j, else the place
its head names (贵州省第十四届人民代表大会, 某某市人民政府关于…), else the catalog place its text
names most. A place the catalog lacks is proposed, and added with --add-jurisdiction."""

from typing import TYPE_CHECKING

from .common import fail, resolve_jurisdiction

if TYPE_CHECKING:
    from ..model import Jurisdiction
    from ..places import NamedPlace
    from ..store import Workspace


def _command(jid: str, place: "Jurisdiction") -> str:
    parent = f" --parent {place.parent}" if place.parent else ""
    return f"jt jurisdictions add {jid} {place.name} --level {place.level}{parent}"


def _proposal(ws: "Workspace", jid: str | None, named: "NamedPlace") -> "Jurisdiction":
    from ..catalog_edit import CatalogError, make_jurisdiction
    from ..places import derive_id, english_name, level_of

    level = level_of(named.name)
    above = {j.name: j.id for j in ws.jurisdictions.values()}.get(named.above)
    jid = jid or derive_id(named.name, above, level)
    if level is None or not jid:
        fail(f"辖区目录中没有 the catalog has no {named.name}: add it with `jt jurisdictions add`")
    try:
        return make_jurisdiction(ws, jid, named.name, level, above, english_name(named.name, level))
    except CatalogError as exc:
        fail(f"{named.name}: {exc}; give another id with -j ID --add-jurisdiction")


def document_place(
    ws: "Workspace", text: str, given: str | None, add: bool
) -> "tuple[str, Jurisdiction | None]":
    """The jurisdiction id of the document, and the new entry to write when it is added (it is
    already in ``ws``, so the draft can use it; the caller writes it once the draft is made)."""
    from ..places import named_place

    names = {j.name: j.id for j in ws.jurisdictions.values()}
    named = named_place(text, names)
    if given is not None and (given in ws.jurisdictions or (not add and named is None)):
        return resolve_jurisdiction(ws, given), None
    if given is None and named is not None and named.name in names:
        return names[named.name], None
    if given is None and named is None:
        counts = {j.id: text.count(j.name) for j in ws.jurisdictions.values() if j.name}
        best = max(counts, key=lambda k: counts[k], default=None)
        if best is None or counts[best] == 0:
            fail(
                "无法判断辖区 cannot tell the jurisdiction from the text: give -j ID (add a new "
                "place first with `jt jurisdictions add ID NAME --level LEVEL`)"
            )
        return best, None
    if named is None:  # -j NEW --add-jurisdiction, and the text names no place
        fail(
            f"文中未写明辖区名称 the text names no place to add as {given!r}: run "
            f"`jt jurisdictions add {given} NAME --level LEVEL` first"
        )
    place = _proposal(ws, given, named)
    if not add:
        unknown = f"未知辖区 unknown jurisdiction {given!r}; " if given else ""
        fail(
            f"{unknown}辖区目录中没有 the catalog has no {place.name}: run again with "
            f"--add-jurisdiction (adds {place.id}, {place.level}), or `{_command(place.id, place)}`"
        )
    from .record import require_writable

    require_writable(ws)
    ws.jurisdictions[place.id] = place
    return place.id, place


def write_place(ws: "Workspace", place: "Jurisdiction") -> str:
    """Write the entry :func:`document_place` proposed; one line saying so."""
    from ..catalog_edit import CatalogError, add_jurisdiction

    del ws.jurisdictions[place.id]  # checked again against the file, under its lock
    try:
        path = add_jurisdiction(ws, place)
    except CatalogError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"无法写入 cannot write jurisdictions.toml: {exc.strerror or exc}", 1)
    under = f" under {place.parent}" if place.parent else ""
    return f"已加入辖区 added jurisdiction {place.id} {place.name} ({place.level}{under}) to {path}"
