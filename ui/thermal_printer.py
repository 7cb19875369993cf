"""Ticket slips on ESC/POS thermal printers (58 or 80 mm rolls), through python-escpos.

Most halls print slips on a small thermal printer with no system driver: on the network (raw
TCP, port 9100), on USB, or as a device file (``/dev/usb/lp0``). This module speaks ESC/POS to
it directly:

- ``slip_bytes``: the slip as ESC/POS commands (python-escpos builds the commands; the Chinese
  text is encoded GB18030 and sent raw after FS & selects the printer's Chinese mode, since
  python-escpos's own text encoding turns some Chinese punctuation into "?"): hall name, the
  business, the number four times the normal size, 绿色通道 reversed, people waiting ahead, the
  time, a QR code of the number (as on the Qt slip), the customer hint and a cut.
- ``send_job``: opens the connection (escpos.printer.Network / Usb / File), asks the printer's
  real-time status first (DLE EOT 1, 2 and 4) where the connection can read, and refuses with a
  Chinese message when it reports paper out, the cover open or an error; then sends the bytes.
  On the network a slip counts as printed only once the printer has acknowledged every byte
  (Linux: the socket's send queue is empty after our FIN) or closed its side; on USB once the
  device took every byte; for a file once it is written, flushed and closed.
- ``EscPosSender``: runs ``send_job`` on a background thread (a printer that does not answer
  must never freeze the desk) and reports back by signal, with a deadline of its own.
- ``ThermalSlipPrinter``: the ticket desk's slip printer (the interface of ``SlipPrinter``) for
  such a printer; ``SlipPrinter`` hands slips to it when the desk is set to ESC/POS.
- ``PrinterSettingsDialog``: the desk's printer settings (system printer or ESC/POS printer,
  connection, paper width) with 测试打印, remembered in QSettings on this PC.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import select
import socket
import stat
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from ui.printing import (
    APP_DATA_NAME,
    TICKET_PRINTER_KEY,
    PrinterKind,
    PrintOutcome,
    SlipPrinter,
    print_on_system_printer,
    system_printers,
)
from ui.slip import SlipData, slip_lines
from ui.widgets import set_style_property

try:  # acknowledgements on a socket, the status of a printer device file (Linux)
    import fcntl
    import termios
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]
    termios = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

# -- settings ------------------------------------------------------------------------------------

ESCPOS_KEY = "printing/escpos/"
"""QSettings group of the ESC/POS printer of this desk (see EscPosConfig.load)."""
DEFAULT_PORT = 9100
DEFAULT_TIMEOUT_S = 3.0
"""Connecting, and waiting for the printer to take a slip: a missing printer is reported then."""
STATUS_TIMEOUT_S = 1.0
"""How long a printer may take to answer one real-time status query."""
PAPER_WIDTHS_MM = (80, 58)
COLUMNS = {80: 48, 58: 32}
"""Characters of the normal font (12 x 24 dots) per line on each roll width."""
QR_MODULE_DOTS = {80: 8, 58: 6}


class Connection(StrEnum):
    NETWORK = "network"
    USB = "usb"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class EscPosConfig:
    """How this desk reaches its ESC/POS printer, and the width of its roll."""

    connection: Connection = Connection.NETWORK
    host: str = ""
    port: int = DEFAULT_PORT
    usb_vendor: int = 0
    usb_product: int = 0
    path: str = ""
    paper_mm: int = 80
    timeout_s: float = DEFAULT_TIMEOUT_S

    @property
    def columns(self) -> int:
        return COLUMNS.get(self.paper_mm, COLUMNS[80])

    def target(self) -> str:
        """Where the printer is, as the guide reads it: "192.168.1.50:9100", "USB 0416:5011"."""
        match self.connection:
            case Connection.NETWORK:
                return f"{self.host}:{self.port}"
            case Connection.USB:
                return f"USB {self.usb_vendor:04x}:{self.usb_product:04x}"
            case Connection.FILE:
                return self.path
        return ""

    def problem(self) -> str | None:
        """What is missing before a slip can be sent (Chinese), or None."""
        match self.connection:
            case Connection.NETWORK if not self.host.strip():
                return QCoreApplication.translate("ThermalPrinter", "请填写打印机的IP地址")
            case Connection.NETWORK if not 0 < self.port < 65536:
                return QCoreApplication.translate("ThermalPrinter", "端口应在 1 到 65535 之间")
            case Connection.USB if not (self.usb_vendor and self.usb_product):
                return QCoreApplication.translate(
                    "ThermalPrinter", "请填写USB打印机的厂商ID和产品ID，例如 0416:5011"
                )
            case Connection.FILE if not self.path.strip():
                return QCoreApplication.translate(
                    "ThermalPrinter", "请填写打印机设备路径，例如 /dev/usb/lp0"
                )
        return None

    @classmethod
    def load(cls, settings: QSettings) -> EscPosConfig:
        def value(key: str, default: Any, kind: type) -> Any:
            try:
                return settings.value(ESCPOS_KEY + key, default, type=kind)
            except (TypeError, ValueError):
                return default

        try:
            connection = Connection(value("connection", "network", str))
        except ValueError:
            connection = Connection.NETWORK
        usb = parse_usb_id(value("usb", "", str)) or (0, 0)
        paper = value("paper_mm", 80, int)
        return cls(
            connection=connection,
            host=value("host", "", str).strip(),
            port=value("port", DEFAULT_PORT, int),
            usb_vendor=usb[0],
            usb_product=usb[1],
            path=value("path", "", str).strip(),
            paper_mm=paper if paper in PAPER_WIDTHS_MM else 80,
            timeout_s=max(0.5, value("timeout_s", DEFAULT_TIMEOUT_S, float)),
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue(ESCPOS_KEY + "connection", self.connection.value)
        settings.setValue(ESCPOS_KEY + "host", self.host)
        settings.setValue(ESCPOS_KEY + "port", self.port)
        usb = f"{self.usb_vendor:04x}:{self.usb_product:04x}" if self.usb_vendor else ""
        settings.setValue(ESCPOS_KEY + "usb", usb)
        settings.setValue(ESCPOS_KEY + "path", self.path)
        settings.setValue(ESCPOS_KEY + "paper_mm", self.paper_mm)
        if self.timeout_s != DEFAULT_TIMEOUT_S:
            settings.setValue(ESCPOS_KEY + "timeout_s", self.timeout_s)


def parse_usb_id(text: str) -> tuple[int, int] | None:
    """USB ids as lsusb shows them (hexadecimal vendor:product): "0416:5011" -> (0x0416, 0x5011)."""
    parts = text.strip().lower().replace("0x", "").split(":")
    if len(parts) != 2:
        return None
    try:
        vendor, product = (int(part, 16) for part in parts)
    except ValueError:
        return None
    if not (0 < vendor <= 0xFFFF and 0 < product <= 0xFFFF):
        return None
    return vendor, product


# -- the slip as ESC/POS -------------------------------------------------------------------------

ESC, GS, FS, DLE, EOT = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04"
CHINESE_MODE = FS + b"&"
"""Select the Chinese (Kanji) character mode: GB18030 double bytes are one Chinese character.
The default on Chinese printers; needed on some others."""
REVERSE_ON, REVERSE_OFF = GS + b"B\x01", GS + b"B\x00"
NUMBER_SCALE = 4
"""The ticket number at four times the normal width and height (smaller if it must)."""
ENCODING = "gb18030"


def char_columns(char: str) -> int:
    """Columns of one character: a double-byte (GB18030) character is printed full width."""
    return 1 if len(char.encode(ENCODING, errors="replace")) == 1 else 2


def text_columns(text: str) -> int:
    return sum(char_columns(c) for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` (Chinese characters count two)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for char in paragraph:
            width = char_columns(char)
            if used + width > columns and line:
                lines.append(line.rstrip())
                line, used = "", 0
                if char == " ":
                    continue
            line += char
            used += width
        lines.append(line.rstrip())
    return lines


def _prepare_escpos() -> None:
    """Before python-escpos is first imported (when first needed: it takes a third of a
    second): it caches its printer profiles in a new temporary folder on every start unless
    told where, so tell it the user cache folder (an empty temporary folder is still made)."""
    if "escpos" in sys.modules or "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    folder = Path(user_cache_dir(APP_DATA_NAME, appauthor=False)) / "escpos"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


def _escpos_dummy() -> Any:
    _prepare_escpos()
    from escpos.printer import Dummy

    return Dummy()


class _SlipWriter:
    """Writes centred text on a python-escpos Dummy, encoded GB18030."""

    def __init__(self, columns: int) -> None:
        self.p = _escpos_dummy()
        self.columns = columns

    def raw(self, data: bytes) -> None:
        self.p._raw(data)

    def scale_for(self, text: str, preferred: int) -> int:
        """The largest scale up to ``preferred`` at which ``text`` fits one line."""
        width = max(1, text_columns(text))
        return max(1, min(preferred, self.columns // width))

    def text(
        self,
        text: str,
        *,
        bold: bool = False,
        width: int = 1,
        height: int = 1,
        max_lines: int | None = None,
    ) -> None:
        self.p.set(custom_size=True, width=width, height=height)  # GS ! n
        self.p.set(bold=bold)  # ESC E n
        lines = wrap(text, max(1, self.columns // width))
        for line in lines[:max_lines]:
            self.raw(line.encode(ENCODING, errors="replace") + b"\n")
        self.p.set(custom_size=True, width=1, height=1)
        self.p.set(bold=False)

    def rule(self) -> None:
        self.raw(b"-" * self.columns + b"\n")


def slip_bytes(slip: SlipData, lines: dict[str, str], *, paper_mm: int = 80) -> bytes:
    """The ESC/POS commands that print ``slip`` on a ``paper_mm`` roll and cut it.

    ``lines``: the slip's translated texts (``slip_lines``, made in the GUI thread). Any thread.
    """
    _prepare_escpos()
    from escpos.constants import QR_ECLEVEL_M

    columns = COLUMNS.get(paper_mm, COLUMNS[80])
    out = _SlipWriter(columns)
    p = out.p
    p.hw("INIT")  # ESC @: the printer's defaults
    out.raw(CHINESE_MODE)
    p.set(align="center")
    out.text(slip.hall_name, bold=True, height=2, max_lines=2)
    out.rule()
    out.text(slip.business_name, width=out.scale_for(slip.business_name, 2), height=2)
    scale = out.scale_for(slip.number, NUMBER_SCALE)
    out.text(slip.number, bold=True, width=scale, height=max(2, scale))
    if slip.priority:
        out.raw(REVERSE_ON)
        out.text(f" {lines['priority']} ", bold=True, width=2, height=2)
        out.raw(REVERSE_OFF)
    out.text(lines["ahead"], bold=True, width=out.scale_for(lines["ahead"], 2), height=2)
    out.text(lines["time"])
    out.raw(b"\n")  # (python-escpos's ln() would also select code page 0)
    p.qr(slip.number, native=True, size=QR_MODULE_DOTS.get(paper_mm, 8), ec=QR_ECLEVEL_M)
    out.raw(b"\n")
    out.text(lines["footer"])
    p.cut()  # ESC d 6 (feed past the cutter), GS V 0
    return bytes(p.output)


# -- sending -------------------------------------------------------------------------------------


class PrintRefused(Exception):
    """The printer did not take the slip; ``reason`` is for the guide (Chinese)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _not_connected(config: EscPosConfig) -> PrintRefused:
    return PrintRefused(
        QCoreApplication.translate("ThermalPrinter", "打印机未连接（{target}）").format(
            target=config.target()
        )
    )


