"""Amounts in capitals, figures, speech, and as typed by a clerk (domain.md section 5)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hall.errors import InvalidInput
from hall.money import (
    MAX_CAPITALS_FEN,
    MAX_PARSED_FEN,
    format_yuan,
    parse_yuan,
    spoken_yuan,
    to_capitals,
)

# --- to_capitals -------------------------------------------------------------------------------

# Every example of domain.md section 5 and the PBOC text it quotes. For the two optional-零
# examples the hall writes 零 (its chosen style); the PBOC alternatives are checked to be absent.
SECTION_5_EXAMPLES = [
    (1000, "人民币壹拾元整"),  # ￥10.00: a leading ten keeps its 壹
    (10_000_000, "人民币壹拾万元整"),  # ￥100000
    (0, "人民币零元整"),
    (10_000, "人民币壹佰元整"),  # ending at 元: 整
    (50, "人民币伍角整"),  # ending at 角: 整 (Ministry of Finance rule)
    (140_950, "人民币壹仟肆佰零玖元伍角整"),  # ￥1409.50
    (600_714, "人民币陆仟零柒元壹角肆分"),  # ￥6007.14: ending at 分, no 整
    (168_032, "人民币壹仟陆佰捌拾元零叁角贰分"),  # ￥1680.32, optional 零 written
    (10_700_053, "人民币壹拾万零柒仟元零伍角叁分"),  # ￥107000.53, both optional 零 written
    (1_640_902, "人民币壹万陆仟肆佰零玖元零贰分"),  # ￥16409.02: 零 required
    (32_504, "人民币叁佰贰拾伍元零肆分"),  # ￥325.04: 零 required
]


@pytest.mark.parametrize(("fen", "words"), SECTION_5_EXAMPLES)
def test_to_capitals_official_examples(fen: int, words: str) -> None:
    assert to_capitals(fen) == words


@pytest.mark.parametrize(
    "other_style",
    [
        "人民币壹仟陆佰捌拾元叁角贰分",
        "人民币壹拾万柒仟元零伍角叁分",
        "人民币壹拾万零柒仟元伍角叁分",
    ],
)
def test_to_capitals_keeps_one_style_for_optional_zero(other_style: str) -> None:
    assert other_style not in {to_capitals(168_032), to_capitals(10_700_053)}


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (5, "人民币伍分"),
        (55, "人民币伍角伍分"),
        (100, "人民币壹元整"),
        (1050, "人民币壹拾元零伍角整"),
        (1005, "人民币壹拾元零伍分"),
        (23_640, "人民币贰佰叁拾陆元肆角整"),
        (100_000_000_00, "人民币壹亿元整"),
        (100_000_001_00, "人民币壹亿零壹元整"),
        (100_050_000_00, "人民币壹亿零伍万元整"),
        (120_000_005_00, "人民币壹亿贰仟万零伍元整"),
        (1_000_500_00, "人民币壹佰万零伍佰元整"),
        (20_000_000_50, "人民币贰仟万元零伍角整"),
        (10_101_010_101, "人民币壹亿零壹佰零壹万零壹佰零壹元零壹分"),
        (MAX_CAPITALS_FEN - 1, "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_to_capitals_more_cases(fen: int, words: str) -> None:
    assert to_capitals(fen) == words


@pytest.mark.parametrize("bad", [-1, -100, MAX_CAPITALS_FEN, True, False, 1.0, 100.5, "100", None])
def test_to_capitals_rejects(bad: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        to_capitals(bad)  # type: ignore[arg-type]
    assert caught.value.code == "invalid_amount"


_VALUES = dict(zip("壹贰叁肆伍陆柒捌玖", range(1, 10), strict=True))
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}


def read_capitals(words: str) -> int:
    """An independent reader of capitals, back to fen; asserts on anything it does not expect."""
    assert words.startswith("人民币")
    body = words.removeprefix("人民币").removesuffix("整")
    total = section = digit = jiao = fen = 0
    for char in body:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char == "零":
            digit = 0
        elif char in _SMALL:
            assert digit, f"unit {char} without a digit in {words}"
            section += digit * _SMALL[char]
            digit = 0
        elif char == "亿":
            total += (section + digit) * 10**8
            section = digit = 0
        elif char == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif char == "元":
            total += section + digit
            section = digit = 0
        elif char == "角":
            jiao, digit = digit, 0
        elif char == "分":
            fen, digit = digit, 0
        else:
            raise AssertionError(f"unexpected {char!r} in {words}")
    assert section == digit == 0, f"dangling digits in {words}"
    return total * 100 + jiao * 10 + fen


# Amounts with many zeros exercise the 零 rules far more than uniform integers do.
sparse_fen = st.lists(
    st.sampled_from("00000123456789"), min_size=1, max_size=len(str(MAX_CAPITALS_FEN - 1))
).map(lambda digits: int("".join(digits)))
any_fen = st.one_of(st.integers(0, MAX_CAPITALS_FEN - 1), sparse_fen)


@given(any_fen)
@example(0)
@example(MAX_CAPITALS_FEN - 1)
def test_to_capitals_reads_back(fen: int) -> None:
    assert read_capitals(to_capitals(fen)) == fen


@given(any_fen)
def test_to_capitals_form(fen: int) -> None:
    words = to_capitals(fen)
    body = words.removeprefix("人民币")
    assert words.startswith("人民币")
    assert set(body) <= set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
    for forbidden in "一二三四五六七八九十百千毛另0123456789":
        assert forbidden not in words
    assert words.endswith("整") == (fen % 10 == 0)
    assert "零零" not in words
    assert ("元" in body) == (fen >= 100 or fen == 0)
    if fen == 0:
        assert words == "人民币零元整"
    else:
        assert not body.startswith("零")
        # 零 stands only before a digit, never before a unit (no 零元, 零万, 零亿, 零角 …).
        for index, char in enumerate(body):
            if char == "零":
                assert body[index + 1] in "壹贰叁肆伍陆柒捌玖", words
        # A leading ten keeps its 壹.
        assert not body.startswith("拾")


@given(st.integers(1, 99_999_999_999).map(lambda yuan: yuan * 100))
def test_to_capitals_whole_yuan_ends_with_yuan_zheng(fen: int) -> None:
    assert to_capitals(fen).endswith("元整")


# --- format_yuan and spoken_yuan ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "figures"),
    [
        (0, "￥0.00"),
        (5, "￥0.05"),
        (140_950, "￥1,409.50"),
        (123_456_789, "￥1,234,567.89"),
        (-140_950, "-￥1,409.50"),
    ],
)
def test_format_yuan(fen: int, figures: str) -> None:
    assert format_yuan(fen) == figures


@pytest.mark.parametrize("bad", [1.5, True, "1"])
def test_format_yuan_rejects_non_int(bad: object) -> None:
    with pytest.raises(InvalidInput):
        format_yuan(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fen", "spoken"),
    [
        (23_640, "236元4角"),  # 您本次应交236元4角
        (30_000, "300元"),  # 收您300元
        (6360, "63元6角"),  # 找您63元6角
        (5, "5分"),
        (50, "5角"),
        (55, "5角5分"),
        (1205, "12元零5分"),
        (1255, "12元5角5分"),
        (100, "1元"),
        (0, "0元"),
    ],
)
def test_spoken_yuan(fen: int, spoken: str) -> None:
    assert spoken_yuan(fen) == spoken


@pytest.mark.parametrize("bad", [-1, 2.5, True])
def test_spoken_yuan_rejects(bad: object) -> None:
    with pytest.raises(InvalidInput):
        spoken_yuan(bad)  # type: ignore[arg-type]


# --- parse_yuan --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("236.4", 23_640),
        ("236.40", 23_640),
        ("￥1,236.40", 123_640),
        ("¥ 300", 30_000),
        ("300元", 30_000),
        ("300 元", 30_000),
        ("３００", 30_000),
        ("１，２３６．４０", 123_640),
        ("￥１２３６．４元", 123_640),
        ("  236.4  ", 23_640),
        ("\u3000236.4\u3000", 23_640),
        ("0", 0),
        ("0.00", 0),
        ("0.05", 5),
        (".5", 50),
        ("236.", 23_600),
        ("007", 700),
        ("1,000,000", 100_000_000),
        ("10,000,000.00", MAX_PARSED_FEN),
        ("10000000", MAX_PARSED_FEN),
    ],
)
def test_parse_yuan_accepts(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "￥",
        "元",
        ".",
        "-5",
        "－5",
        "￥-5",
        "-￥5",
        "\u22125",
        "236.405",
        "236.400",
        "abc",
        "12a",
        "1e3",
        "1E3",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "+5",
        "1,23",
        "12,34.5",
        "1,2345",
        ",123",
        "123,",
        "1,,234",
        "0,123",
        "1 234",
        "1.2.3",
        "236。4",
        "一百",
        "١٢٣",  # Arabic-Indic digits: str.isdigit() would accept them
        "3²",
        "10000000.01",
        "10,000,001",
        "99999999999999999999",
        "9" * 5000,
        "0x10",
        "1_000",
    ],
)
def test_parse_yuan_rejects(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_yuan(text)
    assert caught.value.code == "invalid_amount"
    assert caught.value.message  # a Chinese reason for the clerk


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "请输入金额"),
        ("-5", "负数"),
        ("1.234", "两位小数"),
        ("1e3", "不是有效的金额"),
        ("20000000", "过大"),
    ],
)
def test_parse_yuan_says_why(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        parse_yuan(text)


@pytest.mark.parametrize("bad", [None, 236, 236.4])
def test_parse_yuan_rejects_non_text(bad: object) -> None:
    with pytest.raises(InvalidInput):
        parse_yuan(bad)  # type: ignore[arg-type]


_TO_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def _human_forms(fen: int) -> list[str]:
    yuan, rest = divmod(fen, 100)
    forms = [
        f"{yuan}.{rest:02d}",
        f"{yuan:,}.{rest:02d}",
        f"￥{yuan:,}.{rest:02d}",
        f"¥ {yuan}.{rest:02d}",
        f"{yuan}.{rest:02d}元",
        format_yuan(fen),
        f"{yuan}.{rest:02d}".translate(_TO_FULL_WIDTH),
    ]
    if rest % 10 == 0:
        forms.append(f"{yuan}.{rest // 10}")  # trailing zero dropped
    if rest == 0:
        forms += [str(yuan), f"{yuan}元", f"￥{yuan:,}"]
    return forms


@given(st.integers(0, MAX_PARSED_FEN))
@example(0)
@example(MAX_PARSED_FEN)
def test_parse_yuan_reads_human_forms(fen: int) -> None:
    for text in _human_forms(fen):
        assert parse_yuan(text) == fen, text


@given(st.integers(MAX_PARSED_FEN + 1, MAX_PARSED_FEN * 1000))
def test_parse_yuan_rejects_above_limit(fen: int) -> None:
    with pytest.raises(InvalidInput, match="过大"):
        parse_yuan(format_yuan(fen))


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789.,-+ eE￥¥元０１９．，nafi_x"),
    )
)
def test_parse_yuan_junk_raises_or_gives_amount_in_range(text: str) -> None:
    try:
        fen = parse_yuan(text)
    except InvalidInput:
        return
    assert isinstance(fen, int)
    assert 0 <= fen <= MAX_PARSED_FEN
