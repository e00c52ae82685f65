"""Tell the encoding of a text table: UTF-8 (with or without a byte-order mark), UTF-16 with its
mark (Excel's "Unicode text"), or GB18030, the superset of GBK and GB2312 that Excel writes on a
Chinese Windows machine. Never a silent guess: bytes that are none of these are refused, naming
what was tried, and a GB18030 reading that looks like another encoding (Big5, Shift-JIS read as
GBK give many characters outside the common simplified set) is refused too. Pure: bytes in.
"""

from __future__ import annotations

import codecs

__all__ = ["TRIED", "CharsetError", "decode_text"]

TRIED = "UTF-8, UTF-16 (with BOM), GB18030/GBK"
# Share of Chinese characters outside GB2312 above which a GB18030 reading is not trusted.
_RARE_SHARE = 0.2
_MIN_SAMPLE = 20


class CharsetError(ValueError):
    """The bytes are in no encoding this reader accepts."""


def _looks_chinese(text: str) -> bool:
    """Does a GB18030 decoding read like Chinese text? Simplified text written in GBK keeps
    nearly every character inside GB2312; another encoding read as GBK does not."""
    han = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if len(han) < _MIN_SAMPLE:
        return True
    rare = sum(1 for c in han if not _in_gb2312(c))
    return rare / len(han) <= _RARE_SHARE


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in; :class:`CharsetError` when it is
    in none of :data:`TRIED`."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise CharsetError(f"UTF-8 BOM but invalid UTF-8 at byte {exc.start}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise CharsetError(f"UTF-16 BOM but invalid UTF-16 at byte {exc.start}") from None
    try:  # bytes valid as UTF-8 are UTF-8: a GBK table is never valid UTF-8 past a few bytes
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise CharsetError(f"tried {TRIED}; invalid at byte {exc.start}") from None
    if not _looks_chinese(text):
        raise CharsetError(
            f"tried {TRIED}; read as GB18030 it is mostly rare characters, "
            "so it is probably Big5 or another encoding"
        )
    return text, "gb18030"
