"""The enrollment wizard's first step picks an imported person from the staff list: filtered as the admin
types, in rows a finger can hit; a tap fills code, name and department, and saving adds that person's face
to their own record. Typing a new person stays possible."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt

from kiosk.enrollment.capture import Template
from kiosk.ui.admin.enroll import EnrollWizard
from kiosk.ui.style import TOUCH_TARGET_PX, touch_target_px


def _listed(wizard: EnrollWizard) -> list[str]:
    picker = wizard.details_step.picker
    return [picker.list.item(row).text() for row in range(picker.list.count())]


def _tap(qtbot, wizard: EnrollWizard, code: str) -> None:
    picker = wizard.details_step.picker
    row = next(index for index, employee in enumerate(picker.shown) if employee.code == code)
    rect = picker.list.visualItemRect(picker.list.item(row))
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: wizard.details_step.code.text() == code)


def test_an_imported_person_is_found_tapped_and_enrolled_into_their_own_record(
    qtbot, make_window, open_admin, repo, faces, analyzer
) -> None:
    from kiosk.enrollment.session import templates_from_images

    wang = repo.employees.add("0050", "王芳", "质检部")  # imported from a roster: no face yet
    repo.employees.add("0051", "赵六", "生产部")
    zhang = repo.employees.add("0012", "张伟", "生产部")
    repo.templates.replace(zhang.id, [("front", np.full(128, 0.05, dtype=np.float32))])
    gone = repo.employees.add("0060", "钱七", "生产部")
    repo.employees.update(gone.id, active=False)
    window = make_window()
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.size() == QSize(1024, 600))
    wizard = open_admin(window, "enroll")
    assert isinstance(wizard, EnrollWizard)
    details = wizard.details_step
    assert _listed(wizard) == ["0050   王芳   质检部", "0051   赵六   生产部"]

    # Finger-sized rows, also on the small panel (the floor never shrinks).
    side = touch_target_px(window.scale)
    assert side >= TOUCH_TARGET_PX
    for row in range(details.picker.list.count()):
        assert details.picker.list.visualItemRect(details.picker.list.item(row)).height() >= side
    assert details.picker.search.height() >= side and details.picker.everyone.height() >= side

    details.picker.search.setText("王")  # QTest cannot type CJK characters
    assert _listed(wizard) == ["0050   王芳   质检部"]
    details.picker.search.clear()
    qtbot.keyClicks(details.picker.search, "0051")
    assert _listed(wizard) == ["0051   赵六   生产部"]
    qtbot.keyClicks(details.picker.search, "9")
    assert _listed(wizard) == [] and details.picker.empty.isVisible()
    details.picker.search.clear()
    details.picker.everyone.setChecked(True)  # re-enrollment: everyone active, with a face or not
    assert _listed(wizard) == [
        "0012   张伟   生产部   (has a face: re-enroll)", "0050   王芳   质检部", "0051   赵六   生产部",
    ]
    details.picker.everyone.setChecked(False)

    _tap(qtbot, wizard, "0050")
    details = wizard.details_step
    assert (details.code.text(), details.name.text(), details.department.currentText()) == ("0050", "王芳", "质检部")
    assert details.code.isReadOnly() and wizard.next_button.isEnabled()
    assert details.note.text() == "Enrolling 王芳 (0050) from the staff list: their first face templates."
    assert details.new_person_button.isVisible()

    wizard.session.give_consent()
    photos = sorted((faces / "webcam/nuaa/live/0003").glob("*.jpg"))[:3]
    photographed = templates_from_images(analyzer, photos)
    for angle, template in zip(("front", "left", "right"), photographed, strict=True):
        wizard.session.add_template(Template(angle, template.encoding))
    wizard.show_step("check")
    assert wizard.session.duplicate is None
    wizard.show_step("review")
    saved = wizard.save()
    assert saved is not None and saved.id == wang.id  # their record, history and shift, not a new person
    assert len(repo.templates.of(wang.id)) == 3
    assert [e.code for e in repo.employees.all()] == ["0012", "0050", "0051", "0060"]


def test_a_new_person_can_still_be_typed_after_a_tap(qtbot, make_window, open_admin, repo) -> None:
    repo.employees.add("0050", "王芳", "质检部")
    wizard = open_admin(make_window(), "enroll")
    assert isinstance(wizard, EnrollWizard)
    assert not wizard.details_step.new_person_button.isVisible()
    _tap(qtbot, wizard, "0050")
    qtbot.mouseClick(wizard.details_step.new_person_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.details_step.code.text() == "")
    details = wizard.details_step
    assert wizard.session.existing is None and not details.code.isReadOnly()
    qtbot.keyClicks(details.code, "0100")
    details.name.setText("李四")
    assert wizard.next_button.isEnabled() and details.note.text() == ""
    wizard.cancel()
