"""Slim a Linux one-folder kiosk bundle, and say which Debian packages it then needs.

    python installer/linux/slim_bundle.py dist/kiosk DEPENDS_FILE

Run by installer/build-linux.sh after PyInstaller, with the build's Python
(NumPy and OpenCV installed). Needs gcc, binutils (``readelf``, ``strip``),
icu-devtools (``icupkg``, ``genccode``) and dpkg. Each step prints the
megabytes it saved; installer/README.md has the table.

1. **One OpenBLAS.** OpenCV's LP64 OpenBLAS (and its libgfortran) is replaced
   by a small library forwarding to NumPy's ILP64 copy
   (``openblas_shim.c``), checked against NumPy first (``check_openblas_shim.py``).
2. **ICU data for English and Chinese.** Qt's ICU carries locale, collation and
   converter data for every language (31 MB). The kiosk speaks English and
   Simplified Chinese: the data library is rebuilt with the root, ``en*`` and
   ``zh*`` locales, every non-locale item (break rules and dictionaries,
   time zones, plural rules…), and the GB18030/GBK and Windows-1252 converters.
   Collation of Chinese names (pinyin) and English stays exactly as before.
3. **Unreachable libraries.** PyInstaller copies every library the collected
   binaries need, including those needed only by the Qt plugins the spec then
   left out (the GTK theme's cairo and pango, Qt's network and EGL libraries…)
   and OpenCV's libgfortran once step 1 replaced its OpenBLAS. A library is
   kept when the executable, a Python extension module or a kept Qt plugin
   needs it, directly or through another kept library (``DT_NEEDED``).
4. **Debug symbols of the interpreter.** A Python built from source (pyenv)
   leaves ``libpython`` and its ``lib-dynload`` modules unstripped. Only those
   are stripped: libraries inside wheels were rewritten by auditwheel, and
   stripping them breaks their segment alignment.
5. **The system's own libraries.** Copies of Debian's libraries (OpenSSL,
   libstdc++, SQLite, X11, GLib…) are removed and become package dependencies,
   so Debian's security updates reach them. The dependencies are every library
   some bundled file needs and the bundle does not carry, mapped to its Debian
   package with ``dpkg -S``; they are written to DEPENDS_FILE, one a line.
"""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
import tempfile
from pathlib import Path

MB = 1024 * 1024
HERE = Path(__file__).resolve().parent
SYSTEM_LIBRARY_DIRS = (Path("/usr/lib/x86_64-linux-gnu"), Path("/lib/x86_64-linux-gnu"), Path("/usr/lib"), Path("/lib"))

