"""The sampler's own arithmetic: the nucleus's candidates and the once-per-token repeat penalty."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import torch

from engine.copywriting.sampler import _top_k, sample


@pytest.mark.parametrize("rows", [1, 12])
def test_top_k_finds_what_torch_topk_finds_largest_first(rows: int) -> None:
    torch.manual_seed(rows)
    probs = torch.softmax(torch.randn(rows, 3000) * 3, dim=-1)
    top, ids = _top_k(probs, 200)
    expected_top, expected_ids = probs.topk(200, dim=-1)
    torch.testing.assert_close(top, expected_top)
    assert torch.equal(ids, expected_ids)  # no ties among random floats


class _FixedScores:
    """A stand-in model whose next-token scores never change: token 5 scores 3, token 6 scores 0,
    every other token far below (the sampler feeds it through the model-forward path)."""

    config = SimpleNamespace(model_type="fixed")

    def __call__(self, input_ids: torch.Tensor, **_: Any) -> SimpleNamespace:
        logits = torch.full((input_ids.shape[0], input_ids.shape[1], 10), -50.0)
        logits[..., 5], logits[..., 6] = 3.0, 0.0
        return SimpleNamespace(logits=logits, past_key_values=None)


@pytest.mark.parametrize(("penalty", "expected"), [(2.5, [5, 5, 5, 5]), (3.5, [5, 6, 5, 5])])
def test_a_written_token_loses_its_penalty_once_not_once_per_repeat(
    penalty: float, expected: list[int]
) -> None:
    """3 − 2.5 still beats 0, so 5 repeats; 3 − 3.5 loses to 0 once, then 6 pays its own
    penalty and 5 (penalised once, not twice) wins again."""
    rows = sample(
        _FixedScores(),
        torch.tensor([[1, 2]]),
        [0.01],
        4,
        end_id=-1,
        repeat_penalty=torch.full((10,), penalty),
    )
    assert rows == [expected]
