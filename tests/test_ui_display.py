"""The hall display and its announcer: what a customer sees on the TV and hears in the hall."""

from __future__ import annotations

import shutil
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import PASSWORD, FakeClock
from fakes import FakeEngine, FakePlayer, Heard
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from hall import open_hall
from hall.facade import Hall
from hall.records import CallNotice

import ui.announcer as announcer_module
from ui.announcer import (
    CHIME_FILE,
    CLIP_FILES,
    Announcer,
    ClipEngine,
    EffectPlayer,
    EspeakEngine,
    QtSpeechEngine,
    SpeechResult,
    VoiceChooser,
    chinese_voice_engine,
    wav_duration_ms,
)
from ui.display import AMBER, TEAL, FitLabel, HallDisplayWindow
from ui.fonts import install_cjk_font
from ui.session import HallSession
from ui.worker import DbWorker

WITHIN_ONE_SECOND_MS = 1000
VOICE_OFF = "语音播报不可用，仅提示音"
NEEDS_ESPEAK = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


# -- fakes -------------------------------------------------------------------------------------


def notice(event_id: int, number: str, window: int, *, recall: bool = False) -> CallNotice:
    return CallNotice(event_id, number, number[0], window, recall, datetime(2026, 3, 2, tzinfo=UTC))


def fast_announcer(engine: FakeEngine | None, player: FakePlayer, **options: object) -> Announcer:
    return Announcer(engine, player=player, pause_ms=5, gap_ms=5, **options)  # type: ignore[arg-type]


# -- the announcer -----------------------------------------------------------------------------


