"""Numbers the Vietnamese way, and amounts in words (the rules common libraries get wrong)."""

from decimal import Decimal

import pytest

from vanban._numbers import amount_in_words, format_amount, format_number, format_percent, number_in_words, percent_of


@pytest.mark.parametrize(
    "number, words",
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (71, "bảy mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1010, "một nghìn không trăm mười"),
        (1015, "một nghìn không trăm mười lăm"),
        (1021, "một nghìn không trăm hai mươi mốt"),
        (1100, "một nghìn một trăm"),
        (2005, "hai nghìn không trăm linh năm"),
        (2019, "hai nghìn không trăm mười chín"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (10000, "mười nghìn"),
        (15000, "mười lăm nghìn"),
        (21000, "hai mươi mốt nghìn"),
        (100005, "một trăm nghìn không trăm linh năm"),
        (1000000, "một triệu"),
        (1000005, "một triệu không trăm linh năm"),
        (1005000, "một triệu không trăm linh năm nghìn"),
        (1200000, "một triệu hai trăm nghìn"),
        (25500000, "hai mươi lăm triệu năm trăm nghìn"),
        (1200000000, "một tỷ hai trăm triệu"),
        (1000000001, "một tỷ không trăm linh một"),
        (2000005000, "hai tỷ không trăm linh năm nghìn"),
        (1000000000000, "một nghìn tỷ"),
        (123456789, "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"),
        (-15, "âm mười lăm"),
    ],
)
def test_number_in_words(number, words):
    assert number_in_words(number) == words


def test_amount_in_words_is_capitalised_with_the_currency():
    assert amount_in_words(1_200_000_000) == "Một tỷ hai trăm triệu đồng"
    assert format_amount(1_200_000_000, in_words=True) == "1.200.000.000 đồng (Một tỷ hai trăm triệu đồng)"
    assert format_amount(550_000) == "550.000 đồng"


@pytest.mark.parametrize(
    "value, decimals, text",
    [(1234567, None, "1.234.567"), (85.5, None, "85,5"), (Decimal("1234.50"), None, "1.234,5"),
     (3.14159, 2, "3,14"), (2.0, 1, "2"), (1000, 0, "1.000")],
)
def test_numbers_use_dot_for_thousands_and_comma_for_decimals(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    "part, whole, text",
    [(38, 30, "126,7%"), (10, 10, "100%"), (200, 150, "133,3%"), (1, 3, "33,3%"), (171, 200, "85,5%")],
)
def test_percentages_are_rounded_half_up_to_one_decimal(part, whole, text):
    assert format_percent(percent_of(part, whole)) == text


def test_percent_of_zero_is_none_not_a_crash():
    assert percent_of(5, 0) is None
