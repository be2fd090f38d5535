"""HR's commands in this process (:func:`kiosk.cli.main`): roster, shifts, calendar, leave, punch imports and the
timesheet export. Every bad input is one line ``kiosk: error: …``, a non-zero exit, and a database exactly as it
was (compared table by table); the story at the end goes from an empty file to a workbook checked by hand."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from kiosk.cli.main import main

Run = Callable[..., tuple[int, str, str]]
ROSTER = "code,name,department,shift\n0012,张伟,生产部,\n0013,李娜,生产部,\n"


@pytest.fixture
def kiosk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``kiosk(*args)`` runs one command in-process: (exit code, stdout, stderr)."""
    monkeypatch.delenv("KIOSK_DB", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _snapshot(db: Path) -> dict[str, list[tuple]] | None:
    """Every table's rows (None for no file): what "nothing was written" is checked against."""
    if not db.exists():
        return None
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}
    finally:
        conn.close()


def _write(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def office(tmp_path: Path, kiosk: Run) -> Path:
    """张伟 and 李娜 of 生产部 on 白班 (08:30–17:30, lunch 12:00–13:00) from 2025-10-01."""
    db = tmp_path / "office.db"
    assert kiosk("roster", "import", "--db", db, _write(tmp_path / "roster.csv", ROSTER))[0] == 0
    assert kiosk("shift", "add", "--db", db, "--name", "白班", "--start", "08:30", "--end", "17:30",
                 "--break", "12:00-13:00")[0] == 0  # fmt: skip
    assign = ("shift", "assign", "--db", db, "--department", "生产部", "--shift", "白班", "--from", "2025-10-01")
    assert kiosk(*assign)[0] == 0
    return db


def _refused(kiosk: Run, db: Path, *args: object, message: str) -> str:
    before = _snapshot(db)
    code, out, err = kiosk(*args)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("kiosk: error: "), err
    assert message in err, err
    assert _snapshot(db) == before
    return err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_roster_csv_in_each_encoding_creates_the_database(tmp_path: Path, kiosk: Run, encoding: str) -> None:
    db = tmp_path / "new" / "kiosk.db"
    roster = _write(tmp_path / "roster.csv", ROSTER.replace("code,name,department,shift", "工号,姓名,部门,班次"),
                    encoding)  # fmt: skip
    code, out, _ = kiosk("roster", "import", "--db", db, roster)
    assert code == 0
    assert out.splitlines() == ["add 0012 张伟 (生产部)", "add 0013 李娜 (生产部)",
                                f"{roster}: 2 added, 0 changed, 0 shifts assigned, 0 unchanged"]  # fmt: skip
    snapshot = _snapshot(db)
    assert snapshot is not None
    assert [row[1:4] for row in snapshot["employees"]] == [("0012", "张伟", "生产部"), ("0013", "李娜", "生产部")]


def test_roster_xlsx_with_shifts_and_a_dry_run_that_writes_nothing(tmp_path: Path, kiosk: Run, office: Path) -> None:
    roster = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    for row in (["code", "name", "department", "shift"], ["0012", "张伟", "质检部", "白班"], [14, "王芳", "", "白班"]):
        book.active.append(row)
    book.save(roster)
    before = _snapshot(office)
    code, out, _ = kiosk("roster", "import", "--db", office, roster, "--dry-run", "--from", "2025-11-01")
    assert (code, out.splitlines()) == (0, [
        "change 0012: department '生产部' -> '质检部'",
        "add 14 王芳, shift 白班 from 2025-11-01",
        f"{roster}: 1 to add, 1 to change, 0 shifts to assign, 0 unchanged; dry run, nothing was written",
    ])  # fmt: skip
    assert _snapshot(office) == before
    missing = tmp_path / "missing.db"
    code, out, _ = kiosk("roster", "import", "--db", missing, _write(tmp_path / "r.csv", ROSTER), "--dry-run")
    assert code == 0 and out.splitlines()[-1].endswith("2 to add, 0 to change, 0 shifts to assign, 0 unchanged; "
                                                       "dry run, nothing was written")  # fmt: skip
    assert not missing.exists()
    assert kiosk("roster", "import", "--db", office, roster, "--from", "2025-11-01")[0] == 0
    out_csv = tmp_path / "export.csv"
    assert kiosk("roster", "export", "--db", office, "--out", out_csv)[1] == f"wrote 3 people to {out_csv}\n"
    assert list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines())) == [
        ["code", "name", "department", "shift"], ["0012", "张伟", "质检部", "白班"], ["0013", "李娜", "生产部", "白班"],
        ["14", "王芳", "", "白班"],
    ]  # fmt: skip
    before = _snapshot(office)
    code, out, _ = kiosk("roster", "import", "--db", office, out_csv)  # an export imports back unchanged
    assert (code, out) == (0, f"{out_csv}: 0 added, 0 changed, 0 shifts assigned, 3 unchanged\n")
    assert _snapshot(office) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ROSTER + "0012,王芳,生产部,\n", "roster.csv row 4: duplicate code 0012 (also row 2)"),
        (ROSTER + "0014,,生产部,\n", "roster.csv row 4: empty name for code 0014"),
        (ROSTER + "0014,王芳,生产部,夜班\n", "roster.csv row 4: unknown shift '夜班' (known: 白班)"),
        ("\x00\x01binary", "roster.csv: not a text table"),
        (ROSTER.replace("0013,李娜,生产部,", "0013,李娜,质检部,白班"),
         "roster.csv row 3: 0013 works 白班 from 2025-10-01; to move them to 白班"),
    ],
)  # fmt: skip
def test_a_bad_roster_is_one_line_and_changes_nothing(tmp_path: Path, kiosk: Run, office: Path, text: str,
                                                      message: str) -> None:  # fmt: skip
    roster = _write(tmp_path / "roster.csv", text)
    if "move them" in message:  # the same shift is no change; another one without --from is
        kiosk("shift", "add", "--db", office, "--name", "夜班", "--start", "22:00", "--end", "06:00")
        roster = _write(tmp_path / "roster.csv", text.replace("质检部,白班", "质检部,夜班"))
        message = message.replace("move them to 白班", "move them to 夜班")
    _refused(kiosk, office, "roster", "import", "--db", office, roster, message=message)
    _refused(kiosk, office, "roster", "import", "--db", office, tmp_path / "nowhere.csv", message="cannot be read")