def test_each_call_is_a_chime_then_the_sentence_twice_and_calls_never_overlap(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    engine = FakeEngine(heard)
    announcer = fast_announcer(engine, FakePlayer(heard))
    started: list[str] = []
    finished: list[str] = []
    announcer.started.connect(lambda n: started.append(n.number))
    announcer.finished.connect(lambda n: finished.append(n.number))
    first = "请A零零一号到三号窗口办理业务"
    second = "请B零零二号到十二号窗口办理业务"

    announcer.announce(notice(1, "A001", 3))
    announcer.announce(notice(2, "B002", 12))
    qtbot.waitUntil(lambda: engine.speaking)
    assert heard.sounds == [("chime",), ("say", first)]
    assert started == ["A001"]
    assert [n.number for n in announcer.pending] == ["B002"]
    assert second in engine.prepared  # synthesised ahead while the first is spoken

    announcer.announce(notice(3, "A003", 1))  # arrives mid-sentence: waits its turn
    engine.finish()
    qtbot.waitUntil(lambda: engine.speaking)
    assert heard.sounds == [("chime",), ("say", first), ("say", first)]
    assert finished == []

    engine.finish()
    qtbot.waitUntil(lambda: engine.speaking)
    assert finished == ["A001"]
    assert started == ["A001", "B002"]
    assert heard.sounds[3:] == [("chime",), ("say", second)]
    engine.finish()
    qtbot.waitUntil(lambda: engine.speaking)
    engine.finish()
    qtbot.waitUntil(lambda: engine.speaking)
    assert heard.sounds[-2:] == [("chime",), ("say", "请A零零三号到一号窗口办理业务")]
    assert engine.stops == 0  # nothing was ever cut off


def test_a_recall_is_announced_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    announcer = fast_announcer(FakeEngine(heard, auto=True), FakePlayer(heard))
    finished: list[CallNotice] = []
    announcer.finished.connect(finished.append)
    announcer.announce(notice(1, "A001", 3))
    announcer.announce(notice(2, "A001", 3, recall=True))
    qtbot.waitUntil(lambda: len(finished) == 2)
    sentence = "请A零零一号到三号窗口办理业务"
    assert heard.sounds == [("chime",), ("say", sentence), ("say", sentence)] * 2
    assert [n.recall for n in finished] == [False, True]


def test_without_a_voice_the_chime_still_plays_and_the_queue_moves_on(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    announcer = fast_announcer(None, FakePlayer(heard))
    assert announcer.voice_off_message == VOICE_OFF
    finished: list[str] = []
    announcer.finished.connect(lambda n: finished.append(n.number))
    for i, number in enumerate(("A001", "A002", "B001"), start=1):
        announcer.announce(notice(i, number, i))
    qtbot.waitUntil(lambda: len(finished) == 3)
    assert finished == ["A001", "A002", "B001"]
    assert heard.sounds == [("chime",)] * 3


def test_no_speech_engine_on_this_pc_is_said_once_and_calls_still_chime(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(announcer_module.shutil, "which", lambda _name: None)
    heard = Heard()
    announcer = Announcer(player=FakePlayer(heard), pause_ms=5, gap_ms=5)  # the automatic choice
    said_off: list[str] = []
    announcer.voice_unavailable.connect(said_off.append)
    finished: list[str] = []
    announcer.finished.connect(lambda n: finished.append(n.number))
    announcer.announce(notice(1, "A001", 1))  # waits for the choice, then chimes
    with qtbot.waitSignal(announcer.voice_unavailable, timeout=2000):
        pass
    announcer.announce(notice(2, "A002", 2))
    qtbot.waitUntil(lambda: len(finished) == 2)
    assert said_off == [VOICE_OFF]
    assert announcer.engine is None
    assert heard.sounds == [("chime",), ("chime",)]


def test_a_voice_that_keeps_failing_is_switched_off_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    engine = FakeEngine(heard)
    announcer = fast_announcer(engine, FakePlayer(heard))
    said_off: list[str] = []
    announcer.voice_unavailable.connect(said_off.append)
    finished: list[str] = []
    announcer.finished.connect(lambda n: finished.append(n.number))
    for i in range(1, 4):
        announcer.announce(notice(i, f"A00{i}", i))
    for _ in range(3):
        qtbot.waitUntil(lambda: engine.speaking)
        engine.finish(SpeechResult.ENGINE_FAILED)
    qtbot.waitUntil(lambda: len(finished) == 3)
    assert said_off == [VOICE_OFF]
    assert heard.sounds[-1] == ("chime",)  # the third call: chime only
    assert [s for s in heard.sounds if s == ("chime",)] == [("chime",)] * 3


def test_sound_that_cannot_be_played_is_reported_once_and_the_queue_moves_on(qtbot) -> None:  # type: ignore[no-untyped-def]
    heard = Heard()
    announcer = fast_announcer(FakeEngine(heard, auto=True), FakePlayer(heard, ok=False))
    failures: list[str] = []
    announcer.audio_failed.connect(failures.append)
    finished: list[str] = []
    announcer.finished.connect(lambda n: finished.append(n.number))
    announcer.announce(notice(1, "A001", 1))
    announcer.announce(notice(2, "A002", 2))
    qtbot.waitUntil(lambda: len(finished) == 2)
    assert len(failures) == 1
    assert announcer.voice_off_message is None  # the voice is fine; the speakers are not


def test_real_player_without_an_audio_device_never_stalls(qtbot) -> None:  # type: ignore[no-untyped-def]
    player = EffectPlayer()
    results: list[bool] = []
    player.play(CHIME_FILE, results.append)
    assert results == []  # asynchronous
    # Heard (with a device) or failed (without one): either way it ends, within length + margin.
    limit = wav_duration_ms(CHIME_FILE) + announcer_module.PLAYBACK_MARGIN_MS + 1000
    qtbot.waitUntil(lambda: len(results) == 1, timeout=limit)


@NEEDS_ESPEAK
def test_espeak_synthesises_the_sentence_off_the_gui_thread_and_plays_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    player = FakePlayer(Heard())
    engine = EspeakEngine(shutil.which("espeak-ng") or "", player=player)
    try:
        results: list[SpeechResult] = []
        engine.speak("请A零零一号到三号窗口办理业务", results.append)
        assert results == []  # returns at once: synthesis runs in its own process
        qtbot.waitUntil(lambda: results == [SpeechResult.SPOKEN], timeout=5000)
        wav = player.played[0]
        with wave.open(str(wav), "rb") as audio:
            seconds = audio.getnframes() / audio.getframerate()
        assert 2.5 < seconds < 8  # a sentence of 15 syllables, not silence, not a stutter
        engine.speak("请A零零一号到三号窗口办理业务", results.append)  # the repeat: from the cache
        qtbot.waitUntil(lambda: len(results) == 2)
        assert player.played == [wav, wav]
    finally:
        engine.close()


@NEEDS_ESPEAK
def test_on_linux_espeak_is_chosen_after_a_test_synthesis(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = VoiceChooser(clips_dir=Path("/nonexistent"), platform="linux")
    with qtbot.waitSignal(chooser.chosen, timeout=5000) as chosen:
        chooser.start()
    engine = chosen.args[0]
    assert engine is not None and engine.name == "espeak-ng"
    engine.close()


def test_windows_voices_are_asked_for_but_never_speechd(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def no_chinese_voice(engine: str, parent: QObject | None = None) -> None:
        asked.append(engine)

    monkeypatch.setattr(announcer_module, "chinese_voice_engine", no_chinese_voice)
    monkeypatch.setattr(announcer_module.shutil, "which", lambda _name: None)
    for platform, expected in (("win32", ["winrt", "sapi"]), ("linux", [])):
        asked.clear()
        chooser = VoiceChooser(clips_dir=Path("/nonexistent"), platform=platform)
        with qtbot.waitSignal(chooser.chosen, timeout=2000) as chosen:
            chooser.start()
        assert chosen.args == [None]
        assert asked == expected  # speechd would block the GUI for 20 s without audio


def test_espeak_that_fails_is_reported_as_an_engine_failure(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine = EspeakEngine(str(tmp_path / "no-such-espeak"), player=FakePlayer(Heard()))
    results: list[SpeechResult] = []
    engine.speak("请一号", results.append)
    qtbot.waitUntil(lambda: results == [SpeechResult.ENGINE_FAILED], timeout=5000)
    engine.close()


def test_qt_speech_engine_reports_when_it_has_spoken(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTextToSpeech import QTextToSpeech

    # The "mock" engine speaks no Chinese, so it is never chosen for the hall...
    assert chinese_voice_engine("mock") is None
    assert chinese_voice_engine("speechd-is-never-asked") is None
    # ...but it exercises the wrapper used for Windows voices.
    engine = QtSpeechEngine(QTextToSpeech("mock"))
    results: list[SpeechResult] = []
    engine.speak("请A零零一号到三号窗口办理业务", results.append)
    qtbot.waitUntil(lambda: results == [SpeechResult.SPOKEN], timeout=5000)


def _tone(path: Path, milliseconds: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(b"\x10\x00" * (16 * milliseconds))


def test_recorded_clips_are_joined_word_by_word(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lengths = {}
    for i, (word, name) in enumerate(CLIP_FILES.items()):
        lengths[word] = 100 + i  # each clip a different length, to see which were used
        _tone(tmp_path / f"{name}.wav", lengths[word])
    assert ClipEngine.complete(tmp_path)
    player = FakePlayer(Heard())
    engine = ClipEngine(tmp_path, player=player)
    results: list[SpeechResult] = []
    engine.speak("请A零零一号到十二号窗口办理业务", results.append)
    qtbot.waitUntil(lambda: results == [SpeechResult.SPOKEN])
    words = ["请", "A", "零", "零", "一", "号", "到", "十", "二", "号", "窗口", "办理业务"]
    assert wav_duration_ms(player.played[0]) == sum(lengths[w] for w in words)

    (tmp_path / "chuangkou.wav").unlink()
    assert not ClipEngine.complete(tmp_path)


# -- the display -------------------------------------------------------------------------------


@dataclass
class Board:
    window: HallDisplayWindow
    heard: Heard
    announced: list[CallNotice]

    def tile(self, number: int) -> tuple[str, str]:
        """(window name, big text) on a window's tile."""
        tile = self.window.tiles[number]
        return tile.name.text(), tile.main.text()

    def hero(self) -> tuple[str, str, str]:
        w = self.window
        return w.hero_caption.text(), w.hero_number.text(), w.hero_window.text()

    def recent(self) -> list[tuple[str, str]]:
        return [(n.text(), w.text()) for n, w, _note in self.window.recent_rows if n.text()]

    def waiting(self) -> dict[str, str]:
        return {code: count.text() for code, (_b, _n, count) in self.window.count_rows.items()}

    def hero_colour(self) -> QColor:
        hero = self.window.hero_panel
        return hero.grab().toImage().pixelColor(hero.width() // 2, 2)


OpenBoard = Callable[..., Board]


@pytest.fixture
def open_board(qtbot, hall: Hall, worker: DbWorker) -> Iterator[OpenBoard]:  # type: ignore[no-untyped-def]
    """open_board(size=(1366, 768), announcer=None) shows the display once it has read the hall,
    with a fake voice that speaks at once (unless an announcer is given)."""
    opened: list[tuple[HallDisplayWindow, HallSession]] = []

    def open_(size: tuple[int, int] = (1366, 768), announcer: Announcer | None = None) -> Board:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        heard = Heard()
        if announcer is None:
            announcer = fast_announcer(FakeEngine(heard, auto=True), FakePlayer(heard))
        announced: list[CallNotice] = []
        announcer.started.connect(announced.append)
        session = HallSession(hall, worker)
        window = HallDisplayWindow(session, announcer=announcer)
        qtbot.addWidget(window)
        opened.append((window, session))
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.windowTitle().startswith("城东供电营业厅"))
        return Board(window, heard, announced)

    yield open_
    for window, session in opened:
        window.close()
        window.announcer.close()
        session.close()


def test_a_call_at_a_counter_here_is_on_the_board_within_a_second_flashing_and_spoken(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, guide, counter
) -> None:
    board = open_board()
    assert board.hero()[1] == ""  # nothing called yet today
    guide.issue_ticket("A")
    clerk = counter(3)
    clerk.call_next()
    qtbot.waitUntil(lambda: board.hero()[1] == "A001", timeout=WITHIN_ONE_SECOND_MS)
    assert board.hero() == ("正在呼叫", "A001", "请到 3 号窗口")
    assert board.tile(3) == ("3号窗口", "A001")
    # It flashes: the panel turns amber and back to teal.
    qtbot.waitUntil(lambda: board.hero_colour() == QColor(AMBER))
    qtbot.waitUntil(lambda: board.hero_colour() == QColor(TEAL), timeout=5000)
    qtbot.waitUntil(lambda: len(board.heard.said()) == 2)
    assert board.heard.sounds == [("chime",)] + [("say", "请A零零一号到三号窗口办理业务")] * 2


def test_a_call_made_at_another_pc_is_on_the_board_within_a_second(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, db_url: str, clock: FakeClock, guide
) -> None:
    board = open_board()
    guide.issue_ticket("B")
    # A second open_hall on the same file is another PC: its events never reach this process,
    # only its commits do, and the call is read back from the event log.
    other = open_hall(db_url, clock=clock)
    try:
        other.sign_in("2002", PASSWORD, window=2).call_next()
        qtbot.waitUntil(lambda: board.hero()[1] == "B001", timeout=WITHIN_ONE_SECOND_MS)
        assert board.hero()[2] == "请到 2 号窗口"
        qtbot.waitUntil(lambda: [c.number for c in board.announced] == ["B001"])
    finally:
        other.close()


def test_calls_and_recalls_are_handed_to_the_announcer_in_order(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, guide, counter
) -> None:
    board = open_board()
    for _ in range(3):
        guide.issue_ticket("A")
    first, second = counter(1), counter(2)
    first.call_next()
    second.call_next()
    first.recall()
    second.no_show()
    second.call_next()
    qtbot.waitUntil(lambda: len(board.announced) == 4, timeout=3000)
    assert [(c.number, c.window, c.recall) for c in board.announced] == [
        ("A001", 1, False),
        ("A002", 2, False),
        ("A001", 1, True),
        ("A003", 2, False),
    ]
    qtbot.waitUntil(lambda: board.hero()[1] == "A003")
    assert board.recent()[:2] == [("A001", "1号窗口"), ("A002", "2号窗口")]


def test_calls_made_before_the_board_started_are_shown_not_announced(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, guide, counter
) -> None:
    for _ in range(3):
        guide.issue_ticket("A")
    counter(1).call_next()
    counter(2).call_next()
    board = open_board()
    qtbot.waitUntil(lambda: board.hero()[1] == "A002")
    assert board.recent() == [("A001", "1号窗口")]
    counter(3).call_next()
    qtbot.waitUntil(lambda: len(board.announced) >= 1)
    qtbot.waitUntil(lambda: board.hero()[1] == "A003")
    assert [c.number for c in board.announced] == ["A003"]
    assert board.recent() == [("A002", "2号窗口"), ("A001", "1号窗口")]


def test_the_notice_a_lead_sets_scrolls_along_the_bottom(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, lead
) -> None:
    board = open_board()
    ticker = board.window.ticker
    assert "欢迎光临城东供电营业厅" in ticker.text()  # no notice yet: a welcome
    outage = (
        "因线路检修，3月3日14:00至18:00城东片区部分区域计划停电，请广大用户提前做好准备，"
        "电费可通过网上国网App缴纳。"
    )
    lead.set_notice(outage)
    qtbot.waitUntil(lambda: ticker.text() == outage, timeout=WITHIN_ONE_SECOND_MS)
    assert ticker.isVisible() and ticker.scrolling()
    qtbot.waitUntil(lambda: ticker.offset > ticker.font().pixelSize())  # it moves

    lead.set_notice("")
    qtbot.waitUntil(lambda: "欢迎光临" in ticker.text())


def test_an_outage_surge_is_announced_once_on_the_board(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, lead, guide, counter
) -> None:
    board = open_board()
    notice = "因线路检修，城东片区今日停电，停电咨询请领取T字头号"
    lead.start_outage_surge(notice=notice)
    qtbot.waitUntil(lambda: board.heard.said() == [notice], timeout=WITHIN_ONE_SECOND_MS)
    assert board.window.ticker.text() == notice
    guide.issue_ticket("T")
    counter(1).call_next()
    qtbot.waitUntil(lambda: len(board.heard.said()) == 3)  # the call, said twice
    assert board.heard.said()[0] == notice  # the notice was not said again


def test_window_tiles_say_what_each_window_does(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, guide, counter
) -> None:
    board = open_board()
    guide.issue_ticket("A")
    counter(1).call_next()
    counter(3).pause("午间休息")
    qtbot.waitUntil(lambda: board.tile(3) == ("3号窗口", "暂停服务"))
    assert board.tile(1) == ("1号窗口", "A001")
    assert board.tile(2) == ("2号窗口", "—")  # nobody there


def test_waiting_counts_per_business(qtbot, open_board: OpenBoard, guide) -> None:  # type: ignore[no-untyped-def]
    board = open_board()
    guide.issue_ticket("B")
    guide.issue_ticket("B")
    guide.issue_ticket("J")
    qtbot.waitUntil(lambda: board.waiting().get("B") == "2 人")
    assert board.waiting()["J"] == "1 人"
    assert board.waiting()["A"] == "0 人"
    names = [name.text() for _b, name, _c in board.window.count_rows.values()]
    assert names[:2] == ["电费缴纳/预存电费", "发票/账单打印"]


def test_voice_off_shows_once_on_the_status_line_and_calls_still_chime(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, open_board: OpenBoard, guide, counter
) -> None:
    monkeypatch.setattr(announcer_module.shutil, "which", lambda _name: None)
    heard = Heard()
    board = open_board(announcer=Announcer(player=FakePlayer(heard), pause_ms=5, gap_ms=5))
    status = board.window.status_line
    qtbot.waitUntil(lambda: status.isVisible())
    assert status.text() == VOICE_OFF
    for _ in range(2):
        guide.issue_ticket("A")
    counter(1).call_next()
    counter(2).call_next()
    qtbot.waitUntil(lambda: heard.sounds == [("chime",), ("chime",)], timeout=3000)
    assert board.hero()[1] == "A002"
    assert status.text() == VOICE_OFF  # said once, not once per call


def test_status_line_is_hidden_when_all_is_well(qtbot, open_board: OpenBoard) -> None:  # type: ignore[no-untyped-def]
    board = open_board()
    assert not board.window.status_line.isVisible()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_type_follows_the_screen_and_nothing_is_clipped(  # type: ignore[no-untyped-def]
    qtbot, open_board: OpenBoard, guide, counter, lead, size: tuple[int, int]
) -> None:
    board = open_board(size=size)
    for business in "ABCDK":
        guide.issue_ticket(business)
    counter(1).call_next()
    counter(2).call_next()
    counter(3).pause("午间休息")
    lead.set_notice("今日下午计划停电")
    qtbot.waitUntil(lambda: board.window.ticker.text() == "今日下午计划停电")
    window = board.window
    assert window.size().width() == size[0] and window.size().height() == size[1]
    height = size[1]
    # From across a hall: the called number is about a fifth of the screen high.
    assert window.hero_number.pixel_size >= 0.2 * height
    assert window.hero_window.pixel_size >= 0.07 * height
    assert window.tiles[1].main.pixel_size >= 0.06 * height
    labels = [label for label in window.findChildren(FitLabel) if label.isVisible()]
    assert labels
    clipped = [label.text() for label in labels if not label.fits()]
    assert clipped == []
    # Shrunk to fit only where it must: every business name at full size but the longest.
    shrunk = [
        name.text()
        for _b, name, _c in window.count_rows.values()
        if name.font().pixelSize() < name.pixel_size
    ]
    assert len(shrunk) <= 1
