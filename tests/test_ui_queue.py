"""The live queue window: what a lead sees, and how soon a change anywhere shows up."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator

import pytest
from conftest import PASSWORD, FakeClock
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from hall import open_hall
from hall.facade import Hall
from hall.records import QueueSnapshot

from ui.fonts import CJK_FAMILY, CJK_FONT_FILE, install_cjk_font, renders
from ui.live_queue import LiveQueueWindow, WindowCard
from ui.queue_model import QueueModel, WaitingCountsModel
from ui.session import HallSession
from ui.setup_dialog import FirstRunDialog
from ui.worker import DbWorker

from main import parse_args

# The promise to the hall: a change made anywhere is on screen within a second.
WITHIN_ONE_SECOND_MS = 1000

OpenWindow = Callable[..., LiveQueueWindow]


@pytest.fixture
def open_window(qtbot, hall: Hall, worker: DbWorker) -> Iterator[OpenWindow]:  # type: ignore[no-untyped-def]
    """open_window(**options) shows the live queue at 1366x768, once it has read the hall."""
    windows: list[LiveQueueWindow] = []
    sessions: list[HallSession] = []

    def open_(**options: object) -> LiveQueueWindow:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        session = HallSession(hall, worker, **options)  # type: ignore[arg-type]
        sessions.append(session)
        window = LiveQueueWindow(session)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: window.windowTitle().startswith("城东供电营业厅"))
        qtbot.waitUntil(lambda: "6号窗口" in window_cards(window))  # cards laid out
        return window

    yield open_
    for window in windows:
        window.close()
    for session in sessions:
        session.close()


def queue_rows(window: LiveQueueWindow) -> list[tuple[str, ...]]:
    """The waiting list as shown: one tuple of cell texts per row, or [] when it is hidden."""
    view = window.queue_view
    if not view.isVisible():
        return []
    model = view.model()
    return [
        tuple(model.index(row, col).data() for col in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def numbers_in_line(window: LiveQueueWindow) -> list[str]:
    return [row[QueueModel.Columns.NUMBER] for row in queue_rows(window)]


def counts_shown(window: LiveQueueWindow) -> dict[str, str]:
    """Business code → the waiting count shown beside it."""
    model = window.counts_view.model()
    C = WaitingCountsModel.Columns
    return {
        model.index(row, C.CODE).data(): model.index(row, C.WAITING).data()
        for row in range(model.rowCount())
    }


def window_cards(window: LiveQueueWindow) -> dict[str, tuple[str, str]]:
    """Window name → (big text, line under it), as shown on each window's card."""
    cards = {}
    for card in window.findChildren(WindowCard):
        if card.isVisible():
            name, main, detail = (label.text() for label in card.findChildren(QLabel))
            cards[name] = (main, detail)
    return cards


def labels_shown(window: LiveQueueWindow) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel) if label.isVisible()]


# -- models ------------------------------------------------------------------------------------


