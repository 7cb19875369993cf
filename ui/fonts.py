"""The shipped Chinese font: registered at start-up and made the application's font family.

A hall PC may have no CJK font at all (everything would render as boxes), so Hall Desk brings its
own: WenQuanYi Micro Hei, which covers all of GBK (see resources/fonts/README.md).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

from ui.paths import resource_path

logger = logging.getLogger(__name__)

CJK_FONT_FILE = resource_path("fonts", "wqy-microhei.ttc")
CJK_FAMILY = "WenQuanYi Micro Hei"
BASE_POINT_SIZE = 12

_registered_family: str | None = None


def install_cjk_font(app: QGuiApplication, *, point_size: int = BASE_POINT_SIZE) -> str | None:
    """Register the shipped font once and make it the application font; return its family.

    Returns None (and logs an error) when the font file is missing or unreadable: Qt then falls
    back to whatever the system has. GUI thread only, after the QGuiApplication exists.
    """
    global _registered_family
    if _registered_family is None:
        font_id = QFontDatabase.addApplicationFont(str(CJK_FONT_FILE))
        if font_id < 0:
            logger.error("could not load the Chinese font %s", CJK_FONT_FILE)
            return None
        families = QFontDatabase.applicationFontFamilies(font_id)
        _registered_family = CJK_FAMILY if CJK_FAMILY in families else families[0]
        logger.info("registered font %r from %s", _registered_family, CJK_FONT_FILE)
    font = QFont(app.font())
    font.setFamilies([_registered_family])
    font.setPointSize(point_size)
    app.setFont(font)
    if not renders(_registered_family, "营业厅"):
        logger.error("font %r lacks Chinese characters", _registered_family)
    return _registered_family


def renders(family: str, text: str) -> bool:
    """Whether every character of ``text`` has a glyph in ``family`` (no fallback font used)."""
    metrics = QFontMetrics(QFont(family))
    # inFont(str) gives wrong answers for some CJK characters; inFontUcs4 does not.
    return all(metrics.inFontUcs4(ord(ch)) for ch in text)
