"""Time what users wait for at 10k, 100k and 1M records, beside ledger and hledger, in one run.

    python benchmarks/run.py                 # 10k, 100k and 1M (generated under /tmp/jt-bench)
    python benchmarks/run.py 10000 100000    # chosen sizes only
    python benchmarks/run.py 10000 --one-log 200000   # and one 50 MB log (0: leave it out)

For each archive size it times, as whole commands (medians of --repeat runs, with peak memory):
``jt scorecard`` cold (no index) and warm, ``jt record``, ``jt history``, ``jt check``, and
``ledger --budget bal`` / ``hledger bal --budget`` on the equivalent journal (Debian packages
ledger and hledger; skipped when missing). It also times ``jt scorecard 2026`` on the shipped
data against the bare import of typer, rich, pydantic, tomllib and tomli_w, and prints every
ratio the performance targets name. The same commands, and undo, trend, jurisdictions, the
year by period and the SQLite export, run on one jurisdiction-year whose single log holds
``--one-log`` records (200,000: about 50 MB), naming any command that peaks over 150 MiB.
Nothing is asserted: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate, generate_one_log  # noqa: E402

JT = shutil.which("jt", path=str(Path(sys.executable).parent)) or "jt"
BARE = [sys.executable, "-c", "import typer, rich.table, pydantic, tomllib, tomli_w"]


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024


def median(
    cmd: list[str],
    repeat: int,
    env: dict[str, str] | None = None,
    before: Callable[[], object] | None = None,
) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        seconds, peak = run(cmd, env)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


MEMORY_LIMIT = 150  # MiB, for any command on any log


def show(label: str, res: dict[str, tuple[float, float]]) -> None:
    for name, (seconds, peak) in res.items():
        print(f"{label}  {name:<22} {seconds * 1e3:9.0f} ms  {peak:7.0f} MiB", flush=True)


def measure(
    out: Path,
    cache: Path,
    base_env: dict[str, str],
    repeat: int,
    counter: Iterator[int],
    with_check: bool,
    every_command: bool = False,
) -> dict[str, tuple[float, float]]:
    """Time the commands users wait for on the archive generated in ``out``."""
    plans = str(out / "plans")
    env = {**base_env, "JINAN_TARGETS_CACHE": str(cache)}
    place = "j0000"
    score = [JT, "--plans", plans, "scorecard", "2026", "-j", place, "--json"]
    res: dict[str, tuple[float, float]] = {}

    def forget() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    res["scorecard cold"] = median(score, repeat, env, before=forget)
    res["scorecard warm"] = median(score, repeat, env)
    times, peaks = [], []
    for _ in range(repeat):
        n = next(counter)
        seconds, peak = run([JT, "--plans", plans, "record", "ind001", f"{n + 1}", "-p", "Q1",
                             "-j", place, "--source", f"bench {n}"], env)  # fmt: skip
        times.append(seconds)
        peaks.append(peak)
    res["record"] = (statistics.median(times), max(peaks))
    res["history"] = median([JT, "--plans", plans, "history", "ind001", "-j", place],
                            repeat, env)  # fmt: skip
    if with_check:
        res["check"] = median([JT, "--plans", plans, "check"], max(1, repeat // 2), env)
    if every_command:  # the other commands that read a whole log or one indicator of it
        one = max(1, repeat // 2)
        res["undo"] = median([JT, "--plans", plans, "undo", "ind001", "-p", "Q1", "-j", place],
                             one, env)  # fmt: skip
        res["trend"] = median([JT, "--plans", plans, "trend", "ind001", "-j", place], one, env)
        res["jurisdictions"] = median([JT, "--plans", plans, "jurisdictions"], one, env)
        res["scorecard --periods"] = median([*score, "--periods"], one, env)
        db = out / "export.db"
        res["export --all sqlite"] = median(
            [JT, "--plans", plans, "export", "--all", "-o", str(db)], one, env,
            before=lambda: db.unlink(missing_ok=True),
        )  # fmt: skip
    journal = str(out / "ledger.journal")
    if shutil.which("ledger") and os.path.exists(journal):
        res["ledger --budget bal"] = median(
            ["ledger", "-f", journal, "--budget", "bal"], max(1, repeat // 2)
        )
    if shutil.which("hledger") and os.path.exists(journal):
        res["hledger bal --budget"] = median(
            ["hledger", "-f", journal, "bal", "--budget"], max(1, repeat // 2)
        )
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/jt-bench"))
    parser.add_argument("--skip-check-over", type=int, default=10**9,
                        help="leave out `jt check` above this many records")  # fmt: skip
    one = "also one jurisdiction-year of N records in one log; 0: skip"
    parser.add_argument("--one-log", type=int, default=200_000, metavar="N", help=one)
    args = parser.parse_args()
    base_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: with bytecode caches

    shipped_env = {**base_env, "JINAN_TARGETS_CACHE": str(args.work / "cache-shipped")}
    shipped_cmd = [JT, "--plans", str(REPO / "plans"), "scorecard", "2026"]
    for _ in range(2):  # warm the index and the bytecode caches
        run(shipped_cmd, shipped_env)
        run([*shipped_cmd, "--json"], shipped_env)
    # The bare import and the shipped scorecard alternate, so a busy moment weighs on both.
    bare_times, shipped_times, shipped_mem = [], [], 0.0
    for _ in range(args.repeat * 4):
        bare_times.append(run(BARE, base_env)[0])
        seconds, peak = run(shipped_cmd, shipped_env)
        shipped_times.append(seconds)
        shipped_mem = max(shipped_mem, peak)
    bare, shipped = statistics.median(bare_times), statistics.median(shipped_times)
    shipped_json, _ = median([*shipped_cmd, "--json"], args.repeat * 2, shipped_env)
    record_ws = args.work / "shipped-copy"
    shutil.rmtree(record_ws, ignore_errors=True)
    shutil.copytree(REPO / "plans", record_ws)
    counter = iter(range(10**6))  # each record differs, so none is refused as a duplicate
    times = []
    for _ in range(args.repeat):
        n = next(counter)
        seconds, _ = run([JT, "--plans", str(record_ws), "record", "就业", "4万", "-p", "Q1",
                          "--source", f"bench {n}"], shipped_env)  # fmt: skip
        times.append(seconds)
    shipped_record = statistics.median(times)
    print(f"shipped data: bare import {bare * 1e3:.0f} ms; jt scorecard 2026 "
          f"{shipped * 1e3:.0f} ms ({shipped / bare:.2f}× the bare import), "
          f"{shipped_mem:.0f} MiB; with --json {shipped_json * 1e3:.0f} ms; "
          f"jt record {shipped_record * 1e3:.0f} ms")  # fmt: skip

    results: dict[int, dict[str, tuple[float, float]]] = {}
    for size in args.sizes:
        out = args.work / str(size)
        if not (out / "plans" / "indicators.toml").exists():
            print(f"generating {size} records …", flush=True)
            generate(size, out)
        results[size] = measure(out, args.work / f"cache-{size}", base_env, args.repeat,
                                counter, size <= args.skip_check_over)  # fmt: skip
        show(f"{size:>9,}", results[size])
    if args.one_log:
        out = args.work / f"one-{args.one_log}"
        if not (out / "plans" / "indicators.toml").exists():
            print(f"generating one log of {args.one_log} records …", flush=True)
            generate_one_log(args.one_log, out)
        size = (out / "plans" / "j0000" / "2026.outcomes.toml").stat().st_size
        print(f"one jurisdiction-year, {args.one_log:,} records in one {size / 2**20:.0f} MiB log:")
        big = measure(out, args.work / "cache-one", base_env, args.repeat, counter, True, True)
        show(f"{'one log':>9}", big)
        over = [name for name, (_, peak) in big.items() if peak > MEMORY_LIMIT]
        print(f"  commands over {MEMORY_LIMIT} MiB: {', '.join(over) or 'none'}")

    print("\nratios the targets name:")
    print(f"  shipped scorecard / bare import          {shipped / bare:6.2f}  (target ≤ 1.3)")
    for size, res in results.items():
        warm, record = res["scorecard warm"][0], res["record"][0]
        print(
            f"  {size:>9,}: warm scorecard / shipped    {warm / shipped_json:6.2f}  (target ≤ 1.5)"
        )
        print(f"  {size:>9,}: record / shipped record     {record / shipped_record:6.2f}  "
              "(target ≤ 1.5)")  # fmt: skip
        if "ledger --budget bal" in res:
            cold, ledger = res["scorecard cold"][0], res["ledger --budget bal"][0]
            print(f"  {size:>9,}: cold scorecard / ledger     {cold / ledger:6.2f}  (target ≤ 1)")
    sizes = sorted(results)
    for small, large in itertools.pairwise(sizes):
        factor = large / small
        for name in ("scorecard cold", "check"):
            if name in results[small] and name in results[large]:
                ratio = results[large][name][0] / results[small][name][0]
                print(f"  {name} {large:,} / {small:,} records: {ratio:5.2f}× time for "
                      f"{factor:.0f}× records (target ≤ {factor * 1.1:.0f})")  # fmt: skip


if __name__ == "__main__":
    main()
