"""Engine factory, sessions and opening a store (migrating it first, with a backup).

No engine exists at import time: callers build one for a path with :func:`make_engine` or, for
the application's database, :func:`open_store`, which upgrades the schema to the newest revision
after copying the file to ``backups/``.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(database: Path | str) -> Engine:
    """Create an engine for a SQLite file with WAL journaling and foreign keys enforced."""
    url = "sqlite://" if str(database) == ":memory:" else f"sqlite:///{Path(database)}"
    engine = create_engine(url, future=True)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A transaction: commit when the block succeeds, roll back everything when it raises."""
    session = sessionmaker(bind=engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def backup_database(database: Path, backups: Path, reason: str) -> Path | None:
    """Copy the database (consistently, via SQLite's backup API) before a risky change."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups / f"{database.stem}-{stamp}-{reason}{database.suffix}"
    source = sqlite3.connect(database)
    try:
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return target


def open_store(database: Path, backups: Path) -> Engine:
    """Open (creating if needed) the application database at the newest schema revision.

    An existing database that is behind is copied to ``backups`` before it is upgraded, so a
    failed migration never costs the merchant their data.
    """
    from engine.store import migrate  # Alembic costs ~0.4 s to import: only when opening a store

    database.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database)
    with engine.connect() as connection:
        current = migrate.current_revision(connection)
    if current != migrate.head_revision():
        if current is not None:
            backup_database(database, backups, reason=f"before-upgrade-from-{current}")
        migrate.upgrade(engine)
    return engine


def copy_database(source: Path, target: Path) -> None:
    """Plain file copy for tests and portable installs (the WAL is checkpointed first)."""
    connection = sqlite3.connect(source)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    shutil.copy2(source, target)
