"""From a request ("200 customers for Candles, no recent buyers") to ranked members with reasons.

Pure logic on a fitted :class:`~engine.targeting.scoring.AudienceScorer`; the service layer
loads the store and saves the result. Exclusions are applied *before* taking the top N, so the
audience is N customers the merchant may actually contact:

* customers who said no to marketing (Shopify's "Accepts Marketing" = no) are always left out;
  unknown consent is kept unless ``require_consent`` is set;
* recent buyers of the target (default: the last 30 days) are left out of product and category
  audiences — advertising what they just bought wastes money.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

import numpy as np

from engine.targeting.audiences.churn import MEDIUM_RISK, churn_table
from engine.targeting.audiences.interest import interest_from_purchases, interest_segment
from engine.targeting.audiences.lookalike import lookalike_scores
from engine.targeting.audiences.rfm import SEGMENTS, RfmTable
from engine.targeting.coldstart import stand_in_products
from engine.targeting.explain import RECENT_DAYS, MemberFacts, member_reason
from engine.targeting.interactions import SECONDS_PER_DAY, CustomerInfo, Purchases, to_seconds
from engine.targeting.scoring import AudienceScorer, column_percentiles
from engine.targeting.wording import days_ago, plural

AudienceKind = Literal["product", "category", "segment", "lookalike", "interest", "churn"]
INTEREST_THRESHOLD = 0.3  # θ (or purchase share) a customer needs to join an interest segment


@dataclass(frozen=True)
class AudienceRequest:
    kind: AudienceKind
    target: str | None = None  # SKU, category name or segment name
    size: int | None = None  # None: all who qualify (segment, interest, churn), else 10%
    seed_customers: tuple[int, ...] = ()  # lookalike seed
    exclude_recent_days: int = 30
    require_consent: bool = False

    def definition(self) -> dict[str, object]:
        """Stored with the audience so it can be rebuilt on newer data."""
        return {
            "kind": self.kind,
            "target": self.target,
            "size": self.size,
            "seed_customers": list(self.seed_customers),
            "exclude_recent_days": self.exclude_recent_days,
            "require_consent": self.require_consent,
        }


@dataclass(frozen=True)
class Member:
    customer_id: int
    score: float
    reason: str


@dataclass
class BuiltAudience:
    name: str
    members: list[Member]
    candidates: int
    excluded: dict[str, int] = field(default_factory=dict)


def _consent_mask(customers: np.ndarray, info: dict[int, CustomerInfo], strict: bool) -> np.ndarray:
    consent = [
        info.get(int(c), CustomerInfo(None, None, None)).accepts_marketing for c in customers
    ]
    return np.array([(c is True) if strict else (c is not False) for c in consent])


def _recent_target_lines(
    purchases: Purchases, scorer: AudienceScorer, kind: str, target: int, days: int
) -> np.ndarray:
    """Order lines in the target within ``days`` before the scorer's 'now', per customer."""
    since = to_seconds(scorer.now_ - timedelta(days=days))
    column = purchases.product if kind == "product" else purchases.category
    mask = (
        (column == target) & (purchases.time >= since) & (purchases.time < to_seconds(scorer.now_))
    )
    rows = np.searchsorted(scorer.customers_, purchases.customer[mask])
    return np.bincount(rows, minlength=len(scorer.customers_))


