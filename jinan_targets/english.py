"""Quantities in English: 15万人 → 150,000 people, 1600亿元 → 160 billion yuan, 267家 → 267.
Chinese scales (万, 亿, 万亿) become numbers an English reader reads; a measure word that only
counts (个, 家, 项, 所…) is dropped, as English counts things bare. Pure."""

from __future__ import annotations

from decimal import Decimal

from .quantity import COUNT_UNITS, format_number

__all__ = ["UNIT_WORDS", "english_quantity", "english_unit"]

_SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
_WORDS = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
# Units an English text names; anything else that counts is a bare number.
_UNITS: dict[str, str] = {
    "元": "yuan",
    "美元": "US dollars",
    "人": "people",
    "人次": "person-times",
    "户": "households",
    "家次": "visits",
    "亩": "mu",
    "亩次": "mu (times)",
    "千瓦": "kW",
    "吨": "tonnes",
    "标箱": "TEU",
    "平方米": "m²",
    "立方米": "m³",
    "公里": "km",
    "平方公里": "km²",
    "辆": "vehicles",
    "天": "days",
    "场次": "sessions",
    "次": "times",
}


# Measure words that only count, beyond those the quantity parser knows.
_COUNTERS = COUNT_UNITS | frozenset("支种笔款轮届")


# The words an English figure may end in, for layouts that keep "≥ 150,000 people" on one line.
UNIT_WORDS = (*sorted(set(_UNITS.values()), key=len, reverse=True), "pp", "trillion",
              "billion", "million")  # fmt: skip


def _split(unit: str) -> tuple[Decimal, str]:
    for prefix, factor in _SCALES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return factor, unit[len(prefix) :]
    return Decimal(1), unit


def english_unit(unit: str) -> str:
    """The English name of a unit without its scale ("" for a measure word that only counts)."""
    _factor, base = _split(unit)
    if base in _UNITS:
        return _UNITS[base]
    if all(ch in _COUNTERS for ch in base):
        return ""
    return base  # an unknown unit is kept as written rather than guessed


def _grouped(n: Decimal, places: int | None) -> str:
    text = format_number(n, places)
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = f"{int(digits):,}" if digits.isdigit() else digits
    return sign + grouped + (f".{fraction}" if fraction else "")


def english_quantity(value: Decimal, unit: str, places: int | None = None) -> str:
    """15万人 → 150,000 people; 3.1万亿元 → 3.1 trillion yuan; 5.4% → 5.4%; 0.3个百分点 →
    0.3 pp; 267家 → 267."""
    if unit == "%":
        return f"{format_number(value, places)}%"
    if unit == "个百分点":
        return f"{format_number(value, places)} pp"
    factor, _base = _split(unit)
    name = english_unit(unit)
    n = value * factor
    for size, word in _WORDS:  # the largest word that keeps every digit (at most two decimals)
        scaled = (n / size).normalize()
        exponent = scaled.as_tuple().exponent
        if abs(n) >= size and isinstance(exponent, int) and exponent >= -2:
            text = f"{_grouped(scaled, None)} {word}"
            break
    else:
        text = _grouped(n if factor == 1 else n.normalize(), places if factor == 1 else None)
    return f"{text} {name}" if name else text