#: ICU items kept besides the locales below: converters for Chinese and Windows text.
ICU_CONVERTERS_KEPT = {"gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv", "ibm-5348_P100-1997.cnv"}
#: Locales kept (with every sub-locale: en_GB, zh_Hans_CN…); yue is what zh_Hant_HK falls back to.
ICU_LOCALES_KEPT = ("root", "en", "zh", "yue")
_ICU_LOCALE_ITEM = re.compile(r"^(?:[a-z]+/)?([a-z]{2,3}(?:_[A-Za-z0-9]*)*|root)\.res$")


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a tool; on failure, stop with its own words."""
    result = subprocess.run([str(c) for c in command], text=True, capture_output=True, check=False)
    if result.returncode != 0:
        sys.exit(f"slim_bundle: {' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return result


def folder_size(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def needed(path: Path) -> list[str]:
    """The ``DT_NEEDED`` names of an ELF file (empty for anything else)."""
    result = subprocess.run(["readelf", "-dW", str(path)], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def elf_files(internal: Path) -> list[Path]:
    return [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]


def one(internal: Path, pattern: str) -> Path:
    """The one real file of the bundle matching ``pattern`` (PyInstaller links some into place)."""
    found = {p.resolve() for p in internal.rglob(pattern)}
    if len(found) != 1:
        sys.exit(f"slim_bundle: expected one {pattern} in the bundle, found {sorted(map(str, found))}")
    return found.pop()


# ------------------------------------------------------------------ 1. OpenBLAS


def share_openblas(internal: Path) -> int:
    """Replace OpenCV's OpenBLAS by the shim over NumPy's; returns the bytes saved."""
    opencv_blas = one(internal, "libopenblasp-r0-*.so")
    numpy_blas = one(internal, "libscipy_openblas64_*.so")
    before = opencv_blas.stat().st_size
    with tempfile.TemporaryDirectory(prefix="kiosk-shim-") as folder:
        shim = Path(folder) / opencv_blas.name
        run("gcc", "-O2", "-shared", "-fPIC", "-Wall", "-Werror", "-o", shim, HERE / "openblas_shim.c",
            f"-L{numpy_blas.parent}", f"-l:{numpy_blas.name}", f"-Wl,-soname,{opencv_blas.name}",
            "-Wl,-rpath,$ORIGIN", "-Wl,--no-undefined")
        check = subprocess.run([sys.executable, HERE / "check_openblas_shim.py", shim], capture_output=True,
                               text=True, check=False)
        if check.returncode != 0:
            sys.exit(f"slim_bundle: the OpenBLAS shim failed its check:\n{check.stdout}{check.stderr}")
        print(f"  OpenBLAS shim checked: {len(check.stdout.splitlines())} routines and OpenCV calls agree with NumPy")
        opencv_blas.write_bytes(shim.read_bytes())
    return before - opencv_blas.stat().st_size


# ----------------------------------------------------------------------- 2. ICU


def _icu_item_kept(item: str) -> bool:
    name = item.rsplit("/", 1)[-1]
    if item.startswith("translit/"):
        return False  # transliteration: Qt never asks for it
    if name.endswith(".cnv"):
        return name in ICU_CONVERTERS_KEPT
    match = _ICU_LOCALE_ITEM.match(item)
    if match is None:
        return True
    locale = match.group(1)
    return any(locale == kept or locale.startswith(kept + "_") for kept in ICU_LOCALES_KEPT)


def slim_icu(internal: Path) -> int:
    """Rebuild Qt's ICU data library with English and Chinese only; returns the bytes saved."""
    library = one(internal, "libicudata.so.*")
    version = library.name.rsplit(".", 1)[-1]
    entry = f"icudt{version}"
    symbols = run("nm", "-D", "-S", library).stdout
    match = re.search(rf"^([0-9a-f]+) ([0-9a-f]+) R {entry}_dat$", symbols, re.M)
    if match is None:
        sys.exit(f"slim_bundle: {library.name} has no {entry}_dat symbol")
    address, size = int(match.group(1), 16), int(match.group(2), 16)
    sections = run("readelf", "-SW", library).stdout
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if rodata is None:
        sys.exit(f"slim_bundle: {library.name} has no .rodata section")
    offset = address - int(rodata.group(1), 16) + int(rodata.group(2), 16)
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="kiosk-icu-") as folder:
        work = Path(folder)
        with library.open("rb") as handle:
            handle.seek(offset)
            (work / f"{entry}l.dat").write_bytes(handle.read(size))
        items = run("icupkg", "-l", work / f"{entry}l.dat").stdout.split()
        kept = [item for item in items if _icu_item_kept(item)]
        (work / "kept.txt").write_text("\n".join(kept) + "\n")
        (work / "items").mkdir()
        (work / "out").mkdir()
        run("icupkg", "-x", "*", "-d", work / "items", work / f"{entry}l.dat")
        # The package's name is its file name: it must stay icudtNNl for ICU to find its items.
        run("icupkg", "-tl", "-s", work / "items", "-a", work / "kept.txt", "new", work / "out" / f"{entry}l.dat")
        run("genccode", "-e", entry, "-a", "gcc", "-d", work / "out", work / "out" / f"{entry}l.dat")
        run("gcc", "-shared", "-nostdlib", "-o", work / library.name, work / "out" / f"{entry}l_dat.S",
            f"-Wl,-soname,{library.name}")
        print(f"  ICU data: {len(kept)} of {len(items)} items kept")
        library.write_bytes((work / library.name).read_bytes())
    return before - library.stat().st_size


# --------------------------------------------------------------- 3. unreachable


def _is_root(path: Path, internal: Path) -> bool:
    """Loaded by Python or Qt by path, not as a dependency: an extension module, a Qt plugin, libpython."""
    relative = path.relative_to(internal).as_posix()
    return (
        ".cpython-" in path.name
        or path.name.endswith(".abi3.so")
        or "/plugins/" in f"/{relative}"
        or path.name.startswith("libpython")
    )


def _by_name(internal: Path) -> dict[str, set[Path]]:
    found: dict[str, set[Path]] = {}
    for path in internal.rglob("*"):
        if path.is_file() and ".so" in path.name:
            found.setdefault(path.name, set()).add(path.resolve())
    return found


