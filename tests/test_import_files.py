"""`jt import` on the files people actually have: any line ending, long cells, encodings, XLSX
cells as Excel shows them, hostile workbooks, and output that cannot be written."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jinan_targets.charset import decode_text
from jinan_targets.xlsxcells import cell_name, shown

from .archives import Member, deflated, replace_member, zeros_bomb
from .conftest import Invoke
from .test_import_published import in_force, snapshot

LONG = "指标,时期,实际\r\n就业,2026-Q1,4.2万\r\n地区生产总值增长,2026-Q1,5.6%\r\n"


def _book(rows: list[list[object]], formats: dict[str, str] | None = None) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)  # type: ignore[call-overload]
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    return book


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_any_line_ending(jt: Invoke, plans: Path, tmp_path: Path, ending: str) -> None:
    """CR-only files (old Mac Excel) read like LF and CRLF ones (CR-only was exit 70)."""
    table = tmp_path / "t.csv"
    table.write_bytes(LONG.replace("\r\n", ending).encode())
    result = jt("import", str(table))
    assert result.exit_code == 0, result.stderr
    got = in_force(plans, "2026-Q1")
    assert (got["urban_new_jobs"], got["gdp_growth"]) == (Decimal("4.2"), Decimal("5.6"))


def test_a_200_kb_cell_is_an_error_of_its_row(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """A 200 KB note is refused as too long, naming row and column (was exit 70)."""
    table = tmp_path / "t.csv"
    table.write_text(f"指标,时期,实际,备注\n就业,2026-Q1,4万,{'长' * 200_000}\n", encoding="utf-8")
    before = snapshot(plans)
    result = jt("import", str(table))
    assert result.exit_code == 2, result.output
    assert "t.csv:2:备注: --note: 过长" in result.stderr
    assert snapshot(plans) == before


@pytest.mark.parametrize("column", ["2026-Q5", "2026-13", "第五季度", "备注"])
def test_a_wide_column_that_is_not_a_period_is_named(
    jt: Invoke, plans: Path, tmp_path: Path, column: str
) -> None:
    """A column beside the periods that is no period is an error naming it, not dropped."""
    table = tmp_path / "t.csv"
    table.write_text(f"indicator,2026-Q1,{column}\n就业,4万,5万\n", encoding="utf-8")
    before = snapshot(plans)
    result = jt("import", str(table))
    assert result.exit_code == 2, result.output
    assert f"列 '{column}' 不是时期" in result.stderr
    assert snapshot(plans) == before


def test_csv_rows_are_numbered_as_excel_numbers_them(jt: Invoke, tmp_path: Path) -> None:
    """Blank lines keep their place (and a quoted cell over two lines is one row): the bad row
    is reported as the row Excel shows."""
    table = tmp_path / "t.csv"
    table.write_text('指标,时期,实际,备注\n\n\n就业,Q1,4万,"两行\n的备注"\n就业,Q2,abc,\n', "utf-8")
    result = jt("import", str(table))
    assert result.exit_code == 2
    assert "t.csv:5:实际: " in result.stderr, result.stderr


def test_xlsx_rows_are_numbered_as_excel_numbers_them(jt: Invoke, tmp_path: Path) -> None:
    rows: list[list[object]] = [["指标", "时期", "实际"], [], [], ["就业", "Q1", "abc"]]
    path = tmp_path / "t.xlsx"
    _book(rows).save(path)
    result = jt("import", str(path))
    assert result.exit_code == 2
    assert "t.xlsx[Sheet]:4:实际: " in result.stderr, result.stderr


def test_a_formula_without_a_saved_value_names_its_cell(
    jt: Invoke, plans: Path, tmp_path: Path
) -> None:
    """=1+1 written by a program has no value Excel computed: an error naming C3, not a blank."""
    rows: list[list[object]] = [
        ["指标", "时期", "实际"],
        ["就业", "Q1", 4],
        ["民生实事", "Q1", "=1+1"],
    ]
    path = tmp_path / "t.xlsx"
    _book(rows).save(path)
    before = snapshot(plans)
    result = jt("import", str(path))
    assert result.exit_code == 2, result.output
    assert "t.xlsx[Sheet]:C3: 公式没有计算结果 formula '=1+1' has no saved value" in result.stderr
    assert snapshot(plans) == before


def test_a_percent_cell_is_a_percent(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """0.054 shown as 5.4% is 5.4% (was recorded as 0.054%)."""
    rows: list[list[object]] = [["指标", "时期", "实际"], ["地区生产总值增长", "Q1", 0.054]]
    path = tmp_path / "t.xlsx"
    _book(rows, {"C2": "0.0%"}).save(path)
    result = jt("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans, "2026-Q1")["gdp_growth"] == Decimal("5.4")


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (0.054, "0.0%", "5.4%"),
        (0.0545, "0.00%", "5.45%"),
        (0.05, "0%", "5%"),
        (5.4321, "0.0", "5.4"),
        (9876.54, "#,##0.0", "9876.5"),
        (0.1 + 0.2, "General", "0.3"),
        (1234.5, "#,##0.0_);[Red]\\(#,##0.0\\)", "1234.5"),
        (15, "General", "15"),
        (-3.25, "0.0", "-3.3"),
        (2.5, '0.0"万人"', "2.5"),
        (None, "General", ""),
        ("5.4%", "@", "5.4%"),
    ],
)
def test_cells_are_read_as_excel_shows_them(value: object, fmt: str, text: str) -> None:
    assert shown(value, fmt) == text


@pytest.mark.parametrize(("row", "col", "name"), [(7, 3, "C7"), (1, 26, "Z1"), (1, 28, "AB1")])
def test_cell_names(row: int, col: int, name: str) -> None:
    assert cell_name(row, col) == name


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_are_detected(jt: Invoke, plans: Path, tmp_path: Path, encoding: str) -> None:
    """The same table in each encoding Excel and editors write gives the same figures."""
    table = tmp_path / "t.csv"
    table.write_bytes(LONG.encode(encoding))
    result = jt("import", str(table))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans, "2026-Q1")["urban_new_jobs"] == Decimal("4.2")


@pytest.mark.parametrize(
    "data",
    [
        "指标,时期,实际\ncafé,Q1,4\n".encode().replace("é".encode(), b"\xe9"),  # Latin-1
        ("指標名稱,1—9月\n地區生產總值,9876.5億元\n社會消費品零售總額,4000億元\n"
         "城鎮新增就業,9.8萬人\n一般公共預算收入,800億元\n").encode("big5"),
        "指標名称,値\n地域総生産,日本語の文章です。東京都の統計データ\n".encode("shift_jis"),
        "smart “quotes” €".encode("cp1252"),
    ],
    ids=["latin-1", "big5", "shift-jis", "cp1252"],
)  # fmt: skip
def test_other_encodings_are_refused_naming_what_was_tried(
    jt: Invoke, plans: Path, tmp_path: Path, data: bytes
) -> None:
    table = tmp_path / "t.csv"
    table.write_bytes(data)
    before = snapshot(plans)
    result = jt("import", str(table))
    assert result.exit_code == 2
    assert "tried UTF-8, UTF-16 (with BOM), GB18030/GBK" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(plans) == before


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        st.characters(codec="gb2312", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=80
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"]),
)
def test_decoding_round_trips(text: str, encoding: str) -> None:
    """Simplified Chinese text in any accepted encoding decodes to itself, except a GBK text
    whose bytes happen to be valid UTF-8 too (懦 is C5 B3, also ų): UTF-8 wins, and no real
    table's header (指标 is D6 B8 B1 EA) is valid UTF-8 in GBK."""
    data = text.encode(encoding)
    decoded, _ = decode_text(data)
    if decoded != text:
        assert encoding in ("gbk", "gb18030") and decoded == data.decode("utf-8")


