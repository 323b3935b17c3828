"""Hand-made records fed through the real import service, without the reading layer.

``fake_source`` replaces ``read_records`` in the service with a source that yields the given
records, so the tests exercise the whole storing path (transaction, ledger, rejected rows) on
shapes we control exactly. All people here are made up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from engine.importers.records import (
    CustomerRecord,
    LineRecord,
    OrderRecord,
    SourceRow,
)
from engine.services import importing
from engine.services.context import AppContext
from engine.services.importing import ImportReport, import_files

Record = Any


@dataclass
class FakeSniff:
    format: str = "shopify"
    label: str = "Shopify orders export"
    encoding: str = "utf-8"
    delimiter: str = ","


@dataclass
class FakeSource:
    records: Iterator[Record]
    rows: int
    format: str = "shopify"
    label: str = "Shopify orders export"
    kind: str = "orders"
    files: list[FakeSniff] = field(default_factory=lambda: [FakeSniff()])
    tables: list[Any] = field(default_factory=list)  # no file behind it: never read in blocks
    reader: Any = None

    def rows_in(self) -> int:
        return self.rows

    def fraction_done(self) -> float:
        return 0.5


def rows_of(records: Iterable[Record]) -> int:
    """How many distinct rows the records reference (what a reader would report as rows_in)."""
    seen: set[int] = set()
    for record in records:
        if isinstance(record, OrderRecord):
            seen.update(s.row_number for s in record.sources)
            seen.update(line.source.row_number for line in record.lines if line.source)
        else:
            seen.add(record.source.row_number)
    return len(seen)


def run_import(
    ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    records: list[Record] | Callable[[], Iterator[Record]],
    rows_in: int | None = None,
    name: str = "orders_export.csv",
    **kwargs: Any,
) -> ImportReport:
    """Import ``records`` as if they had been read from a file called ``name``."""
    path = tmp_path / name
    path.write_text("made-up export\n", encoding="utf-8")
    if rows_in is None:
        rows_in = rows_of(records() if callable(records) else records)
    stream = records() if callable(records) else iter(records)
    count = rows_in

    def fake_read(paths: Any, format_name: Any = None, mapping: Any = None, cancel: Any = None):
        return FakeSource(stream, count)

    monkeypatch.setattr(importing, "read_records", fake_read)
    return import_files(ctx, [path], **kwargs)


def order(
    number: str,
    rows: list[int],
    lines: list[LineRecord] | None = None,
    customer: CustomerRecord | None = None,
    placed_at: datetime | None = datetime(2026, 3, 1, 10, 0),
    **fields: Any,
) -> OrderRecord:
    """An order whose rows are ``rows``; line i comes from ``rows[i]`` unless given."""
    built = lines if lines is not None else [line(f"Candle {i}", row=r) for i, r in enumerate(rows)]
    return OrderRecord(
        platform=fields.pop("platform", "shopify"),
        external_id=number,
        placed_at=placed_at,
        customer=customer,
        currency=fields.pop("currency", "GBP"),
        sources=[source(r) for r in rows],
        lines=built,
        **fields,
    )


def line(
    title: str, row: int, quantity: float = 1, price: float | None = 4.5, **fields: Any
) -> LineRecord:
    return LineRecord(
        title=title, quantity=quantity, unit_price=price, source=source(row), **fields
    )


def source(row: int) -> SourceRow:
    return SourceRow(row_number=row, raw=f"raw text of row {row}", file_name="orders_export.csv")


def buyer(number: int, **fields: Any) -> CustomerRecord:
    return CustomerRecord(
        platform_id=str(1000 + number),
        email=fields.pop("email", f"Buyer.{number}@Example.com "),
        first_name="Robin",
        last_name="Madeup",
        country="United Kingdom",
        country_code="GB",
        **fields,
    )


def count(ctx: AppContext, table: str, where: str = "1=1") -> int:
    with ctx.engine.connect() as connection:
        return int(
            connection.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {where}")).scalar_one()
        )


def query(ctx: AppContext, sql: str) -> list[tuple[Any, ...]]:
    with ctx.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def snapshot(ctx: AppContext) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the import writes, to prove a rollback left nothing behind."""
    tables = ["import_batches", "rejected_rows", "customers", "customer_external_ids",
              "customer_contacts", "categories", "products", "orders", "order_lines",
              "behaviour_events"]  # fmt: skip
    return {table: query(ctx, f"SELECT * FROM {table} ORDER BY 1") for table in tables}
