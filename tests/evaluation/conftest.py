"""Fixtures for the evaluation tests: the report files and a store with campaigns to match."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


@pytest.fixture
def report_file():
    """Path of a fixture report by name (regenerate them with make_fixtures.py)."""

    def _path(name: str) -> Path:
        path = FIXTURES / name
        assert path.exists(), f"missing fixture {name}; run tests/fixtures/reports/make_fixtures.py"
        return path

    return _path


@pytest.fixture
def shop_with_campaigns(app_context):
    """A store holding the campaigns, ad sets and variants the fixture reports talk about."""
    from engine.store.db import session_scope
    from engine.store.models import AdCreative, AdSet, AdVariant, Audience, Campaign
    from engine.store.queries import get_or_create_shop

    with session_scope(app_context.engine) as session:
        shop = get_or_create_shop(session)
        loyal = Audience(shop_id=shop.id, name="Loyal buyers", kind="rfm", size=120)
        lapsed = Audience(shop_id=shop.id, name="Lapsed buyers", kind="churn", size=800)
        session.add_all([loyal, lapsed])
        session.flush()
        spring = Campaign(shop_id=shop.id, name="spring  tea SALE", platform="meta")
        brand = Campaign(shop_id=shop.id, name="Brand", platform="google", external_id="2033333333")
        session.add_all([spring, brand])
        session.flush()
        loyal_set = AdSet(campaign_id=spring.id, name="Loyal Buyers", audience_id=loyal.id)
        lapsed_set = AdSet(campaign_id=spring.id, name="lapsed buyers", audience_id=lapsed.id)
        session.add_all([loyal_set, lapsed_set])
        session.flush()
        creative = AdCreative(shop_id=shop.id, platform="meta", language="en", audience_id=loyal.id)
        session.add(creative)
        session.flush()
        for name, ad_set, headline in (
            ("Variant A", loyal_set, "Fresh spring tea, 20% off"),
            ("Variant B", loyal_set, "Your favourite tea is back!"),
            ("Variant A", lapsed_set, "We miss you: free delivery on tea"),
        ):
            session.add(AdVariant(creative_id=creative.id, ad_set_id=ad_set.id, name=name,
                                  fields={"headlines": [headline]}))  # fmt: skip
        ids = {"spring": spring.id, "brand": brand.id, "loyal_set": loyal_set.id,
               "lapsed_set": lapsed_set.id, "loyal": loyal.id, "lapsed": lapsed.id}  # fmt: skip
    return ids
