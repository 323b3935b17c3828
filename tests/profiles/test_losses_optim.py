"""BPR-max and cross-entropy over sampled candidates; Adagrad with momentum."""

from __future__ import annotations

import math

import pytest
import torch

from engine.profiles.losses import bpr_max, sampled_loss
from engine.profiles.optim import AdagradMomentum


def test_bpr_max_matches_its_formula_on_a_hand_example() -> None:
    logits = torch.tensor([[2.0, 1.0, 0.0]])
    label = torch.tensor([0])
    excluded = torch.zeros(1, 3, dtype=torch.bool)
    weights = torch.softmax(torch.tensor([1.0, 0.0]), dim=0)  # negatives only
    ranking = weights[0] * torch.sigmoid(torch.tensor(1.0)) + weights[1] * torch.sigmoid(
        torch.tensor(2.0)
    )
    penalty = weights[0] * 1.0 + weights[1] * 0.0
    expected = -math.log(float(ranking)) + 0.5 * float(penalty)
    assert float(bpr_max(logits, label, excluded, 0.5)) == pytest.approx(expected, rel=1e-6)


def test_an_excluded_candidate_is_not_a_negative() -> None:
    logits = torch.tensor([[1.0, 5.0, 0.0]])
    label = torch.tensor([0])
    excluded = torch.tensor([[False, True, False]])  # the sampled copy of the true item
    only_the_third = bpr_max(
        torch.tensor([[1.0, 0.0]]), label, torch.zeros(1, 2, dtype=torch.bool), 1.0
    )
    assert float(bpr_max(logits, label, excluded, 1.0)) == pytest.approx(float(only_the_third))
    cross_entropy = sampled_loss("cross_entropy", logits, label, excluded)
    assert float(cross_entropy) == pytest.approx(-math.log(math.e / (math.e + 1.0)), rel=1e-6)


def test_score_regularisation_pulls_negative_scores_towards_zero() -> None:
    logits = torch.tensor([[3.0, 2.5, 2.0]], requires_grad=True)
    bpr_max(logits, torch.tensor([0]), torch.zeros(1, 3, dtype=torch.bool), 1.0).backward()
    assert logits.grad is not None
    assert logits.grad[0, 0] < 0 and (logits.grad[0, 1:] > 0).all()


def test_unknown_loss_is_refused() -> None:
    with pytest.raises(ValueError, match="bpr_max"):
        sampled_loss(
            "hinge", torch.zeros(1, 2), torch.tensor([0]), torch.zeros(1, 2, dtype=torch.bool)
        )


def _fit_quadratic(optimizer_factory: type, steps: int = 5, **kwargs: float) -> torch.Tensor:
    torch.manual_seed(0)
    parameter = torch.nn.Parameter(torch.randn(4, 3))
    optimizer = optimizer_factory([parameter], **kwargs)
    for _ in range(steps):
        optimizer.zero_grad()
        (parameter - 1.0).square().sum().backward()
        optimizer.step()
    return parameter.detach()


def test_without_momentum_it_is_torch_adagrad() -> None:
    ours = _fit_quadratic(AdagradMomentum, lr=0.1, weight_decay=0.01)
    reference = _fit_quadratic(torch.optim.Adagrad, lr=0.1, weight_decay=0.01, eps=1e-6)
    torch.testing.assert_close(ours, reference)


def test_momentum_follows_the_nesterov_update() -> None:
    parameter = torch.nn.Parameter(torch.tensor([0.0]))
    optimizer = AdagradMomentum([parameter], lr=0.5, momentum=0.5)
    for _ in range(2):
        optimizer.zero_grad()
        (-parameter).sum().backward()  # gradient −1 every step
        optimizer.step()
    step_1, step_2 = 0.5 / 1.0, 0.5 / math.sqrt(2.0)
    velocity_1 = step_1
    after_1 = 0.5 * velocity_1 + step_1
    velocity_2 = 0.5 * velocity_1 + step_2
    assert float(parameter.detach()) == pytest.approx(after_1 + 0.5 * velocity_2 + step_2, rel=1e-6)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="momentum"):
        AdagradMomentum([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=1.0)


def _embedding_after_steps(sparse: bool, rows: list[list[int]]) -> tuple[torch.Tensor, dict]:
    torch.manual_seed(0)
    table = torch.nn.Embedding(5, 3, sparse=sparse)
    optimizer = AdagradMomentum(table.parameters(), lr=0.1, momentum=0.4)
    for chosen in rows:
        optimizer.zero_grad()
        (table(torch.tensor(chosen)) - 1.0).square().sum().backward()
        optimizer.step()
    return table.weight.detach(), optimizer.state[table.weight]


def test_a_sparse_gradient_updates_its_rows_as_the_dense_update_would() -> None:
    every_row_each_step = [[0, 1, 2, 3, 4, 2], [4, 3, 2, 1, 0, 0]]  # repeated rows add up
    sparse, _ = _embedding_after_steps(True, every_row_each_step)
    dense, _ = _embedding_after_steps(False, every_row_each_step)
    torch.testing.assert_close(sparse, dense)


def test_rows_without_gradient_keep_their_value_and_state() -> None:
    untouched_before, _ = _embedding_after_steps(True, [])
    after, state = _embedding_after_steps(True, [[0, 1], [1, 2]])
    torch.testing.assert_close(after[3:], untouched_before[3:])
    assert float(state["sum"][3:].abs().sum()) == 0.0
    assert float(state["velocity"][3:].abs().sum()) == 0.0
    assert not torch.equal(after[:3], untouched_before[:3])
