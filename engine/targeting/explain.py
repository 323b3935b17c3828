"""Plain-word reasons: why a customer is in an audience, why a product is recommended.

Reasons are built from facts the merchant can check in their own orders (counts, dates,
segments), never from model internals: "bought 3 items in Candles in the last 60 days; similar
customers bought this". The numbers come from the same signals that produced the score.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.targeting.wording import days_ago, plural, times

RECENT_DAYS = 60
INTEREST_SHARE = 0.2  # θ share worth naming: well above an even spread over a shop's categories
STRONG = 0.9  # percentile from which a model signal is named as a reason


@dataclass(frozen=True)
class MemberFacts:
    """What we know about one customer with respect to one target (category or product)."""

    target: str
    items_in_target_recent: int  # order lines in the target in the last RECENT_DAYS days
    items_in_target_total: int
    days_since_last_in_target: float | None
    segment: str | None
    # Percentiles (0..1) of the blend's signals; None when the signal has no weight in the blend,
    # so a reason never cites something that did not put the customer there.
    similar_customers_signal: float | None  # collaborative score
    activity_signal: float | None  # expected orders in the coming window
    interest: float | None = None  # θ for the category (a share, not a percentile)
    interest_category: str | None = None  # the category θ is about (a product's category)
    next_purchase_signal: float | None = None  # the GRU's chance the target comes next
    is_product: bool = False  # the target is one product (else a category)


SEGMENT_PHRASES = {"champions": "one of your champions", "loyal": "one of your loyal customers"}


def member_reason(facts: MemberFacts) -> str:
    """One short sentence of the strongest reasons, most concrete first."""
    parts: list[str] = []
    recent, total = facts.items_in_target_recent, facts.items_in_target_total
    if facts.is_product and total and facts.days_since_last_in_target is not None:
        parts.append(
            f"bought it {times(total)} before, last {days_ago(facts.days_since_last_in_target)}"
        )
    elif recent:
        parts.append(
            f"bought {plural(recent, 'item')} in {facts.target} in the last {RECENT_DAYS} days"
        )
    elif total and facts.days_since_last_in_target is not None:
        parts.append(
            f"bought {plural(total, 'item')} in {facts.target} before, "
            f"last {days_ago(facts.days_since_last_in_target)}"
        )
    if facts.interest is not None and facts.interest >= INTEREST_SHARE:
        parts.append(
            f"{facts.interest:.0%} of their predicted interest is in "
            f"{facts.interest_category or facts.target}"
        )
    if facts.next_purchase_signal is not None and facts.next_purchase_signal >= STRONG:
        parts.append("their order pattern points to this next")
    if facts.similar_customers_signal is not None and facts.similar_customers_signal >= 0.8:
        parts.append("similar customers bought this")
    if facts.activity_signal is not None and facts.activity_signal >= 0.8:
        parts.append("likely to order again soon")
    if facts.segment in SEGMENT_PHRASES:
        parts.append(SEGMENT_PHRASES[facts.segment])
    if not parts:
        parts.append(f"buys products often bought together with {facts.target}")
    return _sentence(parts)


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def product_reason(
    category: str,
    bought_this: int,
    bought_in_category: int,
    similar_signal: float,
    popular_rank: int | None,
    pattern_signal: float | None = None,
) -> str:
    """Why a product is recommended to a customer (counts are their order lines).

    ``pattern_signal`` is the GRU's percentile for the product, None when it has no weight.
    """
    parts: list[str] = []
    if bought_this:
        parts.append(f"they bought it {times(bought_this)} before")
    elif bought_in_category:
        parts.append(f"they bought {plural(bought_in_category, 'item')} in {category}")
    if pattern_signal is not None and pattern_signal >= STRONG:
        parts.append("their order pattern points to this next")
    if similar_signal >= 0.9:
        parts.append("customers with similar orders bought this")
    if popular_rank is not None:
        parts.append("one of your 20 best sellers")
    if not parts:
        parts.append(f"goes with what they bought before ({category})")
    return _sentence(parts)
