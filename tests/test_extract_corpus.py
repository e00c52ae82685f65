"""The extractor on other provinces' and cities' reports: (comparator, value, unit) per quote
against hand-made gold lists (tests/data/provinces-2026: eight provinces' 2026 main-targets
paragraphs; tests/data/genre-2026: documents written in the genre's other styles)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jinan_targets.extract.corpus import corpus_scores, read_gold, total
from jinan_targets.extract.evaluation import target_scores
from jinan_targets.model import Comparator
from jinan_targets.store import Workspace, load_workspace

from .conftest import PLANS

DATA = Path(__file__).parent / "data"
PROVINCES = DATA / "provinces-2026"
GENRE = DATA / "genre-2026"
HELD_OUT = DATA / "genre-2026-heldout"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace(PLANS)


def test_the_development_set_is_complete() -> None:
    """Eight provinces, each text with its gold list, copied so the tests need nothing else."""
    names = sorted(p.name.removesuffix(".targets.tsv") for p in PROVINCES.glob("*.targets.tsv"))
    assert names == [f"{p}-2026" for p in ("GD", "GS", "HE", "LN", "SC", "SH", "SX", "XJ")]
    for name in names:
        assert (PROVINCES / f"{name}.txt").is_file()


def test_province_scores(ws: Workspace) -> None:
    """Each province ≥ 0.9 in precision and recall; overall, with the seeds' targets, ≥ 0.97."""
    found = corpus_scores(
        PROVINCES, indicators=list(ws.indicators.values()), categories=list(ws.categories.values())
    )
    assert len(found) == 8
    for name, s in found:
        assert s.precision >= 0.9, (name, s.extras)
        assert s.recall >= 0.9, (name, s.misses)
    seeds = [s for _, s in target_scores(PLANS)]
    overall = total(seeds + [s for _, s in found])
    assert overall.precision >= 0.97, overall.extras
    assert overall.recall >= 0.97, overall.misses
    provinces = total([s for _, s in found])
    assert provinces.precision >= 0.97 and provinces.recall >= 0.97


def test_genre_document_scores(ws: Workspace) -> None:
    """The documents written in the genre's other styles: each ≥ 0.9, all together ≥ 0.97."""
    found = corpus_scores(
        GENRE, indicators=list(ws.indicators.values()), categories=list(ws.categories.values())
    )
    assert len(found) >= 6
    for name, s in found:
        assert s.precision >= 0.9, (name, s.extras)
        assert s.recall >= 0.9, (name, s.misses)
    together = total([s for _, s in found])
    assert together.precision >= 0.97 and together.recall >= 0.97


def test_held_out_documents_are_scored_apart(ws: Workspace) -> None:
    """The documents the rules were not tuned on are read and scored (the figure is reported,
    not tuned to: only a floor that catches a collapse)."""
    found = corpus_scores(
        HELD_OUT, indicators=list(ws.indicators.values()), categories=list(ws.categories.values())
    )
    assert len(found) >= 2
    together = total([s for _, s in found])
    assert together.recall >= 0.8 and together.precision >= 0.7


def test_gold_lists_read_as_the_readme_says(tmp_path: Path) -> None:
    """exact → reach, range values 4.5-5, in_step without a value."""
    gold = tmp_path / "X.targets.tsv"
    gold.write_text(
        "indicator\tcomparator\tvalue\tunit\tverbatim\n"
        "地区生产总值增速\trange\t4.5-5\t%\t地区生产总值增长4.5%—5%\n"
        "城镇新增就业\texact\t85\t万人\t城镇新增就业85万人\n"
        "居民收入增长\tin_step\t\t\t居民收入增长与经济增长同步\n",
        encoding="utf-8",
    )
    rows = read_gold(gold)
    assert [(r.comparator, r.value, r.high) for r in rows] == [
        (Comparator.RANGE, Decimal("4.5"), Decimal("5")),
        (Comparator.REACH, Decimal("85"), None),
        (Comparator.IN_STEP, None, None),
    ]


GDP = "地区生产总值增速\tabout\t5\t%\t全市生产总值增长5%左右"


@pytest.mark.parametrize(
    ("replace", "add", "precision_drops", "recall_drops"),
    [
        (GDP, "", False, False),  # the gold list as it is
        ("", "", True, False),  # the GDP row left out: its draft matches nothing
        (GDP.replace("about", "at_least"), "", True, True),  # another comparator
        (GDP.replace("\t5\t", "\t6\t"), "", True, True),  # another value
        (GDP, "城镇新增就业\texact\t10\t万人\t城镇新增就业10万人", False, True),  # not drafted
    ],
)
def test_scores_can_fail(
    ws: Workspace,
    tmp_path: Path,
    replace: str,
    add: str,
    precision_drops: bool,
    recall_drops: bool,
) -> None:
    """A gold list that disagrees with the draft lowers the score it should."""
    text = (PROVINCES / "SH-2026.txt").read_text(encoding="utf-8")
    gold = (PROVINCES / "SH-2026.targets.tsv").read_text(encoding="utf-8")
    assert GDP in gold
    gold = gold.replace(GDP, replace)
    (tmp_path / "SH.txt").write_text(text, encoding="utf-8")
    (tmp_path / "SH.targets.tsv").write_text(gold + add + "\n", encoding="utf-8")
    [(_, s)] = corpus_scores(tmp_path, indicators=list(ws.indicators.values()))
    assert (s.precision < 1) is precision_drops, s.extras
    assert (s.recall < 1) is recall_drops, s.misses
