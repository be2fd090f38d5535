"""The engine must never pull in Qt: the CLI and servers run it headless.

Every module of the ``kiosk`` package is imported, except the GUI (``kiosk.ui``
and everything under it), in a fresh interpreter: the test process itself
has Qt loaded by the GUI tests. The modules are found by walking the package,
so a new engine module is checked the day it is added.
"""

from __future__ import annotations

import json
import subprocess
import sys

GUI_PACKAGE = "kiosk.ui"

_WALK_AND_IMPORT = """
import importlib, json, pkgutil, sys

GUI = {gui!r}
QT = ("PySide6", "shiboken6")


def engine_modules(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name == GUI or info.name.startswith(GUI + "."):
            continue  # never imported, not even to look inside
        yield info.name
        if info.ispkg:
            yield from engine_modules(importlib.import_module(info.name).__path__, info.name + ".")


import kiosk

checked, pulled_in_qt = [], {{}}
for name in engine_modules(kiosk.__path__, "kiosk."):
    importlib.import_module(name)
    checked.append(name)
    qt = sorted(m for m in sys.modules if m.split(".")[0] in QT)
    if qt and not pulled_in_qt:
        pulled_in_qt[name] = qt[:5]
print(json.dumps({{"checked": checked, "pulled_in_qt": pulled_in_qt}}))
"""


def test_engine_modules_do_not_import_qt() -> None:
    """Importing any module outside ``kiosk.ui`` (``kiosk.__main__`` included: it only
    runs the CLI under ``if __name__ == "__main__"``) leaves PySide6 and shiboken6 unloaded."""
    code = _WALK_AND_IMPORT.format(gui=GUI_PACKAGE)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    checked = report["checked"]
    # The walk really covered the engine: the package's layers, nested ones, and the entry point.
    expected = {"kiosk.engine", "kiosk.cli", "kiosk.__main__", "kiosk.vision.detect", "kiosk.storage.repository"}
    assert expected <= set(checked)
    assert not any(name == GUI_PACKAGE or name.startswith(GUI_PACKAGE + ".") for name in checked)
    culprit = report["pulled_in_qt"]
    assert culprit == {}, f"an engine module imports Qt (first culprit: the Qt modules it loaded): {culprit}"
