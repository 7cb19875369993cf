"""The cashier's side of the counter: end of shift (日清日结), today's receipts with reprint and
reversal (冲正), and the 唱收唱付 sentence read aloud by the counter PC (朗读)."""

from __future__ import annotations

import subprocess
import wave
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import PASSWORD
from fakes import FakeEngine, FakePlayer, Heard
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from hall.desk import Desk
from hall.records import CallNotice

from ui.announcer import CLIP_FILES, Announcer, ClipEngine
from ui.fonts import install_cjk_font
from ui.payment_dialog import PaymentDialog, ReadAloudButton, paint_pdf
from ui.receipts_dialog import ReceiptsDialog
from ui.session import HallSession
from ui.settlement_dialog import SettlementDialog

OWES_236 = "3300000001"
OWES_100 = "3300000002"
OWES_88 = "3300000003"
READBACK_CASH_300 = "您本次应交236元4角，收您300元，找您63元6角，请当面点清"


@pytest.fixture
def cashier(counter, lead: Desk) -> Desk:  # type: ignore[no-untyped-def]
    """赵收费 (2002) at window 2, with three customers who owe."""
    for account, name, arrears in (
        (OWES_236, "张三", 23640),
        (OWES_100, "李四", 10000),
        (OWES_88, "王五", 8880),
    ):
        lead.add_account(account=account, name=name, address="城东路 1 号", arrears_fen=arrears)
    return counter(2)


@pytest.fixture
def morning(cashier: Desk) -> Desk:
    """000001 cash 300.00 on 236.40 (change 63.60); 000002 cash 150.00 on 100.00 (50.00 to
    prepayment); 000003 card 88.80. Cash in the drawer: 236.40 + 150.00 = 386.40."""
    cashier.take_payment(OWES_236, received_fen=30000)
    cashier.take_payment(OWES_100, received_fen=15000, excess="prepay")
    cashier.take_payment(OWES_88, received_fen=8880, method="card")
    return cashier


@pytest.fixture(autouse=True)
def chinese_font(qapp: QApplication) -> None:
    install_cjk_font(qapp)


