"""The one interface every recommender follows (popularity, item-kNN, GRU, MF, blends).

Estimator style, as scikit-learn's developer guide describes: ``__init__`` only stores the
hyper-parameters, ``fit`` learns and returns ``self``, and everything learned ends in ``_``
(``n_items_``, ``item_counts_``, ``model_``...). A recommender never reads files or the store;
callers hand it :class:`~engine.profiles.sequences.EventSequences`.

Fitting — the same call for both uses, only the meaning of a "sequence" differs:

(a) **sessions of item indices** (the session benchmark): each sequence is one session;
    ``train.items`` are item indices into ``train.item_vocab``. Build them with
    ``encode_events(read_events_tsv(path))``.
(b) **customer histories** (profiles, audiences, back-tests): each sequence is one customer's
    whole ordered history, ``train.keys[s]`` is the customer key. Build them with
    ``encode_events(load_customer_events(session))`` (:mod:`engine.profiles.store_sequences`),
    or ``encode_events`` on your own :class:`~engine.profiles.sequences.RawEvents` with customer
    keys as sequence keys.

    rec = ItemKNN(neighbours=100).fit(train)

Scoring — always over **all** ``n_items_`` items of the training vocabulary, higher is better:

* :meth:`Recommender.score_sequences` yields, for each sequence of ``sequences`` (encoded with
  the *training* vocabularies; unseen items are ``UNKNOWN`` = -1 and must be accepted as input),
  a float32 matrix of shape ``(len(sequence), n_items_)`` whose row ``t`` scores the item that
  follows ``sequence[: t + 1]``. The session protocol (``session_eval``) consumes this.
* :meth:`Recommender.score_last` returns one row per sequence: the scores after the whole
  sequence — "what will this customer buy next". Audiences and back-tests use this; a model
  may override it when it has a cheaper way (MF: look the customer up by ``keys``).

Nothing is removed from the scores (items already bought stay rankable); filtering is the
caller's decision.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Self

import numpy as np

from engine.profiles.sequences import EventSequences
from engine.progress import CancelToken, ProgressFn, null_progress


class NotFittedError(RuntimeError):
    """Raised when a recommender is asked to score before ``fit`` was called."""


class Recommender(ABC):
    """Base class: subclasses implement :meth:`fit` and :meth:`score_sequences`."""

    name: str = "recommender"

    n_items_: int

    @abstractmethod
    def fit(
        self,
        train: EventSequences,
        progress: ProgressFn = null_progress,
        cancel: CancelToken | None = None,
    ) -> Self:
        """Learn from ``train`` (sessions or customer histories) and return ``self``."""

    @abstractmethod
    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        """Per sequence, a ``(len(sequence), n_items_)`` float32 matrix of next-item scores."""

    def score_last(self, sequences: EventSequences) -> np.ndarray:
        """``(n_sequences, n_items_)`` scores of the next item after each whole sequence.

        An empty sequence gets the scores of an empty context (override to give popularity).
        """
        self.check_fitted()
        rows = np.zeros((sequences.n_sequences, self.n_items_), dtype=np.float32)
        for s, matrix in enumerate(self.score_sequences(sequences)):
            if len(matrix):
                rows[s] = matrix[-1]
        return rows

    def check_fitted(self) -> None:
        if not hasattr(self, "n_items_"):
            raise NotFittedError(f"{type(self).__name__} is not fitted yet: call fit() first")

    def get_params(self) -> dict[str, object]:
        """The constructor arguments (not the learned ``_`` attributes), for reports and configs."""
        return {
            k: v for k, v in vars(self).items() if not k.endswith("_") and not k.startswith("_")
        }
