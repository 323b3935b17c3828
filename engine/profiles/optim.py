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

With ``momentum=0`` this is ``torch.optim.Adagrad`` (zero initial accumulator) except for
``eps``: 1e-6 here, as in GRU4Rec, instead of torch's 1e-10. With BPR-max most negatives get
tiny gradients, and with eps 1e-10 a tiny gradient still moves its parameter by almost the full
learning rate on its first update; measured on the online-retail split, .326 vs .343
validation Recall@20 after one epoch.

A parameter with a *sparse* gradient (an ``nn.Embedding(sparse=True)``: the item table, of which
one training step touches only the batch's items and the sampled negatives) is updated on those
rows only, accumulator and velocity included, as GRU4Rec does. With 2,048 sampled negatives a
step still touches ~1,400 of the 3,173 items of the online-retail split, so this saves ~10 % of
a training step there (measured); catalogues larger than the sample gain more.
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
        eps: float = 1e-6,
    ) -> None:
        if lr <= 0 or not 0.0 <= momentum < 1.0:
            raise ValueError(f"need lr > 0 and 0 ≤ momentum < 1, got lr={lr}, momentum={momentum}")
        super().__init__(
            params, {"lr": lr, "momentum": momentum, "weight_decay": weight_decay, "eps": eps}
        )

    @torch.no_grad()
    def step(self, closure: None = None) -> None:  # type: ignore[override]
        """One update of every parameter that has a gradient.

        Written with in-place multi-tensor (``_foreach``) operations: the GRU makes thousands of
        small steps per epoch, and allocating temporaries for each parameter at every step cost
        as much time as the network itself.
        """
        for group in self.param_groups:
            for parameter in group["params"]:
                if parameter.grad is not None and parameter.grad.is_sparse:
                    self._sparse_step(parameter, group)
            parameters = [p for p in group["params"] if p.grad is not None and not p.grad.is_sparse]
            if not parameters:
                continue
            gradients: list[torch.Tensor] = [p.grad for p in parameters]
            if group["weight_decay"]:
                gradients = list(
                    torch._foreach_add(gradients, parameters, alpha=group["weight_decay"])
                )
            for parameter in parameters:
                self._init_state(parameter, group)
            sums = [self.state[p]["sum"] for p in parameters]
            torch._foreach_addcmul_(sums, gradients, gradients)
            denominators = torch._foreach_sqrt(sums)
            torch._foreach_add_(denominators, group["eps"])
            lr, momentum = group["lr"], group["momentum"]
            if momentum:
                velocities = [self.state[p]["velocity"] for p in parameters]
                torch._foreach_mul_(velocities, momentum)
                torch._foreach_addcdiv_(velocities, gradients, denominators, value=-lr)
                torch._foreach_add_(parameters, velocities, alpha=momentum)
            torch._foreach_addcdiv_(parameters, gradients, denominators, value=-lr)

    def _init_state(self, parameter: torch.nn.Parameter, group: dict) -> dict:
        state = self.state[parameter]
        if not state:
            state["sum"] = torch.zeros_like(parameter)
            if group["momentum"]:
                state["velocity"] = torch.zeros_like(parameter)
        return state

    def _sparse_step(self, parameter: torch.nn.Parameter, group: dict) -> None:
        """The same update on the rows that have a gradient; other rows (and their state) rest."""
        state = self._init_state(parameter, group)
        gradient = parameter.grad.coalesce()  # type: ignore[union-attr]  # sums repeated rows
        rows, values = gradient.indices()[0], gradient.values()
        if group["weight_decay"]:
            values = values + group["weight_decay"] * parameter[rows]
        sums = state["sum"].index_add_(0, rows, values.square())[rows]
        step = values.div(sums.sqrt_().add_(group["eps"])).mul_(group["lr"])
        if group["momentum"]:
            velocity = state["velocity"][rows].mul_(group["momentum"]).sub_(step)
            state["velocity"][rows] = velocity
            step.sub_(velocity, alpha=group["momentum"])
        parameter.index_add_(0, rows, step, alpha=-1.0)
