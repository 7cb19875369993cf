"""Slips on ESC/POS thermal printers: a fake printer on 127.0.0.1 receives the bytes, which the
tests decode; it answers the real-time status queries (DLE EOT) as told: ready, paper out, …"""

from __future__ import annotations

import os
import re
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from hall.facade import Hall

import ui.printing
import ui.thermal_printer
from ui.fonts import install_cjk_font
from ui.printing import TICKET_PRINTER_KIND_KEY, PrinterKind, PrintOutcome, SlipPrinter
from ui.session import HallSession
from ui.slip import SlipData, slip_lines
from ui.thermal_printer import (
    COLUMNS,
    Connection,
    EscPosConfig,
    PrinterSettingsDialog,
    ThermalSlipPrinter,
    parse_usb_id,
    slip_bytes,
    wrap,
)
from ui.ticket_desk import RecentTicketsModel, TicketDeskWindow
from ui.worker import DbWorker

SHANGHAI = ZoneInfo("Asia/Shanghai")
GS, ESC, FS, DLE, EOT = b"\x1d", b"\x1b", b"\x1c", b"\x10", b"\x04"
BUSINESS = "电费缴纳/预存电费"
PAPER_OUT = "打印机缺纸，请装好纸后点“重新打印”"

STATUS = {
    # DLE EOT n -> the answer byte: 1 printer, 2 offline cause, 4 roll paper sensor
    "ok": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
    "near_end": {1: 0x12, 2: 0x12, 4: 0x1E},
    "silent": {},  # a printer that does not answer status queries
}


class FakePrinter:
    """An ESC/POS printer on 127.0.0.1 (port 0: any free one). Every connection's bytes are
    kept in ``connections``; status queries are answered from ``STATUS[status]`` after
    ``delay_s``. ``hang_up``: close the connection at the first status query."""

    def __init__(self, status: str = "ok") -> None:
        self.status = status
        self.delay_s = 0.0
        self.hang_up = False
        self.connections: list[bytearray] = []
        self.closed = threading.Event()
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                received = bytearray()
                fake.connections.append(received)
                scanned = 0
                while chunk := self.request.recv(4096):
                    received += chunk
                    while (at := received.find(DLE + EOT, scanned)) >= 0 and at + 2 < len(received):
                        scanned = at + 3
                        if fake.hang_up:
                            return
                        answer = STATUS[fake.status].get(received[at + 2])
                        if answer is not None:
                            time.sleep(fake.delay_s)
                            self.request.sendall(bytes([answer]))
                fake.closed.set()

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def config(self, *, paper_mm: int = 80) -> EscPosConfig:
        return EscPosConfig(
            connection=Connection.NETWORK, host="127.0.0.1", port=self.port, paper_mm=paper_mm
        )

    def jobs(self) -> list[bytes]:
        """What each connection brought, status queries taken out."""
        return [re.sub(rb"\x10\x04[\x01-\x04]", b"", bytes(c)) for c in self.connections]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    printer = FakePrinter()
    yield printer
    printer.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def slips(tmp_path: Path) -> Path:
    return tmp_path / "slips"


def slip(number: str = "A005", *, ahead: int = 3, priority: bool = False) -> SlipData:
    return SlipData(
        hall_name="城东供电营业厅",
        number=number,
        business_name=BUSINESS,
        waiting_ahead=ahead,
        issued_at=datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI),
        day=datetime(2026, 3, 2).date(),
        priority=priority,
    )


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (a printer that is switched off)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def size_before(data: bytes, text: bytes) -> tuple[int, int]:
    """The character size (width, height multipliers) in force where ``text`` is printed: the
    last GS ! n before it."""
    at = data.index(text)
    command = data.rindex(GS + b"!", 0, at)
    n = data[command + 2]
    return (n >> 4) + 1, (n & 0x0F) + 1


def qr_payloads(data: bytes) -> list[bytes]:
    """The data stored in QR symbols (GS ( k pL pH 49 80 48 d...)."""
    found = []
    for match in re.finditer(rb"\x1d\(k(.)(.)1P0", data, re.DOTALL):
        length = match.group(1)[0] + 256 * match.group(2)[0] - 3
        found.append(data[match.end() : match.end() + length])
    return found


