"""The shift lead's console: the live hall at a glance (alerts, business loads, window cards with
running times) and the lead's actions, each through the core."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from conftest import PASSWORD, FakeClock
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from hall import open_hall
from hall.desk import Desk
from hall.errors import HallError
from hall.facade import Hall
from hall.overview import Alert, BusinessLoad

import ui.lead_console as lead_console
from ui.fonts import install_cjk_font
from ui.hall_overview import (
    CRITICAL_RED,
    WARNING_AMBER,
    AlertsModel,
    BusinessLoadModel,
    WindowStateCard,
)
from ui.lead_console import (
    BusinessSwitchDialog,
    EndDayDialog,
    EndDaySummary,
    JumpDialog,
    LeadConsoleWindow,
    OutageSurgeDialog,
    SurgeRequest,
)
from ui.queue_model import QueueModel
from ui.session import HallSession

# The promise to the hall: a change made anywhere is on screen within a second.
WITHIN_ONE_SECOND_MS = 1000

OpenConsole = Callable[..., LeadConsoleWindow]


@pytest.fixture
def open_console(qtbot, session: HallSession, lead: Desk) -> Iterator[OpenConsole]:  # type: ignore[no-untyped-def]
    """open_console() shows the lead console at 1366x768, once it has read the overview."""
    consoles: list[LeadConsoleWindow] = []

    def open_(width: int = 1366, height: int = 768) -> LeadConsoleWindow:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        console = LeadConsoleWindow(session, lead)
        qtbot.addWidget(console)
        consoles.append(console)
        console.resize(width, height)
        console.show()
        qtbot.waitUntil(lambda: console.overview is not None)
        qtbot.waitUntil(lambda: all(c.isVisible() for c in console.findChildren(WindowStateCard)))
        return console

    yield open_
    for console in consoles:
        console.close()


@pytest.fixture
def refusals(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The messages of the refusals the console shows (instead of a modal message box)."""
    shown: list[str] = []

    def warning(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


# -- what the console shows ---------------------------------------------------------------------


def numbers_in_line(console: LeadConsoleWindow) -> list[str]:
    """Ticket numbers in the waiting list as shown (none while the list is hidden)."""
    if not console.queue_view.isVisible():
        return []
    model = console.queue_view.model()
    return [model.index(row, QueueModel.Columns.NUMBER).data() for row in range(model.rowCount())]


def business_row(console: LeadConsoleWindow, code: str) -> dict[str, str]:
    """The business table's row of ``code``: column name → text, as shown."""
    model = console.business_view.model()
    C = BusinessLoadModel.Columns
    for row in range(model.rowCount()):
        if model.index(row, C.CODE).data() == code:
            return {c.name: model.index(row, c).data() for c in C}
    return {}


def card(console: LeadConsoleWindow, number: int) -> tuple[str, str, str, str, str]:
    """(window, clerk, main, running time, detail) as shown on the window's card."""
    shown = console.window_card(number)
    assert shown is not None
    return shown.texts()


def labels_shown(console: LeadConsoleWindow) -> list[str]:
    return [label.text() for label in console.findChildren(QLabel) if label.isVisible()]


# -- live -----------------------------------------------------------------------------------------


def test_a_ticket_issued_and_called_at_other_desks_shows_on_the_console_within_a_second(
    qtbot,
    open_console: OpenConsole,
    guide: Desk,
    db_url: str,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    console = open_console()
    assert console.windowTitle() == "城东供电营业厅 · 值班长控制台"
    assert card(console, 1)[2:] == ("未开放", "", "无人签到")
    # The counter is another PC: its events never reach this process, only its commits do.
    other = open_hall(db_url, clock=clock)
    try:
        clerk = other.sign_in("2001", PASSWORD, window=1)
        qtbot.waitUntil(
            lambda: card(console, 1)[1:3] == ("张受理", "空闲"), timeout=WITHIN_ONE_SECOND_MS
        )

        guide.issue_ticket("A")  # the ticket desk in this process
        qtbot.waitUntil(
            lambda: (
                numbers_in_line(console) == ["A001"]
                and business_row(console, "A")["WAITING"] == "1 人"
            ),
            timeout=WITHIN_ONE_SECOND_MS,
        )

        clerk.call_next()
        qtbot.waitUntil(
            lambda: card(console, 1)[2:] == ("A001", "00:00", "已呼叫 · 电费缴纳/预存电费"),
            timeout=WITHIN_ONE_SECOND_MS,
        )
        assert numbers_in_line(console) == []
        assert business_row(console, "A")["WAITING"] == "0 人"

        # Paying a bill has a 5-minute target: amber from 4 minutes, red past 5.
        clerk.start()
        clock.advance(minutes=4)
        shown = console.window_card(1)
        assert shown is not None
        qtbot.waitUntil(
            lambda: card(console, 1)[2:] == ("A001", "04:00", "电费缴纳/预存电费"),
            timeout=WITHIN_ONE_SECOND_MS,
        )
        assert shown.timing() == "amber"
        clock.advance(minutes=2)  # nothing changes in the database: the card's own tick
        qtbot.waitUntil(lambda: card(console, 1)[3] == "06:00", timeout=1500)
        assert shown.timing() == "red"
    finally:
        other.close()


def test_a_pause_shows_with_its_reason_and_since_when(
    qtbot,
    open_console: OpenConsole,
    counter,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    console = open_console()
    counter(3).pause("午休")
    clock.advance(minutes=7)
    qtbot.waitUntil(
        lambda: card(console, 3) == ("3号窗口", "钱受理", "暂停", "07:00", "午休 · 10:00 起"),
        timeout=WITHIN_ONE_SECOND_MS,
    )


def test_a_wait_past_the_limit_raises_a_critical_alert_with_nothing_else_changing(
    qtbot,
    monkeypatch,
    open_console: OpenConsole,
    counter,
    guide: Desk,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    # The console reads the overview on a timer as well: here every 100 ms instead of 15 s.
    monkeypatch.setattr(lead_console, "OVERVIEW_INTERVAL_MS", 100)
    counter(1)  # a window that serves bills, so that only the wait can raise an alert
    guide.issue_ticket("A")
    console = open_console()
    qtbot.waitUntil(lambda: "一切正常" in labels_shown(console))
    assert "提醒" in labels_shown(console)
    assert business_row(console, "A")["LONGEST"] == "0 分钟"

    clock.advance(minutes=13)  # past 80 % of the hall's 15 minutes: a warning
    qtbot.waitUntil(lambda: [a[0] for a in console.alerts_panel.alert_texts()] == ["warning"])
    assert "注意 1" in labels_shown(console)

    clock.advance(minutes=3)
    qtbot.waitUntil(
        lambda: [a[0] for a in console.alerts_panel.alert_texts()] == ["critical"],
        timeout=WITHIN_ONE_SECOND_MS,
    )
    level, text = console.alerts_panel.alert_texts()[0]
    assert "电费缴纳/预存电费" in text and "16 分钟" in text
    shown = labels_shown(console)
    assert "提醒 1" in shown and "严重 1" in shown and "一切正常" not in shown
    model = console.alerts_panel.model
    colour = model.index(0, AlertsModel.Columns.TEXT).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.color() == CRITICAL_RED
    assert business_row(console, "A")["LONGEST"] == "16 分钟"
    longest = console.business_view.model().index(0, BusinessLoadModel.Columns.LONGEST)
    assert longest.data(Qt.ItemDataRole.ForegroundRole).color() == CRITICAL_RED


def test_alerts_are_most_severe_first_then_newest_first(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = AlertsModel()
    qtmodeltester.check(model)
    old_warning = Alert("peak", "warning", "A：等候 20 人", business="A")
    old_critical = Alert("long_wait", "critical", "B：最长已等 16 分钟", business="B")
    model.set_alerts([old_critical, old_warning])
    new_warning = Alert("over_target", "warning", "2号窗口 A031：超过时限", window=2)
    new_critical = Alert("no_window", "critical", "K：没有窗口在办理", business="K")
    grown = Alert("long_wait", "critical", "B：最长已等 17 分钟", business="B")
    model.set_alerts([grown, new_critical, old_warning, new_warning])
    assert [a.text for a in model.records] == [
        "K：没有窗口在办理",
        "B：最长已等 17 分钟",  # the same alert as before, its minutes grown
        "2号窗口 A031：超过时限",
        "A：等候 20 人",
    ]
    C = AlertsModel.Columns
    assert model.index(0, C.LEVEL).data() == "严重"
    assert model.index(3, C.LEVEL).data() == "注意"
    assert model.index(3, C.TEXT).data(Qt.ItemDataRole.ForegroundRole).color() == WARNING_AMBER
    model.set_alerts([])
    assert model.rowCount() == 0


# -- the lead's actions -------------------------------------------------------------------------


def test_closing_a_business_in_the_switch_dialog_closes_it_for_new_tickets(
    qtbot,
    monkeypatch,
    open_console: OpenConsole,
    hall: Hall,
    guide: Desk,  # type: ignore[no-untyped-def]
) -> None:
    console = open_console()
    assert business_row(console, "B")["STATE"] == "开放"

    def ask(businesses: list[BusinessLoad], parent=None) -> dict[str, bool] | None:  # type: ignore[no-untyped-def]
        dialog = BusinessSwitchDialog(businesses, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        assert all(toggle.isChecked() for toggle in dialog.toggles.values())
        assert dialog.toggles["B"].text() == "发票/账单打印"
        toggle = dialog.toggles["B"]
        on_the_box = QPoint(12, toggle.height() // 2)
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton, pos=on_the_box)
        assert dialog.changes() == {"B": False}
        dialog.accept()
        return dialog.changes()

    monkeypatch.setattr(BusinessSwitchDialog, "ask", ask)
    console.business_switch_action.trigger()
    qtbot.waitUntil(lambda: business_row(console, "B")["STATE"] == "暂停")
    assert not next(b for b in hall.snapshot().businesses if b.code == "B").active
    assert console.statusBar().currentMessage() == "B 发票/账单打印 暂停取号"
    with pytest.raises(HallError):
        guide.issue_ticket("B")
    guide.issue_ticket("A")  # the others are open as before


def test_outage_surge_opens_its_own_business_and_then_offers_to_end(
    qtbot,
    monkeypatch,
    open_console: OpenConsole,
    hall: Hall,
    guide: Desk,  # type: ignore[no-untyped-def]
) -> None:
    console = open_console()
    assert console.surge_action.text() == "停电咨询…"
    notice = "因线路检修，城东片区今日停电，停电咨询请领取T字头号"

    def ask(windows, names, parent=None) -> SurgeRequest | None:  # type: ignore[no-untyped-def]
        dialog = OutageSurgeDialog(windows, names, parent)
        qtbot.addWidget(dialog)
        assert dialog.notice.toPlainText() == notice
        assert dialog.request() == SurgeRequest(notice, "T", "停电咨询", None)
        dialog.window_boxes[6].setChecked(False)
        return dialog.request()

    monkeypatch.setattr(OutageSurgeDialog, "ask", ask)
    console.surge_action.trigger()
    qtbot.waitUntil(lambda: business_row(console, "T").get("STATE") == "临时")
    assert business_row(console, "T")["NAME"] == "停电咨询"
    assert console.surge_action.text() == "结束停电咨询"
    assert console.alerts_panel.surge_banner.isVisible()
    assert notice in labels_shown(console)
    snapshot = hall.snapshot()
    assert snapshot.notice == notice
    serving_t = [w.number for w in snapshot.windows if "T" in w.businesses]
    assert serving_t == [1, 2, 3, 4, 5]
    assert guide.issue_ticket("T").number == "T001"

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    console.surge_action.trigger()
    qtbot.waitUntil(lambda: console.surge_action.text() == "停电咨询…")
    assert business_row(console, "T")["STATE"] == "暂停"
    assert not console.alerts_panel.surge_banner.isVisible()
    assert hall.snapshot().notice == ""


def test_a_refused_action_shows_the_core_message_and_changes_nothing(
    qtbot,
    monkeypatch,
    open_console: OpenConsole,
    hall: Hall,
    lead: Desk,
    refusals: list[str],  # type: ignore[no-untyped-def]
) -> None:
    console = open_console()

    def ask(windows, names, parent=None) -> SurgeRequest | None:  # type: ignore[no-untyped-def]
        # Meanwhile the lead at another PC starts the surge first.
        lead.start_outage_surge(notice="城西片区停电，停电咨询请领取T字头号")
        return SurgeRequest("城东片区停电，请领取T字头号", "T", "停电咨询", None)

    monkeypatch.setattr(OutageSurgeDialog, "ask", ask)
    console.surge_action.trigger()
    qtbot.waitUntil(lambda: len(refusals) == 1)
    assert refusals == ["停电咨询已经开启"]
    assert hall.snapshot().notice == "城西片区停电，停电咨询请领取T字头号"
    qtbot.waitUntil(lambda: console.surge_action.text() == "结束停电咨询")  # the hall as it is


def test_jump_moves_the_selected_ticket_to_the_front_with_a_reason(
    qtbot,
    monkeypatch,
    open_console: OpenConsole,
    guide: Desk,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    for _ in range(3):
        guide.issue_ticket("A")
    console = open_console()
    qtbot.waitUntil(lambda: numbers_in_line(console) == ["A001", "A002", "A003"])
    assert not console.jump_action.isEnabled()  # nothing selected
    console.queue_view.selectRow(2)
    assert console.jump_action.isEnabled()
    asked = []

    def ask(number: str, business: str, parent=None) -> str | None:  # type: ignore[no-untyped-def]
        asked.append((number, business))
        dialog = JumpDialog(number, business, parent)
        qtbot.addWidget(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # a reason is required
        dialog.other_text.setText("  急诊  病人家属 ")
        dialog.other_text.textEdited.emit(dialog.other_text.text())
        assert ok.isEnabled()
        return dialog.reason()

    monkeypatch.setattr(JumpDialog, "ask", ask)
    console.jump_action.trigger()
    assert asked == [("A003", "电费缴纳/预存电费")]
    qtbot.waitUntil(lambda: numbers_in_line(console) == ["A003", "A001", "A002"])
    assert console.statusBar().currentMessage() == "A003 已排到最前（急诊 病人家属）"
    assert counter(1).call_next().number == "A003"


def test_end_of_day_says_what_it_closes_then_reports_the_count(
    qtbot,
    monkeypatch,
    open_console: OpenConsole,
    guide: Desk,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    for business in "AAAB":
        guide.issue_ticket(business)
    clerk = counter(1)
    clerk.call_next()
    clerk.park()  # A001
    clerk.call_next()
    clerk.no_show()  # A002
    clerk.call_next()  # A003 stays with the window
    console = open_console()
    qtbot.waitUntil(lambda: numbers_in_line(console) == ["B001", "A001", "A002"])
    said: list[str] = []

    def ask(summary: EndDaySummary, parent=None) -> bool:  # type: ignore[no-untyped-def]
        dialog = EndDayDialog(summary, parent)
        qtbot.addWidget(dialog)
        said.extend(dialog.lines)
        return True

    monkeypatch.setattr(EndDayDialog, "ask", ask)
    console.end_day_action.trigger()
    assert said == [
        "以下 3 张未办理的票将关闭：",
        "等候 1 张：B 发票/账单打印 1 张",
        "挂起 1 张",
        "过号 1 张",
        "正在呼叫或办理的 1 张不受影响，窗口照常办完。",
    ]
    qtbot.waitUntil(
        lambda: console.statusBar().currentMessage() == "今日营业已结束，关闭了 3 张未办理的票"
    )
    qtbot.waitUntil(lambda: not console.end_day_action.isEnabled())  # nothing more to end
    assert numbers_in_line(console) == []
