"""Form checks for identity documents and phone numbers (domain.md section 3).

Each check returns the value normalised for storage or raises InvalidInput whose Chinese message
says why, with its own stable ``code`` per reason. The masks are for screens and receipts.
"""

from __future__ import annotations

import re
from datetime import date

from hall.errors import InvalidInput

# GB 11643: weight of position i (0-based, left to right) is 2**(17 - i) mod 11.
_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_ID_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11
_PROVINCES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    }
)  # fmt: skip
_EARLIEST_BIRTH = date(1900, 1, 1)

# GB 32100: 31 characters, without I O Z S V; weight of position i is 3**i mod 31.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = tuple(3**i % 31 for i in range(17))

# Full-width ASCII forms (what a Chinese IME produces) to their ASCII twins.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = re.compile(r"\s+")

# 010 and 020-029 are the only three-digit area codes; every other one has four digits, which
# makes a number typed without a separator unambiguous.
_FIXED_PHONE = re.compile(
    r"""
    (?P<bracket>\()?(?P<area>0(?:10|2[0-9]|[3-9][0-9]{2}))(?(bracket)\))
    [\s-]*
    (?P<local>[1-9][0-9]{6,7})
    (?:\s*(?:-|转|ext\.?|x|\#)\s*(?P<ext>[0-9]{1,6}))?
    """,
    re.VERBOSE | re.ASCII | re.IGNORECASE,
)


def _normalise(text: object, what: str, code: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"{what}必须是文字", code=code)
    cleaned = _SPACES.sub("", text.translate(_FULL_WIDTH))
    if not cleaned:
        raise InvalidInput(f"请输入{what}", code=code)
    return cleaned


