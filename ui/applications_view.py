"""The applications (受理单) of the hall: a list to follow them up, the one selected in detail,
and what can be done with it now: 资料补齐, 已联系, 办结, 撤销, and for the shift lead 升级 and
催办. Overdue applications are flagged red.

``ApplicationsView`` is a widget: the counter shows it in a tab and the lead console in its own
window. It re-reads the list on the session's worker after every change in the hall (its own
actions included) and once a minute, so an application that falls overdue is flagged without
anyone touching it.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hall.applications import Application, ApplicationEvent
from hall.desk import Desk
from hall.errors import HallError
from hall.forms import FORMS
from hall.records import Role

from ui.application_form import default_notice_folder, due_text, hand_out_notice, write_notice
from ui.application_form import shown_value as shown_field_value
from ui.session import HallSession, LiveView, connect_view
from ui.table_model import RECORD_ROLE, RecordTableModel
from ui.widgets import named_label, set_style_property

logger = logging.getLogger(__name__)

RELOAD_EVERY_MS = 60_000
"""The list is read again this often even when nothing changed: applications fall overdue."""
LIST_LIMIT = 200
OVERDUE_TEXT = QColor("#b42318")
OVERDUE_ROW = QColor("#fde8e6")
CLOSED_TEXT = QColor("#6b7280")
WAITING_TEXT = QColor("#a15c00")
MAX_NOTE_LENGTH = 500
Reading = tuple[tuple[Application, ...], Application | None, tuple[ApplicationEvent, ...]]
"""One read of the list: the applications, and the selected one and its log as they are now."""

STYLE = """
#filterButton { font-size: 17px; min-height: 36px; padding: 0 16px; background: #ffffff;
    border: 1px solid #c5ccd4; border-radius: 4px; }
#filterButton:checked { background: #00665f; color: #ffffff; border: 1px solid #00524c;
    font-weight: bold; }
QCheckBox { font-size: 17px; }
QCheckBox::indicator { width: 20px; height: 20px; }
#accountFilter { font-size: 16px; min-height: 32px; padding: 0 12px; color: #0b4f49;
    background: #e6f2f1; border: 1px solid #b9dcd8; border-radius: 4px; }
