"""The benchmark's hybrid: session-decayed item-kNN, and a blend that reuses prefitted members."""

from __future__ import annotations

import numpy as np
import pytest

from engine.targeting.recommenders.blend import BlendRecommender
from engine.targeting.recommenders.hybrid import SessionItemKNN
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.popularity import Popularity
from tests.recommenders.toy import sessions

TRAIN = sessions([["a", "b", "c"], ["a", "b"], ["c", "d"], ["b", "c", "d"], ["a", "d"]])


def test_session_knn_adds_the_earlier_items_rows_discounted() -> None:
    plain = list(ItemKNN().fit(TRAIN).score_sequences(TRAIN))
    decayed = list(SessionItemKNN(decay=0.5).fit(TRAIN).score_sequences(TRAIN))
    rows, expected = decayed[0], plain[0]  # session a, b, c
    np.testing.assert_allclose(rows[0], expected[0])
    np.testing.assert_allclose(rows[2], expected[2] + 0.5 * expected[1] + 0.25 * expected[0])
    last_only = SessionItemKNN(decay=0.0).fit(TRAIN).score_sequences(TRAIN)
    for ours, theirs in zip(last_only, plain, strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_a_fitted_member_is_reused_and_an_unfitted_one_is_fitted() -> None:
    knn = ItemKNN().fit(TRAIN)
    similarity_before = knn.similarity_
    popularity = Popularity()
    BlendRecommender({"itemknn": knn, "popularity": popularity}, prefitted={"itemknn"}).fit(TRAIN)
    assert knn.similarity_ is similarity_before  # not refitted
    popularity.check_fitted()


def test_a_member_fitted_on_other_data_is_refused() -> None:
    other = ItemKNN().fit(sessions([["x", "y"]]))
    with pytest.raises(ValueError, match="same data"):
        BlendRecommender({"itemknn": other}, prefitted={"itemknn"}).fit(TRAIN)
