"""The engine must never pull in Qt: the CLI and servers run it headless."""

from __future__ import annotations

import subprocess
import sys

ENGINE_MODULES = [
    "kiosk.errors", "kiosk.settings", "kiosk.camera", "kiosk.matching", "kiosk.enrollment",
    "kiosk.engine", "kiosk.attendance", "kiosk.export", "kiosk.security", "kiosk.evaluation",
    "kiosk.bench", "kiosk.cli", "kiosk.storage.repository", "kiosk.vision.detect",
    "kiosk.vision.liveness", "kiosk.vision.track", "kiosk.vision.pose", "kiosk.vision.quality",
]


def test_engine_modules_do_not_import_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {ENGINE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