def _target_facts(
    purchases: Purchases, scorer: AudienceScorer, kind: Literal["product", "category"], target: int
) -> tuple[np.ndarray, list[MemberFacts]]:
    components = scorer.components(kind, np.array([target]))
    percentiles = {name: column_percentiles(value)[:, 0] for name, value in components.items()}
    recent = _recent_target_lines(purchases, scorer, kind, target, RECENT_DAYS)
    total = _recent_target_lines(purchases, scorer, kind, target, 100_000)
    column = purchases.product if kind == "product" else purchases.category
    last_seen = np.full(len(scorer.customers_), np.nan)
    mask = column == target
    np.fmax.at(
        last_seen,
        np.searchsorted(scorer.customers_, purchases.customer[mask]),
        purchases.time[mask],
    )
    days_since = (to_seconds(scorer.now_) - last_seen) / SECONDS_PER_DAY
    catalog = scorer.catalog_
    label = catalog.category_names[target] if kind == "category" else catalog.titles[target]
    category = catalog.category_names[target if kind == "category" else catalog.category[target]]

    def used(name: str) -> np.ndarray | None:
        """A signal's percentiles when it carries weight in the blend (else it is no reason)."""
        return percentiles[name] if scorer.weights.get(name, 0.0) > 0 else None

    similar, activity, sequence = used("collaborative"), used("activity"), used("sequence")
    theta = scorer.theta_for(kind, np.array([target]))[:, 0]
    interest = theta if used("interest") is not None else None
    facts = [
        MemberFacts(
            target=label,
            items_in_target_recent=int(recent[i]),
            items_in_target_total=int(total[i]),
            days_since_last_in_target=None if np.isnan(days_since[i]) else float(days_since[i]),
            segment=str(scorer.rfm_.segment[i]),
            similar_customers_signal=None if similar is None else float(similar[i]),
            activity_signal=None if activity is None else float(activity[i]),
            interest=None if interest is None else float(interest[i]),
            interest_category=category,
            next_purchase_signal=None if sequence is None else float(sequence[i]),
            is_product=kind == "product",
        )
        for i in range(len(scorer.customers_))
    ]
    return scorer.score(kind, np.array([target]))[:, 0], facts


def _new_product(
    purchases: Purchases, scorer: AudienceScorer, target: int
) -> tuple[np.ndarray, list[str]]:
    """Cold start: a product nobody bought yet borrows its most similar bought products'
    audiences (weighted by similarity); each member's reason names the one that put them there."""
    stand_ins = stand_in_products(purchases.before(scorer.now_), target)
    if not stand_ins:
        raise ValueError(
            f"{scorer.catalog_.titles[target]!r} has no sales yet and no similar product has any: "
            "target a category instead"
        )
    products = np.array([p for p, _ in stand_ins])
    similarity = np.array([s for _, s in stand_ins])
    per_product = scorer.score("product", products)
    scores = per_product @ (similarity / similarity.sum())
    best = np.argmax(per_product * similarity, axis=1)
    facts = {
        j: _target_facts(purchases, scorer, "product", int(p))[1] for j, p in enumerate(products)
    }
    reasons = []
    for i, j in enumerate(best):
        because = member_reason(facts[int(j)][i])
        title = scorer.catalog_.titles[products[j]]
        reasons.append(f"New product like {title}: {because[:1].lower()}{because[1:]}")
    return scores, reasons


def _interest(
    request: AudienceRequest, scorer: AudienceScorer
) -> tuple[np.ndarray, list[str], str]:
    """Interest θ from profiles when they exist, else the share of recent purchases."""
    if not request.target:
        raise ValueError("an interest audience needs a category")
    column = scorer.catalog_.category_index(request.target)
    category = scorer.catalog_.category_names[column]
    if scorer.signals_ is not None and scorer.has_interest_:
        scores = scorer.signals_.theta[:, column]
        reasons = [f"{s:.0%} of their predicted interest is in {category}" for s in scores]
    else:
        scores = interest_from_purchases(scorer.category_affinity_, column)
        reasons = [f"{s:.0%} of their recent purchases were in {category}" for s in scores]
    return scores, reasons, f"Interested in {category}"


def _churn(
    purchases: Purchases, scorer: AudienceScorer, info: dict[int, CustomerInfo]
) -> tuple[np.ndarray, list[str], str]:
    """Repeat customers who have probably stopped buying, most spend at stake first."""
    table = churn_table(purchases, scorer.now_)
    rows = np.searchsorted(table.customers, scorer.customers_)
    risk = table.outlook.churn_risk[rows]
    repeat = table.summary.frequency[rows] > 0
    spend = scorer.rfm_.monetary
    scores = np.where(repeat & (risk >= MEDIUM_RISK), risk * np.maximum(spend, 0), 0.0)
    reasons = [
        f"{risk[i]:.0%} chance they have stopped buying: last order "
        f"{days_ago(scorer.rfm_.recency_days[i])}, {_order_totals(info, customer)}"
        for i, customer in enumerate(scorer.customers_)
    ]
    return scores, reasons, "Valuable customers at risk of lapsing"


def _order_totals(info: dict[int, CustomerInfo], customer: int) -> str:
    """Orders and spend as the customers table shows them (not the product-line counts the
    models use), so one customer never reads two different totals."""
    known = info.get(int(customer), CustomerInfo(None, None, None))
    return f"{plural(known.orders, 'order')}, {known.spent:,.2f} spent"


