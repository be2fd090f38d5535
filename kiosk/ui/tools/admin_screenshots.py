"""Render every admin screen in English and Chinese to ``docs/admin-*.png``.

A temporary database gets three employees (Chinese and English names), real
face templates and a week of attendance; the enrollment wizard is shot
mid-capture with a video file as the camera. Then shifts, a month of April
punches, company dates and leave are added for the Shifts, Calendar, Leave and
month-timesheet shots (``admin-shifts-*``, ``admin-calendar-*``,
``admin-leave-*``, ``admin-reports-month-*``); last, a backup is made and the
System check is shot (``admin-system-*``, its details from this machine)::

    QT_QPA_PLATFORM=offscreen uv run python -m kiosk.ui.tools.admin_screenshots \\
        ../shared/faces docs
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import kiosk
from kiosk.security.pins import PinStore
from kiosk.ui.admin_home import AdminPage
from kiosk.ui.tools.screenshot import window_size

if TYPE_CHECKING:
    # Qt and the engine are imported inside main(), after QT_QPA_PLATFORM is set.
    from PySide6.QtWidgets import QWidget

    from kiosk.storage.repository import Repository
    from kiosk.ui.main_window import MainWindow

CHINA = timezone(timedelta(hours=8))

PageT = TypeVar("PageT", bound="QWidget")


FRONT_FRAMES = range(0, 40)
"""head-turn.mov frames where the man faces the camera."""
TURN_FRAMES = range(90, 120)
"""Frames of his one sharp turn, to his right; mirrored, the same turn is a real turn to his left."""


def write_turning_footage(video: Path, output: Path) -> int:
    """Write real head-turn footage that turns both ways to ``output`` (FFV1, lossless); return its frame count.

    head-turn.mov's own turn to the left is nearly side-on and too soft for
    the capture's sharpness check, so a wizard fed that file rightly never
    gets a left side. This footage is the front frames, the sharp right turn,
    and that turn mirrored: the unmirrored frames keep the file's exact pixels.
    """
    import cv2

    capture = cv2.VideoCapture(str(video))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    capture.release()
    if len(frames) < TURN_FRAMES.stop:
        raise ValueError(f"{video} has {len(frames)} frames, not the head-turn footage")
    chosen = [frames[i] for i in (*FRONT_FRAMES, *TURN_FRAMES)] + [cv2.flip(frames[i], 1) for i in TURN_FRAMES]
    height, width = chosen[0].shape[:2]
    writer = cv2.VideoWriter(str(output), cv2.VideoWriter.fourcc(*"FFV1"), 15, (width, height))
    if not writer.isOpened():
        raise OSError(f"cannot write {output}")
    for frame in chosen:
        writer.write(frame)
    writer.release()
    return len(chosen)


def _page(window: MainWindow, name: AdminPage, page_type: type[PageT]) -> PageT:
    """The admin page registered as ``name``, checked to be a ``page_type``."""
    page = window.admin_pages[name]
    if not isinstance(page, page_type):
        raise TypeError(f"admin page {name!r} is a {type(page).__name__}, not a {page_type.__name__}")
    return page


def _seed(repo: Repository, faces: Path) -> None:
    from kiosk.attendance.scan import AttendanceRules
    from kiosk.enrollment.session import save_enrollment, templates_from_images
    from kiosk.vision.detect import FaceAnalyzer

    analyzer = FaceAnalyzer()
    people = (
        ("0012", "张伟", "生产部", "0012"),
        ("0031", "Alice Chen", "财务部", "0003"),
        ("0044", "李娜", "生产部", "0007"),
    )
    consent = datetime(2024, 4, 22, 10, 15, tzinfo=CHINA)
    for code, name, department, subject in people:
        photos = sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))[:3]
        save_enrollment(repo, code=code, name=name, department=department, consent_at=consent,
                        templates=templates_from_images(analyzer, photos))
    repo.employees.add("0050", "Tom Baker", "仓库")
    rules = AttendanceRules(repo, lambda: consent)
    start = datetime(2024, 4, 29, tzinfo=CHINA)
    # Per employee and day: (in hour, in minute, out hour, out minute), no out time, or absent.
    plan: dict[str, list[tuple[int, int, int | None, int | None] | None]] = {
        "0012": [(8, 55, 17, 30)] * 5,
        "0031": [(8, 30, 17, 0)] * 3 + [None, (8, 40, 16, 50)],
        "0044": [None, (9, 5, 18, 5), (8, 58, 17, 45), (9, 12, None, None), (8, 50, 17, 35)],
    }
    for day in range(5):
        for code, days in plan.items():
            hours = days[day]
            if hours is None:
                continue
            employee = repo.employees.find(code)
            assert employee is not None, code
            in_h, in_m, out_h, out_m = hours
            rules.register(employee, distance=0.42, live=True, at=start + timedelta(days=day, hours=in_h, minutes=in_m))
            if out_h is not None and out_m is not None:
                rules.register(employee, distance=0.45, live=True,
                               at=start + timedelta(days=day, hours=out_h, minutes=out_m))
    forgot_out = repo.employees.find("0012")
    assert forgot_out is not None
    repo.events.add_manual(forgot_out.id, "out", datetime(2024, 5, 3, 9, 32, tzinfo=UTC), 480, "忘记签退，班组长确认")


def _seed_payroll(repo: Repository) -> None:
    """Shifts from April 2024, a month of punches, company dates in May, and leave (see the module docstring).

    白班 for 张伟, 李娜 (生产部) and Alice Chen, with a late morning, a missing
    check-out, an early leave, an absent day, overtime and two days of leave;
    Tom Baker on the warehouse night shift, worked through Qingming.
    """
    from kiosk.attendance.calendar import WorkCalendar
    from kiosk.attendance.records import DayKind
    from kiosk.attendance.scan import AttendanceRules

    repo.shifts.add("白班", "08:30", "17:30", breaks=[("12:00", "13:00")])
    repo.shifts.add("夜班", "22:00", "06:00", breaks=[("02:00", "02:30")], workdays=(0, 1, 2, 3, 4, 5),
                    statutory_calendar=False)  # fmt: skip
    repo.shifts.add("中班", "14:00", "22:00", breaks=[("18:00", "18:30")], late_grace_min=10)
    april = datetime(2024, 4, 1, tzinfo=CHINA).date()
    repo.shifts.assign_department("生产部", "白班", april)
    ids = {code: employee.id for code in ("0012", "0031", "0044", "0050")
           if (employee := repo.employees.find(code)) is not None}  # fmt: skip
    repo.shifts.assign(ids["0031"], "白班", april)
    repo.shifts.assign(ids["0050"], "夜班", april)
    # Per day worked on 白班: (in, out); None out is a forgotten check-out. Exceptions by (code, day).
    exceptions: dict[tuple[str, int], tuple[tuple[int, int], tuple[int, int] | None] | None] = {
        ("0012", 10): ((8, 47), (17, 35)), ("0012", 18): ((8, 24), None), ("0012", 13): ((9, 0), (12, 10)),
        ("0031", 15): None, ("0031", 16): None, ("0031", 22): ((8, 20), (16, 30)),
        ("0044", 11): None, ("0044", 25): ((8, 28), (19, 45)),
    }  # fmt: skip
    usual = {"0012": ((8, 25), (17, 35)), "0031": ((8, 20), (17, 40)), "0044": ((8, 28), (17, 32))}
    calendar = WorkCalendar()
    scans: list[tuple[datetime, str]] = []
    for number in range(1, 29):
        day = april.replace(day=number)
        known = calendar.day(day)
        workday = known.kind is DayKind.MAKEUP_WORKDAY or (known.kind is DayKind.ORDINARY and day.weekday() < 5)
        for code, times in usual.items():
            hours = exceptions.get((code, number), times if workday else None)
            if hours is None:
                continue
            (in_h, in_m), out = hours
            scans.append((datetime(2024, 4, number, in_h, in_m, tzinfo=CHINA), code))
            if out is not None:
                scans.append((datetime(2024, 4, number, out[0], out[1], tzinfo=CHINA), code))
        if day.weekday() < 6 and number < 28:  # the night shift, through the holidays; Saturday 20th no check-out
            scans.append((datetime(2024, 4, number, 21, 55, tzinfo=CHINA), "0050"))
            if number != 20:
                scans.append((datetime(2024, 4, number, 21, 55, tzinfo=CHINA) + timedelta(hours=8, minutes=10), "0050"))
    rules = AttendanceRules(repo, lambda: datetime(2024, 5, 3, 18, 30, tzinfo=CHINA))
    for at, code in sorted(scans):
        employee = repo.employees.get(ids[code])
        assert employee is not None
        rules.register(employee, distance=0.43, live=True, at=at)
    repo.calendar.set(datetime(2024, 5, 17).date(), off=True, name="公司团建")
    repo.calendar.set(datetime(2024, 5, 25).date(), off=False, name="盘点")
    for code, start, end, kind, note in (
        ("0031", datetime(2024, 4, 15), datetime(2024, 4, 17), "annual", "探亲"),
        ("0044", datetime(2024, 4, 29), datetime(2024, 4, 30), "sick", "发烧，有医院证明"),
        ("0012", datetime(2024, 5, 6, 9, 0), datetime(2024, 5, 6, 12, 0), "personal", "办理证件"),
        ("0050", datetime(2024, 5, 20), datetime(2024, 5, 23), "other", "叉车培训"),
    ):
        repo.leave.add(ids[code], start, end, kind, note)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("faces", type=Path, help="the shared faces folder")
    parser.add_argument("output", type=Path, help="folder for the PNGs")
    parser.add_argument("--size", type=window_size, default="1280x800", help="window size in pixels, WxH")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QDate, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.enrollment.capture import CaptureHint
    from kiosk.ops.backup import backup_database
    from kiosk.settings.specs import Settings
    from kiosk.storage.repository import Repository
    from kiosk.ui.admin import (
        CalendarPage,
        CorrectionsPage,
        EnrollWizard,
        LeavePage,
        ReportsPage,
        ShiftsPage,
        StaffPage,
        SystemPage,
    )
    from kiosk.ui.app import create_app
    from kiosk.ui.i18n import install_translator

    app = QApplication.instance() or QApplication([])
    now = datetime(2024, 5, 3, 18, 30, tzinfo=CHINA)
    kiosk.RELEASE_DATE = date(2024, 4, 1)  # a demo month before the release: no "clock looks wrong" line
    width, height = args.size
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "kiosk.db"
        repo = Repository(db_path, clock=lambda: now)
        repo.settings.set("admin_pin_hash", PinStore(repo).hash("000000"))
        _seed(repo, args.faces)
        footage = Path(folder) / "turns-both-ways.avi"
        write_turning_footage(args.faces / "video/head-turn.mov", footage)
        window = create_app(Settings(workday_start="09:00"), repo, db_path, footage,
                            lambda: now, "en", False, paced=False, lockstep=True)
        window.resize(width, height)
        window.gate.check("000000")
        window.show_admin_home()

        def settle(condition: Callable[[], bool], timeout_ms: int = 60_000) -> None:
            loop = QEventLoop()
            timer = QTimer()
            timer.timeout.connect(lambda: loop.quit() if condition() else None)
            timer.start(20)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            timer.stop()
            app.processEvents()

        def shoot_enroll(suffix: str) -> None:
            wizard = _page(window, AdminPage.ENROLL, EnrollWizard)
            window.show_admin_page(AdminPage.ENROLL)
            wizard.start_new()
            details = wizard.details_step
            details.code.setText("0100")
            details.name.setText("王芳")
            details.department.setCurrentText("质检部")
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-enroll-details-{suffix}.png"))
            wizard.go_next()
            wizard.consent_step.box.setChecked(True)
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-enroll-consent-{suffix}.png"))
            wizard.go_next()
            # The camera keeps running between shots, so capture starts wherever the
            # video is; within one pass it has front, left and right.
            capture = wizard.capture_step
            settle(lambda: len(capture.done) >= 3 and capture.hint is not CaptureHint.HOLD, 120_000)
            window.grab().save(str(args.output / f"admin-enroll-capture-{suffix}.png"))
            wizard.go_next()
            wizard.go_next()
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-enroll-review-{suffix}.png"))
            wizard.cancel()
            window.show_admin_home()

        for language, suffix in (("en", "en"), ("zh_CN", "zh")):
            install_translator(app, language)
            for name in (AdminPage.EMPLOYEES, AdminPage.CORRECTIONS, AdminPage.REPORTS, AdminPage.AUDIT,
                         AdminPage.SETTINGS):
                window.show_admin_page(name)
                if name is AdminPage.EMPLOYEES:
                    _page(window, name, StaffPage).select("0044")
                if name == "corrections":
                    corrections = _page(window, name, CorrectionsPage)
                    corrections.start.setDate(QDate(2024, 4, 29))
                    corrections.end.setDate(QDate(2024, 5, 3))
                    last_event = corrections.events[-1].id
                    assert last_event is not None
                    corrections.select_event(last_event)
                    corrections.reason.setText("忘记签退" if language == "zh_CN" else "forgot to check out")
                if name == "reports":
                    reports = _page(window, name, ReportsPage)
                    reports.start.setDate(QDate(2024, 4, 29))
                    reports.end.setDate(QDate(2024, 5, 3))
                settle(lambda: True, 50)
                window.grab().save(str(args.output / f"admin-{name}-{suffix}.png"))
                window.show_admin_home()
            shoot_enroll(suffix)

        _seed_payroll(repo)
        # A real backup (outside the folder setting, which stays empty in the Settings shot), so the
        # System check shows a last good backup rather than "no backup yet".
        backup_database(db_path, Path(folder) / "kiosk-backups")
        system = _page(window, AdminPage.SYSTEM, SystemPage)
        for language, suffix in (("en", "en"), ("zh_CN", "zh")):
            install_translator(app, language)
            window.show_admin_page(AdminPage.SHIFTS)
            _page(window, AdminPage.SHIFTS, ShiftsPage).select_shift("夜班")
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-shifts-{suffix}.png"))
            window.show_admin_page(AdminPage.CALENDAR)
            calendar = _page(window, AdminPage.CALENDAR, CalendarPage)
            calendar.select_day(datetime(2024, 5, 17).date())
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-calendar-{suffix}.png"))
            window.show_admin_page(AdminPage.LEAVE)
            leave = _page(window, AdminPage.LEAVE, LeavePage)
            leave.start.setDate(QDate(2024, 4, 1))
            leave.end.setDate(QDate(2024, 5, 31))
            leave.select_leave(leave.leaves[1].id)
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-leave-{suffix}.png"))
            window.show_admin_page(AdminPage.REPORTS)
            reports = _page(window, AdminPage.REPORTS, ReportsPage)
            reports.views.setCurrentWidget(reports.month_view)
            reports.month_view.month.setDate(QDate(2024, 4, 1))
            settle(lambda: True, 50)
            window.grab().save(str(args.output / f"admin-reports-month-{suffix}.png"))
            reports.views.setCurrentWidget(reports.daily)
            window.show_admin_page(AdminPage.SYSTEM)
            settle(lambda: bool(system.results) and not system.running)
            window.grab().save(str(args.output / f"admin-system-{suffix}.png"))
            window.show_admin_home()
        window.shutdown()
        window.close()
        repo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