def id_check_digit(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits of an ID number."""
    total = sum(int(char) * weight for char, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def resident_id(text: str, *, today: date | None = None) -> str:
    """Check an 18-character 居民身份证 number and return it normalised.

    Whitespace (also full-width) is removed and a final x upper-cased. Checked, in this order:
    length 18 ("id_length"); 17 digits then a digit or X ("id_format"); the first two digits a
    province code 11-65, 71, 81 or 82 ("id_region"); digits 7-14 a real birth date, not before
    1900 and not after ``today`` (default: the local date) ("id_birth_date"); the GB 11643 check
    digit ("id_check_digit"). Raises InvalidInput with the reason in Chinese.
    """
    number = _normalise(text, "身份证号码", "id_length").upper()
    if len(number) != 18:
        raise InvalidInput(f"身份证号码应为18位，现在是{len(number)}位", code="id_length")
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        raise InvalidInput("身份证号码前17位应为数字，最后一位为数字或X", code="id_format")
    if number[:2] not in _PROVINCES:
        raise InvalidInput(
            f"身份证号码前两位“{number[:2]}”不是有效的省级行政区划代码", code="id_region"
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidInput(
            f"身份证号码中的出生日期“{number[6:14]}”不是有效日期", code="id_birth_date"
        ) from None
    if not _EARLIEST_BIRTH <= birth <= (today or date.today()):
        raise InvalidInput(
            f"身份证号码中的出生日期“{number[6:14]}”不在合理范围内", code="id_birth_date"
        )
    if id_check_digit(number[:17]) != number[17]:
        raise InvalidInput("身份证号码校验位不正确，请核对每一位数字", code="id_check_digit")
    return number


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a 统一社会信用代码."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[-total % 31]


def credit_code(text: str) -> str:
    """Check an 18-character 统一社会信用代码 and return it normalised.

    Whitespace is removed and letters upper-cased. Checked: length 18 ("credit_length"); only
    the 31 characters of GB 32100, digits and capitals without I O Z S V ("credit_format");
    characters 3-8 a six-digit region code ("credit_region"); the GB 32100 check character
    ("credit_check_char"). Raises InvalidInput with the reason in Chinese.
    """
    code = _normalise(text, "统一社会信用代码", "credit_length").upper()
    if len(code) != 18:
        raise InvalidInput(f"统一社会信用代码应为18位，现在是{len(code)}位", code="credit_length")
    bad = sorted({char for char in code if char not in CREDIT_CODE_ALPHABET})
    if bad:
        raise InvalidInput(
            f"统一社会信用代码含有无效字符“{''.join(bad)}”"
            "（只用数字和大写字母，不含 I、O、Z、S、V）",
            code="credit_format",
        )
    if not code[2:8].isdigit():
        raise InvalidInput("统一社会信用代码第3至8位应为行政区划代码（数字）", code="credit_region")
    if credit_check_char(code[:17]) != code[17]:
        raise InvalidInput("统一社会信用代码校验位不正确，请核对每一位", code="credit_check_char")
    return code


def mobile(text: str) -> str:
    """Check a mainland mobile number and return its 11 digits.

    Whitespace and dashes are removed, and a leading +86 or 0086. Checked: digits only
    ("mobile_format"); 11 digits ("mobile_length"); starts with 13-19 ("mobile_prefix").
    Raises InvalidInput with the reason in Chinese.
    """
    number = _normalise(text, "手机号码", "mobile_length").replace("-", "")
    for prefix in ("+86", "0086"):
        if number.startswith(prefix):
            number = number[len(prefix) :]
            break
    if not (number.isascii() and number.isdigit()):
        raise InvalidInput("手机号码只能包含数字", code="mobile_format")
    if len(number) != 11:
        raise InvalidInput(f"手机号码应为11位，现在是{len(number)}位", code="mobile_length")
    if number[0] != "1" or number[1] not in "3456789":
        raise InvalidInput("手机号码应以13至19开头", code="mobile_prefix")
    return number


def fixed_phone(text: str) -> str:
    """Check a mainland fixed-line number with its area code and return it as "0755-12345678".

    Accepted: the area code (0 and two or three digits; 010 and 02x are the three-digit ones),
    optionally in brackets, then a 7- or 8-digit local number, separated by a dash, a space or
    nothing; an optional extension after "-", "转", "ext" or "#". The result is
    "area-local" or "area-local-extension". Raises InvalidInput (code "phone_format") otherwise.
    """
    if not isinstance(text, str):
        raise InvalidInput("固定电话必须是文字", code="phone_format")
    cleaned = text.translate(_FULL_WIDTH).strip()
    match = _FIXED_PHONE.fullmatch(cleaned)
    if match is None:
        raise InvalidInput(
            "固定电话应为区号加7至8位号码，如 010-12345678、0571-8888888，分机号用“-”隔开",
            code="phone_format",
        )
    parts = [match["area"], match["local"]]
    if match["ext"]:
        parts.append(match["ext"])
    return "-".join(parts)


def mask_id(text: str) -> str:
    """An identity document number for screens and receipts.

    Numbers of 11 characters or more keep the first 6 and the last 4: "110101********1234";
    shorter ones (passports, permits) keep only the last 4. Whitespace is removed first. Does
    not validate: a stored number is shown masked whatever it is.
    """
    number = _SPACES.sub("", text)
    if len(number) > 10:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    return "*" * max(0, len(number) - 4) + number[-4:]


def mask_phone(text: str) -> str:
    """A phone number for screens and receipts.

    A mobile keeps the first 3 and the last 4 digits: "138****5678". A fixed-line number keeps
    the area code, the last 4 digits and any extension: "010-****5678". Anything else keeps only
    its last 4 characters. Does not raise for an invalid number.
    """
    try:
        number = mobile(text)
    except InvalidInput:
        pass
    else:
        return number[:3] + "****" + number[-4:]
    try:
        area, local, *extension = fixed_phone(text).split("-")
    except InvalidInput:
        rest = _SPACES.sub("", text)
        return "*" * max(0, len(rest) - 4) + rest[-4:]
    return "-".join([area, "*" * (len(local) - 4) + local[-4:], *extension])
