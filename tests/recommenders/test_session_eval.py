"""The session protocol: conservative ties, unknown targets are misses, all pairs counted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Self

import numpy as np
import pytest

from engine.profiles.sequences import UNKNOWN, EventSequences
from engine.targeting.recommenders.base import NotFittedError, Recommender
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.popularity import Popularity
from engine.targeting.recommenders.session_eval import (
    conservative_ranks,
    evaluate_sessions,
    load_split,
)
from tests.recommenders.toy import sessions


class FixedScores(Recommender):
    """Always the same scores, whatever the context."""

    def __init__(self, scores: list[float]) -> None:
        self.scores = scores

    def fit(self, train: EventSequences, progress=None, cancel=None) -> Self:  # type: ignore[no-untyped-def]
        self.n_items_ = train.n_items
        return self

    def score_sequences(self, sequences: EventSequences) -> Iterator[np.ndarray]:
        for length in sequences.lengths:
            yield np.tile(np.asarray(self.scores, dtype=np.float32), (int(length), 1))


def test_ties_count_against_the_model() -> None:
    scores = np.array([[1.0, 1.0, 1.0, 0.0], [3.0, 2.0, 1.0, 0.0]])
    assert conservative_ranks(scores, np.array([0, 1])).tolist() == [3, 2]


def test_unknown_target_is_a_miss_not_dropped() -> None:
    ranks = conservative_ranks(np.ones((1, 5)), np.array([UNKNOWN]))
    assert ranks.tolist() == [6]


def test_evaluate_counts_every_pair_with_known_recall_and_mrr() -> None:
    train = sessions([["a", "b", "c", "d"]])
    test = sessions([["a", "b", "zzz"], ["c", "a"]], train.item_vocab)
    model = FixedScores([4.0, 3.0, 3.0, 1.0]).fit(train)  # a > b = c > d
    result = evaluate_sessions(model, test, cutoff=2)
    # pairs: a->b (rank 3: b ties with c), b->zzz (unknown: miss), c->a (rank 1)
    assert result.pairs == 3
    assert result.unknown_targets == 1
    assert result.recall == pytest.approx(1 / 3)
    assert result.mrr == pytest.approx(1 / 3)


def test_popularity_and_itemknn_on_a_toy_case() -> None:
    train = sessions([["a", "b"], ["a", "b"], ["a", "c"], ["d"]])
    test = sessions([["a", "b"]], train.item_vocab)
    pop = Popularity().fit(train)
    assert pop.item_counts_.tolist() == [3.0, 2.0, 1.0, 1.0]
    knn = ItemKNN(neighbours=1, shrinkage=0.0).fit(train)
    scores = next(knn.score_sequences(test))
    # after "a" only its single nearest neighbour "b" (2 shared sessions) scores above zero
    assert scores[0].argmax() == train.item_vocab.index_of("b")
    assert (scores[0] > 0).sum() == 1
    assert evaluate_sessions(knn, test).recall == 1.0


def test_unfitted_recommender_refuses_to_score() -> None:
    with pytest.raises(NotFittedError):
        Popularity().score_last(sessions([["a"]]))


def test_category_target_refuses_a_split_without_categories(tmp_path: Path) -> None:
    header = "customer_id\titem_id\tcategory\ttimestamp\tsession_id\tts_order\tprice\n"
    rows = "".join(f"1\t{item}\tNA\t{100 + i}\t7\t{i}\t1.0\n" for i, item in enumerate("abc"))
    split = tmp_path / "split.tsv"
    split.write_text(header + rows)
    with pytest.raises(ValueError, match="no category to predict"):
        load_split(split, split, target="category")
    with_categories = tmp_path / "categories.tsv"
    with_categories.write_text(header + rows.replace("\tNA\t", "\tGifts\t", 2))
    train, _test, notes = load_split(with_categories, with_categories, target="category")
    assert train.item_vocab.ids == ("Gifts", "NA")
    assert notes["na_category_share"] == pytest.approx(1 / 3, abs=1e-3)
