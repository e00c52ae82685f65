"""The shipped Jinan dataset: it loads cleanly, and every record is traceable to its source.

The provenance tests read ../shared/seeds and ../shared/sources when they are present (a clone of
the project next to them) and are skipped, with the reason, where they are not.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jinan_targets.model import Comparator
from jinan_targets.provenance import value_is_stated
from jinan_targets.store import Workspace, load_workspace

from .conftest import PLANS, SHARED

SOURCES = PLANS / "sources"  # the documents the dataset comes from, kept with it
SOURCE_DIRS = (SOURCES,)
needs_shared = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason=f"no original documents at {SHARED / 'seeds'}"
)


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace(PLANS)


def source_text(name: str) -> str:
    for directory in SOURCE_DIRS:
        path = directory / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise AssertionError(f"source file {name!r} not found under {SOURCE_DIRS}")


def test_shipped_data_loads_without_problems(ws: Workspace) -> None:
    """`jt check` on the shipped plans has nothing to report."""
    assert [p.format() for p in ws.problems] == []


def test_expected_plans_and_sizes(ws: Workspace) -> None:
    """The city plans for 2024–2026 and both districts are there, 2026 with about ninety targets."""
    assert set(ws.plans) >= {
        ("jinan", 2024),
        ("jinan", 2025),
        ("jinan", 2026),
        ("jinan-licheng", 2026),
        ("jinan-shizhong", 2024),
    }
    plan_2026 = ws.plans[("jinan", 2026)]
    assert len(plan_2026.target) >= 85
    assert ws.jurisdictions["jinan-licheng"].parent == "jinan"
    assert ws.jurisdictions["jinan-shizhong"].parent == "jinan"


def test_ids_are_shared_across_years(ws: Workspace) -> None:
    """One id for GDP growth in the 2024, 2025 and 2026 targets and in the outcomes."""
    for year in (2024, 2025, 2026):
        plan = ws.plans[("jinan", year)]
        assert "gdp_growth" in {t.indicator for t in plan.target}
    periods = {o.period for o in ws.outcomes_for("jinan", "gdp_growth")}
    assert {"2023", "2025"} <= periods


def test_main_2026_targets_are_right(ws: Workspace) -> None:
    """Section 二's main targets, with their comparators, as a reader of the plan expects."""
    targets = {t.indicator: t for t in ws.plans[("jinan", 2026)].target}
    expected = {
        "gdp_growth": (Comparator.AT_LEAST, Decimal(5)),
        "budget_revenue_growth": (Comparator.REACH, Decimal(3)),
        "industrial_va_growth": (Comparator.REACH, Decimal(7)),
        "retail_sales_growth": (Comparator.AT_LEAST, Decimal(3)),
        "urban_new_jobs": (Comparator.AT_LEAST, Decimal(15)),
        "projects_landed_100m": (Comparator.AT_LEAST, Decimal(700)),
        "key_project_investment": (Comparator.AT_LEAST, Decimal(1600)),
        "tech_smes": (Comparator.REACH, Decimal(10000)),
        "high_standard_farmland": (Comparator.REACH, Decimal("36.2")),
    }
    for ind, (comparator, value) in expected.items():
        assert (targets[ind].comparator, targets[ind].value) == (comparator, value), ind
    assert targets["resident_income_growth"].comparator is Comparator.IN_STEP
    assert targets["resident_income_growth"].reference == "gdp_growth"
    assert targets["cpi"].comparator is Comparator.QUALITATIVE
    assert targets["commercial_streets"].comparator is Comparator.RANGE


def test_vintages_are_kept(ws: Workspace) -> None:
    """2023 GDP growth: 002's estimate and the later statistics are both in the log."""
    records = [o for o in ws.outcomes_for("jinan", "gdp_growth") if o.period == "2023"]
    assert {o.vintage.value for o in records} == {"estimate", "preliminary"}
    assert {o.value for o in records} == {Decimal(6), Decimal("6.1")}


def test_every_target_quote_is_verbatim_and_states_the_value(ws: Workspace) -> None:
    """Each target's quote occurs verbatim in its source and states the target's number."""
    failures = []
    for (place, year), plan in ws.plans.items():
        for i, t in enumerate(plan.target):
            source = ws.source_of(plan, t)
            where = f"{place}/{year} target[{i}] {t.indicator}"
            if t.quote not in source_text(source):
                failures.append(f"{where}: quote not in {source}: {t.quote!r}")
                continue
            unit = ws.indicators[t.indicator].unit
            for value in (t.value, t.high):
                if value is not None and not value_is_stated(value, unit, t.quote):
                    failures.append(f"{where}: {value}{unit} not stated in {t.quote!r}")
    assert failures == []


