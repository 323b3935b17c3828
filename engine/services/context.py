"""The application context every service receives: paths, settings, the open store."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import Engine

from engine.config import AppPaths, Settings, app_paths, load_settings
from engine.store.db import open_store


@dataclass
class AppContext:
    """Opened lazily: building one costs nothing until the store is first used."""

    paths: AppPaths = field(default_factory=app_paths)

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.paths)

    @cached_property
    def engine(self) -> Engine:
        self.paths.ensure()
        return open_store(self.paths.database, self.paths.backups)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
            del self.__dict__["engine"]
