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

from ..model import Category, Comparator, Direction, Indicator, Kind
from ..quantity import QuantityError, parse_unit
from .figures import UNITS, Figure

__all__ = [
    "THRESHOLD",
    "Match",
    "best_match",
    "clean_name",
    "contrasting",
    "match_in_context",
    "match_indicator",
    "propose_indicator",
    "propose_measured",
    "propose_named",
    "siblings",
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
    ("托位|托育|养老|医疗|社保|教育|学校|幼儿园|床位|民生|就业|失业|收入", "livelihood"),
    ("生产总值|预算收入|税收|财政|贷款|存款|金融|价格|物价", "economy"),
    ("粮食|农业|农村|耕地|种业|乡村|一产|第一产业", "agriculture"),
    ("工业|制造|企业|产业链|服务业|二产|三产|第二产业|第三产业", "industry"),
    ("数字|数据|软件|5G|算力|互联网|人工智能|信息", "digital"),
    ("科技|创新|研发|专利|人才|孵化|实验室|高新|博士", "innovation"),
    ("项目|投资|招商", "investment"),
    ("消费|零售|首店|商圈|展会|旅游|游客", "consumption"),
    ("进出口|出口|进口|外资|外贸|班列|海外", "opening"),
    ("农|村", "agriculture"),
    ("交通|道路|公路|地铁|轨道|公园|绿道|管网|停车|城市|更新|小区|住房|城镇化", "urban"),
    ("能耗|排放|空气|PM|细颗粒物|浓度|水质|水体|碳|绿色|能源|污染|生态|环境", "environment"),
    ("医院|卫生|文化|体育|养育|婴幼儿|公共服务", "public_service"),
)
# What a proposal's words say about its direction: a ceiling (以内, 控制在, 不超过) or a fall
# (下降, 降低), and the measures the genre always wants low (能耗, 排放, 浓度, 失业率, 物价).
_LOWER_WORDS = re.compile(
    r"以内|以下|控制在|不超过|不高于|压减|压降|压缩|下降|降低|减少|能耗|排放|浓度|失业|物价|价格涨幅"
    r"|消费价格|事故|死亡"
)
# …and about its kind: a rate or a level read directly, never accumulated in the year.
_LEVEL_WORDS = re.compile(r"浓度|(?<!人)率|指数|比例|比重|占比|强度|密度|天数比")
_LEVEL_UNITS = ("微克/立方米", "毫克", "%", "‰", "个百分点", "百分点")


@dataclass(frozen=True)
class Match:
    indicator: Indicator
    score: float
    doubt: str = ""  # why a person should check the match (a narrower name), if anything


# What a name measures, by the word it ends with: growth is not intensity (研发经费投入增长 vs
# 研发经费投入强度), a share is not a total (占比 vs 总量), a rate is not a count.
_MEASURES: tuple[tuple[str, str], ...] = (
    ("change", r"(?:增长|增速|增幅|涨幅|上涨|提高|提升|增加|下降|降低|减少|变化|回落)"),
    ("intensity", r"强度"),
    ("share", r"(?:占比|比重|比例)"),
    ("total", r"(?:总量|总额|总值|规模|余额)"),
    ("concentration", r"浓度"),
    ("index", r"指数"),
    ("rate", r"率"),
)
_MEASURE_AT_END = tuple((kind, re.compile(f"{pattern}$")) for kind, pattern in _MEASURES)
# 进出口总额增长 is 进出口增长: a total's growth is the growth.
_TOTAL_GROWTH = re.compile(r"(?:总额|总值|总量)(?=增长|增速|增幅)")
# A name's leading verb says nothing of what is measured (实施重点产业项目 = 重点产业项目).
_LEADING_VERB = re.compile(
    r"^(?:新签约|签约|落地|引进|举办|组织|建成|开展|实施|培育|新开|新建|推动|打造|完成|新增|建设)"
)


