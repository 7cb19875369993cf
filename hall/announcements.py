"""What the hall says when it calls a number: the sentence on the board and the sentence spoken.

Numbers are written out before any speech engine sees them, so that every engine (recorded
clips, Windows voices, espeak-ng) says the same words (shared/domain.md section 6):

- a ticket number is read character by character, digits as 零一二…九 ("幺" is not used) and
  letters as letters: A001 → A零零一;
- a window number is read as a number: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_SPOKEN_DIGIT = {str(d): DIGITS[d] for d in range(10)}


def spoken_number(number: str) -> str:
    """A ticket number as it is spoken: "A001" → "A零零一", digits one by one.

    ASCII letters are kept (upper-cased, so that engines read them as letter names); other
    characters are kept as they are.
    """
    return "".join(_SPOKEN_DIGIT.get(ch, ch.upper() if ch.isascii() else ch) for ch in number)


def spoken_window(window: int) -> str:
    """A window number as it is spoken: 3 → "三", 10 → "十", 12 → "十二", 20 → "二十", 105 →
    "一百零五". Numbers of 10 000 and more are read digit by digit."""
    if window < 0:
        raise ValueError(f"a window number is not negative: {window}")
    if window >= 10_000:
        return "".join(_SPOKEN_DIGIT[ch] for ch in str(window))
    if window < 10:
        return DIGITS[window]
    if window < 20:  # 十, 十一 … 十九: no leading 一
        return "十" + (DIGITS[window - 10] if window > 10 else "")
    words = []
    rest = window
    zero_pending = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                words.append("零")
                zero_pending = False
            words.append(DIGITS[digit] + unit)
        elif words:
            zero_pending = True
    if rest:
        if zero_pending:
            words.append("零")
        words.append(DIGITS[rest])
    return "".join(words)


def call_sentence(number: str, window: int) -> str:
    """What is spoken for a call: "请A零零一号到三号窗口办理业务"."""
    return f"请{spoken_number(number)}号到{spoken_window(window)}号窗口办理业务"


def display_sentence(number: str, window: int) -> str:
    """The same call as written: "请A001号到3号窗口办理业务"."""
    return f"请{number}号到{window}号窗口办理业务"
