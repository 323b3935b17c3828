"""Which ads an ad set exports: only what is linked to it or what the merchant approved."""

from __future__ import annotations

from engine.exporters.source import load_campaigns
from engine.store.db import session_scope
from engine.store.models import AdVariant
from tests.exporters.factories import seed_campaign

WARNED = [{"rule": "unsupported_claim", "severity": "warning", "message": "claims 'organic'"}]


def _exported_ads(session) -> list[str]:  # type: ignore[no-untyped-def]
    (campaign,) = load_campaigns(session, "google-ads-editor")
    return [ad.name for group in campaign.ad_groups for ad in group.ads]


def test_an_ad_set_the_planner_left_empty_never_borrows_unapproved_copy(app_context) -> None:  # type: ignore[no-untyped-def]
    """The planner linked nothing (every variant was warned): drafts, warned and rejected
    variants of the audience's copy must not reappear in the upload."""
    with session_scope(app_context.engine) as session:
        seed_campaign(session)
        session.query(AdVariant).update({"ad_set_id": None})
        session.query(AdVariant).filter_by(status="approved").update(
            {"status": "draft", "violations": WARNED}
        )
        session.flush()
        assert _exported_ads(session) == []


def test_an_unlinked_ad_set_takes_only_the_approved_copy_of_its_audience(app_context) -> None:  # type: ignore[no-untyped-def]
    with session_scope(app_context.engine) as session:
        seed_campaign(session)
        session.query(AdVariant).update({"ad_set_id": None})
        session.flush()
        assert _exported_ads(session) == ["approved"]


def test_linked_variants_are_exported_and_rejected_ones_are_not(app_context) -> None:  # type: ignore[no-untyped-def]
    with session_scope(app_context.engine) as session:
        seed_campaign(session)
        session.flush()
        assert _exported_ads(session) == ["approved"]
        session.query(AdVariant).filter_by(status="approved").update({"status": "rejected"})
        session.flush()
        session.expire_all()
        assert _exported_ads(session) == ["draft best"]