def measure_of(name: str) -> str:
    """The kind of measure ``name`` ends with (``change``, ``share``, ``intensity`` …), or "":
    the last measure word, and a total that something is 占 of is a share (占出口总量)."""
    kind, start = "", -1
    for k, pattern in _MEASURE_AT_END:
        m = pattern.search(name)
        if m and m.start() > start:
            kind, start = k, m.start()
    if kind == "total" and re.search("占(?!地)", name[:start]):
        return "share"
    return kind


def _comparable(name: str) -> str:
    return _TOTAL_GROWTH.sub("", name)


def _narrower(query: str, name: str) -> str:
    """The qualifier ``name`` adds before what both names share, when the query lacks it
    (农业重点产业项目 for 实施重点产业项目): the catalog's indicator may be a part of the text's.
    A leading verb (引进, 新开) is no qualifier."""
    q, n = _LEADING_VERB.sub("", query), _LEADING_VERB.sub("", name)
    if len(q) < 2 or not n.endswith(q) or len(n) - len(q) < 2:
        return ""
    extra = n[: len(n) - len(q)]
    return "" if extra in query else extra


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


# Words that tell like-named measures apart: 第一产业 is not 第三产业, 收入 not 支出, 城镇 not 农村.
_CONTRASTS = (
    ("第一产业", "第二产业", "第三产业", "一产", "二产", "三产"),
    ("收入", "支出"),
    ("进口", "出口"),
    ("城镇", "农村"),
    ("存款", "贷款"),
)


