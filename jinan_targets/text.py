"""Words for numbers and statuses, Chinese first with English labels. Pure, no rich."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from .assess import Assessment
from .english import english_quantity
from .model import Comparator, Direction, Indicator, Kind, Status, Target, Vintage
from .period import Period, PeriodError, parse_period
from .quantity import COUNT_UNITS, format_number

if TYPE_CHECKING:
    from .scorecard import Scorecard

__all__ = [
    "STATUS_LABELS",
    "STATUS_SYMBOLS",
    "bar_label",
    "direction_label",
    "fmt_pct",
    "fmt_pp",
    "fmt_value",
    "gap_text",
    "judgement_line",
    "kind_label",
    "level_label",
    "pace_text",
    "period_text",
    "reference_text",
    "schedule_sentence",
    "schedule_text",
    "shown_text",
    "status_label",
    "stock_text",
    "summary_sentence",
    "target_text",
    "to_date_text",
    "unit_text",
    "vintage_label",
]

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.MET: ("完成", "met"),
    Status.BASICALLY_MET: ("基本完成", "basically met"),
    Status.MISSED: ("未完成", "missed"),
    Status.ON_TRACK: ("进度正常", "on track"),
    Status.AT_RISK: ("略滞后", "at risk"),
    Status.OFF_TRACK: ("滞后", "off track"),
    Status.NO_DATA: ("暂无数据", "no data"),
    Status.PENDING: ("待评估", "pending"),
}
# Readable without colour: every status has its own symbol.
STATUS_SYMBOLS: dict[Status, str] = {
    Status.MET: "✔",
    Status.BASICALLY_MET: "≈",
    Status.MISSED: "✘",
    Status.ON_TRACK: "▲",
    Status.AT_RISK: "△",
    Status.OFF_TRACK: "▼",
    Status.NO_DATA: "·",
    Status.PENDING: "?",
}


VINTAGE_LABELS: dict[Vintage, tuple[str, str]] = {
    Vintage.ESTIMATE: ("预计", "est."),
    Vintage.PRELIMINARY: ("初步", "prelim."),
    Vintage.REVISED: ("修订", "rev."),
    Vintage.FINAL: ("最终", "final"),
}


KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.RATE: ("增速/比重", "rate"),
    Kind.FLOW: ("年内累计", "flow"),
    Kind.STOCK: ("存量", "stock"),
    Kind.QUALITATIVE: ("定性", "qualitative"),
}
DIRECTION_LABELS: dict[Direction, tuple[str, str]] = {
    Direction.HIGHER: ("越高越好", "higher is better"),
    Direction.LOWER: ("越低越好", "lower is better"),
    Direction.NEUTRAL: ("适中", "neither"),
}
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "province": ("省", "province"),
    "prefecture_city": ("地级市", "prefecture-level city"),
    "city": ("市", "city"),
    "district": ("区", "district"),
    "county": ("县", "county"),
    "county_level_city": ("县级市", "county-level city"),
    "municipality": ("直辖市", "municipality"),
    "sub_provincial_city": ("副省级市", "sub-provincial city"),
    "functional_area": ("功能区", "functional area"),
}


def kind_label(kind: Kind, lang: str = "zh") -> str:
    """How a figure accumulates, in words: 增速/比重 (rate), 年内累计 (flow), 存量 (stock)."""
    zh, en = KIND_LABELS[kind]
    return en if lang == "en" else zh


def direction_label(direction: Direction, lang: str = "zh") -> str:
    zh, en = DIRECTION_LABELS[direction]
    return en if lang == "en" else zh


def level_label(level: str, lang: str = "zh") -> str:
    zh, en = LEVEL_LABELS.get(level, (level, level.replace("_", " ")))
    return en if lang == "en" else zh


def vintage_label(vintage: Vintage, lang: str = "zh") -> str:
    zh, en = VINTAGE_LABELS[vintage]
    return en if lang == "en" else zh


def status_label(status: Status, lang: str = "zh") -> str:
    zh, en = STATUS_LABELS[status]
    return en if lang == "en" else zh


_MONTHS_EN = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def to_date_text(period: Period, lang: str = "zh", year: bool = False) -> str:
    """A year-to-date period as a release names it: 截至前三季度 / Jan–Sep (with ``year``:
    截至2026年前三季度 / Jan–Sep 2026); any other period by its label."""
    if not period.cumulative or period.full_year or period.start_year:
        return period.label(lang)
    if lang == "en":
        return f"Jan–{_MONTHS_EN[period.end_month]}" + (f" {period.year}" if year else "")
    label = period.label("zh")
    return "截至" + (label if year else label.removeprefix(f"{period.year}年"))


def fmt_value(value: Decimal | None, unit: str, places: int | None = None, lang: str = "zh") -> str:
    """15万人, 5.4%, 1600亿元; in English 150,000 people, 5.4%, 160 billion yuan."""
    if value is None:
        return "—"
    if lang == "en":
        if places is None and value != value.to_integral_value():
            places = min(2, max(0, -int(value.normalize().as_tuple().exponent)))
        return english_quantity(value, unit, places)
    if (
        unit not in ("", "%", "个百分点")
        and not unit.startswith("万")
        and abs(value) >= 10_000
        and value % 100 == 0
    ):
        return f"{format_number(value / 10_000)}万{unit}"  # 10000家 → 1万家, 160000个 → 16万个
    if places is None and value != value.to_integral_value():
        places = min(2, max(0, -int(value.normalize().as_tuple().exponent)))
    text = format_number(value, places)
    return f"{text}{unit}"


def fmt_pct(fraction: Decimal | None, places: int = 1) -> str:
    """1.4 → 140.0%."""
    if fraction is None:
        return "—"
    return f"{format_number(fraction * 100, places)}%"


def fmt_pp(value: Decimal | None, places: int = 1, lang: str = "zh") -> str:
    """Signed percentage points: +0.3个百分点 / +0.3 pp."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    unit = " pp" if lang == "en" else "个百分点"
    return f"{sign}{format_number(value, places)}{unit}"