def test_every_outcome_quote_is_verbatim_and_states_the_value(ws: Workspace) -> None:
    """Each outcome has a source and a verbatim quote stating its figure."""
    failures = []
    for place, records in ws.outcomes.items():
        for o in records:
            where = f"{place} {o.indicator} {o.period} {o.vintage.value}"
            if not o.source or not o.quote:
                failures.append(f"{where}: missing source or quote")
                continue
            if o.quote not in source_text(o.source):
                failures.append(f"{where}: quote not in {o.source}: {o.quote!r}")
                continue
            unit = ws.indicators[o.indicator].unit
            if o.value is not None and not value_is_stated(o.value, unit, o.quote):
                failures.append(f"{where}: {o.value}{unit} not stated in {o.quote!r}")
    assert failures == []


def test_value_check_can_fail() -> None:
    """The provenance check rejects a number the quote does not state."""
    assert value_is_stated(Decimal(15), "万人", "城镇新增就业15万人以上")
    assert value_is_stated(Decimal(31000), "亿元", "本外币贷款余额达到3.1万亿元")
    assert value_is_stated(Decimal(100), "个", "百余个")
    assert not value_is_stated(Decimal(16), "万人", "城镇新增就业15万人以上")
    assert not value_is_stated(Decimal(3100), "亿元", "本外币贷款余额达到3.1万亿元")


def test_sources_are_known_files(ws: Workspace) -> None:
    """Every source names a file of the seeds/sources naming scheme, never a path."""
    names = {p.plan.source for p in ws.plans.values()}
    names |= {o.source for records in ws.outcomes.values() for o in records}
    for name in names:
        assert "/" not in name and Path(name).suffix in (".txt", ".md"), name


def test_every_source_has_a_title_and_its_title_is_in_it(ws: Workspace) -> None:
    """sources.toml names every file the data cites, and a document's own headline (the part
    before any ——) occurs in it."""
    cited = {ws.source_of(plan, t) for plan in ws.plans.values() for t in plan.target}
    cited |= {o.source for records in ws.outcomes.values() for o in records if o.source}
    assert cited <= set(ws.sources), cited - set(ws.sources)
    for name, source in ws.sources.items():
        headline = source.title.split("——")[0].split("（")[0]
        if name.endswith(".txt"):
            assert "".join(headline.split()) in "".join(source_text(name).split()), name


@needs_shared
def test_kept_documents_are_the_originals() -> None:
    """plans/sources holds exact copies of the source documents (seeds and transcriptions)."""
    originals = [*(SHARED / "seeds").glob("*.txt"), *(SHARED / "sources").glob("*.md")]
    assert originals
    for original in originals:
        assert (SOURCES / original.name).read_bytes() == original.read_bytes(), original.name


def test_dataset_holds_what_the_documents_report(ws: Workspace) -> None:
    """Section 一 of the 2026 plan alone reports over two hundred 2025 figures; all are kept."""
    from_plan = [o for o in ws.outcomes_for("jinan", years=[2025]) if o.source.startswith("003")]
    assert len(from_plan) >= 200
    q1 = [o for o in ws.outcomes_for("jinan", years=[2026]) if o.period == "2026-Q1"]
    assert len(q1) >= 50


def test_the_2025_scorecard_judges_most_of_its_targets(ws: Workspace) -> None:
    """The README's first command judges more than two of 2025's ten targets: the work report's
    estimates (规上工业6.9%, 社零4.4%) judge until the statistics replace them."""
    from jinan_targets.scorecard import build_scorecard

    card = build_scorecard(ws, "jinan", 2025)
    judged = [r for r in card.rows if r.assessment.status.value not in ("no_data", "pending")]
    assert len(card.rows) == 10
    assert len(judged) >= 4, [r.target.indicator for r in judged]


def test_gdp_growth_runs_from_2020_to_2026(ws: Workspace) -> None:
    """A whole-year GDP growth figure for 2020–2025 and the 2026 target: the trend has no gaps."""
    years = {o.period for o in ws.outcomes_for("jinan", "gdp_growth") if o.period.isdigit()}
    assert {"2020", "2021", "2022", "2023", "2024", "2025"} <= years
    assert ("jinan", 2023) in ws.plans
    targets = {t.indicator: t for t in ws.plans[("jinan", 2023)].target}
    assert (targets["gdp_growth"].comparator, targets["gdp_growth"].value) == (
        Comparator.AT_LEAST,
        Decimal("5.5"),
    )
    assert targets["cpi"].comparator is Comparator.ABOUT


def test_a_figure_reported_twice_keeps_both_vintages(ws: Workspace) -> None:
    """2024 GDP growth: the work report's 预计 is kept; a later statistic would replace it, never
    overwrite it. 2025's annual figure and its 前三季度 figure are different periods."""
    records = [o for o in ws.outcomes_for("jinan", "gdp_growth") if o.period == "2024"]
    assert [o.vintage.value for o in records] == ["estimate"]
    periods_2025 = {o.period for o in ws.outcomes_for("jinan", "gdp_growth", years=[2025])}
    assert {"2025", "2025-Q3"} <= periods_2025