def printed_lines(data: bytes) -> list[str]:
    """The text lines of a job, commands taken out, decoded from GB18030."""
    text = bytearray()
    at = 0
    for match in re.finditer(rb"\x1d\(k(.)(.)", data, re.DOTALL):  # QR: skip by its length
        if match.start() < at:
            continue
        text += data[at : match.start()]
        at = match.end() + match.group(1)[0] + 256 * match.group(2)[0]
    text += data[at:]
    plain = re.sub(rb"\x1b@|\x1c&|\x1ba.|\x1bE.|\x1d!.|\x1dB.|\x1bd.|\x1dV.", b"", bytes(text))
    return [line for line in plain.decode("gb18030").split("\n") if line.strip()]


# -- the slip as bytes ---------------------------------------------------------------------------


def test_slip_bytes_carry_the_number_large_the_chinese_in_gb18030_a_qr_code_and_a_cut() -> None:
    data = slip_bytes(slip(priority=True), slip_lines(slip(priority=True)), paper_mm=80)
    assert data.startswith(ESC + b"@" + FS + b"&")  # reset, then the Chinese mode
    assert size_before(data, b"A005") == (4, 4)
    assert BUSINESS.encode("gb18030") in data
    assert "城东供电营业厅".encode("gb18030") in data
    assert "前方等待 3 人".encode("gb18030") in data
    assert b"2026-03-02 10:00" in data
    assert "请留意叫号，过号请到引导台".encode("gb18030") in data  # 「，」 not turned into "?"
    at = data.index("绿色通道".encode("gb18030"))  # reversed: white on black
    assert data.rindex(GS + b"B\x01", 0, at) > data.rfind(GS + b"B\x00", 0, at)
    assert qr_payloads(data) == [b"A005"]
    assert GS + b"(k\x03\x001Q0" in data  # print the symbol
    assert data.endswith(GS + b"V\x00")  # the cut, after feeding past the cutter
    assert data.index(b"1Q0") < data.index(GS + b"V")
    assert b"?" not in data.replace(GS + b"(k", b"")


def test_slip_lines_fit_the_roll_58_and_80_mm() -> None:
    for paper in (58, 80):
        data = slip_bytes(slip(), slip_lines(slip()), paper_mm=paper)
        assert b"-" * COLUMNS[paper] + b"\n" in data  # the rule spans the roll
        assert b"-" * (COLUMNS[paper] + 1) not in data
        width, _height = size_before(data, b"A005")
        assert width * len("A005") <= COLUMNS[paper]
    assert wrap("请留意叫号，过号请到引导台", 16) == ["请留意叫号，过号", "请到引导台"]
    assert wrap("A005 号", 4) == ["A005", "号"]


def test_usb_ids_are_read_as_lsusb_shows_them() -> None:
    assert parse_usb_id("0416:5011") == (0x0416, 0x5011)
    assert parse_usb_id("0x0fe6:0x811e") == (0x0FE6, 0x811E)
    assert parse_usb_id("0416") is None
    assert parse_usb_id("zz:11") is None


def test_the_configuration_is_remembered_per_workstation(settings: QSettings) -> None:
    config = EscPosConfig(connection=Connection.USB, usb_vendor=0x0416, usb_product=0x5011)
    config.save(settings)
    assert EscPosConfig.load(settings) == config
    assert EscPosConfig.load(settings).target() == "USB 0416:5011"
    network = EscPosConfig(host="192.168.1.50", paper_mm=58)
    network.save(settings)
    assert EscPosConfig.load(settings) == network
    assert (network.port, network.columns) == (9100, 32)


# -- a printer on the network --------------------------------------------------------------------


