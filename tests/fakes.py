"""Fake devices for GUI tests: what the hall heard, and a ticket printer whose paper is a list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer

from ui.announcer import CHIME_FILE, SpeechResult
from ui.printing import SlipPrinter
from ui.slip import SlipData


@dataclass
class Heard:
    """Everything the hall heard, in order: ("chime",) or ("say", sentence)."""

    sounds: list[tuple[str, ...]] = field(default_factory=list)

    def said(self) -> list[str]:
        return [s[1] for s in self.sounds if s[0] == "say"]


class FakePlayer:
    """Plays instantly (on the next turn of the event loop), or fails when ``ok`` is False."""

    def __init__(self, heard: Heard, *, ok: bool = True) -> None:
        self.heard = heard
        self.ok = ok
        self.played: list[Path] = []
        self._holder = QObject()

    def play(self, path: Path, done: Callable[[bool], None]) -> None:
        self.played.append(path)
        if path == CHIME_FILE:
            self.heard.sounds.append(("chime",))
        ok = self.ok
        QTimer.singleShot(0, self._holder, lambda: done(ok))

    def stop(self) -> None:
        pass


class FakeEngine:
    """Records what it is asked to say; finishes when told (or at once with ``auto``)."""

    name = "fake"

    def __init__(self, heard: Heard, *, auto: bool = False) -> None:
        self.heard = heard
        self.auto = auto
        self.prepared: list[str] = []
        self.stops = 0
        self._done: Callable[[SpeechResult], None] | None = None
        self._holder = QObject()

    @property
    def speaking(self) -> bool:
        return self._done is not None

    def prepare(self, text: str) -> None:
        self.prepared.append(text)

    def speak(self, text: str, done: Callable[[SpeechResult], None]) -> None:
        assert self._done is None, "asked to speak while still speaking"
        self.heard.sounds.append(("say", text))
        self._done = done
        if self.auto:
            QTimer.singleShot(0, self._holder, self._finish_if_speaking)

    def finish(self, result: SpeechResult = SpeechResult.SPOKEN) -> None:
        done, self._done = self._done, None
        assert done is not None, "not speaking"
        done(result)

    def _finish_if_speaking(self) -> None:
        if self.speaking:  # not stopped meanwhile
            self.finish()

    def stop(self) -> None:
        self.stops += 1
        self._done = None


class FakeSlipPrinter(SlipPrinter):
    """Saves the PDF copies for real; the paper is a list. Set ``failure`` to make printing fail."""

    def __init__(self, settings: QSettings, folder: Path) -> None:
        super().__init__(settings, slip_folder=folder)
        self.printed: list[SlipData] = []
        self.failure: str | None = None

    def print_on_paper(self, slip: SlipData) -> tuple[str | None, str | None]:
        if self.failure is not None:
            return "XP-80C", self.failure
        self.printed.append(slip)
        return "XP-80C", None