def _paper_out() -> PrintRefused:
    return PrintRefused(
        QCoreApplication.translate("ThermalPrinter", "打印机缺纸，请装好纸后点“重新打印”")
    )


def _incomplete(detail: str) -> PrintRefused:
    return PrintRefused(
        QCoreApplication.translate(
            "ThermalPrinter", "打印机没有收完这张票（{detail}），请检查打印机后重新打印"
        ).format(detail=detail)
    )


PRINTER_OFFLINE = 0x08  # DLE EOT 1
COVER_OPEN = 0x04  # DLE EOT 2
PAPER_END_STOP = 0x20  # DLE EOT 2
PRINTER_ERROR = 0x40  # DLE EOT 2
ROLL_PAPER_END = 0x60  # DLE EOT 4
ROLL_PAPER_NEAR_END = 0x0C  # DLE EOT 4


def _valid_status(byte: int) -> bool:
    """Every DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear."""
    return byte & 0x93 == 0x12


def check_status(query: Callable[[int], int | None]) -> str | None:
    """Ask the printer's real-time status through ``query(n)`` (DLE EOT n -> the answer byte, or
    None when none came). Raises PrintRefused when it cannot print; returns a note for the guide
    ("纸将用完") or None. A printer that does not answer is let through: the send tells."""
    printer = query(1)
    if printer is None:
        logger.info("the printer did not answer DLE EOT 1: its status is not known")
        return None
    cause = query(2)
    paper = query(4)
    if paper is not None and paper & ROLL_PAPER_END == ROLL_PAPER_END:
        raise _paper_out()
    if cause is not None:
        if cause & COVER_OPEN:
            raise PrintRefused(
                QCoreApplication.translate(
                    "ThermalPrinter", "打印机纸仓盖没有盖好，请盖好后点“重新打印”"
                )
            )
        if cause & PAPER_END_STOP:
            raise _paper_out()
        if cause & PRINTER_ERROR:
            raise PrintRefused(
                QCoreApplication.translate(
                    "ThermalPrinter", "打印机故障（卡纸、切刀或过热），请检查打印机"
                )
            )
    if printer & PRINTER_OFFLINE:
        raise PrintRefused(
            QCoreApplication.translate("ThermalPrinter", "打印机处于脱机状态，请检查打印机")
        )
    if paper is not None and paper & ROLL_PAPER_NEAR_END == ROLL_PAPER_NEAR_END:
        return QCoreApplication.translate("ThermalPrinter", "纸将用完")
    return None


