"""Cleaning rules, identity keys, the MAD outlier rule and the row ledger, as pure functions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.importers import identity
from engine.importers.cleaning import (
    Rejection,
    check_line,
    is_non_product,
    normalise_currency,
)
from engine.importers.ledger import OrderOutcomes, Outcome, RowLedger
from engine.importers.outliers import robust_outliers
from engine.importers.records import CustomerRecord, LineRecord, SourceRow


@pytest.mark.parametrize(
    ("sku", "title"),
    [
        ("POST", "POSTAGE"), ("DOT", "DOTCOM POSTAGE"), ("M", "Manual"), ("C2", "CARRIAGE"),
        ("BANK CHARGES", "Bank Charges"), ("PADS", "PADS TO MATCH ALL CUSHIONS"),
        ("AMAZONFEE", "AMAZON FEE"), ("CRUK", "CRUK Commission"), ("S", "SAMPLES"),
        ("B", "Adjust bad debt"), ("D", "Discount"), (None, "Shipping"), (None, "Shipping fee"),
        (None, "Postage & handling"), (None, "Gift wrapping"), (None, "Transaction fees"),
    ],
)  # fmt: skip
def test_non_product_lines_are_recognised(sku: str | None, title: str) -> None:
    assert is_non_product(sku, title)


@pytest.mark.parametrize(
    ("sku", "title"),
    [
        ("22086", "PAPER CHAIN KIT 50'S CHRISTMAS"), ("84029G", "COFFEE MUG"),
        (None, "Toy delivery truck"), (None, "Shipping container bookshelf"), ("POST2", "Postcard"),
    ],
)  # fmt: skip
def test_products_are_not_mistaken_for_fees(sku: str | None, title: str) -> None:
    assert not is_non_product(sku, title)


@pytest.mark.parametrize(
    ("quantity", "price", "code"),
    [(0, 1.0, "zero_quantity"), (-1, 1.0, "negative_quantity"), (2e6, 1.0, "absurd_quantity"),
     (float("nan"), 1.0, "bad_number"), (1, -5.0, "negative_price"), (1, 1e9, "absurd_price")],
)  # fmt: skip
def test_impossible_lines_are_rejected_with_a_code(
    quantity: float, price: float, code: str
) -> None:
    rejection = check_line(LineRecord("Mug", quantity, price), non_product=False)
    assert isinstance(rejection, Rejection) and rejection.code == code and rejection.reason


def test_fees_may_be_negative_and_prices_may_be_unknown() -> None:
    assert check_line(LineRecord("Adjust bad debt", 1, -11062.06), non_product=True) is None
    assert check_line(LineRecord("Pending item", 1, None), non_product=False) is None
    assert check_line(LineRecord("  ", 1, 1.0), non_product=False).code == "missing_value"  # type: ignore[union-attr]


def test_currency_codes() -> None:
    assert normalise_currency(None, "GBP") == "GBP"
    assert normalise_currency(" eur ", "GBP") == "EUR"
    assert isinstance(normalise_currency("£", "GBP"), Rejection)


def test_emails_and_phones_are_normalised_before_hashing() -> None:
    assert identity.normalise_email("  Robin.Madeup@Example.COM ") == "robin.madeup@example.com"
    assert identity.normalise_email("not an address") is None
    assert identity.normalise_phone("+44 (0)7700 900-123") == "+4407700900123"
    assert identity.normalise_phone("0044 7700 900123") == "+447700900123"
    assert identity.normalise_phone("'07700 900123") == "07700900123"
    assert identity.normalise_phone("12") is None
    assert identity.email_hash("A@B.co") == identity.email_hash(" a@b.co")


def test_customer_keys_prefer_the_email_then_the_platform_id() -> None:
    with_email = CustomerRecord(platform_id="42", email="a@b.co")
    assert identity.customer_key(with_email, "shopify") == identity.sha256_hex("a@b.co")
    assert (
        identity.customer_key(CustomerRecord(platform_id="17850.0"), "generic") == "generic:17850"
    )
    assert identity.customer_key(CustomerRecord(country="France"), "generic") is None


def test_display_names_never_hold_a_full_name() -> None:
    assert identity.display_name(CustomerRecord(first_name="Robin", last_name="Madeup")) == "R. M."
    assert identity.display_name(CustomerRecord(display_name="Ari Example")) == "A. E."
    assert identity.display_name(CustomerRecord(display_name="ari_makes")) == "ari_makes"


def test_line_keys_use_the_file_line_id_else_position_sku_and_title() -> None:
    with_id = LineRecord("Mug", 1, 2.0, line_key="T-991")
    assert identity.line_key(with_id, 3) == "id:T-991"
    plain = LineRecord("Mug ", 1, 2.0, sku="MUG")
    assert identity.line_key(plain, 0) == identity.line_key(LineRecord("mug", 5, 9.0, sku="MUG"), 0)
    assert identity.line_key(plain, 0) != identity.line_key(plain, 1)
    assert len(identity.line_key(LineRecord("x" * 1000, 1, 1.0, sku="S" * 500), 0)) <= 200


@given(st.text(min_size=1, max_size=300), st.integers(min_value=0, max_value=10_000))
def test_line_keys_are_deterministic_and_fit_the_column(title: str, position: int) -> None:
    line = LineRecord(title, 1, 1.0)
    assert identity.line_key(line, position) == identity.line_key(
        LineRecord(title, 2, 3.0), position
    )
    assert len(identity.line_key(line, position)) <= identity.MAX_KEY_LENGTH


def test_a_huge_quantity_is_an_outlier_but_a_doubled_one_is_not() -> None:
    quantities = np.log(np.array([6.0] * 20 + [12.0, 600.0]))
    flagged = robust_outliers(np.zeros(22, dtype=np.int64), quantities, upward_only=True)
    assert flagged.tolist() == [False] * 21 + [True]


def test_a_price_far_below_usual_is_flagged_and_small_groups_use_the_shop_median() -> None:
    groups = np.array([1] * 10 + [2, 2], dtype=np.int64)
    prices = np.log(np.array([2.5, 2.6, 2.4, 2.5, 2.55, 2.45, 2.5, 2.6, 2.4, 0.01, 2.5, 900.0]))
    flagged = robust_outliers(groups, prices, upward_only=False)
    assert flagged.tolist() == [False] * 9 + [True, False, True]


def test_one_small_order_is_never_an_outlier_upwards_only() -> None:
    quantities = np.log(np.array([12.0] * 30 + [1.0]))
    assert not robust_outliers(np.zeros(31, dtype=np.int64), quantities, upward_only=True).any()


def test_the_ledger_counts_each_row_once_with_rejected_first() -> None:
    ledger, outcomes = RowLedger(), OrderOutcomes()
    row = SourceRow(7, "raw", "a.csv")
    outcomes.mark(row, Outcome.DUPLICATE)
    outcomes.mark(row, Outcome.REJECTED, Rejection("zero_quantity", "zero"))
    outcomes.mark(row, Outcome.STORED)
    [(source, outcome, rejection)] = outcomes.items()
    assert outcome is Outcome.REJECTED and rejection is not None
    assert ledger.settle(source, outcome)
    assert not ledger.settle(SourceRow(7, "raw", "a.csv"), Outcome.STORED)
    assert ledger.settle(SourceRow(7, "raw", "b.csv"), Outcome.STORED)  # another file's row 7
    ledger.settle_counted([SourceRow(n, "", "a.csv") for n in (8, 9, 7)], stored=1)
    assert (ledger.rejected, ledger.stored, ledger.duplicate, ledger.total) == (1, 2, 1, 4)
