"""The enrollment wizard, driven with real head-turn footage as the camera."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.enrollment.capture import ANGLES, CaptureHint, Template, can_finish
from kiosk.ui.admin.enroll import EnrollWizard
from kiosk.ui.admin.enroll_steps import hint_text
from kiosk.ui.tools.admin_screenshots import FRONT_FRAMES, TURN_FRAMES, write_turning_footage

FULL_PASS = len(FRONT_FRAMES) + 2 * len(TURN_FRAMES)
"""Frames in the footage :func:`turns_both_ways` writes."""


@pytest.fixture
def turns_both_ways(tmp_path: Path, faces: Path) -> Path:
    """Real head-turn footage that turns both ways (see :func:`write_turning_footage`)."""
    path = tmp_path / "turns-both-ways.avi"
    assert write_turning_footage(faces / "video" / "head-turn.mov", path) == FULL_PASS
    return path


def _end_of_first_whole_pass(first_index: int) -> int:
    """The camera loops the video and keeps counting, and the wizard borrows it
    wherever it is: the index of the last frame of the first whole pass (from
    the footage's first frame to its last) the wizard sees."""
    return first_index + (-first_index) % FULL_PASS + FULL_PASS - 1


def test_head_turn_footage_captures_three_angles_and_saves_them(
    qtbot, make_window, open_admin, repo, turns_both_ways: Path, analyzer, clock
) -> None:
    window = make_window(turns_both_ways, paced=False, lockstep=True)
    opened: list[str] = []
    window.pipeline.camera_opened.connect(opened.append)
    qtbot.waitUntil(lambda: window.kiosk.camera_ok, timeout=10_000)
    opened.clear()  # from here on, any opening would be a reopening
    camera = window.capture
    wizard = open_admin(window, "enroll")
    assert isinstance(wizard, EnrollWizard)
    details, consent, capture = wizard.details_step, wizard.consent_step, wizard.capture_step
    capture.analyzer_factory = lambda: analyzer
    assert wizard.step == "details" and not wizard.next_button.isEnabled()

    qtbot.keyClicks(details.code, "0100")
    details.name.setText("王芳")  # QTest cannot type CJK characters
    details.department.setCurrentText("质检部")
    assert wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    assert wizard.step == "consent" and not wizard.next_button.isEnabled()
    consent.box.setChecked(True)
    assert wizard.session.consent_at == clock.now
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    assert wizard.step == "capture" and capture.capturing
    assert window.pipeline.consumer is capture  # the kiosk lent its frames out...
    assert window.capture is camera  # ...without the camera being reopened
    qtbot.waitUntil(lambda: capture.first_frame_index >= 0, timeout=60_000)
    last = _end_of_first_whole_pass(capture.first_frame_index)
    qtbot.waitUntil(lambda: capture.last_frame_index >= last, timeout=180_000)

    # The footage turns left and right; it looks up only while turned or in
    # shadow and never looks down.
    assert capture.done == ("front", "left", "right")
    assert [label.pixmap().isNull() for label in capture.thumbs.values()] == [False, False, False, True, True]
    assert capture.missing_label.text() == "Enough angles to continue. Still missing: Up, Down."
    assert capture.hint is CaptureHint.LOOK_UP
    assert capture.hint_label.text() == "Tilt your head up a little"
    assert wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    assert not capture.capturing
    assert window.pipeline.consumer is window.kiosk  # the kiosk has its frames back
    assert window.capture is camera and opened == []  # and the camera never closed
    assert wizard.session.done == ("front", "left", "right")
    assert set(wizard.session.previews) == {"front", "left", "right"}
    assert all(wizard.session.previews[angle].size > 0 for angle in wizard.session.done)
    assert wizard.step == "check" and wizard.session.duplicate is None
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step == "review"
    review = wizard.review_step
    assert [thumb.pixmap().isNull() for thumb in review.thumbs.values()] == [False, False, False, True, True]
    assert review.missing.text() == "Not captured: Up, Down. Recognition from those sides may be less reliable."
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Save

    employee = repo.employees.find("0100")
    assert employee is not None and employee.name == "王芳" and employee.department == "质检部"
    assert employee.consent_at == clock.now
    assert [angle for angle, _ in repo.templates.of(employee.id)] == ["front", "left", "right"]
    assert review.save_result.text() == "Saved. The kiosk recognises 王芳 from now on."
    assert repo.audit.entries()[0].action == "replace_templates"

    # The same face under another code is stopped at the duplicate check.
    captured = wizard.session.templates
    wizard.start_new()
    details.code.setText("0200")
    details.name.setText("Someone Else")
    for template in captured:
        wizard.session.add_template(template)
    wizard.show_step("check")
    assert wizard.session.duplicate is not None and wizard.session.duplicate.employee.code == "0100"
    assert wizard.check_step.result.text().startswith("This face already belongs to 王芳 (0100).")
    assert not wizard.next_button.isEnabled()
    assert repo.employees.find("0200") is None
    wizard.cancel()
    assert window.stack.currentWidget() is window.admin_home


def test_re_enroll_from_the_staff_list_prefills_and_replaces_templates(
    qtbot, make_window, open_admin, repo, faces, analyzer
) -> None:
    from kiosk.enrollment.session import save_enrollment, templates_from_images

    photos = sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[:3]
    employee = save_enrollment(repo, code="0012", name="张伟", department="生产部",
                               templates=templates_from_images(analyzer, photos))
    window = make_window()
    staff = open_admin(window, "employees")
    assert staff.select("0012")
    qtbot.mouseClick(staff.re_enroll_button, Qt.MouseButton.LeftButton)
    wizard = window.admin_pages["enroll"]
    assert isinstance(wizard, EnrollWizard)
    assert window.stack.currentWidget() is wizard
    details = wizard.details_step
    assert details.code.text() == "0012" and details.code.isReadOnly()
    assert details.name.text() == "张伟" and details.department.currentText() == "生产部"
    assert "their face templates will be replaced" in details.note.text()
    # Saving two fresh angles replaces the three photo templates.
    stored = [vector for _, vector in repo.templates.of(employee.id)]
    for angle, vector in zip(("front", "left", "right"), stored, strict=True):
        wizard.session.add_template(Template(angle, vector))
    wizard.show_step("check")
    assert wizard.session.duplicate is None  # their own face is not a duplicate
    wizard.show_step("review")
    assert wizard.save() is not None
    assert [angle for angle, _ in repo.templates.of(employee.id)] == ["front", "left", "right"]
    assert repo.employees.find("0012").id == employee.id


def test_a_code_that_is_taken_stops_a_new_enrollment_at_the_details_step(
    qtbot, make_window, open_admin, repo
) -> None:
    """Typing someone's code must not lead on to re-enrolling them: that starts from the staff list."""
    repo.employees.add("0012", "张伟", "生产部")
    window = make_window()
    wizard = open_admin(window, "enroll")
    assert isinstance(wizard, EnrollWizard)
    details = wizard.details_step
    details.name.setText("王芳")
    qtbot.keyClicks(details.code, "0012")
    assert details.note.text() == "Code 0012 already belongs to 张伟. Choose another code, or re-enroll them " \
        "from Staff (Re-enroll…)."
    assert not wizard.next_button.isEnabled()
    qtbot.keyClick(details.code, Qt.Key.Key_Backspace)
    qtbot.keyClicks(details.code, "3")
    assert details.note.text() == "" and wizard.next_button.isEnabled()
    # Cancel, as an admin would: a window outlives its test and would look the code up in a closed
    # database when a later test switches the language.
    wizard.cancel()


def test_finishing_early_needs_front_and_two_more() -> None:
    assert not can_finish(())
    assert not can_finish(("left", "right", "up", "down"))
    assert not can_finish(("front", "left"))
    assert can_finish(("front", "left", "up"))


def test_every_hint_code_has_a_sentence() -> None:
    sentences = {hint: hint_text(hint) for hint in CaptureHint}
    assert all(sentence != hint.value for hint, sentence in sentences.items())
    assert len(set(sentences.values())) == len(CaptureHint)
    assert sentences[CaptureHint.MOVE_CLOSER] == "Move closer to the camera"
    assert sentences[CaptureHint.TOO_DARK] == "Too dark — face the light"
    assert hint_text(None) == "Starting the camera…"
    assert set(ANGLES) == {"front", "left", "right", "up", "down"}