def test_not_a_table_and_no_header_are_one_line(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """A binary file, a zip named .csv, a damaged .xls, a text without a header: exit 2, one
    line."""
    (tmp_path / "bin.csv").write_bytes(b"\x00\x01\x02binary" * 50)
    (tmp_path / "zip.csv").write_bytes(b"PK\x03\x04" + bytes(100))
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    (tmp_path / "prose.csv").write_text("今年以来，全市经济运行稳中向好。\n" * 40, encoding="utf-8")
    before = snapshot(plans)
    for name, message in (
        ("bin.csv", "not a text table"),
        ("zip.csv", "not a text table"),
        ("old.xls", "not a readable .xls"),
        ("prose.csv", "no header row"),
    ):
        result = jt("import", str(tmp_path / name))
        assert result.exit_code == 2, (name, result.output)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, name
    assert snapshot(plans) == before


def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    _book([["指标", "时期", "实际"], ["就业", "Q1", 4]]).save(buffer)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (zeros_bomb(SHEET), "解压后过大"),
        (zeros_bomb(SHEET, declared=10_000), "数据损坏"),
        (zeros_bomb(SHEET, gib=4), "解压后过大"),
        (Member(SHEET, b"\x00garbage" * 10, 500, 0), "数据损坏"),
        (Member(SHEET, b"", 0, 0, flags=1), "已加密"),
        (Member(SHEET, b"", 0, 0, method=14), "unsupported compression method 14"),
    ],
    ids=["bomb", "bomb-declared-small", "bomb-zip64", "corrupt", "encrypted", "lzma"],
)
def test_hostile_workbooks_are_refused_quickly(
    jt: Invoke, plans: Path, tmp_path: Path, member: Member, message: str
) -> None:
    """A 1 MB workbook whose sheet inflates to 1 GiB (or lies about it), a corrupt, encrypted
    or oddly compressed sheet: one line, exit 2, in well under a second, nothing written."""
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(replace_member(_xlsx_bytes(), SHEET, member))
    before = snapshot(plans)
    started = time.perf_counter()
    result = jt("import", str(path))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "bomb.xlsx" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert elapsed < 2.0, elapsed
    assert snapshot(plans) == before


