"""Name a new jurisdiction the way the catalog does, from its Chinese name or from the
document that names it. Pure: no I/O.

The level follows the name's ending as Chinese administrative names are written (…省, …自治区,
…市, …区, …县, …旗, …新区); the id is the pinyin of the name without its ending (贵州省 →
``guizhou``), under the parent's id for a district or county (``jinan-licheng``); the English
name is the pinyin with the level's word (Guizhou Province). A document names its own place in
its title or in the lines under it: 贵州省第十四届人民代表大会, 某某市人民政府关于印发…,
某某市2026年政府工作报告.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Jurisdiction

__all__ = [
    "ID_PATTERN",
    "NamedPlace",
    "derive_id",
    "english_name",
    "jurisdiction_text",
    "level_of",
    "named_place",
]

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# (ending, level), longest first: 高新区 is a functional area before it is a 区.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("特别行政区", ""),
    ("自治区", "province"),
    ("自治州", "prefecture_city"),
    ("自治县", "county"),
    ("自治旗", "county"),
    ("高新技术产业开发区", "functional_area"),
    ("经济技术开发区", "functional_area"),
    ("开发区", "functional_area"),
    ("高新区", "functional_area"),
    ("新区", "functional_area"),
    ("地区", "prefecture_city"),
    ("省", "province"),
    ("市", "city"),
    ("区", "district"),
    ("县", "county"),
    ("旗", "county"),
    ("盟", "prefecture_city"),
    ("州", "prefecture_city"),
)
_ENGLISH = {
    "province": "Province",
    "prefecture_city": "Prefecture",
    "district": "District",
    "county": "County",
    "functional_area": "Zone",
}
_UNDER_PARENT = ("district", "county", "county_level_city", "functional_area")
# Pinyin the plain reading gets wrong, as the places themselves spell it.
_SPELLINGS = {"陕西": "shaanxi", "内蒙古": "neimenggu"}
# The peoples an autonomous region, prefecture or county is named after (广西壮族自治区 → 广西).
_PEOPLES = (
    "维吾尔", "哈萨克", "柯尔克孜", "塔吉克", "蒙古", "藏", "回", "壮", "苗", "彝", "侗", "瑶",
    "白", "傣", "黎", "羌", "满", "畲", "水", "土", "佤", "京", "怒", "土家", "布依", "哈尼",
    "朝鲜", "傈僳", "纳西", "景颇", "拉祜", "仡佬", "毛南", "仫佬", "达斡尔", "鄂温克",
    "鄂伦春", "锡伯", "保安", "东乡", "裕固", "普米", "独龙", "撒拉", "各",
)  # fmt: skip


def level_of(name: str) -> str | None:
    """The catalog level of a Chinese place name (贵州省 → province), None when unknown."""
    if name in _MUNICIPALITIES:
        return "municipality"
    for ending, level in _ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return level or None
    return None


def _stem(name: str) -> str:
    """贵州省 → 贵州, 广西壮族自治区 → 广西, 历城区 → 历城; a one-character stem keeps its
    ending (沛县 → 沛县), as such places are spelt (Peixian)."""
    for ending, _level in _ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            stem = name[: -len(ending)]
            if ending.startswith("自治"):
                stem = _without_peoples(stem)
            return stem if len(stem) > 1 else name
    return name


def _without_peoples(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for people in sorted(_PEOPLES, key=len, reverse=True):
            for word in (people + "族", people):
                if stem.endswith(word) and len(stem) > len(word) + 1:
                    stem, changed = stem[: -len(word)], True
                    break
            if changed:
                break
    return stem


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # large tables: only adding a place needs them

    if text in _SPELLINGS:
        return [_SPELLINGS[text]]
    return [p for p in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if p.isascii()]


def derive_id(name: str, parent: str | None = None, level: str | None = None) -> str:
    """The catalog id of ``name``: its pinyin without the ending, under its parent's id for a
    district, county or zone (历城区 under jinan → ``jinan-licheng``); "" when none can be
    made (a name without Chinese characters)."""
    stem = "".join(_pinyin(_stem(name))).lower()
    stem = re.sub(r"[^a-z0-9]", "", stem)
    if not stem or not stem[0].isalpha():
        return ""
    level = level or level_of(name)
    if parent and level in _UNDER_PARENT:
        return f"{parent}-{stem}"
    return stem


def english_name(name: str, level: str | None = None) -> str:
    """Guizhou Province, Jinan, Licheng District: the pinyin with the level's word."""
    words = "".join(_pinyin(_stem(name))).capitalize()
    if not words:
        return name
    level = level or level_of(name)
    if name.endswith("自治区"):
        return f"{words} Autonomous Region"
    suffix = _ENGLISH.get(level or "")
    return f"{words} {suffix}" if suffix else words


