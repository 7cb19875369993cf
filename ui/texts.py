"""Names of the hall's things as the screens show them, translated in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hall.records import Role


def role_name(role: Role) -> str:
    if role is Role.GUIDE:
        return QCoreApplication.translate("texts", "引导员")
    if role is Role.CLERK:
        return QCoreApplication.translate("texts", "业务受理员")
    return QCoreApplication.translate("texts", "值班长")
