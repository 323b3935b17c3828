"""Profile use cases: build every customer's profile, keep it current, and say when to retrain.

``build_profiles`` trains the GRU on every customer's history (or reuses the newest model),
then writes one ``CustomerProfile`` per customer: behaviour features, interests θ, the likely next
products, the hidden state as embedding, and the ``ModelVersion`` that made them.
``update_profiles`` advances only customers with news since their profile, without training.
``drift_report`` measures how far the data moved from what the model learned.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.profiles.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from engine.profiles.defaults import CUSTOMER_MODEL, customer_training
from engine.profiles.drift import DriftReport, assess_drift, measure_drift
from engine.profiles.features import customer_features
from engine.profiles.gru import GRUConfig, cpu_threads, resolve_device
from engine.profiles.incremental import advance_states
from engine.profiles.portrait import describe_states
from engine.profiles.sequences import EventSequences, encode_events
from engine.profiles.store_sequences import (
    EPOCH,
    latest_activity,
    load_customer_events,
    load_customer_facts,
    shop_unit_prices,
    to_seconds,
)
from engine.profiles.train import config_summary, train_gru
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.store.db import session_scope
from engine.store.models import CustomerProfile, ModelVersion, Order
from engine.store.queries import get_or_create_shop

CURVES_FILE = "curves.json"
HISTORY_UNTIL = "history_until"  # features key: latest order/event the profile has seen


@dataclass
class ProfileReport:
    customers: int  # profiles written
    with_history: int  # customers whose profile has a GRU state (bought something)
    events: int
    products: int
    categories: int
    model_version_id: int | None
    model_version: str | None
    trained: bool
    device: str
    seconds: dict[str, float] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)


def build_profiles(
    ctx: AppContext,
    device: str = "auto",
    retrain: bool = False,
    epochs: int | None = None,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> ProfileReport:
    """Profile every customer; train a new GRU when asked to or when none exists yet."""
    cancel = cancel or CancelToken()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    torch_device = resolve_device(device)
    with session_scope(ctx.engine) as session:
        raw = load_customer_events(session)
        version = None if retrain else _latest_version(session)
    timings["load"] = time.perf_counter() - started
    trained = version is None
    if version is None:
        if not raw.item_ids:
            raise ValueError(
                "no purchases with a known customer and product in the store: import orders first"
            )
        sequences = encode_events(raw)
        checkpoint, version_id = _train_and_register(
            ctx, sequences, device, epochs, scaled(progress, 0.0, 0.8), cancel
        )
    else:
        checkpoint, version_id = (
            load_checkpoint(ctx.paths.home / (version.path or ""), torch_device),
            version.id,
        )
        sequences = encode_events(raw, checkpoint.item_vocab, checkpoint.category_vocab)
    timings["train"] = time.perf_counter() - started - timings["load"]
    cancel.check()
    progress(0.85, "Writing customer profiles")
    checkpoint.model.to(torch_device)
    with cpu_threads(1):
        states = advance_states(
            checkpoint.model,
            sequences,
            np.zeros((sequences.n_sequences, checkpoint.model.config.hidden_size), np.float32),
            np.full(sequences.n_sequences, np.nan),
            torch_device,
        )
        written = _write_profiles(ctx, checkpoint, sequences, states, version_id, None)
    timings["profiles"] = time.perf_counter() - started - timings["load"] - timings["train"]
    timings["total"] = time.perf_counter() - started
    progress(1.0, "Profiles ready")
    return ProfileReport(
        customers=written,
        with_history=sequences.n_sequences,
        events=len(sequences),
        products=sequences.n_items,
        categories=sequences.n_categories,
        model_version_id=version_id,
        model_version=checkpoint.extra.get("version"),
        trained=trained,
        device=str(torch_device),
        seconds={k: round(v, 3) for k, v in timings.items()},
        training={k: checkpoint.extra.get(k) for k in ("seconds_per_epoch", "curves")},
    )


@dataclass
class UpdateReport:
    customers_updated: int
    new_events: int
    model_version_id: int | None
    seconds: float


def update_profiles(
    ctx: AppContext,
    customer_ids: list[int] | None = None,
    device: str = "auto",
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
) -> UpdateReport:
    """Advance the hidden state of customers with events newer than their profile (no training).

    ``customer_ids`` limits the update (e.g. the customers of a just-imported batch); by default
    every customer with news is updated. Products the model has never seen pass through as
    unknown items; :func:`drift_report` says when they are frequent enough to retrain.
    """
    started = time.perf_counter()
    torch_device = resolve_device(device)
    with session_scope(ctx.engine) as session:
        version = _latest_version(session)
        if version is None:
            raise ValueError("no profile model yet: build profiles first (pinpoint profile)")
        activity = latest_activity(session, customer_ids)
        stale = _customers_with_news(session, version.id, activity)
        # Continue only states made by this model; anything else is recomputed from scratch.
        previous = {
            p.customer_id: p
            for p in session.scalars(
                select(CustomerProfile).where(CustomerProfile.customer_id.in_(stale))
            )
            if p.model_version_id == version.id and p.embedding and p.last_event_at is not None
        }
        after = {c: p.last_event_at for c, p in previous.items() if p.last_event_at is not None}
        raw = load_customer_events(session, customer_ids=stale, after=after)
    checkpoint = load_checkpoint(ctx.paths.home / (version.path or ""), torch_device)
    news = encode_events(raw, checkpoint.item_vocab, checkpoint.category_vocab)
    cancel = cancel or CancelToken()
    cancel.check()
    hidden = checkpoint.model.config.hidden_size
    initial = np.zeros((news.n_sequences, hidden), dtype=np.float32)
    previous_times = np.full(news.n_sequences, np.nan)
    for s, key in enumerate(news.keys):
        profile = previous.get(int(key))
        if profile is not None and profile.embedding and profile.last_event_at is not None:
            initial[s] = np.frombuffer(profile.embedding, dtype=np.float32)
            previous_times[s] = to_seconds(profile.last_event_at)
    with cpu_threads(1):
        states = advance_states(checkpoint.model, news, initial, previous_times, torch_device)
        written = _write_profiles(ctx, checkpoint, news, states, version.id, stale)
    progress(1.0, "Profiles updated")
    return UpdateReport(written, len(news), version.id, round(time.perf_counter() - started, 4))


def drift_report(ctx: AppContext, device: str = "auto") -> DriftReport:
    """Measure drift since training and recommend a retrain with reasons (see ``assess_drift``)."""
    torch_device = resolve_device(device)
    with session_scope(ctx.engine) as session:
        version = _latest_version(session)
        if version is None or version.trained_on_until is None:
            return DriftReport(True, ["no profile model has been trained yet"], {})
        raw = load_customer_events(session)
    checkpoint = load_checkpoint(ctx.paths.home / (version.path or ""), torch_device)
    sequences = encode_events(raw, checkpoint.item_vocab, checkpoint.category_vocab)
    trained_events = int((version.metrics or {}).get("events") or 0)
    with cpu_threads(1):
        signals = measure_drift(
            checkpoint.model,
            sequences,
            to_seconds(version.trained_on_until),
            trained_events,
            torch_device,
        )
    report = assess_drift(signals)
    report.signals = {"trained_on_until": version.trained_on_until.isoformat(), **signals}
    return report


# --------------------------------------------------------------------------- helpers


def _latest_version(session: Session) -> ModelVersion | None:
    query = (
        select(ModelVersion)
        .where(ModelVersion.kind == "gru")
        .order_by(ModelVersion.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def _train_and_register(
    ctx: AppContext,
    sequences: EventSequences,
    device: str,
    epochs: int | None,
    progress: ProgressFn,
    cancel: CancelToken,
) -> tuple[Checkpoint, int]:
    """Train on every history, save the checkpoint under ``models/``, record a ModelVersion."""
    stamp = datetime.utcnow().strftime("%Y%m%d-%H%M%S-%f")
    version = f"gru-{stamp}"
    config = customer_training(
        sequences.n_items, device=device, **({} if epochs is None else {"epochs": epochs})
    )
    model_config = GRUConfig(
        **{
            **asdict(CUSTOMER_MODEL),
            "n_items": sequences.n_items,
            "n_categories": sequences.n_categories,
        }
    )
    result = train_gru(
        sequences, model_config, config, progress, cancel, log_dir=ctx.paths.tensorboard / version
    )
    folder = ctx.paths.models / "gru" / version
    last_event = (
        datetime.utcfromtimestamp(float(sequences.timestamps.max())) if len(sequences) else None
    )
    extra = {"version": version, **config_summary(model_config, config), **result.as_json()}
    checkpoint = Checkpoint(result.model, sequences.item_vocab, sequences.category_vocab, extra)
    save_checkpoint(folder, checkpoint)
    # The GUI's training chart reads this (also in ModelVersion.metrics["curves"]).
    (folder / CURVES_FILE).write_text(json.dumps(result.as_json(), indent=1), encoding="utf-8")
    with session_scope(ctx.engine) as session:
        shop = get_or_create_shop(session)
        row = ModelVersion(
            shop_id=shop.id,
            kind="gru",
            version=version,
            path=str(folder.relative_to(ctx.paths.home)),
            config=config_summary(model_config, config),
            metrics={
                "events": len(sequences),
                "customers": sequences.n_sequences,
                **result.as_json(),
            },
            trained_on_until=last_event,
        )
        session.add(row)
        session.flush()
        return checkpoint, row.id


def _customers_with_news(
    session: Session, version_id: int, activity: dict[int, datetime]
) -> list[int]:
    """Customers active after their profile was written, without a profile, or whose profile
    came from another model version."""
    profiled = {
        customer_id: (features or {}).get(HISTORY_UNTIL)
        for customer_id, features in session.execute(
            select(CustomerProfile.customer_id, CustomerProfile.features).where(
                CustomerProfile.model_version_id == version_id,
                CustomerProfile.customer_id.in_(list(activity)),
            )
        )
    }
    return sorted(
        c
        for c, moment in activity.items()
        if profiled.get(c) is None or moment > datetime.fromisoformat(str(profiled[c]))
    )


def _write_profiles(
    ctx: AppContext,
    checkpoint: Checkpoint,
    sequences: EventSequences,
    states: np.ndarray,
    version_id: int | None,
    customers: list[int] | None,
) -> int:
    """Upsert profiles in one transaction; returns how many were written.

    ``customers=None`` profiles everyone; otherwise those customers (their GRU parts change only
    when ``sequences`` has news for them). Features are recomputed from all their orders, with
    recency measured from the shop's latest order, so an update equals a rebuild.
    """
    portraits = dict(
        zip(
            (int(k) for k in sequences.keys),
            describe_states(
                checkpoint.model, states, checkpoint.item_vocab, checkpoint.category_vocab
            ),
            strict=True,
        )
    )
    last_times = {
        int(key): datetime.utcfromtimestamp(
            float(sequences.timestamps[sequences.offsets[s + 1] - 1])
        )
        for s, key in enumerate(sequences.keys)
        if sequences.lengths[s] > 0
    }
    with session_scope(ctx.engine) as session:
        activity = latest_activity(session, customers)
        facts = load_customer_facts(session, customers)
        prices = shop_unit_prices(session)
        now = session.scalar(select(func.max(Order.placed_at))) or EPOCH
        everyone = sorted(set(activity) | set(facts) | set(portraits))
        existing = {
            p.customer_id: p
            for p in session.scalars(
                select(CustomerProfile).where(CustomerProfile.customer_id.in_(everyone))
            )
        }
        for customer_id in everyone:
            profile = existing.get(customer_id) or CustomerProfile(customer_id=customer_id)
            features = (
                customer_features(facts[customer_id], now, prices) if customer_id in facts else {}
            )
            if customer_id in activity:
                features[HISTORY_UNTIL] = activity[customer_id].isoformat()
            profile.features = features
            portrait = portraits.get(customer_id)
            if portrait is not None:
                profile.interests = portrait.interests
                profile.next_items = [[int(i), s] for i, s in portrait.next_items]
                profile.embedding = portrait.embedding
                profile.last_event_at = last_times.get(customer_id, profile.last_event_at)
            profile.model_version_id = version_id
            session.add(profile)
        return len(everyone)


DEMO_EPOCHS = 3  # enough to show real interests on the 2,184-order sample, fast on a laptop


def demo_profiles(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    """The demo's profile stage: train a small GRU on the imported sample and profile everyone."""
    report = build_profiles(
        ctx,
        device=ctx.settings.device,
        retrain=True,
        epochs=DEMO_EPOCHS,
        progress=progress,
        cancel=cancel,
    )
    curves = report.training.get("curves") or [{}]
    return {
        "customers": report.customers,
        "events": report.events,
        "products": report.products,
        "categories": report.categories,
        "model_version": report.model_version,
        "device": report.device,
        "train_seconds": report.seconds.get("train"),
        "final_loss": round(float(curves[-1].get("loss", float("nan"))), 4),
    }