def contrasting(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name counterparts (第一产业增加值增长, 第三产业增加值增长): each holds a
    word of one contrast the other lacks, and none in common?"""
    for words in _CONTRASTS:
        in_a = {w for w in words if w in a}
        in_b = {w for w in words if w in b}
        if in_a and in_b and not in_a & in_b:
            return True
    return False


_FALL_AT_END = re.compile(r"(?:下降|回落|减少|降低)$")


def siblings(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name two kinds of one thing (汽车制造业增加值增长, 装备制造业增加值增长):
    the same tail after heads that are both there and share no character?"""
    # 下降2.8% is a growth of −2.8%; a leading verb (完成, 新增) names no kind
    a, b = (_FALL_AT_END.sub("增长", _LEADING_VERB.sub("", x)) for x in (a, b))
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    head_a, head_b = a[: len(a) - n], b[: len(b) - n]
    return n >= 2 and bool(head_a) and bool(head_b) and not set(head_a) & set(head_b)


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
    """The catalog indicator ``subject`` (with its change verb) most resembles, if any does.
    A name that measures something else (增长 vs 强度, 占比 vs 总量) is never a match; one that
    names only a part of the text's subject (农业… for …) is a match to check."""
    query = clean_name(subject)
    if change and figure.is_rate and not query.endswith(change):
        query += change
    if not query:
        return None
    query = _comparable(query)
    measure = measure_of(query)
    best: Match | None = None
    for ind in indicators:
        if ind.kind is Kind.QUALITATIVE or not unit_fits(figure.unit, ind.unit):
            continue
        names = (ind.name, *ind.aliases)
        score, doubt = -1.0, ""
        for n in names:
            cleaned = _comparable(clean_name(n))
            other = measure_of(cleaned)
            if measure and other and other != measure:
                continue  # a different measure of a like-named thing
            if contrasting(query, cleaned) or siblings(query, cleaned):
                continue  # the counterpart of the text's subject (第一产业 vs 第三产业)
            s = similarity(query, cleaned)
            if s > score:
                score, doubt = s, _narrower(query, cleaned)
        if score < 0:
            continue
        named_total = any("累计" in n for n in names)
        if named_total and "累计" not in query:
            score -= 0.15  # the year's figure is not a cumulative total
        elif "累计" in query and not named_total and ind.kind is not Kind.STOCK:
            score -= 0.15  # a cumulative total is not the year's flow
        if best is None or score > best.score:
            best = Match(ind, score, doubt)
    return best if best is not None and best.score >= THRESHOLD else None


def _guess_kind(name: str, figure: Figure, lead: str) -> Kind:
    if figure.is_rate or figure.unit in _LEVEL_UNITS or _LEVEL_WORDS.search(name):
        return Kind.RATE  # %, 浓度, 率: read directly, not accumulated
    if re.search(
        r"新增|新建|新开|新培育|新认定|引进|实施|开工|完成|举办|开展|培训|招引", lead + name
    ):
        return Kind.FLOW
    if re.search(r"达到|累计|余额|总量|保有|在用|规模", lead):
        return Kind.STOCK
    return Kind.FLOW


def _guess_category(name: str, categories: Sequence[Category], section: str = "") -> str:
    """The category the name's words say (its last word tells most: 单位地区生产总值能耗 is
    about 能耗), else the one its section's title says, by those words or the category's name."""
    known = {c.id: c for c in categories}
    best, at = "", (-1, 0)
    for pattern, category in _CATEGORY_WORDS:
        if category not in known:
            continue
        for m in re.finditer(pattern, name):
            if (m.end(), len(m.group(0))) > at:
                best, at = category, (m.end(), len(m.group(0)))
    if best:
        return best
    for pattern, category in _CATEGORY_WORDS:
        if category in known and section and re.search(pattern, section):
            return category
    for c in categories:
        words = [w for w in re.split("[与和及、]", c.name) if len(w) >= 2]
        if section and any(w in section for w in words):
            return c.id
    return categories[0].id if categories else "other"


def proposed_id(name: str) -> str:
    return "new_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def propose_indicator(
    subject: str,
    change: str,
    figure: Figure,
    lead: str,
    categories: Sequence[Category],
    *,
    comparator: Comparator | None = None,
    section: str = "",
) -> Indicator:
    """A new catalog entry for a figure nothing matched: review its id, name and kind. Its
    direction comes from the comparator and the words (以内, 控制在, 下降 → lower), its kind from
    the unit and name (%, 浓度, 率 → rate), its category from its name, else its section."""
    name = clean_name(subject) or subject or "未命名指标"
    if change and figure.is_rate and not name.endswith(change):
        name += change
    unit = "%" if figure.unit in ("%", "‰", "倍") else figure.written_unit
    if figure.unit in ("个百分点", "百分点"):
        unit = "个百分点"
    words = lead + name + (figure.qualifier if figure.qualifier in ("以内", "以下") else "")
    lower = comparator is Comparator.AT_MOST or bool(_LOWER_WORDS.search(words))
    return propose_measured(
        name, unit, _guess_kind(name, figure, lead), categories, lower=lower, section=section
    )


def propose_measured(
    name: str,
    unit: str,
    kind: Kind,
    categories: Sequence[Category],
    *,
    lower: bool | None = None,
    section: str = "",
) -> Indicator:
    """A proposal for a figure named ``name``, printed in ``unit``."""
    name = clean_name(name) or name or "未命名指标"
    if lower is None:
        lower = bool(_LOWER_WORDS.search(name))
    return Indicator(
        id=proposed_id(name + "|" + unit),
        name=name[:60],
        name_en=f"(to name) {name[:40]}",
        unit=unit,
        kind=kind,
        direction=Direction.LOWER if lower else Direction.HIGHER,
        category=_guess_category(name, categories, section),
        note="由 jt extract 提议 proposed by jt extract: review id, name_en and kind",
    )


def propose_named(
    name: str, kind: Kind, categories: Sequence[Category], section: str = ""
) -> Indicator:
    """A proposal for a promise without a figure (同步, 高于全省, 完成省下达任务)."""
    name = clean_name(name) or name or "未命名指标"
    return Indicator(
        id=proposed_id(name + "|" + kind.value),
        name=name[:60],
        name_en=f"(to name) {name[:40]}",
        unit="%" if kind is Kind.RATE else "",
        kind=kind,
        direction=Direction.LOWER if _LOWER_WORDS.search(name) else Direction.HIGHER,
        category=_guess_category(name, categories, section),
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
