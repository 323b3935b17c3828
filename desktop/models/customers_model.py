"""The customers table: holds the ordered ids of a search and fetches rows a page at a time.

Sorting, searching and filtering replace the id list (queried off the GUI thread through the
``load_ids`` callable the page supplies); the rows on screen are fetched by id in pages of
:data:`PAGE_SIZE` through :func:`engine.services.customers.customer_rows` and kept in a bounded
cache, so 100,000 customers cost 100,000 ints.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from engine.services.context import AppContext
from engine.services.customer_query import CustomerQuery, CustomerRow

PAGE_SIZE = 200
CACHE_ROWS = 5_000
CUSTOMER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

IdLoader = Callable[[CustomerQuery, Callable[[list[int]], None]], None]
"""Runs the id query of a :class:`CustomerQuery`; calls back with the ids on the GUI thread."""

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    COUNTRY = 1
    ORDERS = 2
    SPENT = 3
    LAST_ORDER = 4
    INTEREST = 5


SORT_KEY = {
    Column.NAME: "name", Column.COUNTRY: "country", Column.ORDERS: "orders",
    Column.SPENT: "spent", Column.LAST_ORDER: "last_order",
}  # fmt: skip
HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("CustomersModel", "Customer"),
    Column.COUNTRY: QT_TRANSLATE_NOOP("CustomersModel", "Country"),
    Column.ORDERS: QT_TRANSLATE_NOOP("CustomersModel", "Orders"),
    Column.SPENT: QT_TRANSLATE_NOOP("CustomersModel", "Spent"),
    Column.LAST_ORDER: QT_TRANSLATE_NOOP("CustomersModel", "Last order"),
    Column.INTEREST: QT_TRANSLATE_NOOP("CustomersModel", "Top interest"),
}


def _header(column: Column) -> str:
    return QCoreApplication.translate("CustomersModel", HEADERS[column])


class CustomersModel(QAbstractTableModel):
    ids_loaded = Signal(int)  # how many customers match

    def __init__(self, ctx: AppContext, load_ids: IdLoader) -> None:
        super().__init__()
        self._ctx = ctx
        self._load_ids = load_ids
        self._ids: list[int] = []
        self._rows: OrderedDict[int, CustomerRow] = OrderedDict()
        self.query = CustomerQuery()
        self._generation = 0  # answers to older queries are ignored (they may arrive late)
        self.fetches = 0  # pages fetched, for tests and the benchmark

    # ------------------------------------------------------------------ queries

    def set_query(self, query: CustomerQuery) -> None:
        self.query = query
        self._generation += 1
        generation = self._generation
        self._load_ids(
            query, lambda ids: self._set_ids(ids) if generation == self._generation else None
        )

    def refresh(self) -> None:
        self._rows.clear()
        self.set_query(self.query)

    def search(self, text: str) -> None:
        self.set_query(replace(self.query, search=text))

    def filter_audience(self, audience_id: int | None) -> None:
        self.set_query(replace(self.query, audience_id=audience_id))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEY.get(Column(column))
        if key is not None:
            self.set_query(
                replace(self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
            )

    def _set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()
        self.ids_loaded.emit(len(ids))

    # ------------------------------------------------------------------ rows

    def customer_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row: int) -> CustomerRow | None:
        customer_id = self._ids[row]
        cached = self._rows.get(customer_id)
        if cached is None:
            self._fetch_page(row)
            cached = self._rows.get(customer_id)
        else:
            self._rows.move_to_end(customer_id)
        return cached

    def _fetch_page(self, row: int) -> None:
        start = row - row % PAGE_SIZE
        from engine.services.customers import customer_rows  # the store's models: not at startup

        page = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._rows]
        self._rows.update(customer_rows(self._ctx, page))
        self.fetches += 1
        while len(self._rows) > CACHE_ROWS:
            self._rows.popitem(last=False)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(Column(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == CUSTOMER_ID_ROLE:
            return self._ids[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.ORDERS, Column.SPENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.row_of(index.row())
        return None if row is None else _display(row, column)


def _display(row: CustomerRow, column: Column) -> str:
    if column is Column.NAME:
        return row.name
    if column is Column.COUNTRY:
        return row.country
    if column is Column.ORDERS:
        return str(row.orders)
    if column is Column.SPENT:
        return f"{row.spent:,.2f}"
    if column is Column.LAST_ORDER:
        return row.last_order.strftime("%Y-%m-%d") if row.last_order else ""
    return row.top_interest
