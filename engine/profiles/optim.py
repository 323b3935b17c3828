"""Adagrad with Nesterov momentum: the optimizer GRU4Rec's authors train their GRU with.

Plain Adagrad divides each step by the root of the parameter's summed squared gradients, so
rarely seen items (few, small accumulated gradients) still take large steps while frequent
ones settle. GRU4Rec adds momentum on top of that step; Hidasi & Czapp (2023) list "Adam instead
of Adagrad with momentum" among the reasons third-party GRU4Rec ports score lower.

Per parameter, with ``g`` its gradient (plus ``weight_decay · p``):

    acc ← acc + g²                       (Adagrad accumulator)
    step = lr · g / (√acc + eps)
    v ← momentum · v − step              (velocity)
    p ← p + momentum · v − step          (Nesterov look-ahead)

With ``momentum=0`` this is exactly ``torch.optim.Adagrad`` (same ``eps``, zero initial
accumulator), so older settings train identically.
"""

from __future__ import annotations

from collections.abc import Iterable

import torch


class AdagradMomentum(torch.optim.Optimizer):
    """Adagrad step sizes with Nesterov momentum (see the module docstring for the update)."""

    def __init__(
        self,
        params: Iterable[torch.nn.Parameter],
        lr: float = 0.05,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        eps: float = 1e-10,
    ) -> None:
        if lr <= 0 or not 0.0 <= momentum < 1.0:
            raise ValueError(f"need lr > 0 and 0 ≤ momentum < 1, got lr={lr}, momentum={momentum}")
        super().__init__(
            params, {"lr": lr, "momentum": momentum, "weight_decay": weight_decay, "eps": eps}
        )

    @torch.no_grad()
    def step(self, closure: None = None) -> None:  # type: ignore[override]
        for group in self.param_groups:
            for parameter in group["params"]:
                if parameter.grad is None:
                    continue
                gradient = parameter.grad
                if group["weight_decay"]:
                    gradient = gradient.add(parameter, alpha=group["weight_decay"])
                state = self.state[parameter]
                if not state:
                    state["sum"] = torch.zeros_like(parameter)
                    if group["momentum"]:
                        state["velocity"] = torch.zeros_like(parameter)
                state["sum"].addcmul_(gradient, gradient)
                step = gradient / (state["sum"].sqrt() + group["eps"]) * group["lr"]
                if group["momentum"]:
                    velocity = state["velocity"]
                    velocity.mul_(group["momentum"]).sub_(step)
                    parameter.add_(velocity, alpha=group["momentum"]).sub_(step)
                else:
                    parameter.sub_(step)
