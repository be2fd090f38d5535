"""Screen languages through Qt's translation system.

Every user-visible string goes through ``self.tr("...")`` (in classes that are
not subclassed) or ``QCoreApplication.translate("Context", "...")``. Strings
with variable parts use Python named placeholders (``{name}``, ``{time}``) and
``.format()`` *after* translation, so translators move them freely but keep them.

There are two catalogues: ``kiosk`` (the kiosk screen and dialogs) and
``admin`` (admin pages, plus the settings' help texts, which
:mod:`kiosk.settings.specs` marks with ``QT_TRANSLATE_NOOP`` so that lupdate sees
them although the engine never imports Qt). Regenerate them after changing
strings (from the project root)::

    uv run pyside6-lupdate -no-obsolete kiosk/ui/*.py kiosk/ui/tools/*.py -ts resources/i18n/kiosk_zh_CN.ts
    uv run pyside6-lupdate -no-obsolete kiosk/ui/admin/*.py kiosk/settings/specs.py -ts resources/i18n/admin_zh_CN.ts
    # translate new entries (pyside6-linguist, or edit the XML), then for each:
    uv run pyside6-lrelease resources/i18n/kiosk_zh_CN.ts -qm resources/i18n/kiosk_zh_CN.qm

Commit both the ``.ts`` (source of truth) and the ``.qm`` (what runs).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from kiosk.resources import resource_dir
from kiosk.settings.specs import LANGUAGES

log = logging.getLogger("kiosk.ui")

I18N_DIR = resource_dir("i18n")

# Installed translators, kept referenced so Python does not collect them
# while Qt still uses them.
_installed: list[QTranslator] = []


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Switch ``app`` to ``language`` ("en" or "zh_CN").

    Removes translators installed by an earlier call first, so calling it again
    switches language at runtime: Qt then sends ``LanguageChange`` to every
    widget, and screens re-read their strings. Returns False (and stays in
    English) when the catalogue is missing, so a broken install still runs.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _deliver_language_change(app)
        return True
    QLocale.setDefault(QLocale(language))
    # One catalogue per part of the app (kiosk_*, admin_*), all installed.
    ours: list[QTranslator] = []
    for path in sorted(I18N_DIR.glob(f"*_{language}.qm")):
        translator = QTranslator(app)
        if translator.load(str(path)):
            ours.append(translator)
        else:
            log.warning("cannot load translation catalogue %s", path)
    if not ours:
        log.warning("no translation catalogue for %s in %s; staying in English", language, I18N_DIR)
        return False
    # Qt's own strings (OK/Cancel, file dialogs) come from the Qt install.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        base = QTranslator(app)
        if base.load(f"{name}_{language}", qt_dir):
            app.installTranslator(base)
            _installed.append(base)
            break
    for translator in ours:
        app.installTranslator(translator)
        _installed.append(translator)
    _deliver_language_change(app)
    log.info("screen language: %s", language)
    return True


def _deliver_language_change(app: QCoreApplication) -> None:
    """Retranslate now rather than at the next event-loop turn (Qt posts the events)."""
    app.sendPostedEvents(None, QEvent.Type.LanguageChange)
