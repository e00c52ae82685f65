"""Exports read back: Markdown, HTML (in headless Chromium), CSV, XLSX and JSON."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import Invoke
from .test_contract import validate

EVIL_NOTE = '=HYPERLINK("http://evil.example/","click")'
EVIL_SOURCE = "<script>alert(1)</script>"


@pytest.fixture()
def seeded(jt: Invoke, plans: Path) -> Invoke:
    """The dataset plus in-year figures for 2026, one carrying hostile text."""
    for args in (
        ("就业", "4.2万", "-p", "2026-Q1"),
        ("地区生产总值增长", "5.6%", "-p", "2026-Q1"),
        ("高标准农田", "5万亩", "-p", "2026-Q1"),
        ("特色商业街区", "1", "-p", "2026-H1", "--note", EVIL_NOTE, "--source", EVIL_SOURCE),
    ):
        result = jt("record", *args)
        assert result.exit_code == 0, result.output
    return jt


def export(jt: Invoke, tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    result = jt("export", "2026", "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    assert "已导出 exported" in result.stdout
    return out


def test_markdown(seeded: Invoke, tmp_path: Path) -> None:
    """Title, a summary in words, one table per category, footnoted sources; inert HTML."""
    full = export(seeded, tmp_path, "r.md").read_text(encoding="utf-8")
    text, trends = full.split("## 历年走势 Trends")
    assert "### 地区生产总值增长" in trends and "| 2025年 | 5.5%左右 | 5.4% |" in trends
    assert text.startswith("# 济南市2026年国民经济和社会发展计划目标执行情况")
    assert "截至2026年上半年，济南市2026年计划91项指标中" in text
    assert "## 经济总量与财政 Output and public finance" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    headers = [line for line in rows if line.startswith("| 指标 |")]
    assert len(rows) - len(headers) == 91
    assert "| 城镇新增就业 | 15万人以上 | 4.2万人 [^" in text
    assert "28.0%（超时序进度3.0个百分点）" in text
    assert "<script>" not in full and "&lt;script&gt;" in full
    assert "[^1]: " in full


def test_markdown_to_stdout_in_english(seeded: Invoke) -> None:
    """Without -o a text format goes to standard output; --lang en labels it in English."""
    result = seeded("export", "2026", "-f", "md", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Jinan 2026: plan targets and outcomes")
    assert "As of 2026 H1" in result.stdout


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.svgs: list[str | None] = []  # the class of each chart: bullet or trend

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "svg":
            self.svgs.append(dict(attrs).get("class"))
        if tag == "tr" and any(k == "data-indicator" for k, _ in attrs):
            self.rows.append(dict(attrs))


def test_html_structure(seeded: Invoke, tmp_path: Path) -> None:
    """One self-contained file: every target a row, SVG charts, no scripts, no external assets."""
    text = export(seeded, tmp_path, "r.html").read_text(encoding="utf-8")
    parser = _Rows()
    parser.feed(text)
    assert len(parser.rows) == 91
    statuses = {r["data-indicator"]: r["data-status"] for r in parser.rows}
    assert statuses["urban_new_jobs"] == "on_track"
    assert statuses["high_standard_farmland"] == "off_track"
    assert "script" not in parser.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert parser.svgs.count("bullet") == 4 and 'class="time"' in text
    # a trend chart per indicator with a history: GDP growth's targets and figures across years
    assert parser.svgs.count("trend") >= 3
    assert '<figure data-indicator="gdp_growth">' in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "").replace(
        "http://evil.example/", ""
    )
    assert "<link" not in text and "src=" not in text


def png_is_blank(path: Path) -> bool:
    """Decode a PNG's pixel stream with zlib and see whether it holds a single colour."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) <= 3


CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("JT_REQUIRE_CHROMIUM"),
    reason="headless Chromium is not installed (CI installs Debian's chromium)",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@needs_chromium
def test_html_in_chromium(seeded: Invoke, tmp_path: Path) -> None:
    """Chromium renders the page offline: the DOM has every row, the hostile text is text, and the
    screenshot is not blank."""
    assert CHROMIUM is not None, "JT_REQUIRE_CHROMIUM is set but no Chromium was found"
    page = export(seeded, tmp_path, "r.html")
    base = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [*base, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    parser = _Rows()
    parser.feed(dom)
    assert len(parser.rows) == 91
    assert "script" not in parser.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*base, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
    assert not png_is_blank(shot)


def test_png_check_can_fail(tmp_path: Path) -> None:
    """The blank-screenshot check recognises a single-colour image."""
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 4 for _ in range(4))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    (tmp_path / "blank.png").write_bytes(png)
    assert png_is_blank(tmp_path / "blank.png")


