"""Profiles in the store: build, incremental update equal to a rebuild, drift, CLI contract."""

from __future__ import annotations

import json
from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import select

from engine.cli import main
from engine.services.context import AppContext
from engine.services.profiling import build_profiles, drift_report, update_profiles
from engine.store.db import session_scope
from engine.store.models import CustomerProfile, ModelVersion, Product
from engine.store.queries import get_or_create_shop
from tests.profiles.store_fixture import START, add_order, build_shop


def profiles(ctx: AppContext) -> dict[int, CustomerProfile]:
    with session_scope(ctx.engine) as session:
        return {p.customer_id: p for p in session.scalars(select(CustomerProfile))}


def test_build_writes_a_profile_per_customer_with_model_version(app_context: AppContext) -> None:
    ids = build_shop(app_context)
    report = build_profiles(app_context, device="cpu", epochs=2)
    assert report.trained and report.customers == 12 and report.products == 12
    assert report.categories == 3 and report.events == 12 * 4 * 2  # postage is not an event
    assert len(report.training["curves"]) == 2
    stored = profiles(app_context)
    assert set(stored) == set(ids["customers"])
    profile = stored[ids["customers"][0]]
    assert profile.model_version_id == report.model_version_id
    assert set(profile.interests or {}) <= {"Candles", "Mugs", "Cards"}
    assert sum((profile.interests or {}).values()) == pytest.approx(1.0, abs=0.01)
    assert len(profile.next_items or []) == 12
    assert {item for item, _ in profile.next_items or []} == set(ids["products"])
    assert len(profile.embedding or b"") == 4 * 128
    assert profile.features["frequency"] == 4
    assert profile.last_event_at == START + timedelta(days=21)
    with session_scope(app_context.engine) as session:
        version = session.scalars(select(ModelVersion)).one()
        assert version.kind == "gru" and version.metrics and version.metrics["curves"]
        folder = app_context.paths.home / (version.path or "")
        assert (folder / "model.safetensors").exists()
        assert json.loads((folder / "curves.json").read_text())["curves"][0]["epoch"] == 1
    assert any(app_context.paths.tensorboard.iterdir())


def test_incremental_update_matches_a_rebuild_with_the_same_model(app_context: AppContext) -> None:
    ids = build_shop(app_context)
    build_profiles(app_context, device="cpu", epochs=1)
    before = profiles(app_context)
    buyer = ids["customers"][3]
    with session_scope(app_context.engine) as session:
        products = session.scalars(select(Product).where(Product.id.in_(ids["products"][:2]))).all()
        add_order(
            session,
            get_or_create_shop(session).id,
            buyer,
            "#new",
            START + timedelta(days=60),
            list(products),
        )
    update = update_profiles(app_context, device="cpu")
    assert update.customers_updated == 1 and update.new_events == 2
    after = profiles(app_context)
    assert after[buyer].embedding != before[buyer].embedding
    assert after[buyer].last_event_at == START + timedelta(days=60)
    untouched = ids["customers"][0]
    assert after[untouched].embedding == before[untouched].embedding
    assert update_profiles(app_context, device="cpu").customers_updated == 0

    with session_scope(app_context.engine) as session:  # a cancelled order: features only
        add_order(
            session,
            get_or_create_shop(session).id,
            untouched,
            "#void",
            START + timedelta(days=61),
            list(products),
            cancelled=True,
        )
    cancelled = update_profiles(app_context, device="cpu")
    assert cancelled.customers_updated == 1 and cancelled.new_events == 0
    assert profiles(app_context)[untouched].embedding == before[untouched].embedding
    assert update_profiles(app_context, device="cpu").customers_updated == 0

    rebuilt = build_profiles(app_context, device="cpu")  # same model, histories from scratch
    assert not rebuilt.trained
    recomputed = profiles(app_context)[buyer]
    np.testing.assert_allclose(
        np.frombuffer(recomputed.embedding or b"", np.float32),
        np.frombuffer(after[buyer].embedding or b"", np.float32),
        rtol=1e-4,
        atol=1e-5,
    )


def test_drift_report_recommends_retraining_when_new_products_dominate(
    app_context: AppContext,
) -> None:
    ids = build_shop(app_context)
    build_profiles(app_context, device="cpu", epochs=1)
    assert not drift_report(app_context, "cpu").retrain_recommended
    with session_scope(app_context.engine) as session:
        shop_id = get_or_create_shop(session).id
        novelties = [
            Product(shop_id=shop_id, sku=f"NEW-{i}", title=f"New thing {i}", price=3.0)
            for i in range(2)
        ]
        session.add_all(novelties)
        session.flush()
        for n, customer in enumerate(ids["customers"]):
            add_order(
                session, shop_id, customer, f"#late-{n}", START + timedelta(days=90), novelties
            )
    drift = drift_report(app_context, "cpu")
    assert drift.retrain_recommended
    assert drift.signals["unseen_item_share"] == 1.0
    assert any("never seen" in reason for reason in drift.reasons)


def test_profile_cli_prints_one_json_object(
    app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    build_shop(app_context, customers=4, orders_each=2)
    home = str(app_context.paths.home)
    app_context.close()
    assert main(["--home", home, "profile", "--device", "cpu", "--epochs", "1", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["customers"] == 4 and payload["trained"] is True
    assert set(payload["seconds"]) >= {"load", "train", "profiles", "total"}
    assert main(["--home", home, "profile", "--update", "--device", "cpu", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["customers_updated"] == 0
    assert main(["--home", home, "profile", "--drift", "--json"]) == 0
    assert "retrain_recommended" in json.loads(capsys.readouterr().out)
