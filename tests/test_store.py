"""The store: round trips, cascades, transactions, migrations and backups."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from engine.store import migrate
from engine.store.db import backup_database, make_engine, open_store, session_scope
from engine.store.models import (
    ALL_TABLES,
    Base,
    Category,
    Customer,
    CustomerContact,
    ImportBatch,
    Order,
    OrderLine,
    Product,
    RejectedRow,
    Shop,
)
from engine.store.queries import get_or_create_shop, table_counts


@pytest.fixture
def engine(tmp_path: Path):
    engine = open_store(tmp_path / "db.sqlite3", tmp_path / "backups")
    yield engine
    engine.dispose()


def test_order_round_trip_keeps_every_field(engine) -> None:
    placed = datetime(2011, 5, 13, 9, 1, 13)
    with session_scope(engine) as session:
        shop = get_or_create_shop(session, "Candles & Co", "GBP")
        category = Category(
            shop_id=shop.id, name="Candles", source="inferred", top_terms=["candle", "tea"]
        )
        product = Product(
            shop_id=shop.id,
            sku="84029G",
            title="KNITTED FLAG BOTTLE",
            price=3.39,
            category=category,
        )
        customer = Customer(
            shop_id=shop.id, key="email:abc", email_sha256="a" * 64, country="United Kingdom"
        )
        customer.contact = CustomerContact(email="jo@example.com", first_name="Jo")
        order = Order(
            shop_id=shop.id,
            platform="shopify",
            external_id="#1001",
            customer=customer,
            placed_at=placed,
            total=20.34,
            discount_codes=["SPRING"],
            extra={"Tags": "vip"},
        )
        order.lines.append(
            OrderLine(
                line_key="84029G",
                title="KNITTED FLAG BOTTLE",
                quantity=6,
                unit_price=3.39,
                product=product,
                attributes={"Size": "Small"},
            )
        )
        session.add(order)

    with session_scope(engine) as session:
        order = session.scalars(select(Order)).one()
        assert order.placed_at == placed
        assert order.discount_codes == ["SPRING"] and order.extra == {"Tags": "vip"}
        assert order.customer is not None and order.customer.contact.email == "jo@example.com"
        line = order.lines[0]
        assert line.product is not None and line.product.category.name == "Candles"
        assert line.attributes == {"Size": "Small"} and line.state == "ok"


def test_failed_transaction_leaves_store_unchanged(engine) -> None:
    with session_scope(engine) as session:
        shop = get_or_create_shop(session)
        session.add(Product(shop_id=shop.id, sku="A", title="first"))
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Product(shop_id=1, sku="B", title="would be stored"))
        session.flush()
        session.add(Product(shop_id=1, sku="A", title="duplicate sku"))
        session.flush()
    with session_scope(engine) as session:
        assert [p.sku for p in session.scalars(select(Product))] == ["A"]


def test_foreign_keys_are_enforced_and_cascade(engine) -> None:
    with session_scope(engine) as session:
        shop = get_or_create_shop(session)
        batch = ImportBatch(
            shop_id=shop.id,
            source_path="/x.csv",
            file_name="x.csv",
            file_hash="0" * 64,
            format="shopify",
        )
        batch.rejected_rows.append(RejectedRow(row_number=3, raw_text="junk", reason="no date"))
        session.add(batch)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            Order(shop_id=999, platform="x", external_id="1", placed_at=datetime(2020, 1, 1))
        )
    with session_scope(engine) as session:
        session.delete(session.get(Shop, 1))
    with session_scope(engine) as session:
        assert table_counts(session)["rejected_rows"] == 0


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_revision_chain_is_linear() -> None:
    script = migrate.script_directory()
    heads = script.get_heads()
    assert len(heads) == 1, f"several heads: {heads}"
    revisions = list(script.walk_revisions())
    bases = [r for r in revisions if r.down_revision is None]
    assert len(bases) == 1
    for revision in revisions:
        assert not isinstance(revision.down_revision, tuple), f"merge revision {revision.revision}"


def test_empty_database_upgrades_to_head_matching_the_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "empty.sqlite3")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set(ALL_TABLES)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspect(engine).get_columns(table.name)}
        assert columns == set(table.columns.keys()), table.name
    engine.dispose()


def test_models_and_migrations_agree() -> None:
    """Autogenerate finds nothing to do: every model change came with a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(":memory:")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_upgrade_on_open_backs_up_an_outdated_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, backups = tmp_path / "old.sqlite3", tmp_path / "backups"
    engine = open_store(database, backups)
    with session_scope(engine) as session:
        get_or_create_shop(session, "kept")
    engine.dispose()
    assert not backups.exists() or not list(backups.iterdir())

    upgrades: list[object] = []
    monkeypatch.setattr(migrate, "head_revision", lambda: "a-newer-revision")
    monkeypatch.setattr(migrate, "upgrade", lambda engine, revision="head": upgrades.append(engine))
    open_store(database, backups).dispose()

    assert len(upgrades) == 1
    (backup,) = backups.iterdir()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT name FROM shops").fetchone() == ("kept",)


def test_backup_of_missing_database_is_skipped(tmp_path: Path) -> None:
    assert backup_database(tmp_path / "none.sqlite3", tmp_path / "b", "x") is None


def test_a_real_upgrade_keeps_data_and_leaves_a_backup(tmp_path: Path) -> None:
    """A store created at the first revision opens at head with its rows and a backup copy."""
    database, backups = tmp_path / "v1.sqlite3", tmp_path / "backups"
    engine = make_engine(database)
    migrate.upgrade(engine, "0001")
    with session_scope(engine) as session:
        shop = get_or_create_shop(session, "kept")
        order = Order(
            shop_id=shop.id, platform="shopify", external_id="#1", placed_at=datetime(2021, 1, 1)
        )
        order.lines.append(OrderLine(line_key="A", title="Mug", quantity=1, unit_price=9.5))
        session.add(order)
    engine.dispose()

    engine = open_store(database, backups)
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
    with session_scope(engine) as session:
        assert session.scalars(select(OrderLine.title)).all() == ["Mug"]
    engine.dispose()
    (backup,) = backups.iterdir()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
