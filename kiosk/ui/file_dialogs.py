"""File dialogs that never open the files they list.

POSIX drops *all* of a process's fcntl locks on a file when the process closes
*any* descriptor of it. Qt's file dialog guesses each listed file's type by
reading its first bytes (``QFileIconProvider`` → ``QMimeDatabase``); strace
shows it opening and closing ``attendance.sqlite``, ``-wal`` and ``-shm`` when
it lists the database's folder. After that, the kiosk's SQLite connections
hold no locks; another process (an export, a backup) then believes it is the
last user, checkpoints, and deletes the WAL and SHM under the running kiosk,
which goes on writing into deleted files.

So every dialog here is Qt's own (a platform dialog may sniff contents too),
with an icon provider that looks only at names and types, never inside files.
Dialogs open in the user's Documents folder unless told otherwise.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Folder and file icons from the style; the type column from the file suffix. Opens nothing."""

    def icon(self, what: QAbstractFileIconProvider.IconType | QFileInfo) -> QIcon:
        style = QApplication.style()
        if isinstance(what, QFileInfo):
            is_folder = what.isDir()
        else:
            is_folder = what in (
                QAbstractFileIconProvider.IconType.Folder,
                QAbstractFileIconProvider.IconType.Drive,
                QAbstractFileIconProvider.IconType.Computer,
            )
        pixmap = QStyle.StandardPixmap.SP_DirIcon if is_folder else QStyle.StandardPixmap.SP_FileIcon
        return style.standardIcon(pixmap)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


_PROVIDER: NameOnlyIconProvider | None = None


def _provider() -> NameOnlyIconProvider:
    # Dialogs do not own their icon provider: keep one alive for the whole app.
    global _PROVIDER
    if _PROVIDER is None:
        _PROVIDER = NameOnlyIconProvider()
    return _PROVIDER


def documents_folder() -> Path:
    """The user's Documents folder (their home folder where there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def file_dialog(parent: QWidget, title: str, directory: Path | None = None) -> QFileDialog:
    """A Qt file dialog that lists files without opening them (see the module docstring)."""
    dialog = QFileDialog(parent, title, str(directory or documents_folder()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(_provider())
    return dialog
