"""Tiny hand-made sequences for recommender tests."""

from __future__ import annotations

from engine.profiles.sequences import EventSequences, RawEvents, Vocabulary, encode_events


def sessions(rows: list[list[str]], items: Vocabulary | None = None) -> EventSequences:
    """One sequence per list of item ids; one second between events; no categories."""
    raw = RawEvents([], [], [], [])
    for s, row in enumerate(rows):
        for t, item in enumerate(row):
            raw.sequence_keys.append(f"s{s}")
            raw.item_ids.append(item)
            raw.category_names.append("NA")
            raw.timestamps.append(1_700_000_000.0 + 1000 * s + t)
    return encode_events(raw, items, Vocabulary(("NA",)) if items is not None else None)
