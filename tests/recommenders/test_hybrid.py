"""The prefitted blend behind the benchmark's "gru+itemknn": reuses fitted members, checks them."""

from __future__ import annotations

import numpy as np
import pytest

from engine.targeting.recommenders.base import NotFittedError
from engine.targeting.recommenders.hybrid import PrefittedBlend
from engine.targeting.recommenders.itemknn import ItemKNN
from engine.targeting.recommenders.popularity import Popularity
from tests.recommenders.toy import sessions

TRAIN = sessions([["a", "b", "c"], ["a", "b"], ["c", "d"], ["b", "c", "d"]])


def test_members_are_used_as_fitted_and_their_scores_blended() -> None:
    knn, popularity = ItemKNN().fit(TRAIN), Popularity().fit(TRAIN)
    similarity_before = knn.similarity_
    blend = PrefittedBlend({"itemknn": knn, "popularity": popularity}, {"itemknn": 1.0}).fit(TRAIN)
    assert knn.similarity_ is similarity_before  # not refitted
    rows = list(blend.score_sequences(TRAIN))
    knn_rows = list(knn.score_sequences(TRAIN))
    for blended, alone in zip(rows, knn_rows, strict=True):  # one member: same ranking
        np.testing.assert_array_equal(np.argsort(-blended[-1]), np.argsort(-alone[-1]))


def test_an_unfitted_or_mismatched_member_is_refused() -> None:
    with pytest.raises(NotFittedError):
        PrefittedBlend({"itemknn": ItemKNN()}).fit(TRAIN)
    other = ItemKNN().fit(sessions([["x", "y"]]))
    with pytest.raises(ValueError, match="same data"):
        PrefittedBlend({"itemknn": other}).fit(TRAIN)
