"""What a spreadsheet or Word cell shows: numbers with their format, text made safe, widths.

Pure: no openpyxl, no python-docx. :func:`shown` gives a number, the Excel format that shows it
with its unit and decimals, and the text that format produces, so a column can be made as wide as
what it shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ..model import Status
from ..quantity import COUNT_UNITS

__all__ = [
    "FILLS",
    "Number",
    "display_width",
    "number_format",
    "places_of",
    "safe_text",
    "shown",
]

# Status fills, light enough to print in black and white (Excel's good / neutral / bad).
FILLS = {
    Status.MET: "C6EFCE",
    Status.BASICALLY_MET: "FFEB9C",
    Status.MISSED: "FFC7CE",
    Status.ON_TRACK: "C6EFCE",
    Status.AT_RISK: "FFEB9C",
    Status.OFF_TRACK: "FFC7CE",
    Status.NO_DATA: "EDEDED",
    Status.PENDING: "DDEBF7",
}

# Characters XML 1.0 (so XLSX and DOCX) cannot hold: shown as \x01 rather than refused.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def safe_text(text: str) -> str:
    """Text an office file can hold: control characters written out as ``\\x01``."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def display_width(text: str) -> int:
    """Width in Latin characters: a Chinese (wide or ambiguous) character counts double; the
    widest line of a text that holds line breaks."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )


class Number(NamedTuple):
    value: Decimal  # what the cell holds
    format: str  # its Excel number format
    text: str  # what that format shows


def places_of(values: Iterable[Decimal], unit: str) -> int:
    """Decimals a unit's figures are shown with: as many as they hold (at most 2), whole for
    counts, and at least one for percentages (3.0%, as the documents print them)."""
    if unit in COUNT_UNITS:
        return 0
    places = 0
    for value in values:
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int):
            places = max(places, min(2, -exponent))
    return max(places, 1) if unit == "%" else places


def number_format(unit: str, places: int, signed: bool = False) -> str:
    """'#,##0.0"万人"', '0.0%' (unit "fraction": 0.28 shows 28.0%), '+0.0"个百分点";-…'."""
    decimals = "." + "0" * places if places else ""
    if unit == "fraction":
        body = f"0{decimals}%"
    else:
        body = f"#,##0{decimals}" + (f'"{unit}"' if unit else "")
    return f"+{body};-{body};{body}" if signed else body


def shown(value: Decimal, unit: str, places: int, signed: bool = False) -> Number:
    """``value`` as a cell: the number, its format and the text that format shows."""
    scaled = value * 100 if unit == "fraction" else value
    rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{places}f}" if unit != "fraction" else f"{abs(rounded):.{places}f}"
    sign = "-" if rounded < 0 else "+" if signed and rounded > 0 else ""
    suffix = "%" if unit == "fraction" else unit
    return Number(value, number_format(unit, places, signed), f"{sign}{text}{suffix}")
