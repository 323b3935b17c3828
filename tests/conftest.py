"""Shared fixtures: every test gets its own data folder and database; Qt runs offscreen."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def pinpoint_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data folder per test (never the user's real one)."""
    home = tmp_path / "pinpoint-home"
    monkeypatch.setenv("PINPOINT_HOME", str(home))
    return home


@pytest.fixture
def app_context(pinpoint_home: Path) -> Iterator[object]:
    from engine.config import app_paths
    from engine.services.context import AppContext

    ctx = AppContext(app_paths(pinpoint_home))
    yield ctx
    ctx.close()


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """Fail on any attempt to open an internet socket; returns the attempts seen."""
    attempts: list[tuple[object, ...]] = []
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append((self.family, address))
            raise NetworkUsed(f"network access attempted: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    def guarded_create_connection(address: object, *args: object, **kwargs: object) -> None:
        attempts.append(("create_connection", address))
        raise NetworkUsed(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    return attempts


def shared_data(*parts: str) -> Path:
    """Path inside ../shared/data; tests that need it skip when the folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path