def test_an_honest_rebuilt_workbook_still_imports(jt: Invoke, plans: Path, tmp_path: Path) -> None:
    """The rebuilt archive of the test above, with its sheet kept, reads: the guard is not the
    cause of the refusals."""
    data = _xlsx_bytes()
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    path = tmp_path / "ok.xlsx"
    path.write_bytes(replace_member(data, SHEET, deflated(sheet, SHEET)))
    result = jt("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert in_force(plans, "2026-Q1")["urban_new_jobs"] == Decimal(4)


JT = shutil.which(
    "jt", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
)


@pytest.mark.skipif(JT is None or not Path("/dev/full").exists(), reason="needs jt and /dev/full")
def test_json_to_a_full_disk_reports_the_written_records(plans: Path, tmp_path: Path) -> None:
    """`jt import i.csv --json > /dev/full` through the installed entry point: the records are
    written, so the exit is 0 with a warning on stderr (was exit 3)."""
    table = tmp_path / "i.csv"
    table.write_text(LONG, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "JINAN_TARGETS_PLANS"}
    assert JT is not None
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [JT, "--plans", str(plans), "import", str(table), "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "2 records were written" in result.stderr
    assert in_force(plans, "2026-Q1")["urban_new_jobs"] == Decimal("4.2")


@pytest.mark.skipif(JT is None, reason="the jt console script is not installed")
def test_published_gbk_csv_through_the_entry_point(plans: Path, tmp_path: Path) -> None:
    """The installed `jt` imports a GBK 主要经济指标 CSV and prints the 未收录 line."""
    from .test_import_published import SHEET as PUBLISHED
    from .test_import_published import write_csv

    table = write_csv(tmp_path / "主要指标.csv", PUBLISHED, "gbk")
    env = {k: v for k, v in os.environ.items() if k != "JINAN_TARGETS_PLANS"}
    assert JT is not None
    result = subprocess.run(
        [JT, "--plans", str(plans), "import", str(table), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["not_tracked"] == ["第一产业", "工业投资"]


@pytest.mark.parametrize("declared", [None, 10_000], ids=["honest", "lying"])
def test_a_workbook_bomb_stays_in_bounded_memory(tmp_path: Path, declared: int | None) -> None:
    """Reading the 1 GiB-sheet workbook allocates a few MiB at most before it is refused."""
    import tracemalloc

    from jinan_targets.importing import ImportError_, read_table

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(replace_member(_xlsx_bytes(), SHEET, zeros_bomb(SHEET, declared=declared)))
    assert path.stat().st_size < 1_200_000
    tracemalloc.start()
    with pytest.raises(ImportError_):
        read_table(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 32 * 2**20, peak
