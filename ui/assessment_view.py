"""The staff assessment (考核) on screen: a period, every clerk's figures, score and stars, the
selected clerk's sheet with its deductions; export, print, and the lead's 考核参数.

The table's cells are hall.assessment_export.clerk_cells, the ones the PDF and XLSX print, so
screen and files agree. Every read and write runs on the session's worker; the core scores, and
refuses rules it does not accept with a message shown as it is.
"""

from __future__ import annotations

import functools
import html
import itertools
import logging
from collections.abc import Mapping
from datetime import date, timedelta
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hall.assessment import Assessment, AssessmentRules, ClerkAssessment
from hall.assessment_export import (
    SUMMARY_HEADERS,
    clerk_cells,
    export_assessment,
    figure_rows,
    period_of,
    points,
    rules_text,
    stars_text,
)
from hall.desk import Desk
from hall.errors import HallError
from hall.records import Role

from ui.daily_sheet_view import STYLE as SHEET_STYLE
from ui.daily_sheet_view import ReportOutput, cell_text, pydate, qdate
from ui.session import HallSession
from ui.table_model import RECORD_ROLE, RecordTableModel
from ui.widgets import named_label, set_style_property

logger = logging.getLogger(__name__)

STAR_GOLD = QColor("#b7791f")
NO_STAR_RED = QColor("#b42318")

STYLE = (
    SHEET_STYLE
    + """
QComboBox { font-size: 17px; min-height: 34px; padding: 0 8px; }
#periodTo { font-size: 17px; color: #4b5563; }
#clerkSheet { font-size: 16px; background: #ffffff; border: 1px solid #d6dbe1; }
"""
)

DIALOG_STYLE = """
QDialog { font-size: 17px; background: #ffffff; }
QGroupBox { font-size: 17px; font-weight: bold; color: #1f2937; margin-top: 14px;
    border: 1px solid #d6dbe1; border-radius: 6px; padding: 12px 10px 8px 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QGroupBox QLabel { font-weight: normal; }
QDoubleSpinBox { font-size: 17px; min-height: 32px; min-width: 84px; }
#hint { font-size: 14px; color: #6b7280; }
#dialogError { font-size: 16px; background: #fde8e6; color: #8a1c12; border: 1px solid #f0b4ad;
    border-radius: 4px; padding: 6px 10px; }
QPushButton { font-size: 17px; min-height: 38px; padding: 0 20px; }
QPushButton:default { background: #00665f; color: #ffffff; border: none; border-radius: 4px; }
QPushButton:default:disabled { background: #9ca3af; }
"""


class Period(IntEnum):
    THIS_WEEK = 0
    LAST_WEEK = 1
    THIS_MONTH = 2
    LAST_MONTH = 3
    CUSTOM = 4


def period_dates(which: Period, today: date) -> tuple[date, date]:
    """The business days of a preset period; this week and this month run up to ``today``."""
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    match which:
        case Period.THIS_WEEK:
            return monday, today
        case Period.LAST_WEEK:
            return monday - timedelta(days=7), monday - timedelta(days=1)
        case Period.THIS_MONTH:
            return first_of_month, today
        case Period.LAST_MONTH:
            last = first_of_month - timedelta(days=1)
            return last.replace(day=1), last
    raise ValueError(f"no preset dates for {which!r}")


# -- the clerks' table -----------------------------------------------------------------------


class ClerksModel(RecordTableModel[ClerkAssessment]):
    """One row per clerk assessed, the cells of the exports; stars shown as ★."""

    class Columns(IntEnum):
        CODE = 0
        NAME = 1
        DAYS = 2
        SERVED = 3
        AVG_HANDLE = 4
        OVER_TARGET = 5
        NO_SHOWS = 6
        PAUSE = 7
        RATED = 8
        BAD_RATINGS = 9
        SATISFACTION = 10
        COMPLAINTS = 11
        DEDUCTED = 12
        SCORE = 13
        STARS = 14

    def header_texts(self) -> Mapping[IntEnum, str]:
        # The exports' headers (the core's words), so the screen reads as the files do.
        return dict(zip(self.Columns, SUMMARY_HEADERS, strict=True))

    def show(self, clerks: tuple[ClerkAssessment, ...]) -> None:
        self.sync(clerks, key=lambda clerk: clerk.code)

    def display(self, record: ClerkAssessment, column: IntEnum) -> str:
        if column == self.Columns.STARS:
            return stars_text(record.stars)
        return cell_text(clerk_cells(record)[column])

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag:
        if column in (self.Columns.CODE, self.Columns.NAME):
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if column == self.Columns.STARS:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def foreground(self, record: ClerkAssessment, column: IntEnum) -> QColor | None:
        if column == self.Columns.STARS:
            return STAR_GOLD
        if column == self.Columns.SCORE and record.stars == 0:
            return NO_STAR_RED
        return None

    def bold(self, record: ClerkAssessment, column: IntEnum) -> bool:
        return column in (self.Columns.NAME, self.Columns.SCORE)

    def tooltip(self, record: ClerkAssessment, column: IntEnum) -> str | None:
        if not record.deductions:
            return self.tr("无扣分")
        return "\n".join(f"{what}：-{points(lost)}" for what, lost in record.deductions)


