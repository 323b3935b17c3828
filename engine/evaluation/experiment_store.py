"""Experiments in the store: arms from stored report rows, and the recorded decision.

An ``Experiment`` row is created the first time a named test is evaluated and updated on each
later look, so its ``result`` always holds the latest verdict — including the peeking guard's
"stopped early" when it was looked at before its planned sample size.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.evaluation.experiments import ABResult, Arm
from engine.store.models import AdVariant, Experiment, PerformanceRow
from engine.store.queries import get_or_create_shop


def variant_arm(session: Session, variant_id: int, metric: str) -> Arm:
    """A variant's summed report counts as an A/B arm (clicks/impressions or conv./clicks)."""
    variant = session.get(AdVariant, variant_id)
    if variant is None:
        raise ValueError(f"There is no ad variant with id {variant_id}.")
    impressions, clicks, conversions = session.execute(
        select(
            func.coalesce(func.sum(PerformanceRow.impressions), 0),
            func.coalesce(func.sum(PerformanceRow.clicks), 0),
            func.coalesce(func.sum(PerformanceRow.conversions), 0.0),
        ).where(PerformanceRow.variant_id == variant_id)
    ).one()
    if metric == "ctr":
        return Arm(variant.name, float(clicks or 0), float(impressions or 0))
    return Arm(variant.name, float(conversions or 0), float(clicks or 0))


def record_experiment(
    session: Session,
    name: str,
    hypothesis: str | None,
    metric: str,
    planned: int | None,
    variant_a_id: int | None,
    variant_b_id: int | None,
    result: ABResult,
) -> int:
    shop = get_or_create_shop(session)
    experiment = session.scalars(
        select(Experiment).where(Experiment.shop_id == shop.id, Experiment.name == name)
    ).first()
    if experiment is None:
        experiment = Experiment(shop_id=shop.id, name=name)
        session.add(experiment)
    experiment.hypothesis = hypothesis or experiment.hypothesis
    experiment.metric = metric
    experiment.planned_sample_size = planned
    experiment.variant_a_id = variant_a_id or experiment.variant_a_id
    experiment.variant_b_id = variant_b_id or experiment.variant_b_id
    experiment.result = asdict(result)
    done = planned is not None and not result.stopped_early
    experiment.status = "done" if done else "running"
    experiment.stopped_at = datetime.utcnow() if done else None
    session.flush()
    return experiment.id
