"""Generate a synthetic archive of N outcome records, and the equivalent ledger journal.

    python benchmarks/generate.py 100000 /tmp/jt-bench/100000

The default shape is the one a monitoring office grows into: 100 indicators (a tenth of them
qualitative, a fifth rates, the rest counts and amounts), a plan per jurisdiction and year
(2023–2026) with a target for each, and a year-to-date figure for every month, a fifth of them
revised later. 100k records are 17 jurisdictions × 100 indicators × 4 years × monthly; other
sizes scale the number of jurisdictions, as an archive of every prefecture city would.

Writes ``plans/`` (a workspace ``jt --plans`` reads) and ``ledger.journal``: the same targets as
yearly periodic transactions (budget goals) and the same figures as dated transactions, which
both ``ledger --budget bal`` and ``hledger bal --budget`` read.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from jinan_targets.journal import LOG_HEADER, record_text
from jinan_targets.model import Outcome, Verdict, Vintage

YEARS = (2023, 2024, 2025, 2026)
INDICATORS = 100
PER_PLACE_YEAR = INDICATORS * 12 * 6 // 5  # monthly, a fifth revised: 1,440 records


def indicator_kinds() -> list[tuple[str, str, str]]:
    """(id, unit, kind) for the synthetic catalog."""
    out = []
    for i in range(INDICATORS):
        if i % 10 == 9:
            out.append((f"ind{i:03d}", "", "qualitative"))
        elif i % 5 == 0:
            out.append((f"ind{i:03d}", "%", "rate"))
        elif i % 3 == 0:
            out.append((f"ind{i:03d}", "亿元", "flow"))
        else:
            out.append((f"ind{i:03d}", "个", "flow"))
    return out


def write_catalog(plans: Path, places: list[str]) -> None:
    lines = ['[[category]]\nid = "synthetic"\nname = "合成指标"\nname_en = "Synthetic"\n']
    for ident, unit, kind in indicator_kinds():
        lines.append(
            f'\n[[indicator]]\nid = "{ident}"\nname = "合成指标{ident[3:]}"\n'
            f'name_en = "Synthetic {ident}"\nunit = "{unit}"\nkind = "{kind}"\n'
            'category = "synthetic"\n'
        )
    (plans / "indicators.toml").write_text("".join(lines), encoding="utf-8")
    rows = ['[[jurisdiction]]\nid = "province"\nname = "合成省"\nname_en = "Province"\n'
            'level = "province"\n']  # fmt: skip
    rows += [
        f'\n[[jurisdiction]]\nid = "{p}"\nname = "合成市{p[1:]}"\nname_en = "City {p}"\n'
        'level = "city"\nparent = "province"\n'
        for p in places
    ]
    (plans / "jurisdictions.toml").write_text("".join(rows), encoding="utf-8")


def target_value(rng: random.Random, unit: str) -> Decimal:
    if unit == "%":
        return Decimal(rng.randint(30, 80)) / 10
    if unit == "亿元":
        return Decimal(rng.randint(100, 5000))
    return Decimal(rng.randint(10, 1000))


def generate(n: int, out: Path, seed: int = 20261125) -> tuple[int, int]:
    """Write the archive; return (jurisdictions, records)."""
    rng = random.Random(seed)
    place_years = max(1, round(n / PER_PLACE_YEAR))
    count = max(1, -(-place_years // len(YEARS)))
    places = [f"j{i:04d}" for i in range(count)]
    plans = out / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    write_catalog(plans, places)
    kinds = indicator_kinds()
    journal = [f"; synthetic archive of {n} records, the same data as {plans}\n"]
    written = 0
    for p_index, place in enumerate(places):
        (plans / place).mkdir(exist_ok=True)
        for year in YEARS:
            if p_index * len(YEARS) + YEARS.index(year) >= place_years:
                break
            targets = {ident: target_value(rng, unit) for ident, unit, _ in kinds}
            plan = [
                f'[plan]\njurisdiction = "{place}"\nyear = {year}\ntitle = "{place} {year}"\n'
                'source = "synthetic"\n'
            ]
            budget = [f"~ yearly from {year}-01-01 to {year + 1}-01-01\n"]
            for ident, unit, kind in kinds:
                if kind == "qualitative":
                    plan.append(
                        f'\n[[target]]\nindicator = "{ident}"\ncomparator = "qualitative"\n'
                        'quote = "保持合理水平"\n'
                    )
                    continue
                value = targets[ident]
                plan.append(
                    f'\n[[target]]\nindicator = "{ident}"\ncomparator = "at_least"\n'
                    f'value = {value}\nquote = "{ident}达到{value}{unit}以上"\n'
                )
                budget.append(f"    ({place}:{ident})  {value}\n")
            (plans / place / f"{year}.toml").write_text("".join(plan), encoding="utf-8")
            journal.append("".join(budget) + "\n")
            log: list[str] = [LOG_HEADER]
            recorded = datetime(year, 1, 1, tzinfo=UTC)
            for month in range(1, 13):
                published = date(year + (month == 12), month % 12 + 1, 15)
                for ident, _unit, kind in kinds:
                    recorded += timedelta(seconds=1)
                    vintages = [Vintage.PRELIMINARY] + (
                        [Vintage.REVISED] if rng.random() < 0.2 else []
                    )
                    for vintage in vintages:
                        if kind == "qualitative":
                            outcome = Outcome(indicator=ident, period=f"{year}-{month:02d}",
                                              verdict=Verdict.MET, vintage=vintage,
                                              as_of=published, recorded_at=recorded)  # fmt: skip
                        else:
                            share = Decimal(month * rng.randint(80, 120)) / 1200
                            value = (
                                targets[ident] * Decimal(rng.randint(90, 110)) / 100
                                if kind == "rate"
                                else targets[ident] * share
                            ).quantize(Decimal("0.1"))
                            outcome = Outcome(indicator=ident, period=f"{year}-{month:02d}",
                                              value=value, vintage=vintage, as_of=published,
                                              source="统计月报", recorded_at=recorded)  # fmt: skip
                            journal.append(
                                f"{published.isoformat()} {place} {ident} {year}-{month:02d}\n"
                                f"    ({place}:{ident})  {value}\n\n"
                            )
                        log.append(record_text(outcome))
                        written += 1
            path = plans / place / f"{year}.outcomes.toml"
            path.write_text("".join(log), encoding="utf-8")
    (out / "ledger.journal").write_text("".join(journal), encoding="utf-8")
    return len(places), written


def generate_one_log(n: int, out: Path, seed: int = 20261125) -> int:
    """One jurisdiction-year holding ``n`` records in a single log (about 250 bytes each: a
    50 MB log at 200,000), with its plan: figures re-recorded month after month."""
    rng = random.Random(seed)
    plans = out / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    place, year = "j0000", 2026
    write_catalog(plans, [place])
    kinds = [k for k in indicator_kinds() if k[2] != "qualitative"]
    targets = {ident: target_value(rng, unit) for ident, unit, _ in kinds}
    (plans / place).mkdir(exist_ok=True)
    plan = [f'[plan]\njurisdiction = "{place}"\nyear = {year}\ntitle = "{place} {year}"\n'
            'source = "synthetic"\n']  # fmt: skip
    for ident, unit, _kind in kinds:
        value = targets[ident]
        plan.append(
            f'\n[[target]]\nindicator = "{ident}"\ncomparator = "at_least"\n'
            f'value = {value}\nquote = "{ident}达到{value}{unit}以上"\n'
        )
    (plans / place / f"{year}.toml").write_text("".join(plan), encoding="utf-8")
    recorded = datetime(year, 1, 1, tzinfo=UTC)
    with (plans / place / f"{year}.outcomes.toml").open("w", encoding="utf-8") as fh:
        fh.write(LOG_HEADER)
        for i in range(n):
            ident, _unit, kind = kinds[i % len(kinds)]
            month = 1 + (i // len(kinds)) % 12
            recorded += timedelta(seconds=1)
            share = Decimal(month * rng.randint(80, 120)) / 1200
            value = (
                targets[ident] * Decimal(rng.randint(90, 110)) / 100
                if kind == "rate"
                else targets[ident] * share
            ).quantize(Decimal("0.1"))
            fh.write(record_text(Outcome(
                indicator=ident, period=f"{year}-{month:02d}", value=value,
                vintage=Vintage.PRELIMINARY, as_of=date(year, month, 15),
                source=f"统计月报 第{i // len(kinds) + 1}期", quote=f"{ident} {value}",
                recorded_at=recorded,
            )))  # fmt: skip
    return n


def main() -> None:
    big = "--one-log" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--one-log"]
    n = int(args[0]) if args else 100_000
    out = Path(args[1]) if len(args) > 1 else Path(f"/tmp/jt-bench/{'one-' if big else ''}{n}")
    if big:
        records = generate_one_log(n, out)
        print(f"{records} records in one log → {out}")
        return
    places, records = generate(n, out)
    print(f"{records} records, {places} jurisdictions → {out}")


if __name__ == "__main__":
    main()
