"""Score `jt extract --outcomes` on the statistics releases written for the tests
(tests/data/releases: a quarterly, a half-year and a monthly 经济运行情况 release, each with a
hand-made gold list): period accuracy of every drafted figure, precision and recall of
(indicator, value, period).

    python benchmarks/releases.py [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jinan_targets.extract.release_scores import release_scores  # noqa: E402
from jinan_targets.store import load_workspace  # noqa: E402


def main() -> None:
    verbose = "--verbose" in sys.argv
    ws = load_workspace(ROOT / "plans")
    rows = release_scores(
        ROOT / "tests" / "data" / "releases",
        list(ws.indicators.values()),
        list(ws.categories.values()),
    )
    print(f"{'release':28} {'period accuracy':>20} {'precision':>16} {'recall':>16}")
    totals = [0, 0, 0, 0, 0, 0]
    for name, s in rows:
        print(
            f"{name:28} {s.period_accuracy:>8.3f} ({s.right_period:>3}/{s.placed:>3})"
            f" {s.precision:>6.3f} ({s.matched:>3}/{s.drafted:>3})"
            f" {s.recall:>6.3f} ({s.recalled:>3}/{s.gold:>3})"
        )
        for k, n in enumerate((s.right_period, s.placed, s.matched, s.drafted, s.recalled, s.gold)):
            totals[k] += n
        if verbose:
            for line in s.wrong:
                print("   wrong period:", line)
            for line in s.extras:
                print("   extra:       ", line)
            for line in s.misses:
                print("   missed:      ", line)
    r, p, m, d, c, g = totals
    print(
        f"{'all':28} {r / p:>8.3f} ({r:>3}/{p:>3}) {m / d:>6.3f} ({m:>3}/{d:>3})"
        f" {c / g:>6.3f} ({c:>3}/{g:>3})"
    )


if __name__ == "__main__":
    main()