def test_a_bad_roster_never_creates_the_database(tmp_path: Path, kiosk: Run) -> None:
    db = tmp_path / "kiosk.db"
    _refused(kiosk, db, "roster", "import", "--db", db, _write(tmp_path / "r.csv", ROSTER + "0013,x,,\n"),
             message="duplicate code 0013 (also row 3)")  # fmt: skip
    assert not db.exists()


def test_bad_shifts_and_leave_are_one_line(tmp_path: Path, kiosk: Run, office: Path) -> None:
    shift = ("shift", "add", "--db", office, "--name", "夜班")
    _refused(kiosk, office, *shift, "--start", "09:00", "--end", "09:00", message="a shift of zero length")
    _refused(kiosk, office, *shift, "--start", "22:00", "--end", "06:00", "--break", "07:00-07:30",
             message="break 07:00-07:30 is outside shift '夜班' (22:00-06:00)")  # fmt: skip
    _refused(kiosk, office, *shift[:5], "白班", "--start", "09:00", "--end", "18:00", message="already exists")
    _refused(kiosk, office, "shift", "assign", "--db", office, "--code", "0012", "--shift", "中班", "--from",
             "2025-10-01", message="there is no shift named '中班' (known: 白班)")  # fmt: skip
    leave = ("leave", "add", "--db", office, "--code", "0012", "--type", "annual")
    assert kiosk(*leave, "--from", "2025-10-15", "--to", "2025-10-16")[1] == (
        "0012 张伟: annual leave 2025-10-15 00:00 to 2025-10-17 00:00 (id 1)\n"
    )
    _refused(kiosk, office, *leave, "--from", "2025-10-16T13:30", "--to", "2025-10-20",
             message="leave 2025-10-16 13:30 to 2025-10-21 00:00 overlaps 0012's annual leave 2025-10-15 00:00 "
             "to 2025-10-17 00:00 (id 1)")  # fmt: skip
    _refused(kiosk, office, *leave, "--from", "2025-10-20T8", "--to", "2025-10-20", message="--from must be a date")
    _refused(kiosk, office, *leave[:5], "0099", *leave[6:], "--from", "2025-10-20", "--to", "2025-10-20",
             message="there is no employee with code 0099")  # fmt: skip


