"""The shift lead's staff list: add staff, deactivate, reset a password, unlock an account."""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.records import Role, StaffMember

from ui.session import HallSession
from ui.texts import role_name
from ui.widgets import repolish

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class StaffModel(QAbstractTableModel):
    class Columns(IntEnum):
        CODE = 0
        NAME = 1
        ROLE = 2
        STATE = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff: tuple[StaffMember, ...] = ()
        self._headers = {
            self.Columns.CODE: self.tr("工号"),
            self.Columns.NAME: self.tr("姓名"),
            self.Columns.ROLE: self.tr("岗位"),
            self.Columns.STATE: self.tr("状态"),
        }

    def set_staff(self, staff: tuple[StaffMember, ...]) -> None:
        self.beginResetModel()
        self._staff = staff
        self.endResetModel()

    def member(self, row: int) -> StaffMember:
        return self._staff[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._staff)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.Columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        member = self._staff[index.row()]
        column = self.Columns(index.column())
        if column is self.Columns.CODE:
            return member.code
        if column is self.Columns.NAME:
            return member.name
        if column is self.Columns.ROLE:
            return role_name(member.role)
        if not member.active:
            return self.tr("已停用")
        if member.locked_until is not None:
            return self.tr("已锁定")
        return self.tr("正常")

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.Columns(section)]
        return None


class StaffDialog(QDialog):
    """Lead only: every action goes through the lead's Desk, which checks the role again."""

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self.setWindowTitle(self.tr("员工管理"))
        self.resize(760, 620)
        self.setStyleSheet(
            "QDialog { font-size: 16px; } QLineEdit { padding: 5px; }"
            " #message { font-weight: bold; } #message[error=true] { color: #b42318; }"
            " #message[error=false] { color: #0a7a3f; }"
        )
        self.model = StaffModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.code = QLineEdit(placeholderText=self.tr("例如 2005"))
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in (Role.CLERK, Role.GUIDE, Role.LEAD):
            self.role.addItem(role_name(role), role.value)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("工号"), self.code)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("岗位"), self.role)
        form.addRow(self.tr("初始密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.password_again)
        self.add_button = QPushButton(self.tr("添加员工"))
        self.add_button.clicked.connect(self._add)
        form.addRow(self.add_button)
        add_box = QGroupBox(self.tr("添加员工"))
        add_box.setLayout(form)

        self.toggle_button = QPushButton(self.tr("停用/启用"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.unlock_button = QPushButton(self.tr("解除锁定"))
        self.toggle_button.clicked.connect(self._toggle_active)
        self.reset_button.clicked.connect(self._reset_password)
        self.unlock_button.clicked.connect(self._unlock)
        actions = QHBoxLayout()
        for button in (self.toggle_button, self.reset_button, self.unlock_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QPushButton(self.tr("完成"))
        close.clicked.connect(self.accept)
        actions.addWidget(close)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(add_box)
        layout.addWidget(self.message)
        self._reload()

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setProperty("error", error)
        self.message.setText(text)
        repolish(self.message)

    def _run(self, call: Any, done_text: str) -> None:
        def done(_result: object) -> None:
            self._say(done_text, error=False)
            self._reload()

        self._session.run(call, on_done=done, on_error=self._failed, context=self)

    def _failed(self, error: Exception) -> None:
        text = error.message if isinstance(error, HallError) else str(error)
        self._say(text, error=True)

    def _reload(self) -> None:
        self._session.run(self._desk.staff, on_done=self.model.set_staff, context=self)

    def _selected(self) -> StaffMember | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self._say(self.tr("请先在列表中选择一位员工"), error=True)
            return None
        return self.model.member(rows[0].row())

    def _add(self) -> None:
        if self.password.text() != self.password_again.text():
            self._say(self.tr("两次输入的密码不一致"), error=True)
            return
        code, name = self.code.text().strip(), self.name.text().strip()
        role, password = self.role.currentData(), self.password.text()
        desk = self._desk

        def added(_member: object) -> None:
            self._say(self.tr("已添加 {name}（{code}）").format(name=name, code=code), error=False)
            for field in (self.code, self.name, self.password, self.password_again):
                field.clear()
            self._reload()

        self._session.run(
            lambda: desk.add_staff(code=code, name=name, role=role, password=password),
            on_done=added,
            on_error=self._failed,
            context=self,
        )

    def _toggle_active(self) -> None:
        member = self._selected()
        if member is None:
            return
        desk = self._desk
        text = self.tr("已启用 {code}") if not member.active else self.tr("已停用 {code}")
        self._run(
            lambda: desk.set_staff_active(member.code, not member.active),
            text.format(code=member.code),
        )

    def _reset_password(self) -> None:
        member = self._selected()
        if member is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("重置密码"),
            self.tr("{name}（{code}）的新密码：").format(name=member.name, code=member.code),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        desk = self._desk
        self._run(
            lambda: desk.reset_password(member.code, password),
            self.tr("已重置 {code} 的密码").format(code=member.code),
        )

    def _unlock(self) -> None:
        member = self._selected()
        if member is None:
            return
        desk = self._desk
        self._run(
            lambda: desk.unlock_staff(member.code),
            self.tr("已解除 {code} 的锁定").format(code=member.code),
        )
