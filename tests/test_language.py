"""Words, not codes, in the user's language: every table, summary and report, in Chinese and in
English, is scanned for raw values (status, kind, comparator and direction values, indicator ids,
period codes such as 2026-Q3) and for the other language's words outside the bilingual labels.
What the data itself says (quotes, names, titles, notes) is the data's, in its own language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jinan_targets.model import Comparator, Direction, Kind, Status
from jinan_targets.store import Workspace, load_workspace

from .conftest import Invoke

# Figures of a year in progress, so the in-year wording (时序进度, pace, 同步) is shown too.
IN_YEAR = [
    ("城镇新增就业", "12万", "2026-Q3"),
    ("地区生产总值增长", "5.3%", "2026-Q3"),
    ("签约落地亿元以上项目", "500个", "2026-Q3"),
    ("居民人均可支配收入增长", "5.6%", "2026-Q3"),
    ("科技型中小企业", "9200家", "2026-Q3"),
]
COMMANDS = [
    ["scorecard", "2026"],
    ["scorecard", "2025"],
    ["scorecard", "2026", "--periods"],
    ["targets", "2026"],
    ["targets", "2023"],
    ["indicators"],
    ["jurisdictions"],
    ["history", "地区生产总值增长"],
    ["history", "城镇新增就业"],
    ["trend", "地区生产总值增长"],
    ["trend", "城镇新增就业"],
    ["trend", "居民人均可支配收入增长"],
    ["compare", "2026", "-j", "jinan,jinan-licheng"],
    ["summary"],
    ["export", "2026", "-f", "md"],
    ["export", "2026", "-f", "html"],
    ["export", "2025", "-f", "md"],
    ["record", "城镇新增就业", "13万", "-p", "2026-10", "--dry-run"],
]
# The English words of the bilingual labels (table headers, titles, the check line): allowed in
# Chinese output, as the labels of today are.
BILINGUAL = {
    *("OK", "indicators", "plans", "targets", "outcomes", "Indicator", "catalog"),
    *("Jurisdictions", "Sources", "Trends", "jinan-targets"),
}
RAW_WORDS = {
    *(s.value for s in Status),
    *(k.value for k in Kind),
    *(c.value for c in Comparator),
    *(d.value for d in Direction),
}
PERIOD_CODE = re.compile(r"(?<![\d-])\d{4}-(?:Q[1-4]|H[12]|\d{4}|\d{2}(?![\d-]))(?![\d])")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def _data_texts(ws: Workspace) -> list[str]:
    """Everything the data says in its own words."""
    texts: list[str] = []
    for plan in ws.plans.values():
        meta = plan.plan
        texts += [meta.title, meta.note or "", meta.doc_number or ""]
        for t in plan.target:
            texts += [t.quote, "".join(t.quote.split()), t.note or "", t.section or ""]
    for records in ws.outcomes.values():
        texts += [x for o in records for x in (o.quote, o.note, o.source, o.by) if x]
    for name, source in ws.sources.items():
        texts += [name, source.title, source.publisher or "", source.doc_number or ""]
        texts.append(ws.source_title(name))
    for ind in ws.indicators.values():
        texts += [ind.name, ind.name_en, *ind.aliases]
    for cat in ws.categories.values():
        texts += [cat.name, cat.name_en]
    for place in ws.jurisdictions.values():
        texts += [place.name, place.name_en]
    return [t for t in texts if t]


@pytest.fixture()
def scanned(jt: Invoke, plans: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Each command's output in each language (wide, so nothing folds), after the in-year
    figures are recorded."""
    for name, value, period in IN_YEAR:
        result = jt("record", name, value, "-p", period, "--published", "2026-10-20")
        assert result.exit_code == 0, result.output
    monkeypatch.setenv("COLUMNS", "400")
    out = {}
    for args in COMMANDS:
        for lang in ("zh", "en"):
            result = jt(*args, "--lang", lang)
            assert result.exit_code == 0, (args, lang, result.output)
            out[f"{' '.join(args)} --lang {lang}"] = result.stdout
    result = jt("check")
    assert result.exit_code == 0, result.output
    out["check --lang zh"] = result.stdout
    return out