def prune(bundle: Path) -> int:
    """Delete the shared libraries nothing reachable needs; returns the bytes removed."""
    internal = bundle / "_internal"
    files = elf_files(internal)
    by_name = _by_name(internal)
    queue = [bundle / "kiosk", *(p for p in files if _is_root(p, internal))]
    reachable = {p.resolve() for p in queue}
    while queue:
        for name in needed(queue.pop()):
            for target in by_name.get(name, set()) - reachable:
                reachable.add(target)
                queue.append(target)
    removed = 0
    for path in sorted(files):
        if path.resolve() in reachable or ".so" not in path.name:
            continue
        removed += path.stat().st_size
        print(f"  unused: {path.relative_to(internal)} ({path.stat().st_size / MB:.1f} MB)")
        path.unlink()
    _drop_dangling_links(internal)
    return removed


def _drop_dangling_links(internal: Path) -> None:
    for link in internal.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()


# ------------------------------------------------------------------- 4. strip


def strip_interpreter(bundle: Path) -> int:
    """Strip libpython and the standard library's extension modules; returns the bytes saved."""
    internal = bundle / "_internal"
    saved = 0
    for path in [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]:
        if path.is_symlink():
            continue
        before = path.stat().st_size
        run("strip", "--strip-unneeded", path)
        saved += before - path.stat().st_size
    return saved


# ------------------------------------------------------------ 5. system libraries


def _system_copy(name: str) -> Path | None:
    for folder in SYSTEM_LIBRARY_DIRS:
        candidate = folder / name
        if candidate.exists():
            return candidate.resolve()
    return None


def _debian_package(library: Path) -> str:
    """The Debian package that owns ``library`` (usrmerge: dpkg may know it under /lib or /usr/lib)."""
    candidates = {library, *(folder / library.name for folder in SYSTEM_LIBRARY_DIRS)}
    for path in sorted(candidates):
        result = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    sys.exit(f"slim_bundle: no Debian package owns {library}; install it from Debian or bundle it")


def use_system_libraries(bundle: Path, depends_file: Path) -> int:
    """Remove bundled copies of Debian's libraries and list what the bundle needs from Debian."""
    internal = bundle / "_internal"
    removed = 0
    for path in sorted(elf_files(internal)):
        if path.parent != internal or _is_root(path, internal) or path.name.startswith("libpython"):
            continue
        system = _system_copy(path.name)
        if system is not None and filecmp.cmp(path, system, shallow=False):
            removed += path.stat().st_size
            path.unlink()
    _drop_dangling_links(internal)
    carried = set(_by_name(internal))
    missing = {name for path in elf_files(internal) for name in needed(path)} - carried
    missing |= set(needed(bundle / "kiosk")) - carried
    packages = set()
    for name in sorted(missing):
        system = _system_copy(name)
        if system is None:
            sys.exit(f"slim_bundle: the bundle needs {name}, which neither it nor this system has")
        packages.add(_debian_package(system))
    depends_file.write_text("".join(f"{package}\n" for package in sorted(packages)))
    print(f"  {len(missing)} system libraries from {len(packages)} Debian packages: {', '.join(sorted(packages))}")
    return removed


def main() -> None:
    bundle, depends_file = Path(sys.argv[1]), Path(sys.argv[2])
    internal = bundle / "_internal"
    if not (bundle / "kiosk").is_file() or not internal.is_dir():
        sys.exit(f"{bundle} is not a PyInstaller one-folder kiosk build")
    start = folder_size(bundle)
    print(f"bundle from PyInstaller: {start / MB:.1f} MB")
    steps = (
        ("OpenCV's OpenBLAS replaced by a shim over NumPy's", lambda: share_openblas(internal)),
        ("ICU data for English and Chinese only", lambda: slim_icu(internal)),
        ("libraries nothing loads", lambda: prune(bundle)),
        ("interpreter debug symbols", lambda: strip_interpreter(bundle)),
        ("Debian's own libraries, now dependencies", lambda: use_system_libraries(bundle, depends_file)),
    )
    for title, step in steps:
        print(f"{title}: -{step() / MB:.1f} MB")
    print(f"bundle after slimming: {folder_size(bundle) / MB:.1f} MB")


if __name__ == "__main__":
    main()
