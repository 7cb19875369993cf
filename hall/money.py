"""Money amounts as the hall writes, prints, reads aloud and accepts them.

All amounts are integer fen (分). No float is used anywhere: text is read with ``str``/``int``
arithmetic only, so "0.1 + 0.2" style rounding can never reach a receipt.
"""

from __future__ import annotations

import re

from hall.errors import InvalidInput

MAX_PARSED_FEN = 1_000_000_000
"""The largest amount ``parse_yuan`` accepts: 10,000,000 yuan. Anything above is a typing slip."""

MAX_CAPITALS_FEN = 10**14
"""``to_capitals`` handles amounts below this: up to 仟亿 (below 1 万亿 yuan)."""

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_SECTION_UNITS = ("元", "万", "亿")

# Full-width ASCII forms (what a Chinese IME produces) to their ASCII twins, and the ideographic
# space to a space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_AMOUNT = re.compile(
    r"""
    (?P<int>[1-9][0-9]{0,2}(?:,[0-9]{3})+ | [0-9]*)   # 1,236 or 1236 (or nothing before ".5")
    (?:\.(?P<frac>[0-9]*))?
    """,
    re.VERBOSE | re.ASCII,
)


def _check_fen(fen: object, *, limit: int | None = None) -> int:
    # bool is an int subclass, but True yuan is always a programming slip, never an amount.
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidInput(f"金额必须是整数分，不能是 {type(fen).__name__}", code="invalid_amount")
    if fen < 0:
        raise InvalidInput("金额不能为负数", code="invalid_amount")
    if limit is not None and fen >= limit:
        raise InvalidInput("金额过大，超出大写金额可写的范围（万亿元以下）", code="invalid_amount")
    return fen


def to_capitals(fen: int) -> str:
    """Write ``fen`` in Chinese capitals with the 人民币 prefix (PBOC rules, domain.md section 5).

    Style for the cases where the PBOC rule leaves 零 optional: 零 is always written. Every run
    of zeros that stands between two non-zero digits is written as one 零, also when the run ends
    at the 万, 亿 or 元 digit: ￥1680.32 → 人民币壹仟陆佰捌拾元零叁角贰分, ￥107000.53 →
    人民币壹拾万零柒仟元零伍角叁分, ￥10.50 → 人民币壹拾元零伍角整. 零 before a non-zero 分 after a
    zero 角 is required anyway (￥325.04 → 人民币叁佰贰拾伍元零肆分).
    Other choices: a leading ten keeps its 壹 (壹拾元整); an amount ending at 元 or 角 ends with 整,
    one ending at 分 does not; zero is 人民币零元整; an amount below one yuan has no 元 part and
    no leading 零 (人民币伍角整, 人民币伍分).

    Raises InvalidInput (code "invalid_amount") for a negative amount, a non-int (bool, float)
    or an amount of 1 万亿 yuan or more.
    """
    fen = _check_fen(fen, limit=MAX_CAPITALS_FEN)
    if fen == 0:
        return "人民币零元整"
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)

    words: list[str] = []
    # A run of zeros after something written: it becomes one 零 if a non-zero digit follows.
    zero_pending = False

    def digit(value: int, unit: str) -> None:
        nonlocal zero_pending
        if value == 0:
            zero_pending = bool(words)
            return
        if zero_pending:
            words.append("零")
            zero_pending = False
        words.append(_DIGITS[value] + unit)

    figures = str(yuan) if yuan else ""
    for index, char in enumerate(figures):
        place = len(figures) - 1 - index  # 0 = the 元 digit
        digit(int(char), _SMALL_UNITS[place % 4])
        if place % 4 == 0:
            section = figures[max(0, index - 3) : index + 1]
            # 元 closes any amount of a yuan or more; 万/亿 only a section that has a digit.
            if place == 0 or int(section):
                words.append(_SECTION_UNITS[place // 4])
    digit(jiao, "角")
    digit(cents, "分")
    if cents == 0:
        words.append("整")
    return "人民币" + "".join(words)


def format_yuan(fen: int) -> str:
    """Figures for screens and receipts: 140950 → "￥1,409.50".

    A negative amount (a reversal, a net total) is written "-￥1,409.50". Raises InvalidInput
    for a non-int.
    """
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidInput(f"金额必须是整数分，不能是 {type(fen).__name__}", code="invalid_amount")
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    return f"{sign}￥{yuan:,}.{rest:02d}"


def spoken_yuan(fen: int) -> str:
    """The amount as the clerk says it aloud in 唱收唱付, in Arabic figures for any speech engine.

    Units that are zero at the end are not said: 23640 → "236元4角", 30000 → "300元",
    6360 → "63元6角". A zero 角 before a non-zero 分 is said as 零, as people say it:
    1205 → "12元零5分". Below one yuan only 角/分 are said: 50 → "5角", 5 → "5分"; 0 → "0元".
    Raises InvalidInput for a negative amount or a non-int.
    """
    fen = _check_fen(fen)
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    parts: list[str] = []
    if yuan or fen == 0:
        parts.append(f"{yuan}元")
    if jiao:
        parts.append(f"{jiao}角")
    if cents:
        if yuan and not jiao:
            parts.append("零")
        parts.append(f"{cents}分")
    return "".join(parts)


def parse_yuan(text: str) -> int:
    """Read an amount in yuan as a clerk types it and return it in fen.

    Accepted: "236.4", "236.40", ".5", "236.", "￥1,236.40", "¥ 300", "300元", full-width
    characters ("３００", "１，２３６．４"). Surrounding spaces are trimmed, and spaces may stand
    between the ￥/¥ sign or 元 and the figures. Thousands separators only in groups of three.
    Zero is accepted (the caller decides whether zero makes sense).

    Raises InvalidInput (code "invalid_amount"), with the reason in Chinese, for empty text, a
    negative amount, more than two decimals, anything that is not a plain decimal number ("1e3",
    "nan", "inf") and amounts above ``MAX_PARSED_FEN`` (10,000,000 yuan).
    """
    if not isinstance(text, str):
        raise InvalidInput("金额必须是文字", code="invalid_amount")
    cleaned = text.translate(_FULL_WIDTH).strip()
    if not cleaned:
        raise InvalidInput("请输入金额", code="invalid_amount")
    if cleaned[0] in "￥¥":
        cleaned = cleaned[1:].lstrip()
    if cleaned.endswith("元"):
        cleaned = cleaned[:-1].rstrip()
    if cleaned[:1] in ("-", "\u2212"):
        raise InvalidInput("金额不能为负数", code="invalid_amount")

    match = _AMOUNT.fullmatch(cleaned)
    if match is None or not (match["int"] or match["frac"]):
        shown = text.strip()
        if len(shown) > 20:
            shown = shown[:20] + "…"
        raise InvalidInput(
            f"“{shown}”不是有效的金额，请输入如 236.40 的数字", code="invalid_amount"
        )
    whole = match["int"].replace(",", "").lstrip("0")
    fraction = match["frac"] or ""
    if len(fraction) > 2:
        raise InvalidInput("金额最多两位小数（精确到分）", code="invalid_amount")
    # Compare lengths first so that a pasted run of thousands of digits never reaches int().
    if len(whole) > len(str(MAX_PARSED_FEN // 100)):
        raise _too_large()
    fen = int(whole or "0") * 100 + int(fraction.ljust(2, "0"))
    if fen > MAX_PARSED_FEN:
        raise _too_large()
    return fen


def _too_large() -> InvalidInput:
    return InvalidInput(
        f"金额过大：最多 {format_yuan(MAX_PARSED_FEN)}，请检查输入", code="invalid_amount"
    )