# How a numeric comparator is written around its value: (Chinese, English).
_WRITTEN: dict[Comparator, tuple[str, str]] = {
    Comparator.AT_LEAST: ("{v}以上", "≥ {v}"),
    Comparator.REACH: ("{v}", "{v}"),
    Comparator.ABOUT: ("{v}左右", "≈ {v}"),
    Comparator.AT_MOST: ("{v}以内", "≤ {v}"),
    Comparator.RANGE: ("{lo}—{v}", "{lo}–{v}"),
}


def target_text(target: Target, indicator: Indicator, lang: str = "zh") -> str:
    """The target as the documents write it: 5%以上, 15万人以上, 3%左右, 1—2条."""
    c, en = target.comparator, lang == "en"
    if c in _WRITTEN:
        value = target.high if c is Comparator.RANGE else target.value
        pattern = _WRITTEN[c][1 if en else 0]
        low = fmt_value(target.value, "", lang=lang)
        return pattern.format(v=fmt_value(value, indicator.unit, lang=lang), lo=low)
    if c is Comparator.IN_STEP:
        growth = target.reference == "gdp_growth"
        if en:
            return "in step with economic growth" if growth else "in step with its reference"
        return "与经济增长同步" if growth else "与对比指标同步"
    if c is Comparator.ABOVE:
        province = target.reference_jurisdiction == "shandong"
        if en:
            return "above the provincial average" if province else "above its benchmark"
        return "高于全省平均" if province else "高于对比值"
    return "qualitative" if en else "".join(target.quote.split())


def gap_text(indicator: Indicator, gap: Decimal | None, lang: str = "zh") -> str:
    """Gap to the target: in pp for rates, in the unit otherwise."""
    if gap is None:
        return "—"
    if indicator.kind is Kind.RATE or indicator.unit == "%":
        return fmt_pp(gap, 1, lang)
    sign = "+" if gap > 0 else ""
    return f"{sign}{fmt_value(gap, indicator.unit, lang=lang)}"


