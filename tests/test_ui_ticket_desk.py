"""The lobby guide's ticket desk: issuing by touch, slips on paper and as PDF, peaks, refusals."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import segno
from conftest import PASSWORD, FakeClock
from fakes import FakeSlipPrinter
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from hall import open_hall
from hall.facade import Hall

import ui.printing
import ui.ticket_desk
from ui.fonts import install_cjk_font
from ui.printing import TICKET_PRINTER_KEY, PrintOutcome, SlipPrinter, paint_slip
from ui.session import HallSession
from ui.slip import SlipData, render_slip, write_slip_pdf
from ui.ticket_desk import RecentTicketsModel, TicketDeskWindow
from ui.worker import DbWorker

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAYMENT_PEAK = "缴费高峰：简单缴费可引导至自助缴费机或网上国网App"

OpenDesk = Callable[..., TicketDeskWindow]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def slips(tmp_path: Path) -> Path:
    return tmp_path / "slips"


@pytest.fixture
def printer(settings: QSettings, slips: Path) -> FakeSlipPrinter:
    return FakeSlipPrinter(settings, slips)


@pytest.fixture
def open_desk(qtbot, hall: Hall, worker: DbWorker, guide, printer) -> Iterator[OpenDesk]:  # type: ignore[no-untyped-def]
    """open_desk(size=(1366, 768)) shows the guide's ticket desk once it has read the hall."""
    windows: list[TicketDeskWindow] = []
    sessions: list[HallSession] = []

    def open_(size: tuple[int, int] = (1366, 768)) -> TicketDeskWindow:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        session = HallSession(hall, worker)
        sessions.append(session)
        window = TicketDeskWindow(session, guide, slip_printer=printer)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.windowTitle() == "城东供电营业厅 · 取号台")
        qtbot.waitUntil(lambda: "K" in window.business_buttons)
        qtbot.waitUntil(lambda: not worker.busy)  # today's handling times read too
        return window

    yield open_
    for window in windows:
        window.close()
    for session in sessions:
        session.close()


def button(window: TicketDeskWindow, code: str) -> tuple[str, ...]:
    """What the business's button says, line by line."""
    return window.business_buttons[code].shown_texts()


def touch(qtbot, window: TicketDeskWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.business_buttons[code], Qt.MouseButton.LeftButton)


def result(window: TicketDeskWindow) -> tuple[str, str, str]:
    """The result card: title, number, detail."""
    card = window.result_card
    return card.title.text(), card.number.text(), card.detail.text()