def test_punches_import_twice_is_one_punch_each_and_bad_rows_write_nothing(
    tmp_path: Path, kiosk: Run, office: Path
) -> None:
    good = "code,time,device\n0012,2025-10-09T08:31:00+08:00,zk\n0013,2025-10-09T08:40:00+08:00,zk\n"
    punches = _write(tmp_path / "punches.csv", good)
    assert kiosk("punches", "import", "--db", office, punches)[1] == f"{punches}: 2 punches added, 0 already stored\n"
    assert kiosk("punches", "import", "--db", office, punches)[1] == f"{punches}: 0 punches added, 2 already stored\n"
    snapshot = _snapshot(office)
    assert snapshot is not None and [row[7] for row in snapshot["events"]] == ["import", "import"]
    for row, message in (
        ("0099,2025-10-10T08:31:00+08:00", "punches.csv row 4: unknown employee code 0099"),
        ("0012,10/10/2025 08:31", "punches.csv row 4: '10/10/2025 08:31' is not a time"),
        ("0012,2025-10-10T08:31:00", "punches.csv row 4: time 2025-10-10T08:31:00 has no UTC offset"),
        (f"0012,{(datetime.now().astimezone() + timedelta(days=1)).isoformat(timespec='seconds')}", "is in the future"),
    ):  # fmt: skip
        bad = _write(tmp_path / "punches.csv", good.replace("0013,2025-10-09T08:40", "0013,2025-10-10T08:40") + row)
        _refused(kiosk, office, "punches", "import", "--db", office, bad, message=message)


def test_calendar_set_and_show(kiosk: Run, office: Path) -> None:
    assert kiosk("calendar", "set", "--db", office, "--date", "2025-10-24", "--off", "--name", "厂庆")[1] == (
        "2025-10-24: a day off for everyone (厂庆)\n"
    )
    assert kiosk("calendar", "set", "--db", office, "--date", "2027-02-06", "--workday")[0] == 0
    code, out, _ = kiosk("calendar", "show", "--db", office, "--year", "2025")
    lines = out.splitlines()
    assert code == 0
    assert "2025-10-01 Wed  holiday  National Day" in lines
    assert "2025-10-11 Sat  make-up workday  National Day" in lines
    assert "2025-10-24 Fri  company day off  厂庆" in lines
    assert kiosk("calendar", "show", "--db", office, "--year", "2027")[1].splitlines() == [
        "statutory holidays for 2027 are not known to this version; only the company's own dates apply",
        "2027-02-06 Sat  company workday",
    ]
    assert kiosk("calendar", "set", "--db", office, "--date", "2027-02-06", "--clear")[1] == (
        "2027-02-06: company date removed\n"
    )


def test_export_refuses_bad_periods_and_mixed_options(tmp_path: Path, kiosk: Run, office: Path) -> None:
    out = tmp_path / "t.xlsx"
    export = ("export", "--db", office, "--out", out)
    _refused(kiosk, office, *export, "--from", "2025-01-01", "--to", "2026-01-02", "--format", "xlsx",
             message="a period of 367 days is longer than 366 days")  # fmt: skip
    _refused(kiosk, office, *export, "--month", "2025-13", "--format", "xlsx", message="--month must be a month")
    _refused(kiosk, office, *export, "--month", "2025-10", "--from", "2025-10-01", message="not both")
    _refused(kiosk, office, *export, "--from", "2025-10-01", message="give the period")
    _refused(kiosk, office, *export, "--month", "2025-10", "--format", "xlsx", "--totals", message="--summary and")
    _refused(kiosk, office, *export, "--month", "2025-10", "--format", "xlsx", "--sheet", "days", message="--sheet")
    assert not out.exists()


def test_one_sheet_as_csv_and_the_notice_on_stderr(tmp_path: Path, kiosk: Run, office: Path) -> None:
    out = tmp_path / "summary.csv"
    code, stdout, stderr = kiosk("export", "--db", office, "--from", "2026-12-28", "--to", "2027-01-03", "--sheet",
                                 "summary", "--out", out)  # fmt: skip
    assert (code, stdout) == (0, f"wrote 2 rows of the timesheet's summary to {out}\n")
    assert stderr == ("kiosk: note: statutory holidays for 2027 are not known to this version; "
                      "only the company's own dates apply\n")  # fmt: skip
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["code", "name", "department", "shift"] and rows[0][-1] == "2027-01-03"
    assert [row[:4] for row in rows[1:]] == [["0012", "张伟", "生产部", "白班"], ["0013", "李娜", "生产部", "白班"]]


def test_shift_list(kiosk: Run, office: Path) -> None:
    assert kiosk("shift", "list", "--db", office)[1] == (
        "白班: 08:30-17:30, breaks 12:00-13:00, late after 5 min, early after 0 min, mon-fri, statutory calendar\n"
    )
    assert '"workdays": "mon-fri"' in kiosk("shift", "list", "--db", office, "--json")[1]


NORMAL_DAYS = (17, 21, 22, 23, 27, 28, 29, 30, 31)


