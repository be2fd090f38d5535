"""Guard against a reference-counting bug in PySide6 6.12.0 on Python 3.11.

On Python 3.11, ``None``, ``True`` and ``False`` are ordinary reference-counted
objects (3.12 made them immortal). PySide6 6.12.0 drops one reference each
time some calls return: ``Signal.emit`` drops one on ``True``; ``QThread.msleep``,
``QCoreApplication.processEvents``, ``QThread.quit`` and others drop one on
``None``. ``True`` starts with about 1 300 references in this app, so after
roughly a minute of 20 fps ``frame_ready`` signals the interpreter aborts with
"Fatal Python error: bool_dealloc". Measured with ``sys.getrefcount`` before
and after 200 calls (delta −200).

These three objects are never freed, so giving each a huge extra count (what
Python 3.12 does) is harmless and makes the drop unreachable in practice
(2**40 emits ≈ 1 700 years at 20 per second). Remove this module once the
project requires Python ≥ 3.12 or a PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger("kiosk.ui")

_EXTRA_REFERENCES = 1 << 40
_applied = False


def immortalize_singletons() -> bool:
    """Give None/True/False an unreachable reference count on Python < 3.12 (idempotent)."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _EXTRA_REFERENCES
    _applied = True
    log.debug("PySide6 refcount guard applied to None/True/False")
    return True
