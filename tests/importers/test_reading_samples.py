"""The bundled sample and the real UCI file read end to end, with every data row accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.importers.api import read_records
from engine.importers.records import OrderRecord, RowProblem
from tests.conftest import shared_data

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "shopify_orders_export.csv"


def _account(records: object) -> tuple[list[OrderRecord], list[RowProblem], list[int]]:
    orders: list[OrderRecord] = []
    problems: list[RowProblem] = []
    rows: list[int] = []
    for record in records:  # type: ignore[attr-defined]
        if isinstance(record, RowProblem):
            problems.append(record)
            rows.append(record.source.row_number)
        else:
            orders.append(record)
            rows.extend(source.row_number for source in record.sources)
    return orders, problems, rows


def test_bundled_shopify_sample_yields_2184_orders_and_accounts_for_every_row() -> None:
    source = read_records([SAMPLE])
    orders, problems, rows = _account(source.records)

    assert source.format == "shopify"
    assert len({order.external_id for order in orders}) == 2184
    assert not problems
    assert len(rows) == len(set(rows)) == source.rows_in()
    assert sorted(rows) == list(range(2, source.rows_in() + 2))
    assert source.fraction_done() == 1.0
    assert all(line.source is not None for order in orders for line in order.lines)


def test_line_sources_are_the_order_sources() -> None:
    source = read_records([SAMPLE])
    order = next(r for r in source.records if isinstance(r, OrderRecord) and len(r.lines) > 1)
    assert [line.source for line in order.lines] == order.sources
    assert order.placed_at is not None and order.placed_at.tzinfo is None


@pytest.mark.slow
def test_uci_online_retail_reads_every_line() -> None:
    path = shared_data("online-retail", "online_retail.csv.gz")
    source = read_records([path])
    orders, problems, rows = _account(source.records)
    assert source.format == "generic_transactions"
    assert source.rows_in() == 541_909 == len(rows)
    assert not problems
    assert len({order.external_id for order in orders}) == 25_900
