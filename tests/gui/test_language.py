"""English and Simplified Chinese through Qt's translation system."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kiosk.attendance.scan import Outcome, OutcomeKind
from kiosk.engine import EngineEvent, EventKind, FrameResult
from kiosk.storage.models import AttendanceEvent, Employee
from kiosk.ui.i18n import I18N_DIR, install_translator


def test_catalogue_is_compiled_and_complete() -> None:
    ts = (I18N_DIR / "kiosk_zh_CN.ts").read_text(encoding="utf-8")
    assert (I18N_DIR / "kiosk_zh_CN.qm").is_file()
    assert 'type="unfinished"' not in ts


def test_kiosk_starts_in_chinese(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "unplugged.mp4", language="zh_CN")
    kiosk = window.kiosk
    assert kiosk.admin_button.text() == "管理"
    qtbot.waitUntil(lambda: kiosk.banner.text() == "未找到摄像头", timeout=5000)
    assert kiosk.no_camera.title.text() == "未找到摄像头"
    assert kiosk.clock.date_label.text() == "2024年5月6日星期一"
    assert window.windowTitle() == "人脸考勤机"


def test_switching_language_at_runtime_retranslates_the_screen(qtbot, make_window, clock) -> None:
    window = make_window()
    kiosk = window.kiosk
    assert kiosk.banner.text() == "Look at the camera"
    window.set_language("zh_CN")
    assert kiosk.admin_button.text() == "管理"
    assert kiosk.banner.text() == "请看摄像头"

    ann = Employee(7, "0012", "李安", "", True, None, False)
    at = clock().replace(hour=17, minute=31)
    event = AttendanceEvent(None, 7, "out", at, 480, 0.3, True, "face", "kiosk-1")
    outcome = Outcome(OutcomeKind.CHECKED_OUT, ann, event, 100.0, timedelta(hours=8, minutes=34))
    kiosk.show_result(
        FrameResult(1, 0.1, (), None, "李安", EventKind.CHECKED_OUT,
                    (EngineEvent(EventKind.CHECKED_OUT, 1, 0.1, ann, 0.3, True, outcome),))
    )
    assert kiosk.banner.text() == "再见，李安 — 已签退 17:31，今天 8 小时 34 分钟"
    window.set_language("en")
    assert kiosk.banner.text() == "Goodbye, 李安 — checked out 17:31, 8 h 34 min today"


def test_every_prompt_has_a_chinese_translation() -> None:
    app = QApplication.instance()
    install_translator(app, "zh_CN")
    try:
        expected = {
            "Look at the camera": "请看摄像头",
            "Please blink": "请眨眼",
            "Not recognised — try again": "未能识别 — 请重试",
            "No camera found": "未找到摄像头",
            "Welcome, {name} — checked in {time}": "欢迎，{name} — 已签到 {time}",
            "Blink not seen — please blink again": "未检测到眨眼 — 请再眨一次眼",
            "No staff enrolled yet — ask an admin to enroll staff": "尚未登记员工 — 请联系管理员登记",
        }
        for source, chinese in expected.items():
            assert QCoreApplication.translate("Prompts", source) == chinese
    finally:
        install_translator(app, "en")
