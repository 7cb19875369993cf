"""Sign-in: who is working, and at which workstation of the hall.

The choice of workstation is remembered on this PC (the ticket desk PC opens as a ticket desk
tomorrow too). The core decides what each role may do; this dialog only refuses the obvious
mismatches up front (a guide at a counter) so that nobody signs in to a screen they cannot use.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hall.demo import DemoAccount
from hall.desk import Desk
from hall.errors import HallError
from hall.records import Role

from ui.session import HallSession, LiveView, connect_view
from ui.texts import role_name

logger = logging.getLogger(__name__)


class StationKind(StrEnum):
    TICKET_DESK = "ticket_desk"
    COUNTER = "counter"
    DISPLAY = "display"
    RATING_PAD = "rating_pad"
    LEAD_CONSOLE = "lead_console"


# Who may open which workstation (the display and the pads are set up by any staff member).
ALLOWED_ROLES = {
    StationKind.TICKET_DESK: (Role.GUIDE, Role.LEAD),
    StationKind.COUNTER: (Role.CLERK, Role.LEAD),
    StationKind.DISPLAY: tuple(Role),
    StationKind.RATING_PAD: tuple(Role),
    StationKind.LEAD_CONSOLE: (Role.LEAD,),
}
NEEDS_WINDOW = (StationKind.COUNTER, StationKind.RATING_PAD)


@dataclass(frozen=True, slots=True)
class Workstation:
    kind: StationKind
    window: int | None = None


class SignInDialog(QDialog):
    """Asks for staff code, password and workstation; signs in on the database worker."""

    def __init__(
        self,
        session: HallSession,
        *,
        demo_accounts: tuple[DemoAccount, ...] = (),
        demo_password: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = QSettings()
        self.desk: Desk | None = None
        self.station: Workstation | None = None
        self.setWindowTitle(self.tr("签到 · 选择工作站"))
        self.setMinimumWidth(640)
        self.setStyleSheet(
            "QDialog { font-size: 17px; } QLineEdit, QSpinBox { padding: 6px; }"
            " QPushButton[station=true] { padding: 14px 10px; font-size: 17px; }"
            " QPushButton[station=true]:checked { background: #00665f; color: white; }"
            " #hallName { font-size: 24px; font-weight: bold; color: #00665f; }"
            " #error { color: #b42318; font-weight: bold; }"
        )
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("hallName")
        layout.addWidget(self.title)
        layout.addWidget(QLabel(self.tr("请选择本机的工作站，并输入工号和密码：")))

        self._stations = QButtonGroup(self)
        grid = QGridLayout()
        labels = {
            StationKind.TICKET_DESK: self.tr("取号台"),
            StationKind.COUNTER: self.tr("窗口柜台"),
            StationKind.DISPLAY: self.tr("大厅显示屏"),
            StationKind.RATING_PAD: self.tr("评价器"),
            StationKind.LEAD_CONSOLE: self.tr("值班长控制台"),
        }
        self._station_buttons: dict[StationKind, QPushButton] = {}
        for i, (kind, label) in enumerate(labels.items()):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setProperty("station", True)
            self._stations.addButton(button)
            self._station_buttons[kind] = button
            grid.addWidget(button, 0, i)
        layout.addLayout(grid)

        self.code = QLineEdit(placeholderText=self.tr("工号"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.window_number = QSpinBox(minimum=1, maximum=99)
        form = QFormLayout()
        form.addRow(self.tr("工号"), self.code)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("窗口号"), self.window_number)
        layout.addLayout(form)
        self._window_label = form.labelForField(self.window_number)

        if demo_accounts:
            layout.addWidget(self._demo_table(demo_accounts, demo_password))

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("签到"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._stations.buttonToggled.connect(self._station_changed)
        self._restore_choice()
        self.code.setFocus()
        connect_view(session, self._show_hall)

    def _show_hall(self, view: LiveView) -> None:
        self.title.setText(view.hall_name)

    def done(self, result: int) -> None:
        self._session.view_changed.disconnect(self._show_hall)
        super().done(result)

    @classmethod
    def ask(
        cls,
        session: HallSession,
        *,
        demo_accounts: tuple[DemoAccount, ...] = (),
        demo_password: str = "",
        parent: QWidget | None = None,
    ) -> tuple[Desk, Workstation] | None:
        """Run the dialog; the signed-in desk and the chosen workstation, or None if cancelled."""
        dialog = cls(
            session, demo_accounts=demo_accounts, demo_password=demo_password, parent=parent
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        assert dialog.desk is not None and dialog.station is not None
        return dialog.desk, dialog.station

    def choose(self, kind: StationKind, window: int | None = None) -> None:
        self._station_buttons[kind].setChecked(True)
        if window is not None:
            self.window_number.setValue(window)

    def selected_station(self) -> Workstation:
        checked = self._stations.checkedButton()
        kind = next(k for k, b in self._station_buttons.items() if b is checked)
        return Workstation(kind, self.window_number.value() if kind in NEEDS_WINDOW else None)

    def _demo_table(self, accounts: tuple[DemoAccount, ...], password: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            QLabel(self.tr("演示账号（密码均为 {password}），双击填入：").format(password=password))
        )
        table = QTableWidget(len(accounts), 4)
        table.setHorizontalHeaderLabels(
            [self.tr("工号"), self.tr("姓名"), self.tr("岗位"), self.tr("窗口")]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, account in enumerate(accounts):
            cells = (
                account.code,
                account.name,
                role_name(Role(account.role)),
                str(account.window or ""),
            )
            for col, text in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeRowsToContents()
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(rows_height + table.horizontalHeader().sizeHint().height() + 4)

        def fill(row: int, _column: int) -> None:
            account = accounts[row]
            self.code.setText(account.code)
            self.password.setText(password)
            role = Role(account.role)
            if role is Role.GUIDE:
                self.choose(StationKind.TICKET_DESK)
            elif role is Role.CLERK:
                self.choose(StationKind.COUNTER, account.window)
            else:
                self.choose(StationKind.LEAD_CONSOLE)

        table.cellDoubleClicked.connect(fill)
        layout.addWidget(table)
        return box

    def _restore_choice(self) -> None:
        saved = self._settings.value("signin/station", StationKind.COUNTER.value)
        try:
            kind = StationKind(str(saved))
        except ValueError:
            kind = StationKind.COUNTER
        self.choose(kind, int(self._settings.value("signin/window", 1)))
        self._station_changed()

    def _station_changed(self, *_args: object) -> None:
        needs_window = self.selected_station().kind in NEEDS_WINDOW
        self.window_number.setEnabled(needs_window)
        if self._window_label is not None:
            self._window_label.setEnabled(needs_window)

    def _submit(self) -> None:
        code = self.code.text().strip()
        password = self.password.text()
        if not code or not password:
            self.error.setText(self.tr("请输入工号和密码"))
            return
        station = self.selected_station()
        window = station.window if station.kind is StationKind.COUNTER else None
        hall = self._session.hall
        self.buttons.setEnabled(False)
        self.error.clear()
        self._session.run(
            lambda: hall.sign_in(code, password, window=window),
            on_done=lambda desk: self._signed_in(desk, station),
            on_error=self._failed,
            context=self,
        )

    def _signed_in(self, desk: Desk, station: Workstation) -> None:
        self.buttons.setEnabled(True)
        if desk.role not in ALLOWED_ROLES[station.kind]:
            self.error.setText(self.tr("您的岗位不能打开这个工作站，请重新选择"))
            self._session.run(desk.sign_out, context=self)
            return
        self._settings.setValue("signin/station", station.kind.value)
        if station.window is not None:
            self._settings.setValue("signin/window", station.window)
        self.desk, self.station = desk, station
        logger.info("%s opens %s", desk.code, station)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, HallError):
            self.error.setText(error.message)
        else:
            self.error.setText(self.tr("签到失败：{error}").format(error=error))
        self.password.selectAll()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
