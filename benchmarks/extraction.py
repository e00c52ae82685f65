"""Score `jt extract` against the curated dataset and the documents of the genre.

Seeds: targets (seed 003 → 2026, seed 002 → 2024) and outcomes (seed 003 section 一, seed 002's
2023 figures, seed 000's 2026-Q1). Then (comparator, value, unit) per quote on the eight
provinces' 2026 main-targets paragraphs (tests/data/provinces-2026), overall with the seeds'
targets; on further documents written in the genre's styles (tests/data/genre-2026); and,
apart, on documents the rules were not tuned on (tests/data/genre-2026-heldout).

    python benchmarks/extraction.py [--verbose]
    python benchmarks/extraction.py --scale     # seconds to draft a line of figures without
                                                # punctuation, by its length (linear)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jinan_targets.extract.corpus import corpus_scores, total  # noqa: E402
from jinan_targets.extract.evaluation import outcome_scores, target_scores  # noqa: E402
from jinan_targets.extract.scoring import Score  # noqa: E402
from jinan_targets.store import load_workspace  # noqa: E402

DATA = ROOT / "tests" / "data"
CORPORA = (
    ("provinces", DATA / "provinces-2026"),
    ("genre", DATA / "genre-2026"),
    ("held out", DATA / "genre-2026-heldout"),
)


def _line(label: str, s: Score, verbose: bool) -> None:
    print(
        f"{label:34} precision {s.precision:.3f} ({s.found}/{s.drafted})  "
        f"recall {s.recall:.3f} ({s.recalled}/{s.curated})"
    )
    if verbose:
        for q in s.misses:
            print("   missed:", q.replace("\n", ""))
        for e in s.extras:
            print("   extra: ", e.replace("\n", ""))


def scale() -> None:
    import time

    from jinan_targets.extract.targets import draft_plan

    unit = "增长5%城镇新增就业12万人"
    for size in (700, 2_800, 14_000):
        text = "主要预期目标是：" + unit * (size // len(unit))
        start = time.perf_counter()
        draft = draft_plan(text, year=2026)
        took = time.perf_counter() - start
        print(f"{len(text):6} characters  {len(draft.targets):5} targets  {took:6.2f} s")


def main() -> None:
    if "--scale" in sys.argv:
        scale()
        return
    verbose = "--verbose" in sys.argv
    seeds = target_scores(ROOT / "plans")
    for label, s in [*seeds, *outcome_scores(ROOT / "plans")]:
        _line(label, s, verbose)
    ws = load_workspace(ROOT / "plans")
    indicators, categories = list(ws.indicators.values()), list(ws.categories.values())
    for name, directory in CORPORA:
        scores = corpus_scores(directory, indicators=indicators, categories=categories)
        print()
        for label, s in scores:
            _line(f"  {label}", s, verbose)
        _line(f"{name}: all", total([s for _, s in scores]), False)
        if name == "provinces":
            both = total([s for _, s in seeds] + [s for _, s in scores])
            _line("seeds' targets and provinces", both, False)


if __name__ == "__main__":
    main()
