"""Score `jt extract` against the curated dataset: targets (seed 003 → 2026, seed 002 → 2024)
and outcomes (seed 003 section 一, seed 002's 2023 figures, seed 000's 2026-Q1).

    python benchmarks/extraction.py [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jinan_targets.extract.evaluation import outcome_scores, target_scores  # noqa: E402


def main() -> None:
    verbose = "--verbose" in sys.argv
    for label, s in [*target_scores(ROOT / "plans"), *outcome_scores(ROOT / "plans")]:
        print(
            f"{label:34} precision {s.precision:.3f} ({s.found}/{s.drafted})  "
            f"recall {s.recall:.3f} ({s.recalled}/{s.curated})"
        )
        if verbose:
            for q in s.misses:
                print("   missed:", q.replace("\n", ""))
            for e in s.extras:
                print("   extra: ", e.replace("\n", ""))


if __name__ == "__main__":
    main()
