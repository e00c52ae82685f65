"""Whether a figure describes something rather than measures it: 总投资2.66万亿元的(…项目),
20亿元以上项目, 年营业收入50亿元的企业, 围绕13条产业链, 由年初的1301个调增至…, 1类创新药.
Such figures are no targets and no outcomes of their own.
"""

from __future__ import annotations

import re

from .figures import Figure

__all__ = ["is_descriptive"]

# A figure these words lead in frames the sentence, it is not promised (围绕13条产业链).
_FRAMING = ("围绕", "聚焦", "依托", "立足", "按照", "对照", "瞄准", "总投资", "投资过", "投资")
_LABELS = frozenset(("类", "级", "星"))
_FROM = re.compile(r"(?:由|从)[^，,。；;]{0,8}$")
_TO = re.compile(r"(?:调)?(?:增|减|降|提高|提升|上升|下降|增加|减少|扩大|压减)(?:至|到)")
_FRAME = re.compile(r"(?:^|[，,])以[^，,。；;]*$")
_FRAME_END = re.compile(r"[^，,。；;]{0,16}?为(?:突破口|重点|核心|引领|抓手|主线|牵引|支撑|主体)")
# What may follow a figure that is measured, not describing: a conjunction, a comparison, a verb.
_FOLLOWERS = (
    "和",
    "与",
    "及",
    "或",
    "同比",
    "比",
    "较",
    "增长",
    "增加",
    "下降",
    "减少",
    "提高",
    "占",
    "居",
    "位居",
    "列",
    "连续",
    "均",
    "分别",
    "为",
    "是",
    "等",
    "左右",
    "以上",
    "以内",
    "以下",
    "的",
    "上下",
    "之",
    "约",
    "其中",
    "全部",
    "基本",
    "超",
    "达",
    "实现",
    "完成",
    "年均",
    "累计",
)
_DESCRIBED = re.compile(
    r"^(?:以上|以下)?(?:的|级|规模|量级|以上的)|^[^，,。；;、和及与]{0,6}?(?:项目|企业|工程)"
)


def is_descriptive(flat: str, figure: Figure, lead: str, others_in_clause: int) -> bool:
    """True when ``figure`` describes something rather than measures it: 总投资2.66万亿元的
    (…项目), 20亿元以上项目, 年营业收入50亿元的企业, 围绕13条产业链."""
    after = flat[figure.end : figure.end + 12]
    if lead.endswith(_FRAMING) and others_in_clause:
        return True
    if _FROM.search(lead) and _TO.match(flat, figure.end):
        return True  # 由年初的1301个调增至2413个: the old value
    if _FRAME.search(lead) and _FRAME_END.match(flat, figure.end):
        return True  # 以…6个产业为突破口
    if after.startswith("的") or after.startswith("以上的"):
        return not (figure.is_rate and others_in_clause == 0)
    counted_before = re.search(r"\d\s*[个种项家批]$", flat[max(0, figure.start - 4) : figure.start])
    if figure.is_count and re.match(
        r"[\u4e00-\u9fff]{0,4}?(?:领域|方面|环节|维度|板块|台阶)", after
    ):
        return True  # 13个领域合作, 十二个方面的工作, 4个千亿级台阶: a scope, not a measure
    if lead.endswith("连续"):
        return True  # 已经连续5个季度实现正增长: a streak
    if after.startswith(("位次", "名")) or re.match(r"个?位次", after):
        return True  # 排名提升16个位次: a rank
    if re.search(r"在[^，,。；;]{0,6}$", lead) and re.match(r"[^，,。；;]{0,14}中", after):
        return True  # 在全国168个重点城市中: the set something is ranked in
    if re.match(r"及以[上下][\u4e00-\u9fff]", after) and not figure.is_count:
        return True  # 500千伏及以上大型电力变压器
    if figure.is_count and re.match(r"[^，,。；;、]{0,12}?(?:名单|榜单|名录|清单)", after):
        return True  # 入选省服务业100家重点企业名单: the list's name
    if figure.unit in _LABELS and counted_before and _describes(after):
        return True  # 1类创新药, 5A级: a class, not a count
    if not figure.is_count and not figure.is_rate and _describes(after):
        return True  # 20亿元以上项目, 220千伏七星输变电工程
    if not figure.is_count and _DESCRIBED.match(after) and others_in_clause:
        return True
    return _inside_brackets(flat, figure)


def _describes(after: str) -> bool:
    """A measure followed straight by a noun describes that noun."""
    if not after or not ("\u4e00" <= after[0] <= "\u9fff"):
        return False
    return not after.startswith(_FOLLOWERS)


def _inside_brackets(flat: str, figure: Figure) -> bool:
    """Inside （…） or “…” on the same clause: an explanation or a name, not a promise."""
    left = flat[max(0, figure.start - 80) : figure.start]
    left = left[max(left.rfind(c) for c in "。；;\n") + 1 :]
    for opening, closing in (("（", "）"), ("(", ")"), ("“", "”")):
        k = left.rfind(opening)
        if k >= 0 and closing not in left[k:]:
            right = flat[figure.end : figure.end + 80]
            right = right[: min((right.find(c) for c in "。；;\n" if c in right), default=80)]
            if closing in right and opening not in right[: right.find(closing)]:
                return True
    return False
