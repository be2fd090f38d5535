"""The PySide6 kiosk: screens and workers over the Qt-free engine.

Nothing in this package decides anything about faces or attendance; it shows
what :mod:`kiosk.engine` decided. It never imports cv2 or sqlite directly.
"""
