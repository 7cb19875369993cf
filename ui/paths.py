"""Where the shipped resources (fonts, translations) are found."""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (it may not exist: callers check)."""
    return RESOURCES_DIR.joinpath(*parts)
