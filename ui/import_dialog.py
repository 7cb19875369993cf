"""The shift lead imports customer accounts from the billing system's CSV export: choose the file,
see what it holds and every bad line with its reason, then import (导入).

The file is read once, on the session's worker, and those same bytes are previewed and imported:
what the lead saw is what goes in, even if the file changes meanwhile. Importing is refused while
the file has bad lines, unless the lead ticks 跳过错误行.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall.account_import import REASON_SEPARATOR, ImportReport
from hall.desk import Desk

from ui.customer_dialog import record_table
from ui.session import HallSession
from ui.table_model import RecordTableModel
from ui.widgets import DIALOG_STYLE, ElidedLabel, named_label, set_style_property
from ui.worker_calls import WorkerCalls

logger = logging.getLogger(__name__)

ERROR_RED = QColor("#b42318")
WARNING_AMBER = QColor("#8a5a00")

STYLE = (
    DIALOG_STYLE
    + """
#help { font-size: 16px; color: #4b5563; }
#fileName { font-size: 18px; color: #111827; background: #f6f8fa; border: 1px solid #d6dbe1;
    border-radius: 4px; padding: 6px 10px; }
#summary { font-size: 22px; font-weight: bold; color: #111827; }
#summary[bad="true"] { color: #b42318; }
#detail { font-size: 17px; color: #374151; }
#result { font-size: 22px; font-weight: bold; color: #0a7a3f; background: #e2f3e8;
    border-radius: 6px; padding: 8px 12px; }
