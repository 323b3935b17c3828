"""Torch on one thread here: tests run two at a time (pytest -n 2) on a shared 2-core machine,
where OpenMP threads waiting on each other cost more than they gain on tiny models."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
