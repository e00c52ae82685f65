"""A document as the extractor reads it: one flat line of text that still knows where each of
its characters stands in the original.

Plan documents and newspaper pages break lines inside sentences, print full-width digits
(１５万人, ５．４％), wrap subscripts in markup (PM<sub>2.5</sub>) and space figures apart
(14210 亿元). :func:`read_document` undoes all of that: full-width forms fold to ASCII, markup
and whitespace go (a space between two Latin letters or digits stays, as one), and a line break
joins the lines unless a paragraph ends there. Paragraphs end after 。！？ at a line's end, before
an indented line, a heading or a blank line that follows a finished sentence. Every flat
character maps back to its original offset, so a quote is always the original's own text.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from .figures import UNITS

__all__ = ["Document", "read_document"]

_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD = {**_FULL_WIDTH, 0x3000: 0x20, 0x2014: ord("—"), 0xFF5E: ord("～")}
_ENDS = "。！？!?"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>")
_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|专栏|第[一二三四五六七八九十]+[章部分节])"
)
_ITEM_END = re.compile(
    rf"(?:以上|左右|以内|以下|%|\d\s*(?:万|亿)?(?:{'|'.join(map(re.escape, UNITS))}))$"
)
# A short unpunctuated line naming a year is a heading (2023年经济社会发展情况, 2024年主要预期目标).
YEAR_HEADING = re.compile(r"^20\d\d\s*年[^，。,；;：:！？]{2,20}$")
_LATIN = re.compile(r"[A-Za-z0-9.%]")
# Lines that stand alone though no 。 ends them: an elision mark ([...], ……), a report's
# dateline (——2026年1月18日在…会议上), its salutation (各位代表：) and a newspaper's byline
# (本报记者 某某).
_STANDALONE = re.compile(
    r"^(?:[\[［(（]?(?:\.{3}|…+)[\]］)）]?|[—─-]{2}[^。]{4,80}(?:会议上|大会上)"
    r"|(?:各位代表|各位委员|同志们)[，,、]?(?:各位(?:列席人员|委员)[，,]?)?[:：]"
    r"|(?:本报|新华社)?(?:记者|通讯员)\s*[^。，,；;:：]{1,30})$"
)


@dataclass(frozen=True)
class Document:
    """``flat`` is the text to search, its paragraphs joined by a newline; ``where[i]`` is the
    original offset of ``flat[i]``; ``starts`` are the flat offsets where paragraphs begin."""

    original: str
    flat: str
    where: array[int]
    starts: tuple[int, ...]

    def offset(self, i: int) -> int:
        """The original offset of flat position ``i`` (the end maps to the original's end)."""
        return self.where[i] if i < len(self.where) else len(self.original)

    def quote(self, start: int, end: int) -> str:
        """The original text behind ``flat[start:end]``, line breaks and spaces included."""
        if end <= start:
            return ""
        return self.original[self.where[start] : self.where[end - 1] + 1]

    def paragraph_of(self, i: int) -> tuple[int, int]:
        """The flat span of the paragraph holding position ``i``."""
        import bisect

        k = bisect.bisect_right(self.starts, i) - 1
        start = self.starts[max(k, 0)]
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.flat)
        return start, end


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def read_document(text: str) -> Document:
    """Flatten ``text`` (see the module's description)."""
    return _read(text, _fold(text))


def _masked(folded: str) -> str:
    """``folded`` with markup tags blanked out (same length)."""
    return _TAG.sub(lambda m: "\x00" * len(m.group(0)), folded)


def _read(original: str, folded: str) -> Document:
    folded = _masked(folded)
    flat: list[str] = []
    where = array("i")
    starts: list[int] = [0]
    pending_space = False
    lines = folded.split("\n")
    offset = 0
    previous_ended = True
    last_body = ""
    for line in lines:
        body = line.strip(" \t\r\x00")
        if not body:
            # A blank line after a finished figure ends an item of a list or an infographic.
            previous_ended = previous_ended or (bool(_ITEM_END.search(last_body)) and bool(flat))
            offset += len(line) + 1
            continue
        indented = line[:1] in (" ", "\t") or line.startswith("\u3000")
        new_paragraph = (
            previous_ended
            or indented
            or bool(_HEADING.match(body) or YEAR_HEADING.match(body) or _STANDALONE.match(body))
        )
        if flat and new_paragraph and starts[-1] != len(flat):
            flat.append("\n")  # paragraphs stay apart in the flat text
            where.append(offset + len(line) - len(line.lstrip(" \t\r\x00")))
            starts.append(len(flat))
        pending_space, space_at = False, offset
        for i, ch in enumerate(line):
            if ch == "\t" and flat and flat[-1] not in "\t\n":
                flat.append("\t")  # a table's cell ends: keep it apart from the next
                where.append(offset + i)
                pending_space = False
                continue
            if ch in " \t\r\x00":
                if ch == " ":
                    pending_space, space_at = True, offset + i
                continue
            between_words = flat and _LATIN.match(flat[-1]) and _LATIN.match(ch)
            if pending_space and between_words and not (flat[-1] in ".%" or ch in ".%"):
                flat.append(" ")
                where.append(space_at)
            pending_space = False
            flat.append(ch)
            where.append(offset + i)
        offset += len(line) + 1
        last_body = body
        last = body.rstrip("”\"'）)*#")
        previous_ended = bool(last) and last[-1] in _ENDS
        heading_line = bool(_HEADING.match(body)) and len(body) <= 40 and "。" not in body
        heading_line = heading_line or bool(_STANDALONE.match(body))
        previous_ended = previous_ended or heading_line or bool(YEAR_HEADING.match(body))
        previous_ended = previous_ended or (not last)
    return Document(original, "".join(flat), where, tuple(starts))
