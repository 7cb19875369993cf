"""Form checks: 居民身份证, 统一社会信用代码, phone numbers, and their masks (domain.md section 3).

No real person's number is used: valid ID numbers are built here with a fictitious county code
(the last two digits of the region 99, which no county has) and a check digit computed by an
implementation independent of the one under test.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hall.errors import InvalidInput
from hall.validation import (
    credit_code,
    fixed_phone,
    mask_id,
    mask_phone,
    mobile,
    resident_id,
)

TODAY = date(2026, 5, 20)

# --- 居民身份证 ----------------------------------------------------------------------------------

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]  # GB 11643 table
ID_CHECK = "10X98765432"
PROVINCES = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
]  # fmt: skip


def make_id(province: str = "11", birth: str = "19900307", sequence: str = "123") -> str:
    first17 = f"{province}0199{birth}{sequence}"
    total = sum(int(char) * weight for char, weight in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + ID_CHECK[total % 11]


def id_code(text: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        resident_id(text, today=TODAY)
    assert caught.value.message
    return caught.value.code


def test_standard_examples_of_gb_11643() -> None:
    # The two examples printed in GB 11643 itself; the second was born in 1880.
    assert resident_id("11010519491231002x", today=TODAY) == "11010519491231002X"
    assert id_code("440524188001010014") == "id_birth_date"


@pytest.mark.parametrize(
    "number",
    [make_id(), make_id("65", "20000229", "001"), make_id("82", "19000101", "999"), make_id("71")],
)
def test_valid_ids(number: str) -> None:
    assert resident_id(number, today=TODAY) == number


def test_id_normalised() -> None:
    number = make_id(sequence="005")
    assert number.endswith("X")
    spaced = f" {number[:6]} {number[6:14]} {number[14:17]}{number[17].lower()}\t"
    assert resident_id(spaced, today=TODAY) == number
    full_width = number.translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})
    assert resident_id(full_width, today=TODAY) == number


def test_id_born_today_is_valid_tomorrow_is_not() -> None:
    born_today = make_id(birth=TODAY.strftime("%Y%m%d"))
    assert resident_id(born_today, today=TODAY) == born_today
    tomorrow = make_id(birth=(TODAY + timedelta(days=1)).strftime("%Y%m%d"))
    assert id_code(tomorrow) == "id_birth_date"


def test_id_uses_the_real_date_by_default() -> None:
    assert resident_id(make_id()) == make_id()
    with pytest.raises(InvalidInput):
        resident_id(make_id(birth=f"{date.today().year + 1}0101"))


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("", "id_length"),
        (make_id()[:17], "id_length"),
        (make_id() + "1", "id_length"),
        ("11010519491231002", "id_length"),
        ("1101051949123100X2", "id_format"),
        ("11010519491231002Y", "id_format"),
        ("11O10519491231002X", "id_format"),
        ("１１０１０５１９４９１２３１００２Ｙ", "id_format"),
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "id_format"),  # Arabic-Indic digits are digits to str.isdigit
        (make_id("00"), "id_region"),
        (make_id("10"), "id_region"),
        (make_id("16"), "id_region"),
        (make_id("66"), "id_region"),
        (make_id("70"), "id_region"),
        (make_id("83"), "id_region"),
        (make_id("99"), "id_region"),
        (make_id(birth="19900230"), "id_birth_date"),
        (make_id(birth="19901301"), "id_birth_date"),
        (make_id(birth="19900000"), "id_birth_date"),
        (make_id(birth="19000229"), "id_birth_date"),  # 1900 was not a leap year
        (make_id(birth="18991231"), "id_birth_date"),
        (make_id(birth="20991231"), "id_birth_date"),
        ("11010519491231002Y".replace("Y", "1"), "id_check_digit"),
        ("110105194912310020", "id_check_digit"),
    ],
)
def test_invalid_ids_say_why(number: str, code: str) -> None:
    assert id_code(number) == code


def test_id_check_digit_message() -> None:
    with pytest.raises(InvalidInput, match="身份证号码校验位不正确"):
        resident_id("110105194912310020", today=TODAY)


@pytest.mark.parametrize("bad", [None, 110105194912310020])
def test_id_not_text(bad: object) -> None:
    with pytest.raises(InvalidInput):
        resident_id(bad, today=TODAY)  # type: ignore[arg-type]


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
generated_ids = st.builds(
    lambda province, birth, sequence: make_id(province, birth.strftime("%Y%m%d"), sequence),
    st.sampled_from(PROVINCES),
    birth_dates,
    st.from_regex(r"\A[0-9]{3}\Z"),
)


@given(generated_ids)
def test_generated_ids_pass(number: str) -> None:
    assert resident_id(number, today=TODAY) == number
    assert resident_id(number.lower(), today=TODAY) == number


@given(generated_ids, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_wrong_character_is_caught(number: str, position: int, char: str) -> None:
    assume(number[position] != char)
    wrong = number[:position] + char + number[position + 1 :]
    with pytest.raises(InvalidInput):
        resident_id(wrong, today=TODAY)


@given(generated_ids, st.integers(0, 15))
def test_any_swap_of_neighbours_is_caught(number: str, position: int) -> None:
    assume(number[position] != number[position + 1])
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    with pytest.raises(InvalidInput):
        resident_id(swapped, today=TODAY)


# --- 统一社会信用代码 ----------------------------------------------------------------------------

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, Z, S, V
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def make_credit_code(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + ALPHABET[(31 - total % 31) % 31]


def credit_error(text: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        credit_code(text)
    assert caught.value.message
    return caught.value.code


def test_published_credit_code_example() -> None:
    assert credit_code("91350100M000100Y43") == "91350100M000100Y43"
    assert make_credit_code("91350100M000100Y4") == "91350100M000100Y43"


def test_credit_code_normalised() -> None:
    assert credit_code(" 91350100 m000100y43 ") == "91350100M000100Y43"
    assert credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "first17",
    ["91110108MA0000000", "12100000400000000", "52440300MJL000000", "Y1110000000000000"],
)
def test_generated_credit_codes(first17: str) -> None:
    code = make_credit_code(first17)
    assert credit_code(code) == code


def test_check_character_zero() -> None:
    # The check value 31 wraps to "0": find a body that needs it and accept it.
    body = next(
        f"9111010{n:010d}" for n in range(1000) if make_credit_code(f"9111010{n:010d}")[-1] == "0"
    )
    assert credit_code(body + "0") == body + "0"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "credit_length"),
        ("91350100M000100Y4", "credit_length"),
        ("91350100M000100Y431", "credit_length"),
        ("91350100M000100Y42", "credit_check_char"),
        ("91350100M000100Y34", "credit_check_char"),
        ("91350100I000100Y43", "credit_format"),
        ("91350100O000100Y43", "credit_format"),
        ("91350100Z000100Y43", "credit_format"),
        ("91350100S000100Y43", "credit_format"),
        ("91350100V000100Y43", "credit_format"),
        ("91350100-000100Y43", "credit_format"),
        ("913501A0M000100Y43", "credit_region"),
    ],
)
def test_invalid_credit_codes_say_why(text: str, code: str) -> None:
    assert credit_error(text) == code


def test_credit_code_messages() -> None:
    with pytest.raises(InvalidInput, match="校验位不正确"):
        credit_code("91350100M000100Y42")
    with pytest.raises(InvalidInput, match="I、O、Z、S、V"):
        credit_code("91350100O000100Y43")


generated_credit_codes = st.builds(
    lambda head, region, body: make_credit_code(head + region + body),
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9),
)


@given(generated_credit_codes)
def test_generated_credit_codes_pass(code: str) -> None:
    assert credit_code(code) == code


@given(generated_credit_codes, st.integers(0, 17), st.sampled_from(ALPHABET))
def test_any_single_wrong_credit_character_is_caught(code: str, position: int, char: str) -> None:
    assume(code[position] != char)
    with pytest.raises(InvalidInput):
        credit_code(code[:position] + char + code[position + 1 :])


# --- phones --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-13812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
    ],
)
def test_mobile_accepts(text: str, number: str) -> None:
    assert mobile(text) == number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "mobile_length"),
        ("1381234567", "mobile_length"),
        ("138123456789", "mobile_length"),
        ("+8613812345", "mobile_length"),
        ("12812345678", "mobile_prefix"),
        ("10012345678", "mobile_prefix"),
        ("23812345678", "mobile_prefix"),
        ("1381234567a", "mobile_format"),
        ("138.1234.5678", "mobile_format"),
        ("+1 13812345678", "mobile_format"),
        ("١٣٨١٢٣٤٥٦٧٨", "mobile_format"),
    ],
)
def test_mobile_rejects(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        mobile(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("010-12345678", "010-12345678"),
        ("0571-8888888", "0571-8888888"),
        ("0755 12345678-123", "0755-12345678-123"),
        ("(010)12345678", "010-12345678"),
        ("（０１０）１２３４５６７８", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("057188888888", "0571-88888888"),
        ("020-87654321转8001", "020-87654321-8001"),
        ("0755-12345678 ext 12", "0755-12345678-12"),
        (" 0591-87654321 ", "0591-87654321"),
    ],
)
def test_fixed_phone_accepts(text: str, number: str) -> None:
    assert fixed_phone(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345678",  # no area code
        "10-12345678",  # area code without its 0
        "010-123456",  # local number too short
        "010-123456789",  # too long
        "010-02345678",  # a local number never starts with 0
        "0755-12345678-",
        "0755-12345678-1234567",
        "13812345678",  # a mobile
        "010-1234abcd",
        "(010-12345678",
    ],
)
def test_fixed_phone_rejects(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        fixed_phone(text)
    assert caught.value.code == "phone_format"


# --- masks ---------------------------------------------------------------------------------------


def test_mask_id() -> None:
    assert mask_id("110101199003071234") == "110101********1234"
    assert mask_id("110101 19900307 1234") == "110101********1234"
    assert mask_id("110101900307123") == "110101*****7123"  # old 15-digit card
    assert mask_id("E12345678") == "*****5678"  # a passport keeps only its last 4
    assert mask_id("1234") == "1234"
    assert mask_id("") == ""


@given(generated_ids)
def test_mask_id_hides_the_birth_date(number: str) -> None:
    masked = mask_id(number)
    assert len(masked) == 18
    assert masked[:6] == number[:6] and masked[-4:] == number[-4:]
    assert masked[6:14] == "********"


def test_mask_phone() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("0571-8888888") == "0571-***8888"
    assert mask_phone("0755 12345678-123") == "0755-****5678-123"
    assert mask_phone("5551234") == "***1234"  # not a valid number: still masked, no error
    assert mask_phone("") == ""
