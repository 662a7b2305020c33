"""Installing Qt translators: ours (`resources/translations/*_en.qm`) for English, Qt's own
`qtbase_zh_CN.qm` for Chinese (so standard buttons read 确定/取消).

Source strings in the code are Simplified Chinese, so Chinese needs no translator of ours.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ipdesk.domain.i18n import is_english
from ipdesk.services.resources import resource_path

log = logging.getLogger("ipdesk.ui.i18n")

_INSTALLED: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def _qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_translators(app: QCoreApplication, lang: str) -> list[str]:
    """Replace the installed translators with those for `lang`; returns the files loaded."""
    for old in _INSTALLED:
        app.removeTranslator(old)
    _INSTALLED.clear()
    loaded: list[str] = []
    if is_english(lang):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        for qm in sorted(translations_dir().glob("*_en.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                _INSTALLED.append(translator)
                loaded.append(qm.name)
            else:
                log.warning("could not load translation %s", qm)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", _qt_translations_dir()):
            app.installTranslator(translator)
            _INSTALLED.append(translator)
            loaded.append("qtbase_zh_CN.qm")
        else:
            log.info("Qt's own Chinese translation (qtbase_zh_CN.qm) not found")
    log.debug("translators for %s: %s", lang, loaded)
    return loaded
