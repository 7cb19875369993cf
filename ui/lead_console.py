"""The shift lead's console: the live hall, and the lead's own actions."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError

from ui.applications_view import ApplicationsDialog
from ui.assessment_view import AssessmentView
from ui.calendar_dialog import CalendarDialog
from ui.daily_sheet_view import DailySheetView
from ui.import_dialog import ImportDialog
from ui.live_queue import LiveQueueWindow
from ui.session import HallSession
from ui.staff_dialog import StaffDialog

logger = logging.getLogger(__name__)


class LeadConsoleWindow(LiveQueueWindow):
    """The live queue with the lead's actions: staff, the display's notice, ending the day."""

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._desk = desk
        toolbar = self.addToolBar(self.tr("值班长"))
        toolbar.setObjectName("leadToolbar")
        toolbar.setMovable(False)
        toolbar.setStyleSheet("QToolBar { font-size: 16px; spacing: 12px; padding: 4px; }")
        self.staff_action = QAction(self.tr("员工管理"), self)
        self.notice_action = QAction(self.tr("大厅公告…"), self)
        self.end_day_action = QAction(self.tr("结束今日营业…"), self)
        self.applications_action = QAction(self.tr("受理单督办"), self)
        self.import_action = QAction(self.tr("导入客户档案…"), self)
        self.calendar_action = QAction(self.tr("节假日…"), self)
        self.sheet_action = QAction(self.tr("营业日报"), self)
        self.assessment_action = QAction(self.tr("员工考核"), self)
        self.sheet_action.triggered.connect(self.show_daily_sheet)
        self.assessment_action.triggered.connect(self.show_assessment)
        self.staff_action.triggered.connect(self.manage_staff)
        self.notice_action.triggered.connect(self.edit_notice)
        self.end_day_action.triggered.connect(self.end_day)
        self.applications_action.triggered.connect(self.show_applications)
        self.import_action.triggered.connect(self.import_accounts)
        self.calendar_action.triggered.connect(self.edit_calendar)
        for action in (
            self.sheet_action,
            self.assessment_action,
            self.staff_action,
            self.applications_action,
            self.import_action,
            self.calendar_action,
            self.notice_action,
            self.end_day_action,
        ):
            toolbar.addAction(action)

    def manage_staff(self) -> None:
        StaffDialog(self._session, self._desk, self).exec()

    def show_daily_sheet(self) -> None:
        self._open_report(self.tr("营业日报"), DailySheetView(self._session, self._desk))

    def show_assessment(self) -> None:
        self._open_report(self.tr("员工考核"), AssessmentView(self._session, self._desk))

    def _open_report(self, title: str, view: QWidget) -> None:
        """A report in a window of its own beside the live hall (not modal: the lead keeps
        watching the hall)."""
        window = QDialog(self)
        window.setWindowTitle(title)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        screen = self.screen().availableGeometry()
        window.resize(min(1400, screen.width() - 40), min(860, screen.height() - 40))
        window.show()

    def show_applications(self) -> None:
        """Every clerk's applications, starting with those overdue, urged or escalated."""
        ApplicationsDialog(self._session, self._desk, urgent_only=True, parent=self).exec()

    def import_accounts(self) -> None:
        report = ImportDialog.ask(self._session, self._desk, parent=self)
        if report is not None:
            self.statusBar().showMessage(
                self.tr("客户档案已导入：新增 {added} 户，更新 {updated} 户").format(
                    added=report.added, updated=report.updated
                )
            )

    def edit_calendar(self) -> None:
        CalendarDialog(self._session, self._desk, parent=self).exec()

    def edit_notice(self) -> None:
        current = self._session.latest.snapshot.notice if self._session.latest else ""
        text, ok = QInputDialog.getText(
            self,
            self.tr("大厅公告"),
            self.tr("显示屏滚动公告（留空则不显示）："),
            QLineEdit.EchoMode.Normal,
            current,
        )
        if ok:
            desk = self._desk
            self._session.run(lambda: desk.set_notice(text), on_error=self._refused, context=self)

    def end_day(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("结束今日营业"),
            self.tr("结束后不能再取号，仍在等候、挂起和过号的票将关闭。确定结束今日营业吗？"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def ended(count: int) -> None:
            self.statusBar().showMessage(
                self.tr("今日营业已结束，关闭了 %n 张未办理的票", "", count)
            )

        self._session.run(self._desk.end_day, on_done=ended, on_error=self._refused, context=self)

    def _refused(self, error: Exception) -> None:
        text = error.message if isinstance(error, HallError) else str(error)
        QMessageBox.warning(self, self.tr("未能完成"), text)