def send_job(
    config: EscPosConfig,
    data: bytes,
    *,
    ask_status: bool = True,
    given_up: threading.Event | None = None,
) -> str | None:
    """Send ``data`` to the printer of ``config``; blocks up to a few timeouts. Any thread.

    Returns a note for the guide or None when the printer took every byte; raises PrintRefused
    (with the guide's message) when it did not or would not. ``given_up``: once set (the job
    was reported as not printed meanwhile), nothing is sent any more.
    """
    problem = config.problem()
    if problem is not None:
        raise PrintRefused(problem)

    def ready() -> None:
        """Connected and asked: last chance not to send a job already given up."""
        if given_up is not None and given_up.is_set():
            raise PrintRefused("given up")

    match config.connection:
        case Connection.NETWORK:
            return _send_network(config, data, ask_status, ready)
        case Connection.USB:
            return _send_usb(config, data, ask_status, ready)
        case Connection.FILE:
            return _send_file(config, data, ask_status, ready)
    raise PrintRefused(str(config.connection))  # pragma: no cover


def _send_network(
    config: EscPosConfig, data: bytes, ask_status: bool, ready: Callable[[], None]
) -> str | None:
    _prepare_escpos()
    from escpos.exceptions import DeviceNotFoundError
    from escpos.printer import Network

    printer = Network(config.host, config.port, timeout=config.timeout_s)
    try:
        printer.open()
    except DeviceNotFoundError as exc:
        logger.warning("no printer at %s: %s", config.target(), exc)
        raise _not_connected(config) from exc
    sock: socket.socket = printer.device
    try:
        note = None
        if ask_status:
            note = check_status(lambda n: _network_status(sock, n))
        ready()
        sock.settimeout(config.timeout_s)
        printer._raw(data)  # sendall
        _network_taken(sock, config.timeout_s)
        return note
    except TimeoutError as exc:
        raise _incomplete(QCoreApplication.translate("ThermalPrinter", "打印机无响应")) from exc
    except OSError as exc:
        logger.warning("sending to %s failed: %s", config.target(), exc)
        raise _incomplete(exc.strerror or str(exc)) from exc
    finally:
        printer.close()


