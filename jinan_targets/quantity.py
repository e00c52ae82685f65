"""Parse the quantities people type and plan documents print.

``15万``, ``1600亿元``, ``3.1万亿元``, ``36.2万亩``, ``5.4%``, ``５．４％``, ``下降9%``,
``增长1.7倍`` (= +170%), ``百余个``, ``21万人``, ``0.5个百分点`` all become a :class:`Quantity`:
a Decimal magnitude in base units (人, 元, 亩, %, …) plus what was said about it.
:func:`to_unit` then expresses it in an indicator's unit (``万人``, ``亿元`` …), refusing units
that do not fit. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .excerpt import excerpt

__all__ = [
    "COUNT_UNITS",
    "Quantity",
    "QuantityError",
    "Unit",
    "format_number",
    "parse_quantity",
    "parse_unit",
    "to_unit",
]


class QuantityError(ValueError):
    """A quantity could not be read, or does not fit the unit asked for."""


SCALES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "百": Decimal(10) ** 2,
}
# Units whose own name starts with a scale character: never split them.
_SCALE_LIKE_UNITS = ("千瓦时", "千瓦", "千米", "千克", "千伏", "百分点")
# Spellings of the same unit.
_ALIASES = {
    "台(套)": "台",
    "台套": "台",
    "个(项)": "个",
    "百分点": "个百分点",
    "pp": "个百分点",
    "平方公里": "平方公里",
    "元/人": "元",
}
# Units of things counted one by one: a pace or a count in them is a whole number.
COUNT_UNITS = frozenset("个家条处场项人所类张套台列件座户名辆栋艘架只部批次例宗期")
PERCENT = "%"
POINTS = "个百分点"

_UP = ("增长", "上涨", "提高", "提升", "增加", "上升", "增", "涨")
_DOWN = ("下降", "降低", "减少", "回落", "下滑", "下跌", "降", "减")
_LEADING = (
    "力争",
    "达到",
    "突破",
    "超过",
    "不低于",
    "不少于",
    "不超过",
    "控制在",
    "保持在",
    "完成",
    "新增",
    "累计",
    "约",
    "近",
    "超",
    "逾",
    "达",
    "为",
)
_TRAILING = ("以上", "以内", "以下", "左右", "上下", "余", "多")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_CN_NUMBER = re.compile(rf"^[{_CN_DIGITS}]+")


@dataclass(frozen=True)
class Unit:
    """A unit as written: a scale (万 = 10⁴) times a base (人)."""

    scale: Decimal
    base: str

    def __str__(self) -> str:
        names = {v: k for k, v in SCALES.items()}
        return f"{names.get(self.scale, '') if self.scale != 1 else ''}{self.base}"


@dataclass(frozen=True)
class Quantity:
    """A parsed magnitude.

    ``magnitude`` is in base units when ``unit`` or ``scaled`` says so; a bare number
    (``scaled`` False, ``unit`` empty) is taken to be in whatever unit it is asked for.
    """

    magnitude: Decimal
    base: str = ""
    scaled: bool = False
    qualifier: str = ""
    text: str = ""

    @property
    def bare(self) -> bool:
        return not self.base and not self.scaled


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("，", "").replace(",", "").replace(" ", "").replace("\u3000", "")
    for dash in ("—", "－", "−", "～", "~"):  # dashes and U+2212 minus read as "-"
        text = text.replace(dash, "-")
    return text


def _canonical_base(base: str) -> str:
    base = base.strip()
    return _ALIASES.get(base, base)


def parse_unit(text: str) -> Unit:
    """``万人`` → Unit(10⁴, 人); ``%`` → Unit(1, %); ``千瓦`` → Unit(1, 千瓦)."""
    norm = _normalise(text)
    if norm in SCALES:
        return Unit(SCALES[norm], "")
    for prefix in sorted(SCALES, key=len, reverse=True):
        rest = norm[len(prefix) :]
        if norm.startswith(prefix) and rest and not norm.startswith(_SCALE_LIKE_UNITS):
            if rest.startswith(tuple(SCALES)) and not rest.startswith(_SCALE_LIKE_UNITS):
                continue  # e.g. 万亿元 must match the longer prefix first
            return Unit(SCALES[prefix], _canonical_base(rest))
    return Unit(Decimal(1), _canonical_base(norm))


def _read_number(text: str) -> tuple[Decimal, str, bool]:
    """Read a leading number (Arabic or Chinese numerals); return it, the rest, and whether it
    carries its own scale: 一万五千 is 15000 of something, as 1.5万 is, never 15000万."""
    m = _NUMBER.match(text)
    if m:
        try:
            return Decimal(m.group(0)), text[m.end() :], False
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
            raise QuantityError(f"无法识别的数字 not a number: {excerpt(m.group(0))}") from exc
    m = _CN_NUMBER.match(text)
    if m:
        numeral = m.group(0)
        if numeral in SCALES and not text[m.end() :]:
            raise QuantityError(f"'{numeral}' 缺少数字 a scale without a number")
        if numeral[0] in "十百千万亿":
            numeral = "一" + numeral  # 百余个, 百亿元: an implied 一
        if len(numeral) > 24:
            raise QuantityError(f"中文数字过长 Chinese numeral too long: {excerpt(numeral)}")
        import cn2an  # slow to import (~0.2 s); only Chinese numerals need it

        try:
            value = cn2an.cn2an(numeral, "smart")
        except Exception as exc:  # cn2an raises several kinds on odd input
            message = f"无法识别的中文数字 not a Chinese numeral: {excerpt(numeral)}"
            raise QuantityError(message) from exc
        return Decimal(str(value)), text[m.end() :], any(c in "百千万亿" for c in numeral)
    raise QuantityError(f"找不到数字 no number in {excerpt(text)}")


# Digits with separators, as typed: 1,600 and 12,345.6 group thousands; 5,4 or 1,60 do not.
_GROUPED = re.compile(r"[\d,]*(?:\d,|,\d)[\d,]*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _check_grouping(text: str) -> None:
    """Refuse a comma that is not a thousands separator (5,4% is not 54%, nor 5.4%)."""
    for m in _GROUPED.finditer(unicodedata.normalize("NFKC", text).replace("，", ",")):
        grouped = m.group(0)
        if not _THOUSANDS.fullmatch(grouped) or (
            m.start() > 0 and text[m.start() - 1 : m.start()] in ".．"
        ):
            raise QuantityError(
                f"千位分隔不对 not a valid thousands grouping: {excerpt(text)} (write 1,600 or "
                "1600; a decimal point is '.')"
            )


def parse_quantity(text: str) -> Quantity:
    """Parse one quantity; raise :class:`QuantityError` with a reason when it cannot."""
    original = text
    _check_grouping(text)
    s = _normalise(text)
    if not s:
        raise QuantityError("数值为空 empty value")
    sign = Decimal(1)
    growth = False
    changed = True
    while changed:
        changed = False
        for word in _LEADING:
            if s.startswith(word) and len(s) > len(word):
                s = s[len(word) :]
                changed = True
        for word in _UP:
            if s.startswith(word) and len(s) > len(word):
                s, growth, changed = s[len(word) :], True, True
                break
        for word in _DOWN:
            if s.startswith(word) and len(s) > len(word):
                s, growth, changed, sign = s[len(word) :], True, True, -sign
                break
    if s in ("翻番", "翻一番"):
        return Quantity(Decimal(100), PERCENT, qualifier="", text=original)
    qualifier = ""
    for word in _TRAILING:
        if s.endswith(word) and len(s) > len(word):
            qualifier, s = word, s[: -len(word)]
            break
    number, rest, scaled = _read_number(s)
    # 百余个: the qualifier sits between the number and its unit.
    for word in ("余", "多"):
        if rest.startswith(word):
            qualifier, rest = qualifier or word, rest[len(word) :]
    if rest.startswith("以上") or rest.startswith("左右"):
        qualifier, rest = qualifier or rest[:2], rest[2:]
    number *= sign
    if rest == "倍":
        if not growth:
            raise QuantityError(
                f"'{original}': 倍 needs 增长/下降 to be a rate (增长1.7倍 = +170%)"
            )
        return Quantity(number * 100, PERCENT, qualifier=qualifier, text=original)
    if rest in ("%", "‰"):
        value = number if rest == "%" else number / 10
        return Quantity(value, PERCENT, qualifier=qualifier, text=original)
    if rest in (POINTS, "百分点", "pp"):
        return Quantity(number, POINTS, qualifier=qualifier, text=original)
    if not rest:
        return Quantity(number, "", scaled=scaled, qualifier=qualifier, text=original)
    unit = parse_unit(rest)
    scaled = scaled or unit.scale != 1
    return Quantity(
        number * unit.scale, unit.base, scaled=scaled, qualifier=qualifier, text=original
    )


def to_unit(quantity: Quantity, unit_text: str, *, what: str = "") -> Decimal:
    """Express ``quantity`` in ``unit_text`` (an indicator's unit such as ``万人``).

    A bare number is taken as already in that unit. ``21万`` carries a scale but no unit,
    so it is read as 21万 of the indicator's base unit. A different base unit is refused.
    """
    target = parse_unit(unit_text)
    label = f"{what} " if what else ""
    if quantity.bare:
        return quantity.magnitude
    if target.base in (PERCENT, POINTS):
        if quantity.base == target.base:
            return quantity.magnitude
        raise QuantityError(
            f"单位不符 unit mismatch: {label}is measured in {unit_text}, "
            f"but {excerpt(quantity.text)} is {quantity.base or 'a scaled count'}"
        )
    if quantity.base and quantity.base != target.base:
        raise QuantityError(
            f"单位不符 unit mismatch: {label}is measured in {unit_text} ({target.base}), "
            f"but {excerpt(quantity.text)} is in {quantity.base}"
        )
    return quantity.magnitude / target.scale


def format_number(value: Decimal, places: int | None = None) -> str:
    """Plain decimal text without exponent or trailing zeros: 15, 5.4, 31000."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = format(value.normalize(), "f") if places is None else format(value, "f")
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
