"""The wizard after a save: the next enrollment starts fresh, and thumbnails look like the mirror."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from kiosk.enrollment.capture import Template
from kiosk.enrollment.session import templates_from_images
from kiosk.ui.admin.enroll import EnrollWizard
from kiosk.ui.admin.enroll_steps import preview_pixmap


def test_after_a_save_the_next_visit_starts_a_new_person(qtbot, make_window, open_admin, repo, faces, analyzer) -> None:
    photos = sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[:3]
    captured = templates_from_images(analyzer, photos)
    window = make_window()
    wizard = open_admin(window, "enroll")
    assert isinstance(wizard, EnrollWizard)
    wizard.details_step.code.setText("0012")
    wizard.details_step.name.setText("张伟")
    for angle, template in zip(("front", "left", "right"), captured, strict=True):
        wizard.session.add_template(Template(angle, template.encoding))
    wizard.show_step("review")
    assert wizard.save() is not None
    assert wizard.step == "review" and not wizard.cancel_button.isEnabled()

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # "Done"
    assert window.stack.currentWidget() is window.admin_home
    window.show_admin_page("enroll")

    assert wizard.step == "details"
    assert wizard.details_step.code.text() == "" and wizard.details_step.name.text() == ""
    assert wizard.session.saved is None and wizard.session.done == ()
    assert wizard.cancel_button.isEnabled() and not wizard.next_button.isEnabled()
    assert all(label.pixmap().isNull() for label in wizard.capture_step.thumbs.values())
    assert repo.employees.find("0012") is not None  # the saved person stays saved


def test_thumbnails_are_mirrored_like_the_live_preview(qtbot) -> None:
    crop = np.zeros((20, 20, 3), np.uint8)
    crop[:, :10] = (255, 0, 0)  # red on the camera's left half
    image = preview_pixmap(crop, size=20).toImage()
    assert image.pixelColor(2, 10).blue() == 0 and image.pixelColor(2, 10).red() < 50  # drawn on the right...
    assert image.pixelColor(17, 10).red() > 200  # ...as in a mirror
    plain = preview_pixmap(crop, size=20, mirrored=False).toImage()
    assert plain.pixelColor(2, 10).red() > 200
