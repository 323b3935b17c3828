"""Use case: turn an audience and a product (or category) into a draft campaign per platform.

``plan_campaign`` picks or builds the audience through the targeting service, writes copy through
the copy service, and stores ``Campaign`` → ``AdSet`` → linked ``AdVariant`` rows that
``pinpoint export`` turns into upload files. ``plan_from_recommendations`` does it for the shop's
best sellers on several platforms at once (the "do it for me" button).

One plan is one transaction: the targeting and copy services open their own sessions, so they
get a context whose ``engine`` is a single connection inside an open transaction — their commits
only flush into it (SQLAlchemy's "join an external transaction"). Cancelling, or any error,
rolls back the audience, the copy and the campaign together. The database write lock is held
while copy is written, so other writes wait (the desktop runs writes one at a time anyway).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any

from engine.campaigns.adsets import ad_set_targeting, choose_variants
from engine.campaigns.keywords import keywords_for
from engine.campaigns.landing import SHOP_URL_SETTING, landing_page
from engine.campaigns.plan import CampaignPlan
from engine.campaigns.platforms import (
    OBJECTIVE,
    PLATFORMS,
    PlatformSpec,
    audience_size_for,
    platform_spec,
    starting_bid,
)
from engine.campaigns.records import (
    audience_countries,
    audience_summary,
    creative_variants,
    list_campaigns,
    reusable_audience,
    save_campaign,
    unique_campaign_name,
)
from engine.campaigns.targets import (
    Target,
    TargetKind,
    best_sellers,
    category_target,
    product_target,
)
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.services.copywriting import audience_facts, model_folder, product_facts, write_copy
from engine.services.targeting import build_audience
from engine.store.db import session_scope
from engine.store.models import AdSet, Campaign
from engine.store.queries import get_or_create_shop
from engine.targeting.platform_minimums import AUDIENCE_RULES, check_size

DEMO_SHOP_URL = "https://sample-gift-shop.example"  # the made-up sample shop's address


@dataclass(frozen=True)
class PlanOptions:
    daily_budget: float = 10.0
    final_url: str | None = None  # the landing page the merchant typed (wins over the rest)
    shop_url: str | None = None  # overrides Settings.extra["shop_url"]
    copy_lang: str = "en"
    n_variants: int = 3
    tone: str = "friendly"
    days: int | None = None  # run length; None = until the merchant stops it
    exclude_recent_days: int = 30
    require_consent: bool = False

    def checked(self) -> PlanOptions:
        if not self.daily_budget > 0:
            raise ValueError(f"the daily budget must be above 0 (got {self.daily_budget:g})")
        if self.n_variants < 1:
            raise ValueError("write at least one ad variant (n_variants ≥ 1)")
        if self.days is not None and self.days < 1:
            raise ValueError("a campaign runs at least one day")
        return self


@dataclass(frozen=True)
class ChosenAudience:
    id: int
    name: str
    size: int
    built: bool
    notes: tuple[str, ...] = ()


@contextmanager
def one_transaction(ctx: AppContext) -> Iterator[AppContext]:
    """A context for services whose every session writes into one transaction (see module doc)."""
    with ctx.engine.connect() as connection:
        transaction = connection.begin()
        scoped = ctx.bound_to(connection)
        try:
            yield scoped
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
        if not transaction.is_active:
            raise RuntimeError("a step of the plan rolled the transaction back; nothing was saved")
        transaction.commit()


def _require_copy_model(ctx: AppContext, lang: str) -> None:
    """Fail before any slow work when no copy model can be loaded, saying which is missing."""
    from engine.copywriting.loading import ModelFolderError, check_model_folder

    try:
        check_model_folder(model_folder(ctx, lang))
    except ModelFolderError as error:
        raise ValueError(
            f"cannot write ads: {error}. Choose a copy model folder in Settings "
            "(copy_model_dir) or install the bundled models (make train-copy-models)"
        ) from error


def _audience(
    tx: AppContext,
    target: Target,
    platforms: Sequence[str],
    audience_id: int | None,
    options: PlanOptions,
    progress: ProgressFn,
    cancel: CancelToken | None,
) -> ChosenAudience:
    """The merchant's audience, else a stored one for the same target, else a new one."""
    wanted = audience_size_for(list(platforms))
    with session_scope(tx.engine) as session:
        reuse = audience_id or reusable_audience(
            session, target.kind, target.key, wanted,
            options.exclude_recent_days, options.require_consent,
        )  # fmt: skip
        if reuse:
            stored = audience_summary(session, reuse)
            return ChosenAudience(stored["id"], stored["name"], stored["size"], built=False)
    view = build_audience(
        tx, size=wanted, exclude_recent_days=options.exclude_recent_days,
        require_consent=options.require_consent, progress=progress, cancel=cancel,
        **target.audience_request(),
    )  # fmt: skip
    notes = []
    if view.size < wanted:
        left_out = "; ".join(f"{n:,} {why}" for why, n in view.excluded.items() if n)
        notes.append(
            f"only {view.size:,} customers qualify for {target.label!r} (asked for {wanted:,}"
            + (f"; left out: {left_out})" if left_out else ")")
        )
    return ChosenAudience(view.id, view.name, view.size, built=True, notes=tuple(notes))


