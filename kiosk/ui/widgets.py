"""Kiosk widgets: the live preview with face boxes, the clock, the prompt banner.

Sizes are for reading at 1–2 m: the clock is 72 px, prompts 40 px, the
date and names 28 px (a 32 px line is about 1 cm high on a 23" 1080p
screen, readable at 2 m with normal sight). These are design pixels at
1280×800; :func:`kiosk.ui.style.apply_scale` scales them with the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import numpy as np
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QObject, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.prompts import Prompt, Tone
from kiosk.ui.style import TONE_COLOURS, follow_language, scaled_px
from kiosk.vision.types import Box

CLOCK_PX = 72
DATE_PX = 28
PROMPT_PX = 40
NAME_PX = 28



class PlainTextLabels(QObject):
    """Makes every ``QLabel`` in the app show its text as plain text.

    ``QLabel`` guesses: text that looks like HTML is drawn as HTML, so an
    employee named ``<img src=… width=900><font color=red>FIRED</font>``
    would draw an image and red text on the check-in banner. Nothing a user
    types is ever markup here, so every label is switched to plain text when
    Qt polishes it (before it is first shown), including labels inside
    dialogs and message boxes.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLabel):
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


_PLAIN_TEXT_LABELS: PlainTextLabels | None = None


def install_plain_text_labels(app: QCoreApplication) -> None:
    """Install :class:`PlainTextLabels` on ``app`` once."""
    global _PLAIN_TEXT_LABELS
    if _PLAIN_TEXT_LABELS is None:
        _PLAIN_TEXT_LABELS = PlainTextLabels()
        app.installEventFilter(_PLAIN_TEXT_LABELS)


def px_font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """A QImage that owns its pixels (call on the GUI thread only).

    ``QImage(buffer, ...)`` only borrows the numpy buffer, so it is copied at
    once; the array can then be freed or reused by the capture thread.
    """
    height, width = rgb.shape[:2]
    contiguous = np.ascontiguousarray(rgb)
    image = QImage(contiguous.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()


class VideoView(QWidget):
    """The camera preview, scaled to fit, with a box around every face.

    The subject's box is thick and coloured with the current tone; once the
    engine has recognised them their name sits above it.

    ``mirrored`` (default True) shows the picture as a mirror would: people
    expect their own left to be on the left of the screen, and the enrollment
    pose ring moves the same way. Only the drawing is flipped; frames, boxes
    and everything the engine sees stay in camera coordinates.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.image: QImage | None = None
        self.faces: tuple[Box, ...] = ()
        self.subject: Box | None = None
        self.subject_name: str | None = None
        self.tone = Tone.WAITING
        self.frames_shown = 0
        self.mirrored = True

    def show_frame(self, rgb: np.ndarray) -> None:
        self.image = rgb_to_qimage(rgb)
        self.frames_shown += 1
        self.update()

    def show_faces(self, faces: tuple[Box, ...], subject: Box | None, subject_name: str | None) -> None:
        self.faces, self.subject, self.subject_name = tuple(faces), subject, subject_name
        self.update()

    def clear(self) -> None:
        self.image = None
        self.faces, self.subject, self.subject_name = (), None, None
        self.update()

    def _target(self) -> QRect:
        """Where the image goes: as large as fits, aspect kept, centred."""
        assert self.image is not None
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - size.width()) // 2
        top = (self.height() - size.height()) // 2
        return QRect(left, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111111"))
        if self.image is None:
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self._target()
        image_width = self.image.width()
        if self.mirrored:
            painter.save()
            painter.translate(2 * target.left() + target.width(), 0)  # reflect about the target's centre line
            painter.scale(-1, 1)
            painter.drawImage(target, self.image)
            painter.restore()
        else:
            painter.drawImage(target, self.image)
        scale = target.width() / max(1, image_width)

        def on_screen(box: Box) -> QRectF:
            left = image_width - box.right if self.mirrored else box.left
            return QRectF(
                target.left() + left * scale,
                target.top() + box.top * scale,
                (box.right - box.left) * scale,
                (box.bottom - box.top) * scale,
            )

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for box in self.faces:
            if self.subject is not None and box == self.subject:
                continue
            painter.setPen(QPen(QColor(255, 255, 255, 170), 2))
            painter.drawRect(on_screen(box))
        if self.subject is None:
            return
        colour = QColor(TONE_COLOURS[self.tone])
        rect = on_screen(self.subject)
        painter.setPen(QPen(colour, 5))
        painter.drawRect(rect)
        if self.subject_name:
            font = px_font(scaled_px(self, NAME_PX), bold=True)
            painter.setFont(font)
            metrics = QFontMetrics(font)
            pad = scaled_px(self, 8)
            label = QRectF(
                rect.left() - 2.5,
                max(target.top(), rect.top() - metrics.height() - 2 * pad),
                metrics.horizontalAdvance(self.subject_name) + 2 * pad,
                metrics.height() + 2 * pad,
            )
            painter.fillRect(label, colour)
            painter.setPen(QColor("white"))
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.subject_name)


class ClockWidget(QWidget):
    """A large clock and the date, from the injected clock, redrawn every second."""

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.time_label = QLabel(self)
        self.time_label.setFont(px_font(CLOCK_PX, bold=True))
        self.date_label = QLabel(self)
        self.date_label.setFont(px_font(DATE_PX))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.time_label)
        layout.addWidget(self.date_label)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()
        follow_language(self, self.refresh)

    def refresh(self) -> None:
        now = self._clock()
        self.time_label.setText(now.strftime("%H:%M"))
        # The date in the screen language's own long format (e.g. 2025年3月7日星期五).
        locale = QLocale()
        today = QDate(now.year, now.month, now.day)
        self.date_label.setText(locale.toString(today, QLocale.FormatType.LongFormat))



class PromptBanner(QLabel):
    """The large, coloured message for the person at the kiosk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # names are typed by people, never markup
        self.setFont(px_font(PROMPT_PX, bold=True))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(2 * PROMPT_PX + 40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.prompt: Prompt | None = None

    def show_prompt(self, prompt: Prompt) -> None:
        self.prompt = prompt
        self.setText(prompt.text)
        self.setStyleSheet(
            f"QLabel {{ background: {TONE_COLOURS[prompt.tone]}; color: white; border-radius: 12px; padding: 16px; }}"
        )
