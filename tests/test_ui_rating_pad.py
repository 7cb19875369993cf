"""The rating pad at a window: what the customer sees after a service, and what gets recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from sqlalchemy import select

from db import models as m
from hall.facade import Hall
from hall.records import Ticket

import ui.rating_pad
from ui.fonts import install_cjk_font
from ui.rating_pad import PadPage, RatingPadWindow
from ui.session import HallSession

WITHIN_ONE_SECOND_MS = 1000

OpenPad = Callable[..., RatingPadWindow]


@dataclass(frozen=True)
class RatingRow:
    level: int
    reason: str | None
    window: int | None
    clerk: str | None


@pytest.fixture(autouse=True)
def short_thanks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ui.rating_pad, "THANKS_MS", 200)


@pytest.fixture
def open_pad(qtbot, session: HallSession) -> Iterator[OpenPad]:  # type: ignore[no-untyped-def]
    """open_pad(window, timeout_s=30) shows that window's pad at 1366x768."""
    pads: list[RatingPadWindow] = []

    def open_(window: int, *, timeout_s: int = 30) -> RatingPadWindow:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        pad = RatingPadWindow(session, window, timeout_s=timeout_s)
        qtbot.addWidget(pad)
        pads.append(pad)
        pad.resize(1366, 768)
        pad.show()
        qtbot.waitUntil(lambda: "城东供电营业厅" in texts_shown(pad))
        return pad

    yield open_
    for pad in pads:
        pad.close()


def flush(qtbot, session: HallSession) -> None:  # type: ignore[no-untyped-def]
    """Wait until every database call submitted so far has reported back."""
    with qtbot.waitCallback() as done:
        session.run(lambda: None, on_done=done)


def serve(counter_desk, guide, business: str = "A") -> Ticket:  # type: ignore[no-untyped-def]
    """Issue a ticket, call it to the desk's window and finish it; the finished ticket."""
    guide.issue_ticket(business)
    counter_desk.call_next()
    return counter_desk.finish("served")


def ratings(hall: Hall, ticket_id: int) -> list[RatingRow]:
    """The ratings recorded for a ticket, with the window and clerk they are tied to."""
    r = m.Rating.__table__
    query = (
        select(r.c.level, r.c.reason, m.Window.number, m.Staff.code)
        .outerjoin(m.Window, m.Window.id == r.c.window_id)
        .outerjoin(m.Staff, m.Staff.id == r.c.clerk_id)
        .where(r.c.ticket_id == ticket_id)
    )
    with hall.database.read() as conn:
        return [RatingRow(*row) for row in conn.execute(query).all()]


def texts_shown(pad: RatingPadWindow) -> list[str]:
    return [label.text() for label in pad.findChildren(QLabel) if label.isVisible()]


def level_texts(pad: RatingPadWindow) -> list[str]:
    return [button.text() for button in pad.level_buttons.values() if button.isVisible()]