def _network_status(sock: socket.socket, n: int) -> int | None:
    sock.settimeout(STATUS_TIMEOUT_S)
    sock.sendall(DLE + EOT + bytes([n]))
    try:
        answer = sock.recv(1)
    except TimeoutError:
        return None
    if not answer:
        raise ConnectionResetError(0, "closed by the printer")
    return answer[0] if _valid_status(answer[0]) else None


def _unacknowledged(sock: socket.socket) -> int | None:
    """Bytes (and our FIN) the printer has not acknowledged yet; None where unknown."""
    if termios is None or not sys.platform.startswith("linux"):
        return None
    try:
        raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, struct.pack("i", 0))
    except OSError:
        return None
    return int(struct.unpack("i", raw)[0])


def _network_taken(sock: socket.socket, timeout_s: float) -> None:
    """After sendall: end our side and wait until the printer took everything.

    Linux: until the kernel's send queue is empty, i.e. the printer acknowledged every byte and
    our FIN (a reset or a timeout first: OSError / TimeoutError). Elsewhere, until the printer
    closes its side; a printer that keeps the connection open is taken at its word then.
    """
    sock.shutdown(socket.SHUT_WR)
    deadline = time.monotonic() + timeout_s
    peer_closed = False
    if _unacknowledged(sock) is None:
        sock.settimeout(timeout_s)
        try:
            while sock.recv(256):
                pass
        except TimeoutError:
            logger.info("the printer kept the connection open; the slip is taken as sent")
        return
    while True:
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise OSError(error, os.strerror(error))
        if _unacknowledged(sock) == 0:
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the printer did not acknowledge the slip")
        if peer_closed:
            time.sleep(0.01)
            continue
        readable, _, _ = select.select([sock], [], [], 0.01)
        if readable and not sock.recv(256):  # what the printer says back is of no use here
            peer_closed = True


def _send_usb(
    config: EscPosConfig, data: bytes, ask_status: bool, ready: Callable[[], None]
) -> str | None:
    _prepare_escpos()
    from escpos.exceptions import DeviceNotFoundError
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise PrintRefused(
            QCoreApplication.translate("ThermalPrinter", "缺少USB支持（pyusb），无法使用USB打印机")
        )
    import usb.core
    import usb.util

    class _Usb(Usb):  # type: ignore[misc]
        def _configure_usb(self) -> None:
            """python-escpos assumes endpoints 0x82/0x01: take the printer's own bulk ones."""
            super()._configure_usb()
            with contextlib.suppress(usb.core.USBError, NotImplementedError, KeyError):
                interface = self.device.get_active_configuration()[(0, 0)]
                for endpoint in interface:
                    if usb.util.endpoint_type(endpoint.bmAttributes) != usb.util.ENDPOINT_TYPE_BULK:
                        continue
                    address = endpoint.bEndpointAddress
                    if usb.util.endpoint_direction(address) == usb.util.ENDPOINT_OUT:
                        self.out_ep = address
                    else:
                        self.in_ep = address

    timeout_ms = int(config.timeout_s * 1000)
    printer = _Usb(config.usb_vendor, config.usb_product, timeout=timeout_ms)
    try:
        printer.open()
    except DeviceNotFoundError as exc:
        logger.warning("no USB printer %s: %s", config.target(), exc)
        if "Errno 13" in str(exc) or "Access denied" in str(exc):
            raise PrintRefused(
                QCoreApplication.translate(
                    "ThermalPrinter", "没有访问USB打印机的权限（{target}），请联系管理员"
                ).format(target=config.target())
            ) from exc
        raise _not_connected(config) from exc
    except usb.core.NoBackendError as exc:
        raise PrintRefused(
            QCoreApplication.translate(
                "ThermalPrinter", "系统缺少 libusb，无法使用USB打印机（可改用设备路径）"
            )
        ) from exc
    device = printer.device
    try:
        note = None
        if ask_status:

            def query(n: int) -> int | None:
                device.write(printer.out_ep, DLE + EOT + bytes([n]), timeout_ms)
                try:
                    answer = device.read(printer.in_ep, 16, int(STATUS_TIMEOUT_S * 1000))
                except usb.core.USBTimeoutError:
                    return None
                return answer[-1] if len(answer) and _valid_status(answer[-1]) else None

            note = check_status(query)
        ready()
        written = device.write(printer.out_ep, data, timeout_ms)
        if written != len(data):
            raise _incomplete(f"{written}/{len(data)}")
        return note
    except usb.core.USBTimeoutError as exc:
        raise _incomplete(QCoreApplication.translate("ThermalPrinter", "打印机无响应")) from exc
    except usb.core.USBError as exc:
        logger.warning("sending to %s failed: %s", config.target(), exc)
        raise _incomplete(str(exc)) from exc
    finally:
        with contextlib.suppress(Exception):
            printer.close()


