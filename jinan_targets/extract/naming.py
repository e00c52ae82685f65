"""Match what a figure measures to the catalog, or propose a new indicator for it.

A match must fit the figure's unit (a % figure is never 地区生产总值 in 亿元) and resemble one of
the indicator's names or aliases: containment first, then the share of two-character pieces
the names have in common. What matches nothing becomes a proposal: a Chinese name taken from
the text, the unit as printed, a kind and category guessed from the wording, and an id made
from the name (``new_`` and six hex digits) for the reviewer to rename.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Category, Direction, Indicator, Kind
from ..quantity import QuantityError, parse_unit
from .figures import UNITS, Figure

__all__ = [
    "THRESHOLD",
    "Match",
    "best_match",
    "clean_name",
    "match_in_context",
    "match_indicator",
    "propose_indicator",
    "propose_measured",
    "propose_named",
    "similarity",
    "unit_fits",
]

THRESHOLD = 0.66
_NOISE = re.compile(
    r"[“”\"'‘’《》〈〉（）()、·\s的]|20\d\d年?|全市|全县|全区|全年|我市|本市|济南市|年度|各类|各级|"
    r"一季度|上半年|前三季度|年末|年底|1[-—~至]\d{1,2}月|前\d{1,2}个月|预期|目标为?|力争|共计|合计"
    rf"|\d+(?:\.\d+)?(?:万亿|亿|万)?(?:{'|'.join(map(re.escape, UNITS))})(?:及?以上|以下)?"
)
_VERB = re.compile(
    r"^(?:新签约|签约|落地|引进|举办|组织|建成|开展|实施|培育|新开|新建|获评|推动|打造|完成)"
)
_INTRO = re.compile(r"参加|举办|引进|落地|签约|建成|培育|获评|入选|推出|实施|建设|打造|组织开展")
_EXAMPLES = re.compile(r"[^、等]{1,14}(?:、[^、等]{1,14})*等(?![级次])")
_PERCENT_UNITS = ("%", "‰", "个百分点", "百分点", "倍")
_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    ("生产总值|预算收入|税收|财政|贷款|存款|金融", "economy"),
    ("工业|制造|企业|产业链|服务业|产量", "industry"),
    ("数字|数据|软件|5G|算力|互联网|人工智能|信息", "digital"),
    ("科技|创新|研发|专利|人才|孵化|实验室|高新|博士", "innovation"),
    ("项目|投资|招商", "investment"),
    ("消费|零售|首店|商圈|展会|旅游|游客", "consumption"),
    ("进出口|出口|进口|外资|外贸|班列|海外", "opening"),
    ("粮食|农|乡村|耕地|种业|村", "agriculture"),
    ("交通|道路|公路|地铁|轨道|公园|绿道|管网|停车|城市|更新|小区|住房", "urban"),
    ("能耗|排放|空气|PM|水质|碳|绿色|能源|污染|生态", "environment"),
    ("就业|收入|养老|医疗|社保|教育|学校|幼儿园|床位|民生|托育", "livelihood"),
)


@dataclass(frozen=True)
class Match:
    indicator: Indicator
    score: float


def clean_name(text: str) -> str:
    """A name without noise (全市, 2025年, quotes) and without its examples: 落地中科曙光、
    玉湖冷链等亿元以上项目 → 落地亿元以上项目."""
    text = _NOISE.sub("", text)
    end = text.rfind("等")
    if end > 0 and len(text) - end > 2 and text[end + 1] not in "级次":
        intro = None
        for m in _INTRO.finditer(text, 0, end):
            intro = m  # the last verb that introduces the examples
        if intro is not None and intro.end() < end:
            return text[: intro.end()] + text[end + 1 :]
        listed = _EXAMPLES.search(text)
        if listed and len(text) - listed.end() >= 2:
            verb = _VERB.match(text)
            return (verb.group(0) if verb else "") + text[listed.end() :]
    return text


def _pieces(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(a: str, b: str) -> float:
    """1 for the same name; for one name inside the other, more the closer their lengths (出口
    is not 汽车自主品牌出口); else the share of two-character pieces they have in common."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and short in long_:
        return 0.2 + 0.8 * len(short) / len(long_)
    pa, pb = _pieces(a), _pieces(b)
    return 2 * len(pa & pb) / (len(pa) + len(pb))


def unit_fits(figure_unit: str, indicator_unit: str) -> bool:
    """Whether a figure printed in ``figure_unit`` (万人, %, 亿元) can be in ``indicator_unit``."""
    if figure_unit in _PERCENT_UNITS or indicator_unit in ("%", "个百分点"):
        if figure_unit in ("个百分点", "百分点"):
            return indicator_unit == "个百分点"  # a change in points is not a rate
        return indicator_unit == "%" and figure_unit in ("%", "‰", "倍")
    try:
        return parse_unit(figure_unit).base == parse_unit(indicator_unit).base
    except QuantityError:
        return False


