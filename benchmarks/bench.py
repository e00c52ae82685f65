"""Measure what users wait for: appending to logs of growing size, loading and judging, CLI start.

Run:  python benchmarks/bench.py            (prints a table; nothing is asserted)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from jinan_targets.journal import LOG_HEADER, append_outcome, record_text
from jinan_targets.model import Outcome
from jinan_targets.scorecard import build_scorecard
from jinan_targets.store import load_workspace

REPO = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def record(i: int) -> Outcome:
    return Outcome(indicator="urban_new_jobs", period="2026-Q1", value=Decimal(i % 1000) / 10,
                   note=f"benchmark {i}", recorded_at=T0 + timedelta(microseconds=i))  # fmt: skip


def bench_append(sizes: tuple[int, ...] = (100, 10_000, 100_000), appends: int = 200) -> None:
    print(f"append_outcome, mean of {appends} appends (lock + O_APPEND write + fsync):")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            log = Path(tmp) / "2026.outcomes.toml"
            log.write_text(LOG_HEADER + "".join(record_text(record(i)) for i in range(size)),
                           encoding="utf-8")  # fmt: skip
            start = time.perf_counter()
            for i in range(appends):
                append_outcome(log, record(size + i))
            per = (time.perf_counter() - start) / appends
            mb = log.stat().st_size / 1e6
            print(f"  log of {size:>7} records ({mb:6.1f} MB): {per * 1e3:7.3f} ms per append")


def bench_load(repeat: int = 20) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        ws = load_workspace(REPO / "plans")
        for year in (2024, 2025, 2026):
            build_scorecard(ws, "jinan", year)
        times.append(time.perf_counter() - start)
    targets = sum(len(p.target) for p in ws.plans.values())
    print(f"load_workspace + 3 scorecards ({targets} targets): "
          f"median {statistics.median(times) * 1e3:.1f} ms")  # fmt: skip


def bench_cli(repeat: int = 5) -> None:
    jt = shutil.which("jt") or ""
    base = [jt] if jt else [sys.executable, "-m", "jinan_targets"]
    for args in (["--help"], ["check"], ["scorecard", "2025", "--json"], ["scorecard", "2026"]):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([*base, *args], cwd=REPO, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
        print(f"  jt {' '.join(args):<24} median {statistics.median(times) * 1e3:7.1f} ms")


if __name__ == "__main__":
    bench_append()
    bench_load()
    print("command line, wall time:")
    bench_cli()
