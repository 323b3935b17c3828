"""Campaign metrics from summed counts: CTR, CVR, CPC, CPA, revenue, ROAS, ROI.

Definitions (what the report shows the merchant):
  CTR = clicks / impressions            CVR = conversions / clicks   (both with Wilson 95 %)
  CPC = cost / clicks                   CPA = cost / conversions
  ROAS = revenue / cost                 ROI = (gross profit − cost) / cost
Revenue is the store-attributed revenue when the shop's orders can be joined (see
:mod:`engine.evaluation.attribution`), else the platform's reported conversion value; gross
profit is revenue × margin (catalog cost or ``settings.default_margin``). Every division by zero
becomes ``None`` with the reason ("no clicks"), never an exception or an infinity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.evaluation.intervals import Rate, Ratio, ratio, wilson


@dataclass(slots=True)
class Counts:
    """Summed report numbers for one campaign/ad set/variant/audience."""

    impressions: int = 0
    clicks: int = 0
    cost: float = 0.0
    conversions: float = 0.0
    conversion_value: float | None = None
    rows: int = 0

    def add(
        self,
        impressions: int | None,
        clicks: int | None,
        cost: float | None,
        conversions: float | None,
        conversion_value: float | None,
    ) -> None:
        self.impressions += impressions or 0
        self.clicks += clicks or 0
        self.cost += cost or 0.0
        self.conversions += conversions or 0.0
        if conversion_value is not None:
            self.conversion_value = (self.conversion_value or 0.0) + conversion_value
        self.rows += 1


@dataclass(slots=True)
class Revenue:
    amount: float
    gross_profit: float
    source: str  # "store orders" | "platform conversion value"
    rule: str | None = None


@dataclass(slots=True)
class Metrics:
    level: str  # campaign | ad_set | variant | creative | audience
    key: str  # "campaign:3" or "unmatched:<name>" so unmatched rows stay visible
    name: str
    matched: bool
    impressions: int
    clicks: int
    conversions: float
    cost: float
    ctr: Rate
    cvr: Rate
    cpc: Ratio
    cpa: Ratio
    roas: Ratio
    roi: Ratio
    revenue: float | None = None
    gross_profit: float | None = None
    revenue_source: str | None = None
    attribution_rule: str | None = None
    notes: list[str] = field(default_factory=list)


def platform_revenue(counts: Counts, default_margin: float) -> Revenue | None:
    """The platform's own conversion value, with the default margin for profit."""
    if counts.conversion_value is None:
        return None
    value = counts.conversion_value
    return Revenue(value, value * default_margin, "platform conversion value")


def measure(
    level: str, key: str, name: str, matched: bool, counts: Counts, revenue: Revenue | None
) -> Metrics:
    """All metrics of one group; missing revenue leaves ROAS/ROI ``None`` with the reason."""
    cost = round(counts.cost, 2)
    no_revenue = Ratio(None, "no revenue data (no matching orders and no conversion value)")
    return Metrics(
        level=level, key=key, name=name, matched=matched,
        impressions=counts.impressions, clicks=counts.clicks,
        conversions=round(counts.conversions, 2), cost=cost,
        ctr=wilson(counts.clicks, counts.impressions, what="impressions"),
        cvr=wilson(counts.conversions, counts.clicks, what="clicks"),
        cpc=ratio(cost, counts.clicks, "no clicks"),
        cpa=ratio(cost, counts.conversions, "no conversions"),
        roas=ratio(revenue.amount, cost, "no cost") if revenue else no_revenue,
        roi=ratio(revenue.gross_profit - cost, cost, "no cost") if revenue else no_revenue,
        revenue=round(revenue.amount, 2) if revenue else None,
        gross_profit=round(revenue.gross_profit, 2) if revenue else None,
        revenue_source=revenue.source if revenue else None,
        attribution_rule=revenue.rule if revenue else None,
    )  # fmt: skip