def _size_checks(audience: ChosenAudience, spec: PlatformSpec) -> list[dict[str, Any]]:
    return [asdict(check_size(audience.size, spec.key))] if spec.key in AUDIENCE_RULES else []


def _plan_one(
    tx: AppContext,
    spec: PlatformSpec,
    target: Target,
    audience: ChosenAudience,
    options: PlanOptions,
    progress: ProgressFn,
    cancel: CancelToken | None,
) -> CampaignPlan:
    from engine.copywriting.compose import CopyRequest

    shop_url = options.shop_url or str(tx.settings.extra.get(SHOP_URL_SETTING) or "") or None
    landing = landing_page(
        options.final_url, target.product_url, shop_url, target.label, target.kind == "category"
    )
    with session_scope(tx.engine) as session:
        request = CopyRequest(
            product_facts(session, target.product_id), spec.key, options.copy_lang, options.tone,
            audience_facts(session, audience.id), n=options.n_variants,
        )  # fmt: skip
    copy = write_copy(
        tx, request, scaled(progress, 0.0, 0.9), cancel, save=True,
        product_id=target.product_id, audience_id=audience.id,
    )  # fmt: skip
    if cancel is not None:
        cancel.check()
    if copy.creative_id is None:
        raise RuntimeError("the copy service wrote the ads but did not store them")
    size_checks = _size_checks(audience, spec)
    warnings = [*audience.notes, *(c["message"] for c in size_checks if not c["ok"])]
    if landing.problem:
        warnings.append(landing.problem)
    with session_scope(tx.engine) as session:
        chosen, skipped = choose_variants(creative_variants(session, copy.creative_id))
        if not chosen:
            warnings.append(
                f"none of the {len(skipped)} variants is free of violations, so the ad set has no "
                "ads yet; write copy again or fix a variant in the copy studio"
            )
        countries = audience_countries(session, audience.id)
        if spec.key == "meta" and not countries:
            warnings.append(
                f"none of the audience's {audience.size:,} customers has a country code, so the "
                "Meta ad set targets no location; set the countries in Ads Manager"
            )
        targeting = ad_set_targeting(
            countries, audience.size, target.skus if spec.needs_skus else ()
        )
        keywords = keywords_for(spec.key, target.titles, target.category) if spec.search else []
        bid = starting_bid(options.daily_budget) if spec.search else None
        shop_id = get_or_create_shop(session).id
        start = date.today()
        campaign = Campaign(
            shop_id=shop_id,
            name=unique_campaign_name(session, shop_id, f"{target.label} - {spec.label}"),
            platform=spec.key, objective=OBJECTIVE, status="draft",
            daily_budget=options.daily_budget, start_date=start,
            end_date=start + timedelta(days=options.days - 1) if options.days else None,
            final_url=landing.url,
        )  # fmt: skip
        ad_set = AdSet(
            name=audience.name[:300], audience_id=audience.id, default_bid=bid,
            keywords=keywords, targeting=targeting,
        )  # fmt: skip
        campaign_id, ad_set_id = save_campaign(session, campaign, ad_set, chosen)
    progress(1.0, f"Campaign {campaign.name!r} planned")
    return CampaignPlan(
        campaign_id=campaign_id, name=campaign.name, platform=spec.key, objective=OBJECTIVE,
        status="draft", daily_budget=options.daily_budget, start_date=start,
        end_date=campaign.end_date, final_url=landing.url, final_url_source=landing.source,
        target=target.describe(),
        audience={"id": audience.id, "name": audience.name, "size": audience.size,
                  "built": audience.built},
        size_checks=size_checks, ad_set_id=ad_set_id, default_bid=bid, keywords=keywords,
        targeting=targeting, creative_id=copy.creative_id,
        linked_variant_ids=[v.id for v in chosen],
        skipped_variants=[asdict(s) for s in skipped],
        copy={"model": copy.model, "quantization": copy.quantization, "seconds": copy.seconds,
              "variants": len(copy.variants)},
        warnings=warnings,
    )  # fmt: skip


