"""The customers table model with no window, on a store of 100,000 made-up customers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import insert

from desktop.models.customers_model import CUSTOMER_ID_ROLE, PAGE_SIZE, Column, CustomersModel
from engine.config import app_paths
from engine.services.context import AppContext
from engine.services.customers import CustomerQuery, customer_ids
from engine.store.models import Audience, AudienceMember, Customer, CustomerProfile, Order, Shop

CUSTOMERS = 100_000
BUYERS = 20_000  # customers with orders; buyer n placed (n % 3) + 1 orders


def synchronous(ctx: AppContext):  # type: ignore[no-untyped-def]
    """The id loader the page runs in a worker, run inline for a test without an event loop."""
    return lambda query, done: done(customer_ids(ctx, query))


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = AppContext(app_paths(tmp_path_factory.mktemp("big-store")))
    engine = ctx.engine
    start = datetime(2024, 1, 1)
    with engine.begin() as connection:
        shop_id = connection.execute(
            insert(Shop).values(name="Big shop", currency="GBP")
        ).inserted_primary_key[0]
        connection.execute(
            insert(Customer),
            [
                {"id": n + 1, "shop_id": shop_id, "key": f"key-{n:06d}",
                 "display_name": f"Customer {n:06d}",
                 "country": "Germany" if n % 10 == 0 else "United Kingdom"}
                for n in range(CUSTOMERS)
            ],
        )  # fmt: skip
        connection.execute(
            insert(Order),
            [
                {"shop_id": shop_id, "platform": "test", "external_id": f"{n}-{k}",
                 "customer_id": n + 1, "placed_at": start + timedelta(minutes=n + k),
                 "total": float(n % 97 + k), "refunded_amount": 0.0, "is_cancelled": False}
                for n in range(BUYERS) for k in range(n % 3 + 1)
            ],
        )  # fmt: skip
        connection.execute(
            insert(CustomerProfile),
            [
                {"customer_id": n + 1, "features": {}, "interests": {"Mugs": 0.7, "Tea": 0.3},
                 "updated_at": start}
                for n in range(BUYERS)
            ],
        )  # fmt: skip
        audience = connection.execute(
            insert(Audience).values(shop_id=shop_id, name="Champions", kind="rfm", size=BUYERS // 2)
        ).inserted_primary_key[0]
        connection.execute(
            insert(AudienceMember),
            [
                {"audience_id": audience, "customer_id": n + 1, "score": 1.0}
                for n in range(1, BUYERS, 2)
            ],
        )
    yield ctx
    ctx.close()


def test_model_holds_ids_and_fetches_only_the_rows_shown(big_store: AppContext) -> None:
    model = CustomersModel(big_store, synchronous(big_store))
    model.set_query(CustomerQuery(sort="name", descending=False))
    assert model.rowCount() == CUSTOMERS
    assert model.columnCount() == len(Column)
    assert model.fetches == 0
    first = model.index(0, Column.NAME)
    assert model.data(first) == "Customer 000000"
    assert model.data(model.index(PAGE_SIZE - 1, Column.NAME)) == f"Customer {PAGE_SIZE - 1:06d}"
    assert model.fetches == 1  # one page served both rows
    assert model.data(model.index(CUSTOMERS - 1, Column.NAME)) == f"Customer {CUSTOMERS - 1:06d}"
    assert model.fetches == 2
    assert model.data(first, CUSTOMER_ID_ROLE) == 1


def test_sorting_by_money_and_orders_puts_big_spenders_first(big_store: AppContext) -> None:
    model = CustomersModel(big_store, synchronous(big_store))
    model.sort(Column.SPENT, Qt.SortOrder.DescendingOrder)
    spent = [
        float(model.data(model.index(row, Column.SPENT)).replace(",", "")) for row in range(50)
    ]
    assert spent == sorted(spent, reverse=True) and spent[0] >= 96 * 3
    model.sort(Column.ORDERS, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, Column.ORDERS)) == "0"
    assert model.data(model.index(CUSTOMERS - 1, Column.ORDERS)) == "3"
    assert model.data(model.index(CUSTOMERS - 1, Column.INTEREST)) == "Mugs"


def test_search_and_audience_filter_narrow_the_ids(big_store: AppContext) -> None:
    model = CustomersModel(big_store, synchronous(big_store))
    counts: list[int] = []
    model.ids_loaded.connect(counts.append)
    model.search("Germany")
    assert model.rowCount() == CUSTOMERS // 10
    model.search("Customer 01234")
    assert model.rowCount() == 10  # 012340..012349
    model.search("")
    model.filter_audience(1)
    assert model.rowCount() == BUYERS // 2
    assert {model.data(model.index(r, 0), CUSTOMER_ID_ROLE) % 2 for r in range(20)} == {0}
    assert counts == [CUSTOMERS // 10, 10, CUSTOMERS, BUYERS // 2]
