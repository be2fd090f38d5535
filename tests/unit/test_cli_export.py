"""``kiosk export``: English column codes by default (scripts rely on them),
Chinese headers with ``--language zh_CN``, and per-employee totals.
Run in this process through :func:`kiosk.cli.main`."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.reports.csv_writer import EVENT_COLUMNS, TOTALS_COLUMNS
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """One employee (0012) who checked in at 09:00 and out at 17:30 on 2026-11-23 (UTC+8)."""
    db = tmp_path / "office.sqlite"
    with Repository(db) as repo:
        employee = repo.employees.add("0012", "张伟", "生产部")
        for kind, hour in (("in", 1), ("out", 9)):
            at = datetime(2026, 11, 23, hour, 30 if kind == "out" else 0, tzinfo=UTC)
            repo.events.add(AttendanceEvent(None, employee.id, kind, at, 480, None, True, "face", "kiosk-1"))
    return db


def _export(capsys, db: Path, out: Path, *extra: str) -> list[list[str]]:
    code = main(["export", "--db", str(db), "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(out), *extra])
    assert code == 0
    return list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))


def test_headers_are_english_codes_unless_asked_for_chinese(capsys, monkeypatch, office, tmp_path) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    out = tmp_path / "events.csv"
    assert _export(capsys, office, out)[0] == list(EVENT_COLUMNS)
    assert capsys.readouterr().out == f"wrote 2 rows to {out}\n"
    chinese = _export(capsys, office, out, "--language", "zh_CN")
    assert chinese[0][:5] == ["日期", "时间", "工号", "姓名", "部门"]
    assert chinese[1][:6] == ["2026-11-23", "09:00:00", "0012", "张伟", "生产部", "in"]  # values stay codes


def test_totals_one_row_per_employee(capsys, monkeypatch, office, tmp_path) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    out = tmp_path / "totals.csv"
    assert _export(capsys, office, out, "--totals") == [
        list(TOTALS_COLUMNS), ["0012", "张伟", "生产部", "1", "8.50", "8:30", "0", "0", "0"]
    ]
    assert capsys.readouterr().out == f"wrote 1 row to {out}\n"
