"""Without a camera the kiosk still opens, says so, and keeps trying."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from kiosk.security.pins import PinStore
from kiosk.settings.specs import Settings
from kiosk.ui.prompts import Tone

RETRY_S = 0.5
"""The camera is retried every 0.5 s here instead of every 3 s: the tests wait for retries, and a
held message (5 s) still outlives several of them."""


def test_missing_camera_shows_no_camera_found_and_keeps_running(qtbot, make_window, tmp_path: Path) -> None:
    missing = tmp_path / "unplugged.mp4"
    window = make_window(missing, camera_retry_s=RETRY_S)
    kiosk = window.kiosk
    qtbot.waitUntil(lambda: kiosk.center.currentWidget() is kiosk.no_camera, timeout=5000)
    assert kiosk.no_camera.isVisible()
    assert kiosk.no_camera.title.text() == "No camera found"
    assert kiosk.no_camera.detail.text() == (
        "Check that the camera is plugged in, or choose another camera number below."
    )
    # The technical reason (a path) is for admins, under Recent problems, not for the kiosk screen.
    assert str(missing) not in kiosk.no_camera.detail.toolTip()
    assert any(entry.message == f"camera lost: video not found: {missing}" for entry in window.recent_errors.entries())
    assert kiosk.banner.text() == "No camera found"
    assert kiosk.prompt is not None and kiosk.prompt.tone is Tone.FAILURE
    assert kiosk.no_camera.use_index_button.isVisible()
    # Nothing that opens files is reachable without the admin PIN.
    assert kiosk.findChildren(QFileDialog) == []
    assert not any("file" in button.text().lower() for button in kiosk.findChildren(QPushButton) if button.isVisible())
    # Still retrying: a second report arrives a few seconds later, and the window lives on.
    with qtbot.waitSignal(window.capture.worker.camera_lost, timeout=8000):
        pass
    assert window.isVisible()


def test_picking_a_video_brings_the_preview_back(qtbot, make_window, tmp_path: Path, faces: Path) -> None:
    window = make_window(tmp_path / "unplugged.mp4")
    kiosk = window.kiosk
    qtbot.waitUntil(lambda: kiosk.center.currentWidget() is kiosk.no_camera, timeout=5000)
    kiosk.no_camera.source_chosen.emit(faces / "video" / "blink-0012.mp4")
    qtbot.waitUntil(lambda: kiosk.video.frames_shown >= 5, timeout=8000)
    assert kiosk.center.currentWidget() is kiosk.video
    assert kiosk.video.image is not None and (kiosk.video.image.width(), kiosk.video.image.height()) == (640, 480)
    assert window.camera_source == faces / "video" / "blink-0012.mp4"


@pytest.fixture
def settings(request) -> Settings:
    """Default settings; ``@pytest.mark.parametrize("settings", [False], indirect=True)`` turns the PIN fallback off."""
    return Settings(pin_fallback=getattr(request, "param", True))


def test_without_a_camera_the_pin_fallback_is_offered_at_once_and_its_message_stays(
    qtbot, make_window, repo, tmp_path: Path
) -> None:
    """No frames means no failed face attempts to count: PIN is offered as soon as the camera is lost."""
    ann = repo.employees.add("0042", "Ann Li")
    PinStore(repo).set_employee_pin(ann.id, "8642")
    window = make_window(tmp_path / "unplugged.mp4", camera_retry_s=RETRY_S)
    kiosk = window.kiosk
    retried: list[tuple[str, bool]] = []
    qtbot.waitUntil(lambda: kiosk.center.currentWidget() is kiosk.no_camera, timeout=8000)
    assert kiosk.pin_button.isVisible()
    with qtbot.waitSignal(window.capture.worker.camera_lost, timeout=20_000):
        pass  # check in right after a retry, so the next one comes while the message is up
    qtbot.mouseClick(kiosk.pin_button, Qt.MouseButton.LeftButton)
    dialog = window.employee_pin_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.code.setText("0042")
    dialog.pin.setText("8642")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert kiosk.banner.text() == "Welcome, Ann Li — checked in 08:57"
    # The camera retries (every few seconds): the success message is not replaced by "No camera found".
    window.capture.worker.camera_lost.connect(lambda _m: retried.append((kiosk.banner.text(), kiosk._hold.isActive())))
    qtbot.waitUntil(lambda: bool(retried), timeout=20_000)
    text, held = retried[0]
    assert held, "the retry came after the hold ended; the machine is too slow for this check"
    assert text == "Welcome, Ann Li — checked in 08:57"
    assert kiosk.pin_button.isVisible()  # still there for the next person
    qtbot.waitUntil(lambda: kiosk.banner.text() == "No camera found", timeout=20_000)  # after the hold


@pytest.mark.parametrize("settings", [False], indirect=True)
def test_without_a_camera_no_pin_button_when_the_fallback_is_off(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "unplugged.mp4", camera_retry_s=RETRY_S)
    kiosk = window.kiosk
    qtbot.waitUntil(lambda: kiosk.center.currentWidget() is kiosk.no_camera, timeout=8000)
    with qtbot.waitSignal(window.capture.worker.camera_lost, timeout=20_000):
        pass
    assert not kiosk.pin_button.isVisible()


def test_a_held_message_outlives_camera_retries(qtbot, clock) -> None:
    """The screen alone, its camera slots called as the pipeline calls them."""
    from kiosk.ui.kiosk_screen import KioskScreen

    kiosk = KioskScreen(clock)
    qtbot.addWidget(kiosk)
    kiosk.set_pin_fallback(True)
    kiosk.show()
    assert not kiosk.pin_button.isVisible()  # a camera still opening is not a lost one
    kiosk._on_camera_lost("video not found")
    assert kiosk.banner.text() == "No camera found" and kiosk.pin_button.isVisible()
    kiosk.show_failure(lambda: "Unknown code or wrong PIN.")
    kiosk._on_camera_lost("video not found")
    assert kiosk.banner.text() == "Unknown code or wrong PIN." and kiosk.pin_button.isVisible()
    kiosk._hold.timeout.emit()  # the hold ends
    assert kiosk.banner.text() == "No camera found"
    kiosk._on_camera_opened("camera 0")
    assert not kiosk.pin_button.isVisible()
