"""Without a camera the kiosk still opens, says so, and keeps trying."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QPushButton

from kiosk.ui.prompts import Tone


def test_missing_camera_shows_no_camera_found_and_keeps_running(qtbot, make_window, tmp_path: Path) -> None:
    missing = tmp_path / "unplugged.mp4"
    window = make_window(missing)
    kiosk = window.kiosk
    qtbot.waitUntil(lambda: kiosk.center.currentWidget() is kiosk.no_camera, timeout=5000)
    assert kiosk.no_camera.isVisible()
    assert kiosk.no_camera.title.text() == "No camera found"
    assert kiosk.no_camera.detail.text() == (
        "Check that the camera is plugged in, or choose another camera number below."
    )
    assert kiosk.no_camera.detail.toolTip() == f"video not found: {missing}"
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