QCheckBox { font-size: 19px; padding: 4px; }
QCheckBox::indicator { width: 22px; height: 22px; }
QPushButton { font-size: 18px; min-height: 42px; padding: 0 22px; }
QTableView {
    outline: 0; font-size: 17px; background: #ffffff; border: 1px solid #d6dbe1;
    alternate-background-color: #f6f8fa; selection-background-color: #cfe3f7;
    selection-color: #111827;
}
QTableView::item { padding: 0px 6px; }
QHeaderView::section {
    font-size: 16px; font-weight: bold; color: #374151; padding: 6px 8px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
"""
)


class Problem(NamedTuple):
    """One line of the problems table: a bad row, or a warning about a good one."""

    line: int
    bad: bool
    reason: str


class ProblemModel(RecordTableModel[Problem]):
    class Columns(IntEnum):
        LINE = 0
        KIND = 1
        REASON = 2

    def header_texts(self) -> dict[IntEnum, str]:
        c = self.Columns
        return {c.LINE: self.tr("行号"), c.KIND: self.tr("类别"), c.REASON: self.tr("原因")}

    def display(self, record: Problem, column: IntEnum) -> str:
        c = self.Columns
        match self.Columns(column):
            case c.LINE:
                return str(record.line)
            case c.KIND:
                return self.tr("错误") if record.bad else self.tr("请核对")
        return record.reason

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag | None:
        if column == self.Columns.LINE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def foreground(self, record: Problem, column: IntEnum) -> QColor | None:
        if column == self.Columns.KIND:
            return ERROR_RED if record.bad else WARNING_AMBER
        return None

    def tooltip(self, record: Problem, column: IntEnum) -> str | None:
        return record.reason


class ImportDialog(WorkerCalls, QDialog):
    """Lead only (the core checks it again): preview and import a billing export.

    GUI thread only; the file is read, checked and imported on ``session``'s worker.
    """

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._busy = False
        self._data: bytes | None = None
        self._preview: ImportReport | None = None
        self._imported: ImportReport | None = None
        self.setWindowTitle(self.tr("导入客户档案"))
        self.resize(1000, 760)
        self.setStyleSheet(STYLE)

        help_text = named_label(
            "help",
            self.tr(
                "选择营销系统导出的 CSV 文件（UTF-8 或 GBK 编码），第一行为列名：户号、户名、"
                "用电地址（必需），联系电话、用电类别、电压等级、合同容量、欠费、预存余额、状态"
                "（可选）。金额以元为单位。已有的户号按文件更新：户名、地址、电话、欠费、"
                "预存余额等以营销系统为准。"
            ),
        )
        help_text.setWordWrap(True)

        self.file_name = ElidedLabel("fileName")
        self.file_name.setText(self.tr("尚未选择文件"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_name, 1)
        file_row.addWidget(self.choose_button)

        self.summary = named_label("summary")
        self.summary.setWordWrap(True)
        self.detail = named_label("detail")
        self.detail.setWordWrap(True)
        self.problems_model = ProblemModel(self)
        self.problems = record_table(self.problems_model, ProblemModel.Columns.REASON)
        self.skip_bad_rows = QCheckBox(self.tr("跳过错误行，只导入正确的行"))
        self.skip_bad_rows.toggled.connect(self._sync)
        self.result_label = named_label("result")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.error = named_label("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_bad_rows)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(named_label("title", self.tr("导入客户档案")))
        layout.addWidget(help_text)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.detail)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._sync()

    # -- the entry point ---------------------------------------------------------------------

    @classmethod
    def ask(
        cls, session: HallSession, desk: Desk, *, parent: QWidget | None = None
    ) -> ImportReport | None:
        """Run the dialog; the report of the import made, or None when nothing was imported."""
        dialog = cls(session, desk, parent)
        dialog.exec()
        return dialog.imported

    @staticmethod
    def choose_file(parent: QWidget) -> Path | None:
        """Ask for the CSV file; None when cancelled. Tests patch this."""
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("ImportDialog", "选择营销系统导出的 CSV 文件"),
            "",
            QCoreApplication.translate("ImportDialog", "CSV 文件 (*.csv *.txt);;所有文件 (*)"),
        )
        return Path(name) if name else None

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def preview(self) -> ImportReport | None:
        return self._preview

    @property
    def imported(self) -> ImportReport | None:
        """The report of the import made in this dialog, if one was."""
        return self._imported

    # -- previewing --------------------------------------------------------------------------

    def _choose(self) -> None:
        path = self.choose_file(self)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Read the file and show what importing it would do."""
        desk = self._desk
        self._data = None
        self._preview = None
        self._imported = None
        self.file_name.setText(str(path))
        self._show_report(None)

        def read() -> tuple[bytes, ImportReport]:
            """Worker thread: the file's bytes (kept for the import) and their preview."""
            data = path.read_bytes()
            return data, desk.preview_account_import(data)

        self._run(read, self._previewed)

    def _previewed(self, result: tuple[bytes, ImportReport]) -> None:
        self._data, self._preview = result
        self._show_report(self._preview)

    def _show_report(self, report: ImportReport | None) -> None:
        self.problems_model.replace([])
        if report is None:
            self.summary.setText("")
            self.detail.setText("")
            self.result_label.hide()
            return
        bad = len(report.bad_rows)
        summary = self.tr("共 %n 行：", "", report.rows) + self.tr(
            "新增 {added} 户，更新 {updated} 户"
        ).format(added=report.added, updated=report.updated)
        if report.unchanged:
            summary += self.tr("，%n 户无变化", "", report.unchanged)
        if bad:
            summary += self.tr("，%n 行有错误", "", bad)
        self.summary.setText(summary)
        set_style_property(self.summary, "bad", bad > 0)
        details = [self.tr("文件编码：{encoding}").format(encoding=report.encoding)]
        if report.updated:
            details.append(self.tr("已有的 %n 户将按营销系统的数据更新", "", report.updated))
        if report.ignored_columns:
            details.append(
                self.tr("未识别、不导入的列：{columns}").format(
                    columns="、".join(report.ignored_columns)
                )
            )
        self.detail.setText("；".join(details))
        # One table line per reason: a row with several stays readable without wrapping, which
        # would make a table of thousands of bad rows slow.
        problems = [
            Problem(note.line, True, reason)
            for note in report.bad_rows
            for reason in note.reason.split(REASON_SEPARATOR)
        ]
        problems += [Problem(note.line, False, note.reason) for note in report.warnings]
        problems.sort(key=lambda p: (p.line, not p.bad))
        self.problems_model.replace(problems)

    # -- importing ---------------------------------------------------------------------------

    def can_import(self) -> bool:
        report = self._preview
        return (
            not self._busy
            and report is not None
            and self._imported is None
            and report.added + report.updated > 0
            and (report.ok or self.skip_bad_rows.isChecked())
        )

    def import_file(self) -> None:
        if not self.can_import():
            return
        desk, data, skip = self._desk, self._data, self.skip_bad_rows.isChecked()
        assert data is not None
        self._run(lambda: desk.import_accounts(data, skip_bad_rows=skip), self._done_importing)

    def _done_importing(self, report: ImportReport) -> None:
        self._imported = report
        text = self.tr("导入完成：新增 {added} 户，更新 {updated} 户").format(
            added=report.added, updated=report.updated
        )
        if report.bad_rows:
            text += self.tr("，跳过错误行 %n 行", "", len(report.bad_rows))
        self.result_label.setText(text)
        self.result_label.show()
        self.close_button.setText(self.tr("完成"))
        self.close_button.setDefault(True)

    # -- running calls -----------------------------------------------------------------------

    def _sync(self) -> None:
        self.import_button.setEnabled(self.can_import())
        self.choose_button.setEnabled(not self._busy)
        bad = self._preview is not None and not self._preview.ok
        self.skip_bad_rows.setVisible(bad and self._imported is None)

    def _failure_text(self, error: Exception) -> str:
        if isinstance(error, FileNotFoundError):
            return self.tr("找不到文件：{path}").format(path=error.filename)
        if isinstance(error, OSError):
            return self.tr("无法读取文件：{reason}").format(reason=error.strerror or error)
        return self.tr("导入失败：{error}").format(error=error)

    def reject(self) -> None:
        if self._busy:
            return  # an import's answer is awaited; closing now would hide its result
        super().reject()