def schedule_text(schedule_gap: Decimal | None, lang: str = "zh") -> str:
    """超时序进度3.0个百分点 / 低于时序进度2.1个百分点."""
    if schedule_gap is None:
        return ""
    points = abs(schedule_gap * 100)
    if lang == "en":
        side = "ahead of" if schedule_gap >= 0 else "behind"
        return f"{format_number(points, 1)} pp {side} schedule"
    side = "超" if schedule_gap >= 0 else "低于"
    return f"{side}时序进度{format_number(points, 1)}个百分点"


def pace_text(
    indicator: Indicator, pace: Decimal | None, months_left: int, lang: str = "zh"
) -> str:
    """后三季度月均需完成1.2万人 / rest of year needs 1.2万人 a month."""
    if pace is None or months_left <= 0:
        return ""
    rest = {9: "后三季度", 6: "下半年", 3: "四季度", 1: "12月"}.get(
        months_left, f"其余{months_left}个月"
    )
    if indicator.kind is Kind.RATE:
        value = fmt_value(pace.quantize(Decimal("0.1")), "%", lang=lang)
        if lang == "en":
            return f"rest of year needs about {value}"
        return f"{rest}需增长约{value}"
    if indicator.unit in COUNT_UNITS:  # 3.4个 a month is 4个: things come whole
        value = fmt_value(pace.to_integral_value(rounding=ROUND_CEILING), indicator.unit, lang=lang)
    else:
        step = pace.quantize(Decimal("0.01"), rounding=ROUND_CEILING)
        value = fmt_value(step, indicator.unit, lang=lang)
    if lang == "en":
        return f"needs {value} a month for the remaining {months_left} months"
    return f"{rest}月均需完成{value}"


def judgement_line(
    indicator: Indicator, period: str, assessment: Assessment, lang: str = "zh"
) -> str:
    """城镇新增就业 2026年一季度 4.2万人 · 完成率28.0% · 超时序进度3.0个百分点 · 进度正常."""
    a = assessment
    name = indicator.name_en if lang == "en" else indicator.name
    parts = [f"{name} {period_text(a.actual.period if a.actual else period, lang)}"]
    if a.actual is not None:
        if a.actual.verdict is not None:
            parts[0] += f" {status_label(Status(a.actual.verdict.value), lang)}"
        else:
            parts[0] += f" {fmt_value(a.actual.value, indicator.unit, lang=lang)}"
    if a.completion is not None and indicator.kind is not Kind.RATE:
        parts.append(("completion " if lang == "en" else "完成率") + fmt_pct(a.completion))
    elif a.gap is not None:
        parts.append(gap_text(indicator, a.gap, lang))
    if a.schedule_gap is not None:
        parts.append(schedule_text(a.schedule_gap, lang))
    parts.append(status_label(a.status, lang))
    return " · ".join(parts)


def period_text(code: str, lang: str = "zh") -> str:
    """A stored period code as words: 2026-Q3 → 2026年前三季度 / 2026 Q3 (a code that does not
    parse is shown as written)."""
    try:
        return parse_period(code).label(lang)
    except PeriodError:
        return code


def unit_text(unit: str, lang: str = "zh") -> str:
    """A unit as a label: 万人 (English: 10,000 people), 亿元 (100 million yuan), 个 (count)."""
    if lang != "en" or unit in ("%", ""):
        return unit
    if unit == "个百分点":
        return "pp"
    shown = english_quantity(Decimal(1), unit)
    return "count" if shown == "1" else shown.removeprefix("1 ")


def bar_label(indicator: Indicator, actual: Decimal, target: Decimal, lang: str = "zh") -> str:
    """What a progress bar pictures, for its tooltip: 科技型中小企业：9200家 / 10000家 (English:
    Technology-based SMEs: 9,200 / 10,000)."""
    shown, aim = (fmt_value(v, indicator.unit, lang=lang) for v in (actual, target))
    if lang == "en":
        return f"{indicator.name_en}: {shown} / {aim}"
    return f"{indicator.name}：{shown} / {aim}"


def reference_text(value: Decimal | None, indicator: Indicator, lang: str = "zh") -> str:
    """The figure a target is judged against (同步, 高于全省): 对比值5.6% / vs 5.6%."""
    if value is None:
        return ""
    shown = fmt_value(value, indicator.unit, lang=lang)
    return f"vs {shown}" if lang == "en" else f"对比值{shown}"