LPGETSTATUS = 0x060B
LP_PERRORP = 0x08  # not error
LP_POUTPA = 0x20  # paper out


def _device_status(fd: int) -> None:
    """A printer device file (Linux usblp or parallel port) tells its port status: refuse on
    paper out or an error. Regular files and other systems: nothing to ask."""
    if fcntl is None or not stat.S_ISCHR(os.fstat(fd).st_mode):
        return
    try:
        raw = fcntl.ioctl(fd, LPGETSTATUS, struct.pack("i", 0))
    except OSError:
        return
    status = struct.unpack("i", raw)[0]
    if status & LP_POUTPA:
        raise _paper_out()
    if not status & LP_PERRORP:
        raise PrintRefused(
            QCoreApplication.translate(
                "ThermalPrinter", "打印机故障或脱机（可能开盖、卡纸），请检查打印机"
            )
        )


def _send_file(
    config: EscPosConfig, data: bytes, ask_status: bool, ready: Callable[[], None]
) -> str | None:
    _prepare_escpos()
    from escpos.exceptions import DeviceNotFoundError
    from escpos.printer import File

    path = config.path
    if path.startswith("/dev/") and not os.path.exists(path):
        raise _not_connected(config)  # never create a plain file under /dev
    printer = File(path, auto_flush=False)
    try:
        printer.open()
    except DeviceNotFoundError as exc:
        logger.warning("cannot open the printer file %s: %s", path, exc)
        raise _not_connected(config) from exc
    stream = printer.device
    sent = False
    try:
        if ask_status:
            _device_status(stream.fileno())
        ready()
        printer._raw(data)
        stream.flush()
        sent = True
    except OSError as exc:
        logger.warning("writing to %s failed: %s", path, exc)
        raise _incomplete(exc.strerror or str(exc)) from exc
    finally:
        if not sent:
            with contextlib.suppress(OSError):
                stream.close()
            printer.device = False
    try:
        printer.close()  # a device may report its failure only now
    except OSError as exc:
        raise _incomplete(exc.strerror or str(exc)) from exc
    return None


# -- off the GUI thread --------------------------------------------------------------------------

_device_locks: dict[str, threading.Lock] = {}
_device_locks_guard = threading.Lock()


def _device_lock(config: EscPosConfig) -> threading.Lock:
    """One job at a time per printer, whichever desk or dialog sends it."""
    with _device_locks_guard:
        return _device_locks.setdefault(f"{config.connection}:{config.target()}", threading.Lock())


def job_deadline_s(config: EscPosConfig) -> float:
    """How long a job may take in all: connecting, three status answers, sending, the printer's
    acknowledgement, and waiting for an earlier job to the same printer."""
    return 4 * config.timeout_s + 3 * STATUS_TIMEOUT_S + 2


class _Relay(QObject):
    finished = Signal(int, object, object)  # job id, reason (None: printed), note


class EscPosSender(QObject):
    """Sends jobs to ESC/POS printers, each on a thread of its own; GUI thread API.

    ``finished(job, reason, note)`` comes back in the GUI thread: ``reason`` None when the
    printer took the job, else why not (Chinese); ``note`` a remark such as 纸将用完. A job that
    has not finished by ``job_deadline_s`` is reported as not printed; its thread is left to
    end by itself and sends nothing if it has not started sending yet (a slip reported as not
    printed should not come out later, beside its reprint).
    """

    finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._timers: dict[int, QTimer] = {}
        self._given_up: dict[int, threading.Event] = {}

    @property
    def busy(self) -> bool:
        return bool(self._timers)

    def send(self, config: EscPosConfig, make_data: Callable[[], bytes]) -> int:
        """Start a job: ``make_data()`` (run on the job's thread) gives the bytes."""
        job = next(self._ids)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._overdue(job))
        timer.start(int(job_deadline_s(config) * 1000))
        self._timers[job] = timer
        given_up = self._given_up[job] = threading.Event()
        thread = threading.Thread(
            target=_run_job,
            args=(job, config, make_data, self._relay, given_up),
            name=f"escpos-{job}",
            daemon=True,
        )
        thread.start()
        return job

    def _deliver(self, job: int, reason: str | None, note: str | None) -> None:
        self._given_up.pop(job, None)
        timer = self._timers.pop(job, None)
        if timer is None:
            logger.warning("ESC/POS job %d finished after its deadline: %s", job, reason or "ok")
            return
        timer.stop()
        timer.deleteLater()
        self.finished.emit(job, reason, note)

    def _overdue(self, job: int) -> None:
        timer = self._timers.pop(job, None)
        if timer is None:
            return
        timer.deleteLater()
        self._given_up[job].set()
        logger.warning("ESC/POS job %d has not finished in time", job)
        self.finished.emit(
            job,
            QCoreApplication.translate("ThermalPrinter", "打印机无响应，请检查打印机后重新打印"),
            None,
        )


