"""Event sequences: what every sequence model and recommender is fitted on and scored with.

A sequence is either one session (an invoice, a browsing visit) or one customer's whole history.
Events are stored flat and ordered, with ``offsets`` marking where each sequence starts, so
millions of events cost a few numpy arrays instead of millions of Python objects.

Item and category ids are mapped to dense indices by a :class:`Vocabulary` built on the *training*
data. Ids the vocabulary has never seen get index :data:`UNKNOWN` (-1): models must accept them as
input (they carry no learned information) and the evaluator counts them as misses when they are
the target, never dropping them silently.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

UNKNOWN = -1
NA_CATEGORY = "NA"
TSV_COLUMNS = ("customer_id", "item_id", "category", "timestamp", "session_id", "ts_order", "price")


@dataclass(frozen=True)
class Vocabulary:
    """A fixed mapping between external ids (SKUs, category names) and dense indices."""

    ids: tuple[str, ...]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {value: i for i, value in enumerate(self.ids)})

    @classmethod
    def build(cls, values: Iterable[str]) -> Vocabulary:
        """Indices in order of first appearance (stable, so a rebuilt model lines up)."""
        return cls(tuple(dict.fromkeys(values)))

    def __len__(self) -> int:
        return len(self.ids)

    def encode(self, values: Iterable[str]) -> np.ndarray:
        return np.fromiter((self._index.get(v, UNKNOWN) for v in values), dtype=np.int64)

    def index_of(self, value: str) -> int:
        return self._index.get(value, UNKNOWN)


@dataclass(frozen=True)
class EventSequences:
    """Ordered events grouped into sequences.

    ``items[offsets[s]:offsets[s+1]]`` are the item indices of sequence ``s`` (``UNKNOWN`` for
    items outside ``item_vocab``); ``categories`` and ``timestamps`` (seconds since the epoch) run
    parallel to ``items``. ``keys[s]`` names the sequence (session id or customer id).
    """

    items: np.ndarray
    offsets: np.ndarray
    categories: np.ndarray
    timestamps: np.ndarray
    keys: tuple[str, ...]
    item_vocab: Vocabulary
    category_vocab: Vocabulary

    def __post_init__(self) -> None:
        n_events = len(self.items)
        if len(self.offsets) != len(self.keys) + 1 or self.offsets[-1] != n_events:
            raise ValueError("offsets must have one entry per sequence plus the total event count")
        if len(self.categories) != n_events or len(self.timestamps) != n_events:
            raise ValueError("categories and timestamps must run parallel to items")

    @property
    def n_items(self) -> int:
        return len(self.item_vocab)

    @property
    def n_categories(self) -> int:
        return len(self.category_vocab)

    @property
    def n_sequences(self) -> int:
        return len(self.keys)

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def __len__(self) -> int:
        return len(self.items)

    def sequence(self, s: int) -> np.ndarray:
        return self.items[self.offsets[s] : self.offsets[s + 1]]

    def iter_sequences(self) -> Iterator[np.ndarray]:
        for s in range(self.n_sequences):
            yield self.sequence(s)

    def subset(self, sequence_indices: Sequence[int] | np.ndarray) -> EventSequences:
        """The chosen sequences, in the given order, with the same vocabularies."""
        chosen = np.asarray(sequence_indices, dtype=np.int64)
        starts, ends = self.offsets[chosen], self.offsets[chosen + 1]
        ranges = [np.arange(a, b) for a, b in zip(starts, ends, strict=True)]
        take = np.concatenate(ranges).astype(np.int64) if ranges else np.zeros(0, np.int64)
        return EventSequences(
            items=self.items[take],
            offsets=np.concatenate([[0], np.cumsum(ends - starts)]).astype(np.int64),
            categories=self.categories[take],
            timestamps=self.timestamps[take],
            keys=tuple(self.keys[i] for i in chosen),
            item_vocab=self.item_vocab,
            category_vocab=self.category_vocab,
        )

    def as_category_sequences(self) -> EventSequences:
        """The same events with categories in place of items (to predict the next category)."""
        return EventSequences(
            items=self.categories,
            offsets=self.offsets,
            categories=self.categories,
            timestamps=self.timestamps,
            keys=self.keys,
            item_vocab=self.category_vocab,
            category_vocab=self.category_vocab,
        )


@dataclass(frozen=True)
class RawEvents:
    """Events as read from a file or the store, before indices are assigned."""

    sequence_keys: list[str]
    item_ids: list[str]
    category_names: list[str]
    timestamps: list[float]


def encode_events(
    raw: RawEvents,
    item_vocab: Vocabulary | None = None,
    category_vocab: Vocabulary | None = None,
) -> EventSequences:
    """Group consecutive events with the same key into sequences; build vocabularies if not given.

    Events must already be ordered within each sequence and sequences must be contiguous (the TSV
    format and the store queries guarantee both).
    """
    item_vocab = item_vocab or Vocabulary.build(raw.item_ids)
    category_vocab = category_vocab or Vocabulary.build(raw.category_names)
    keys: list[str] = []
    starts: list[int] = []
    previous: str | None = None
    for position, key in enumerate(raw.sequence_keys):
        if key != previous:
            keys.append(key)
            starts.append(position)
            previous = key
    if len(set(keys)) != len(keys):
        raise ValueError("events of one sequence are not contiguous: sort by sequence, then time")
    return EventSequences(
        items=item_vocab.encode(raw.item_ids),
        offsets=np.asarray([*starts, len(raw.item_ids)], dtype=np.int64),
        categories=category_vocab.encode(raw.category_names),
        timestamps=np.asarray(raw.timestamps, dtype=np.float64),
        keys=tuple(keys),
        item_vocab=item_vocab,
        category_vocab=category_vocab,
    )


def read_events_tsv(path: Path) -> RawEvents:
    """Read the benchmark TSV format (``customer_id item_id category timestamp session_id ...``).

    Sequences are sessions; rows must be sorted by ``session_id, ts_order``. A malformed row raises
    an error naming the file, line and column.
    """
    raw = RawEvents([], [], [], [])
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, None)
        if header is None or tuple(header[: len(TSV_COLUMNS)]) != TSV_COLUMNS:
            raise ValueError(f"{path}: expected the header {' '.join(TSV_COLUMNS)}, got {header}")
        for line_number, row in enumerate(reader, start=2):
            if len(row) < len(TSV_COLUMNS):
                raise ValueError(f"{path}, line {line_number}: expected 7 tab-separated columns")
            try:
                timestamp = float(row[3])
            except ValueError:
                raise ValueError(
                    f"{path}, line {line_number}, column timestamp: "
                    f"expected seconds since 1970, got {row[3]!r}"
                ) from None
            raw.sequence_keys.append(row[4])
            raw.item_ids.append(row[1])
            raw.category_names.append(row[2] or NA_CATEGORY)
            raw.timestamps.append(timestamp)
    return raw
