"""Template lines restate the product's facts the way a shopper reads them."""

from __future__ import annotations

import pytest

from engine.copywriting.prompts import ProductFacts
from engine.copywriting.templates import _price, soften_capitals


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
