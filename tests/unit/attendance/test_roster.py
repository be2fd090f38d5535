"""Reading a roster: CSV in UTF-8 (with or without BOM) or GBK as Chinese Excel saves it, xlsx, English or
Chinese headers; and each bad file refused with one line naming the row."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kiosk.attendance.roster import read_roster
from kiosk.errors import InputError
from kiosk.storage.models import RosterRow

SHIFTS = ("白班", "Night")
CHINESE = "工号,姓名,部门,班次\r\n0012,张伟,生产部,白班\r\n0013,李娜,质检部,\r\n"


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_csv_in_every_encoding_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = _csv(tmp_path, CHINESE, encoding)
    assert read_roster(path, SHIFTS) == [
        RosterRow("0012", "张伟", "生产部", "白班", f"{path} row 2"),
        RosterRow("0013", "李娜", "质检部", "", f"{path} row 3"),
    ]


def test_english_headers_in_any_order_and_case_with_optional_columns(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Name, CODE\n Wang Fang ,0014\n\n,\nLi Lei,0015\n")
    assert [(r.code, r.name, r.department, r.shift, r.where) for r in read_roster(path, SHIFTS)] == [
        ("0014", "Wang Fang", None, "", f"{path} row 2"),  # no department column: keep theirs
        ("0015", "Li Lei", None, "", f"{path} row 5"),  # empty rows are skipped, row numbers are the file's
    ]


def test_a_tab_separated_utf16_file_from_excels_unicode_text(tmp_path: Path) -> None:
    path = _csv(tmp_path, "工号\t姓名\t部门\t班次\r\n0012\t张伟\t生产部\tNight\r\n", "utf-16")
    assert read_roster(path, SHIFTS) == [RosterRow("0012", "张伟", "生产部", "Night", f"{path} row 2")]


def test_xlsx_with_a_number_typed_as_code(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "部门", "班次"])
    sheet.append([12, "张伟", "生产部", "白班"])
    sheet.append(["0013", "李娜", None, None])
    book.save(path)
    assert read_roster(path, SHIFTS) == [
        RosterRow("12", "张伟", "生产部", "白班", f"{path} row 2"),
        RosterRow("0013", "李娜", "", "", f"{path} row 3"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name\n0012,张伟\n0013,李娜\n0012,王芳\n", "row 4: duplicate code 0012 (also row 2)"),
        ("code,name\n0012,张伟\n0013, \n", "row 3: empty name for code 0013"),
        ("code,name\n,张伟\n", "row 2: empty code for 张伟"),
        ("code,name,shift\n0012,张伟,白班\n0013,李娜,夜班\n",
         "row 3: unknown shift '夜班' (known: Night, 白班); add it with kiosk shift add first"),
        ("工号,部门\n0012,生产部\n", "row 1: missing columns name (姓名); the first row must name the columns "
         "code,name,department,shift"),
        ("code,name,工号\n1,2,3\n", "row 1: the column code appears twice"),
        ("code,name\n", ": no staff under the header row; nothing to import"),
        ("", ": the file is empty; its first row must name the columns"),
    ],
)  # fmt: skip
def test_bad_rows_are_refused_with_one_line_naming_the_row(tmp_path: Path, text: str, message: str) -> None:
    path = _csv(tmp_path, text)
    with pytest.raises(InputError) as refused:
        read_roster(path, SHIFTS)
    assert str(refused.value) == f"{path}{'' if message.startswith(':') else ' '}{message}"
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "cannot be read (No such file or directory); check the path"),
        ("binary.csv", b"\x00\x01\x02\xff\xfe\x00", "not a text table (it holds binary data)"),
        ("bad.csv", b"code,name\n\x81\x30\xff\xff\n", "unreadable text (neither UTF-8 nor GBK/GB18030)"),
        ("fake.xlsx", b"code,name\n0012,x\n", "not a readable xlsx workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old .xls workbooks cannot be read; save it as .xlsx or CSV in Excel"),
    ],
)
def test_unreadable_files_are_one_line(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match="^" + str(path).replace(".", r"\.") + ": ") as refused:
        read_roster(path, SHIFTS)
    assert message in str(refused.value) and "\n" not in str(refused.value)