def test_queue_model_passes_the_model_tester_through_every_kind_of_change(
    qtmodeltester,
    hall: Hall,
    guide,
    counter,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    issued = [guide.issue_ticket("A"), guide.issue_ticket("B", account="3301234567")]
    issued.append(guide.issue_ticket("A", priority_reason="老年人"))
    clock.advance(minutes=12)
    snapshot = hall.snapshot()
    names = {b.code: b.name for b in snapshot.businesses}
    model = QueueModel(hall.zone, clock())
    qtmodeltester.check(model)  # stays connected: every change below is checked too

    model.set_tickets(snapshot.waiting, names)
    C = QueueModel.Columns
    first = [model.index(0, c).data() for c in C]
    assert first[C.NUMBER] == "A002"  # the priority ticket is called first
    assert first[C.BUSINESS] == "电费缴纳/预存电费"
    assert first[C.STATUS] == "等候"
    assert first[C.ISSUED_AT] == "10:00"
    assert first[C.WAITED] == "12 分钟"
    assert first[C.PRIORITY] == "老年人"
    assert model.index(2, C.ACCOUNT).data() == "3301234567"

    counter(1).call_next()  # A002 leaves the line
    issued.append(guide.issue_ticket("C"))
    model.set_tickets(hall.snapshot().waiting, names)
    assert [t.number for t in model.tickets] == ["A001", "B001", "C001"]

    # Arbitrary reorderings, insertions and removals keep rows and signals consistent.
    pool = [*issued, *(guide.issue_ticket("J") for _ in range(6))]
    rng = random.Random(7)
    for _ in range(40):
        chosen = rng.sample(pool, rng.randint(0, len(pool)))
        model.set_tickets(chosen, names)
        assert model.tickets == tuple(chosen)

    counts = WaitingCountsModel()
    qtmodeltester.check(counts)
    counts.set_snapshot(hall.snapshot())
    counts.set_snapshot(hall.snapshot())


def test_waiting_counts_list_the_menu_in_order_with_what_waits(hall: Hall, guide) -> None:  # type: ignore[no-untyped-def]
    guide.issue_ticket("B")
    guide.issue_ticket("B")
    model = WaitingCountsModel()
    model.set_snapshot(hall.snapshot())
    C = WaitingCountsModel.Columns
    rows = [(model.index(r, C.CODE).data(), model.index(r, C.WAITING).data()) for r in range(3)]
    assert rows == [("A", "0 人"), ("B", "2 人"), ("C", "0 人")]
    assert model.total_waiting() == 2


# -- the window --------------------------------------------------------------------------------


def test_window_shows_the_hall_name_and_an_empty_queue(open_window: OpenWindow) -> None:
    window = open_window()
    assert window.windowTitle() == "城东供电营业厅 · 排队实况"
    shown = labels_shown(window)
    assert "城东供电营业厅" in shown
    assert "目前无人等候" in shown
    assert "等候 0 人" in shown
    assert window_cards(window)["1号窗口"] == ("未开放", "无人签到")


def test_ticket_issued_in_this_process_shows_within_one_second(
    qtbot,
    open_window: OpenWindow,
    guide,  # type: ignore[no-untyped-def]
) -> None:
    # A poll this slow cannot be what brings it: the event bridge must.
    window = open_window(poll_interval_ms=60_000)
    guide.issue_ticket("A", account="3301234567")
    qtbot.waitUntil(lambda: numbers_in_line(window) == ["A001"], timeout=WITHIN_ONE_SECOND_MS)
    row = queue_rows(window)[0]
    assert row[QueueModel.Columns.BUSINESS] == "电费缴纳/预存电费"
    assert row[QueueModel.Columns.ACCOUNT] == "3301234567"
    assert counts_shown(window)["A"] == "1 人"
    assert "等候 1 人" in labels_shown(window)
    assert "目前无人等候" not in labels_shown(window)


def test_ticket_issued_by_another_process_shows_within_one_second(
    qtbot,
    open_window: OpenWindow,
    db_url: str,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window()
    # A second open_hall on the same file is another PC at the ticket desk: its events never
    # reach this process, only its commits do.
    other = open_hall(db_url, clock=clock)
    try:
        other.sign_in("1001", PASSWORD).issue_ticket("B")
        qtbot.waitUntil(lambda: numbers_in_line(window) == ["B001"], timeout=WITHIN_ONE_SECOND_MS)
        assert counts_shown(window)["B"] == "1 人"
    finally:
        other.close()


def test_call_start_and_pause_show_on_the_window_cards(
    qtbot,
    open_window: OpenWindow,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window()
    guide.issue_ticket("A")
    guide.issue_ticket("B")
    clerk = counter(2)
    qtbot.waitUntil(lambda: window_cards(window).get("2号窗口") == ("空闲", "工号 2002"))

    clerk.call_next()
    qtbot.waitUntil(
        lambda: window_cards(window)["2号窗口"][0] == "A001", timeout=WITHIN_ONE_SECOND_MS
    )
    assert window_cards(window)["2号窗口"][1].startswith("已呼叫 · 电费缴纳")
    assert numbers_in_line(window) == ["B001"]

    clerk.start()
    qtbot.waitUntil(lambda: window_cards(window)["2号窗口"][1].startswith("办理中"))

    counter(3).pause("午间休息")
    qtbot.waitUntil(lambda: window_cards(window).get("3号窗口") == ("暂停服务", "午间休息"))


def test_parked_and_no_show_tickets_stay_in_the_list_marked(
    qtbot,
    open_window: OpenWindow,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window()
    for _ in range(3):
        guide.issue_ticket("A")
    clerk = counter(1)
    clerk.call_next()
    clerk.no_show()
    clerk.call_next()
    clerk.park()
    C = QueueModel.Columns
    qtbot.waitUntil(
        lambda: (
            [(r[C.NUMBER], r[C.STATUS], r[C.WINDOW]) for r in queue_rows(window)]
            == [("A003", "等候", ""), ("A002", "挂起", "1号"), ("A001", "过号", "1号")]
        )
    )
    assert "等候队列（1 人）  挂起 1 · 过号 1" in labels_shown(window)


def test_queue_is_reread_only_when_the_database_changed_and_never_on_the_gui_thread(
    qtbot,
    monkeypatch,
    hall: Hall,
    open_window: OpenWindow,
    guide,  # type: ignore[no-untyped-def]
) -> None:
    reads: list[threading.Thread] = []
    polls: list[threading.Thread] = []
    real_snapshot = hall.snapshot
    real_watcher = hall.change_watcher

    def counted_snapshot() -> QueueSnapshot:
        reads.append(threading.current_thread())
        return real_snapshot()

    class CountedWatcher:
        def __init__(self) -> None:
            self._watcher = real_watcher()

        def changed(self) -> bool:
            polls.append(threading.current_thread())
            return self._watcher.changed()

        def close(self) -> None:
            self._watcher.close()

    monkeypatch.setattr(hall, "snapshot", counted_snapshot)
    monkeypatch.setattr(hall, "change_watcher", CountedWatcher)
    window = open_window(poll_interval_ms=20)
    qtbot.waitUntil(lambda: len(polls) >= 10)
    assert len(reads) == 1  # the first reading only: nothing changed since

    guide.issue_ticket("A")
    qtbot.waitUntil(lambda: numbers_in_line(window) == ["A001"])
    # The bridge's read and a poll already under way may both read this change: two at most.
    assert 2 <= len(reads) <= 3
    after_change, polls_then = len(reads), len(polls)
    qtbot.waitUntil(lambda: len(polls) >= polls_then + 10)
    assert len(reads) == after_change  # quiet again: polls only, no readings
    assert threading.main_thread() not in reads + polls


# -- fonts, first run, command line -------------------------------------------------------------


def test_shipped_chinese_font_is_registered_and_used(open_window: OpenWindow) -> None:
    window = open_window()
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT_FILE))
    try:
        assert font_id >= 0, f"cannot load {CJK_FONT_FILE}"
        assert CJK_FAMILY in QFontDatabase.applicationFontFamilies(font_id)
    finally:
        QFontDatabase.removeApplicationFont(font_id)
    assert renders(CJK_FAMILY, "营业厅")
    hall_name = window.findChild(QLabel, "hallName")
    assert QFontInfo(hall_name.font()).family() == CJK_FAMILY


def test_first_run_dialog_checks_the_form_then_sets_the_hall_up(
    qtbot,
    fresh_hall: Hall,
    worker: DbWorker,  # type: ignore[no-untyped-def]
) -> None:
    dialog = FirstRunDialog(fresh_hall, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.hall_name.setText("城西供电营业厅")
    dialog.lead_code.setText("9001")
    dialog.lead_name.setText("王值班")
    dialog.password.setText(PASSWORD)
    dialog.password_again.setText(PASSWORD + "x")
    ok.click()
    assert dialog.error.text() == "两次输入的密码不一致"

    dialog.password.setText("abc")
    dialog.password_again.setText("abc")
    ok.click()
    qtbot.waitUntil(lambda: dialog.error.text() == "密码至少6位")  # the core's own check
    assert fresh_hall.needs_setup

    dialog.password.setText(PASSWORD)
    dialog.password_again.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        ok.click()
    assert not fresh_hall.needs_setup
    assert fresh_hall.name == "城西供电营业厅"
    assert fresh_hall.sign_in("9001", PASSWORD).name == "王值班"


def test_command_line_takes_db_and_lang_and_leaves_qt_options_to_qt() -> None:
    args, qt_args = parse_args(["--db", "sqlite:////tmp/x.db", "--lang", "en", "-style", "fusion"])
    assert (args.db, args.lang) == ("sqlite:////tmp/x.db", "en")
    assert qt_args == ["-style", "fusion"]
    defaults, _ = parse_args([])
    assert (defaults.db, defaults.lang) == (None, "zh_CN")
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr"])