def _run_job(
    job: int,
    config: EscPosConfig,
    make_data: Callable[[], bytes],
    relay: _Relay,
    given_up: threading.Event,
) -> None:
    reason: str | None = None
    note: str | None = None
    lock = _device_lock(config)
    try:
        if not lock.acquire(timeout=job_deadline_s(config)):
            raise PrintRefused(
                QCoreApplication.translate("ThermalPrinter", "打印机正忙，请稍后重新打印")
            )
        try:
            note = send_job(config, make_data(), given_up=given_up)
        finally:
            lock.release()
    except PrintRefused as exc:
        reason = exc.reason
    except Exception as exc:  # never let a job die without an answer
        logger.exception("ESC/POS job %d failed", job)
        reason = QCoreApplication.translate("ThermalPrinter", "打印出错：{error}").format(error=exc)
    if reason is None:
        logger.info("ESC/POS job %d taken by %s", job, config.target())
    else:
        logger.warning("ESC/POS job %d not printed on %s: %s", job, config.target(), reason)
    if Shiboken.isValid(relay):
        with contextlib.suppress(RuntimeError):  # the desk closed meanwhile
            relay.finished.emit(job, reason, note)


# -- the desk's slip printer ---------------------------------------------------------------------


class ThermalSlipPrinter(SlipPrinter):
    """Prints ticket slips on the desk's ESC/POS printer. GUI thread API.

    The interface of SlipPrinter: ``submit(slip)`` saves the PDF copy, sends the slip on a
    background thread and reports ``slip_done(PrintOutcome)`` when the printer took it or did
    not; ``print_slip`` does the same and waits (tests, scripts). The printer is read from
    ``settings`` at each slip (``EscPosConfig.load``) unless ``config`` is given.
    """

    def __init__(
        self,
        settings: QSettings | None = None,
        *,
        config: EscPosConfig | None = None,
        slip_folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(settings, slip_folder=slip_folder, parent=parent)
        self._config = config
        self._sender = EscPosSender(self)
        self._sender.finished.connect(self._on_finished)
        self._jobs: dict[int, tuple[SlipData, Path | None, str]] = {}

    def config(self) -> EscPosConfig:
        return self._config if self._config is not None else EscPosConfig.load(self._settings)

    def printer_kind(self) -> PrinterKind:
        return PrinterKind.ESCPOS

    @property
    def busy(self) -> bool:
        return self._sender.busy

    def describe(self) -> str:
        config = self.config()
        if config.problem() is not None:
            return self.tr("打印机：热敏打印机未设置")
        return self.tr("打印机：{target}（热敏 {paper} mm）").format(
            target=config.target(), paper=config.paper_mm
        )

    def submit(self, slip: SlipData) -> None:
        pdf_path = self.save_pdf(slip)
        config = self.config()
        lines = slip_lines(slip)
        job = self._sender.send(config, lambda: slip_bytes(slip, lines, paper_mm=config.paper_mm))
        self._jobs[job] = (slip, pdf_path, config.target())

    def _on_finished(self, job: int, reason: str | None, note: str | None) -> None:
        slip, pdf_path, target = self._jobs.pop(job)
        printer = f"{target}，{note}" if note else target
        if reason is None:
            logger.info("slip %s printed on %s", slip.number, target)
        else:
            logger.warning("slip %s not printed: %s", slip.number, reason)
        self.slip_done.emit(
            PrintOutcome(
                slip=slip, printed=reason is None, reason=reason, printer=printer, pdf_path=pdf_path
            )
        )

    def print_on_paper(self, slip: SlipData) -> tuple[str | None, str | None]:
        """Send ``slip`` and wait: (the printer, None) or (the printer, why not)."""
        config = self.config()
        data = slip_bytes(slip, slip_lines(slip), paper_mm=config.paper_mm)
        try:
            note = send_job(config, data)
        except PrintRefused as exc:
            return config.target(), exc.reason
        return (f"{config.target()}，{note}" if note else config.target()), None

    def choose_printer(self, parent: QWidget | None = None) -> bool:
        return self.open_settings(parent)


# -- the settings dialog -------------------------------------------------------------------------

DIALOG_STYLE = """
QDialog { font-size: 16px; }
QLineEdit, QComboBox, QSpinBox { padding: 5px 6px; }
QRadioButton { font-weight: bold; font-size: 17px; spacing: 8px; }
#group { background: #f6f8fa; border: 1px solid #d6dbe1; border-radius: 8px; }
#group[active="false"] QLabel { color: #9ca3af; }
#hint { color: #6b7280; font-size: 14px; }
#testResult { font-size: 16px; font-weight: bold; color: #374151; }
#testResult[kind="ok"] { color: #0a7a3f; }
#testResult[kind="error"] { color: #b42318; }
QPushButton { padding: 6px 14px; }
"""


def sample_slip(hall_name: str = "") -> SlipData:
    """A sample slip for 测试打印."""
    now = datetime.now().astimezone()
    return SlipData(
        hall_name=hall_name or QCoreApplication.translate("PrinterSettingsDialog", "打印测试"),
        number="A000",
        business_name=QCoreApplication.translate(
            "PrinterSettingsDialog", "打印测试（不是有效号票）"
        ),
        waiting_ahead=0,
        issued_at=now,
        day=now.date(),
    )


class PrinterSettingsDialog(QDialog):
    """The ticket desk's printer: a system printer (through its driver) or an ESC/POS thermal
    printer (network, USB or device file, 58 or 80 mm), with 测试打印. Saves on OK."""

    def __init__(
        self, printer: SlipPrinter, parent: QWidget | None = None, *, hall_name: str = ""
    ) -> None:
        super().__init__(parent)
        self._printer = printer
        self._settings = printer.settings
        self._hall_name = hall_name
        self._sender = EscPosSender(self)
        self._sender.finished.connect(self._on_test_finished)
        self._test_job: int | None = None
        self.setObjectName("printerSettings")
        self.setWindowTitle(self.tr("取号票打印机设置"))
        self.setMinimumWidth(620)
        self.setStyleSheet(DIALOG_STYLE)

        self.system_radio = QRadioButton(self.tr("系统打印机（使用打印机驱动）"))
        self.escpos_radio = QRadioButton(self.tr("热敏小票打印机（ESC/POS，直接连接）"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.system_radio)
        kinds.addButton(self.escpos_radio)

        self.system_group = self._build_system_group()
        self.escpos_group = self._build_escpos_group()

        self.test_button = QPushButton(self.tr("测试打印"))
        self.test_button.clicked.connect(self.test_print)
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_result, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.system_radio)
        layout.addWidget(self.system_group)
        layout.addSpacing(6)
        layout.addWidget(self.escpos_radio)
        layout.addWidget(self.escpos_group)
        layout.addSpacing(6)
        layout.addLayout(test_row)
        layout.addWidget(buttons)

        self._load()
        if isinstance(printer, ThermalSlipPrinter):  # this desk prints on ESC/POS only
            self.system_radio.setEnabled(False)
        self.system_radio.toggled.connect(self._kind_changed)
        self._kind_changed()
        # A result shown is about the printer as it was filled in then: a change clears it.
        for combo in (self.system_combo, self.connection_combo, self.paper_combo):
            combo.currentIndexChanged.connect(self._clear_test_result)
        for edit in (self.host_edit, self.usb_edit, self.path_edit):
            edit.textEdited.connect(self._clear_test_result)
        self.port_spin.valueChanged.connect(self._clear_test_result)

    def _build_system_group(self) -> QFrame:
        group = QFrame()
        group.setObjectName("group")
        self.system_combo = QComboBox()
        names, default = system_printers()
        if default:
            self.system_combo.addItem(self.tr("系统默认打印机（{name}）").format(name=default), "")
        for name in names:
            self.system_combo.addItem(name, name)
        if not names:
            self.system_combo.addItem(self.tr("（系统中没有打印机）"), "")
        form = QFormLayout(group)
        form.setContentsMargins(14, 10, 14, 10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("打印机"), self.system_combo)
        return group

    def _build_escpos_group(self) -> QFrame:
        group = QFrame()
        group.setObjectName("group")
        self.connection_combo = QComboBox()
        self.connection_combo.addItem(self.tr("网络（以太网/Wi-Fi）"), Connection.NETWORK.value)
        self.connection_combo.addItem(self.tr("USB"), Connection.USB.value)
        self.connection_combo.addItem(
            self.tr("设备文件（并口/USB 设备路径）"), Connection.FILE.value
        )

        self.host_edit = QLineEdit(placeholderText=self.tr("例如 192.168.1.50"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        network = QWidget()
        row = QHBoxLayout(network)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.host_edit, 1)
        row.addWidget(QLabel(self.tr("端口")))
        row.addWidget(self.port_spin)

        self.usb_edit = QLineEdit(placeholderText=self.tr("厂商ID:产品ID，例如 0416:5011"))
        self.path_edit = QLineEdit(placeholderText=self.tr("例如 /dev/usb/lp0"))

        self.address_stack = QStackedWidget()
        for page in (network, self.usb_edit, self.path_edit):
            self.address_stack.addWidget(page)
        self.address_label = QLabel()
        self.address_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # as tall as the row (the port box makes it taller than a line), so it sits level
        self.address_label.setMinimumHeight(self.address_stack.sizeHint().height())
        self.connection_combo.currentIndexChanged.connect(self._connection_changed)

        self.paper_combo = QComboBox()
        for width in PAPER_WIDTHS_MM:
            self.paper_combo.addItem(
                self.tr("{width} mm（每行 {columns} 个字符）").format(
                    width=width, columns=COLUMNS[width]
                ),
                width,
            )
        self.address_hint = QLabel()
        self.address_hint.setObjectName("hint")
        self.address_hint.setWordWrap(True)

        form = QFormLayout(group)
        form.setContentsMargins(14, 10, 14, 10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("连接方式"), self.connection_combo)
        form.addRow(self.address_label, self.address_stack)
        form.addRow("", self.address_hint)
        form.addRow(self.tr("纸宽"), self.paper_combo)
        return group

    # -- the form ----------------------------------------------------------------------------

    def _load(self) -> None:
        kind = self._printer.printer_kind()
        (self.escpos_radio if kind is PrinterKind.ESCPOS else self.system_radio).setChecked(True)
        chosen = str(self._settings.value(TICKET_PRINTER_KEY, "", type=str) or "")
        index = self.system_combo.findData(chosen)
        if index < 0 and chosen:
            self.system_combo.addItem(self.tr("{name}（未找到）").format(name=chosen), chosen)
            index = self.system_combo.count() - 1
        self.system_combo.setCurrentIndex(max(0, index))
        config = EscPosConfig.load(self._settings)
        self.connection_combo.setCurrentIndex(
            max(0, self.connection_combo.findData(config.connection.value))
        )
        self.host_edit.setText(config.host)
        self.port_spin.setValue(config.port)
        if config.usb_vendor:
            self.usb_edit.setText(f"{config.usb_vendor:04x}:{config.usb_product:04x}")
        self.path_edit.setText(config.path)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(config.paper_mm)))
        self._timeout_s = config.timeout_s
        self._connection_changed()

    def _kind_changed(self) -> None:
        escpos = self.escpos_radio.isChecked()
        self.system_group.setEnabled(not escpos)
        self.escpos_group.setEnabled(escpos)
        set_style_property(self.system_group, "active", "false" if escpos else "true")
        set_style_property(self.escpos_group, "active", "true" if escpos else "false")
        for group in (self.system_group, self.escpos_group):
            for label in group.findChildren(QLabel):
                label.style().unpolish(label)
                label.style().polish(label)
        self._show_test_result("", "")

    def _connection_changed(self) -> None:
        connection = self.connection()
        self.address_stack.setCurrentIndex(self.connection_combo.currentIndex())
        labels = {
            Connection.NETWORK: (
                self.tr("IP地址"),
                self.tr("打印机自检页上的IP地址，端口一般为 9100"),
            ),
            Connection.USB: (
                self.tr("USB ID"),
                self.tr("打印机的厂商ID和产品ID（Linux 下 lsusb 可查），需有访问USB设备的权限"),
            ),
            Connection.FILE: (
                self.tr("设备路径"),
                self.tr("Linux：/dev/usb/lp0 或 /dev/lp0；也可以是一个文件（调试用）"),
            ),
        }
        label, hint = labels[connection]
        self.address_label.setText(label)
        self.address_hint.setText(hint)

    def _focus_address(self) -> None:
        edits = {
            Connection.NETWORK: self.host_edit,
            Connection.USB: self.usb_edit,
            Connection.FILE: self.path_edit,
        }
        edits[self.connection()].setFocus()

    def kind(self) -> PrinterKind:
        return PrinterKind.ESCPOS if self.escpos_radio.isChecked() else PrinterKind.SYSTEM

    def connection(self) -> Connection:
        return Connection(self.connection_combo.currentData())

    def system_printer(self) -> str:
        return str(self.system_combo.currentData() or "")

    def config(self) -> tuple[EscPosConfig | None, str | None]:
        """The ESC/POS printer as filled in, or (None, what is wrong)."""
        connection = self.connection()
        usb = (0, 0)
        if connection is Connection.USB:
            parsed = parse_usb_id(self.usb_edit.text())
            if parsed is None:
                return None, self.tr("USB ID 应为两个十六进制数，例如 0416:5011")
            usb = parsed
        config = EscPosConfig(
            connection=connection,
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            usb_vendor=usb[0],
            usb_product=usb[1],
            path=self.path_edit.text().strip(),
            paper_mm=int(self.paper_combo.currentData()),
            timeout_s=self._timeout_s,
        )
        return (None, problem) if (problem := config.problem()) else (config, None)

    # -- test print --------------------------------------------------------------------------

    def test_print(self) -> None:
        """Print a sample slip on the printer as filled in (not saved yet)."""
        slip = sample_slip(self._hall_name)
        if self.kind() is PrinterKind.SYSTEM:
            name = self.system_printer() or system_printers()[1]
            if not name:
                self._show_test_result(self.tr("系统中没有可用的打印机"), "error")
                return
            reason = print_on_system_printer(name, slip)
            if reason is None:
                self._show_test_result(
                    self.tr("已发送到“{name}”，请查看打印出的测试票").format(name=name), "ok"
                )
            else:
                self._show_test_result(reason, "error")
            return
        config, problem = self.config()
        if config is None:
            self._show_test_result(problem or "", "error")
            self._focus_address()
            return
        lines = slip_lines(slip)
        self.test_button.setEnabled(False)
        self._show_test_result(
            self.tr("正在测试打印（{target}）…").format(target=config.target()), ""
        )
        self._test_job = self._sender.send(
            config, lambda: slip_bytes(slip, lines, paper_mm=config.paper_mm)
        )

    @property
    def testing(self) -> bool:
        return self._test_job is not None

    def _on_test_finished(self, job: int, reason: str | None, note: str | None) -> None:
        if job != self._test_job:
            return
        self._test_job = None
        self.test_button.setEnabled(True)
        if reason is None:
            text = self.tr("测试打印成功：打印机已收到测试票")
            self._show_test_result(f"{text}（{note}）" if note else text, "ok")
        else:
            self._show_test_result(self.tr("测试打印失败：{reason}").format(reason=reason), "error")

    def _clear_test_result(self) -> None:
        if not self.testing:
            self._show_test_result("", "")

    def _show_test_result(self, text: str, kind: str) -> None:
        self.test_result.setText(text)
        set_style_property(self.test_result, "kind", kind)

    # -- saving ------------------------------------------------------------------------------

    def accept(self) -> None:
        if self.kind() is PrinterKind.ESCPOS:
            config, problem = self.config()
            if config is None:
                self._show_test_result(problem or "", "error")
                self._focus_address()
                return
            config.save(self._settings)
        self._printer.apply_settings(self.kind(), self.system_printer())
        super().accept()
