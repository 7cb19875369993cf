"""Languages: Qt's own translations first, then Hall Desk's compiled .qm files.

Hall Desk's source strings are Chinese (the hall's language), so ``zh_CN`` needs no translation
file of ours; other languages load ``resources/i18n/hall_desk_<lang>.qm`` when it exists.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ui.paths import resource_path

logger = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
SOURCE_LANGUAGE = "zh_CN"


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Set the default locale and install translators; keep the returned list alive."""
    locale = QLocale(language)
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    else:
        logger.info("no Qt translation for %s in %s", language, qt_dir)
    if language != SOURCE_LANGUAGE:
        ours = resource_path("i18n", f"hall_desk_{language}.qm")
        translator = QTranslator(app)
        if translator.load(str(ours)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            logger.warning("no translation %s yet: the interface stays in Chinese", ours)
    return installed
