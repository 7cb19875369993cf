"""The counter: what a clerk at a window sees and does, with the keys they press."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from conftest import PASSWORD, FakeClock
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit

from hall import open_hall
from hall.desk import Desk
from hall.facade import Hall
from hall.records import Outcome, Ticket, TicketStatus

from ui.counter import Command, CounterWindow, PauseDialog, TransferDialog, timing_level
from ui.counter_model import WindowQueueModel, window_line
from ui.finish_dialog import FinishChoice, FinishDialog
from ui.fonts import install_cjk_font
from ui.session import HallSession

WITHIN_ONE_SECOND_MS = 1000
C = WindowQueueModel.Columns

OpenCounter = Callable[..., CounterWindow]


def caught_up(qtbot, session: HallSession) -> None:  # type: ignore[no-untyped-def]
    """Wait until what this process changed so far has been read back and shown."""
    QApplication.processEvents()  # the bridge's queued events ask for a reading
    qtbot.waitUntil(lambda: not session.worker.busy)


@pytest.fixture
def open_counter(qtbot, session: HallSession, counter) -> Iterator[OpenCounter]:  # type: ignore[no-untyped-def]
    """open_counter(window=1, desk=None) shows a clerk's counter at 1366x768 once it has read the
    hall, active so that its keys work."""
    windows: list[CounterWindow] = []

    def open_(window: int = 1, desk: Desk | None = None) -> CounterWindow:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        shown = CounterWindow(session, desk or counter(window))
        qtbot.addWidget(shown)
        windows.append(shown)
        shown.resize(1366, 768)
        shown.show()
        shown.activateWindow()
        qtbot.waitActive(shown)
        caught_up(qtbot, session)
        assert shown.window_state.isVisible()  # a reading is shown
        return shown

    yield open_
    for window in windows:
        window.close()


def press(qtbot, window: CounterWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, key, modifier)


def shown_number(window: CounterWindow) -> str:
    return window.panel.number.text()


def queue_rows(window: CounterWindow) -> list[tuple[str, str]]:
    """(number, status) of each row of the window's queue, as shown."""
    model = window.queue_view.model()
    if not window.queue_view.isVisible():
        return []
    return [
        (model.index(row, C.NUMBER).data(), model.index(row, C.STATUS).data())
        for row in range(model.rowCount())
    ]


