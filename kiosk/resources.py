"""Where the kiosk's own data files are: translations and sounds.

They live in ``resources/`` at the top of the source tree. A built wheel
carries them as ``kiosk/resources/`` (``force-include`` in pyproject.toml), and
the PyInstaller bundle puts them in the same place beside the package
(installer/kiosk.spec), so every way of running the kiosk finds them through
:func:`resource_dir`, not through a path counted up from this file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parents[1] / "resources"


def resource_dir(*parts: str) -> Path:
    """The folder ``resources/<parts>`` of this install (it may be missing on a broken install).

    Installed packages (a wheel, the PyInstaller bundle) look inside the
    package first; a source checkout falls back to the top-level folder.
    """
    packaged = Path(str(resources.files("kiosk"))) / "resources"
    base = packaged if packaged.is_dir() else _SOURCE_TREE
    return base.joinpath(*parts)
