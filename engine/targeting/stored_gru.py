"""The GRU the profiles stage trained, read in catalog terms, for current audiences and
recommendations.

The checkpoint names products by store id and categories by name, while purchases here use
catalog indices: this module translates customers' recent histories into the model's
vocabularies, reads them through the model, and lays the scores back out on the catalog.
Products the model never saw (imported after it was trained) rank last. This model has seen all
history, so it is never used in a back-test (see :mod:`engine.targeting.sequence_signals`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Self

import numpy as np
import torch

from engine.profiles.checkpoint import Checkpoint
from engine.profiles.sequences import EventSequences, Vocabulary
from engine.progress import CancelToken, ProgressFn, null_progress
from engine.targeting.interactions import Catalog, Purchases, customer_sequences
from engine.targeting.recommenders.base import Recommender
from engine.targeting.recommenders.gru import GRURecommender
from engine.targeting.sequence_signals import READ_WINDOW, keep_last, read_gru


def catalog_columns(item_vocab: Vocabulary, catalog: Catalog) -> np.ndarray:
    """For each model item, its catalog index (-1 when the product is not in the catalog)."""
    ids = np.array([int(i) if i.isdigit() else -1 for i in item_vocab.ids], dtype=np.int64)
    position = np.searchsorted(catalog.product_ids, ids)
    clipped = np.minimum(position, max(len(catalog.product_ids) - 1, 0))
    found = (position < len(catalog.product_ids)) & (catalog.product_ids[clipped] == ids)
    return np.where(found, position, -1)


def in_model_terms(
    checkpoint: Checkpoint, sequences: EventSequences, catalog: Catalog
) -> EventSequences:
    """Catalog-index sequences re-encoded in the checkpoint's product and category vocabularies."""
    return replace(
        sequences,
        items=checkpoint.item_vocab.encode(str(p) for p in catalog.product_ids[sequences.items]),
        categories=checkpoint.category_vocab.encode(
            catalog.category_names[c] for c in sequences.categories
        ),
        item_vocab=checkpoint.item_vocab,
        category_vocab=checkpoint.category_vocab,
    )


def stored_next_products(
    checkpoint: Checkpoint, purchases: Purchases, customers: np.ndarray, device: torch.device
) -> np.ndarray:
    """customers × catalog products: the stored GRU's chance that each product comes next."""
    catalog = purchases.catalog
    history = keep_last(customer_sequences(purchases, customers), READ_WINDOW)
    _, chances = read_gru(checkpoint.model, in_model_terms(checkpoint, history, catalog), device)
    columns = catalog_columns(checkpoint.item_vocab, catalog)
    known = columns >= 0
    result = np.zeros((len(customers), len(catalog.product_ids)))
    result[:, columns[known]] = chances[:, known]
    return result


class StoredGRU(Recommender):
    """The stored GRU as a member of the current recommender blend.

    The profiles stage trains it on every history, so :meth:`fit` learns nothing: it checks that
    the histories are in this catalog's terms and gets the model ready to score.
    """

    name = "gru"

    def __init__(self, checkpoint: Checkpoint, catalog: Catalog, device: str = "auto") -> None:
        self.checkpoint = checkpoint
        self.catalog = catalog
        self.device = device

    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        if train.n_items != len(self.catalog.product_ids):
            raise ValueError("the histories must use this catalog's product indices")
        self.model_ = GRURecommender.from_model(self.checkpoint.model, self.device)
        self.columns_ = catalog_columns(self.checkpoint.item_vocab, self.catalog)
        self.n_items_ = train.n_items
        progress(1.0, "Stored GRU ready")
        return self

    def _to_catalog(self, scores: np.ndarray) -> np.ndarray:
        lowest = scores.min(axis=-1, keepdims=True) if scores.size else 0.0
        result = np.broadcast_to(lowest, (len(scores), self.n_items_)).astype(np.float32)
        known = self.columns_ >= 0
        result[:, self.columns_[known]] = scores[:, known]
        return result

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        self.check_fitted()
        translated = in_model_terms(self.checkpoint, sequences, self.catalog)
        for matrix in self.model_.score_sequences(translated):
            yield self._to_catalog(matrix)

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        self.check_fitted()
        recent = keep_last(sequences, READ_WINDOW)
        translated = in_model_terms(self.checkpoint, recent, self.catalog)
        return self._to_catalog(self.model_.score_last(translated))
