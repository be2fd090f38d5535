"""Settings: the few knobs an admin should touch, each with its help line.

Saved with :func:`kiosk.settings.save_settings` next to the database (the same
file the CLI reads) and applied at once through the window's
``apply_settings``; a language change switches the screen live.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRegularExpression, QT_TRANSLATE_NOOP
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.camera import parse_source
from kiosk.errors import KioskError
from kiosk.settings import FIELD_HELP, STRICTNESS_LEVELS, Settings, save_settings, settings_path_for
from kiosk.ui.admin.common import AdminHost, AdminPage

HELP_SOURCES: dict[str, str] = {
    "strictness": QT_TRANSLATE_NOOP(
        "SettingsHelp",
        "How sure a face match must be: relaxed, normal (default, right for most sites) or strict.",
    ),
    "cooldown_s": QT_TRANSLATE_NOOP(
        "SettingsHelp",
        "Seconds during which a second scan of the same person is ignored (60: covers a double scan, not a real return).",
    ),
    "liveness_required": QT_TRANSLATE_NOOP(
        "SettingsHelp",
        "Require a blink before a face check-in counts. Turning this off lets a printed photo check in.",
    ),
    "camera": QT_TRANSLATE_NOOP(
        "SettingsHelp", "Camera index (0, 1, …) or the path of a video file to use as the camera."
    ),
    "language": QT_TRANSLATE_NOOP("SettingsHelp", "Screen language: en or zh_CN."),
    "sounds": QT_TRANSLATE_NOOP("SettingsHelp", "Play a sound on success and on failure."),
    "pin_fallback": QT_TRANSLATE_NOOP(
        "SettingsHelp",
        "After repeated failures, offer check-in with employee code and personal PIN (recorded as source 'pin').",
    ),
    "workday_start": QT_TRANSLATE_NOOP(
        "SettingsHelp",
        "Local start of the working day as HH:MM, for late-arrival flags in reports; empty for none.",
    ),
}
"""The engine's :data:`FIELD_HELP` lines for the fields on this page, repeated
here so ``pyside6-lupdate`` extracts them for translation. A test checks they
still equal ``FIELD_HELP``; if the engine's wording changes, update both."""

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
"""Each language is named in itself, so someone who cannot read the current
language still finds their own."""


def help_text(field: str) -> str:
    """The translated help line of a settings field (English if the catalogue lacks it)."""
    return QCoreApplication.translate("SettingsHelp", FIELD_HELP[field])


