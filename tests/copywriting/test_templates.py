"""Template lines restate the product's facts the way a shopper reads them."""

from __future__ import annotations

import pytest

from engine.copywriting.prompts import ProductFacts
from engine.copywriting.templates import _price, soften_capitals, template_lines


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("ESSENTIAL BALM 3.5g TIN", "Essential Balm 3.5g Tin"),
        ("CHILDREN'S APRON", "Children's Apron"),
        ("DVD PLAYER WITH TV", "DVD Player With TV"),
        ("Sony CD Changer", "Sony CD Changer"),
        ("Hand-poured SOY candle", "Hand-poured SOY candle"),
        ("12 / 24", "12 / 24"),
        ("JUMBO BAG 50'S CHRISTMAS", "Jumbo Bag 50's Christmas"),
    ],
)
def test_mostly_capital_titles_stop_shouting(title: str, shown: str) -> None:
    assert soften_capitals(title) == shown


@pytest.mark.parametrize(
    ("currency", "lang", "shown"),
    [
        ("GBP", "en", "£0.06"),
        ("USD", "en", "$12.50"),
        ("CHF", "en", "12.50 CHF"),
        ("", "en", "12.50"),
        ("CNY", "zh", "12.5元"),
        ("", "zh", "12.5元"),
        ("EUR", "zh", "€12.50"),
    ],
)
def test_prices_read_as_prices(currency: str, lang: str, shown: str) -> None:
    price = 0.06 if currency == "GBP" else 12.5
    assert _price(ProductFacts(title="Mug", price=price, currency=currency), lang) == shown


@pytest.mark.parametrize(
    ("attributes", "sentence"),
    [
        (
            {"scent": "lavender", "material": "soy wax"},
            "Hand-poured candle, with a lavender scent and made of soy wax.",
        ),
        ({"colour": "sage green", "size": "L"}, "Hand-poured candle, in sage green and in size L."),
        ({"Material": "cotton, linen"}, "Hand-poured candle, made of cotton and made of linen."),
        ({"capacity": "350 ml", "price": "9.50"}, "Hand-poured candle, 350 ml."),
        ({"scent": "candle"}, "Hand-poured candle."),  # the title names it already
    ],
)
def test_english_descriptions_name_traits_the_way_copy_does(
    attributes: dict[str, str], sentence: str
) -> None:
    product = ProductFacts("Hand-poured candle", attributes=attributes)
    assert template_lines(product, "description", "en")[0] == sentence


def test_chinese_traits_the_title_contains_are_not_repeated() -> None:
    product = ProductFacts("白色棉质上衣", attributes={"颜色": "白色", "版型": "宽松"})
    assert template_lines(product, "description", "zh")[0] == "白色棉质上衣，宽松。"
