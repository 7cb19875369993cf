"""First run: name the hall and create its first shift lead."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hall.errors import HallError
from hall.facade import Hall

from ui.worker import DbWorker

logger = logging.getLogger(__name__)


class FirstRunDialog(QDialog):
    """Asks for the hall's name and the first lead's code, name and password (twice).

    Obvious mistakes are caught here; everything else is the core's call (``Hall.setup``, run on
    the worker), whose message is shown in the dialog. Accepted once the hall is set up.
    """

    def __init__(self, hall: Hall, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hall = hall
        self._worker = worker
        self.setWindowTitle(self.tr("首次设置"))
        self.setMinimumWidth(600)
        self.setStyleSheet(
            "QDialog { font-size: 16px; } QLineEdit { padding: 4px; }"
            " #intro { color: #374151; } #error { color: #b42318; font-weight: bold; }"
        )

        intro = QLabel(
            self.tr("欢迎使用营业厅排队系统。请填写营业厅名称，并创建第一位值班长账号。")
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        self.hall_name = QLineEdit(placeholderText=self.tr("例如：城东供电营业厅"))
        self.lead_code = QLineEdit(placeholderText=self.tr("字母或数字，例如 9001"))
        self.lead_name = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("营业厅名称"), self.hall_name)
        form.addRow(self.tr("值班长工号"), self.lead_code)
        form.addRow(self.tr("值班长姓名"), self.lead_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.password_again)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("完成设置"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls, hall: Hall, worker: DbWorker, parent: QWidget | None = None
    ) -> tuple[str, str] | None:
        """Run the dialog; the new lead's code and password once the hall is set up, or None if
        the user gave up."""
        dialog = cls(hall, worker, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.lead_code.text().strip(), dialog.password.text()

    def _problem(self) -> str | None:
        """What is obviously wrong with the form, in words the lead understands."""
        if not self.hall_name.text().strip():
            return self.tr("请填写营业厅名称")
        if not self.lead_code.text().strip():
            return self.tr("请填写值班长工号")
        if not self.lead_name.text().strip():
            return self.tr("请填写值班长姓名")
        if not self.password.text():
            return self.tr("请设置密码")
        if self.password.text() != self.password_again.text():
            return self.tr("两次输入的密码不一致")
        return None

    def _submit(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.error.setText(problem)
            return
        self.error.setText(self.tr("正在保存…"))
        self.setEnabled(False)
        hall = self._hall
        values = {
            "hall_name": self.hall_name.text().strip(),
            "lead_code": self.lead_code.text().strip(),
            "lead_name": self.lead_name.text().strip(),
            "lead_password": self.password.text(),
        }
        self._worker.submit(
            lambda: hall.setup(**values),
            on_done=self._saved,
            on_error=self._refused,
            context=self,
        )

    def _saved(self, _result: None) -> None:
        logger.info("first-run setup done")
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.setEnabled(True)
        if isinstance(error, HallError):
            self.error.setText(error.message)
        else:
            self.error.setText(self.tr("保存失败：{error}").format(error=error))
