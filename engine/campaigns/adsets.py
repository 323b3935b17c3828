"""What goes into an ad set besides the audience: targeting JSON and the ads that may run.

``AdSet.targeting`` keys are the ones the exporters read (see ``engine/exporters/adset.py`` and the
writers): ``countries`` (ISO codes, Meta's location), ``skus`` (Amazon's product ads); plus
``audience_size`` for the merchant. Countries are those holding at least 5% of the members (and
always the biggest): one customer in Japan does not make Japan a market worth paying to reach.
Nothing is invented: no age or gender range, since the store
knows neither, and no time zone (the Microsoft writer then uses London, the sample shop's).

A variant is linked to the ad set only when it has no violation at all — no compliance or limit
error and no warning such as a claim the product data does not support. ``info`` notes (a line
written from a template) are not violations. Among clean variants the best-ranked are linked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from engine.store.models import AdVariant

BLOCKING_SEVERITIES = frozenset({"error", "warning"})
MAX_COUNTRIES = 25
MIN_COUNTRY_SHARE = 0.05
ADS_PER_AD_SET = 3  # Google and Microsoft serve at most three responsive search ads per group


@dataclass(frozen=True)
class SkippedVariant:
    variant_id: int
    rank: int | None
    why: list[str]


def blocking_violations(violations: Iterable[dict[str, Any]] | None) -> list[str]:
    """The messages of the violations that keep a variant out of an upload."""
    return [
        str(v.get("message") or v.get("rule"))
        for v in violations or []
        if v.get("severity", "error") in BLOCKING_SEVERITIES
    ]


def choose_variants(
    variants: Sequence[AdVariant], limit: int = ADS_PER_AD_SET
) -> tuple[list[AdVariant], list[SkippedVariant]]:
    """The best-ranked clean variants (at most ``limit``) and, for the others, why not."""
    ordered = sorted(variants, key=lambda v: (v.rank is None, v.rank or 0, v.id))
    chosen: list[AdVariant] = []
    skipped: list[SkippedVariant] = []
    for variant in ordered:
        problems = blocking_violations(variant.violations)
        if variant.status == "rejected":
            problems = ["rejected by the merchant", *problems]
        if problems:
            skipped.append(SkippedVariant(variant.id, variant.rank, problems))
        elif len(chosen) < limit:
            chosen.append(variant)
    return chosen, skipped


def ad_set_targeting(countries: Counter[str], members: int, skus: Sequence[str]) -> dict[str, Any]:
    """Targeting JSON: the members' main countries (most common first), SKUs when given."""
    total = sum(countries.values())
    ranked = countries.most_common(MAX_COUNTRIES)
    targeting: dict[str, Any] = {
        "countries": [
            code for i, (code, n) in enumerate(ranked) if i == 0 or n >= MIN_COUNTRY_SHARE * total
        ],
        "audience_size": members,
    }
    if skus:
        targeting["skus"] = list(dict.fromkeys(skus))
    return targeting
