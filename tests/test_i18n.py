"""The English translation: complete, in step with the code, compiled, and shown when chosen."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path
from types import ModuleType

import pytest
from conftest import PASSWORD
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QRadioButton

from hall.facade import Hall

from ui.i18n import install_translations
from ui.lead_console import LeadConsoleWindow
from ui.session import HallSession
from ui.signin import SignInDialog
from ui.slip import SlipData, slip_lines
from ui.ticket_desk import closed_reason, wait_text

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS = I18N / "hall_desk_en.ts"
QM = I18N / "hall_desk_en.qm"
PLACEHOLDER = re.compile(r"\{\w*\}|%n|%L?\d")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

MessageKey = tuple[str, str, str]  # context, source, disambiguation comment ("" if none)


def load_update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_update", I18N / "update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[MessageKey, ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            key = (
                context.findtext("name") or "",
                message.findtext("source") or "",
                message.findtext("comment") or "",
            )
            found[key] = message
    return found


def translations(message: ET.Element) -> list[str]:
    """The English text, or each plural form of it."""
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def describe(key: MessageKey) -> str:
    context, source, comment = key
    return f"{context}: {source!r}" + (f" ({comment})" if comment else "")


# -- the files ---------------------------------------------------------------------------------


def test_every_message_has_an_english_translation_with_the_same_placeholders() -> None:
    found = messages(TS)
    assert len(found) > 300
    problems = []
    for key, message in found.items():
        state = message.find("translation").get("type")  # type: ignore[union-attr]
        texts = translations(message)
        source = key[1]
        if state is not None:
            problems.append(f"{describe(key)} is {state}")
        elif message.get("numerus") == "yes" and len(texts) != 2:
            problems.append(f"{describe(key)} needs English's two plural forms, has {len(texts)}")
        for text in texts:
            if not text.strip():
                problems.append(f"{describe(key)} has an empty translation")
            elif placeholders(text) != placeholders(source):
                problems.append(f"{describe(key)} → {text!r}: placeholders differ")
            elif CJK.search(text):
                problems.append(f"{describe(key)} → {text!r} is still Chinese")
    assert not problems, "\n".join(problems)


def test_the_translation_is_in_step_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "hall_desk_en.ts"
    load_update_script().update_ts(fresh, language="en")
    in_code = messages(fresh)
    committed = messages(TS)
    assert len(in_code) > 300  # lupdate found the sources
    missing = [describe(key) for key in in_code if key not in committed]
    assert not missing, (
        "UI strings without an English translation (run resources/i18n/update.py, then "
        "translate them in resources/i18n/hall_desk_en.ts):\n" + "\n".join(missing)
    )
    stale = [describe(key) for key in committed if key not in in_code]
    assert not stale, "no longer in the code (run resources/i18n/update.py):\n" + "\n".join(stale)
    plural = [
        describe(key)
        for key, message in in_code.items()
        if message.get("numerus") != committed[key].get("numerus")
    ]
    assert not plural, "plural (%n) or not, unlike the code:\n" + "\n".join(plural)


def test_strings_behind_translate_helpers_are_found() -> None:
    """main.py's `_tr("…")` calls: lupdate cannot see them, update.py hands them over."""
    update = load_update_script()
    hidden = update.hidden_calls(ROOT / "main.py")
    assert "QCoreApplication.translate('main', '无法打开数据库')" in hidden
    assert ("main", "无法打开数据库", "") in messages(TS)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    compiled = load_update_script().release(TS, tmp_path / "hall_desk_en.qm")
    assert compiled.read_bytes() == QM.read_bytes(), "run resources/i18n/update.py"


# -- what the user sees --------------------------------------------------------------------------


@pytest.fixture
def use_language(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """use_language("en") installs a language as the app does, replacing the one before; all
    removed again at the end, so that other tests see Chinese."""
    installed: list[QTranslator] = []
    previous_locale = QLocale()

    def use(language: str) -> None:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        installed[:] = install_translations(qapp, language)

    yield use
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous_locale)


