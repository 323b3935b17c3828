# ruff: noqa: E501  (CSV rows read best one per line)
"""SIMULATED ad results for the demo: the sample shop has no ad account, so we make one up.

Everything made here is labelled as simulated — campaign names start with ``[SIMULATED]``,
their status is ``simulated``, and the CSV's title line says so — and the report is written in
the Google Ads UI layout (title, date range, header, `Total:` rows, quoted thousands, ` --`)
so the demo exercises the real reader, matcher, metrics and HTML report end to end.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.store.models import (
    AdCreative,
    AdSet,
    AdVariant,
    Audience,
    Campaign,
    Order,
    OrderLine,
    Product,
)
from engine.store.queries import get_or_create_shop

PREFIX = "[SIMULATED] "
TITLE = "Campaign report (SIMULATED by the Pinpoint demo - not real data)"
HEADER = ["Campaign status", "Campaign", "Campaign ID", "Campaign type", "Impr.", "Clicks", "CTR",
          "Currency code", "Cost", "Conversions", "Cost / conv.", "Conv. value"]  # fmt: skip
FALLBACK_PRODUCTS = ["Gift sets", "Home decor", "Seasonal favourites"]


@dataclass(frozen=True, slots=True)
class SimulatedCampaign:
    name: str
    external_id: str
    unit_value: float  # average order line value, for the simulated conversion value


def _top_products(session: Session, count: int) -> list[tuple[int | None, str, float]]:
    revenue = func.sum(OrderLine.quantity * OrderLine.unit_price)
    rows = session.execute(
        select(Product.id, Product.title, revenue, func.count(OrderLine.id))
        .join(OrderLine, OrderLine.product_id == Product.id)
        .where(Product.is_non_product.is_(False), OrderLine.state == "ok")
        .group_by(Product.id)
        .order_by(revenue.desc())
        .limit(count)
    ).all()
    found: list[tuple[int | None, str, float]] = [
        (pid, title, float(total or 0) / max(lines, 1)) for pid, title, total, lines in rows
    ]
    return found or [(None, name, 25.0) for name in FALLBACK_PRODUCTS[:count]]


def ensure_campaigns(session: Session, count: int = 3) -> list[SimulatedCampaign]:
    """The demo's simulated Google campaigns, one per top-selling product (reused on re-runs).

    When audiences exist (the targeting stage ran), each campaign targets one of the largest,
    with a creative for its product, so store-attributed revenue can be shown.
    """
    shop = get_or_create_shop(session)
    existing = {
        c.name: c
        for c in session.scalars(
            select(Campaign).where(Campaign.shop_id == shop.id, Campaign.status == "simulated")
        )
    }
    audiences = session.scalars(
        select(Audience)
        .where(Audience.shop_id == shop.id)
        .order_by(Audience.size.desc())
        .limit(count)
    ).all()
    made = []
    for k, (product_id, title, unit_value) in enumerate(_top_products(session, count)):
        name = f"{PREFIX}{title[:60]}"
        if name in existing:
            made.append(SimulatedCampaign(name, existing[name].external_id or "", unit_value))
            continue
        campaign = Campaign(shop_id=shop.id, name=name, platform="google",
                            external_id=f"SIM-{k + 1}", status="simulated", objective="sales")  # fmt: skip
        session.add(campaign)
        if audiences:
            audience = audiences[k % len(audiences)]
            ad_set = AdSet(
                campaign=campaign, name=f"{PREFIX}{audience.name[:60]}", audience_id=audience.id
            )
            creative = AdCreative(shop_id=shop.id, product_id=product_id, audience_id=audience.id,
                                  platform="google", language="en")  # fmt: skip
            creative.variants = [
                AdVariant(name=f"{PREFIX}ad", ad_set=ad_set, fields={"headline": [title[:30]]})
            ]
            session.add_all([ad_set, creative])
        made.append(SimulatedCampaign(campaign.name, campaign.external_id or "", unit_value))
    session.flush()
    return made


def report_period(session: Session, days: int = 28) -> tuple[date, date]:
    """The last ``days`` days of the shop's orders (so store attribution has orders to join)."""
    last = session.scalar(select(func.max(Order.placed_at)))
    end = last.date() if last else date.today()
    return end - timedelta(days=days - 1), end


def google_report_csv(
    campaigns: list[SimulatedCampaign], start: date, end: date, seed: int = 7
) -> str:
    """A Google Ads UI campaign report with seeded, plausible numbers and its Total rows."""
    rng = np.random.default_rng(seed)
    lines = [TITLE, f'"{start:%B} {start.day}, {start.year} - {end:%B} {end.day}, {end.year}"']
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    totals = [0.0, 0.0, 0.0, 0.0]
    for campaign in campaigns:
        impressions = int(rng.integers(4_000, 60_000))
        clicks = int(rng.binomial(impressions, rng.uniform(0.01, 0.05)))
        cost = round(clicks * rng.uniform(0.3, 1.4), 2)
        conversions = int(rng.binomial(clicks, rng.uniform(0.02, 0.08)))
        value = round(conversions * campaign.unit_value, 2)
        totals = [
            t + v for t, v in zip(totals, (impressions, clicks, cost, conversions), strict=True)
        ]
        writer.writerow(["Enabled", campaign.name, campaign.external_id, "Search", f"{impressions:,}",
                         f"{clicks:,}", f"{100 * clicks / impressions:.2f}%", "GBP", f"{cost:,.2f}",
                         f"{conversions:.2f}", f"{cost / conversions:,.2f}" if conversions else " --",
                         f"{value:,.2f}"])  # fmt: skip
    total_impressions, total_clicks, total_cost, total_conversions = totals
    for label in ("Total: Account", "Total: Search", "Total: Campaigns"):
        writer.writerow([label, "", "", "", f"{int(total_impressions):,}", f"{int(total_clicks):,}",
                         f"{100 * total_clicks / total_impressions:.2f}%", "GBP", f"{total_cost:,.2f}",
                         f"{total_conversions:.2f}", " --", " --"])  # fmt: skip
    return "\n".join(lines) + "\n" + buffer.getvalue()


def write_simulated_report(session: Session, folder: Path) -> Path:
    """Make (or reuse) the simulated campaigns and write their report CSV under ``folder``."""
    campaigns = ensure_campaigns(session)
    start, end = report_period(session)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "SIMULATED_google_ads_campaign_report.csv"
    path.write_text(google_report_csv(campaigns, start, end), encoding="utf-8")
    return path