# -- the lead's rules ------------------------------------------------------------------------

_SHARES = frozenset({"satisfaction_floor", "five_star_satisfaction"})
"""Rules held as shares (0.95) and edited as percentages (95 %)."""


def _spin(maximum: float, *, decimals: int = 1, suffix: str = "") -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class AssessmentRulesDialog(QDialog):
    """考核参数: the lead edits the weights, caps and star thresholds of the score.

    保存 writes them through ``desk`` on ``session``'s worker; the core checks them, and a refusal
    is shown in its own words with nothing changed. ``saved`` carries the rules as stored.
    """

    saved = Signal(object)

    def __init__(
        self,
        session: HallSession,
        desk: Desk,
        rules: AssessmentRules,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._busy = False
        self.setWindowTitle(self.tr("考核参数"))
        self.setStyleSheet(DIALOG_STYLE)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.star_spins: list[QDoubleSpinBox] = []

        deductions = QGroupBox(self.tr("扣分标准（每项扣分不超过上限）"))
        grid = QGridLayout(deductions)
        grid.setHorizontalSpacing(8)
        grid.addWidget(named_label("hint", self.tr("每次扣分")), 0, 1)
        grid.addWidget(named_label("hint", self.tr("上限")), 0, 2)
        for row, (text, each, cap) in enumerate(
            (
                (self.tr("超时办理，每件"), "over_target_points", "over_target_cap"),
                (self.tr("不满意评价，每次"), "bad_rating_points", "bad_rating_cap"),
                (
                    self.tr("满意率低于下限，每差1个百分点"),
                    "satisfaction_points",
                    "satisfaction_cap",
                ),
                (self.tr("被投诉，每次"), "complaint_points", "complaint_cap"),
                (self.tr("暂停超出每日允许，每10分钟"), "pause_points", "pause_cap"),
            ),
            start=1,
        ):
            self.spins[each] = _spin(100, suffix=self.tr(" 分"))
            self.spins[cap] = _spin(100, suffix=self.tr(" 分"))
            grid.addWidget(QLabel(text), row, 0)
            grid.addWidget(self.spins[each], row, 1)
            grid.addWidget(self.spins[cap], row, 2)
        self.spins["satisfaction_floor"] = _spin(100, suffix=" %")
        self.spins["pause_allowance_min"] = _spin(480, decimals=0, suffix=self.tr(" 分钟"))
        next_row = grid.rowCount()
        grid.addWidget(QLabel(self.tr("满意率下限")), next_row, 0)
        grid.addWidget(self.spins["satisfaction_floor"], next_row, 1)
        grid.addWidget(QLabel(self.tr("每日允许暂停")), next_row + 1, 0)
        grid.addWidget(self.spins["pause_allowance_min"], next_row + 1, 1)
        grid.setColumnStretch(0, 1)

        stars = QGroupBox(self.tr("星级分数线（满分100分）"))
        star_grid = QGridLayout(stars)
        for column, name in enumerate(
            (self.tr("一星"), self.tr("二星"), self.tr("三星"), self.tr("四星"), self.tr("五星"))
        ):
            spin = _spin(100, suffix=self.tr(" 分"))
            self.star_spins.append(spin)
            star_grid.addWidget(named_label("hint", name), 0, column)
            star_grid.addWidget(spin, 1, column)
        self.spins["five_star_satisfaction"] = _spin(100, suffix=" %")
        five_star = QHBoxLayout()
        five_star.addWidget(QLabel(self.tr("五星另需满意率不低于")))
        five_star.addWidget(self.spins["five_star_satisfaction"])
        five_star.addStretch(1)
        star_grid.addLayout(five_star, 2, 0, 1, 5)

        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        defaults = QPushButton(self.tr("恢复默认值"))
        defaults.setAutoDefault(False)
        defaults.clicked.connect(lambda: self.show_rules(AssessmentRules()))
        cancel = QPushButton(self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(defaults)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(deductions)
        layout.addWidget(stars)
        layout.addWidget(
            named_label("hint", self.tr("修改后全厅的考核得分按新参数重新计算，包括以往的考核期。"))
        )
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.show_rules(rules)

    @property
    def busy(self) -> bool:
        return self._busy

    def show_rules(self, rules: AssessmentRules) -> None:
        for name, spin in self.spins.items():
            value = getattr(rules, name)
            spin.setValue(value * 100 if name in _SHARES else value)
        for spin, score in zip(self.star_spins, rules.star_scores, strict=True):
            spin.setValue(score)

    def rules(self) -> AssessmentRules:
        """The rules as the fields show them (shares from percentages)."""
        values: dict[str, object] = {
            name: round(spin.value() / 100, 4) if name in _SHARES else spin.value()
            for name, spin in self.spins.items()
        }
        values["star_scores"] = tuple(spin.value() for spin in self.star_spins)
        return AssessmentRules(**values)  # type: ignore[arg-type]

    def save(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.save_button.setEnabled(False)
        self.error.hide()
        self._session.run(
            functools.partial(self._desk.set_assessment_rules, self.rules()),
            on_done=self._saved,
            on_error=self._refused,
            context=self,
        )

    def _saved(self, rules: AssessmentRules) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.saved.emit(rules)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        text = error.message if isinstance(error, HallError) else str(error)
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if not self._busy:  # a save in flight will answer; closing now would hide a refusal
            super().reject()


# -- the view --------------------------------------------------------------------------------


class AssessmentView(QWidget):
    """The staff assessment over a period, for the shift lead (a clerk's ``desk`` sees only
    their own row and cannot change the rules). GUI thread only; reads on ``session``'s worker,
    one at a time. ``loaded`` is emitted with every Assessment shown."""

    loaded = Signal(object)

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._assessment: Assessment | None = None
        self._loading = False
        self._reload_again = False
        self.rules_dialog: AssessmentRulesDialog | None = None
        self.setStyleSheet(STYLE)
        self.output = ReportOutput(session, self)
        self.output.busy_changed.connect(self._sync_buttons)
        self.output.done.connect(lambda text: self._say(text, error=False))
        self.output.failed.connect(lambda text: self._say(text, error=True))
        self.model = ClerksModel(self)
        self._build()
        self.set_period(Period.THIS_MONTH)

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.period_choice = QComboBox()
        for which, text in (
            (Period.THIS_WEEK, self.tr("本周")),
            (Period.LAST_WEEK, self.tr("上周")),
            (Period.THIS_MONTH, self.tr("本月")),
            (Period.LAST_MONTH, self.tr("上月")),
            (Period.CUSTOM, self.tr("自定义")),
        ):
            self.period_choice.addItem(text, which)
        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._dates_edited)
        self.period_choice.currentIndexChanged.connect(self._period_chosen)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.reload)
        self.pdf_button = QPushButton(self.tr("导出 PDF"))
        self.xlsx_button = QPushButton(self.tr("导出 Excel"))
        self.print_button = QPushButton(self.tr("打印"))
        self.rules_button = QPushButton(self.tr("考核参数…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.print_button.clicked.connect(self.print_assessment)
        self.rules_button.clicked.connect(self.edit_rules)
        self.rules_button.setVisible(self._desk.role == Role.LEAD)

        bar = QFrame()
        bar.setObjectName("reportBar")
        top = QHBoxLayout(bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(6)
        top.addWidget(named_label("viewTitle", self.tr("员工考核")))
        top.addSpacing(12)
        top.addWidget(self.period_choice)
        top.addWidget(self.first_edit)
        top.addWidget(named_label("periodTo", self.tr("至")))
        top.addWidget(self.last_edit)
        top.addStretch(1)
        for button in (
            self.refresh_button,
            self.pdf_button,
            self.xlsx_button,
            self.print_button,
            self.rules_button,
        ):
            button.setAutoDefault(False)
            top.addWidget(button)

        self.message_bar = named_label("viewMessage")
        self.message_bar.setWordWrap(True)
        self.message_bar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_bar.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.clerk_sheet = QTextBrowser()
        self.clerk_sheet.setObjectName("clerkSheet")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.clerk_sheet, 1)
        self._sync_buttons()

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def assessment(self) -> Assessment | None:
        """The assessment shown (None before the first read)."""
        return self._assessment

    @property
    def loading(self) -> bool:
        return self._loading

    def period(self) -> tuple[date, date]:
        return pydate(self.first_edit.date()), pydate(self.last_edit.date())

    def set_period(
        self, which: Period, first: date | None = None, last: date | None = None
    ) -> None:
        """Assess a preset period, or with CUSTOM the days ``first`` to ``last``."""
        if which == Period.CUSTOM:
            if first is None or last is None:
                raise ValueError("a custom period needs its first and last day")
            dates = first, last
        else:
            dates = period_dates(which, self._session.hall.today())
        self._set_dates(*dates)
        self.period_choice.blockSignals(True)
        self.period_choice.setCurrentIndex(self.period_choice.findData(which))
        self.period_choice.blockSignals(False)
        self.reload()

    def selected(self) -> ClerkAssessment | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def select(self, code: str) -> bool:
        for row, clerk in enumerate(self.model.records):
            if clerk.code == code:
                self.table.selectRow(row)
                return True
        return False

    def message(self) -> str:
        return self.message_bar.text() if self.message_bar.isVisible() else ""

    # -- choosing the period -----------------------------------------------------------------

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def _period_chosen(self, _index: int) -> None:
        which = Period(self.period_choice.currentData())
        if which != Period.CUSTOM:
            self._set_dates(*period_dates(which, self._session.hall.today()))
            self.reload()

    def _dates_edited(self, _day: object) -> None:
        """Typing a date makes the period a custom one."""
        self.period_choice.blockSignals(True)
        self.period_choice.setCurrentIndex(self.period_choice.findData(Period.CUSTOM))
        self.period_choice.blockSignals(False)
        # The calendar popup changes one date at a time: read once both are chosen.
        QTimer.singleShot(0, self, self.reload)

    # -- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Assess the chosen period again (on the worker)."""
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._sync_buttons()
        first, last = self.period()
        self._session.run(
            functools.partial(self._desk.assessment, first, last),
            on_done=self._read,
            on_error=self._read_failed,
            context=self,
        )

    def _read(self, assessment: Assessment) -> None:
        self._loading = False
        if self._reload_again or (assessment.first, assessment.last) != self.period():
            self._reload_again = False
            self.reload()
            return
        self._assessment = assessment
        self.model.show(assessment.clerks)
        if self.selected() is None and assessment.clerks:
            self.table.selectRow(0)
        self._show_clerk()
        self._sync_buttons()
        self.loaded.emit(assessment)

    def _read_failed(self, error: Exception) -> None:
        self._loading = False
        self._reload_again = False
        self._sync_buttons()
        text = error.message if isinstance(error, HallError) else str(error)
        self._say(text, error=True)

    # -- the selected clerk's sheet ----------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_clerk()

    def _show_clerk(self) -> None:
        clerk = self.selected()
        assessment = self._assessment
        if assessment is None:
            self.clerk_sheet.clear()
            return
        if clerk is None:
            text = self.tr("本考核期内没有员工在窗口办理业务。") if not assessment.clerks else ""
            self.clerk_sheet.setHtml(f"<p>{html.escape(text)}</p>")
            return
        self.clerk_sheet.setHtml(self.clerk_html(assessment, clerk))

    def clerk_html(self, assessment: Assessment, clerk: ClerkAssessment) -> str:
        """The clerk's sheet as the PDF page has it: figures, deductions, score and stars."""
        e = html.escape
        cells = [
            f"<td>{e(label)}</td><td align='right'>{e(cell_text(value))}</td>"
            for label, value in figure_rows(clerk)
        ]
        # Two figures a line, so the sheet fits under the table on a 768-pixel screen.
        half = (len(cells) + 1) // 2
        figures = "".join(
            f"<tr>{left}<td width='16'></td>{right}</tr>"
            for left, right in itertools.zip_longest(cells[:half], cells[half:], fillvalue="")
        )
        if clerk.deductions:
            deductions = "".join(
                f"<tr><td>{e(what)}</td><td align='right'>-{points(lost)}</td></tr>"
                for what, lost in clerk.deductions
            )
        else:
            none = self.tr("无扣分")
            deductions = f"<tr><td colspan='2'>{e(none)}</td></tr>"
        heading = self.tr("{name}（工号 {code}）").format(name=clerk.name, code=clerk.code)
        period = self.tr("考核期 {period}").format(period=period_of(assessment))
        score = self.tr("{score} 分").format(score=points(clerk.score))
        # lupdate cannot read tr() inside an f-string: the titles are translated here.
        score_title, figures_title = self.tr("考核得分"), self.tr("考核数据")
        deductions_title = self.tr("扣分明细")
        return f"""
<table width='100%' cellspacing='0' cellpadding='6'><tr>
<td width='28%' valign='top'>
  <p style='font-size:20px; font-weight:bold; color:#111827'>{e(heading)}</p>
  <p style='color:#4b5563'>{e(period)}</p>
  <p style='font-size:15px; color:#4b5563; margin-top:12px'>{e(score_title)}</p>
  <p style='font-size:34px; font-weight:bold; color:#111827'>{e(score)}</p>
  <p style='font-size:28px; color:#b7791f'>{stars_text(clerk.stars)}</p>
</td>
<td width='40%' valign='top'>
  <p style='font-weight:bold'>{e(figures_title)}</p>
  <table cellspacing='0' cellpadding='2' width='100%'>{figures}</table>
</td>
<td width='32%' valign='top'>
  <p style='font-weight:bold'>{e(deductions_title)}</p>
  <table cellspacing='0' cellpadding='2' width='100%'>{deductions}</table>
  <p style='font-size:13px; color:#6b7280; margin-top:14px'>{e(rules_text(assessment.rules))}</p>
</td>
</tr></table>"""

    # -- exporting, printing, the rules ------------------------------------------------------

    def _write(self, first: date, last: date, path: Path) -> Path:
        """Worker thread: the period assessed afresh, written to ``path``."""
        return export_assessment(self._desk.assessment(first, last), path)

    def export(self, suffix: str) -> None:
        """导出 PDF / 导出 Excel: the chosen period, to a file the lead picks."""
        first, last = self.period()
        name = self.tr("员工考核-{first}至{last}").format(
            first=first.isoformat(), last=last.isoformat()
        )
        write = functools.partial(self._write, first, last)
        self.output.export(write, suffix=suffix, suggested_name=name)

    def print_assessment(self) -> None:
        """打印: every clerk's page of the chosen period on a printer the lead picks."""
        first, last = self.period()
        name = self.tr("员工考核 {first}至{last}").format(
            first=first.isoformat(), last=last.isoformat()
        )
        self.output.print_report(functools.partial(self._write, first, last), document_name=name)

    def edit_rules(self) -> None:
        """考核参数: read the rules as stored now, then open the dialog on them."""
        self._session.run(
            self._desk.assessment_rules,
            on_done=self._open_rules_dialog,
            on_error=self._read_failed,
            context=self,
        )

    def _open_rules_dialog(self, rules: AssessmentRules) -> None:
        if self.rules_dialog is not None:
            self.rules_dialog.deleteLater()
        self.rules_dialog = AssessmentRulesDialog(self._session, self._desk, rules, self)
        self.rules_dialog.saved.connect(self._rules_saved)
        self.rules_dialog.open()

    def _rules_saved(self, _rules: AssessmentRules) -> None:
        self._say(self.tr("考核参数已保存，得分已按新参数重新计算"), error=False)
        self.reload()

    # -- state -------------------------------------------------------------------------------

    def _sync_buttons(self, *_: object) -> None:
        idle = not self.output.busy
        for button in (self.pdf_button, self.xlsx_button, self.print_button):
            button.setEnabled(idle)
        self.refresh_button.setEnabled(not self._loading)

    def _say(self, text: str, *, error: bool) -> None:
        self.message_bar.setText(text)
        set_style_property(self.message_bar, "kind", "error" if error else "info")
        self.message_bar.show()
