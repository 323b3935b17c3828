"""Made-up campaigns, customers and store rows for the exporter tests (no real people)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from engine.exporters.adset import AdGroupPlan, AdPlan, CampaignPlan, KeywordPlan, TextAsset
from engine.store.models import (
    AdCreative,
    AdSet,
    AdVariant,
    Audience,
    AudienceMember,
    Campaign,
    Customer,
    CustomerContact,
    Product,
    Shop,
)

HEADLINES = [
    "Handmade Mugs, Fired Twice",
    'The "Everyday" Mug',
    "Free UK Delivery Over £30",
    "手工陶瓷杯",
    "Gifts They'll Use ☕",
]
DESCRIPTIONS = [
    "Stoneware mugs glazed by hand in small batches, dishwasher safe.",
    "Order by 2pm for same-day dispatch; gift wrap on request.",
]
URL = "https://shop.example.com/mugs"


def good_ad(name: str = "Mugs v1", **changes: object) -> AdPlan:
    ad = AdPlan(
        name=name,
        headlines=[TextAsset(HEADLINES[0], pin=1), *(TextAsset(h) for h in HEADLINES[1:])],
        descriptions=[TextAsset(DESCRIPTIONS[0]), TextAsset(DESCRIPTIONS[1], pin=2)],
        paths=["mugs", "handmade"],
        primary_texts=["Mugs made by hand, one at a time.\nPick a glaze you love."],
        final_url=URL,
        variant_id=7,
    )
    for key, value in changes.items():
        setattr(ad, key, value)
    return ad


def meta_ad(name: str = "Mugs meta") -> AdPlan:
    return AdPlan(
        name=name,
        headlines=[TextAsset("Handmade mugs, fired twice")],
        descriptions=[TextAsset("Free delivery over £30")],
        primary_texts=['Our "Everyday" mug, made by hand.\nPick a glaze you love.'],
        final_url=URL,
    )


def good_campaign(ads: list[AdPlan] | None = None, **changes: object) -> CampaignPlan:
    campaign = CampaignPlan(
        name="Spring mugs",
        platform="google",
        daily_budget=25.0,
        start_date=date(2026, 3, 1),
        end_date=date(2026, 4, 30),
        ad_groups=[
            AdGroupPlan(
                name="Mug lovers",
                ads=ads if ads is not None else [good_ad()],
                keywords=[
                    KeywordPlan("handmade mug", "exact", 0.45),
                    KeywordPlan("stoneware mug", "phrase"),
                ],
                skus=["MUG-001", "0042"],
                default_bid=0.35,
                targeting={"countries": ["GB", "IE"], "age_min": 25},
            )
        ],
    )
    for key, value in changes.items():
        setattr(campaign, key, value)
    return campaign


def seed_campaign(
    session: Session, platform: str = "google", fields: dict | None = None
) -> Campaign:
    """A campaign → ad set → approved variant chain, as the copy studio would store it."""
    shop = Shop(name="Test pottery", currency="GBP")
    session.add(shop)
    session.flush()
    product = Product(shop_id=shop.id, sku="MUG-001", title="Everyday mug", url=URL)
    audience = Audience(shop_id=shop.id, name="Mug lovers", kind="interest")
    session.add_all([product, audience])
    session.flush()
    campaign = Campaign(
        shop_id=shop.id, name="Spring mugs", platform=platform, daily_budget=25.0,
        start_date=date(2026, 3, 1),
    )  # fmt: skip
    ad_set = AdSet(
        campaign=campaign, name="Mug lovers", audience_id=audience.id, default_bid=0.35,
        keywords=["handmade mug", {"text": "stoneware mug", "match_type": "phrase", "bid": 0.5}],
    )  # fmt: skip
    creative = AdCreative(
        shop_id=shop.id, product_id=product.id, audience_id=audience.id, platform=platform
    )
    default_fields = {  # the copy studio's shape: one list of lines per field (compose.py)
        "headline": [{"text": HEADLINES[0], "pin": 1}, *HEADLINES[1:]],
        "description": DESCRIPTIONS,
        "path": ["mugs"],
        "keyword": ["mug gift"],
        "template_made": {"path": [0]},
    }
    session.add_all([campaign, ad_set, creative])
    session.flush()
    session.add_all([
        AdVariant(creative_id=creative.id, ad_set_id=ad_set.id, name="draft best", rank=1,
                  fields={"headlines": ["Draft only"]}),
        AdVariant(creative_id=creative.id, ad_set_id=ad_set.id, name="approved", rank=2,
                  status="approved", fields=fields or default_fields),
        AdVariant(creative_id=creative.id, ad_set_id=ad_set.id, name="rejected", rank=0,
                  status="rejected", fields={"headlines": ["Rejected"]}),
    ])  # fmt: skip
    session.flush()
    return campaign


def seed_customers(
    session: Session, count: int, audience_name: str | None = None, prefix: str = ""
) -> Audience | None:
    """``count`` made-up customers with contacts; every 5th refused marketing, every 5th unsure.

    ``prefix`` keeps keys and e-mails apart when a test seeds several groups.
    """
    shop = session.query(Shop).first() or Shop(name="Test pottery")
    session.add(shop)
    session.flush()
    audience = Audience(shop_id=shop.id, name=audience_name, kind="rfm") if audience_name else None
    if audience:
        session.add(audience)
        session.flush()
    for index in range(count):
        customer = Customer(
            shop_id=shop.id, key=f"{prefix}{index}", country="United Kingdom", country_code="GB",
            city="Leeds", region="West Yorkshire", zip="'LS1 4AP",
            accepts_marketing=False if index % 5 == 4 else (None if index % 5 == 3 else True),
        )  # fmt: skip
        customer.contact = CustomerContact(
            email=f"  Person.{prefix}{index}@Example.COM ", phone=f"07700 9{index:05d}",
            first_name="Zoë", last_name=f"O'Brien-{index}",
        )  # fmt: skip
        session.add(customer)
        session.flush()
        if audience:
            session.add(AudienceMember(audience_id=audience.id, customer_id=customer.id, score=1.0))
    session.flush()
    return audience
