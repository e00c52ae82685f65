"""Bad input that used to be read as something else is refused (or read right): Chinese
numerals, comma groupings, fractional counts, periods not begun, publications before the
period ends, verdicts on numeric targets, impossible plan years, duplicate jurisdiction ids,
and directories where plans and logs should be. Each rule is tested over its class, not only
the one case that was found."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinan_targets.model import Comparator, Kind
from jinan_targets.period import Period
from jinan_targets.quantity import QuantityError, parse_quantity, to_unit
from jinan_targets.recording import (
    RecordError,
    RecordRequest,
    period_begins,
    period_ends,
    prepare_outcome,
)
from jinan_targets.store import Workspace, load_workspace

from .conftest import PLANS, Invoke

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace(PLANS)


def _prepare(ws: Workspace, **fields: object) -> None:
    fields.setdefault("jurisdiction", "jinan")
    prepare_outcome(ws, RecordRequest(**fields), now=NOW)  # type: ignore[arg-type]


# ----------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("一万五千", "万人", "1.5"),
        ("十五万", "万人", "15"),
        ("五千", "万人", "0.5"),
        ("一千五百万", "万人", "1500"),
        ("十五万人", "万人", "15"),
        ("一百二十亿", "亿元", "120"),
        ("两千亿元", "亿元", "2000"),
        ("三百", "个", "300"),
        ("十五", "万人", "15"),  # no scale character: in the indicator's unit, as 15 is
        ("1.5万", "万人", "1.5"),
        ("15000", "万人", "15000"),
    ],
)
def test_chinese_numerals_carry_their_own_scale(text: str, unit: str, value: str) -> None:
    """一万五千 is fifteen thousand (1.5万), as 1.5万 is; never 15000 of the unit (15000万)."""
    assert to_unit(parse_quantity(text), unit) == Decimal(value)


def _chinese(n: int) -> str:
    """A whole number written out in Chinese numerals, as documents do (一万五千, 十万零一)."""
    import cn2an

    return str(cn2an.an2cn(n, "low"))


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=100, max_value=10**8 - 1))
def test_any_written_out_number_is_a_count_not_a_multiple_of_the_unit(n: int) -> None:
    """Every written-out number with 百/千/万 reads as that many (n people = n/10⁴ 万人)."""
    text = _chinese(n)
    assert to_unit(parse_quantity(text), "万人") == Decimal(n) / Decimal(10**4), text


@pytest.mark.parametrize(
    "text",
    ["5,4%", "1,60", "1,6000亿元", "12,34万人", "1,234,56", ",5", "5,", "1.2,345", "５，４％"],
)
def test_a_comma_that_is_not_a_thousands_separator_is_refused(text: str) -> None:
    """5,4% is neither 54% nor 5.4%: refused, with a reason."""
    with pytest.raises(QuantityError, match="thousands grouping"):
        parse_quantity(text)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from(["", "亿元", "万人", "%"]))
def test_thousands_groupings_read_as_written(n: int, unit: str) -> None:
    """1,600 and 12,345,678 (and full-width ，) are the numbers they group."""
    for text in (f"{n:,}{unit}", f"{n:,}".replace(",", "，") + unit):
        assert parse_quantity(text).magnitude == parse_quantity(f"{n}{unit}").magnitude


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789", min_size=2, max_size=9), st.data())
def test_a_comma_anywhere_else_is_refused(digits: str, data: st.DataObject) -> None:
    """A comma that leaves other than three digits after it is refused, wherever it falls."""
    cut = data.draw(st.integers(min_value=1, max_value=len(digits) - 1))
    text = digits[:cut] + "," + digits[cut:]
    if len(digits) - cut == 3 and cut <= 3:
        return  # 1,234: a real grouping
    with pytest.raises(QuantityError, match="thousands grouping"):
        parse_quantity(text + "%")


def _count_indicators(ws: Workspace) -> list[str]:
    return [
        i.id for i in ws.indicators.values() if i.unit in ("个", "家", "项", "所") and i.kind
        is not Kind.QUALITATIVE
    ]  # fmt: skip


def test_the_catalog_has_counts_of_each_kind(ws: Workspace) -> None:
    assert {ws.indicators[i].unit for i in _count_indicators(ws)} >= {"个", "家", "项", "所"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data(), st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False))
def test_counts_are_whole_numbers(ws: Workspace, data: st.DataObject, value: Decimal) -> None:
    """320.5个 (家, 项, 所) is refused; 320个 is recorded."""
    indicator = data.draw(st.sampled_from(_count_indicators(ws)))
    unit = ws.indicators[indicator].unit
    request = {
        "indicator": indicator,
        "value": f"{value}{unit}",
        "period": "2026-Q1",
        "force": True,
    }
    if value == value.to_integral_value():
        _prepare(ws, **request)
    else:
        with pytest.raises(RecordError, match="whole number"):
            _prepare(ws, **request)


# ----------------------------------------------------------------------- dates


def _periods() -> st.SearchStrategy[Period]:
    years = st.integers(min_value=2000, max_value=2100)
    return st.one_of(
        years.map(Period),
        st.builds(lambda y, q: Period(y, 1, 3 * q), years, st.integers(1, 4)),
        st.builds(lambda y, m: Period(y, 1, m), years, st.integers(1, 12)),
        st.builds(lambda y, n: Period(y, start_year=y - n), years, st.integers(1, 4)),
    )


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_periods())
def test_a_period_that_has_not_begun_is_refused_unless_forced(
    ws: Workspace, period: Period
) -> None:
    """-p 2099-Q1 (or 2027 on 2026-12-01) cannot have been reported: refused, --force lets it."""
    request = {"indicator": "gdp_growth", "value": "5%", "period": str(period)}
    if period_begins(period) > NOW.date():
        with pytest.raises(RecordError, match="has not begun"):
            _prepare(ws, **request)
        _prepare(ws, **request, force=True)
    else:
        _prepare(ws, **request)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(["2026-Q1", "2026-H1", "2026-05", "2025", "2021-2025", "2026-Q3"]),
    st.dates(min_value=date(1900, 1, 1), max_value=NOW.date()),
    st.sampled_from(["初步核算", "预计", "最终核实"]),
)
def test_a_publication_before_the_period_ends_is_refused_unless_forced(
    ws: Workspace, period: str, published: date, vintage: str
) -> None:
    """--published 1900-01-01 for 2026-Q1 is refused; an estimate (预计) may come out during its
    period but not before it begins."""
    from jinan_targets.period import parse_period

    span = parse_period(period)
    request = {
        "indicator": "gdp_growth",
        "value": "5%",
        "period": period,
        "published": published.isoformat(),
        "vintage": vintage,
    }
    early = published < period_begins(span) if vintage == "预计" else published <= period_ends(span)
    if early:
        with pytest.raises(RecordError, match="--published"):
            _prepare(ws, **request)
        _prepare(ws, **request, force=True)
    else:
        _prepare(ws, **request)


@pytest.mark.parametrize(
    ("period", "begins", "ends"),
    [
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2024-02", date(2024, 1, 1), date(2024, 2, 29)),
        ("2026-07..09", date(2026, 7, 1), date(2026, 9, 30)),
        ("2021-2025", date(2021, 1, 1), date(2025, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_dates(period: str, begins: date, ends: date) -> None:
    from jinan_targets.period import parse_period

    assert (period_begins(parse_period(period)), period_ends(parse_period(period))) == (
        begins,
        ends,
    )


# ----------------------------------------------------------------------- verdicts


def _numeric_targets(ws: Workspace) -> list[str]:
    plan = ws.plan("jinan", 2026)
    assert plan is not None
    return sorted(t.indicator for t in plan.target if t.comparator is not Comparator.QUALITATIVE)


@pytest.mark.parametrize("verdict", ["完成", "基本完成", "未完成", "met"])
def test_a_verdict_on_a_numeric_target_is_refused(ws: Workspace, verdict: str) -> None:
    """地区生产总值增长 (5%以上) and every other numeric target of 2026 are judged by figures."""
    numeric = _numeric_targets(ws)
    assert "gdp_growth" in numeric and len(numeric) > 50
    for indicator in numeric:
        with pytest.raises(RecordError, match="verdicts are for qualitative targets"):
            _prepare(ws, indicator=indicator, verdict=verdict, period="2026")


def test_a_verdict_on_a_qualitative_target_is_taken(ws: Workspace) -> None:
    plan = ws.plan("jinan", 2026)
    assert plan is not None
    qualitative = [t.indicator for t in plan.target if t.comparator is Comparator.QUALITATIVE]
    assert qualitative
    for indicator in qualitative:
        _prepare(ws, indicator=indicator, verdict="完成", period="2026")


# ----------------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["城镇新增就业", "12,34万", "-p", "2026-Q1"], "thousands grouping"),
        (["地区生产总值增长", "5,4%", "-p", "2026-Q1"], "thousands grouping"),
        (["data_centers", "320.5", "-p", "2026-Q1"], "whole number"),
        (["地区生产总值增长", "5%", "-p", "2099-Q1"], "has not begun"),
        (["地区生产总值增长", "5%", "-p", "2026-Q1", "--published", "1900-01-01"], "--published"),
        (["地区生产总值增长", "--verdict", "完成", "-p", "2026"], "qualitative targets"),
    ],
)
def test_record_refuses_and_writes_nothing(
    jt: Invoke, plans: Path, args: list[str], message: str
) -> None:
    before = sorted(p.name for p in (plans / "jinan").iterdir())
    log = (plans / "jinan" / "2026.outcomes.toml").read_bytes()
    result = jt("record", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert sorted(p.name for p in (plans / "jinan").iterdir()) == before  # no 2099 log
    assert (plans / "jinan" / "2026.outcomes.toml").read_bytes() == log


def test_record_reads_chinese_numerals_as_counts(jt: Invoke) -> None:
    result = jt("record", "城镇新增就业", "一万五千", "-p", "2026-Q1", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    assert '"value": 1.5' in result.stdout or '"value": "1.5"' in result.stdout


@pytest.mark.parametrize("year", ["0", "1948", "2101", "3000", "-5"])
def test_extract_refuses_a_year_no_plan_can_have(jt: Invoke, year: str) -> None:
    doc = Path(__file__).parent / "data" / "linshui_2027_plan.txt"
    result = jt("extract", str(doc), "-j", "jinan", "--year", year)
    assert result.exit_code == 2, result.output
    assert "1949" in result.stderr and "2100" in result.stderr


def test_a_duplicate_jurisdiction_id_is_a_problem(jt: Invoke, plans: Path) -> None:
    """The second entry is named by check; the first stands, so the title is 济南市's."""
    with (plans / "jurisdictions.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[jurisdiction]]\nid = "jinan"\nname = "另一个"\nname_en = "X"\nlevel = "city"\n'
        )
    check = jt("check")
    assert check.exit_code == 1
    assert "duplicate jurisdiction 'jinan'" in check.stdout
    card = jt("scorecard", "2026")
    assert card.stdout.startswith("济南市2026年") and "\ufffd" not in card.stdout


def _as_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def test_a_plan_that_is_a_directory_is_named(jt: Invoke, plans: Path) -> None:
    _as_directory(plans / "jinan" / "2026.toml")
    check = jt("check")
    assert check.exit_code == 1 and "jinan/2026.toml" in check.stdout
    assert "directory" in check.stdout
    for args in (["scorecard", "2026"], ["scorecard"], ["targets", "2026"]):
        result = jt(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "jinan/2026.toml" in result.stderr and "directory" in result.stderr


def test_a_log_that_is_a_directory_is_named(jt: Invoke, plans: Path) -> None:
    _as_directory(plans / "jinan" / "2026.outcomes.toml")
    check = jt("check")
    assert check.exit_code == 1 and "jinan/2026.outcomes.toml" in check.stdout
    card = jt("scorecard", "2026")
    assert card.exit_code == 2 and "jinan/2026.outcomes.toml" in card.stderr
    record = jt("record", "地区生产总值增长", "5%", "-p", "2026-Q1")
    assert record.exit_code == 2 and "jinan/2026.outcomes.toml" in record.stderr
    assert (plans / "jinan" / "2026.outcomes.toml").is_dir()
