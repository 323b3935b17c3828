"""What compute this computer offers, found in a worker (importing torch takes seconds)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceReport:
    torch_version: str | None
    cuda_available: bool
    gpu_name: str | None
    gpu_memory_gb: float | None


def probe_devices() -> DeviceReport:
    """Import torch lazily and ask it; a missing or broken torch means CPU only."""
    try:
        import torch
    except Exception:  # a broken install must not stop the settings page from showing
        return DeviceReport(None, False, None, None)
    if not torch.cuda.is_available():
        return DeviceReport(torch.__version__, False, None, None)
    props = torch.cuda.get_device_properties(0)
    return DeviceReport(torch.__version__, True, props.name, round(props.total_memory / 2**30, 1))
