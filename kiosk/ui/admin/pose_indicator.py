"""The head-pose target of the enrollment wizard: where the head points now,
and which of the five angles are captured.

A dot shows the current yaw/pitch inside a target with one zone per angle;
captured zones turn green and an outer ring fills one fifth per angle, like a
progress ring. Drawn with ``QPainter``; it knows nothing about vision.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.enrollment.capture import ANGLES
from kiosk.ui.style import ACCENT, AMBER, BORDER, GREEN

FULL_SCALE_DEG = 50.0
"""Degrees of yaw or pitch at the target's rim (50: the side captures sit at
20–50°, so the whole useful range is on the dial)."""

ZONE_OFFSET = 0.55
"""Where the side zones sit, as a fraction of the radius (≈ 27°, inside the 20–50° capture range)."""

# Screen direction of each zone. The employee faces the screen, so turning to
# their own left moves the dot to their left: "left" is on the left.
_ZONE_DIRECTIONS: dict[str, tuple[float, float]] = {
    "front": (0.0, 0.0),
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "up": (0.0, -1.0),
    "down": (0.0, 1.0),
}

DONE = QColor(GREEN)
TARGET = QColor(AMBER)
IDLE = QColor("#9e9e9e")


class PoseIndicator(QWidget):
    """A target with the head-pose dot and the five angle zones.

    ``angle_name`` turns an angle code into the label drawn in its zone
    (translated by the caller).
    """

    def __init__(self, angle_name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.angle_name = angle_name
        self.yaw: float | None = None
        self.pitch: float | None = None
        self.done: tuple[str, ...] = ()
        self.target: str | None = "front"
        self.setMinimumSize(260, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_state(self, yaw: float | None, pitch: float | None, done: tuple[str, ...], target: str | None) -> None:
        self.yaw, self.pitch, self.done, self.target = yaw, pitch, tuple(done), target
        self.update()

    def heightForWidth(self, width: int) -> int:
        return width

    def hasHeightForWidth(self) -> bool:
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8
        centre = QPointF(self.width() / 2, self.height() / 2)
        ring = side / 2
        radius = ring - 14
        # Progress ring: one fifth per angle, green when captured.
        span = 360 / len(ANGLES)
        ring_rect = QRectF(centre.x() - ring + 5, centre.y() - ring + 5, 2 * ring - 10, 2 * ring - 10)
        for index, angle in enumerate(ANGLES):
            pen = QPen(DONE if angle in self.done else QColor("#e0e0e0"), 10)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            start = 90 - index * span - 2  # clockwise from 12 o'clock, with a small gap
            painter.drawArc(ring_rect, int(start * 16), int(-(span - 4) * 16))
        # Target face.
        painter.setPen(QPen(QColor(BORDER), 1))
        painter.setBrush(QColor("#fafafa"))
        painter.drawEllipse(centre, radius, radius)
        painter.drawLine(QPointF(centre.x() - radius, centre.y()), QPointF(centre.x() + radius, centre.y()))
        painter.drawLine(QPointF(centre.x(), centre.y() - radius), QPointF(centre.x(), centre.y() + radius))
        zone_radius = radius * 0.2
        font = QFont(self.font())
        font.setPixelSize(max(11, int(radius * 0.1)))
        font.setBold(True)
        painter.setFont(font)
        for angle, (dx, dy) in _ZONE_DIRECTIONS.items():
            spot = QPointF(centre.x() + dx * ZONE_OFFSET * radius, centre.y() + dy * ZONE_OFFSET * radius)
            if angle in self.done:
                colour, fill = DONE, DONE.lighter(170)
            elif angle == self.target:
                colour, fill = TARGET, TARGET.lighter(190)
            else:
                colour, fill = IDLE, QColor("white")
            painter.setPen(QPen(colour, 3 if angle == self.target else 2))
            painter.setBrush(fill)
            painter.drawEllipse(spot, zone_radius, zone_radius)
            painter.setPen(colour.darker(130))
            label = QRectF(spot.x() - zone_radius * 1.6, spot.y() - zone_radius, zone_radius * 3.2, zone_radius * 2)
            mark = "✓ " if angle in self.done else ""
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, mark + self.angle_name(angle))
        if self.yaw is None or self.pitch is None:
            return
        x = max(-1.0, min(1.0, -self.yaw / FULL_SCALE_DEG))
        y = max(-1.0, min(1.0, -self.pitch / FULL_SCALE_DEG))
        dot = QPointF(centre.x() + x * radius, centre.y() + y * radius)
        painter.setPen(QPen(QColor("white"), 3))
        painter.setBrush(QColor(ACCENT))
        painter.drawEllipse(dot, radius * 0.08, radius * 0.08)