def match_indicator(
    subject: str, change: str, figure: Figure, indicators: Iterable[Indicator]
) -> Match | None:
    """The catalog indicator ``subject`` (with its change verb) most resembles, if any does."""
    query = clean_name(subject)
    if change and figure.is_rate and not query.endswith(change):
        query += change
    if not query:
        return None
    best: Match | None = None
    for ind in indicators:
        if ind.kind is Kind.QUALITATIVE or not unit_fits(figure.unit, ind.unit):
            continue
        names = (ind.name, *ind.aliases)
        score = max(similarity(query, clean_name(n)) for n in names)
        named_total = any("累计" in n for n in names)
        if named_total and "累计" not in query:
            score -= 0.15  # the year's figure is not a cumulative total
        elif "累计" in query and not named_total and ind.kind is not Kind.STOCK:
            score -= 0.15  # a cumulative total is not the year's flow
        if best is None or score > best.score:
            best = Match(ind, score)
    return best if best is not None and best.score >= THRESHOLD else None


def _guess_kind(name: str, figure: Figure, lead: str) -> Kind:
    if figure.is_rate:
        return Kind.RATE
    if re.search(
        r"新增|新建|新开|新培育|新认定|引进|实施|开工|完成|举办|开展|培训|招引", lead + name
    ):
        return Kind.FLOW
    if re.search(r"达到|累计|余额|总量|保有|在用|规模", lead):
        return Kind.STOCK
    return Kind.FLOW


def _guess_category(name: str, categories: Sequence[Category]) -> str:
    known = {c.id for c in categories}
    for pattern, category in _CATEGORY_WORDS:
        if category in known and re.search(pattern, name):
            return category
    return categories[0].id if categories else "other"


def proposed_id(name: str) -> str:
    return "new_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def propose_indicator(
    subject: str, change: str, figure: Figure, lead: str, categories: Sequence[Category]
) -> Indicator:
    """A new catalog entry for a figure nothing matched: review its id, name and kind."""
    name = clean_name(subject) or subject or "未命名指标"
    if change and figure.is_rate and not name.endswith(change):
        name += change
    unit = "%" if figure.unit in ("%", "‰", "倍") else figure.written_unit
    if figure.unit in ("个百分点", "百分点"):
        unit = "个百分点"
    return propose_measured(name, unit, _guess_kind(name, figure, lead), categories)


def propose_measured(name: str, unit: str, kind: Kind, categories: Sequence[Category]) -> Indicator:
    """A proposal for a figure named ``name``, printed in ``unit``."""
    name = clean_name(name) or name or "未命名指标"
    lower = re.search(r"下降|降低|减少|能耗|排放|浓度", name)
    return Indicator(
        id=proposed_id(name + "|" + unit),
        name=name[:60],
        name_en=f"(to name) {name[:40]}",
        unit=unit,
        kind=kind,
        direction=Direction.LOWER if lower else Direction.HIGHER,
        category=_guess_category(name, categories),
        note="由 jt extract 提议 proposed by jt extract: review id, name_en and kind",
    )


def propose_named(name: str, kind: Kind, categories: Sequence[Category]) -> Indicator:
    """A proposal for a promise without a figure (同步, 高于全省, 完成省下达任务)."""
    name = clean_name(name) or name or "未命名指标"
    return Indicator(
        id=proposed_id(name + "|" + kind.value),
        name=name[:60],
        name_en=f"(to name) {name[:40]}",
        unit="%" if kind is Kind.RATE else "",
        kind=kind,
        category=_guess_category(name, categories),
        note="由 jt extract 提议 proposed by jt extract: review id, name_en and kind",
    )


def best_match(
    queries: Sequence[str], change: str, figure: Figure, indicators: Sequence[Indicator]
) -> Match | None:
    """The best match over several ways of naming the same figure."""
    found = [m for q in queries if q for m in [match_indicator(q, change, figure, indicators)] if m]
    return max(found, key=lambda m: m.score, default=None)


def match_in_context(
    subject: str, context: str, change: str, figure: Figure, indicators: Sequence[Indicator]
) -> Match | None:
    """Match ``subject``, else ``context + subject`` (人力资源服务机构 + 从业人员) unless that
    only finds what the context alone names (the figure is about something more specific)."""
    alone = match_indicator(subject, change, figure, indicators)
    if alone is not None or not context:
        return alone
    joined = match_indicator(context + subject, change, figure, indicators)
    if joined is None:
        return None
    before = match_indicator(context, change, figure, indicators)
    if before is not None and before.indicator == joined.indicator and before.score >= joined.score:
        return None
    return joined
