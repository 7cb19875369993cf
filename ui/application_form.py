"""Filling in an application form (受理单) at the counter: the form drawn from its fields, each
field checked as the clerk types, the documents checklist, saving, and the 一次性告知单 when
documents are missing.

The form is data (``hall.forms``): this module draws whatever fields a ``FormKind`` has. The
checks are the core's own (``check_field``/``check_form``), run on the GUI thread (they are pure);
saving and writing the notice slip's PDF run on the session's worker.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QRegularExpression,
    QSettings,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hall.applications import Application
from hall.clock import business_day
from hall.desk import Desk
from hall.errors import HallError, InvalidInput
from hall.facade import Hall
from hall.forms import (
    COMPLAINT_CONTACT_DAYS,
    FORMS,
    Field,
    FieldKind,
    FormKind,
    check_field,
    check_form,
    forms_for,
)
from hall.notice_slip import write_notice_slip

from ui.payment_dialog import RECEIPT_PRINTER_KEY, paint_pdf
from ui.printing import APP_DATA_NAME
from ui.session import HallSession
from ui.widgets import DIALOG_STYLE, named_label, set_style_property

logger = logging.getLogger(__name__)

# The date a date field holds while nothing was chosen (shown as its "special value" text).
NO_DATE = QDate(2000, 1, 1)
LAST_DATE = QDate(2100, 12, 31)
# Kinds whose input is wide enough to show the field's hint as its placeholder; the others show
# it under the input.
PLACEHOLDER_HINTS = frozenset(
    {
        FieldKind.TEXT,
        FieldKind.LONG_TEXT,
        FieldKind.ID_NUMBER,
        FieldKind.MOBILE,
        FieldKind.PHONE,
        FieldKind.ACCOUNT,
        FieldKind.CREDIT_CODE,
    }
)
# Most characters an input accepts, by kind; a TEXT field's own max_length wins.
INPUT_LENGTHS = {
    FieldKind.ID_NUMBER: 30,
    FieldKind.MOBILE: 20,
    FieldKind.PHONE: 30,
    FieldKind.ACCOUNT: 20,
    FieldKind.CREDIT_CODE: 25,
    FieldKind.INT: 9,
}

STYLE = (
    DIALOG_STYLE
    + """