def recent_rows(window: TicketDeskWindow) -> list[tuple[str, ...]]:
    model = window.recent_view.model()
    return [
        tuple(model.index(row, col).data() for col in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def status_labels(window: TicketDeskWindow) -> list[str]:
    return [label.text() for label in window.statusBar().findChildren(QLabel)]


def slip(number: str = "A005", *, ahead: int = 3, priority: bool = False) -> SlipData:
    return SlipData(
        hall_name="城东供电营业厅",
        number=number,
        business_name="电费缴纳/预存电费",
        waiting_ahead=ahead,
        issued_at=datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI),
        day=datetime(2026, 3, 2).date(),
        priority=priority,
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout


# -- issuing -----------------------------------------------------------------------------------


def test_touching_a_business_issues_a_ticket_prints_its_slip_and_shows_the_number(
    qtbot,
    monkeypatch,
    hall: Hall,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,
    slips: Path,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(ui.ticket_desk, "RESULT_SHOW_MS", 300)
    window = open_desk()
    assert button(window, "A") == ("A", "电费缴纳/预存电费", "等候 0 人", "无需等候")
    assert result(window)[0] == "请点选客户要办理的业务"

    touch(qtbot, window, "A")
    qtbot.waitUntil(lambda: result(window)[1] == "A001")
    assert result(window) == ("请取票", "A001", "前方等待 0 人 · 电费缴纳/预存电费")
    assert [t.number for t in hall.snapshot().waiting] == ["A001"]
    assert printer.printed == [
        SlipData(
            hall_name="城东供电营业厅",
            number="A001",
            business_name="电费缴纳/预存电费",
            waiting_ahead=0,
            issued_at=datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI),
            day=datetime(2026, 3, 2).date(),
            priority=False,
        )
    ]
    assert "A001" in pdf_text(slips / "2026-03-02" / "A001.pdf")  # the PDF copy
    assert recent_rows(window) == [("A001", "电费缴纳/预存电费", "0 人", "10:00", "已打印", "补打")]
    assert window.statusBar().currentMessage() == "A001 已打印（XP-80C）"

    touch(qtbot, window, "A")
    qtbot.waitUntil(lambda: result(window)[1] == "A002")
    assert result(window)[2] == "前方等待 1 人 · 电费缴纳/预存电费"
    assert [row[0] for row in recent_rows(window)] == ["A002", "A001"]
    # After a few seconds the desk is ready for the next customer.
    qtbot.waitUntil(lambda: result(window)[:2] == ("请点选客户要办理的业务", ""))


def test_a_double_touch_issues_one_ticket(
    qtbot,
    hall: Hall,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,
    worker: DbWorker,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    touch(qtbot, window, "B")
    # The ticket is being issued on the worker: every business waits until it is done.
    assert result(window)[0] == "正在取号…"
    assert not any(b.isEnabled() for b in window.business_buttons.values())
    touch(qtbot, window, "B")
    qtbot.mouseDClick(window.business_buttons["B"], Qt.MouseButton.LeftButton)
    touch(qtbot, window, "C")
    qtbot.waitUntil(lambda: result(window)[1] == "B001")
    qtbot.waitUntil(lambda: not worker.busy)
    assert [t.number for t in hall.snapshot().waiting] == ["B001"]
    assert [s.number for s in printer.printed] == ["B001"]
    assert window.business_buttons["B"].isEnabled()


def test_waiting_counts_and_estimates_follow_the_queue_here_and_elsewhere(
    qtbot,
    open_desk: OpenDesk,
    db_url: str,
    clock: FakeClock,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    touch(qtbot, window, "A")
    qtbot.waitUntil(lambda: result(window)[1] == "A001")
    touch(qtbot, window, "A")
    qtbot.waitUntil(lambda: result(window)[1] == "A002")
    # Nothing finished today: the 5-minute target per customer, no window open yet.
    qtbot.waitUntil(lambda: button(window, "A")[2:] == ("等候 2 人", "预计等候约 10 分钟"))

    # Another ticket desk (another process on the same database) issues one more.
    other = open_hall(db_url, clock=clock)
    try:
        other.sign_in("1001", PASSWORD).issue_ticket("A")
        qtbot.waitUntil(lambda: button(window, "A")[2:] == ("等候 3 人", "预计等候约 15 分钟"))
    finally:
        other.close()

    # Two windows now share the line: 3 x 5 min / 2, rounded up.
    first, second = counter(1), counter(2)
    assert second.window == 2
    qtbot.waitUntil(lambda: button(window, "A")[2:] == ("等候 3 人", "预计等候约 8 分钟"))

    # Today's first payment took 9 minutes: estimates follow today's real pace.
    first.call_next()
    clock.advance(minutes=9)
    first.finish()
    qtbot.waitUntil(lambda: button(window, "A")[2:] == ("等候 2 人", "预计等候约 9 分钟"))
    assert button(window, "C")[2:] == ("等候 0 人", "无需等候")


def test_priority_reason_and_customer_number_reach_the_ticket(
    qtbot,
    hall: Hall,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    # Digits typed wherever the focus is go to the customer number.
    qtbot.keyClicks(window.business_buttons["A"], "3301234567")
    assert window.account_edit.text() == "3301234567"
    chips = window.priority_chips
    chips["孕妇"].click()
    chips["老年人"].click()
    assert [reason for reason, chip in chips.items() if chip.isChecked()] == ["老年人"]
    chips["孕妇"].click()

    touch(qtbot, window, "C")
    qtbot.waitUntil(lambda: result(window)[1] == "C001")
    assert result(window)[2] == "前方等待 0 人 · 低压居民新装/增容 · 绿色通道"
    (ticket,) = hall.snapshot().waiting
    assert (ticket.priority, ticket.priority_reason, ticket.account) == (True, "孕妇", "3301234567")
    assert printer.printed[-1].priority
    # The form is ready for the next customer.
    assert window.account_edit.text() == ""
    assert not any(chip.isChecked() for chip in chips.values())

    # 其他: the guide must say why.
    chips["其他…"].click()
    assert window.other_reason_edit.isVisible()
    touch(qtbot, window, "C")
    assert window.message_bar.isVisible()
    assert window.message_bar.text.text() == "请填写绿色通道原因，或取消“其他”"
    window.other_reason_edit.insert("行动不便 2 级")  # typed with the input method
    touch(qtbot, window, "C")
    qtbot.waitUntil(lambda: result(window)[1] == "C002")
    assert not window.message_bar.isVisible()
    reasons = [t.priority_reason for t in hall.snapshot().waiting]
    assert reasons == ["孕妇", "行动不便 2 级"]
    assert not window.other_reason_edit.isVisible()


def test_escape_clears_the_form(qtbot, open_desk: OpenDesk) -> None:  # type: ignore[no-untyped-def]
    window = open_desk()
    qtbot.keyClicks(window.account_edit, "330012")
    window.priority_chips["紧急投诉"].click()
    qtbot.keyClick(window.account_edit, Qt.Key.Key_Escape)
    assert window.account_edit.text() == ""
    assert not any(chip.isChecked() for chip in window.priority_chips.values())


# -- refusals ----------------------------------------------------------------------------------


def test_a_ticket_refused_after_hours_shows_why_and_issues_nothing(
    qtbot,
    hall: Hall,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    clock.set(datetime(2026, 3, 2, 9, 31, tzinfo=UTC))  # 17:31 in Shanghai, before the desk ticks
    touch(qtbot, window, "A")
    qtbot.waitUntil(window.message_bar.isVisible)
    assert window.message_bar.text.text() == (
        "“电费缴纳/预存电费”的取号时间为 08:30–17:30，现在不能取号"
    )
    assert hall.snapshot().waiting == ()
    assert printer.printed == []
    assert result(window)[1] == ""
    # The desk now shows every business closed, and why.
    assert button(window, "A")[2:] == ("等候 0 人", "今日取号已结束（17:30 截止）")
    assert not window.business_buttons["A"].isEnabled()


def test_a_business_at_its_daily_cap_is_greyed_out_once_full(
    qtbot,
    hall: Hall,
    lead,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,  # type: ignore[no-untyped-def]
) -> None:
    lead.save_business("B", name="发票/账单打印", target_min=5, daily_cap=1)
    window = open_desk()
    touch(qtbot, window, "B")
    qtbot.waitUntil(lambda: result(window)[1] == "B001")
    qtbot.waitUntil(lambda: not window.business_buttons["B"].isEnabled())
    assert button(window, "B")[-1] == "今日号源已满"
    assert window.business_buttons["A"].isEnabled()
    assert [t.number for t in hall.snapshot().waiting] == ["B001"]
    assert [s.number for s in printer.printed] == ["B001"]


def test_when_the_lead_ends_the_day_every_business_is_closed(
    qtbot,
    lead,
    open_desk: OpenDesk,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    lead.end_day()
    qtbot.waitUntil(lambda: not window.business_buttons["A"].isEnabled())
    assert {button(window, code)[-1] for code in window.business_buttons} == {"今日营业已结束"}


def test_a_bad_customer_number_is_refused_and_kept_for_correction(
    qtbot,
    hall: Hall,
    open_desk: OpenDesk,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    window.account_edit.setText("3301-234")
    touch(qtbot, window, "A")
    qtbot.waitUntil(window.message_bar.isVisible)
    assert window.message_bar.text.text() == "户号只能由数字组成"
    assert window.account_edit.text() == "3301-234"
    assert hall.snapshot().waiting == ()


def test_closed_businesses_are_greyed_out_with_why_until_they_open(
    qtbot,
    monkeypatch,
    lead,
    open_desk: OpenDesk,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(ui.ticket_desk, "CLOCK_INTERVAL_MS", 50)
    clock.set(datetime(2026, 3, 2, 0, 0, tzinfo=UTC))  # Monday 08:00 in Shanghai
    lead.save_business("G", name="分布式光伏并网", target_min=20, active=False)
    lead.save_business("F", name="电能表校验申请", target_min=20, open_days="23456")
    window = open_desk()
    assert button(window, "A") == ("A", "电费缴纳/预存电费", "等候 0 人", "08:30 开始取号")
    assert button(window, "G")[-1] == "暂停办理"
    assert button(window, "F")[-1] == "今日不办理"
    assert not any(b.isEnabled() for b in window.business_buttons.values())

    clock.set(datetime(2026, 3, 2, 0, 30, tzinfo=UTC))  # 08:30
    qtbot.waitUntil(lambda: button(window, "A")[-1] == "无需等候")
    assert window.business_buttons["A"].isEnabled()
    assert button(window, "G")[-1] == "暂停办理"
    assert not window.business_buttons["F"].isEnabled()


# -- printing ----------------------------------------------------------------------------------


def test_a_failed_print_is_shown_at_once_and_a_reprint_prints_the_same_slip(
    qtbot,
    hall: Hall,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,
    slips: Path,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    printer.failure = "打印机缺纸"
    touch(qtbot, window, "A")
    bar = window.print_failure_bar
    qtbot.waitUntil(bar.isVisible)
    assert (bar.headline.text(), bar.reason.text()) == ("A001 号票打印失败", "打印机缺纸")
    assert result(window)[:2] == ("已取号，但票没有打印出来", "A001")
    assert recent_rows(window)[0][RecentTicketsModel.Columns.PRINTED] == "未打印"
    # The ticket is issued and waits; its PDF copy is there.
    assert [t.number for t in hall.snapshot().waiting] == ["A001"]
    assert (slips / "2026-03-02" / "A001.pdf").exists()
    issued_slip = window.recent_model.outcomes[0].slip

    printer.failure = "打印机缺纸"
    qtbot.mouseClick(bar.reprint_button, Qt.MouseButton.LeftButton)
    assert bar.isVisible() and printer.printed == []  # still no paper: still in red

    printer.failure = None
    qtbot.mouseClick(bar.reprint_button, Qt.MouseButton.LeftButton)
    assert printer.printed == [issued_slip]  # the same slip: same number, same time
    assert not bar.isVisible()
    assert result(window)[:2] == ("请取票（补打）", "A001")
    assert recent_rows(window)[0][RecentTicketsModel.Columns.PRINTED] == "已打印"

    # Any recent ticket can be printed again from the list.
    row_button = window.recent_view.indexWidget(
        window.recent_model.index(0, RecentTicketsModel.Columns.REPRINT)
    )
    assert isinstance(row_button, QPushButton) and row_button.text() == "补打"
    qtbot.mouseClick(row_button, Qt.MouseButton.LeftButton)
    assert [s.number for s in printer.printed] == ["A001", "A001"]
    # Reprints issue nothing.
    assert [(t.number, t.status.value) for t in hall.snapshot().waiting] == [("A001", "waiting")]


def test_slip_printer_says_why_it_cannot_print_and_keeps_the_pdf(
    monkeypatch,
    settings: QSettings,
    slips: Path,  # type: ignore[no-untyped-def]
) -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    printer = SlipPrinter(settings, slip_folder=slips)
    monkeypatch.setattr(ui.printing, "system_printers", lambda: ((), ""))
    outcome = printer.print_slip(slip())
    assert not outcome.printed
    assert outcome.reason == "没有可用的打印机，请连接票据打印机后点“选择打印机…”"
    assert outcome.pdf_path == slips / "2026-03-02" / "A005.pdf"
    assert "A005" in pdf_text(outcome.pdf_path)
    assert printer.describe() == "打印机：无"

    printer.set_printer("票据打印机")
    outcome = printer.print_slip(slip())
    assert outcome.reason == "未找到打印机“票据打印机”，系统也没有默认打印机"

    # The chosen printer is gone but the system has a default: the slip goes there.
    monkeypatch.setattr(ui.printing, "system_printers", lambda: (("Office",), "Office"))
    assert printer.printer_to_use()[0] == "Office"
    outcome = printer.print_slip(slip())
    assert (outcome.printed, outcome.printer) == (False, "Office")  # unknown to Qt here
    assert outcome.reason == "无法打开打印机“Office”"


def test_the_chosen_printer_is_remembered(
    qtbot,
    monkeypatch,
    open_desk: OpenDesk,
    settings: QSettings,
    slips: Path,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(ui.printing, "system_printers", lambda: (("XP-80C", "Office"), "Office"))
    window = open_desk()
    assert "打印机：Office（系统默认）" in status_labels(window)

    monkeypatch.setattr(SlipPrinter, "ask_printer", staticmethod(lambda parent, current: None))
    qtbot.mouseClick(window.choose_printer_button, Qt.MouseButton.LeftButton)
    assert settings.value(TICKET_PRINTER_KEY, "") == ""  # cancelled: nothing changes

    asked: list[str | None] = []

    def choose_xp80(parent: object, current: str | None) -> str:
        asked.append(current)
        return "XP-80C"

    monkeypatch.setattr(SlipPrinter, "ask_printer", staticmethod(choose_xp80))
    qtbot.mouseClick(window.choose_printer_button, Qt.MouseButton.LeftButton)
    assert asked == ["Office"]
    assert settings.value(TICKET_PRINTER_KEY) == "XP-80C"
    assert "打印机：XP-80C" in status_labels(window)
    # The next start of the desk prints there.
    assert SlipPrinter(settings, slip_folder=slips).printer_to_use() == ("XP-80C", None)


# -- the slip ----------------------------------------------------------------------------------


def test_slip_pdf_shows_what_the_customer_needs_with_the_font_embedded(tmp_path: Path) -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    path = write_slip_pdf(tmp_path / "slip.pdf", slip(ahead=3, priority=True))
    text = pdf_text(path)
    for expected in (
        "城东供电营业厅",
        "A005",
        "电费缴纳/预存电费",
        "前方等待 3 人",
        "2026-03-02 10:00",
        "绿色通道",
        "请留意叫号，过号请到引导台",
    ):
        assert expected in text
    assert "绿色通道" not in pdf_text(write_slip_pdf(tmp_path / "plain.pdf", slip()))

    fonts = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts, "no font in the slip"
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the emb column

    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size is not None
    width_mm, height_mm = (float(v) / 72 * 25.4 for v in size.groups())
    assert width_mm == pytest.approx(80, abs=0.5)
    assert height_mm == pytest.approx(110, abs=0.5)


def test_slip_qr_code_holds_the_ticket_number() -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    image = QImage(800, 1100, QImage.Format.Format_RGB32)  # 10 pixels a millimetre
    image.fill(QColor("white"))
    painter = QPainter(image)
    qr_rect = render_slip(painter, QRectF(0, 0, 800, 1100), slip("K012"))
    painter.end()
    assert QRectF(0, 0, 800, 1100).contains(qr_rect)
    matrix = segno.make("K012", micro=False).matrix
    count = len(matrix)
    module = qr_rect.width() / count
    assert module >= 8  # about a millimetre a module: readable by any phone

    def dark(x: float, y: float) -> bool:
        return QColor(image.pixel(int(x), int(y))).lightness() < 128

    for row, cells in enumerate(matrix):
        for column, cell in enumerate(cells):
            x = qr_rect.left() + (column + 0.5) * module
            y = qr_rect.top() + (row + 0.5) * module
            assert dark(x, y) == bool(cell), (row, column)
    # The quiet zone around the code is blank.
    for i in range(count):
        along = qr_rect.left() + (i + 0.5) * module
        assert not dark(along, qr_rect.top() - 2 * module)
        assert not dark(along, qr_rect.bottom() + 2 * module)


def test_a_slip_on_a_printer_is_the_same_slip(tmp_path: Path) -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_slip(printer, slip("C007", ahead=12))
    text = pdf_text(tmp_path / "printed.pdf")
    assert "C007" in text and "前方等待 12 人" in text and "城东供电营业厅" in text


# -- peaks and layout --------------------------------------------------------------------------


def test_a_peak_shows_on_the_button_and_suggests_self_service_for_payments(
    qtbot,
    lead,
    guide,
    counter,
    open_desk: OpenDesk,  # type: ignore[no-untyped-def]
) -> None:
    lead.save_business("A", name="电费缴纳/预存电费", target_min=5, alert_waiting=2)
    lead.save_business("C", name="低压居民新装/增容", target_min=20, alert_waiting=2)
    window = open_desk()
    guide.issue_ticket("A")
    guide.issue_ticket("A")
    qtbot.waitUntil(lambda: button(window, "A")[2] == "等候 2 人")
    assert "排队高峰" not in button(window, "A")  # at the alert level, not over it
    assert not window.peak_banner.isVisible()

    guide.issue_ticket("A")
    qtbot.waitUntil(lambda: "排队高峰" in button(window, "A"))
    assert window.business_buttons["A"].property("state") == "peak"  # drawn in amber
    assert window.peak_banner.isVisible()
    assert window.peak_banner.text() == PAYMENT_PEAK

    for _ in range(3):
        guide.issue_ticket("C")
    qtbot.waitUntil(lambda: "排队高峰" in button(window, "C"))
    assert window.peak_banner.text() == PAYMENT_PEAK + "\n低压居民新装/增容业务排队较多"

    counter(1).call_next()  # A001 is served: two payments wait, the peak is over
    qtbot.waitUntil(lambda: button(window, "A")[2] == "等候 2 人")
    assert "排队高峰" not in button(window, "A")
    assert window.peak_banner.text() == "低压居民新装/增容业务排队较多"


def test_buttons_stay_big_enough_to_touch_with_every_banner_shown(
    qtbot,
    lead,
    guide,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,  # type: ignore[no-untyped-def]
) -> None:
    lead.save_business("A", name="电费缴纳/预存电费", target_min=5, alert_waiting=1)
    lead.save_business("C", name="低压居民新装/增容", target_min=20, alert_waiting=1)
    for code in "AACC":
        guide.issue_ticket(code)
    window = open_desk()
    printer.failure = "打印机“XP-80C”故障（可能缺纸或未连接）"
    touch(qtbot, window, "J")
    qtbot.waitUntil(window.print_failure_bar.isVisible)
    window.priority_chips["其他…"].click()
    touch(qtbot, window, "J")  # no reason given: a message too
    assert window.message_bar.isVisible() and window.peak_banner.isVisible()
    qtbot.waitUntil(lambda: window.height() == 768)
    heights = [b.height() for b in window.business_buttons.values()]
    assert min(heights) >= 96, heights
    assert window.result_card.number.height() >= window.result_card.number.minimumHeight()

    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    big = window.business_buttons["A"]
    qtbot.waitUntil(lambda: big.height() > max(heights))
    name = big.findChild(QLabel, "businessName")
    assert name.fontInfo().pixelSize() > 21  # larger type on a larger screen


def test_recent_tickets_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RecentTicketsModel(limit=5)
    qtmodeltester.check(model)  # stays connected: every change below is checked too
    for n in range(1, 8):
        model.record(PrintOutcome(slip(f"A{n:03d}", ahead=n), printed=n != 3, reason="缺纸"))
    assert [o.slip.number for o in model.outcomes] == ["A007", "A006", "A005", "A004", "A003"]
    C = RecentTicketsModel.Columns
    assert model.index(4, C.PRINTED).data() == "未打印"
    assert model.index(4, C.PRINTED).data(Qt.ItemDataRole.ToolTipRole) == "缺纸"
    model.record(PrintOutcome(slip("A003", ahead=3), printed=True))  # reprinted
    assert model.rowCount() == 5
    assert model.index(4, C.PRINTED).data() == "已打印"
    assert model.index(0, C.AHEAD).data() == "7 人"


def test_closing_the_desk_while_issuing_still_prints_the_slip(
    qtbot,
    hall: Hall,
    open_desk: OpenDesk,
    printer: FakeSlipPrinter,  # type: ignore[no-untyped-def]
) -> None:
    window = open_desk()
    touch(qtbot, window, "H")
    window.close()  # the guide closes the desk while the ticket is being issued
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert [s.number for s in printer.printed] == ["H001"]
    assert [t.number for t in hall.snapshot().waiting] == ["H001"]