def test_a_slip_goes_to_a_network_printer_which_is_asked_first(
    qapp, fake_printer: FakePrinter, slips: Path, settings: QSettings
) -> None:
    install_cjk_font(qapp)
    printer = ThermalSlipPrinter(settings, config=fake_printer.config(), slip_folder=slips)
    outcome = printer.print_slip(slip())
    assert (outcome.printed, outcome.reason) == (True, None)
    assert outcome.printer == f"127.0.0.1:{fake_printer.port}"
    assert outcome.pdf_path == slips / "2026-03-02" / "A005.pdf"  # the PDF copy as ever
    fake_printer.closed.wait(2)
    [received] = fake_printer.connections
    assert received.startswith(DLE + EOT + b"\x01")  # the status, before any paper moves
    [job] = fake_printer.jobs()
    assert size_before(job, b"A005") == (4, 4)
    assert BUSINESS.encode("gb18030") in job
    assert qr_payloads(job) == [b"A005"]
    assert job.endswith(GS + b"V\x00")
    assert job == slip_bytes(slip(), slip_lines(slip()), paper_mm=80)
    assert printed_lines(job) == [
        "城东供电营业厅",
        "-" * 48,
        BUSINESS,
        "A005",
        "前方等待 3 人",
        "2026-03-02 10:00",
        "请留意叫号，过号请到引导台",
    ]


def test_paper_out_refuses_the_slip_and_says_so(
    qapp, fake_printer: FakePrinter, slips: Path, settings: QSettings
) -> None:
    fake_printer.status = "paper_out"
    printer = ThermalSlipPrinter(settings, config=fake_printer.config(), slip_folder=slips)
    outcome = printer.print_slip(slip())
    assert (outcome.printed, outcome.reason) == (False, PAPER_OUT)
    fake_printer.closed.wait(2)
    assert fake_printer.jobs() == [b""]  # asked, and sent nothing
    assert outcome.pdf_path is not None and outcome.pdf_path.exists()


def test_an_open_cover_and_paper_running_low_are_told_too(
    qapp, fake_printer: FakePrinter, slips: Path, settings: QSettings
) -> None:
    printer = ThermalSlipPrinter(settings, config=fake_printer.config(), slip_folder=slips)
    fake_printer.status = "cover_open"
    outcome = printer.print_slip(slip())
    assert (outcome.printed, outcome.reason) == (
        False,
        "打印机纸仓盖没有盖好，请盖好后点“重新打印”",
    )
    fake_printer.status = "near_end"
    outcome = printer.print_slip(slip())
    assert outcome.printed and outcome.printer == f"127.0.0.1:{fake_printer.port}，纸将用完"


def test_a_missing_printer_is_reported_at_once(qapp, slips: Path, settings: QSettings) -> None:
    port = closed_port()
    config = EscPosConfig(host="127.0.0.1", port=port, timeout_s=2.0)
    printer = ThermalSlipPrinter(settings, config=config, slip_folder=slips)
    started = time.monotonic()
    outcome = printer.print_slip(slip())
    assert time.monotonic() - started < 2.0
    assert (outcome.printed, outcome.reason) == (False, f"打印机未连接（127.0.0.1:{port}）")


def test_a_printer_that_hangs_up_has_not_printed(
    qapp, fake_printer: FakePrinter, slips: Path, settings: QSettings
) -> None:
    fake_printer.hang_up = True
    printer = ThermalSlipPrinter(settings, config=fake_printer.config(), slip_folder=slips)
    outcome = printer.print_slip(slip())
    assert not outcome.printed
    assert outcome.reason is not None and outcome.reason.startswith("打印机没有收完这张票")


def test_printing_runs_off_the_gui_thread_and_reports_by_signal(
    qtbot, fake_printer: FakePrinter, slips: Path, settings: QSettings
) -> None:
    fake_printer.status = "silent"  # no status answers: one second of waiting, then the slip
    printer = ThermalSlipPrinter(settings, config=fake_printer.config(), slip_folder=slips)
    with qtbot.waitSignal(printer.slip_done, timeout=5000) as done:
        started = time.monotonic()
        printer.submit(slip("B002"))
        assert time.monotonic() - started < 0.5  # the desk is not frozen meanwhile
        assert printer.busy
    outcome: PrintOutcome = done.args[0]
    assert (outcome.slip.number, outcome.printed) == ("B002", True)
    assert not printer.busy
    assert b"B002" in fake_printer.jobs()[0]