def _segment_reason(rfm: RfmTable, i: int, info: dict[int, CustomerInfo]) -> str:
    return (
        f"{str(rfm.segment[i]).capitalize()}: last order {days_ago(rfm.recency_days[i])}, "
        f"{_order_totals(info, rfm.customers[i])}"
    )


def build(
    request: AudienceRequest,
    scorer: AudienceScorer,
    purchases: Purchases,
    info: dict[int, CustomerInfo],
    embeddings: np.ndarray | None = None,
) -> BuiltAudience:
    """Rank every known customer for the request, apply exclusions, keep the top ``size``."""
    customers = scorer.customers_
    catalog = scorer.catalog_
    keep = _consent_mask(customers, info, request.require_consent)
    excluded = {"no marketing consent": int((~keep).sum())}
    reasons: list[str]
    if request.kind in ("product", "category"):
        if not request.target:
            raise ValueError(f"a {request.kind} audience needs a {request.kind} to target")
        kind: Literal["product", "category"] = request.kind
        target = (
            catalog.product_index(request.target)
            if kind == "product"
            else catalog.category_index(request.target)
        )
        if kind == "product" and not np.any(purchases.before(scorer.now_).product == target):
            scores, reasons = _new_product(purchases, scorer, target)
            label = catalog.titles[target]
        else:
            scores, facts = _target_facts(purchases, scorer, kind, target)
            reasons = [member_reason(f) for f in facts]
            label = facts[0].target
        if request.exclude_recent_days > 0:
            recent = (
                _recent_target_lines(purchases, scorer, kind, target, request.exclude_recent_days)
                > 0
            )
            excluded[f"bought it in the last {plural(request.exclude_recent_days, 'day')}"] = int(
                (recent & keep).sum()
            )
            keep &= ~recent
        name = f"Likely buyers of {label}"
    elif request.kind == "segment":
        return build_segment(request, scorer.rfm_, info)
    elif request.kind == "lookalike":
        seed = np.isin(customers, np.asarray(request.seed_customers, dtype=np.int64))
        space = embeddings if embeddings is not None else scorer.mf_.customer_factors_
        scores = lookalike_scores(space, seed)
        keep &= ~seed
        reasons = ["buys like the customers in the seed audience"] * len(customers)
        name = f"Lookalike of {plural(int(seed.sum()), 'customer')}"
    elif request.kind == "interest":
        scores, reasons, name = _interest(request, scorer)
        keep &= interest_segment(scores, INTEREST_THRESHOLD)
    elif request.kind == "churn":
        scores, reasons, name = _churn(purchases, scorer, info)
        keep &= scores > 0
    else:
        raise ValueError(f"unknown audience kind {request.kind!r}")
    if request.kind in ("interest", "churn") and request.size is None:
        return _top(name, customers, scores, reasons, keep, int(keep.sum()), excluded)
    size = request.size if request.size is not None else max(1, len(customers) // 10)
    return _top(name, customers, scores, reasons, keep, size, excluded)


def _top(
    name: str,
    customers: np.ndarray,
    scores: np.ndarray,
    reasons: list[str],
    keep: np.ndarray,
    size: int,
    excluded: dict[str, int],
) -> BuiltAudience:
    candidates = np.flatnonzero(keep)
    ranked = candidates[np.lexsort((customers[candidates], -scores[candidates]))][:size]
    members = [Member(int(customers[i]), float(scores[i]), reasons[i]) for i in ranked]
    return BuiltAudience(name=name, members=members, candidates=len(candidates), excluded=excluded)


def build_segment(
    request: AudienceRequest, rfm: RfmTable, info: dict[int, CustomerInfo]
) -> BuiltAudience:
    """An RFM segment's members, best RFM score first (needs no fitted model)."""
    if request.target not in SEGMENTS:
        raise ValueError(
            f"unknown segment {request.target!r}; expected one of: {', '.join(SEGMENTS)}"
        )
    keep = _consent_mask(rfm.customers, info, request.require_consent)
    excluded = {"no marketing consent": int((~keep & (rfm.segment == request.target)).sum())}
    keep &= rfm.segment == request.target
    reasons = [_segment_reason(rfm, i, info) for i in range(len(rfm.customers))]
    size = request.size if request.size is not None else int(keep.sum())
    name = f"RFM segment: {request.target}"
    return _top(name, rfm.customers, rfm.score, reasons, keep, size, excluded)
