"""The generic transactions format (UCI Online Retail and look-alikes), parsed in columns.

Gives exactly what :meth:`GenericTransactions.parse_rows` gives for the same rows, as a
:class:`~engine.importers.line_blocks.LineBlock`: an order is a run of rows with the same invoice
number; its date, customer, currency and country come from its first row; a ``C`` invoice or a
negative quantity makes a cancelled line with a positive quantity. Python touches each order
(~20 lines) and each distinct product once, never each line.

An order goes to the row parser instead (``needs_rows``) when anything about it may be
rejected: no invoice number, an unreadable or missing date, a quantity or price that plain
``float()`` cannot read (the row parser's slow, locale-aware path), or a line the cleaning rules
of :func:`~engine.importers.cleaning.check_line` might reject.
"""

from __future__ import annotations

import numpy as np

from engine.importers.cleaning import MAX_QUANTITY, MAX_UNIT_PRICE, is_non_product
from engine.importers.formats.base import ParseContext
from engine.importers.frames import Frame
from engine.importers.identity import MAX_KEY_LENGTH
from engine.importers.line_blocks import (
    LineBlock,
    distinct_pairs,
    each_distinct,
    floats,
    run_starts,
)
from engine.importers.records import CustomerRecord
from engine.importers.values import ValueProblem, clean_id


def parse_block(frame: Frame, context: ParseContext, platform: str) -> LineBlock:
    columns, cells = context.columns, frame.cells

    def column(key: str) -> np.ndarray | None:
        index = columns[key]
        return None if index is None else cells[index].to_numpy()

    invoices, dates = column("order"), column("date")
    assert invoices is not None and dates is not None  # required columns
    buyers, countries, currencies = column("customer"), column("country"), column("currency")
    starts = run_starts(invoices)
    keys: list[str] = []
    placed: list = []
    customers: list[CustomerRecord | None] = []
    order_countries: list[str | None] = []
    order_currencies: list[str | None] = []
    shared: dict[tuple[str, str], CustomerRecord] = {}
    needs = np.zeros(len(starts), dtype=bool)
    cancelled = np.zeros(len(starts), dtype=bool)
    for order, first in enumerate(starts.tolist()):
        invoice = invoices[first].strip()
        keys.append(invoice[:MAX_KEY_LENGTH])
        cancelled[order] = invoice[:1] in ("C", "c")
        try:
            moment = context.dates(dates[first].strip())
        except ValueProblem:
            moment = None
        placed.append(moment)
        needs[order] = moment is None or not invoice
        country = countries[first].strip() if countries is not None else ""
        buyer = buyers[first].strip() if buyers is not None else ""
        customers.append(shared_customer(buyer, country, shared))
        order_countries.append(country or None)
        currency = currencies[first].strip() if currencies is not None else ""
        order_currencies.append(currency or None)

    titles_column, skus_column = column("title"), column("sku")
    assert titles_column is not None
    titles: list[str] = each_distinct(titles_column, str.strip)
    skus: list[str | None] = (
        each_distinct(skus_column, lambda sku: sku.strip() or None)
        if skus_column is not None
        else [None] * len(titles)
    )
    quantity_cells, price_cells = column("quantity"), column("price")
    assert quantity_cells is not None and price_cells is not None  # required columns
    quantities, bad_quantity = floats(quantity_cells)
    prices, bad_price = floats(price_cells)
    pair_of_line, pair_first = distinct_pairs(skus, titles)
    first_lines = pair_first.tolist()
    pair_non_product = np.array([is_non_product(skus[i], titles[i]) for i in first_lines], bool)
    pair_untitled = np.array([not titles[i] for i in first_lines], dtype=bool)
    order_of_line = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(titles))))
    negative = quantities < 0
    quantities = np.where(negative, -quantities, quantities)
    with np.errstate(invalid="ignore"):
        doubtful = (
            bad_quantity | bad_price | pair_untitled[pair_of_line]
            | ~np.isfinite(quantities) | (quantities == 0) | (quantities > MAX_QUANTITY)
            | ~np.isfinite(prices) | (np.abs(prices) > MAX_UNIT_PRICE)
            | ((prices < 0) & ~pair_non_product[pair_of_line])
        )  # fmt: skip
    if len(starts):
        needs |= np.logical_or.reduceat(doubtful, starts)
    return LineBlock(
        frame=frame, platform=platform, starts=starts, keys=keys, placed_at=placed,
        customers=customers, currencies=order_currencies, countries=order_countries,
        order_cancelled=cancelled, needs_rows=needs, titles=titles, skus=skus,
        quantities=quantities, prices=prices, line_cancelled=negative | cancelled[order_of_line],
        line_doubtful=doubtful,
        pair_of_line=pair_of_line, pair_first_line=pair_first, pair_non_product=pair_non_product,
    )  # fmt: skip


def shared_customer(
    raw_id: str, country: str, customers: dict[tuple[str, str], CustomerRecord]
) -> CustomerRecord | None:
    """One shared record per (id, country): repeat buyers cost no extra objects."""
    if not raw_id:
        return None
    key = (raw_id, country)
    customer = customers.get(key)
    if customer is None:
        customer = CustomerRecord(platform_id=clean_id(raw_id), country=country or None)
        customers[key] = customer
    return customer
