"""Targeting services on a made-up shop in the store, and the CLI JSON contracts."""

from __future__ import annotations

import json

import pytest

from engine.commands import audience, recommend
from engine.commands.benches import lift
from engine.services.targeting import (
    audience_size_check,
    build_audience,
    explain_member,
    rebuild_audience,
    segments,
)
from engine.services.targeting_backtest import backtest
from engine.services.targeting_customers import recommend_for_customer
from engine.store.db import session_scope
from engine.targeting import sequence_signals
from tests.targeting.synthetic import block_shop, fill_store


def _cli(ctx, module, argv: list[str], capsys) -> dict:  # type: ignore[no-untyped-def]
    import argparse

    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    if module is lift:
        module.register(subparsers.add_parser("bench").add_subparsers())
    else:
        module.register(subparsers)
    args = parser.parse_args(argv)
    capsys.readouterr()
    args.handler(args, ctx)
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # exactly one JSON object
    return json.loads(out)


def test_category_audience_has_scores_reasons_and_respects_opt_outs(shop, capsys) -> None:  # type: ignore[no-untyped-def]
    payload = _cli(
        shop,
        audience,
        [
            "audience",
            "build",
            "--category",
            "Candles",
            "--size",
            "20",
            "--exclude-recent-days",
            "0",
            "--json",
        ],
        capsys,
    )
    members = payload["members"]
    assert len(members) == 20 and payload["kind"] == "category"
    assert all(m["reason"] for m in members)
    assert [m["score"] for m in members] == sorted((m["score"] for m in members), reverse=True)
    assert all(m["customer_id"] % 7 != 0 for m in members)  # customers 7, 14, … declined marketing
    assert payload["excluded"]["no marketing consent"] > 0
    assert sum((m["customer_id"] - 1) % 4 == 0 for m in members) >= 15  # Candles lovers
    assert {c["platform"] for c in payload["size_checks"]} == {"google", "meta"}
    explained = explain_member(shop, payload["id"], members[0]["customer_id"])
    assert explained["reason"] == members[0]["reason"]
    assert explained["segment"] and "weeks" in explained["next_order"]
    assert not audience_size_check(shop, payload["id"], "google").ok


def test_product_audience_and_lookalike_and_segments(shop) -> None:  # type: ignore[no-untyped-def]
    product = build_audience(shop, product="SKU-7", size=15)
    assert product.size == 15 and "Mugs item 7" in product.name
    seed = build_audience(shop, segment="champions")
    look = build_audience(shop, lookalike_seed=seed.id, size=10)
    assert look.size == 10
    again = rebuild_audience(shop, look.id)
    assert again.id == look.id and again.members == look.members  # updated in place
    assert not {m["customer_id"] for m in look.members} & {m["customer_id"] for m in seed.members}
    result = segments(shop)
    assert sum(s["customers"] for s in result["segments"]) == result["customers"]


def test_recommend_and_unknown_inputs(shop, capsys) -> None:  # type: ignore[no-untyped-def]
    payload = _cli(shop, recommend, ["recommend", "--customer", "2", "-n", "5", "--json"], capsys)
    assert len(payload["products"]) == 5 and all(p["reason"] for p in payload["products"])
    assert sum(p["category"] == "Mugs" for p in payload["products"]) >= 4  # customer 2 loves mugs
    with pytest.raises(ValueError, match="unknown category"):
        build_audience(shop, category="Spaceships")
    with pytest.raises(ValueError, match="no customer"):
        recommend_for_customer(shop, 99_999)


def test_bench_lift_contract(shop, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sequence_signals, "EPOCH_RANGE", (1, 1))  # the contract, not the GRU
    payload = _cli(shop, lift, ["bench", "lift", "--cutoff", "2024-09-01", "--json"], capsys)
    assert payload["cutoff"] == "2024-09-01" and payload["customers"] > 100
    assert set(payload["sizes"]) == {"0.01", "0.05", "0.1"}
    for row in payload["sizes"].values():
        assert row["random"] == 1.0 and len(row["ci95"]) == 2
        assert {"model", "rfm", "popularity"} <= set(row)
    assert payload["sizes"]["0.05"]["model"] > 1.5
    assert "random audience" in backtest(shop, window_days=30)["explanation"]


def test_a_product_nobody_bought_borrows_similar_products(app_context) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in block_shop(n_customers=120, days=200) if r[1] != 3]  # SKU-3 never sold
    with session_scope(app_context.engine) as session:
        fill_store(session, rows)
    view = build_audience(app_context, product="SKU-3", size=10, exclude_recent_days=0)
    assert view.size == 10
    assert all(m["reason"].startswith("New product like Candles item") for m in view.members)
    assert sum((m["customer_id"] - 1) % 4 == 0 for m in view.members) >= 8  # the candle lovers


def test_interest_and_churn_audiences(shop) -> None:  # type: ignore[no-untyped-def]
    interested = build_audience(shop, interest="Scarves")
    assert interested.size > 20
    assert all((m["customer_id"] - 1) % 4 == 2 for m in interested.members)  # the scarf lovers
    assert "of their recent purchases were in Scarves" in interested.members[0]["reason"]
    lapsing = build_audience(shop, churn=True)
    stopped = sum(m["customer_id"] % 5 == 0 for m in lapsing.members)  # every 5th stopped buying
    assert lapsing.size > 5 and stopped / lapsing.size > 0.6
    assert "chance they have stopped buying" in lapsing.members[0]["reason"]


def test_clv_shows_uncertainty_and_fills_profiles(shop) -> None:  # type: ignore[no-untyped-def]
    from engine.services.targeting_customers import clv
    from engine.store.models import CustomerProfile

    with session_scope(shop.engine) as session:
        session.add(CustomerProfile(customer_id=5, features={}))
    report = clv(shop, horizon_weeks=26, top=5)
    assert report["customers_modelled"] > 200
    assert {"r", "alpha", "a", "b"} == set(report["purchase_model"])
    assert all(v["se"] > 0 for v in report["purchase_model"].values())
    low, high = report["total_clv_90"]
    assert low <= report["total_clv"] <= high
    assert all("weeks" in row["next_order"] for row in report["customers"])
    segments(shop, store=False)
    with session_scope(shop.engine) as session:
        profile = session.get(CustomerProfile, 5)
        assert profile.clv is not None and profile.churn_risk is not None and profile.segment


def test_audience_list_show_segments_check_print_one_json_object(shop, capsys) -> None:  # type: ignore[no-untyped-def]
    segments_payload = _cli(shop, audience, ["audience", "segments", "--json"], capsys)
    champions = next(s for s in segments_payload["segments"] if s["segment"] == "champions")
    listed = _cli(shop, audience, ["audience", "list", "--json"], capsys)["audiences"]
    assert champions["audience_id"] in {a["id"] for a in listed}
    shown = _cli(
        shop, audience, ["audience", "show", str(champions["audience_id"]), "--json"], capsys
    )
    assert shown["size"] == len(shown["members"])
    assert 0 < shown["size"] <= champions["customers"]  # less the customers who opted out
    checked = _cli(
        shop, audience, ["audience", "check", str(champions["audience_id"]), "--json"], capsys
    )
    assert checked["platform"] == "google" and checked["ok"] is False
