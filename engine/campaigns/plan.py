"""The planner's answer: what was created, and everything the merchant should look at first."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class CampaignPlan:
    """One planned draft campaign: its rows in the store and the reasons behind them."""

    campaign_id: int
    name: str
    platform: str
    objective: str
    status: str
    daily_budget: float
    start_date: date
    end_date: date | None
    final_url: str | None
    final_url_source: str  # given | product | shop_url | missing
    target: dict[str, Any]
    audience: dict[str, Any]  # id, name, size, built (True when this plan built it)
    size_checks: list[dict[str, Any]]
    ad_set_id: int
    default_bid: float | None
    keywords: list[dict[str, Any]]
    targeting: dict[str, Any]
    creative_id: int
    linked_variant_ids: list[int]
    skipped_variants: list[dict[str, Any]]
    copy: dict[str, Any]  # model, quantization, seconds
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        payload = asdict(self)
        payload["start_date"] = self.start_date.isoformat()
        payload["end_date"] = self.end_date.isoformat() if self.end_date else None
        return payload

    def summary(self) -> str:
        """Two or more lines a person reads in the terminal."""
        lines = [
            f'Campaign {self.campaign_id} "{self.name}" ({self.platform}, {self.status}, '
            f"{self.daily_budget:g}/day) → {self.final_url or 'NO LANDING PAGE'}",
            f"  audience {self.audience['id']}: {self.audience['name']} "
            f"({self.audience['size']:,} customers); {len(self.keywords)} keywords; "
            f"{len(self.linked_variant_ids)} ads linked, {len(self.skipped_variants)} left out",
        ]
        lines += [f"  ! {warning}" for warning in self.warnings]
        return "\n".join(lines)