def test_csv(seeded: Invoke, tmp_path: Path) -> None:
    """UTF-8 with BOM, one row per target with the contract's fields, formulas neutralised."""
    raw = export(seeded, tmp_path, "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 91
    assert {"indicator", "status", "completion", "schedule_gap", "source"} <= set(rows[0])
    jobs = next(r for r in rows if r["indicator"] == "urban_new_jobs")
    assert (jobs["completion"], jobs["status"], jobs["name"]) == (
        "0.28",
        "on_track",
        "城镇新增就业",
    )
    street = next(r for r in rows if r["indicator"] == "commercial_streets")
    assert street["actual_note"] == "'" + EVIL_NOTE
    numeric = {
        "gap",
        "schedule_gap",
        "target",
        "actual",
        "completion",
        "required_pace",
        "time_progress",
        "target_high",
        "band",
        "reference_actual",
        "baseline",
    }
    for row in rows:
        for key, value in row.items():
            if value and key not in numeric:
                assert not value.startswith(("=", "+", "-", "@")), (key, value)


def test_xlsx(seeded: Invoke, tmp_path: Path) -> None:
    """A summary sheet and a scorecard sheet: styled header, frozen panes, number formats,
    status fills; a formula-looking note stays a string."""
    from openpyxl import load_workbook

    book = load_workbook(export(seeded, tmp_path, "r.xlsx"))
    assert book.sheetnames == ["汇总 Summary", "计分卡 Scorecard", "来源 Sources"]
    summary = book["汇总 Summary"]
    assert str(summary["A4"].value).startswith("截至2026年上半年")
    sheet = book["计分卡 Scorecard"]
    assert sheet.freeze_panes == "C2"
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("44546A")
    assert sheet.max_row == 92
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    jobs = rows["城镇新增就业"]
    assert jobs[4].value == 4.2 and jobs[4].number_format == '#,##0.0"万人"'
    assert jobs[7].value == pytest.approx(0.28) and jobs[7].number_format == "0.0%"
    assert jobs[11].fill.fgColor.rgb.endswith("C6EFCE")
    farmland = rows["新建和改造提升高标准农田"]
    assert farmland[11].fill.fgColor.rgb.endswith("FFC7CE")
    street = rows["特色商业街区"]
    assert EVIL_NOTE in str(street[12].value) and street[12].data_type == "s"
    assert sheet.column_dimensions["B"].width >= 20


def test_json_export_is_the_contract(seeded: Invoke, tmp_path: Path) -> None:
    """-o FILE.json writes the scorecard contract."""
    doc = json.loads(export(seeded, tmp_path, "r.json").read_text(encoding="utf-8"))
    validate(doc)
    assert doc["as_of"] == "2026-H1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "2026", "-f", "pdf"), "--format must be one of"),
        (("export", "2026"), "give --format"),
        (("export", "2026", "-o", "report.pdf"), "cannot tell the format"),
        (("export", "2019", "-f", "md"), "no 2019 plan"),
    ],
)
def test_export_errors(jt: Invoke, args: tuple[str, ...], message: str) -> None:
    """Unusable requests exit 2 with the reason."""
    result = jt(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_markdown_export_does_not_load_openpyxl(plans: Path) -> None:
    """Heavy libraries wait for their format: a Markdown export never imports openpyxl."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from jinan_targets.cli import app\n"
        f"r = CliRunner().invoke(app, ['--plans', {str(plans)!r}, 'export', '2025', '-f', 'md'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'openpyxl' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_unwritable_destination(jt: Invoke, tmp_path: Path) -> None:
    """A destination that cannot be written is an error message, not a traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = jt("export", "2025", "-o", str(blocker / "report.html"))
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr and "Traceback" not in result.output


def png_pixels(path: Path) -> list[tuple[int, int, int]]:
    """Every pixel of an 8-bit RGB or RGBA PNG, the row filters undone."""
    data = path.read_bytes()
    pos, idat, width, height, kind_rgba = 8, b"", 0, 0, False
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            kind_rgba = colour == 6
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    step = 4 if kind_rgba else 3
    raw, stride, prev = zlib.decompress(idat), width * step, bytearray(width * step)
    pixels = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = prev[i], prev[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        pixels += [(line[i], line[i + 1], line[i + 2]) for i in range(0, stride, step)]
        prev = line
    return pixels


@needs_chromium
def test_trend_chart_renders_in_chromium(seeded: Invoke, tmp_path: Path) -> None:
    """The report's trend chart of GDP growth, drawn by Chromium: the blue line of the figures
    and the black ticks of the targets are on screen."""
    assert CHROMIUM is not None, "JT_REQUIRE_CHROMIUM is set but no Chromium was found"
    html = export(seeded, tmp_path, "r.html").read_text(encoding="utf-8")
    start = html.index('<figure data-indicator="gdp_growth">')
    svg = html[html.index("<svg", start) : html.index("</svg>", start) + len("</svg>")]
    page = tmp_path / "chart.html"
    page.write_text(
        '<!DOCTYPE html><html><body style="margin:0;background:#fff">'
        + svg.replace('width="320" height="110"', 'width="640" height="220"')
        + "</body></html>",
        encoding="utf-8",
    )
    shot = tmp_path / "chart.png"
    base = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run(
        [*base, "--window-size=700,260", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    pixels = png_pixels(shot)

    def near(colour: tuple[int, int, int]) -> int:
        return sum(
            1 for p in pixels if all(abs(a - b) <= 40 for a, b in zip(p, colour, strict=True))
        )

    assert near((0x05, 0x50, 0xAE)) > 100  # the actual figures' line and dots
    assert near((0x1F, 0x23, 0x28)) > 100  # the targets' ticks
    assert near((255, 255, 255)) > len(pixels) // 2  # and mostly paper
