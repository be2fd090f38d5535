"""The attendance kiosk: face recognition at the door, an honest log for HR.

:data:`__version__` is the package version (as ``pyproject.toml`` gives it) and
:data:`RELEASE_DATE` the day that version was released. The release date is a
floor for the kiosk's clock: a computer that says it is earlier than the day
its software came out has a wrong clock (a dead CMOS battery resets it to
2000-01-01 or to the firmware's build date), and check-ins it stamps are
flagged for HR (:mod:`kiosk.attendance.clock_check`). Move both together.
"""

from datetime import date

__version__ = "0.1.0"

RELEASE_DATE = date(2026, 12, 7)
"""The day :data:`__version__` was released (a local calendar date)."""
