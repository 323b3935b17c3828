"""The made-up shop in a store, shared by the targeting service tests."""

from __future__ import annotations

import pytest

from engine.store.db import session_scope
from tests.targeting.synthetic import block_shop, fill_store


@pytest.fixture(scope="module")
def shop_database(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The made-up shop, written once per module; each test gets its own copy of the file."""
    from engine.config import app_paths
    from engine.services.context import AppContext

    ctx = AppContext(app_paths(tmp_path_factory.mktemp("template-shop")))
    with session_scope(ctx.engine) as session:
        fill_store(session, block_shop(n_customers=240, days=300))
    ctx.close()
    return ctx.paths.database


@pytest.fixture
def shop(app_context, shop_database):  # type: ignore[no-untyped-def]
    from engine.store.db import copy_database

    app_context.paths.ensure()
    copy_database(shop_database, app_context.paths.database)
    return app_context
