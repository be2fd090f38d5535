"""The enrollment wizard, driven with real head-turn footage as the camera."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.enrollment import ANGLES, Template
from kiosk.ui.admin.enroll import can_finish, hint_text

FULL_PASS = 199  # frames in head-turn.mov


def test_head_turn_footage_captures_four_angles_and_saves_them(qtbot, make_window, open_admin, repo, faces: Path, analyzer, clock) -> None:
    window = make_window(faces / "video" / "head-turn.mov", paced=False, lockstep=True)
    wizard = open_admin(window, "enroll")
    wizard.analyzer_factory = lambda: analyzer
    assert wizard.step == "details" and not wizard.next_button.isEnabled()

    qtbot.keyClicks(wizard.code, "0100")
    wizard.name.setText("王芳")  # QTest cannot type CJK characters
    wizard.department.setCurrentText("质检部")
    assert wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    assert wizard.step == "consent" and not wizard.next_button.isEnabled()
    wizard.consent_box.setChecked(True)
    assert wizard.consent_at == clock.now
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    assert wizard.step == "capture" and wizard.capturing
    assert window.capture is None and window.vision is None  # the kiosk gave the camera up
    qtbot.waitUntil(lambda: wizard.last_frame_index >= FULL_PASS - 1, timeout=180_000)

    # The footage turns left and right; it looks up only while turned or in
    # shadow (frames 96-98 are too dark) and never looks down.
    assert wizard.done == ("front", "left", "right")
    assert set(wizard.thumbnails) == {"front", "left", "right"}
    assert all(not wizard.thumbnails[angle].isNull() for angle in wizard.done)
    assert wizard.missing_label.text() == "Enough angles to continue. Still missing: Up, Down."
    assert wizard.hint == "look_up"
    assert wizard.hint_label.text() == "Tilt your head up a little"
    assert wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)

    assert not wizard.capturing
    assert window.capture is not None and window.vision is not None  # the kiosk has its camera back
    assert wizard.step == "check" and wizard.duplicate is None
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step == "review"
    assert wizard.review_missing.text() == "Not captured: Up, Down. Recognition from those sides may be less reliable."
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Save

    employee = repo.find_employee("0100")
    assert employee is not None and employee.name == "王芳" and employee.department == "质检部"
    assert employee.consent_at == clock.now
    assert [angle for angle, _ in repo.templates_for(employee.id)] == ["front", "left", "right"]
    assert wizard.save_result.text() == "Saved. The kiosk recognises 王芳 from now on."
    assert repo.audit_log()[0].action == "replace_templates"

    # The same face under another code is stopped at the duplicate check.
    captured = dict(wizard.templates)
    wizard.start_new()
    wizard.code.setText("0200")
    wizard.name.setText("Someone Else")
    wizard.templates.update(captured)
    wizard.show_step("check")
    assert wizard.duplicate is not None and wizard.duplicate.employee.code == "0100"
    assert wizard.check_result.text().startswith("This face already belongs to 王芳 (0100).")
    assert not wizard.next_button.isEnabled()
    assert repo.find_employee("0200") is None
    wizard.cancel()
    assert window.stack.currentWidget() is window.admin_home


def test_re_enroll_from_the_staff_list_prefills_and_replaces_templates(qtbot, make_window, open_admin, repo, faces, analyzer) -> None:
    from kiosk.enrollment import save_enrollment, templates_from_images

    photos = sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[:3]
    employee = save_enrollment(repo, code="0012", name="张伟", department="生产部",
                               templates=templates_from_images(analyzer, photos))
    window = make_window()
    staff = open_admin(window, "employees")
    assert staff.select("0012")
    qtbot.mouseClick(staff.re_enroll_button, Qt.MouseButton.LeftButton)
    wizard = window.admin_pages["enroll"]
    assert window.stack.currentWidget() is wizard
    assert wizard.code.text() == "0012" and wizard.code.isReadOnly()
    assert wizard.name.text() == "张伟" and wizard.department.currentText() == "生产部"
    assert "their face templates will be replaced" in wizard.details_note.text()
    # Saving two fresh angles replaces the three photo templates.
    vectors = {angle: vector for angle, vector in repo.templates_for(employee.id)[:1]}
    wizard.templates.update({
        "front": Template("front", next(iter(vectors.values()))),
        "left": Template("left", repo.templates_for(employee.id)[1][1]),
        "right": Template("right", repo.templates_for(employee.id)[2][1]),
    })
    wizard.show_step("check")
    assert wizard.duplicate is None  # their own face is not a duplicate
    wizard.show_step("review")
    assert wizard.save() is not None
    assert [angle for angle, _ in repo.templates_for(employee.id)] == ["front", "left", "right"]
    assert repo.find_employee("0012").id == employee.id


def test_finishing_early_needs_front_and_two_more() -> None:
    assert not can_finish(())
    assert not can_finish(("left", "right", "up", "down"))
    assert not can_finish(("front", "left"))
    assert can_finish(("front", "left", "up"))


def test_every_hint_code_has_a_sentence() -> None:
    codes = ("no_face", "several_faces", "move_closer", "too_dark", "too_bright", "hold_still", "look_straight",
             "turn_left", "turn_right", "look_up", "look_down", "hold", "done")
    sentences = {code: hint_text(code) for code in codes}
    assert all(sentence != code for code, sentence in sentences.items())
    assert sentences["move_closer"] == "Move closer to the camera"
    assert sentences["too_dark"] == "Too dark — face the light"
    assert set(ANGLES) == {"front", "left", "right", "up", "down"}
