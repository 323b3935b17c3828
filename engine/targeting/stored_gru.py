"""Next-product chances from the GRU the profiles stage trained, for current audiences.

The checkpoint names products by store id and categories by name, while purchases here use
catalog indices: this module translates the customers' recent histories into the model's
vocabularies, reads them through the model, and lays the chances back out on the catalog.
Products the model never saw (imported after it was trained) get a chance of 0.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch

from engine.profiles.checkpoint import Checkpoint
from engine.profiles.sequences import Vocabulary
from engine.targeting.interactions import Catalog, Purchases, customer_sequences
from engine.targeting.sequence_signals import READ_WINDOW, read_gru


def catalog_columns(item_vocab: Vocabulary, catalog: Catalog) -> np.ndarray:
    """For each model item, its catalog index (-1 when the product is not in the catalog)."""
    ids = np.array([int(i) if i.isdigit() else -1 for i in item_vocab.ids], dtype=np.int64)
    position = np.searchsorted(catalog.product_ids, ids)
    clipped = np.minimum(position, max(len(catalog.product_ids) - 1, 0))
    found = (position < len(catalog.product_ids)) & (catalog.product_ids[clipped] == ids)
    return np.where(found, position, -1)


def stored_next_products(
    checkpoint: Checkpoint, purchases: Purchases, customers: np.ndarray, device: torch.device
) -> np.ndarray:
    """customers × catalog products: the stored GRU's chance that each product comes next."""
    catalog = purchases.catalog
    history = customer_sequences(purchases, customers, last=READ_WINDOW)
    in_model_terms = replace(
        history,
        items=checkpoint.item_vocab.encode(str(p) for p in catalog.product_ids[history.items]),
        categories=checkpoint.category_vocab.encode(
            catalog.category_names[c] for c in history.categories
        ),
        item_vocab=checkpoint.item_vocab,
        category_vocab=checkpoint.category_vocab,
    )
    _, chances = read_gru(checkpoint.model, in_model_terms, device)
    columns = catalog_columns(checkpoint.item_vocab, catalog)
    known = columns >= 0
    result = np.zeros((len(customers), len(catalog.product_ids)))
    result[:, columns[known]] = chances[:, known]
    return result