#search { font-size: 17px; padding: 3px 6px; min-height: 30px; }
#listCount { font-size: 16px; color: #4b5563; }
QTableView {
    font-size: 17px; background: #ffffff; border: 1px solid #d6dbe1;
    alternate-background-color: #f6f8fa; selection-background-color: #d5ebe8;
    selection-color: #111827;
}
QTableView::item { padding: 0px 6px; }
QHeaderView::section {
    font-size: 15px; font-weight: bold; color: #374151; padding: 5px 8px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
#detail { font-size: 17px; background: #ffffff; border: 1px solid #d6dbe1; }
#actionBar QPushButton { font-size: 17px; min-height: 38px; padding: 0 14px; }
#actionBar QPushButton[lead="true"] { color: #8a1c12; }
#viewMessage { font-size: 16px; padding: 6px 12px; border-radius: 4px; }
#viewMessage[kind="error"] { background: #fde8e6; color: #8a1c12; border: 1px solid #f0b4ad; }
#viewMessage[kind="info"] { background: #e6f2f1; color: #0b4f49; border: 1px solid #b9dcd8; }
"""

DIALOG_STYLE = """
QDialog { font-size: 18px; background: #ffffff; }
#title { font-size: 22px; font-weight: bold; color: #111827; }
#prompt { font-size: 18px; color: #374151; }
QPlainTextEdit { font-size: 19px; border: 1px solid #c5ccd4; border-radius: 4px; }
QCheckBox { font-size: 19px; padding: 4px 2px; }
QCheckBox::indicator { width: 22px; height: 22px; }
QPushButton { font-size: 18px; min-height: 40px; padding: 0 22px; }
QPushButton:default { background: #00665f; color: #ffffff; border: none; border-radius: 4px; }
QPushButton:default:disabled { background: #9ca3af; }
"""


class Filter(IntEnum):
    """Which applications the list shows."""

    OPEN = 0  # not yet completed or cancelled
    OVERDUE = 1  # open and past their time limit
    URGENT = 2  # open and overdue, urged (催办) or escalated (升级): 督办, oldest first
    ALL = 3


FILTER_STATUS: Mapping[Filter, str | None] = {
    Filter.OPEN: "open",
    Filter.OVERDUE: "overdue",
    Filter.ALL: None,
}
"""The core's status filter of each list but URGENT (which has its own call)."""


def _when(moment: datetime | None, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


# -- the list --------------------------------------------------------------------------------


class ApplicationsModel(RecordTableModel[Application]):
    """The applications shown, one row each, in the order the core gives them. Read-only.

    Overdue rows are red; the 督办 column says which are overdue, escalated (升级) or urged
    (催办). RECORD_ROLE gives a row's Application.
    """

    class Columns(IntEnum):
        NUMBER = 0
        TITLE = 1
        CUSTOMER = 2
        STATUS = 3
        DUE = 4
        MARKS = 5
        CLERK = 6

    def __init__(self, zone: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone

    def header_texts(self) -> dict[Columns, str]:
        C = self.Columns
        return {
            C.NUMBER: self.tr("受理单号"),
            C.TITLE: self.tr("事项"),
            C.CUSTOMER: self.tr("客户"),
            C.STATUS: self.tr("状态"),
            C.DUE: self.tr("办结时限"),
            C.MARKS: self.tr("督办"),
            C.CLERK: self.tr("受理人"),
        }

    def show(self, applications: Sequence[Application]) -> None:
        self.sync(applications, key=lambda a: a.number)

    def application_at(self, row: int) -> Application | None:
        return self.record_at(row)

    def marks(self, application: Application) -> str:
        """超期 / 升级 / 催办, as they apply."""
        marks = []
        if application.overdue:
            marks.append(self.tr("超期"))
        if application.escalated:
            marks.append(self.tr("升级"))
        urged = application.urged
        if urged:
            if isinstance(urged, int) and not isinstance(urged, bool) and urged > 1:
                marks.append(self.tr("催办×{times}").format(times=urged))
            else:
                marks.append(self.tr("催办"))
        return " ".join(marks)

    def due(self, application: Application) -> str:
        if application.status == "waiting_documents":
            return self.tr("待补资料")
        if application.due_at is not None:
            return application.due_at.astimezone(self._zone).strftime("%m-%d %H:%M")
        if application.due_on is not None:
            return application.due_on.isoformat()
        return "—"

    def display(self, application: Application, column: Columns) -> str:
        C = self.Columns
        match column:
            case C.NUMBER:
                return application.number
            case C.TITLE:
                return application.title
            case C.CUSTOMER:
                return application.customer_name
            case C.STATUS:
                return application.status_label
            case C.DUE:
                return self.due(application)
            case C.MARKS:
                return self.marks(application)
            case C.CLERK:
                return application.clerk_name or application.clerk or ""
        return ""

    def alignment(self, column: Columns) -> Qt.AlignmentFlag:
        if column in (self.Columns.NUMBER, self.Columns.DUE):
            return Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def foreground(self, application: Application, column: Columns) -> QColor | None:
        if application.overdue:
            return OVERDUE_TEXT
        if not application.is_open:
            return CLOSED_TEXT
        if column == self.Columns.STATUS and application.status == "waiting_documents":
            return WAITING_TEXT
        if column == self.Columns.MARKS and (application.escalated or application.urged):
            return OVERDUE_TEXT
        return None

    def background(self, application: Application, column: Columns) -> QColor | None:
        return OVERDUE_ROW if application.overdue else None

    def bold(self, application: Application, column: Columns) -> bool:
        if column == self.Columns.NUMBER:
            return True
        return bool(application.overdue) and column in (self.Columns.DUE, self.Columns.MARKS)

    def tooltip(self, application: Application, column: Columns) -> str | None:
        if column == self.Columns.TITLE:
            return application.title
        if application.overdue:
            return self.tr("已超过办理时限")
        if application.status == "waiting_documents" and application.missing_documents:
            return self.tr("尚缺：{documents}").format(
                documents="、".join(application.missing_documents)
            )
        return None


class _SearchFilter(QSortFilterProxyModel):
    """Rows whose number, title, customer or account contain the typed text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""

    def set_text(self, text: str) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._text = text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._text = text.strip().casefold()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:  # noqa: N802
        if not self._text:
            return True
        model = self.sourceModel()
        application = model.data(model.index(source_row, 0, source_parent), RECORD_ROLE)
        if application is None:
            return False
        haystack = " ".join(
            str(part or "")
            for part in (
                application.number,
                application.title,
                application.customer_name,
                application.account,
                application.ticket_number,
            )
        ).casefold()
        return self._text in haystack


# -- asking the clerk ------------------------------------------------------------------------


class NoteDialog(QDialog):
    """Asks for a note or a reason (撤销的原因, 催办意见, ...). Use ``ask``; tests patch it."""

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        required: bool,
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._required = required
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.setStyleSheet(DIALOG_STYLE)
        heading = named_label("title", title)
        note = named_label("prompt", prompt)
        note.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(120)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(action)
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._sync)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self._sync()

    @classmethod
    def ask(
        cls,
        title: str,
        prompt: str,
        *,
        required: bool = True,
        action: str = "",
        parent: QWidget | None = None,
    ) -> str | None:
        """The note typed ("" when optional and left empty), or None when cancelled."""
        dialog = cls(title, prompt, required=required, action=action or title, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note()

    def note(self) -> str:
        return " ".join(self.text.toPlainText().split())

    def _sync(self) -> None:
        note = self.note()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled((bool(note) or not self._required) and len(note) <= MAX_NOTE_LENGTH)


class DocumentsDialog(QDialog):
    """Which of the missing documents the customer handed in now (资料补齐). Use ``ask``."""

    def __init__(self, application: Application, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("资料补齐"))
        self.setMinimumWidth(560)
        self.setStyleSheet(DIALOG_STYLE)
        heading = named_label(
            "title", self.tr("{number} 收到了哪些资料？").format(number=application.number)
        )
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(heading)
        for document in application.missing_documents:
            box = QCheckBox(document)
            self.boxes[document] = box
            layout.addWidget(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登记收到"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for box in self.boxes.values():
            box.toggled.connect(lambda _on: ok.setEnabled(bool(self.chosen())))
        ok.setEnabled(False)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, application: Application, parent: QWidget | None = None) -> tuple[str, ...] | None:
        """The documents received, or None when cancelled."""
        dialog = cls(application, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen() or None

    def chosen(self) -> tuple[str, ...]:
        return tuple(doc for doc, box in self.boxes.items() if box.isChecked())


# -- the view --------------------------------------------------------------------------------


class ApplicationsView(QWidget):
    """The applications list with the selected one's detail and actions. GUI thread only.

    ``desk``: a clerk's or the shift lead's; the lead also gets 升级 and 催办. Reads and actions
    run on ``session``'s worker, one action at a time; the core decides what is allowed, the
    buttons only offer what looks possible. ``notice_folder``: where notice slips' PDFs go.
    """

    application_selected = Signal(object)
    """The Application selected (None when none is)."""
    changed = Signal(object)
    """An action of this view changed an application (the Application, as the core returned it,
    or None when it returned nothing)."""

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        *,
        notice_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._zone = session.hall.zone
        self._folder = notice_folder if notice_folder is not None else default_notice_folder()
        self._lead = desk.role == Role.LEAD
        self._loading = False
        self._reload_again = False
        self._stale = True
        self._busy = False
        self._loaded_once = False
        self._account: str | None = None  # show this account's applications only
        self._detail: Application | None = None  # the selected application as last read
        self._events: tuple[ApplicationEvent, ...] = ()  # and its log
        self._notices: dict[str, Path] = {}  # application number -> its notice slip's PDF
        self.setStyleSheet(STYLE)

        self.model = ApplicationsModel(self._zone, self)
        self.proxy = _SearchFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()

        self._timer = QTimer(self)
        self._timer.setInterval(RELOAD_EVERY_MS)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        connect_view(session, self._hall_changed)
        self._sync_actions()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self._filters = QButtonGroup(self)
        self._filters.setExclusive(True)
        self.filter_buttons: dict[Filter, QPushButton] = {}
        for which, text in (
            (Filter.OPEN, self.tr("未办结")),
            (Filter.OVERDUE, self.tr("已超期")),
            (Filter.URGENT, self.tr("督办")),
            (Filter.ALL, self.tr("全部")),
        ):
            button = QPushButton(text)
            button.setObjectName("filterButton")
            button.setCheckable(True)
            button.setAutoDefault(False)
            self._filters.addButton(button, int(which))
            self.filter_buttons[which] = button
        self.filter_buttons[Filter.OPEN].setChecked(True)
        self.filter_buttons[Filter.URGENT].setToolTip(
            self.tr("超期、被催办或已升级的未办结受理单，最早的在前")
        )
        self._filters.idToggled.connect(self._filter_toggled)
        self.mine = QCheckBox(self.tr("只看我受理的"))
        self.mine.setVisible(not self._lead)
        self.mine.toggled.connect(lambda _on: self.reload())
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("查找单号、户号、客户"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(40)
        self.search.textChanged.connect(self._search_changed)
        self.count_label = named_label("listCount")
        self.account_button = QPushButton()
        self.account_button.setObjectName("accountFilter")
        self.account_button.setAutoDefault(False)
        self.account_button.setToolTip(self.tr("点击显示所有客户的受理单"))
        self.account_button.clicked.connect(lambda: self.set_account(None))
        self.account_button.hide()
        top = QHBoxLayout()
        top.setSpacing(6)
        for button in self.filter_buttons.values():
            top.addWidget(button)
        top.addSpacing(10)
        top.addWidget(self.mine)
        top.addWidget(self.account_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.search, 1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ApplicationsModel.Columns.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_note = named_label("listCount")

        self.detail = QTextBrowser()
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)

        self.buttons: dict[str, QPushButton] = {}
        actions: list[tuple[str, str, Callable[[], None], bool]] = [
            ("documents", self.tr("资料补齐"), self.receive_documents, False),
            ("contacted", self.tr("已联系"), self.record_contact, False),
            ("complete", self.tr("办结"), self.complete, False),
            ("cancel", self.tr("撤销"), self.cancel, False),
            ("notice", self.tr("打印一次性告知单"), self.print_notice, False),
            ("escalate", self.tr("升级"), self.escalate, True),
            ("urge", self.tr("催办"), self.urge, True),
        ]
        action_bar = QFrame()
        action_bar.setObjectName("actionBar")
        bar = QHBoxLayout(action_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        for key, text, handler, lead_only in actions:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.setProperty("lead", lead_only)
            button.clicked.connect(handler)
            button.setVisible(self._lead or not lead_only)
            self.buttons[key] = button
        first_row = ("documents", "contacted", "complete", "cancel")
        second_row = ("notice", "escalate", "urge")
        rows = QVBoxLayout()
        rows.setSpacing(6)
        for keys in (first_row, second_row):
            line = QHBoxLayout()
            line.setSpacing(6)
            for key in keys:
                line.addWidget(self.buttons[key])
            line.addStretch(1)
            rows.addLayout(line)
        bar.addLayout(rows)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(6)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(action_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.message_bar = named_label("viewMessage")
        self.message_bar.setWordWrap(True)
        self.message_bar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_bar.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self._show_detail()

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def busy(self) -> bool:
        """An action is in flight."""
        return self._busy

    @property
    def loaded(self) -> bool:
        """The list was read at least once and no read is in flight."""
        return self._loaded_once and not self._loading

    def current_filter(self) -> Filter:
        return Filter(self._filters.checkedId())

    def set_filter(self, which: Filter) -> None:
        self.filter_buttons[which].setChecked(True)

    def account(self) -> str | None:
        """The account whose applications alone are shown (None: every customer's)."""
        return self._account

    def set_account(self, account: str | None) -> None:
        """Show only the applications of ``account`` (户号), e.g. the customer at the counter;
        None shows every customer's again."""
        account = account or None
        if account == self._account:
            return
        self._account = account
        self.account_button.setText(self.tr("户号 {account} ✕").format(account=account))
        self.account_button.setVisible(account is not None)
        self.reload()

    def selected(self) -> Application | None:
        """The Application selected, as last read (None when none is)."""
        return self._detail

    def select(self, number: str) -> bool:
        """Select the application ``number`` if the list shows it."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ROLE).number == number:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def message(self) -> str:
        return self.message_bar.text() if self.message_bar.isVisible() else ""

    # -- reading -----------------------------------------------------------------------------

    def _filter_toggled(self, _which: int, checked: bool) -> None:
        if checked:
            self.reload()

    def _hall_changed(self, _view: LiveView) -> None:
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the list again (on the worker). A hidden view reads when it is shown next."""
        if not self.isVisible() and self._loaded_once:
            self._stale = True
            return
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._stale = False
        which = self.current_filter()
        mine = self.mine.isChecked() and not self._lead
        desk, account = self._desk, self._account
        selected = self._detail.number if self._detail is not None else None

        def read() -> tuple[
            tuple[Application, ...], Application | None, tuple[ApplicationEvent, ...]
        ]:
            """Worker thread: the list, and the selected application and its log as they are
            now (it may have left the list)."""
            if which == Filter.URGENT:
                listed = tuple(
                    a
                    for a in desk.urgent_applications()
                    if (account is None or a.account == account)
                    and (not mine or a.clerk == desk.code)
                )
            else:
                listed = tuple(
                    desk.applications(
                        status=FILTER_STATUS[which], account=account, mine=mine, limit=LIST_LIMIT
                    )
                )
            if selected is None:
                return listed, None, ()
            detail = next((a for a in listed if a.number == selected), None)
            if detail is None:
                detail = desk.application(selected)
            return listed, detail, tuple(desk.application_events(selected))

        self._session.run(read, on_done=self._read, on_error=self._read_failed, context=self)

    def _read(self, result: Reading) -> None:
        listed, detail, events = result
        self._loading = False
        self._loaded_once = True
        self.model.show(listed)
        if detail is not None and self._detail is not None and detail.number == self._detail.number:
            self._detail = detail
            self._events = events
            self._show_detail()
        self._show_count()
        self._sync_actions()
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _read_failed(self, error: Exception) -> None:
        self._loading = False
        self._loaded_once = True
        self._reload_again = False
        text = error.message if isinstance(error, HallError) else str(error)
        logger.warning("could not read the applications: %s", text)
        self._show_message(self.tr("读取受理单失败：{error}").format(error=text), kind="error")

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        overdue = sum(1 for a in self.model.records if a.overdue)
        text = self.tr("共 %n 件", "", total)
        if shown != total:
            text = self.tr("{shown} / {total}").format(shown=shown, total=text)
        if overdue:
            text += self.tr("，超期 %n 件", "", overdue)
        self.count_label.setText(text)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    # -- the selected application ------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        application = rows[0].data(RECORD_ROLE) if rows else None
        self._detail = application
        self._events = ()
        self._show_detail()
        self._sync_actions()
        self.application_selected.emit(application)
        if application is not None:
            self._read_detail(application.number)

    def _read_detail(self, number: str) -> None:
        desk = self._desk

        def read() -> tuple[Application, tuple[ApplicationEvent, ...]]:
            """Worker thread: the application and its log."""
            return desk.application(number), tuple(desk.application_events(number))

        def shown(result: tuple[Application, tuple[ApplicationEvent, ...]]) -> None:
            application, events = result
            if self._detail is not None and self._detail.number == application.number:
                self._detail = application
                self._events = events
                self._show_detail()
                self._sync_actions()

        self._session.run(
            read,
            on_done=shown,
            on_error=lambda error: logger.info("could not read %s: %s", number, error),
            context=self,
        )

    def _show_detail(self) -> None:
        if self._detail is None:
            self.detail.setHtml(
                "<p style='color:#6b7280; font-size:18px;'>{}</p>".format(
                    html.escape(self.tr("在左侧选择一张受理单查看详情"))
                )
            )
            return
        self.detail.setHtml(detail_html(self._detail, self._events, self._zone))

    # -- actions -----------------------------------------------------------------------------

    def _sync_actions(self) -> None:
        app = self._detail
        if app is None or self._busy or not app.is_open:
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        form = FORMS.get(app.form)
        complaint = form is not None and form.complaint
        enabled = {
            "documents": bool(app.missing_documents),
            "contacted": complaint and app.status == "accepted",
            "complete": app.status in ("accepted", "contacted"),
            "cancel": True,
            "notice": bool(app.missing_documents),
            "escalate": self._lead and not app.escalated,
            "urge": self._lead,
        }
        for key, on in enabled.items():
            self.buttons[key].setEnabled(on)

    def receive_documents(self) -> None:
        app = self._detail
        if app is None or self._busy:
            return
        documents = DocumentsDialog.ask(app, parent=self)
        if not documents:
            return
        self._act(
            functools.partial(self._desk.receive_documents, app.number, documents),
            self.tr("{number} 已登记收到资料").format(number=app.number),
        )

    def record_contact(self) -> None:
        app = self._detail
        if app is None or self._busy:
            return
        note = NoteDialog.ask(
            self.tr("已联系客户"),
            self.tr("{number}：联系了谁、怎样联系、客户怎么说").format(number=app.number),
            action=self.tr("登记"),
            parent=self,
        )
        if note is None:
            return
        self._act(
            functools.partial(self._desk.record_contact, app.number, note),
            self.tr("{number} 已登记联系客户").format(number=app.number),
        )

    def complete(self) -> None:
        app = self._detail
        if app is None or self._busy:
            return
        note = NoteDialog.ask(
            self.tr("办结"),
            self.tr("{number}：办理结果（可不填）").format(number=app.number),
            required=False,
            parent=self,
        )
        if note is None:
            return
        self._act(
            functools.partial(self._desk.complete_application, app.number, note),
            self.tr("{number} 已办结").format(number=app.number),
        )

    def cancel(self) -> None:
        app = self._detail
        if app is None or self._busy:
            return
        reason = NoteDialog.ask(
            self.tr("撤销受理单"),
            self.tr("撤销 {number} 的原因（如客户撤回申请）").format(number=app.number),
            action=self.tr("撤销"),
            parent=self,
        )
        if reason is None:
            return
        self._act(
            functools.partial(self._desk.cancel_application, app.number, reason),
            self.tr("{number} 已撤销").format(number=app.number),
        )

    def escalate(self) -> None:
        app = self._detail
        if app is None or self._busy:
            return
        note = NoteDialog.ask(
            self.tr("升级督办"),
            self.tr("{number}：为什么升级、交给谁处理").format(number=app.number),
            action=self.tr("升级"),
            parent=self,
        )
        if note is None:
            return
        self._act(
            functools.partial(self._desk.escalate, app.number, note),
            self.tr("{number} 已升级").format(number=app.number),
        )

    def urge(self) -> None:
        app = self._detail
        if app is None or self._busy:
            return
        note = NoteDialog.ask(
            self.tr("催办"),
            self.tr("{number}：催办意见").format(number=app.number),
            action=self.tr("催办"),
            parent=self,
        )
        if note is None:
            return
        self._act(
            functools.partial(self._desk.urge, app.number, note),
            self.tr("{number} 已催办").format(number=app.number),
        )

    def print_notice(self) -> None:
        """Write the selected application's 一次性告知单 (on the worker) and print it."""
        app = self._detail
        if app is None or self._busy or not app.missing_documents:
            return
        hall, folder = self._session.hall, self._folder

        def written(path: Path) -> None:
            self._show_message(hand_out_notice(path), kind="info")

        self._act(functools.partial(write_notice, hall, app, folder), None, on_result=written)

    def _act(
        self,
        call: Callable[[], Any],
        done_text: str | None,
        *,
        on_result: Callable[[Any], None] | None = None,
    ) -> None:
        if self._busy:
            return
        self._busy = True
        self.message_bar.hide()
        self._sync_actions()

        def done(result: Any) -> None:
            self._busy = False
            if on_result is not None:
                on_result(result)
            else:
                if done_text:
                    self._show_message(done_text, kind="info")
                changed = result if hasattr(result, "number") else None
                selected = self._detail
                if (
                    changed is not None
                    and selected is not None
                    and changed.number == selected.number
                ):
                    self._detail = changed
                    self._show_detail()
                self.changed.emit(changed)
            self._sync_actions()
            self.reload()

        self._session.run(call, on_done=done, on_error=self._refused, context=self)

    def _refused(self, error: Exception) -> None:
        self._busy = False
        if isinstance(error, HallError):
            logger.info("application action refused: %s (%s)", error.message, error.code)
            self._show_message(error.message, kind="error")
        else:
            logger.error("application action failed", exc_info=error)
            self._show_message(
                self.tr("操作失败，请重试或联系值班长：{error}").format(error=error), kind="error"
            )
        self._sync_actions()
        self.reload()

    def _show_message(self, text: str, *, kind: str) -> None:
        self.message_bar.setText(text)
        set_style_property(self.message_bar, "kind", kind)
        self.message_bar.show()


# -- the detail ------------------------------------------------------------------------------


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationsView", text)


def detail_html(application: Application, events: Sequence[ApplicationEvent], zone: tzinfo) -> str:
    """The application as the detail pane shows it: ID numbers and phones masked."""
    e = html.escape
    form = FORMS.get(application.form)
    parts: list[str] = []
    colour = "#b42318" if application.overdue else "#111827"
    parts.append(
        f"<p style='font-size:22px; font-weight:bold; color:{colour}; margin:0;'>"
        f"{e(application.number)} · {e(application.title)}</p>"
    )
    marks = []
    if application.overdue:
        marks.append(_tr("超期"))
    if application.escalated:
        marks.append(_tr("已升级"))
    if application.urged:
        marks.append(_tr("已催办"))
    status = e(application.status_label)
    if marks:
        status += f" <span style='color:#b42318; font-weight:bold;'>{e(' '.join(marks))}</span>"
    due = e(due_text(application, zone))
    parts.append(f"<p style='font-size:18px; margin:4px 0;'>{status} · {due}</p>")

    rows: list[tuple[str, str]] = [
        (_tr("客户"), application.customer_name),
        (_tr("户号"), application.account or "—"),
        (_tr("联系电话"), application.masked_phone or "—"),
        (
            _tr("受理"),
            _tr("{clerk}，{window}号窗口，{when}").format(
                clerk=application.clerk_name or application.clerk or "",
                window=application.window if application.window is not None else "—",
                when=_when(application.created_at, zone),
            ),
        ),
    ]
    if application.ticket_number:
        rows.append((_tr("排队号"), application.ticket_number))
    if application.category:
        rows.append((_tr("投诉类别"), application.category))
    if application.severity:
        rows.append((_tr("紧急程度"), application.severity))
    if application.contact_by is not None:
        rows.append((_tr("联系时限"), str(application.contact_by)))
    if application.against:
        rows.append((_tr("被投诉对象"), application.against))
    if application.completed_at is not None:
        rows.append((_tr("办结时间"), _when(application.completed_at, zone)))
    parts.append(_table(rows))

    fields: list[tuple[str, str]] = []
    for key, value in dict(application.fields).items():
        if value in (None, ""):
            continue
        item = None
        if form is not None:
            item = next((f for f in form.fields if f.key == key), None)
        label = item.label if item is not None else key
        fields.append((label, shown_field_value(item, value)))
    if fields:
        parts.append(_heading(_tr("申请内容")))
        parts.append(_table(fields))

    needed = tuple(application.documents_needed)
    if needed:
        parts.append(_heading(_tr("资料")))
        received = set(application.documents_received)
        lines = []
        for document in needed:
            if document in received:
                lines.append(f"<span style='color:#0a7a3f;'>✔ {e(document)}</span>")
            else:
                lines.append(
                    f"<span style='color:#b42318; font-weight:bold;'>✘ {e(document)}"
                    f"（{e(_tr('未交'))}）</span>"
                )
        parts.append("<p style='margin:2px 0;'>" + "<br>".join(lines) + "</p>")

    if events:
        parts.append(_heading(_tr("办理记录")))
        lines = []
        for event in events:
            label = event.label or event.code
            who = event.staff_name or event.staff or ""
            note = event.note or ""
            line = f"{e(_when(event.at, zone))}  <b>{e(str(label))}</b>"
            if who:
                line += f"  {e(str(who))}"
            if note:
                line += f"：{e(note)}"
            lines.append(line)
        parts.append("<p style='margin:2px 0; line-height:140%;'>" + "<br>".join(lines) + "</p>")
    return "".join(parts)


def _heading(text: str) -> str:
    return (
        "<p style='font-size:17px; font-weight:bold; color:#00665f; margin:10px 0 2px 0;'>"
        f"{html.escape(text)}</p>"
    )


def _table(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#4b5563; padding:2px 12px 2px 0; white-space:nowrap;'>"
        f"{html.escape(label)}</td><td style='padding:2px 0;'>{html.escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"


class ApplicationsDialog(QDialog):
    """The applications list in a window of its own, opened from the counter."""

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        *,
        account: str | None = None,
        urgent_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("受理单"))
        self.view = ApplicationsView(session, desk, parent=self)
        if urgent_only:
            self.view.set_filter(Filter.URGENT)
        self.view.set_account(account)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width() - 40), min(760, screen.height() - 40))
