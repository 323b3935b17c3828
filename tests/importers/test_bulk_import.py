"""The bulk path (blocks parsed in columns) stores exactly what the row path stores.

Each test imports the same made-up transactions file twice, into two fresh stores: once with
the bulk path forced on (tiny blocks, so orders cross block boundaries) and once row by row,
then compares every stored row except the ids. All people and products are made up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.config import app_paths
from engine.importers import frames
from engine.importers.bulk_orders import BulkOrderLoader
from engine.progress import Cancelled, CancelToken
from engine.services import importing_store
from engine.services.context import AppContext
from engine.services.importing import BatchSummary, import_files
from tests.importers.pipeline_helpers import query, snapshot

HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
QUIRKS = [
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,"
    "United Kingdom",
    "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom",
    "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom",
    "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom",
    "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom",
    "536380,22961,JAM MAKING SET PRINTED,-24,2010-12-01 09:45:00,0.0,,United Kingdom",
    "536381,POST,POSTAGE,1,2010-12-01 09:50:00,18.0,12583.0,France",
    "536382,22139,,56,2010-12-01 10:00:00,0,,United Kingdom",
    '536383,22140,"RETROSPOT, RED",0,2010-12-01 10:05:00,1.0,13047.0,United Kingdom',
    "536383,22141,SPACEBOY LUNCH BOX,12,2010-12-01 10:05:00,1.65,13047.0,United Kingdom",
    "536384,22142,MADE-UP MUG,2,not a date,1.0,13048.0,United Kingdom",
    '536385,22143,MADE-UP JUG,2,2010-12-01 10:10:00,"1,5",13049.0,Germany',
    "536365,22144,LATE ROW OF THE FIRST INVOICE,1,2010-12-01 08:26:00,4.0,17850.0,United Kingdom",
    "536386,22145,MADE-UP PLATE,1,2010-12-01 10:20:00,-3.0,13050.0,United Kingdom",
    "",
    "536387,85123A,WHITE HANGING HEART T-LIGHT HOLDER,4,2010-12-02 08:00:00,2.95,17850.0,"
    "United Kingdom",
    "536388,85123A,white hanging heart holder,1,2010-12-02 08:05:00,3.05,17851.0,United Kingdom",
    "536389,22146,MADE-UP CRATE,2000000,2010-12-02 09:00:00,2.0,13051.0,United Kingdom",
    "536390,22147,  SPACED TITLE  , 3 ,2010-12-03 09:00:00, 2.10 ,12583.0,France",
    ",22148,NO INVOICE NUMBER,1,2010-12-03 09:30:00,1.0,13052.0,United Kingdom",
    "536391,22149,MADE-UP BOWL,1,,1.0,13053.0,United Kingdom",
]


def _made_up_rows(count: int) -> list[str]:
    """Invoices of 1-4 lines over 12 made-up products, every 7th invoice a credit note."""
    rows = []
    for invoice in range(count):
        number = f"{'C' if invoice % 7 == 3 else ''}5400{invoice:02d}"
        for line in range(invoice % 4 + 1):
            product = (invoice * 5 + line * 3) % 12
            quantity = -(line + 1) if number.startswith("C") else (line + 1) * 2
            price = 1.25 + product * 0.5 + (invoice % 3) * 0.05
            rows.append(
                f"{number},SKU{product:02d},MADE-UP PRODUCT {product},{quantity},"
                f"2011-01-{1 + invoice % 28:02d} 1{invoice % 10}:00:00,{price:.2f},"
                f"{15000 + invoice % 9}.0,{'France' if invoice % 5 == 0 else 'United Kingdom'}"
            )
    return rows


def write_export(
    folder: Path, name: str, rows: list[str], encoding: str = "utf-8", newline: str = "\n"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes((newline.join([HEADER, *rows]) + newline).encode(encoding))
    return path


def stored(
    ctx: AppContext, product_titles: bool = True, customer_country: bool = True
) -> dict[str, list[tuple[Any, ...]]]:
    """Everything an import writes, by natural keys instead of ids (ids differ by path)."""
    title = "title" if product_titles else "NULL"
    country = "c.country" if customer_country else "NULL"
    return {
        "orders": query(ctx, """
            SELECT o.external_id, c.key, o.placed_at, o.currency, o.status, o.is_cancelled,
                   o.country, o.refunded_amount, o.subtotal, o.extra, o.discount_codes
            FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY 1"""),
        "lines": query(ctx, """
            SELECT o.external_id, l.line_key, l.position, l.sku, l.title, l.quantity,
                   l.unit_price, l.discount, l.state, l.is_non_product, l.is_outlier,
                   l.attributes, p.sku
            FROM order_lines l JOIN orders o ON o.id = l.order_id
            LEFT JOIN products p ON p.id = l.product_id ORDER BY 1, 3"""),
        "products": query(ctx, f"""
            SELECT sku, {title}, price, currency, is_non_product, external_id, vendor,
                   category_id
            FROM products ORDER BY 1"""),
        "customers": query(ctx, f"""
            SELECT c.key, {country}, c.display_name, c.first_seen, c.last_seen, e.platform,
                   e.external_id
            FROM customers c LEFT JOIN customer_external_ids e ON e.customer_id = c.id
            ORDER BY 1"""),
        "rejected": query(ctx, """
            SELECT row_number, raw_text, reason, "column", code FROM rejected_rows
            ORDER BY batch_id, row_number"""),
    }  # fmt: skip


def summary(batch: BatchSummary) -> tuple[Any, ...]:
    assert batch.status == "committed", batch.message
    return (batch.rows_in, batch.rows_stored, batch.rejected, batch.duplicates, batch.orders,
            batch.lines_stored, batch.cleaning)  # fmt: skip


def both_ways(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    steps: Callable[[AppContext], list[Any]],
    product_titles: bool = True,
    read_in_blocks: bool | None = True,
    customer_country: bool = True,
) -> None:
    """Run ``steps`` on a store filled by the bulk path and on one filled row by row.

    ``read_in_blocks`` says whether the bulk run must have read a file to its end in blocks
    (False: it must have fallen back to the row reader; None: either).
    """
    results = []
    loaded = _count_block_loads(monkeypatch)
    for name, minimum in (("bulk", 0), ("rows", 1 << 62)):
        monkeypatch.setattr(importing_store, "BULK_MIN_BYTES", minimum)
        ctx = AppContext(app_paths(tmp_path / name))
        try:
            results.append((steps(ctx), stored(ctx, product_titles, customer_country)))
        finally:
            ctx.close()
        if name == "bulk" and read_in_blocks is not None:
            assert bool(loaded) is read_in_blocks, loaded
    (bulk_steps, bulk_store), (row_steps, row_store) = results
    assert bulk_steps == row_steps
    for table in row_store:
        assert bulk_store[table] == row_store[table], table


def _count_block_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the bulk loader read to their end (it raises when it gives up)."""
    done: list[str] = []
    load = BulkOrderLoader.load

    def counted(self: BulkOrderLoader, reader: Any, *args: Any) -> None:
        load(self, reader, *args)
        done.append(reader.name)

    monkeypatch.setattr(BulkOrderLoader, "load", counted)
    return done