def select_row(window: CounterWindow, number: str) -> None:
    model = window.queue_model
    row = next(i for i, t in enumerate(model.tickets) if t.number == number)
    window.queue_view.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def type_chinese(field: QLineEdit, text: str) -> None:
    """Type as a Chinese input method does: one committed string (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def enabled(window: CounterWindow, command: Command) -> bool:
    return window.buttons[command].isEnabled()


def settled(window: CounterWindow) -> Callable[[], bool]:
    return lambda: not window.busy


def by_number(hall: Hall, number: str) -> Ticket:
    snapshot = hall.snapshot()
    return next(
        t
        for t in snapshot.waiting + snapshot.open + snapshot.parked + snapshot.no_shows
        if t.number == number
    )


# -- the window ---------------------------------------------------------------------------------


def test_header_names_the_window_and_clerk_and_f1_calls_the_next_ticket(
    qtbot,
    open_counter: OpenCounter,
    guide,
    clock: FakeClock,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A", account="3301234567")
    guide.issue_ticket("B")
    clock.advance(minutes=7)
    window = open_counter(1)
    assert window.who.text() == "1号窗口 · 张受理 (2001)"
    assert window.window_state.text() == "服务中"
    assert window.queue_title.text() == "本窗口等候 2 人"
    assert queue_rows(window) == [("A001", "等候"), ("B001", "等候")]
    assert shown_number(window) == "空闲"
    assert window.panel.hint.text() == "按 F1 呼叫下一位（本窗口等候 2 人）"
    assert not enabled(window, Command.FINISH)

    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")
    panel = window.panel
    assert panel.business.full_text() == "电费缴纳/预存电费"
    assert panel.account.text() == "户号 3301234567"
    assert panel.waited.text() == "已等候 7 分钟"
    assert panel.status.text() == "已呼叫，等候客户到窗口"
    assert panel.hint.text().startswith("客户到窗口后按 F8 开始办理")
    qtbot.waitUntil(lambda: queue_rows(window) == [("B001", "等候")])
    assert window.queue_title.text() == "本窗口等候 1 人"
    assert [t.number for t in hall.snapshot().open if t.window == 1] == ["A001"]
    # One open ticket per window: no second call until this one is dealt with.
    assert not enabled(window, Command.CALL_NEXT)
    assert enabled(window, Command.RECALL) and enabled(window, Command.NO_SHOW)


def test_a_double_press_calls_only_once(
    qtbot,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A")
    guide.issue_ticket("A")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001" and not window.busy)
    qtbot.waitUntil(lambda: queue_rows(window) == [("A002", "等候")])
    assert [t.number for t in hall.snapshot().waiting] == ["A002"]
    assert window.message() == ""  # no refused second call either


def test_start_then_f9_finishes_with_the_outcome_and_note_chosen(
    qtbot,
    monkeypatch,
    open_counter: OpenCounter,
    guide,
    clock: FakeClock,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    issued = guide.issue_ticket("C")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "C001")
    assert window.panel.elapsed_title.text() == "呼叫后"

    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.panel.status.text() == "办理中")
    assert window.panel.elapsed_title.text() == "办理用时"
    assert window.panel.hint.text().startswith("办理完成后按 F9 办结")
    assert not enabled(window, Command.START) and not enabled(window, Command.RECALL)
    assert hall.ticket(issued.id).status == TicketStatus.SERVING

    asked = []

    def answer(ticket: Ticket, business_name: str, **options: object) -> FinishChoice:
        asked.append((ticket.number, business_name, options["and_call_next"]))
        return FinishChoice(Outcome.UNRESOLVED, "缺少房产证明，已一次性告知")

    monkeypatch.setattr(FinishDialog, "ask", answer)
    clock.advance(minutes=3)
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: shown_number(window) == "空闲")
    assert asked == [("C001", "低压居民新装/增容", False)]
    assert window.message() == "C001 已办结"
    done = hall.ticket(issued.id)
    assert done.status == TicketStatus.DONE
    assert (done.outcome, done.note) == (Outcome.UNRESOLVED, "缺少房产证明，已一次性告知")
    assert done.finished_at - done.started_at == timedelta(minutes=3)


def test_cancelling_the_finish_form_changes_nothing(
    qtbot,
    monkeypatch,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")
    monkeypatch.setattr(FinishDialog, "ask", lambda *args, **kwargs: None)
    press(qtbot, window, Qt.Key.Key_F9)
    assert not window.busy
    assert shown_number(window) == "A001"
    assert by_number(hall, "A001").status == TicketStatus.CALLED


def test_finish_and_call_next_is_one_action(
    qtbot,
    monkeypatch,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    first = guide.issue_ticket("A")
    guide.issue_ticket("J")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")
    asked = []

    def answer(ticket: Ticket, business_name: str, **options: object) -> FinishChoice:
        asked.append(options["and_call_next"])
        return FinishChoice(Outcome.SERVED, None)

    monkeypatch.setattr(FinishDialog, "ask", answer)
    press(qtbot, window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shown_number(window) == "J001")
    assert asked == [True]
    assert hall.ticket(first.id).outcome == Outcome.SERVED
    qtbot.waitUntil(lambda: window.queue_title.text() == "本窗口等候 0 人")
    assert window.findChild(QLabel, "emptyQueue").isVisible()


def test_recalls_are_counted_on_the_panel(
    qtbot,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.panel.status.text().endswith("已重呼 1 次"))
    assert window.message() == "已重呼 A001（第 1 次）"
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.panel.status.text() == "已呼叫，等候客户到窗口 · 已重呼 2 次")
    assert by_number(hall, "A001").recalls == 2


def test_no_show_then_reactivate_from_the_list_puts_it_at_the_front(
    qtbot,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    for _ in range(3):
        guide.issue_ticket("A")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")
    press(qtbot, window, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: shown_number(window) == "空闲")
    assert "A001 已过号" in window.message()
    qtbot.waitUntil(
        lambda: queue_rows(window) == [("A002", "等候"), ("A003", "等候"), ("A001", "过号")]
    )
    assert window.queue_counts.text() == "过号 1"
    assert not enabled(window, Command.REACTIVATE)

    select_row(window, "A002")  # a waiting ticket: nothing to bring back
    assert not enabled(window, Command.REACTIVATE) and not enabled(window, Command.CALL_BACK)
    select_row(window, "A001")
    assert enabled(window, Command.REACTIVATE) and not enabled(window, Command.CALL_BACK)
    qtbot.mouseClick(window.buttons[Command.REACTIVATE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: queue_rows(window) == [("A001", "等候"), ("A002", "等候"), ("A003", "等候")]
    )
    assert window.message() == "A001 已排回队首，按 F1 呼叫"
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")


def test_park_then_call_back(
    qtbot,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("E")
    guide.issue_ticket("E")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "E001")
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.panel.status.text() == "办理中")
    press(qtbot, window, Qt.Key.Key_F5)  # the customer goes to fetch a document
    qtbot.waitUntil(lambda: queue_rows(window) == [("E002", "等候"), ("E001", "挂起")])
    assert shown_number(window) == "空闲"
    assert window.queue_counts.text() == "挂起 1"

    select_row(window, "E001")
    assert enabled(window, Command.CALL_BACK) and not enabled(window, Command.REACTIVATE)
    qtbot.mouseClick(window.buttons[Command.CALL_BACK], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue_rows(window) == [("E001", "等候"), ("E002", "等候")])
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "E001")
    assert by_number(hall, "E001").window == 1


def test_pause_with_a_reason_stops_calling_until_resumed(
    qtbot,
    monkeypatch,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A")
    window = open_counter(1)
    asked = []
    monkeypatch.setattr(PauseDialog, "ask", lambda parent=None: asked.append(1) or "业务培训")
    assert window.buttons[Command.PAUSE].label() == "暂停服务"
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: shown_number(window) == "暂停服务")
    assert window.window_state.text() == "暂停服务：业务培训"
    assert window.panel.business.full_text() == "原因：业务培训"
    assert window.panel.hint.text() == "窗口已暂停叫号，按 F6 恢复服务"
    assert not enabled(window, Command.CALL_NEXT)
    assert window.buttons[Command.PAUSE].label() == "恢复服务"
    assert next(w for w in hall.snapshot().windows if w.number == 1).paused_reason == "业务培训"

    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.window_state.text() == "服务中")
    assert asked == [1]  # resuming asks nothing
    assert enabled(window, Command.CALL_NEXT)
    assert shown_number(window) == "空闲"
    assert not next(w for w in hall.snapshot().windows if w.number == 1).paused


def test_transfer_keeps_the_number_and_arrival_and_waits_in_the_new_business(
    qtbot,
    monkeypatch,
    open_counter: OpenCounter,
    guide,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    issued = guide.issue_ticket("J")
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "J001")
    asked = []

    def choose(number, businesses, current, parent=None):  # type: ignore[no-untyped-def]
        asked.append((number, current, len(businesses)))
        return "C"

    monkeypatch.setattr(TransferDialog, "ask", choose)
    press(qtbot, window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: shown_number(window) == "空闲")
    assert asked == [("J001", "J", 10)]
    assert window.message() == "J001 已转到“低压居民新装/增容”，保留原取号时间"
    moved = by_number(hall, "J001")
    assert (moved.status, moved.business, moved.issued_at) == (
        TicketStatus.WAITING,
        "C",
        issued.issued_at,
    )
    qtbot.waitUntil(lambda: queue_rows(window) == [("J001", "等候")])
    assert window.queue_model.index(0, C.BUSINESS).data() == "低压居民新装/增容"


def test_handling_time_turns_amber_then_red_as_the_target_nears_and_passes(
    qtbot,
    open_counter: OpenCounter,
    guide,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A")  # 电费缴纳: a 5-minute target
    window = open_counter(1)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown_number(window) == "A001")
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.panel.status.text() == "办理中")
    panel = window.panel
    assert panel.target.text() == "办理时限 5 分钟"

    clock.advance(minutes=3, seconds=59)
    qtbot.waitUntil(lambda: panel.elapsed.text() == "03:59")  # the 1-second tick
    assert panel.property("timing") == "normal"
    assert panel.timing_note.text() == ""

    clock.advance(seconds=1)  # 80 % of the target
    qtbot.waitUntil(lambda: panel.elapsed.text() == "04:00")
    assert panel.property("timing") == "amber"
    assert panel.timing_note.text() == "即将超时（还剩 1 分钟）"

    clock.advance(minutes=1, seconds=1)
    qtbot.waitUntil(lambda: panel.elapsed.text() == "05:01")
    assert panel.property("timing") == "red"
    assert panel.timing_note.text() == "已超时 1 分钟"


def test_a_move_the_core_refuses_shows_its_message(
    qtbot,
    open_counter: OpenCounter,
    guide,
    counter,
    hall: Hall,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("A")
    other = counter(2)
    other.call_next()
    other.no_show()
    window = open_counter(1)
    qtbot.waitUntil(lambda: queue_rows(window) == [("A001", "过号（2号）")])
    select_row(window, "A001")
    # Window 2 brings it back first; this counter has not heard of it yet when its clerk clicks.
    other.reactivate("A001")
    window.buttons[Command.REACTIVATE].click()
    qtbot.waitUntil(lambda: window.message() == "A001号不是过号状态")
    assert window.message_bar.property("kind") == "error"
    qtbot.waitUntil(lambda: queue_rows(window) == [("A001", "等候")])


def test_ticket_issued_by_another_process_shows_within_one_second(
    qtbot,
    open_counter: OpenCounter,
    db_url: str,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    window = open_counter(1)
    assert window.queue_title.text() == "本窗口等候 0 人"
    other = open_hall(db_url, clock=clock)  # another PC at the ticket desk
    try:
        other.sign_in("1001", PASSWORD).issue_ticket("B")
        qtbot.waitUntil(
            lambda: queue_rows(window) == [("B001", "等候")], timeout=WITHIN_ONE_SECOND_MS
        )
        assert window.queue_title.text() == "本窗口等候 1 人"
        assert enabled(window, Command.CALL_NEXT)
    finally:
        other.close()


def test_a_restarted_counter_shows_the_ticket_still_being_served(
    open_counter: OpenCounter,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("H", account="3309876543")
    desk = counter(3)
    desk.call_next()
    desk.start()
    window = open_counter(3, desk)
    assert shown_number(window) == "H001"
    assert window.panel.status.text() == "办理中"
    assert window.panel.account.text() == "户号 3309876543"
    assert enabled(window, Command.FINISH) and not enabled(window, Command.CALL_NEXT)


def test_the_queue_shows_only_the_businesses_this_window_serves(
    qtbot,
    open_counter: OpenCounter,
    guide,
    lead,  # type: ignore[no-untyped-def]
) -> None:
    lead.save_window(2, businesses=["B", "J"])
    guide.issue_ticket("A")
    guide.issue_ticket("J")
    guide.issue_ticket("B", priority_reason="老年人")
    window = open_counter(2)
    qtbot.waitUntil(lambda: queue_rows(window) == [("B001", "等候"), ("J001", "等候")])
    assert window.queue_model.index(0, C.PRIORITY).data() == "老年人"


# -- the model and dialogs ----------------------------------------------------------------------


def test_window_queue_model_passes_the_model_tester_through_every_kind_of_change(
    qtmodeltester,
    hall: Hall,
    guide,
    counter,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    for business in ("A", "B", "A", "C"):
        guide.issue_ticket(business)
    guide.issue_ticket("A", priority_reason="残疾人")
    clerk = counter(1)
    clerk.call_next()  # A003, the priority ticket
    clerk.park()
    clerk.call_next()
    clerk.no_show()  # A001
    clock.advance(minutes=9)
    snapshot = hall.snapshot()
    names = {b.code: b.name for b in snapshot.businesses}
    model = WindowQueueModel(2, clock())
    qtmodeltester.check(model)  # stays connected: every change below is checked too

    model.set_tickets(window_line(snapshot, 2), names)
    assert [(t.number, t.status) for t in model.tickets] == [
        ("B001", TicketStatus.WAITING),
        ("A002", TicketStatus.WAITING),
        ("C001", TicketStatus.WAITING),
        ("A003", TicketStatus.PARKED),
        ("A001", TicketStatus.NO_SHOW),
    ]
    assert model.index(3, C.STATUS).data() == "挂起（1号）"
    assert model.index(3, C.PRIORITY).data() == "残疾人"
    assert model.index(0, C.WAITED).data() == "9 分钟"
    assert model.waiting_count() == 3

    pool = list(snapshot.waiting + snapshot.parked + snapshot.no_shows)
    pool += [guide.issue_ticket("J") for _ in range(5)]
    rng = random.Random(11)
    for _ in range(40):
        chosen = rng.sample(pool, rng.randint(0, len(pool)))
        model.set_tickets(chosen, names)
        assert model.tickets == tuple(chosen)
    model.set_now(clock.advance(minutes=2))


def test_timing_levels_follow_the_target() -> None:
    assert timing_level(239, 300) == "normal"
    assert timing_level(240, 300) == "amber"
    assert timing_level(300, 300) == "amber"
    assert timing_level(301, 300) == "red"
    assert timing_level(10_000, 0) == "normal"  # no target, no alarm


def test_finish_dialog_returns_the_outcome_and_the_note(qtbot, hall: Hall, guide) -> None:  # type: ignore[no-untyped-def]
    ticket = guide.issue_ticket("F")
    dialog = FinishDialog(ticket, "电能表校验申请")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "办结"
    assert dialog.choice() == FinishChoice(Outcome.SERVED, None)
    dialog.select(Outcome.REFERRED)
    dialog.note.setPlainText("  已转95598，\n工单号 123 ")
    assert dialog.choice() == FinishChoice(Outcome.REFERRED, "已转95598， 工单号 123")
    dialog.note.setPlainText("字" * 501)
    assert not ok.isEnabled()  # the core takes 500 at most
    call_next = FinishDialog(ticket, "电能表校验申请", and_call_next=True)
    qtbot.addWidget(call_next)
    assert call_next.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "办结并呼叫下一位"


def test_pause_and_transfer_dialogs_need_a_choice(qtbot, hall: Hall) -> None:  # type: ignore[no-untyped-def]
    pause = PauseDialog()
    qtbot.addWidget(pause)
    pause.show()
    ok = pause.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert pause.reason() == "午休"
    type_chinese(pause.other_text, "  去仓库 取表 ")
    assert pause.reason() == "去仓库 取表"
    pause.other_text.clear()
    assert pause.reason() is None and not ok.isEnabled()

    businesses = hall.snapshot().businesses
    transfer = TransferDialog("A001", businesses, "A")
    qtbot.addWidget(transfer)
    codes = [
        transfer.choices.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(transfer.choices.count())
    ]
    assert codes == ["B", "C", "D", "E", "F", "G", "H", "J", "K"]  # not the business it is in
    assert not transfer.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    transfer.choices.setCurrentRow(1)
    assert transfer.chosen() == "C"


# -- the business after the call (issue 4) -------------------------------------------------

COMPLAINT = {
    "kind": "投诉",
    "category": "服务",
    "severity": "一般",
    "customer_name": "王五",
    "mobile": "13812345678",
    "description": "窗口人员态度生硬",
}


def test_f10_opens_the_form_of_the_tickets_business_for_its_customer(
    qtbot,
    open_counter: OpenCounter,
    guide: Desk,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    guide.issue_ticket("C", account="3301234567")
    window = open_counter()
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.current_ticket is not None)
    asked: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        "ui.counter.ApplicationFormDialog.ask",
        lambda session, desk, form, account=None, parent=None: asked.append((form, account)),
    )
    press(qtbot, window, Qt.Key.Key_F10)
    assert asked == [("residential_connection", "3301234567")]


def test_a_customer_back_within_a_week_is_flagged(
    qtbot,
    open_counter: OpenCounter,
    guide: Desk,
    counter,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    desk = counter(1)
    guide.issue_ticket("E", account="3301234567")
    desk.call_next()
    desk.finish(outcome="unresolved", note="缺房产证明")
    clock.advance(days=2)
    guide.issue_ticket("E", account="3301234567")
    window = open_counter(desk=desk)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.panel.repeat.isVisible())
    assert window.panel.repeat.text() == "重复来访：03-02 E001"
    assert window.panel.repeat.toolTip() == "缺房产证明"


def test_overdue_applications_show_as_a_follow_up_badge(
    qtbot,
    open_counter: OpenCounter,
    session: HallSession,
    counter,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    desk = counter(1)
    desk.save_application("complaint", COMPLAINT)  # contact the customer by tomorrow
    window = open_counter(desk=desk)
    caught_up(qtbot, session)
    assert not window.urgent_button.isVisible()
    clock.advance(days=3)
    session.refresh()
    qtbot.waitUntil(lambda: window.urgent_button.isVisible())
    assert window.urgent_button.text() == "督办 1"