@pytest.fixture
def printed(monkeypatch) -> list[Path]:  # type: ignore[no-untyped-def]
    """What went to this counter's printers (receipt printer and sheet printer alike)."""
    paper: list[Path] = []

    def send(pdf_path: Path, parent: object = None) -> None:
        paper.append(pdf_path)

    monkeypatch.setattr(PaymentDialog, "send_to_printer", staticmethod(send))
    monkeypatch.setattr(SettlementDialog, "send_to_printer", staticmethod(send))
    return paper


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def type_into(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into ``field``: keys for ASCII, as an input method commits it otherwise (QTest
    types ASCII only)."""
    field.clear()
    if text.isascii():
        qtbot.keyClicks(field, text)
        return
    field.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- end of shift ------------------------------------------------------------------------------


@pytest.fixture
def open_settlement(qtbot, session: HallSession, tmp_path: Path):  # type: ignore[no-untyped-def]
    def open_(desk: Desk) -> SettlementDialog:
        dialog = SettlementDialog(session, desk, folder=tmp_path / "settlements")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.takings is not None and not dialog.busy)
        return dialog

    return open_


def test_the_counted_cash_shows_short_or_over_before_anything_is_recorded(  # type: ignore[no-untyped-def]
    qtbot, open_settlement, morning: Desk, lead: Desk
) -> None:
    dialog = open_settlement(morning)
    assert dialog.who.text() == "赵收费（工号 2002） 2026-03-02"
    shown = [
        [dialog.model.display(record, column) for column in dialog.model.Columns]
        for record in dialog.model.records
    ]
    assert shown == [
        ["现金", "2", "￥450.00", "￥63.60", "￥50.00", "0", "￥0.00", "￥386.40"],
        ["刷卡", "1", "￥88.80", "￥0.00", "￥0.00", "0", "￥0.00", "￥88.80"],
        ["扫码", "0", "￥0.00", "￥0.00", "￥0.00", "0", "￥0.00", "￥0.00"],
        ["合计", "3", "￥538.80", "￥63.60", "￥50.00", "0", "￥0.00", "￥475.20"],
    ]
    assert dialog.receipts_info.text() == (
        "今日收据 3 张（缴费 3，冲正 0），起号 2026-000001，止号 2026-000003"
    )
    assert dialog.expected.text() == "￥386.40"
    assert not dialog.confirm_button.isEnabled()

    for typed, difference, kind in (
        ("385", "短款 ￥1.40", "short"),
        ("390", "长款 ￥3.60", "over"),
        ("386.4", "相符", "even"),
    ):
        type_into(qtbot, dialog.counted, typed)
        assert (dialog.difference.text(), dialog.difference.property("kind")) == (
            difference,
            kind,
        )
        assert dialog.confirm_button.isEnabled()

    type_into(qtbot, dialog.counted, "38a")
    assert dialog.counted_message.text() == "“38a”不是有效的金额，请输入如 236.40 的数字"
    assert dialog.difference.text() == ""
    assert not dialog.confirm_button.isEnabled()
    qtbot.keyClick(dialog.counted, Qt.Key.Key_Return)
    assert lead.shift_takings(clerk="2002").settlements == ()  # nothing recorded


def test_confirming_records_the_settlement_and_saves_the_sheet_to_print(  # type: ignore[no-untyped-def]
    qtbot, open_settlement, morning: Desk, lead: Desk, printed: list[Path]
) -> None:
    dialog = open_settlement(morning)
    assert not dialog.print_button.isEnabled()  # nothing settled yet
    type_into(qtbot, dialog.counted, "385")
    type_into(qtbot, dialog.note, "少一元四角")
    click(qtbot, dialog.confirm_button)
    click(qtbot, dialog.confirm_button)  # a double press records once
    qtbot.waitUntil(lambda: dialog.settlement is not None and not dialog.busy)

    recorded = lead.shift_takings(clerk="2002").settlements
    assert [(s.counted_cash_fen, s.verdict, s.note) for s in recorded] == [
        (38500, "短款", "少一元四角")
    ]
    assert dialog.status.text().startswith(
        "今日已结算 1 次，最近一次 10:00：实点 ￥385.00，短款 ￥1.40"
    )
    assert not dialog.confirm_button.isEnabled()  # recorded as typed
    pdf = dialog.pdf_path
    assert pdf is not None and pdf.parent.name == "2026-03-02" and str(pdf) in dialog.status.text()
    text = "".join(pdf_text(pdf).split())
    for expected in ("收费员日清日结单", "赵收费", "￥386.40", "￥385.00", "短款", "少一元四角"):
        assert expected in text, expected

    click(qtbot, dialog.print_button)
    assert printed == [pdf]
    assert dialog.status.text().endswith("日结单已送打印机")

    type_into(qtbot, dialog.counted, "386.40")  # counted again: the coins were found
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.settlement is not None and dialog.settlement.verdict == "相符")
    takings = lead.shift_takings(clerk="2002")
    assert [s.verdict for s in takings.settlements] == ["短款", "相符"]
    assert "今日已结算 2 次" in dialog.status.text()


def test_payments_taken_after_settling_ask_for_a_new_count(  # type: ignore[no-untyped-def]
    qtbot, open_settlement, morning: Desk
) -> None:
    morning.settle_shift(38640)
    morning.take_payment(OWES_236, received_fen=100, excess="prepay")
    dialog = open_settlement(morning)
    assert dialog.expected.text() == "￥387.40"
    assert "此后又开出了收据，请重新清点结算" in dialog.status.text()
    assert dialog.status.property("kind") == "stale"


# -- today's receipts: reprint and reversal ----------------------------------------------------


@pytest.fixture
def receipts_dialog(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, morning: Desk, tmp_path: Path
) -> Iterator[tuple[ReceiptsDialog, Heard]]:
    heard = Heard()
    announcer = Announcer(FakeEngine(heard, auto=True), player=FakePlayer(heard), gap_ms=5)
    dialog = ReceiptsDialog(
        session, morning, receipt_folder=tmp_path / "receipts", speaker=announcer
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.receipts) == 3 and not dialog.busy)
    yield dialog, heard
    announcer.close()


def test_todays_receipts_are_listed_and_one_is_reprinted_marked(  # type: ignore[no-untyped-def]
    qtbot, receipts_dialog, printed: list[Path], counter
) -> None:
    dialog, _heard = receipts_dialog
    assert [r.number for r in dialog.receipts] == ["2026-000001", "2026-000002", "2026-000003"]
    assert not dialog.reprint_button.isEnabled()  # nothing selected
    dialog.select("2026-000002")
    click(qtbot, dialog.reprint_button)
    qtbot.waitUntil(lambda: dialog.result_receipt is not None and not dialog.busy)
    assert dialog.result_title.text() == "重打收据 2026-000002"
    pdf = dialog.result_pdf
    assert pdf is not None and pdf.name == "2026-000002-reprint.pdf"
    assert printed == [pdf]
    assert dialog.result_note.text() == "收据已送打印机"
    assert "重打" in pdf_text(pdf) and "李四" in pdf_text(pdf)

    counter(1).take_payment(OWES_236, received_fen=100, excess="prepay")  # at window 1
    dialog.all_counters.setChecked(True)
    qtbot.waitUntil(lambda: len(dialog.receipts) == 4 and not dialog.busy)
    assert dialog.receipts[-1].clerk_name == "张受理"


def test_a_reversal_needs_a_leads_password_and_a_wrong_one_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, receipts_dialog, lead: Desk
) -> None:
    dialog, heard = receipts_dialog
    dialog.select("2026-000001")
    click(qtbot, dialog.reverse_button)
    assert dialog.reversal_panel.isVisible()
    assert dialog.reversal_title.text() == "冲正收据 2026-000001：张三（3300000001），现金 ￥236.40"
    assert not dialog.confirm_reversal_button.isEnabled()
    type_into(qtbot, dialog.reason, "户号输错")
    qtbot.keyClicks(dialog.lead_code, "9001")
    qtbot.keyClicks(dialog.lead_password, "wrong-pass")
    click(qtbot, dialog.confirm_reversal_button)
    qtbot.waitUntil(lambda: dialog.reversal_error.text() != "" and not dialog.busy)
    assert dialog.reversal_error.text() == "工号或密码错误，再错4次将锁定账号"
    assert dialog.lead_password.text() == ""  # to be typed again
    assert dialog.result_receipt is None
    assert lead.account(OWES_236).arrears_fen == 0  # still paid
    assert len(lead.receipts(mine=False)) == 3

    qtbot.keyClicks(dialog.lead_password, PASSWORD)
    qtbot.keyClick(dialog.lead_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_receipt is not None and len(dialog.receipts) == 4)
    reversal = dialog.result_receipt
    assert (reversal.number, reversal.kind, reversal.reverses) == (
        "2026-000004",
        "reversal",
        "2026-000001",
    )
    assert not dialog.reversal_panel.isVisible()
    assert dialog.result_title.text() == "冲正收据 2026-000004：退还 ￥236.40"
    sentence = "收据2026-000001的缴费已冲正，退还您236元4角，请当面点清"
    assert dialog.result_readback.text() == sentence
    assert lead.account(OWES_236).arrears_fen == 23640  # owes again
    state = dialog.model.display(dialog.receipts[0], dialog.model.Columns.STATE)
    assert state == "已冲正（2026-000004）"
    dialog.select("2026-000001")
    assert not dialog.reverse_button.isEnabled()  # reversed once only
    assert dialog.result_pdf is not None and "冲正" in pdf_text(dialog.result_pdf)

    click(qtbot, dialog.read_aloud_button)
    qtbot.waitUntil(lambda: heard.said() == [sentence])


# -- reading aloud at the counter (朗读) ---------------------------------------------------------


@pytest.fixture
def paying(counter, lead: Desk) -> Desk:  # type: ignore[no-untyped-def]
    lead.add_account(account=OWES_236, name="张三", address="城东路 1 号", arrears_fen=23640)
    return counter(1)


def test_read_aloud_says_the_readback_sentence_through_the_announcer(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, paying: Desk, tmp_path: Path
) -> None:
    heard = Heard()
    announcer = Announcer(FakeEngine(heard, auto=True), player=FakePlayer(heard), gap_ms=5)
    dialog = PaymentDialog(
        session, paying, OWES_236, receipt_folder=tmp_path / "receipts", speaker=announcer
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.account is not None and not dialog.busy)
    assert dialog.read_aloud_button.text() == "朗读"
    assert not dialog.read_aloud_button.isEnabled()  # nothing to say yet
    qtbot.keyClicks(dialog.received, "300")
    click(qtbot, dialog.read_aloud_button)
    qtbot.waitUntil(lambda: heard.said() == [READBACK_CASH_300])
    assert ("chime",) not in heard.sounds  # a read-back is not a call

    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.receipt is not None)
    click(qtbot, dialog.done_read_aloud_button)
    qtbot.waitUntil(lambda: heard.said() == [READBACK_CASH_300] * 2)
    announcer.close()


def test_any_callable_may_read_the_sentence(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, paying: Desk, tmp_path: Path
) -> None:
    said: list[str] = []
    dialog = PaymentDialog(
        session, paying, OWES_236, receipt_folder=tmp_path / "receipts", speaker=said.append
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.account is not None and not dialog.busy)
    qtbot.keyClicks(dialog.received, "236.4")
    click(qtbot, dialog.read_aloud_button)
    assert said == ["您本次应交236元4角，收您236元4角，金额正好，请收好收据"]


def notice(number: str, window: int) -> CallNotice:
    return CallNotice(1, number, number[0], window, False, datetime(2026, 3, 2, tzinfo=UTC))


def test_a_sentence_waits_for_the_call_being_announced_and_is_said_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    engine = FakeEngine(heard)
    announcer = Announcer(engine, player=FakePlayer(heard), pause_ms=5, gap_ms=5)
    finished: list[str] = []
    announcer.finished.connect(lambda n: finished.append(n.number))
    call = "请A零零一号到三号窗口办理业务"

    announcer.announce(notice("A001", 3))
    qtbot.waitUntil(lambda: engine.speaking)
    announcer.say(READBACK_CASH_300)  # arrives mid-call: waits its turn
    assert announcer.pending == (READBACK_CASH_300,)
    assert READBACK_CASH_300 in engine.prepared  # synthesised ahead
    engine.finish()
    qtbot.waitUntil(lambda: engine.speaking)
    engine.finish()  # the call's second time
    qtbot.waitUntil(lambda: engine.speaking)
    assert heard.sounds == [("chime",), ("say", call), ("say", call), ("say", READBACK_CASH_300)]
    assert announcer.current == READBACK_CASH_300
    engine.finish()
    announcer.announce(notice("A002", 1))
    for _ in range(2):  # the next call, twice
        qtbot.waitUntil(lambda: engine.speaking)
        engine.finish()
    qtbot.waitUntil(lambda: finished == ["A001", "A002"])
    assert heard.said().count(READBACK_CASH_300) == 1
    assert engine.stops == 0  # nothing was cut off
    announcer.close()


def test_without_a_voice_read_aloud_says_so_and_is_disabled(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    announcer = Announcer(None, player=FakePlayer(heard))
    button = ReadAloudButton(announcer)
    qtbot.addWidget(button)
    button.set_sentence(READBACK_CASH_300)
    assert button.text() == "朗读（本机无语音）"
    assert not button.isEnabled()
    announcer.say(READBACK_CASH_300)
    qtbot.wait(20)
    assert heard.sounds == []  # no chime for a sentence either
    announcer.close()


def _tone(path: Path) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(b"\x10\x00" * 1600)


def test_recorded_clips_skip_a_sentence_they_have_no_words_for_and_keep_calling(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    for name in CLIP_FILES.values():
        _tone(tmp_path / f"{name}.wav")
    heard = Heard()
    player = FakePlayer(heard)
    announcer = Announcer(ClipEngine(tmp_path, player=player), player=player, gap_ms=5)
    finished: list[str] = []
    announcer.finished.connect(lambda n: finished.append(n.number))
    for _ in range(3):
        announcer.say(READBACK_CASH_300)
    announcer.announce(notice("A001", 3))
    qtbot.waitUntil(lambda: finished == ["A001"])
    assert announcer.voice_off_message is None  # not counted as failures of the voice
    assert len(player.played) == 3  # the chime and the call twice
    announcer.close()


def test_a_pdf_is_printed_scaled_to_the_page(tmp_path: Path, morning: Desk) -> None:
    sheet = tmp_path / "sheet.pdf"
    morning.shift_takings().write_pdf(sheet)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    assert paint_pdf(printer, sheet) is None
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "1"
    assert paint_pdf(printer, tmp_path / "missing.pdf") == (
        f"无法读取PDF文件：{tmp_path / 'missing.pdf'}"
    )