def test_a_device_path_printer_gets_the_same_bytes(
    qapp, tmp_path: Path, slips: Path, settings: QSettings
) -> None:
    device = tmp_path / "lp0"
    config = EscPosConfig(connection=Connection.FILE, path=str(device), paper_mm=58)
    printer = ThermalSlipPrinter(settings, config=config, slip_folder=slips)
    outcome = printer.print_slip(slip())
    assert outcome.printed and outcome.printer == str(device)
    assert device.read_bytes() == slip_bytes(slip(), slip_lines(slip()), paper_mm=58)
    assert printed_lines(device.read_bytes())[1] == "-" * 32

    gone = EscPosConfig(connection=Connection.FILE, path="/dev/usb/lp-no-such-printer")
    outcome = ThermalSlipPrinter(settings, config=gone, slip_folder=slips).print_slip(slip())
    assert outcome.reason == "打印机未连接（/dev/usb/lp-no-such-printer）"
    assert not Path("/dev/usb/lp-no-such-printer").exists()


class FakeUsbPrinter:
    """A USB printer as pyusb shows it: bulk endpoints 0x03 (out) and 0x81 (in); what is
    written to it is kept, status queries are answered like the network fake's."""

    class Endpoint:
        def __init__(self, address: int) -> None:
            self.bEndpointAddress = address
            self.bmAttributes = 0x02  # bulk

    def __init__(self, status: str = "ok") -> None:
        self.status = status
        self.written = bytearray()
        self.answers: list[int] = []
        self.backend = self  # not libusb1: python-escpos leaves the kernel driver alone
        self._ctx = self  # what usb.util.dispose_resources releases

    def dispose(self, device: object, close_handle: bool = True) -> None:
        pass

    def set_configuration(self) -> None:
        pass

    def reset(self) -> None:
        pass

    def get_active_configuration(self) -> dict[tuple[int, int], list[Endpoint]]:
        return {(0, 0): [self.Endpoint(0x03), self.Endpoint(0x81)]}

    def write(self, endpoint: int, data: bytes, timeout: int | None = None) -> int:
        assert endpoint == 0x03
        if data.startswith(DLE + EOT) and len(data) == 3:
            answer = STATUS[self.status].get(data[2])
            if answer is not None:
                self.answers.append(answer)
        else:
            self.written += data
        return len(data)

    def read(self, endpoint: int, size: int, timeout: int | None = None) -> bytes:
        assert endpoint == 0x81
        if not self.answers:
            import usb.core

            raise usb.core.USBTimeoutError("timeout", errno=110)
        return bytes([self.answers.pop(0)])


def test_a_usb_printer_is_found_by_its_ids_and_asked_too(
    qapp, monkeypatch, slips: Path, settings: QSettings
) -> None:
    import usb.core

    device = FakeUsbPrinter()
    asked: list[dict[str, int]] = []

    def find(**ids: int) -> FakeUsbPrinter | None:
        asked.append(ids)
        return device if ids == {"idVendor": 0x0416, "idProduct": 0x5011} else None

    monkeypatch.setattr(usb.core, "find", find)
    config = EscPosConfig(connection=Connection.USB, usb_vendor=0x0416, usb_product=0x5011)
    printer = ThermalSlipPrinter(settings, config=config, slip_folder=slips)
    outcome = printer.print_slip(slip())
    assert (outcome.printed, outcome.printer) == (True, "USB 0416:5011")
    assert bytes(device.written) == slip_bytes(slip(), slip_lines(slip()), paper_mm=80)

    device.status = "paper_out"
    assert printer.print_slip(slip()).reason == PAPER_OUT

    other = EscPosConfig(connection=Connection.USB, usb_vendor=0x0FE6, usb_product=0x811E)
    outcome = ThermalSlipPrinter(settings, config=other, slip_folder=slips).print_slip(slip())
    assert outcome.reason == "打印机未连接（USB 0fe6:811e）"


def test_a_printer_that_hangs_is_given_up_and_gets_nothing_later(
    qtbot, monkeypatch, tmp_path: Path, slips: Path, settings: QSettings
) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # opening it to write blocks until someone reads: a device that hangs
    monkeypatch.setattr(ui.thermal_printer, "job_deadline_s", lambda config: 0.5)
    config = EscPosConfig(connection=Connection.FILE, path=str(fifo))
    printer = ThermalSlipPrinter(settings, config=config, slip_folder=slips)
    with qtbot.waitSignal(printer.slip_done, timeout=3000) as done:
        printer.submit(slip())
    outcome: PrintOutcome = done.args[0]
    assert (outcome.printed, outcome.reason) == (False, "打印机无响应，请检查打印机后重新打印")
    assert not printer.busy
    # The device comes back: the slip reported as not printed does not come out after all.
    with open(fifo, "rb") as device:
        assert device.read() == b""


