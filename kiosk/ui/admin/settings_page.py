"""Settings: the few knobs an admin should touch, each with its help line.

The form is built from :data:`kiosk.settings.specs.SPECS`: a field's type and spec
choose its widget (check box, choice list, spin box with the spec's range,
step and unit, or a text box with the spec's pattern), and its help line is
the spec's, translated. Only the translatable words live here: the title of
each field, check-box captions and the names of choices, as literal
``self.tr`` calls so ``pyside6-lupdate`` finds them.

Saved with :func:`kiosk.settings.files.save_settings_change` next to the database
(the same file the CLI reads), which audits every changed field, and applied
at once through the window's ``apply_settings``; a language change switches
the screen live.

Below the form, :class:`~kiosk.ui.dialogs.ChangePinBox` changes the admin PIN
through the context's admin gate, which checks the current PIN (counting
toward the gate's lockout) and audits the change.

Who sets what depends on the context's :class:`~kiosk.wiring.SettingsMode`:
a kiosk on its own edits everything; a kiosk with a company server shows the
company-wide settings read-only, marked "Set by HR on the server", and saves
only its per-machine ones to its file; the HR workstation shows only the
company-wide ones and saves them on the server
(:func:`kiosk.sync.company_settings.save_company_change`, audited there), from
where every kiosk pulls them at its next sync.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.camera import parse_source
from kiosk.errors import KioskError
from kiosk.paths import settings_path_for
from kiosk.security.admin_gate import PinChangeVerdict
from kiosk.security.keyfile import PinKeyError
from kiosk.settings.files import save_settings_change
from kiosk.settings.merge import with_machine
from kiosk.settings.specs import COMPANY_FIELDS, SPECS, Settings, SettingSpec, SettingValue
from kiosk.sync.company_settings import save_company_change
from kiosk.ui.admin.common import AdminPage
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.dialogs import ChangePinBox
from kiosk.ui.style import MUTED, RED, set_status_colour
from kiosk.wiring import SettingsMode

log = logging.getLogger("kiosk.ui.admin")

PAGE_FIELDS: tuple[str, ...] = (
    "strictness", "cooldown_s", "checkout_after_min", "liveness_required", "liveness_challenge", "camera",
    "language", "sounds",
    "pin_fallback", "workday_start",
    "template_retention_days", "sync_warning_after_min",
    "backup_folder", "backup_keep", "disk_warning_mb",
)
"""The settings shown on this page, top to bottom. The others (detector tuning,
timeouts, device name) are for the settings file or ``KIOSK_*`` variables."""

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
"""Each language is named in itself, so someone who cannot read the current
language still finds their own."""

ACTOR = "admin"
"""Who the audit log names for changes made on this page."""

Editor = QCheckBox | QComboBox | QSpinBox | QDoubleSpinBox | QLineEdit
E = TypeVar("E", QCheckBox, QComboBox, QSpinBox, QDoubleSpinBox, QLineEdit)


def help_text(field: str) -> str:
    """The translated help line of a settings field (English if the catalogue lacks it)."""
    return QCoreApplication.translate("SettingsHelp", SPECS[field].help)


def decimals_for(step: float) -> int:
    """Decimals a spin box shows so that one ``step`` is visible (10 → 0, 0.5 → 1)."""
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


def make_editor(spec: SettingSpec, parent: QWidget) -> Editor:
    """The widget that edits a setting, configured from its spec (captions are set by the page)."""
    if spec.kind is bool:
        return QCheckBox(parent)
    if spec.choices:
        choices = QComboBox(parent)
        for value in spec.choices:
            choices.addItem(value, value)
        return choices
    if spec.kind is int:
        assert spec.minimum is not None and spec.maximum is not None
        whole = QSpinBox(parent)
        whole.setRange(int(spec.minimum), int(spec.maximum))
        whole.setSingleStep(int(spec.step))
        return whole
    if spec.kind is float:
        assert spec.minimum is not None and spec.maximum is not None
        number = QDoubleSpinBox(parent)
        number.setDecimals(decimals_for(spec.step))
        number.setRange(spec.minimum, spec.maximum)
        number.setSingleStep(spec.step)
        return number
    text = QLineEdit(parent)
    if spec.pattern:
        pattern = spec.pattern if spec.required else f"(?:{spec.pattern})?"
        expression = QRegularExpression(QRegularExpression.anchoredPattern(pattern))
        text.setValidator(QRegularExpressionValidator(expression, text))
        text.setMaximumWidth(120)  # a short, patterned value such as HH:MM
    return text


class SettingsPage(AdminPage):
    """A form over :class:`kiosk.settings.specs.Settings`; Save writes, audits and applies it."""

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.file_dialog: QFileDialog | None = None
        self.editors: dict[str, Editor] = {name: make_editor(SPECS[name], self) for name in PAGE_FIELDS}
        # Typed handles for the editors that special cases (and tests) reach for.
        self.strictness = self._editor("strictness", QComboBox)
        self.cooldown = self._editor("cooldown_s", QDoubleSpinBox)
        self.liveness = self._editor("liveness_required", QCheckBox)
        self.camera = self._editor("camera", QLineEdit)
        self.language = self._editor("language", QComboBox)
        self.sounds = self._editor("sounds", QCheckBox)
        self.pin_fallback = self._editor("pin_fallback", QCheckBox)
        self.workday_start = self._editor("workday_start", QLineEdit)

        self.liveness.toggled.connect(self._update_warning)
        self.liveness_warning = QLabel(self)
        self.liveness_warning.setWordWrap(True)
        self.liveness_warning.setStyleSheet(
            f"QLabel {{ background: {RED}; color: white; padding: 8px; border-radius: 6px; font-weight: bold; }}"
        )
        self.camera_button = QPushButton(self)
        self.camera_button.clicked.connect(self.choose_video)
        self.backup_folder = self._editor("backup_folder", QLineEdit)
        self.backup_button = QPushButton(self)
        self.backup_button.clicked.connect(self.choose_backup_folder)
        self.save_button = QPushButton(self)
        self.save_button.setMinimumHeight(40)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self)
        self.revert_button.setMinimumHeight(40)
        self.revert_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.change_pin = ChangePinBox(self)
        self.change_pin.change_requested.connect(self._on_change_pin_requested)

        self.labels = {name: QLabel(self) for name in PAGE_FIELDS}
        self.helps = {name: QLabel(self) for name in PAGE_FIELDS}
        self.hr_notes = {name: QLabel(self) for name in PAGE_FIELDS if name in COMPANY_FIELDS}
        """Beside each company-wide field on a kiosk with a server: why it cannot be changed here."""
        for note in self.hr_notes.values():
            note.setStyleSheet(f"color: {MUTED}; font-size: 14px; font-style: italic;")
        self.company_note = QLabel(self)
        """On the HR workstation: where these settings apply."""
        self.company_note.setWordWrap(True)
        self.company_note.setStyleSheet(f"color: {MUTED}; font-size: 16px; margin-bottom: 8px;")
        self.form = form = QFormLayout()
        form.setVerticalSpacing(4)
        # A narrow (portrait) screen puts each field under its label instead of clipping it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name in PAGE_FIELDS:
            help_label = self.helps[name]
            help_label.setWordWrap(True)
            help_label.setStyleSheet(f"color: {MUTED}; font-size: 14px; margin-bottom: 8px;")
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addLayout(self._editor_row(name))
            if name in self.hr_notes:
                box.addWidget(self.hr_notes[name])
            if name == "liveness_required":
                box.addWidget(self.liveness_warning)
            box.addWidget(help_label)
            form.addRow(self.labels[name], box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        # The settings and the PIN box scroll under a fixed header, so the page
        # fits a 1280×800 kiosk screen in either language as settings are added.
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.company_note)
        content_layout.addLayout(form)
        content_layout.addWidget(self.change_pin)
        content_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll_area, 1)
        # Save stays on screen however far the settings are scrolled.
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    def _editor(self, name: str, kind: type[E]) -> E:
        editor = self.editors[name]
        assert isinstance(editor, kind), f"{name} is edited with a {type(editor).__name__}"
        return editor

    def _editor_row(self, name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        editor = self.editors[name]
        if name in ("camera", "backup_folder"):
            row.addWidget(editor, 1)
            row.addWidget(self.camera_button if name == "camera" else self.backup_button)
        else:
            row.addWidget(editor)
            if isinstance(editor, QLineEdit) and SPECS[name].pattern:
                row.addStretch(1)  # keeps the short field from squeezing its help line
        return row

    @property
    def settings_path(self) -> Path:
        return settings_path_for(Path(self.context.db_path))

    @property
    def mode(self) -> SettingsMode:
        """Who sets what now (see :class:`~kiosk.wiring.SettingsMode`)."""
        return self.context.settings_mode()

    def refresh(self) -> None:
        """Show the settings the window runs with now, editable where this screen may change them."""
        current = self.context.settings
        mode = self.mode
        for row, name in enumerate(PAGE_FIELDS):
            self._show(name, getattr(current, name))
            company = name in COMPANY_FIELDS
            self.form.setRowVisible(row, company or mode is not SettingsMode.COMPANY)
            self.editors[name].setEnabled(not (company and mode is SettingsMode.MANAGED))
            if company:
                self.hr_notes[name].setVisible(mode is SettingsMode.MANAGED)
        self.company_note.setVisible(mode is SettingsMode.COMPANY)
        # The admin PIN belongs to the kiosk's gate; the workstation changes only company rules.
        self.change_pin.setVisible(mode is not SettingsMode.COMPANY)
        self._update_warning()

    def _show(self, name: str, value: SettingValue) -> None:
        editor = self.editors[name]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setValue(value)  # type: ignore[arg-type]
        else:
            editor.setText(str(value))

    def _value(self, name: str) -> SettingValue:
        editor = self.editors[name]
        spec = SPECS[name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return spec.kind(editor.currentData())
        if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            return spec.kind(editor.value())
        text = editor.text().strip()
        if not text and spec.required:
            return spec.default  # an emptied camera box means the first camera again
        return text

    def edited(self) -> Settings:
        """The settings as on screen (raises :class:`InputError` if one is out of range)."""
        return self.context.settings.replace(**{name: self._value(name) for name in PAGE_FIELDS})

    def save(self) -> bool:
        """Save what this screen may change (see :attr:`mode`), audited, then apply it to the running window.

        On its own a kiosk writes every field to its file; with a server only
        its per-machine fields (the file keeps its own company-wide values, used
        again should the kiosk ever stand alone); the HR workstation writes the
        company-wide fields to the server.
        """
        before = self.context.settings
        mode = self.mode
        try:
            settings = self.edited()
            if mode is SettingsMode.COMPANY:
                save_company_change(self.context.repo, before, settings, actor=ACTOR)
            elif mode is SettingsMode.MANAGED and self.context.machine_settings is not None:
                own = self.context.machine_settings()
                save_settings_change(
                    self.context.repo, own, with_machine(own, settings), self.settings_path, actor=ACTOR
                )
            else:
                save_settings_change(self.context.repo, before, settings, self.settings_path, actor=ACTOR)
        except (KioskError, OSError) as exc:
            set_status_colour(self.status, ok=False)
            self.status.setText(self.tr("Not saved: {error}").format(error=exc))
            return False
        self.context.apply_settings(settings)
        set_status_colour(self.status, ok=True)
        if mode is SettingsMode.COMPANY:
            self.status.setText(self.tr("Saved on the server. Each kiosk applies it at its next sync."))
        else:
            self.status.setText(self.tr("Saved to {path} and applied.").format(path=self.settings_path))
        if settings.camera != before.camera:
            self.context.use_camera(parse_source(settings.camera))
        return True

    def _on_change_pin_requested(self, current: str, new: str, repeated: str) -> None:
        try:
            verdict: PinChangeVerdict = self.context.gate.change_pin(current, new, repeated)
        except PinKeyError as exc:
            log.error("admin PIN not changed: %s", exc)
            self.change_pin.show_failure(key_file=True)
            return
        except KioskError as exc:  # the details go to the log (and Recent problems), not onto the page
            log.error("admin PIN not changed: %s", exc)
            self.change_pin.show_failure()
            return
        self.change_pin.show_verdict(verdict)

    def choose_video(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a video file to use as the camera"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Videos (*.mp4 *.mov *.avi *.mkv);;All files (*)"))
        dialog.fileSelected.connect(self.camera.setText)
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def choose_backup_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the folder for the daily backup"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.backup_folder.setText)
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def _update_warning(self) -> None:
        self.liveness_warning.setVisible(not self.liveness.isChecked())

    def titles(self) -> dict[str, str]:
        """The translated title of each field on the page."""
        return {
            "strictness": self.tr("Matching strictness"),
            "cooldown_s": self.tr("Repeat-scan cooldown"),
            "checkout_after_min": self.tr("Earliest check-out after a check-in"),
            "liveness_required": self.tr("Liveness check"),
            "liveness_challenge": self.tr("Head-movement challenge"),
            "camera": self.tr("Camera"),
            "language": self.tr("Language"),
            "sounds": self.tr("Sounds"),
            "pin_fallback": self.tr("PIN fallback"),
            "workday_start": self.tr("Workday start"),
            "template_retention_days": self.tr("Erase former staff's face and PIN after"),
            "sync_warning_after_min": self.tr("Warn when check-ins wait for the server over"),
            "backup_folder": self.tr("Backup folder"),
            "backup_keep": self.tr("Backups kept"),
            "disk_warning_mb": self.tr("Warn when free disk space is under"),
        }

    def captions(self) -> dict[str, str]:
        """The translated caption beside each check box."""
        return {
            "liveness_required": self.tr("Require a blink before a face check-in counts"),
            "sounds": self.tr("Play a sound on success and failure"),
            "pin_fallback": self.tr("Offer check-in with code and personal PIN"),
        }

    def choice_names(self) -> dict[str, dict[str, str]]:
        """The translated name of each choice of each choice list (a value lacking one shows as itself)."""
        return {
            "strictness": {
                "relaxed": self.tr("Relaxed"), "normal": self.tr("Normal (recommended)"), "strict": self.tr("Strict"),
            },
            "language": LANGUAGE_NAMES,
            "liveness_challenge": {
                "off": self.tr("Off (blink only)"),
                "after_blink": self.tr("After the blink"),
                "always": self.tr("Always, from the first look"),
            },
        }

    def unit_suffixes(self) -> dict[str, str]:
        """The translated suffix a spin box shows for each :attr:`SettingSpec.unit`."""
        return {"s": self.tr(" s"), "min": self.tr(" min"), "px": self.tr(" px"), "days": self.tr(" days"),
                "MB": self.tr(" MB")}

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.header.title.setText(self.tr("Settings"))
        titles, captions, choice_names, suffixes = (
            self.titles(), self.captions(), self.choice_names(), self.unit_suffixes()
        )
        for name in PAGE_FIELDS:
            self.labels[name].setText(titles[name])
            self.helps[name].setText(help_text(name))
            editor = self.editors[name]
            if isinstance(editor, QCheckBox):
                editor.setText(captions[name])
            elif isinstance(editor, QComboBox):
                names = choice_names.get(name, {})
                for index in range(editor.count()):
                    value = editor.itemData(index)
                    editor.setItemText(index, names.get(value, value))
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)) and SPECS[name].unit:
                editor.setSuffix(suffixes[SPECS[name].unit])
        self.liveness_warning.setText(
            self.tr("Warning: with the liveness check off, a printed photo or a phone screen can check in.")
        )
        for note in self.hr_notes.values():
            note.setText(self.tr("Set by HR on the server"))
        self.company_note.setText(
            self.tr(
                "These rules apply at every kiosk that syncs with this server, from its next sync. "
                "A rule never saved here stays as each kiosk's own settings have it."
            )
        )
        self.camera_button.setText(self.tr("Video file…"))
        self.backup_button.setText(self.tr("Folder…"))
        self.backup_folder.setPlaceholderText(self.tr("empty: no daily backup"))
        self.camera.setPlaceholderText(self.tr("0 = first camera"))
        self.workday_start.setPlaceholderText(self.tr("HH:MM"))
        self.save_button.setText(self.tr("Save and apply"))
        self.revert_button.setText(self.tr("Undo changes"))