def test_from_an_empty_file_to_the_months_workbook(tmp_path: Path, kiosk: Run) -> None:
    """Hand-worked October 2025 for 张伟 on 白班, Monday to Friday: 10-01…08 are the National Day holidays,
    Saturday 10-11 a make-up workday, Friday 10-24 the company's day off, so 17 days are scheduled:
    9, 10, 11, 13–17, 20–23, 27–31."""
    db = tmp_path / "kiosk.db"
    assert kiosk("roster", "import", "--db", db, _write(tmp_path / "roster.csv", ROSTER))[0] == 0
    assert kiosk("shift", "add", "--db", db, "--name", "白班", "--start", "08:30", "--end", "17:30",
                 "--break", "12:00-13:00", "--grace-min", "5", "--workdays", "mon-fri")[0] == 0  # fmt: skip
    assert kiosk("shift", "assign", "--db", db, "--code", "0012", "--shift", "白班", "--from", "2025-10-01")[0] == 0
    punches = [("04", "09:00"), ("04", "15:20"),  # a statutory holiday: 380 − 60 lunch = 320 → 300 min overtime
               ("09", "08:31"), ("09", "17:35"),  # 1 min after the start: within the 5 min grace
               ("10", "08:37"), ("10", "17:31"),  # late 7 min
               ("13", "08:20"), ("13", "17:00"),  # early 30 min
               ("14", "08:25"),  # one punch: missing
               ("16", "08:29"), ("16", "19:10"),  # 100 min after the end → 90 min workday overtime
               *((f"{day}", time) for day in NORMAL_DAYS for time in ("08:25", "17:35"))]  # fmt: skip
    rows = "".join(f"0012,2025-10-{day:0>2}T{time}:00+08:00\n" for day, time in punches)
    assert kiosk("punches", "import", "--db", db, _write(tmp_path / "p.csv", "code,time\n" + rows))[0] == 0
    assert kiosk("leave", "add", "--db", db, "--code", "0012", "--from", "2025-10-15", "--to", "2025-10-15",
                 "--type", "annual", "--note", "回老家")[0] == 0  # fmt: skip
    assert kiosk("calendar", "set", "--db", db, "--date", "2025-10-24", "--off", "--name", "厂庆")[0] == 0
    out = tmp_path / "2025-10.xlsx"
    code, stdout, stderr = kiosk("export", "--db", db, "--month", "2025-10", "--format", "xlsx", "--out", out,
                                 "--language", "zh_CN")  # fmt: skip
    assert (code, stdout, stderr) == (0, f"wrote the timesheet of 2 people from 2025-10-01 to 2025-10-31 to {out}\n",
                                      "")  # fmt: skip

    summary = openpyxl.load_workbook(out)["summary"]
    titles = [cell.value for cell in summary[3]]
    assert titles[:4] == ["工号", "姓名", "部门", "班次"]
    zhang = dict(zip(titles, [cell.value for cell in summary[5]], strict=True))
    assert zhang["工号"] == "0012" and zhang["班次"] == "白班"
    assert (zhang["应出勤天数"], zhang["实际出勤天数"], zhang["旷工天数"]) == (17, 14, 2)  # 10-11 and 10-20 absent
    assert (zhang["迟到次数"], zhang["迟到时长（分钟）"], zhang["早退时长（分钟）"], zhang["缺卡次数"]) == (1, 7, 30, 1)
    assert (zhang["请假时长（小时）"], zhang["工作日加班（小时）"], zhang["节假日加班（小时）"]) == (8, 1.5, 5)
    assert zhang["休息日加班（小时）"] == 0
    # 320 + 484 + 474 + 460 + 581 + 9 × 490 minutes worked
    assert zhang["工作时长（小时）"] == pytest.approx(6729 / 60)
    by_day = {title.date(): value for title, value in zip(titles, [c.value for c in summary[5]], strict=True)
              if isinstance(title, datetime)}  # fmt: skip
    assert [by_day[date(2025, 10, day)] for day in (4, 9, 10, 11, 13, 14, 15, 16, 20, 24)] == [
        "加", "√", "迟", "旷", "早", "缺", "假", "加", "旷", "节"
    ]  # fmt: skip
    li = [cell.value for cell in summary[6]]
    assert li[:4] == ["0013", "李娜", "生产部", None] and set(li[17:]) == {"/"}  # no shift yet: not counted
    punch_rows = list(openpyxl.load_workbook(out)["punches"].iter_rows(min_row=2, values_only=True))
    assert len(punch_rows) == len(punches) and {row[3] for row in punch_rows} == {"导入"}