@pytest.fixture(autouse=True)
def tiny_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frames, "BLOCK_BYTES", 700)  # a few rows per block


@pytest.mark.parametrize(
    ("encoding", "newline"), [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n")]
)
def test_the_bulk_path_stores_what_the_row_path_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, newline: str
) -> None:
    rows = [*QUIRKS, "536392,22151,CAFÉ CRÈME JUG,2,2010-12-05 09:00:00,3.5,13055.0,France"]
    export = write_export(
        tmp_path / "files", "transactions.csv", rows + _made_up_rows(60), encoding, newline
    )

    def steps(ctx: AppContext) -> list[Any]:
        [batch] = import_files(ctx, [export], infer=False).batches
        return [summary(batch)]

    both_ways(tmp_path, monkeypatch, steps)


def test_a_reimport_and_an_overlapping_export_match_the_row_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_up = _made_up_rows(80)
    first = write_export(tmp_path / "files", "january.csv", QUIRKS + made_up[:120])
    later = write_export(tmp_path / "files", "january_again.csv", made_up[60:] + QUIRKS[:5])

    def steps(ctx: AppContext) -> list[Any]:
        return [summary(import_files(ctx, [path], infer=False).batches[0])
                for path in (first, first, later)]  # fmt: skip

    both_ways(tmp_path, monkeypatch, steps)