class SettingsPage(AdminPage):
    """A form over :class:`kiosk.settings.Settings`; Save writes and applies it."""

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.file_dialog: QFileDialog | None = None
        self.strictness = QComboBox(self)
        for level in STRICTNESS_LEVELS:
            self.strictness.addItem(level, level)
        self.cooldown = QDoubleSpinBox(self)
        self.cooldown.setRange(0, 3600)
        self.cooldown.setDecimals(0)
        self.cooldown.setSingleStep(10)
        self.liveness = QCheckBox(self)
        self.liveness.toggled.connect(self._update_warning)
        self.liveness_warning = QLabel(self)
        self.liveness_warning.setWordWrap(True)
        self.liveness_warning.setStyleSheet(
            "QLabel { background: #c62828; color: white; padding: 8px; border-radius: 6px; font-weight: bold; }"
        )
        self.camera = QLineEdit(self)
        self.camera_button = QPushButton(self)
        self.camera_button.clicked.connect(self.choose_video)
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.sounds = QCheckBox(self)
        self.pin_fallback = QCheckBox(self)
        self.workday_start = QLineEdit(self)
        self.workday_start.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^$|^([01]?\d|2[0-3]):[0-5]\d$"), self)
        )
        self.workday_start.setMaximumWidth(120)
        self.save_button = QPushButton(self)
        self.save_button.setMinimumHeight(40)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self)
        self.revert_button.setMinimumHeight(40)
        self.revert_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.fields = (
            "strictness", "cooldown_s", "liveness_required", "camera", "language", "sounds", "pin_fallback",
            "workday_start",
        )
        self.labels = {field: QLabel(self) for field in self.fields}
        self.helps = {field: QLabel(self) for field in self.fields}
        camera_row = QHBoxLayout()
        camera_row.addWidget(self.camera, 1)
        camera_row.addWidget(self.camera_button)
        workday_row = QHBoxLayout()  # keeps the short field from squeezing its help line
        workday_row.addWidget(self.workday_start)
        workday_row.addStretch(1)
        editors: dict[str, object] = {
            "strictness": self.strictness,
            "cooldown_s": self.cooldown,
            "liveness_required": self.liveness,
            "camera": camera_row,
            "language": self.language,
            "sounds": self.sounds,
            "pin_fallback": self.pin_fallback,
            "workday_start": workday_row,
        }
        form = QFormLayout()
        form.setVerticalSpacing(4)
        for field in self.fields:
            help_label = self.helps[field]
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #555555; font-size: 14px; margin-bottom: 8px;")
            box = QVBoxLayout()
            box.setSpacing(2)
            editor = editors[field]
            if isinstance(editor, QHBoxLayout):
                box.addLayout(editor)
            else:
                box.addWidget(editor)  # type: ignore[arg-type]
            if field == "liveness_required":
                box.addWidget(self.liveness_warning)
            box.addWidget(help_label)
            form.addRow(self.labels[field], box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    @property
    def settings_path(self) -> Path:
        return settings_path_for(Path(self.host.db_path))

    def refresh(self) -> None:
        """Show the settings the window runs with now."""
        current = self.host.settings
        self.strictness.setCurrentIndex(self.strictness.findData(current.strictness))
        self.cooldown.setValue(current.cooldown_s)
        self.liveness.setChecked(current.liveness_required)
        self.camera.setText(current.camera)
        self.language.setCurrentIndex(self.language.findData(current.language))
        self.sounds.setChecked(current.sounds)
        self.pin_fallback.setChecked(current.pin_fallback)
        self.workday_start.setText(current.workday_start)
        self._update_warning()

    def edited(self) -> Settings:
        """The settings as on screen (raises :class:`InputError` if one is out of range)."""
        return self.host.settings.replace(
            strictness=self.strictness.currentData(),
            cooldown_s=float(self.cooldown.value()),
            liveness_required=self.liveness.isChecked(),
            camera=self.camera.text().strip() or "0",
            language=self.language.currentData(),
            sounds=self.sounds.isChecked(),
            pin_fallback=self.pin_fallback.isChecked(),
            workday_start=self.workday_start.text().strip(),
        )

    def save(self) -> bool:
        """Write the settings file, then apply it to the running kiosk."""
        try:
            settings = self.edited()
            save_settings(settings, self.settings_path)
        except (KioskError, OSError) as exc:
            self.status.setStyleSheet("color: #c62828;")
            self.status.setText(self.tr("Not saved: {error}").format(error=exc))
            return False
        camera_changed = settings.camera != self.host.settings.camera
        self.host.apply_settings(settings)
        self.status.setStyleSheet("color: #1b873f;")
        self.status.setText(self.tr("Saved to {path} and applied.").format(path=self.settings_path))
        if camera_changed and hasattr(self.host, "start_camera"):
            self.host.start_camera(parse_source(settings.camera))  # type: ignore[attr-defined]
        return True

    def choose_video(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a video file to use as the camera"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Videos (*.mp4 *.mov *.avi *.mkv);;All files (*)"))
        dialog.fileSelected.connect(self.camera.setText)
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def _update_warning(self) -> None:
        self.liveness_warning.setVisible(not self.liveness.isChecked())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.header.title.setText(self.tr("Settings"))
        titles = {
            "strictness": self.tr("Matching strictness"),
            "cooldown_s": self.tr("Repeat-scan cooldown"),
            "liveness_required": self.tr("Liveness check"),
            "camera": self.tr("Camera"),
            "language": self.tr("Language"),
            "sounds": self.tr("Sounds"),
            "pin_fallback": self.tr("PIN fallback"),
            "workday_start": self.tr("Workday start"),
        }
        for field in self.fields:
            self.labels[field].setText(titles[field])
            self.helps[field].setText(help_text(field))
        levels = {"relaxed": self.tr("Relaxed"), "normal": self.tr("Normal (recommended)"), "strict": self.tr("Strict")}
        for index in range(self.strictness.count()):
            self.strictness.setItemText(index, levels[self.strictness.itemData(index)])
        self.cooldown.setSuffix(self.tr(" s"))
        self.liveness.setText(self.tr("Require a blink before a face check-in counts"))
        self.liveness_warning.setText(
            self.tr("Warning: with the liveness check off, a printed photo or a phone screen can check in.")
        )
        self.camera_button.setText(self.tr("Video file…"))
        self.camera.setPlaceholderText(self.tr("0 = first camera"))
        self.sounds.setText(self.tr("Play a sound on success and failure"))
        self.pin_fallback.setText(self.tr("Offer check-in with code and personal PIN"))
        self.workday_start.setPlaceholderText(self.tr("HH:MM"))
        self.save_button.setText(self.tr("Save and apply"))
        self.revert_button.setText(self.tr("Undo changes"))
