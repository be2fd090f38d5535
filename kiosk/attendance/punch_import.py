"""Reading punches exported by another system (a badge reader, a ZKTeco terminal): ``code,time[,device]``.

Times are ISO 8601 with their UTC offset (``2025-10-09T08:31:00+08:00``), so
each one is one exact moment whatever machine wrote or reads the file; a time
without an offset is refused rather than guessed. The whole file is checked
before anything is stored, and the first problem is refused with one line
naming its row: an unknown employee code, an empty or unparseable time, a
time without offset, or a time in the future (more than
:data:`FUTURE_TOLERANCE` after now: a clock a little ahead is forgiven, a
wrong year is not). The same code and time twice in one file is one punch.

Other systems rarely say which punch was "in"; the rules do not care (the
first punch of a shift's window is in, the last out), so the events get in
and out alternately per person and local day, for the event export to read well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.attendance.table_files import cell, column_indexes, read_table
from kiosk.errors import InputError
from kiosk.storage.models import ImportedPunch, offset_minutes

#: Each column and the header titles it may have (the first is the English code).
PUNCH_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "工号", "员工编号", "employee_code"),
    "time": ("time", "时间", "打卡时间", "punch_time"),
    "device": ("device", "设备", "device_id"),
}

#: How far after now a punch may be: five minutes of clock drift between the old system and this one.
FUTURE_TOLERANCE = timedelta(minutes=5)

#: UTC offsets that exist on Earth, in minutes (UTC−12:00 … UTC+14:00), as the events table accepts.
_OFFSETS = range(-12 * 60, 14 * 60 + 1)


def read_punches(path: str | Path, codes: Mapping[str, int], now: datetime) -> list[ImportedPunch]:
    """The file's punches, checked and in time order; :class:`InputError` naming the row of the first problem.

    ``codes`` maps each employee code to the employee's id; ``now`` is an aware datetime.
    """
    table = read_table(path)
    where = column_indexes(table, PUNCH_COLUMNS, required=("code", "time"))
    latest = now + FUTURE_TOLERANCE
    seen: set[tuple[int, datetime]] = set()
    found: list[tuple[int, datetime, str]] = []
    for number, cells in table.rows:
        row = table.where(number)
        code, text = cell(cells, where["code"]), cell(cells, where["time"])
        if not code:
            raise InputError(f"{row}: empty code")
        employee_id = codes.get(code)
        if employee_id is None:
            raise InputError(f"{row}: unknown employee code {code}; import the roster first")
        at = _parse_time(row, text)
        if at > latest:
            raise InputError(
                f"{row}: time {text} is in the future (now {now.isoformat(timespec='seconds')}); check the file's dates"
            )
        if (employee_id, at) in seen:
            continue
        seen.add((employee_id, at))
        found.append((employee_id, at, cell(cells, where.get("device")) or "import"))
    if not found:
        raise InputError(f"{table.name}: no punches under the header row; nothing to import")
    found.sort(key=lambda item: (item[0], item[1]))
    count: dict[tuple[int, date], int] = defaultdict(int)
    punches: list[ImportedPunch] = []
    for employee_id, at, device in found:
        key = (employee_id, at.date())  # the local day, on the punch's own clock
        kind = "in" if count[key] % 2 == 0 else "out"
        count[key] += 1
        punches.append(ImportedPunch(employee_id, kind, at, offset_minutes(at), device))
    punches.sort(key=lambda punch: (punch.at_utc, punch.employee_id))
    return punches


def _parse_time(row: str, text: str) -> datetime:
    if not text:
        raise InputError(f"{row}: empty time")
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{row}: {text!r} is not a time; write ISO 8601 with its offset, e.g. 2025-10-09T08:31:00+08:00"
        ) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError(f"{row}: time {text} has no UTC offset; write it with one, e.g. {text}+08:00")
    if offset_minutes(at) not in _OFFSETS:
        raise InputError(f"{row}: time {text} has a UTC offset outside -12:00 … +14:00")
    return at
