"""What the planner needs to know about each ad platform it plans for.

Search platforms (Google, Microsoft, Amazon) buy keywords and need a starting bid on the ad
group; Meta buys an audience and splits the campaign budget over its ad sets. Only Google and
Meta have customer-list minimums in :mod:`engine.targeting.platform_minimums`, so only those
two get a size check.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.targeting.platform_minimums import AUDIENCE_RULES, check_size


@dataclass(frozen=True)
class PlatformSpec:
    key: str  # the store's Campaign.platform and the copy studio's platform name
    label: str
    search: bool  # keywords and a default bid on the ad group
    needs_skus: bool  # the ads are product listings (Amazon Sponsored Products)


PLATFORMS: dict[str, PlatformSpec] = {
    "google": PlatformSpec("google", "Google Ads", search=True, needs_skus=False),
    "microsoft": PlatformSpec("microsoft", "Microsoft Advertising", search=True, needs_skus=False),
    "meta": PlatformSpec("meta", "Meta", search=False, needs_skus=False),
    "amazon": PlatformSpec("amazon", "Amazon Sponsored Products", search=True, needs_skus=True),
}
OBJECTIVE = "sales"  # every plan sells products; Meta's exporter maps it to "Outcome Sales"
DEFAULT_AUDIENCE_SIZE = 250  # Google Customer Match: 100 matched at a 40% match rate


def platform_spec(platform: str) -> PlatformSpec:
    try:
        return PLATFORMS[platform]
    except KeyError:
        raise ValueError(
            f"unknown platform {platform!r}; campaigns can be planned for {', '.join(PLATFORMS)}"
        ) from None


def audience_size_for(platforms: list[str]) -> int:
    """Members to ask for: enough for every chosen platform's customer-list minimum to be met
    at its typical match rate (250 for Google), the same default for search-only plans."""
    needed = [check_size(0, p).members_needed for p in platforms if p in AUDIENCE_RULES]
    return max(needed, default=DEFAULT_AUDIENCE_SIZE)


def starting_bid(daily_budget: float) -> float:
    """A first max CPC that lets the daily budget buy about ten clicks, kept between 0.10 and
    2.00 in the shop's currency; the merchant tunes it once real cost-per-click is known."""
    return round(min(max(daily_budget / 10, 0.10), 2.00), 2)
