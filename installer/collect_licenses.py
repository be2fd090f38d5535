"""Put the licences of everything a kiosk bundle carries into the bundle's ``licenses/`` folder.

    uv run python installer/collect_licenses.py dist/kiosk build/kiosk/PYZ-00.toc

Run with the build's Python after PyInstaller, on any platform
(installer/build-linux.sh does; installer/README.md has the Windows steps).
It copies:

* ``installer/licenses/`` (the index README.md, with what the dlib model files
  allow, and the LGPL/GPL texts the Qt wheels do not ship);
* every licence, copying or notice file of each Python distribution whose
  modules are in the bundle (as files beside the executable, or in its
  archive of pure-Python modules, PyInstaller's ``PYZ-00.toc``), from its
  ``.dist-info``;
* the Python interpreter's own licence;
* on Debian, ICU's licence (Qt carries ICU) from the system's libicu package.

Prints one line per distribution and fails if a bundled distribution has no
licence file and no entry in :data:`LICENCES_IN_INDEX` (the index covers those).
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
#: Bundled distributions whose wheels carry no licence file: installer/licenses/README.md names their licence.
LICENCES_IN_INDEX = {"pyside6-essentials", "shiboken6", "chinesecalendar", "kiosk"}
#: Bundled without being imported: PyInstaller's bootloader is the ``kiosk`` executable.
ALWAYS_BUNDLED = {"pyinstaller"}
_LICENCE_WORDS = ("licen", "copying", "notice", "authors")


def _top_level_names(dist: metadata.Distribution) -> set[str]:
    names = set()
    for file in dist.files or ():
        first = PurePosixPath(str(file)).parts[0]
        if first.endswith((".dist-info", ".data")) or first in ("..", "__pycache__"):
            continue
        names.add(first.removesuffix(".py"))
    return names


def _archived_modules(pyz_toc: Path) -> set[str]:
    """Top-level names of the modules in PyInstaller's PYZ archive (its table of contents is a Python literal)."""
    _archive, entries = ast.literal_eval(pyz_toc.read_text(encoding="utf-8"))
    return {str(entry[0]).split(".")[0] for entry in entries}


def _is_bundled(dist: metadata.Distribution, internal: Path, archived: set[str]) -> bool:
    return any(
        name in archived or (internal / name).exists() or any(internal.glob(f"{name}.*"))
        for name in _top_level_names(dist)
    )


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    found = []
    for file in dist.files or ():
        parts = PurePosixPath(str(file)).parts
        if parts[0].endswith(".dist-info") and any(word in str(file).lower() for word in _LICENCE_WORDS):
            found.append(Path(str(dist.locate_file(file))))
    return found


def _python_licence() -> Path | None:
    for candidate in (
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows
        Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "LICENSE.txt",
    ):
        if candidate.is_file():
            return candidate
    return None


def main() -> None:
    bundle, pyz_toc = Path(sys.argv[1]), Path(sys.argv[2])
    internal = bundle / "_internal"
    archived = _archived_modules(pyz_toc)
    out = bundle / "licenses"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(HERE / "licenses", out)
    missing = []
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"].lower()):
        name = dist.metadata["Name"]
        if _normalized(name) not in ALWAYS_BUNDLED and not _is_bundled(dist, internal, archived):
            continue
        files = _licence_files(dist)
        target = out / f"{name}-{dist.version}"
        for file in files:
            relative = Path(str(file)).name if "licenses" not in file.parts else Path(*file.parts[
                file.parts.index("licenses") + 1:])
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target / relative)
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or "see the index"
        print(f"  {name} {dist.version}: {licence.splitlines()[0][:60]} ({len(files)} files)")
        if not files and _normalized(name) not in LICENCES_IN_INDEX:
            missing.append(name)
    python = _python_licence()
    if python is not None:
        (out / "Python").mkdir(exist_ok=True)
        shutil.copyfile(python, out / "Python" / "LICENSE.txt")
    icu = Path("/usr/share/doc")
    for copyright_file in sorted(icu.glob("libicu[0-9]*/copyright")):
        (out / "ICU").mkdir(exist_ok=True)
        shutil.copyfile(copyright_file, out / "ICU" / "copyright")
        break
    if missing:
        sys.exit(f"collect_licenses: no licence file for {', '.join(missing)}: add it to installer/licenses/")


if __name__ == "__main__":
    main()