@dataclass(frozen=True)
class NamedPlace:
    """The place a document names as its own, and the known place its name is written under
    (山东省临水县 → 临水县 under 山东省)."""

    name: str
    above: str = ""


_PLACE = r"[\u4e00-\u9fff]{2,20}?(?:自治区|特别行政区|省|市|区|县|州|盟|旗)"
_OWN = (
    re.compile(rf"({_PLACE})人民政府(?:文件|关于|办公室)"),
    re.compile(rf"({_PLACE})(?:20\d\d年)?(?:国民经济和社会发展计划|政府工作报告)"),
    re.compile(rf"({_PLACE})第[一二三四五六七八九十]+届人民代表大会"),
    re.compile(rf"({_PLACE})人民政府"),
)
_LEAD = re.compile(r"^(?:[年月日号]?(?:于|向)|关于|印发)")
_NOT_A_NAME = ("各", "全", "本", "我", "该", "已经", "经", "由", "据", "根据", "提请", "请")
_GENERIC = frozenset(ending for ending, _level in _ENDINGS)
_HEAD = 600  # titles and the lines under them


def _split(name: str) -> list[str]:
    """山东省临水县 → [山东省, 临水县]: a name written under the places above it."""
    parts = re.findall(r".+?(?:自治区|省|市)(?=.)|.+$", name)
    return [p for p in parts if p]


def named_place(text: str, known: Iterable[str] = ()) -> NamedPlace | None:
    """The place ``text`` names itself by in its head (title, issuer, the congress it was
    given at), or None. ``known`` names (济南市) let a compound name be split (济南市历城区 →
    历城区 under 济南市)."""
    head = re.sub(r"[\s#*《》“”\"]+", "", text[: _HEAD * 2])[:_HEAD]
    known = set(known)
    for pattern in _OWN:
        for m in pattern.finditer(head):
            name = m.group(1)
            if "在" in name:
                name = name.split("在")[-1]  # 龚正市长在上海市…, 1月20日在贵州省…
            elif m.start(1) and head[m.start(1) - 1].isdigit() and name[:1] in "年月日号":
                name = name[1:]  # 2026年日照市…: the end of a date
            name = _LEAD.sub("", name)
            if name in _GENERIC:
                continue  # 自治区政府工作报告: the place is named elsewhere
            if name.startswith(_NOT_A_NAME) or level_of(name) is None:
                continue
            parts = _split(name)
            own = parts[-1] if parts else name
            if len(own) < 2 or own.startswith(_NOT_A_NAME) or level_of(own) is None:
                continue
            above = next((p for p in reversed(parts[:-1]) if p in known), "")
            return NamedPlace(own, above)
    return None


def jurisdiction_text(j: Jurisdiction) -> str:
    """The ``[[jurisdiction]]`` table appended to jurisdictions.toml for ``j``."""
    import tomli_w

    fields = {"id": j.id, "name": j.name, "name_en": j.name_en, "level": j.level}
    if j.parent:
        fields["parent"] = j.parent
    return "\n[[jurisdiction]]\n" + tomli_w.dumps(fields)
