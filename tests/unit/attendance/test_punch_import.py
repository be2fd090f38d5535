"""Reading punches from another system: ``code,time[,device]`` with ISO 8601 times and offsets, each bad row
refused with one line naming it, duplicates in a file counted once, in/out alternating per person and day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.attendance.punch_import import read_punches
from kiosk.errors import InputError
from kiosk.storage.models import ImportedPunch

CODES = {"0012": 1, "0013": 2}
NOW = datetime(2025, 10, 31, 12, tzinfo=UTC)
CHINA = timezone(timedelta(hours=8))


def _file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "punches.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_punches_with_offsets_devices_and_duplicates(tmp_path: Path) -> None:
    path = _file(tmp_path, (
        "code,time,device\n"
        "0012,2025-10-09T08:31:00+08:00,zk-1\n"
        "0012,2025-10-09T17:35:00+08:00,\n"
        "0013,2025-10-09T01:00:00Z,zk-2\n"
        "0012,2025-10-09T00:31:00+00:00,zk-1\n"  # 08:31 in China again: one punch
        "0012,2025-10-09T18:00:00+08:00,zk-1\n"
    ))  # fmt: skip
    assert read_punches(path, CODES, NOW) == [
        ImportedPunch(1, "in", datetime(2025, 10, 9, 8, 31, tzinfo=CHINA), 480, "zk-1"),
        ImportedPunch(2, "in", datetime(2025, 10, 9, 1, tzinfo=UTC), 0, "zk-2"),
        ImportedPunch(1, "out", datetime(2025, 10, 9, 17, 35, tzinfo=CHINA), 480, "import"),
        ImportedPunch(1, "in", datetime(2025, 10, 9, 18, tzinfo=CHINA), 480, "zk-1"),
    ]


def test_chinese_headers_in_gbk_without_device(tmp_path: Path) -> None:
    path = _file(tmp_path, "工号,打卡时间\n0013,2025-10-10 08:00:00+08:00\n", "gbk")
    assert read_punches(path, CODES, NOW) == [
        ImportedPunch(2, "in", datetime(2025, 10, 10, 8, tzinfo=CHINA), 480, "import")
    ]


def test_a_clock_a_little_ahead_is_forgiven(tmp_path: Path) -> None:
    path = _file(tmp_path, f"code,time\n0012,{(NOW + timedelta(minutes=5)).isoformat()}\n")
    assert len(read_punches(path, CODES, NOW)) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("0099,2025-10-09T08:31:00+08:00", "row 3: unknown employee code 0099; import the roster first"),
        ("0012,yesterday", "row 3: 'yesterday' is not a time; write ISO 8601 with its offset, "
         "e.g. 2025-10-09T08:31:00+08:00"),
        ("0012,2025-10-09T08:31:00", "row 3: time 2025-10-09T08:31:00 has no UTC offset; write it with one, "
         "e.g. 2025-10-09T08:31:00+08:00"),
        ("0012,2025-10-31T20:06:00+08:00", "row 3: time 2025-10-31T20:06:00+08:00 is in the future "
         "(now 2025-10-31T12:00:00+00:00); check the file's dates"),
        ("0012,2025-10-09T08:31:00+15:00", "row 3: time 2025-10-09T08:31:00+15:00 has a UTC offset outside"),
        ("0012,", "row 3: empty time"),
        (",2025-10-09T08:31:00+08:00", "row 3: empty code"),
    ],
)  # fmt: skip
def test_each_bad_row_is_one_line_naming_it(tmp_path: Path, row: str, message: str) -> None:
    path = _file(tmp_path, f"code,time\n0013,2025-10-09T08:00:00+08:00\n{row}\n")
    with pytest.raises(InputError) as refused:
        read_punches(path, CODES, NOW)
    assert str(refused.value).startswith(f"{path} {message}")
    assert "\n" not in str(refused.value)


def test_a_file_without_the_time_column_or_any_punch(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="row 1: missing columns time"):
        read_punches(_file(tmp_path, "code,when\n0012,x\n"), CODES, NOW)
    with pytest.raises(InputError, match="no punches under the header row"):
        read_punches(_file(tmp_path, "code,time\n"), CODES, NOW)