@pytest.mark.parametrize(
    "odd_row",
    [
        "536399,22150,SHORT ROW",  # narrower than the header
        '536399,22150,"A TITLE OVER\nTWO LINES",1,2010-12-04 09:00:00,1.0,13054.0,France',
        "536399,22150,WIDER,1,2010-12-04 09:00:00,1.0,13054.0,France,surprise",
        '536399,22150,"A QUOTE NEVER CLOSED,1,2010-12-04 09:00:00,1.0,13054.0,France',
    ],
)
def test_a_file_the_block_reader_cannot_read_is_imported_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd_row: str
) -> None:
    rows = _made_up_rows(30)
    export = write_export(tmp_path / "files", "odd.csv", [*rows[:40], odd_row, *rows[40:]])

    def steps(ctx: AppContext) -> list[Any]:
        [batch] = import_files(ctx, [export], infer=False).batches
        return [summary(batch)]

    both_ways(tmp_path, monkeypatch, steps, read_in_blocks=False)


@pytest.fixture
def bulk_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing_store, "BULK_MIN_BYTES", 0)


def _foreign_keys_on(ctx: AppContext) -> bool:
    return bool(query(ctx, "PRAGMA foreign_keys")[0][0])


@pytest.mark.usefixtures("bulk_on")
def test_a_bulk_import_checks_foreign_keys_before_committing(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = write_export(tmp_path / "files", "transactions.csv", _made_up_rows(40))
    monkeypatch.setattr(BulkOrderLoader, "_insert_orders", _lines_without_orders)
    [batch] = import_files(app_context, [export], infer=False).batches
    assert batch.status == "failed"
    assert "points at a missing" in (batch.message or "")
    assert query(app_context, "SELECT COUNT(*) FROM order_lines") == [(0,)]
    assert _foreign_keys_on(app_context)  # switched back on for the pooled connection


def _lines_without_orders(self: BulkOrderLoader, block: Any, orders: Any, *_: Any) -> list[Any]:
    """A broken bulk path that forgets to insert the orders its lines point at."""
    return [None] * len(orders)


@pytest.mark.usefixtures("bulk_on")
def test_cancelling_a_bulk_import_leaves_the_store_as_it_was(
    app_context: AppContext, tmp_path: Path
) -> None:
    first = write_export(tmp_path / "files", "first.csv", _made_up_rows(20))
    import_files(app_context, [first], infer=False)
    before = snapshot(app_context)
    later = write_export(tmp_path / "files", "later.csv", QUIRKS + _made_up_rows(90))
    token = CancelToken()

    def cancel_half_way(fraction: float, _message: str) -> None:
        if fraction > 0.3:
            token.cancel()

    with pytest.raises(Cancelled):
        import_files(app_context, [later], progress=cancel_half_way, cancel=token, infer=False)
    assert snapshot(app_context) == before
    assert _foreign_keys_on(app_context)


def test_title_lines_and_a_footer_are_skipped_as_the_row_reader_skips_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "files" / "with_title.csv"
    export.parent.mkdir(parents=True)
    lines = ["Made-up Shop Ltd - transactions", "", HEADER, *_made_up_rows(40)]
    export.write_text("\n".join([*lines, "", "160 record(s) downloaded", ""]), encoding="utf-8")

    def steps(ctx: AppContext) -> list[Any]:
        [batch] = import_files(ctx, [export], infer=False).batches
        return [summary(batch)]

    both_ways(tmp_path, monkeypatch, steps)


def test_an_order_longer_than_the_carry_limit_is_imported_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.importers import bulk_orders

    monkeypatch.setattr(bulk_orders, "MAX_CARRIED_ROWS", 30)
    one_invoice = [row.replace(row.split(",")[0], "540999", 1) for row in _made_up_rows(40)]
    export = write_export(tmp_path / "files", "one_invoice.csv", one_invoice)

    def steps(ctx: AppContext) -> list[Any]:
        [batch] = import_files(ctx, [export], infer=False).batches
        return [summary(batch)]

    both_ways(tmp_path, monkeypatch, steps, read_in_blocks=False)
