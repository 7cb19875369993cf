"""Signing in to a workstation, and the lead's staff list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import PASSWORD
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTableWidget

from hall.demo import DEMO_PASSWORD, DEMO_STAFF
from hall.facade import Hall
from hall.records import Role

from ui.session import HallSession
from ui.signin import SignInDialog, StationKind, Workstation
from ui.staff_dialog import StaffDialog


@pytest.fixture
def session(qtbot, hall: Hall, tmp_path, monkeypatch) -> Iterator[HallSession]:  # type: ignore[no-untyped-def]
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    session = HallSession(hall)
    qtbot.waitUntil(lambda: session.latest is not None)
    yield session
    session.close()


def sign_in(qtbot, dialog: SignInDialog, code: str, password: str) -> None:  # type: ignore[no-untyped-def]
    dialog.code.setText(code)
    dialog.password.setText(password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_clerk_signs_in_at_a_counter(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    dialog.choose(StationKind.COUNTER, 2)
    with qtbot.waitSignal(dialog.accepted):
        sign_in(qtbot, dialog, "2002", PASSWORD)
    assert dialog.station == Workstation(StationKind.COUNTER, 2)
    assert (dialog.desk.code, dialog.desk.window) == ("2002", 2)
    assert session.hall.snapshot().windows[1].clerk == "2002"


def test_the_choice_of_workstation_is_remembered_on_this_pc(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    first = SignInDialog(session)
    qtbot.addWidget(first)
    first.choose(StationKind.RATING_PAD, 3)
    with qtbot.waitSignal(first.accepted):
        sign_in(qtbot, first, "2003", PASSWORD)
    again = SignInDialog(session)
    qtbot.addWidget(again)
    assert again.selected_station() == Workstation(StationKind.RATING_PAD, 3)


def test_a_wrong_password_is_said_in_chinese(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    sign_in(qtbot, dialog, "2001", "wrong-pass")
    qtbot.waitUntil(lambda: "工号或密码错误" in dialog.error.text())
    assert dialog.desk is None


def test_a_guide_cannot_open_a_counter(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    dialog.choose(StationKind.COUNTER, 1)
    sign_in(qtbot, dialog, "1001", PASSWORD)
    qtbot.waitUntil(lambda: "引导员不在窗口签到" in dialog.error.text())
    assert dialog.desk is None


def test_a_clerk_cannot_open_the_lead_console(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    dialog.choose(StationKind.LEAD_CONSOLE)
    sign_in(qtbot, dialog, "2001", PASSWORD)
    qtbot.waitUntil(lambda: "不能打开这个工作站" in dialog.error.text())
    assert dialog.desk is None


def test_the_demo_shows_its_accounts(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(session, demo_accounts=DEMO_STAFF, demo_password=DEMO_PASSWORD)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget)
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows[0] == ["9001", "王值班", "值班长"]
    assert any(DEMO_PASSWORD in label.text() for label in dialog.findChildren(QLabel))
    table.cellDoubleClicked.emit(2, 0)  # a clerk: fills the form for that clerk's counter
    assert (dialog.code.text(), dialog.password.text()) == ("2001", DEMO_PASSWORD)
    assert dialog.selected_station() == Workstation(StationKind.COUNTER, 1)


def test_the_lead_adds_staff_who_can_then_sign_in(qtbot, session, hall: Hall) -> None:  # type: ignore[no-untyped-def]
    lead = hall.sign_in("9001", PASSWORD)
    dialog = StaffDialog(session, lead)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5)
    dialog.code.setText("2005")
    dialog.name.setText("周新")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CLERK.value))
    dialog.password.setText("start-123")
    dialog.password_again.setText("start-123")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 6)
    assert "已添加 周新（2005）" in dialog.message.text()
    assert hall.sign_in("2005", "start-123").role is Role.CLERK

    dialog.code.setText("2005")
    dialog.name.setText("重名")
    dialog.password.setText("start-123")
    dialog.password_again.setText("start-123")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: "已被使用" in dialog.message.text())


def test_staff_model_is_a_proper_model(qtbot, session, hall: Hall, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dialog = StaffDialog(session, hall.sign_in("9001", PASSWORD))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5)
    qtmodeltester.check(dialog.model)