#subtitle { font-size: 17px; color: #4b5563; }
#fieldTitle { font-size: 18px; color: #374151; padding-top: 8px; }
#fieldMessage { font-size: 15px; color: #6b7280; min-height: 20px; }
#fieldMessage[kind="error"] { color: #b42318; font-weight: bold; }
#unit { font-size: 18px; color: #4b5563; }
#formScroll { border: none; background: #ffffff; }
#fields { background: #ffffff; }
QLineEdit, QComboBox, QDateEdit { font-size: 20px; padding: 3px 6px; min-height: 34px; }
QLineEdit[invalid="true"], QComboBox[invalid="true"], QDateEdit[invalid="true"],
QPlainTextEdit[invalid="true"] { border: 2px solid #b42318; border-radius: 3px; }
QPlainTextEdit { font-size: 19px; border: 1px solid #c5ccd4; border-radius: 3px; }
QGroupBox { font-size: 18px; font-weight: bold; color: #1f2937; border: 1px solid #d6dbe1;
    border-radius: 6px; margin-top: 14px; padding: 10px 8px 6px 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QCheckBox { font-size: 19px; font-weight: normal; padding: 3px 2px; }
QCheckBox::indicator { width: 22px; height: 22px; }
#summary { font-size: 16px; color: #6b7280; }
#summary[kind="ready"] { color: #0a7a3f; font-weight: bold; }
#summary[kind="missing"] { color: #a15c00; font-weight: bold; }
#applicationNumber { font-size: 34px; font-weight: bold; color: #0a7a3f; }
#summaryLine { font-size: 20px; color: #1f2937; }
#dueLine { font-size: 20px; font-weight: bold; color: #1d63c9; }
#missingTitle { font-size: 20px; font-weight: bold; color: #8a1c12; }
#missingList { font-size: 20px; color: #8a1c12; background: #fdf3f2; border: 1px solid #f0b4ad;
    border-radius: 6px; padding: 10px 14px; }
#printNote { font-size: 16px; color: #4b5563; }
QListWidget { font-size: 20px; border: 1px solid #c5ccd4; }
QListWidget::item { padding: 8px 6px; }
QListWidget::item:selected { background: #cfe3f7; color: #111827; }
QPushButton { font-size: 18px; min-height: 42px; padding: 0 22px; }
"""
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationFormDialog", text)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


# -- shared with the applications list -------------------------------------------------------


def hall_today(hall: Hall) -> date:
    """The hall's business day now (what the form checks count from)."""
    return business_day(hall.clock(), hall.zone)


def default_notice_folder() -> Path:
    return Path(user_data_dir(APP_DATA_NAME, appauthor=False)) / "notices"


def notice_pdf_path(folder: Path, application: Application) -> Path:
    """``<folder>/<YYYY-MM-DD>/<number>.pdf``: the day the application was saved, hall time."""
    return folder / application.created_at.date().isoformat() / f"{application.number}.pdf"


def write_notice(hall: Hall, application: Application, folder: Path) -> Path:
    """Worker thread: write the 一次性告知单 of ``application`` as a PDF; where it is."""
    path = notice_pdf_path(folder, application)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_notice_slip(application, hall.name, path)
    return path


def print_pdf(pdf_path: Path) -> str | None:
    """Print a PDF on this counter's printer (the receipt printer); None when sent, else why not
    (in Chinese). GUI thread. Tests patch this."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    name = str(QSettings().value(RECEIPT_PRINTER_KEY, "", type=str) or "")
    if not name:
        return _tr("未设置本窗口的打印机")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return _tr("无法打开打印机“{name}”").format(name=name)
    return paint_pdf(QPrinter(info, QPrinter.PrinterMode.HighResolution), pdf_path)


def open_pdf(pdf_path: Path) -> bool:
    """Open a PDF in the system's viewer (to print it from there). Tests patch this."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf_path)))


def hand_out_notice(pdf_path: Path) -> str:
    """Print the notice slip, or open it when it cannot be printed here; what happened, in
    Chinese, for the clerk. GUI thread."""
    reason = print_pdf(pdf_path)
    if reason is None:
        return _tr("一次性告知单已送打印机")
    if open_pdf(pdf_path):
        return _tr("{reason}，已打开告知单PDF，请从PDF阅读器打印：{path}").format(
            reason=reason, path=str(pdf_path)
        )
    return _tr("{reason}，告知单PDF已保存：{path}").format(reason=reason, path=str(pdf_path))


def shown_value(item: Field | None, value: object) -> str:
    """A field value of an Application (the core masks ID numbers and phones) as a list or
    detail shows it."""
    if value in (None, ""):
        return "—"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if item is not None and item.kind == FieldKind.INT and item.unit:
        return f"{text} {item.unit}"
    return text


def form_of(code: str) -> FormKind | None:
    return FORMS.get(code)


def required_label(item: Field) -> str:
    """The field's label as rich text, with a red star when it must be filled in."""
    label = item.label.replace("&", "&amp;").replace("<", "&lt;")
    if item.required:
        return f'{label}<span style="color:#b42318;"> *</span>'
    return label


# -- choosing a form -------------------------------------------------------------------------


class FormChooserDialog(QDialog):
    """Which form to fill in, for a business with several (变更用电: 更名/过户, 销户, ...)."""

    def __init__(self, forms: Sequence[FormKind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("选择受理单"))
        self.setMinimumSize(520, 480)
        self.setStyleSheet(STYLE)
        self.choices = QListWidget()
        for form in forms:
            item = QListWidgetItem(form.title)
            item.setData(Qt.ItemDataRole.UserRole, form.code)
            self.choices.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("填写"))
        ok.setDefault(True)
        ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choices.itemSelectionChanged.connect(lambda: ok.setEnabled(self.chosen() is not None))
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(named_label("title", self.tr("办理哪一项？")))
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, forms: Sequence[FormKind], parent: QWidget | None = None) -> str | None:
        dialog = cls(forms, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def chosen(self) -> str | None:
        items = self.choices.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None


def choose_form(parent: QWidget | None, business: str) -> str | None:
    """The code of the form to fill in for a ticket of ``business``: its only form, the one the
    clerk picks when it has several, or None (no form, or cancelled)."""
    forms = forms_for(business)
    if not forms:
        return None
    if len(forms) == 1:
        return forms[0].code
    return FormChooserDialog.ask(forms, parent)


# -- one field on screen ---------------------------------------------------------------------


class _WheelGuard(QObject):
    """Lets the mouse wheel scroll the form instead of changing a choice or date it passes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            parent = watched.parentWidget()
            if parent is not None:  # on to the scroll area, as if the input were not there
                QCoreApplication.sendEvent(parent, event)
            return True
        return False


class _PopupToday(QObject):
    """Opens a date field's calendar on this month while no date is chosen."""

    def __init__(self, edit: QDateEdit, today: Callable[[], date]) -> None:
        super().__init__(edit)
        self._edit = edit
        self._today = today

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and self._edit.date() == NO_DATE:
            today = self._today()
            self._edit.calendarWidget().setCurrentPage(today.year, today.month)
        return False


@dataclass
class FieldRow:
    """The widgets of one field: its title, its input (``editor``: what takes focus; ``widget``:
    what is laid out, the input with its unit) and the message under it."""

    field: Field
    title: QLabel
    editor: QWidget
    widget: QWidget
    message: QLabel

    def value(self) -> object:
        """What the clerk entered, as ``check_field`` takes it (None: nothing)."""
        editor = self.editor
        if isinstance(editor, QComboBox):
            return editor.currentData() if editor.currentIndex() >= 0 else None
        if isinstance(editor, QDateEdit):
            chosen = editor.date()
            return None if chosen == NO_DATE else pydate(chosen)
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def set_value(self, value: object) -> None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value) if value is not None else -1)
        elif isinstance(editor, QDateEdit):
            editor.setDate(qdate(value) if isinstance(value, date) else NO_DATE)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        else:
            assert isinstance(editor, QLineEdit)
            editor.setText("" if value is None else str(value))

    def show_message(self, error: str | None) -> None:
        if error:
            self.message.setText(error)
            set_style_property(self.message, "kind", "error")
        else:
            self.message.setText(self.hint())
            set_style_property(self.message, "kind", "hint")
        set_style_property(self.editor, "invalid", bool(error))

    def hint(self) -> str:
        """The hint under the field when nothing is wrong (a wide input's is its placeholder)."""
        if self.field.kind in PLACEHOLDER_HINTS:
            return ""
        return self.field.hint


def make_field_row(
    item: Field,
    on_change: Callable[[str], None],
    today: Callable[[], date],
    wheel_guard: QObject,
) -> FieldRow:
    """The title, input and message of ``item``; ``on_change(key)`` whenever its value changes."""
    title = QLabel(required_label(item))
    title.setObjectName("fieldTitle")
    title.setTextFormat(Qt.TextFormat.RichText)
    title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    changed = functools.partial(on_change, item.key)
    editor: QWidget
    widget: QWidget
    match item.kind:
        case FieldKind.CHOICE:
            combo = QComboBox()
            combo.setPlaceholderText(_tr("请选择"))
            if not item.required:
                combo.addItem(_tr("（不填）"), None)
            for choice in item.choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(-1)
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(wheel_guard)
            combo.currentIndexChanged.connect(lambda _index: changed())
            editor = widget = combo
        case FieldKind.DATE:
            edit = QDateEdit()
            edit.setMaximumWidth(260)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDateRange(NO_DATE, LAST_DATE)
            edit.setSpecialValueText(_tr("请选择日期"))
            edit.setDate(NO_DATE)
            edit.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            edit.installEventFilter(wheel_guard)
            edit.calendarWidget().installEventFilter(_PopupToday(edit, today))
            edit.dateChanged.connect(lambda _date: changed())
            editor = widget = edit
        case FieldKind.LONG_TEXT:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(84)
            if item.hint:
                text.setPlaceholderText(item.hint)
            text.textChanged.connect(changed)
            editor = widget = text
        case _:
            line = QLineEdit()
            line.setMaxLength(
                item.max_length if item.kind == FieldKind.TEXT else INPUT_LENGTHS[item.kind]
            )
            if item.kind in PLACEHOLDER_HINTS and item.hint:
                line.setPlaceholderText(item.hint)
            line.textChanged.connect(lambda _text: changed())
            editor = widget = line
            if item.kind == FieldKind.INT:
                line.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*"), line))
                line.setMaximumWidth(180)
                line.setAlignment(Qt.AlignmentFlag.AlignRight)
                widget = QWidget()
                with_unit = QHBoxLayout(widget)
                with_unit.setContentsMargins(0, 0, 0, 0)
                with_unit.addWidget(line)
                if item.unit:
                    with_unit.addWidget(named_label("unit", item.unit))
                if item.minimum is not None and item.maximum is not None:
                    line.setPlaceholderText(f"{item.minimum}–{item.maximum}")
                with_unit.addStretch(1)
    editor.setObjectName(f"field_{item.key}")
    message = named_label("fieldMessage")
    message.setWordWrap(True)
    row = FieldRow(item, title, editor, widget, message)
    row.show_message(None)
    return row


# -- the form --------------------------------------------------------------------------------


class ApplicationFormDialog(QDialog):
    """Fills in and saves one application (受理单) of the form ``form_code`` for ``desk``.

    Use ``ask``; tests patch it. ``account`` goes into the form's 户号 field, ``prefill`` (field
    key -> value) into any field. When the form's business has several forms, a choice at the
    top switches between them, keeping what was typed into the fields they share. 保存 is enabled
    only while ``check_form`` finds nothing wrong; the core checks again when saving and any
    field it refuses is marked. GUI thread only: saving and the notice slip's PDF run on
    ``session``'s worker, one call at a time.
    """

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        form_code: str,
        *,
        account: str | None = None,
        prefill: Mapping[str, object] | None = None,
        notice_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if form_code not in FORMS:
            raise KeyError(form_code)
        self._session = session
        self._desk = desk
        self._folder = notice_folder if notice_folder is not None else default_notice_folder()
        self._form: FormKind = FORMS[form_code]
        self._rows: list[FieldRow] = []
        self._touched: set[str] = set()
        self._server_errors: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._cleaned: dict[str, object] = {}
        self._shown_keys: tuple[str, ...] = ()
        self._busy = False
        self._loading = False
        self._application: Application | None = None
        self._pdf_path: Path | None = None
        self._wheel_guard = _WheelGuard(self)
        self.document_boxes: dict[str, QCheckBox] = {}

        self.setWindowTitle(self.tr("受理单"))
        self.setStyleSheet(STYLE)
        self.setMinimumSize(900, 560)
        self.resize(1120, 720)

        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_form_page())
        self._pages.addWidget(self._build_done_page())
        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self.error)

        values = dict(prefill or {})
        if account:
            for item in self._form.fields:
                if item.kind == FieldKind.ACCOUNT:
                    values.setdefault(item.key, account)
        self._load_form(self._form, values)

    # -- building ----------------------------------------------------------------------------

    def _build_form_page(self) -> QWidget:
        page = QWidget()
        self.title = named_label("title")
        self.subtitle = named_label("subtitle")
        self.form_choice = QComboBox()
        self.form_choice.setObjectName("formChoice")
        siblings = forms_for(self._form.business)
        for form in siblings:
            self.form_choice.addItem(form.title, form.code)
        self.form_choice.setCurrentIndex(self.form_choice.findData(self._form.code))
        self.form_choice.currentIndexChanged.connect(self._form_chosen)
        self.form_choice.setMinimumWidth(240)
        self.form_choice.setToolTip(self.tr("同一业务的其他受理单，已填的相同项目会保留"))
        choice_title = named_label("subtitle", self.tr("办理事项"))
        for widget in (self.form_choice, choice_title):
            widget.setVisible(len(siblings) > 1)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(choice_title)
        heading.addWidget(self.form_choice)

        self._fields_widget = QWidget()
        self._fields_widget.setObjectName("fields")
        self._grid = QGridLayout(self._fields_widget)
        self._grid.setContentsMargins(0, 0, 12, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(0)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(4, 1)
        self._grid.setColumnMinimumWidth(2, 24)

        self.documents_box = QGroupBox(self.tr("应交资料（收到的请勾选）"))
        self._documents_grid = QGridLayout(self.documents_box)
        self._documents_grid.setHorizontalSpacing(24)
        self._documents_grid.setVerticalSpacing(2)

        inner = QWidget()
        inner.setObjectName("fields")
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.setSpacing(6)
        inner_layout.addWidget(self._fields_widget)
        inner_layout.addWidget(self.documents_box)
        inner_layout.addStretch(1)
        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("formScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(inner)

        self.summary = named_label("summary")
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.form_scroll, 1)
        layout.addLayout(buttons)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.done_title = named_label("title", self.tr("受理成功"))
        self.number_label = named_label("applicationNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_line = named_label("summaryLine")
        self.summary_line.setWordWrap(True)
        self.due_line = named_label("dueLine")
        self.due_line.setWordWrap(True)
        self.missing_title = named_label(
            "missingTitle", self.tr("资料未齐，请向客户出具一次性告知单，尚缺：")
        )
        self.missing_list = named_label("missingList")
        self.missing_list.setWordWrap(True)
        self.print_note = named_label("printNote")
        self.print_note.setWordWrap(True)
        self.print_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_button = QPushButton(self.tr("打印一次性告知单"))
        self.notice_button.setAutoDefault(False)
        self.notice_button.clicked.connect(self.print_notice)
        self.done_button = QPushButton(self.tr("完成"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.done_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.done_title)
        layout.addWidget(self.number_label)
        layout.addWidget(self.summary_line)
        layout.addWidget(self.due_line)
        layout.addWidget(self.missing_title)
        layout.addWidget(self.missing_list)
        layout.addWidget(self.print_note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _load_form(self, form: FormKind, values: Mapping[str, object]) -> None:
        """Draw ``form``'s fields and checklist, filled with ``values`` where keys match."""
        self._loading = True
        for row in self._rows:
            for widget in (row.title, row.widget, row.message):
                self._grid.removeWidget(widget)
                widget.deleteLater()
        for box in self.document_boxes.values():
            self._documents_grid.removeWidget(box)
            box.deleteLater()
        self._form = form
        self._touched = set()
        self._server_errors = {}
        self._shown_keys = ()
        self._rows = [
            make_field_row(item, self._field_changed, self._today, self._wheel_guard)
            for item in form.fields
        ]
        for row in self._rows:
            if values.get(row.field.key) not in (None, ""):
                row.set_value(values[row.field.key])
                self._touched.add(row.field.key)
        self.document_boxes = {}
        for n, document in enumerate(form.documents):
            box = QCheckBox(document)
            box.toggled.connect(self._sync)
            self.document_boxes[document] = box
            self._documents_grid.addWidget(box, n // 2, n % 2)
        self.documents_box.setVisible(bool(form.documents))
        self.title.setText(form.title)
        self.subtitle.setText(time_limit_text(form))
        self.subtitle.setVisible(bool(self.subtitle.text()))
        self.setWindowTitle(self.tr("受理单 · {title}").format(title=form.title))
        self._loading = False
        self._sync()
        self.form_scroll.verticalScrollBar().setValue(0)
        first = next((r for r in self._rows if r.field.shown(self.values())), None)
        if first is not None:
            first.editor.setFocus()

    def _relayout(self, shown: Sequence[FieldRow]) -> None:
        """Lay the shown fields out two to a line (long texts on a line of their own)."""
        for row in self._rows:
            for widget in (row.title, row.widget, row.message):
                self._grid.removeWidget(widget)
                widget.hide()
        line, column = 0, 0
        for row in shown:
            wide = row.field.kind == FieldKind.LONG_TEXT
            if wide and column:
                line, column = line + 2, 0
            base = column * 3
            self._grid.addWidget(row.title, line, base)
            if wide:
                self._grid.addWidget(row.widget, line, 1, 1, 4)
                self._grid.addWidget(row.message, line + 1, 1, 1, 4)
            else:
                self._grid.addWidget(row.widget, line, base + 1)
                self._grid.addWidget(row.message, line + 1, base + 1)
            for widget in (row.title, row.widget, row.message):
                widget.show()
            if wide or column:
                line, column = line + 2, 0
            else:
                column = 1
        # Shown fields before hidden ones in the tab order.
        editors = [row.editor for row in shown]
        for before, after in zip(editors, editors[1:], strict=False):
            QWidget.setTabOrder(before, after)

    # -- the entry point ---------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        session: HallSession,
        desk: Desk,
        form_code: str,
        *,
        account: str | None = None,
        prefill: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> Application | None:
        """Run the dialog; the Application saved, or None when none was."""
        dialog = cls(session, desk, form_code, account=account, prefill=prefill, parent=parent)
        dialog.exec()
        return dialog.application

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def form(self) -> FormKind:
        return self._form

    @property
    def application(self) -> Application | None:
        """The Application saved in this dialog, if one was."""
        return self._application

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def pdf_path(self) -> Path | None:
        """Where the notice slip's PDF was written, if it was."""
        return self._pdf_path

    def row(self, key: str) -> FieldRow:
        """The widgets of the field ``key``."""
        return next(row for row in self._rows if row.field.key == key)

    def editor(self, key: str) -> QWidget:
        return self.row(key).editor

    def message(self, key: str) -> str:
        """The text under the field ``key`` (its error, or its hint)."""
        return self.row(key).message.text()

    def errors(self) -> dict[str, str]:
        """What is wrong now, field key -> message (shown or not yet)."""
        return dict(self._errors)

    def values(self) -> dict[str, object]:
        """What the clerk entered, field key -> value, hidden fields included."""
        return {row.field.key: row.value() for row in self._rows}

    def set_value(self, key: str, value: object) -> None:
        self.row(key).set_value(value)

    def documents_received(self) -> tuple[str, ...]:
        return tuple(doc for doc, box in self.document_boxes.items() if box.isChecked())

    # -- checking ----------------------------------------------------------------------------

    def _today(self) -> date:
        return hall_today(self._session.hall)

    def _form_chosen(self, index: int) -> None:
        code = self.form_choice.itemData(index)
        if code is None or code == self._form.code or self._busy:
            return
        self._load_form(FORMS[code], self.values())

    def _field_changed(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self._server_errors.pop(key, None)
        self._sync()

    def _sync(self, *_: object) -> None:
        if self._loading:
            return
        values = self.values()
        today = self._today()
        shown = [row for row in self._rows if row.field.shown(values)]
        keys = tuple(row.field.key for row in shown)
        if keys != self._shown_keys:
            self._shown_keys = keys
            self._relayout(shown)
        field_errors: dict[str, str] = {}
        for row in shown:
            try:
                check_field(row.field, values.get(row.field.key), values, today=today)
            except InvalidInput as error:
                field_errors[row.field.key] = error.message
        self._cleaned, errors = check_form(self._form, values, today=today)
        errors.update(self._server_errors)
        self._errors = errors
        # Cross-field messages come only once every field passes: show them all then.
        for row in shown:
            key = row.field.key
            visible = key in self._server_errors or key in self._touched or key not in field_errors
            row.show_message(errors.get(key) if visible else None)
        self._show_summary(shown)
        self.save_button.setEnabled(not errors and not self._busy)
        self.form_choice.setEnabled(not self._busy)

    def _show_summary(self, shown: Sequence[FieldRow]) -> None:
        if self._errors:
            labels = [row.field.label for row in shown if row.field.key in self._errors]
            if len(labels) > 4:
                text = self.tr("还需填写或更正：{fields} 等 %n 项", "", len(labels)).format(
                    fields="、".join(labels[:4])
                )
            else:
                text = self.tr("还需填写或更正：{fields}").format(fields="、".join(labels))
            kind = "todo"
        elif len(self.documents_received()) < len(self._form.documents):
            text = self.tr("资料未收齐：保存后请打印一次性告知单交给客户")
            kind = "missing"
        else:
            text = self.tr("已填好，可以保存")
            kind = "ready"
        self.summary.setText(text)
        set_style_property(self.summary, "kind", kind)

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the form as shown; does nothing while a call is in flight or when invalid."""
        self._sync()
        if self._busy or self._errors or self._application is not None:
            return
        desk, code = self._desk, self._form.code
        values, documents = dict(self._cleaned), self.documents_received()
        self._run(
            functools.partial(desk.save_application, code, values, documents_received=documents),
            self._saved,
        )

    def _saved(self, application: Application) -> None:
        self._application = application
        self.number_label.setText(self.tr("受理单号 {number}").format(number=application.number))
        self.summary_line.setText(
            self.tr("{title} · {customer}").format(
                title=application.title, customer=application.customer_name
            )
        )
        self.due_line.setText(due_text(application, self._session.hall.zone))
        missing = tuple(application.missing_documents)
        self.missing_title.setVisible(bool(missing))
        self.missing_list.setVisible(bool(missing))
        self.missing_list.setText("\n".join(f"· {doc}" for doc in missing))
        self.notice_button.setVisible(bool(missing))
        self.notice_button.setDefault(bool(missing))  # the next thing to do, when it is needed
        self.done_button.setDefault(not missing)
        self.print_note.setText("")
        self._pages.setCurrentIndex(1)
        self.setWindowTitle(self.tr("受理成功"))
        (self.notice_button if missing else self.done_button).setFocus()

    def print_notice(self) -> None:
        """Write the 一次性告知单 (on the worker) and print it, or open it to print."""
        application = self._application
        if application is None or self._busy:
            return
        if self._pdf_path is not None:
            self.print_note.setText(hand_out_notice(self._pdf_path))
            return
        hall, folder = self._session.hall, self._folder

        def written(path: Path) -> None:
            self._pdf_path = path
            self.print_note.setText(hand_out_notice(path))

        self._run(functools.partial(write_notice, hall, application, folder), written)

    # -- running calls -----------------------------------------------------------------------

    def _run(self, call: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._busy = True
        self.error.hide()
        self._sync_busy()
        self._session.run(
            call,
            on_done=functools.partial(self._done, on_done),
            on_error=self._failed,
            context=self,
        )

    def _sync_busy(self) -> None:
        self.save_button.setEnabled(not self._busy and not self._errors)
        self.form_choice.setEnabled(not self._busy)
        self.notice_button.setEnabled(not self._busy)

    def _done(self, on_done: Callable[[Any], None], result: object) -> None:
        self._busy = False
        on_done(result)
        self._sync_busy()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        field_errors = getattr(error, "errors", None)
        if isinstance(error, HallError) and isinstance(field_errors, Mapping) and field_errors:
            logger.info("application refused by the core: %s", dict(field_errors))
            keys = {row.field.key for row in self._rows}
            self._server_errors = {k: str(v) for k, v in field_errors.items() if k in keys}
            elsewhere = [str(v) for k, v in field_errors.items() if k not in keys]
            self._show_error("；".join(elsewhere) if elsewhere else error.message)
            self._sync()
            self._scroll_to_first_error()
        elif isinstance(error, HallError):
            logger.info("application refused: %s (%s)", error.message, error.code)
            self._show_error(error.message)
        else:
            logger.error("saving an application failed", exc_info=error)
            self._show_error(self.tr("操作失败，请重试或联系值班长：{error}").format(error=error))
        self._sync_busy()

    def _scroll_to_first_error(self) -> None:
        for row in self._rows:
            if row.field.key in self._errors and row.editor.isVisible():
                self.form_scroll.ensureWidgetVisible(row.editor)
                row.editor.setFocus()
                return

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self._busy:
            return  # the save's answer is awaited; closing now would hide its number
        if self._application is not None:
            self.accept()
            return
        super().reject()


def due_text(application: Application, zone: tzinfo) -> str:
    """The application's time limit in words, for the clerk and the customer (``zone``: the
    hall's, for a limit in hours)."""
    if application.status == "waiting_documents":
        return _tr("资料补齐后开始计算办理时限")
    if application.due_at is not None:
        when = application.due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        return _tr("办理时限：{when} 前").format(when=when)
    if application.due_on is not None:
        return _tr("办理时限：{day} 前办结").format(day=application.due_on.isoformat())
    return _tr("当场办结，无办理时限")


def _hours_text(hours: float) -> str:
    if float(hours).is_integer():
        return _tr("{hours} 小时").format(hours=int(hours))
    return _tr("{minutes} 分钟").format(minutes=round(hours * 60))


def time_limit_text(form: FormKind) -> str:
    """The form's published time limit in words, for the clerk to tell the customer."""
    due = form.due
    if due.hours_by is not None:
        key, hours = due.hours_by
        limits = "、".join(f"{value} {_hours_text(h)}" for value, h in hours.items())
        return _tr("到场时限（按{field}）：{limits}").format(
            field=form.field(key).label, limits=limits
        )
    if form.complaint and due.working_days is not None:
        return _tr("{contact} 个工作日内联系客户，{reply} 个工作日内答复").format(
            contact=COMPLAINT_CONTACT_DAYS, reply=due.working_days
        )
    if due.by_field is not None:
        key, days = due.by_field
        limits = "、".join(
            _tr("{value} {days} 个工作日").format(value=value, days=n) for value, n in days.items()
        )
        text = _tr("办理时限（按{field}）：{limits}").format(
            field=form.field(key).label, limits=limits
        )
        item = form.field(key)
        others = [c for c in item.choices if c not in days] if item.choices else []
        if due.working_days is None and others:
            text += _tr("；{others}：当场办结").format(others="、".join(others))
        return text
    if due.working_days is not None:
        if form.documents:
            return _tr("资料齐全后 {days} 个工作日内办结").format(days=due.working_days)
        return _tr("{days} 个工作日内办结").format(days=due.working_days)
    return _tr("当场办结")