@pytest.fixture
def session(qtbot, hall: Hall, tmp_path: Path) -> Iterator[HallSession]:  # type: ignore[no-untyped-def]
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    session = HallSession(hall)
    qtbot.waitUntil(lambda: session.latest is not None)
    yield session
    session.close()


def sign_in_texts(qtbot, session: HallSession) -> tuple[str, list[str], str]:  # type: ignore[no-untyped-def]
    """A new sign-in dialog's title, workstation buttons and sign-in button."""
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    stations = [b.text() for b in dialog.findChildren(QPushButton) if b.property("station")]
    ok = dialog.buttons.buttons()[0].text()
    dialog.close()
    return dialog.windowTitle(), stations, ok


def test_english_is_shown_when_chosen_and_chinese_again_after(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, use_language
) -> None:
    use_language("en")
    title, stations, _ok = sign_in_texts(qtbot, session)
    assert title == "Sign in · Choose a workstation"
    assert stations == ["Ticket desk", "Counter", "Hall display", "Rating pad", "Shift lead"]
    assert QLocale().name() == "en_US"

    use_language("zh_CN")
    title, stations, _ok = sign_in_texts(qtbot, session)
    assert title == "签到 · 选择工作站"
    assert stations == ["取号台", "窗口柜台", "大厅显示屏", "评价器", "值班长控制台"]


def test_counts_on_the_lead_console_are_english_too(  # type: ignore[no-untyped-def]
    qtbot, session: HallSession, hall: Hall, use_language
) -> None:
    """The console is a live queue window underneath: its plural texts are translated as well."""
    guide = hall.sign_in("1001", PASSWORD)
    for _ in range(3):
        guide.issue_ticket("A")
    use_language("en")
    console = LeadConsoleWindow(session, hall.sign_in("9001", PASSWORD))
    qtbot.addWidget(console)

    def labels() -> set[str]:
        return {label.text() for label in console.findChildren(QLabel)}

    qtbot.waitUntil(lambda: "3 waiting" in labels())
    assert "Queue (3)" in labels()
    console.close()


def test_texts_made_outside_widgets_are_english_too(use_language) -> None:  # type: ignore[no-untyped-def]
    """The slip and the ticket desk's button details are translated by module functions."""
    use_language("en")
    slip = SlipData(
        hall_name="城东供电营业厅",
        number="A001",
        business_name="电费缴纳",
        waiting_ahead=1,
        issued_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        day=datetime(2026, 3, 2).date(),
        priority=True,
    )
    lines = slip_lines(slip)
    assert (lines["ahead"], lines["priority"]) == ("People ahead of you: 1", "Priority lane")
    assert slip_lines(replace(slip, waiting_ahead=4))["ahead"] == "People ahead of you: 4"
    assert wait_text(0, 0) == "No wait"
    assert wait_text(3, 600) == "About 10 min wait"


def test_a_closed_business_says_why_in_english(hall: Hall, use_language) -> None:  # type: ignore[no-untyped-def]
    use_language("en")
    business = next(b for b in hall.snapshot().businesses if b.active)
    early = datetime.combine(datetime(2026, 3, 2).date(), time(7, 0))
    assert closed_reason(business, early) == "Tickets from {time}".format(
        time=business.opens_at.strftime("%H:%M")
    )


def test_reasons_chosen_on_an_english_screen_are_recorded_in_chinese(qtbot, use_language) -> None:  # type: ignore[no-untyped-def]
    from ui.counter import PauseDialog

    use_language("en")
    dialog = PauseDialog()
    qtbot.addWidget(dialog)
    shown = [b.text() for b in dialog.findChildren(QRadioButton)]
    assert "Lunch break" in shown
    assert dialog.reason() == "午休"  # the first preset, as the lead's reports will read it