def test_an_unset_printer_says_what_is_missing(qapp, slips: Path, settings: QSettings) -> None:
    printer = ThermalSlipPrinter(settings, slip_folder=slips)
    assert printer.describe() == "打印机：热敏打印机未设置"
    outcome = printer.print_slip(slip())
    assert outcome.reason == "请填写打印机的IP地址"


# -- the ticket desk -----------------------------------------------------------------------------


@pytest.fixture
def escpos_settings(settings: QSettings, fake_printer: FakePrinter) -> QSettings:
    """This desk is set to the fake network printer."""
    settings.setValue(TICKET_PRINTER_KIND_KEY, PrinterKind.ESCPOS.value)
    fake_printer.config(paper_mm=80).save(settings)
    return settings


OpenDesk = Callable[[], TicketDeskWindow]


@pytest.fixture
def open_desk(  # type: ignore[no-untyped-def]
    qtbot, hall: Hall, worker: DbWorker, guide, escpos_settings: QSettings, slips: Path
) -> Iterator[OpenDesk]:
    windows: list[TicketDeskWindow] = []
    sessions: list[HallSession] = []

    def open_() -> TicketDeskWindow:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        session = HallSession(hall, worker)
        sessions.append(session)
        printer = SlipPrinter(escpos_settings, slip_folder=slips)
        window = TicketDeskWindow(session, guide, slip_printer=printer)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: "A" in window.business_buttons)
        qtbot.waitUntil(lambda: not worker.busy)
        return window

    yield open_
    for window in windows:
        window.close()
    for session in sessions:
        session.close()


def result(window: TicketDeskWindow) -> tuple[str, str, str]:
    card = window.result_card
    return card.title.text(), card.number.text(), card.detail.text()


