"""What the kiosk shows while it asks for a head movement: a large arrow and the pose ring.

The engine decides (:class:`kiosk.vision.challenge.ChallengeState`); this panel only
draws it. The ring is the enrollment wizard's :class:`PoseIndicator`: the dot
is the head's pose relative to where the person faced when the challenge
started, the asked direction's zone is highlighted, and movements already done
turn green.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.admin.pose_indicator import PoseIndicator
from kiosk.ui.style import AMBER
from kiosk.ui.widgets import px_font
from kiosk.vision.challenge import ChallengeState, Movement

ARROWS = {
    Movement.TURN_LEFT: "←",
    Movement.TURN_RIGHT: "→",
    Movement.LOOK_UP: "↑",
    Movement.NOD: "↓↑",
}
"""The arrow for each movement. The person faces the screen, so their own left is the screen's left
(the same convention as the enrollment ring)."""

ZONES = {
    Movement.TURN_LEFT: "left",
    Movement.TURN_RIGHT: "right",
    Movement.LOOK_UP: "up",
    Movement.NOD: "down",
}
"""The pose-ring zone that shows each movement."""


def zone_name(zone: str) -> str:
    """The short label drawn in a ring zone (translated in context ``ChallengePanel``)."""
    names = {
        "front": QCoreApplication.translate("ChallengePanel", "Front"),
        "left": QCoreApplication.translate("ChallengePanel", "Left"),
        "right": QCoreApplication.translate("ChallengePanel", "Right"),
        "up": QCoreApplication.translate("ChallengePanel", "Up"),
        "down": QCoreApplication.translate("ChallengePanel", "Nod"),
    }
    return names.get(zone, zone)


class ChallengePanel(QWidget):
    """A large arrow for the movement asked now, above the pose ring showing progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arrow = QLabel(self)
        self.arrow.setFont(px_font(120, bold=True))
        self.arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.arrow.setStyleSheet(f"color: {AMBER};")
        self.ring = PoseIndicator(zone_name, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.arrow)
        layout.addWidget(self.ring, 1)
        self.state: ChallengeState | None = None

    def show_state(self, state: ChallengeState) -> None:
        """Draw ``state``: the arrow of the current movement, the dot, the done zones."""
        self.state = state
        current = state.current
        self.arrow.setText(ARROWS[current] if current is not None else "")
        done = tuple(ZONES[movement] for movement in state.done)
        self.ring.set_state(state.yaw, state.pitch, done, ZONES[current] if current is not None else None)
