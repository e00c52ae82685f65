"""`jt export --format sqlite`: a file that opens in any SQLite tool, queried here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .conftest import Invoke


def test_all_plans_as_sqlite(jt: Invoke, tmp_path: Path) -> None:
    assert jt("record", "就业", "4万", "-p", "Q1").exit_code == 0
    assert jt("undo", "就业", "-p", "Q1").exit_code == 0
    assert jt("record", "就业", "4.5万", "-p", "Q1").exit_code == 0
    db = tmp_path / "jinan.db"
    result = jt("export", "--all", "-o", str(db))
    assert result.exit_code == 0, result.stderr
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    plans = conn.execute("SELECT jurisdiction, year FROM plans ORDER BY 1, 2").fetchall()
    assert plans == [("jinan", 2023), ("jinan", 2024), ("jinan", 2025), ("jinan", 2026),
                     ("jinan-licheng", 2026), ("jinan-shizhong", 2024)]  # fmt: skip
    assert conn.execute("SELECT count(*) FROM targets WHERE year = 2026 AND "
                        "jurisdiction = 'jinan'").fetchone() == (91,)  # fmt: skip
    jobs = conn.execute(
        "SELECT status, actual, completion FROM scorecard "
        "WHERE jurisdiction = 'jinan' AND year = 2025 AND indicator = 'urban_new_jobs'"
    ).fetchone()
    assert jobs == ("met", 21.0, 1.4)
    # every vintage and the retraction are kept; the view shows what is in force
    q1 = conn.execute(
        "SELECT value_exact, in_force, retracts IS NOT NULL FROM outcomes "
        "WHERE indicator = 'urban_new_jobs' AND period = '2026-Q1' ORDER BY id"
    ).fetchall()
    assert q1 == [("4", 0, 0), (None, 0, 1), ("4.5", 1, 0)]
    in_force = conn.execute(
        "SELECT value FROM figures_in_force WHERE indicator = 'urban_new_jobs' "
        "AND period = '2026-Q1'"
    ).fetchall()
    assert in_force == [(4.5,)]
    gdp_2023 = conn.execute(
        "SELECT vintage, value_exact FROM outcomes WHERE indicator = 'gdp_growth' "
        "AND period = '2023' AND jurisdiction = 'jinan' ORDER BY vintage"
    ).fetchall()
    assert gdp_2023 == [("estimate", "6"), ("preliminary", "6.1")]  # every vintage kept


def test_one_scorecard_as_sqlite_and_errors(jt: Invoke, tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    assert jt("export", "2025", "-o", str(db)).exit_code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT jurisdiction, year FROM plans").fetchall() == [("jinan", 2025)]
    assert conn.execute("SELECT count(*) FROM scorecard").fetchone() == (10,)
    result = jt("export", "2025", "-f", "sqlite")
    assert result.exit_code == 2 and "-o FILE.db" in result.stderr