def test_the_desk_prints_on_the_escpos_printer_when_a_ticket_is_issued(
    qtbot, open_desk: OpenDesk, fake_printer: FakePrinter, hall: Hall
) -> None:
    fake_printer.delay_s = 0.3  # a printer that takes its time answering
    window = open_desk()
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"打印机：127.0.0.1:{fake_printer.port}（热敏 80 mm）" in labels
    assert not window.choose_printer_button.isVisible()  # the system print dialog is no use

    qtbot.mouseClick(window.business_buttons["A"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result(window)[0] == "正在打印…")
    assert result(window)[1] == "A001"
    assert not any(b.isEnabled() for b in window.business_buttons.values())  # one at a time
    qtbot.waitUntil(lambda: result(window)[0] == "请取票", timeout=5000)
    assert result(window) == ("请取票", "A001", f"前方等待 0 人 · {BUSINESS}")
    assert window.statusBar().currentMessage() == f"A001 已打印（127.0.0.1:{fake_printer.port}）"
    assert window.business_buttons["A"].isEnabled()
    [job] = fake_printer.jobs()
    assert size_before(job, b"A001") == (4, 4)
    assert BUSINESS.encode("gb18030") in job
    assert qr_payloads(job) == [b"A001"]
    assert job.endswith(GS + b"V\x00")
    model = window.recent_model
    assert model.index(0, RecentTicketsModel.Columns.PRINTED).data() == "已打印"


def test_paper_out_at_the_desk_shows_at_once_and_a_reprint_prints_once_paper_is_in(
    qtbot, open_desk: OpenDesk, fake_printer: FakePrinter, hall: Hall
) -> None:
    fake_printer.status = "paper_out"
    window = open_desk()
    qtbot.mouseClick(window.business_buttons["B"], Qt.MouseButton.LeftButton)
    bar = window.print_failure_bar
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    assert (bar.headline.text(), bar.reason.text()) == ("B001 号票打印失败", PAPER_OUT)
    assert bar.choose_button.text() == "打印机设置…"
    assert result(window)[:2] == ("已取号，但票没有打印出来", "B001")
    model = window.recent_model
    assert model.index(0, RecentTicketsModel.Columns.PRINTED).data() == "未打印"
    assert [t.number for t in hall.snapshot().waiting] == ["B001"]  # issued all the same
    assert all(b"B001" not in job for job in fake_printer.jobs())

    fake_printer.status = "ok"  # paper in
    qtbot.mouseClick(bar.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=3000)
    assert result(window)[:2] == ("请取票（补打）", "B001")
    assert model.index(0, RecentTicketsModel.Columns.PRINTED).data() == "已打印"
    assert sum(b"B001" in job for job in fake_printer.jobs()) == 1


def test_closing_the_desk_while_a_slip_prints_waits_for_the_printer(
    qtbot, open_desk: OpenDesk, fake_printer: FakePrinter
) -> None:
    fake_printer.delay_s = 0.3
    window = open_desk()
    qtbot.mouseClick(window.business_buttons["C"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result(window)[0] == "正在打印…")
    window.close()
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert any(b"C001" in job for job in fake_printer.jobs())


def test_the_guide_switches_the_desk_to_the_escpos_printer_in_its_settings(
    qtbot, monkeypatch, open_desk: OpenDesk, fake_printer: FakePrinter, escpos_settings: QSettings
) -> None:
    monkeypatch.setattr(ui.printing, "system_printers", lambda: (("Office",), "Office"))
    escpos_settings.setValue(TICKET_PRINTER_KIND_KEY, PrinterKind.SYSTEM.value)
    escpos_settings.remove("printing/escpos")
    window = open_desk()
    assert window.choose_printer_button.isVisible()  # the system print dialog, as before

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PrinterSettingsDialog)
        assert dialog.system_radio.isChecked()
        dialog.escpos_radio.setChecked(True)
        dialog.host_edit.setText("127.0.0.1")
        dialog.port_spin.setValue(fake_printer.port)
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(window.printer_settings_button, Qt.MouseButton.LeftButton)
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"打印机：127.0.0.1:{fake_printer.port}（热敏 80 mm）" in labels
    assert not window.choose_printer_button.isVisible()
    qtbot.mouseClick(window.business_buttons["D"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result(window)[:2] == ("请取票", "D001"), timeout=5000)
    assert any(b"D001" in job for job in fake_printer.jobs())


# -- the settings --------------------------------------------------------------------------------


def test_the_settings_dialog_switches_to_escpos_and_test_prints(
    qtbot, fake_printer: FakePrinter, settings: QSettings, slips: Path
) -> None:
    install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
    printer = SlipPrinter(settings, slip_folder=slips)
    assert printer.printer_kind() is PrinterKind.SYSTEM
    dialog = PrinterSettingsDialog(printer, hall_name="城东供电营业厅")
    qtbot.addWidget(dialog)
    assert dialog.system_radio.isChecked() and not dialog.escpos_group.isEnabled()

    dialog.escpos_radio.setChecked(True)
    assert dialog.escpos_group.isEnabled() and not dialog.system_group.isEnabled()
    dialog.test_print()
    assert dialog.test_result.text() == "请填写打印机的IP地址"
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(fake_printer.port)
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData(58))
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=5000)
    assert dialog.test_result.text() == "测试打印成功：打印机已收到测试票"
    [job] = fake_printer.jobs()
    assert "打印测试（不是有效号票）".encode("gb18030") in job
    assert b"-" * 32 + b"\n" in job  # 58 mm as chosen, though not saved yet
    assert printer.printer_kind() is PrinterKind.SYSTEM  # nothing saved before 保存

    changes: list[str] = []
    printer.printer_changed.connect(changes.append)
    dialog.accept()
    assert printer.printer_kind() is PrinterKind.ESCPOS
    assert EscPosConfig.load(settings) == fake_printer.config(paper_mm=58)
    assert changes == [f"打印机：127.0.0.1:{fake_printer.port}（热敏 58 mm）"]

    fake_printer.status = "paper_out"
    again = PrinterSettingsDialog(printer)
    qtbot.addWidget(again)
    assert again.escpos_radio.isChecked() and again.host_edit.text() == "127.0.0.1"
    again.test_print()
    qtbot.waitUntil(lambda: not again.testing, timeout=5000)
    assert again.test_result.text() == f"测试打印失败：{PAPER_OUT}"
