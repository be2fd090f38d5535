"""A small demo company's October 2025, exported as the monthly workbook and rendered to PNG for the README.

Builds an SQLite file through the same commands HR uses (roster import,
shifts, assignments, punches import, leave, a company day), so the picture
shows what the product writes, then exports ``timesheet-2025-10-<lang>.xlsx``
and, where LibreOffice and poppler are installed, turns its first page into
``docs/report-xlsx-<lang>.png`` (``soffice --headless --convert-to pdf``, then
``pdftoppm``). A developer tool: the product never needs it.

Usage::

    uv run python -m kiosk.tools.payroll_demo docs
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np

from kiosk.cli.main import main as kiosk

ROSTER = """code,name,department,shift
0012,张伟,生产部,白班
0013,李娜,生产部,白班
0014,王强,生产部,夜班
0015,刘洋,质检部,白班
0016,陈静,质检部,白班
0017,赵磊,仓库,夜班
0018,=HYPERLINK("http://x"),仓库,白班
"""

#: (code, local day, [HH:MM, …]) beyond the everyday punches below: each line is one rule at work.
SPECIAL_DAYS: dict[tuple[str, date], tuple[str, ...]] = {
    ("0012", date(2025, 10, 9)): ("08:36", "17:31"),  # late 6 min (grace 5)
    ("0012", date(2025, 10, 13)): ("08:29",),  # one punch: 缺卡
    ("0013", date(2025, 10, 10)): ("08:27", "17:10"),  # early leave 20 min
    ("0013", date(2025, 10, 2)): ("09:00", "15:00"),  # holiday overtime: 5 h (lunch out)
    ("0015", date(2025, 10, 14)): (),  # absent
    ("0016", date(2025, 10, 11)): ("08:25", "19:40"),  # make-up Saturday, 2 h workday overtime
    ("0017", date(2025, 10, 18)): ("22:05", "06:02+1"),  # a Saturday night: rest-day overtime
}

DAY_SHIFT = ("08:25", "17:32")
NIGHT_SHIFT = ("21:55", "06:03+1")


def _punch_rows(codes_by_shift: dict[str, tuple[str, ...]]) -> list[str]:
    """``code,time`` rows for every scheduled day of October 2025 up to the 17th, plus :data:`SPECIAL_DAYS`."""
    scheduled = {date(2025, 9, 29), date(2025, 9, 30), *(date(2025, 10, d) for d in (9, 10, 11, 13, 14, 15, 16))}
    rows: list[str] = []
    for shift, codes in codes_by_shift.items():
        for code in codes:
            for day in sorted(scheduled):
                times = SPECIAL_DAYS.get((code, day), DAY_SHIFT if shift == "day" else NIGHT_SHIFT)
                rows.extend(f"{code},{_iso(day, text)}" for text in times)
    for (code, day), times in SPECIAL_DAYS.items():
        if day not in scheduled:
            rows.extend(f"{code},{_iso(day, text)}" for text in times)
    return rows


def _iso(day: date, text: str) -> str:
    clock, _, plus = text.partition("+")
    return f"{day + timedelta(days=int(plus or 0))}T{clock}:00+08:00"


def build_demo(folder: Path) -> Path:
    """The demo company's database in ``folder``; raises SystemExit if a command fails."""
    db = folder / "demo.sqlite"
    roster = folder / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    punches = folder / "punches.csv"
    rows = _punch_rows({"day": ("0012", "0013", "0015", "0016", "0018"), "night": ("0014", "0017")})
    punches.write_text("code,time\n" + "\n".join(rows) + "\n", encoding="utf-8")
    commands = [
        ["shift", "add", "--db", db, "--name", "白班", "--start", "08:30", "--end", "17:30", "--break", "12:00-13:00"],
        ["shift", "add", "--db", db, "--name", "夜班", "--start", "22:00", "--end", "06:00", "--workdays", "mon-fri"],
        ["roster", "import", "--db", db, roster, "--from", "2025-09-29"],
        ["punches", "import", "--db", db, punches],
        ["leave", "add", "--db", db, "--code", "0015", "--from", "2025-10-15", "--to", "2025-10-16",
         "--type", "annual"],
        ["calendar", "set", "--db", db, "--date", "2025-10-17", "--off", "--name", "公司运动会"],
    ]
    for command in commands:
        if kiosk([str(part) for part in command]) != 0:
            raise SystemExit(f"demo: {' '.join(map(str, command[:2]))} failed")
    return db


def render_png(xlsx: Path, png: Path) -> bool:
    """The workbook's first printed page as ``png`` (200 dpi, trimmed to what is printed on it);
    False if LibreOffice or poppler is missing."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        return False
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", scratch, str(xlsx)],
                       check=True, capture_output=True, timeout=180)  # fmt: skip
        pdf = Path(scratch) / (xlsx.stem + ".pdf")
        subprocess.run([pdftoppm, "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(png.with_suffix(""))], check=True, timeout=120)  # fmt: skip
    _trim(png)
    return True


def _trim(png: Path, margin: int = 24) -> None:
    """Cut the page down to its table plus ``margin`` pixels (the table is small on an A4 page).

    The running header and footer (the period, the page number) are separate
    bands of ink far above and below the table; the tallest band is kept.
    """
    image = cv2.imread(str(png))
    if image is None:
        raise SystemExit(f"demo: {png} is not a readable PNG")
    ink: np.ndarray = np.asarray(image < 245)
    inked = np.flatnonzero(ink.any(axis=(1, 2)))
    if inked.size == 0:
        return
    bands = np.split(inked, np.flatnonzero(np.diff(inked) > 60) + 1)
    table = max(bands, key=lambda band: int(band[-1] - band[0]))
    top, bottom = max(int(table[0]) - margin, 0), min(int(table[-1]) + margin, image.shape[0])
    columns = np.flatnonzero(ink[top:bottom].any(axis=(0, 2)))
    left, right = max(int(columns[0]) - margin, 0), min(int(columns[-1]) + margin, image.shape[1])
    cv2.imwrite(str(png), image[top:bottom, left:right])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the workbooks and PNGs (e.g. docs)")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = build_demo(Path(folder))
        for language, suffix in (("zh_CN", "zh"), ("en", "en")):
            xlsx = Path(folder) / f"timesheet-2025-10-{suffix}.xlsx"
            code = kiosk(["export", "--db", str(db), "--from", "2025-09-29", "--to", "2025-10-19", "--format", "xlsx",
                          "--out", str(xlsx), "--language", language])  # fmt: skip
            if code != 0:
                return code
            shutil.copy(xlsx, args.output / xlsx.name)
            png = args.output / f"report-xlsx-{suffix}.png"
            if not render_png(xlsx, png):
                sys.stderr.write("LibreOffice or pdftoppm not found: wrote the workbooks only\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
