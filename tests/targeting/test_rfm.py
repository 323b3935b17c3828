"""RFM scores and segment rules on hand-made customers."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from engine.targeting.audiences.rfm import SEGMENTS, quintile_score, rfm_table, segment_of
from tests.targeting.synthetic import START, purchases_from_rows

NOW = START + timedelta(days=400)


def test_every_cell_of_the_grid_has_a_named_segment() -> None:
    names = {segment_of(r, f) for r in range(1, 6) for f in range(1, 6)}
    assert names == set(SEGMENTS)


def test_quintiles_give_ties_the_same_score() -> None:
    scores = quintile_score(np.array([1, 1, 1, 1, 2, 3, 4, 5, 6, 7.0]))
    assert len(set(scores[:4])) == 1
    assert scores[-1] == 5 and scores[0] < scores[-1]


def _orders(
    customer: int, days_before_now: list[int], first_order: int
) -> list[tuple[int, int, datetime, int]]:
    return [
        (customer, 0, NOW - timedelta(days=d), first_order + i)
        for i, d in enumerate(days_before_now)
    ]


def test_hand_made_customers_land_in_the_expected_segments() -> None:
    rows = (
        _orders(1, [2, 10, 20, 30, 40, 50, 60, 70], 100)  # recent and frequent
        + _orders(2, [300, 310, 320, 330, 340, 350, 360], 200)  # frequent, long gone
        + _orders(3, [1], 300)  # one order, yesterday
        + _orders(4, [390], 400)  # one order, long ago
    )
    # a crowd of middling customers so percentiles mean something
    for c in range(10, 60):
        rows += _orders(c, [100 + c, 150 + c], 1000 + 10 * c)
    table = rfm_table(purchases_from_rows(rows), NOW)
    segment = dict(zip(table.customers.tolist(), table.segment.tolist(), strict=True))
    assert segment[1] == "champions"
    assert segment[2] == "can't lose them"
    assert segment[3] == "new customers"
    assert segment[4] == "lost"
    assert table.recency_days[table.customers == 3][0] == 1.0
    assert table.frequency[table.customers == 1][0] == 8
    ranking = table.customers[np.argsort(-table.score)]
    assert ranking[0] == 1 and ranking[-1] == 4
