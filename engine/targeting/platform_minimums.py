"""Will the platform accept this audience? Minimum sizes, expected match rates and exclusions.

A customer list is matched against the platform's users; only matched people can be shown ads,
and below a minimum the list does not serve at all. We check *before* export, using the number of
members the platform is expected to match (members × a typical match rate), and say what to do.

Sources (checked 2026; the platforms change these, so they live in one table):

* Google Customer Match: a list needs at least **100 active (matched) members** to serve on
  Search, Display, YouTube and Gmail (Google Ads Help "About Customer Match", answer 6379332).
  Match rates depend on the data; Google does not publish a typical figure, 30–60% for email
  lists is the common experience, so we assume 40%.
* Meta customer list custom audience: at least **100 matched people**; a lookalike needs a source
  of at least 100 people from a single country (Meta Business Help Centre "About lookalike
  audiences", 164749007013531). Reported match rates for customer lists are 40–75% by data
  quality; we assume 50%.

The expected match rate is an assumption shown to the merchant ("about 40 of 100 will match"),
never presented as a promise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.targeting.wording import plural


@dataclass(frozen=True)
class AudienceRule:
    platform: str
    product: str  # what the platform calls a customer-list audience
    minimum_matched: int
    expected_match_rate: float
    source: str


AUDIENCE_RULES: dict[str, AudienceRule] = {
    "google": AudienceRule(
        "google",
        "Customer Match list",
        100,
        0.40,
        "Google Ads Help, About Customer Match (answer 6379332)",
    ),
    "meta": AudienceRule(
        "meta",
        "custom audience from a customer list",
        100,
        0.50,
        "Meta Business Help Centre, About lookalike audiences (164749007013531); custom audiences",
    ),
}


@dataclass(frozen=True)
class SizeCheck:
    platform: str
    members: int
    expected_matched: int
    minimum_matched: int
    members_needed: int  # list size at which the expected matches reach the minimum
    ok: bool
    message: str
    source: str


def check_size(members: int, platform: str) -> SizeCheck:
    """Compare the expected matched size with the platform minimum, in words a merchant reads."""
    try:
        rule = AUDIENCE_RULES[platform]
    except KeyError:
        known = ", ".join(AUDIENCE_RULES)
        raise ValueError(f"no audience rules for {platform!r}; known platforms: {known}") from None
    expected = math.floor(members * rule.expected_match_rate)
    needed = math.ceil(rule.minimum_matched / rule.expected_match_rate)
    ok = expected >= rule.minimum_matched
    rate = f"{rule.expected_match_rate:.0%}"
    if ok:
        message = (
            f"{plural(members, 'customer')}; at a typical {rate} match rate about "
            f"{expected:,} will be matched — above the {rule.minimum_matched} "
            f"the {rule.product} needs."
        )
    else:
        message = (
            f"Too small for a {rule.product}: {plural(members, 'customer')}, about {expected:,} "
            f"expected to match at a typical {rate} rate, but {rule.minimum_matched} matched "
            "people are needed. "
            f"Aim for at least {needed:,} customers (widen the audience or combine segments)."
        )
    return SizeCheck(
        platform, members, expected, rule.minimum_matched, needed, ok, message, rule.source
    )
