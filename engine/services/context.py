"""The application context every service receives: paths, settings, the open store."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

from sqlalchemy import Connection, Engine

from engine.config import AppPaths, Settings, app_paths, load_settings
from engine.store.db import open_store


@dataclass
class AppContext:
    """Opened lazily: building one costs nothing until the store is first used."""

    paths: AppPaths = field(default_factory=app_paths)
    _engine: Engine | Connection | None = field(default=None, init=False, repr=False, compare=False)
    _open_lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.paths)

    @property
    def engine(self) -> Engine:
        """The store, opened (and migrated) once even when several workers ask at the same time."""
        with self._open_lock:
            if self._engine is None:
                self.paths.ensure()
                self._engine = open_store(self.paths.database, self.paths.backups)
            return cast(Engine, self._engine)  # a Connection when bound_to() one transaction

    def bound_to(self, connection: Connection) -> AppContext:
        """A context with the same paths and settings whose every session runs in ``connection``'s
        open transaction, so several services' writes commit or roll back together."""
        scoped = AppContext(self.paths)
        scoped.__dict__["settings"] = self.settings
        scoped._engine = connection
        return scoped

    def close(self) -> None:
        with self._open_lock:
            if isinstance(self._engine, Engine):
                self._engine.dispose()
                self._engine = None