def test_pad_asks_after_a_finish_at_its_own_window_only(
    qtbot,
    open_pad: OpenPad,
    session: HallSession,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    clerk1, clerk2 = counter(1), counter(2)
    pad1, pad2 = open_pad(1), open_pad(2)
    qtbot.waitUntil(lambda: "张受理（工号 2001）为您服务" in texts_shown(pad1))
    assert "1号窗口 · 欢迎光临" in texts_shown(pad1)
    assert pad1.page == PadPage.IDLE

    served = serve(clerk1, guide)
    qtbot.waitUntil(lambda: pad1.page == PadPage.ASKING, timeout=WITHIN_ONE_SECOND_MS)
    assert pad1.question() == "请您对本次服务（A001）进行评价"
    assert level_texts(pad1) == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert pad1.asked_ticket is not None and pad1.asked_ticket.id == served.id
    flush(qtbot, session)  # pad 2 has had its answer to the same reading
    assert pad2.page == PadPage.IDLE

    serve(clerk2, guide, "B")
    qtbot.waitUntil(lambda: pad2.page == PadPage.ASKING, timeout=WITHIN_ONE_SECOND_MS)
    assert pad2.question() == "请您对本次服务（B001）进行评价"
    assert pad1.question() == "请您对本次服务（A001）进行评价"


def test_choosing_satisfied_records_level_4_for_the_ticket_window_and_clerk(
    qtbot,
    open_pad: OpenPad,
    hall: Hall,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    pad = open_pad(3)
    served = serve(counter(3), guide)
    qtbot.waitUntil(lambda: pad.page == PadPage.ASKING)
    qtbot.mouseClick(pad.level_buttons[4], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.page == PadPage.THANKS)
    assert "感谢您的评价！" in texts_shown(pad)
    assert ratings(hall, served.id) == [RatingRow(4, None, 3, "2003")]
    qtbot.waitUntil(lambda: pad.page == PadPage.IDLE)  # after a few seconds


def test_dissatisfied_asks_for_a_reason_before_recording(
    qtbot,
    open_pad: OpenPad,
    hall: Hall,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    pad = open_pad(1)
    clerk = counter(1)
    first = serve(clerk, guide)
    qtbot.waitUntil(lambda: pad.page == PadPage.ASKING)
    qtbot.mouseClick(pad.level_buttons[2], Qt.MouseButton.LeftButton)
    assert pad.page == PadPage.REASON
    assert "您选择了“不满意”，请告诉我们哪里做得不好" in texts_shown(pad)
    assert not pad.submit_button.isEnabled()
    assert ratings(hall, first.id) == []  # nothing recorded without a reason
    qtbot.mouseClick(pad.reason_buttons["服务态度差"], Qt.MouseButton.LeftButton)
    assert pad.submit_button.isEnabled()
    qtbot.mouseClick(pad.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.page == PadPage.THANKS)
    assert ratings(hall, first.id) == [RatingRow(2, "服务态度差", 1, "2001")]

    # 非常不满意 with a reason of the customer's own.
    second = serve(clerk, guide)
    qtbot.waitUntil(lambda: pad.page == PadPage.ASKING)
    pad.choose(1)
    qtbot.mouseClick(pad.reason_buttons["其他"], Qt.MouseButton.LeftButton)
    assert not pad.submit_button.isEnabled()  # 其他, but not yet said what
    type_chinese(pad.other_text, "大厅太冷")
    assert pad.submit_button.isEnabled()
    qtbot.mouseClick(pad.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.page == PadPage.THANKS)
    assert ratings(hall, second.id) == [RatingRow(1, "大厅太冷", 1, "2001")]


def test_unanswered_pad_goes_back_to_idle_without_rating_and_never_asks_again(
    qtbot,
    monkeypatch,
    open_pad: OpenPad,
    session: HallSession,
    hall: Hall,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    answers: list[Ticket | None] = []
    real = hall.awaiting_rating

    def counted(window: int) -> Ticket | None:
        answers.append(real(window))
        return answers[-1]

    monkeypatch.setattr(hall, "awaiting_rating", counted)
    pad = open_pad(1, timeout_s=1)
    served = serve(counter(1), guide)
    qtbot.waitUntil(lambda: pad.page == PadPage.ASKING)
    assert "1 秒后自动关闭" in texts_shown(pad)
    qtbot.waitUntil(lambda: pad.page == PadPage.IDLE, timeout=3000)
    assert ratings(hall, served.id) == []  # not rated

    # The hall still has it waiting for a rating, and the pad is asked again on the next change,
    # but it does not put the same service to the customer twice.
    asked_before = len(answers)
    guide.issue_ticket("B")
    qtbot.waitUntil(lambda: len(answers) > asked_before)
    flush(qtbot, session)
    assert answers[-1] is not None and answers[-1].id == served.id
    assert pad.page == PadPage.IDLE


def test_a_refused_rating_is_explained_politely_then_the_pad_is_idle(
    qtbot,
    open_pad: OpenPad,
    hall: Hall,
    guide,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    pad = open_pad(2)
    served = serve(counter(2), guide)
    qtbot.waitUntil(lambda: pad.page == PadPage.ASKING)
    hall.rate(served.id, 5)  # rated meanwhile elsewhere
    pad.choose(3)
    qtbot.waitUntil(lambda: pad.page == PadPage.SORRY)
    assert any("这次服务已经评价过了" in text for text in texts_shown(pad))
    assert ratings(hall, served.id) == [RatingRow(5, None, 2, "2002")]
    qtbot.waitUntil(lambda: pad.page == PadPage.IDLE)


def type_chinese(field: QLineEdit, text: str) -> None:
    """Type as a Chinese input method does: one committed string (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)