def summary_sentence(card: Scorecard, lang: str = "zh", shown: str = "") -> str:
    """截至2026年一季度，济南市2026年计划88项指标中：完成 1 项 … 已评估的2项中完成1项（50.0%）。
    ``shown`` (from :func:`shown_text`) says what a filtered report holds, in place of the count."""
    s = card.summary
    total = s["total"]
    when = card.as_of.label(lang) if card.as_of else None
    parts = [(Status(k), v) for k, v in s.items() if k != "total" and v]
    judged = s["met"] + s["basically_met"] + s["missed"]
    place = card.jurisdiction
    if lang == "en":
        head = f"As of {when}, " if when else "With no figures yet, "
        body = ", ".join(f"{v} {status_label(k, 'en')}" for k, v in parts)
        text = f"{head}of {place.name_en}'s {total} targets for {card.year}: {body}."
        if shown:
            text = f"{head}{place.name_en} {card.year}, {shown}" + (f": {body}." if body else ".")
        if judged:
            share = fmt_pct(Decimal(s["met"]) / judged)
            text += f" Of the {judged} with a result, {s['met']} were met ({share})."
        return text
    head = f"截至{when}，" if when else "尚无数据，"
    body = "，".join(f"{status_label(k)}{v}项" for k, v in parts)
    text = f"{head}{place.name}{card.year}年计划{total}项指标中，{body}。"
    if shown:
        text = f"{head}{place.name}{card.year}年计划{shown}" + (f"：{body}。" if body else "。")
    if judged:
        share = fmt_pct(Decimal(s["met"]) / judged)
        text += f"已有结果的{judged}项中完成{s['met']}项（{share}）。"
    return text


def stock_text(indicator: Indicator, assessment: Assessment, lang: str = "zh") -> str:
    """A stock's progress from last year-end: 较上年末新增700家，完成新增任务46.7%，基数8500家;
    judged from zero when no year-end figure is known, which it says."""
    a = assessment
    if indicator.kind is not Kind.STOCK or a.progress is None or a.actual is None:
        return ""
    share = fmt_pct(a.progress)
    if a.baseline is None or a.baseline.value is None or a.actual.value is None:
        if lang == "en":
            return f"no figure for last year-end: {share} counted from zero"
        return f"无上年末基数，按0计算进度{share}"
    base, unit = a.baseline.value, indicator.unit
    added = a.actual.value - base
    if lang == "en":
        moved = "added" if added >= 0 else "lost"
        return (
            f"{fmt_value(abs(added), unit)} {moved} since last year-end, {share} of the increase "
            f"planned (base {fmt_value(base, unit)})"
        )
    moved = "新增" if added >= 0 else "减少"
    change = fmt_value(abs(added), unit)
    return f"较上年末{moved}{change}，完成新增任务{share}，基数{fmt_value(base, unit)}"


def schedule_sentence(card: Scorecard, lang: str = "zh") -> str:
    """截至2026年上半年，时序进度50.0%。 — the share of the year the figures cover."""
    if card.as_of is None:
        return "No figures have been reported yet." if lang == "en" else "尚无已报告的数据。"
    when, share = card.as_of.label(lang), fmt_pct(card.as_of.elapsed)
    if card.as_of.full_year:
        return f"{when}: the whole year is reported." if lang == "en" else f"{when}全年数据已发布。"
    if lang == "en":
        return f"As of {when}, {share} of the year has passed (time progress)."
    return f"截至{when}，时序进度{share}。"


def shown_text(total: int, shown: int, conditions: Sequence[str], reported: bool, lang: str) -> str:
    """What a filtered report shows: 91项指标中，显示已报告的16项（状态：进度正常、滞后）."""
    what = "、".join(conditions) if lang != "en" else "; ".join(conditions)
    if lang == "en":
        text = f"{shown} of {total} targets shown" + (", those with a figure" if reported else "")
        return text + (f" ({what})" if what else "")
    text = f"{total}项指标中，显示{'已报告的' if reported else ''}{shown}项"
    return text + (f"（{what}）" if what else "")
