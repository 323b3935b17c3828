"""Bulk statements straight to the SQLite driver, on the batch's own connection and transaction.

SQLAlchemy's per-row parameter processing costs more than SQLite's own work for the hundreds of
thousands of order lines in one export, so the hottest statements (inserting lines, reading them
back for the outlier pass) go through the DB-API cursor of the same connection: same transaction,
same rollback, none of the overhead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection


def insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def execute_many(connection: Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """``rows`` may be lazy: the ``sqlite3`` driver takes any iterable of parameter tuples."""
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(sql, rows)  # type: ignore[arg-type]  # typed as Sequence, takes any
    finally:
        cursor.close()


def fetch_all(
    connection: Connection, sql: str, parameters: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """Plain tuples (not Row objects), so numpy can take them as they are."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()