def plan_campaign(
    ctx: AppContext,
    platform: str,
    product: str | None = None,
    category: str | None = None,
    audience_id: int | None = None,
    daily_budget: float = 10.0,
    final_url: str | None = None,
    copy_lang: str = "en",
    n_variants: int = 3,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    options: PlanOptions | None = None,
) -> CampaignPlan:
    """Plan one draft campaign for ``product`` (SKU) or ``category`` (name) on ``platform``.

    ``options`` carries the rarer settings (tone, run length, exclusions, shop address); the
    explicit arguments win over it.
    """
    if (product is None) == (category is None):
        raise ValueError("choose exactly one of a product (SKU) or a category to advertise")
    spec = platform_spec(platform)
    chosen = replace(
        options or PlanOptions(), daily_budget=daily_budget, final_url=final_url,
        copy_lang=copy_lang, n_variants=n_variants,
    ).checked()  # fmt: skip
    _require_copy_model(ctx, chosen.copy_lang)
    progress(0.0, "Reading the product")
    with one_transaction(ctx) as tx:
        with session_scope(tx.engine) as session:
            target = (
                product_target(session, product)
                if product is not None
                else category_target(session, str(category))
            )
        audience = _audience(
            tx, target, [platform], audience_id, chosen, scaled(progress, 0.05, 0.4), cancel
        )
        return _plan_one(tx, spec, target, audience, chosen, scaled(progress, 0.4, 1.0), cancel)


def plan_from_recommendations(
    ctx: AppContext,
    platforms: Sequence[str],
    top_n: int = 1,
    by: TargetKind = "category",
    options: PlanOptions | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> list[CampaignPlan]:
    """One campaign per platform for each of the ``top_n`` best-selling categories (or
    products), sharing one audience per target; all of it one transaction."""
    specs = [platform_spec(p) for p in dict.fromkeys(platforms)]
    if not specs or top_n < 1:
        raise ValueError("choose at least one platform and at least one product or category")
    chosen = (options or PlanOptions()).checked()
    _require_copy_model(ctx, chosen.copy_lang)
    plans: list[CampaignPlan] = []
    with one_transaction(ctx) as tx:
        with session_scope(tx.engine) as session:
            keys = best_sellers(session, by, top_n)
            if not keys:
                raise ValueError("the store has no sales yet: import orders first")
            targets = [
                product_target(session, k) if by == "product" else category_target(session, k)
                for k in keys
            ]
        steps = len(targets) * (len(specs) + 1)
        for t, target in enumerate(targets):
            step = t * (len(specs) + 1)
            audience = _audience(
                tx, target, [s.key for s in specs], None, chosen,
                scaled(progress, step / steps, (step + 1) / steps), cancel,
            )  # fmt: skip
            for s, spec in enumerate(specs, start=step + 1):
                part = scaled(progress, s / steps, (s + 1) / steps)
                plans.append(_plan_one(tx, spec, target, audience, chosen, part, cancel))
    progress(1.0, f"{len(plans)} campaigns planned")
    return plans


def campaigns(ctx: AppContext) -> list[dict[str, Any]]:
    """Every stored campaign with its ad sets (``pinpoint campaign list``)."""
    with session_scope(ctx.engine) as session:
        return list_campaigns(session)


def demo_campaigns(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    """Demo stage: a draft campaign on every platform for the sample shop's best category.

    The sample shop has no web address, so its made-up ``.example`` address stands in unless
    Settings has one. Without a copy model the stage is skipped, saying which one is missing.
    """
    try:
        _require_copy_model(ctx, "en")
    except ValueError as missing:
        return {"skipped": str(missing)}
    shop_url = str(ctx.settings.extra.get(SHOP_URL_SETTING) or DEMO_SHOP_URL)
    options = PlanOptions(daily_budget=10.0, shop_url=shop_url, n_variants=2)
    plans = plan_from_recommendations(
        ctx, list(PLATFORMS), top_n=1, options=options, progress=progress, cancel=cancel
    )
    return {
        "target": plans[0].target["label"],
        "campaign_ids": [p.campaign_id for p in plans],
        "ads_linked": {p.platform: len(p.linked_variant_ids) for p in plans},
        "audience": f"{plans[0].audience['name']} ({plans[0].audience['size']} customers)",
        "landing_page": plans[0].final_url,
        "warnings": list(dict.fromkeys(w for p in plans for w in p.warnings)),
    }