def _prose(text: str, command: str) -> str:
    """The text a reader reads: no table header rows (bilingual labels), no HTML tags or
    attributes, no file paths, no record as written to the log (``record --dry-run``); in the
    catalogs not the id column, and in ``targets`` not the quote column (the document's words,
    folded)."""
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    text = re.sub(r"(?m)^(?:# \S+ \S+ · [0-9a-f]+|\[\[outcome\]\]|[a-z_]+ = .*)$", " ", text)
    text = re.sub(r"\S*/\S+", " ", text)
    kept, in_head = [], False
    for line in text.splitlines():
        if line.startswith("┏"):
            in_head = True
        if line.startswith("┡"):
            in_head = False
            continue
        if in_head:
            continue
        if line.startswith("│") and command.split()[0] in ("indicators", "jurisdictions"):
            line = "│".join(line.split("│")[2:])
        if line.startswith("│") and command.startswith("targets"):
            line = "│".join(line.split("│")[:-2])
        kept.append(line)
    return "\n".join(kept)


def _without_data(text: str, data: list[str]) -> str:
    for piece in sorted(set(data), key=len, reverse=True):
        if len(piece) >= 2:
            text = text.replace(piece, " ")
    return text


def _leaks(text: str, lang: str, ids: set[str], data_words: set[str]) -> list[str]:
    """What in ``text`` is a raw value or a word of the other language."""
    zh, found = lang == "zh", []
    words = re.findall(r"[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]|[A-Za-z]", text)
    raw = sorted({w for w in words if w in ids or "_" in w or (zh and w in RAW_WORDS)})
    codes = sorted(set(PERIOD_CODE.findall(text)))
    if raw or codes:
        found.append(f"raw values {raw} {codes}")
    if zh:
        english = sorted({w for w in words if len(w) > 1} - BILINGUAL - data_words)
        if english:
            found.append(f"English words {english}")
    else:
        chinese = sorted(set(CJK.findall(text)) - {"，", "。", "：", "（", "）"})
        if chinese:
            found.append(f"Chinese {chinese[:20]}")
    return found


def test_no_raw_values_and_no_other_language(scanned: dict[str, str], plans: Path) -> None:
    """No status/kind/comparator/direction value, no indicator id, no period code in any output;
    Chinese output has no English words but the bilingual labels' and the data's; English
    output has no Chinese but the data's."""
    ws = load_workspace(plans)
    data = _data_texts(ws)
    data_words = {w for t in data for w in re.findall(r"[A-Za-z][A-Za-z_]*", t)}
    ids = set(ws.indicators)
    failures = []
    for name, output in scanned.items():
        text = _without_data(_prose(output, name), data)
        found = _leaks(text, "zh" if name.endswith("zh") else "en", ids, data_words)
        failures += [f"{name}: {leak}" for leak in found]
    assert failures == [], "\n".join(failures)


def test_lang_never_changes_a_json_value(jt: Invoke) -> None:
    """--json gives the same document in either language."""
    for args in (["scorecard", "2025"], ["trend", "gdp_growth"], ["targets", "2026"],
                 ["compare", "2026", "-j", "jinan,jinan-licheng"], ["summary"]):  # fmt: skip
        zh = json.loads(jt(*args, "--json").stdout)
        en = json.loads(jt(*args, "--json", "--lang", "en").stdout)
        assert zh == en, args


@pytest.mark.parametrize(
    ("text", "lang", "leaks"),
    [
        ("暂无数据 (—) → 进度正常", "zh", False),
        ("no_data (—) → on_track (2026-Q3 3.6)", "zh", True),
        ("“余” read as at least", "zh", True),
        ("类型 flow", "zh", True),
        ("截至2026年前三季度", "zh", False),
        ("脚注 2026-Q3 初步", "zh", True),
        ("≥ 150,000 people", "en", False),
        ("≥ 15万人", "en", True),
        ("267家 a month", "en", True),
        ("in step with gdp_growth", "en", True),
        ("published 2026-10-20", "en", False),
    ],
)
def test_the_scan_can_fail(text: str, lang: str, leaks: bool) -> None:
    """The scanner itself: it flags each leak the issue names and passes their fixes."""
    assert bool(_leaks(text, lang, ids={"gdp_growth"}, data_words=set())) is leaks
