"""The headless demo: every stage that exists, run in order on the bundled sample shop.

Each stage is a service call on the sample data; new stages are appended to :data:`STAGES` as the
engine grows, so ``pinpoint demo`` always exercises the whole product end to end.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.config import RESOURCES_DIR
from engine.progress import CancelToken, ProgressFn, null_progress, scaled
from engine.services.context import AppContext
from engine.services.store import init_store

SAMPLES_DIR = RESOURCES_DIR / "samples"
SAMPLE_ORDERS = SAMPLES_DIR / "shopify_orders_export.csv"

StageFn = Callable[[AppContext, ProgressFn, CancelToken], dict[str, Any]]


@dataclass(frozen=True)
class DemoStage:
    """One demo step; ``function`` ("module:name") is imported only when the stage runs, so
    starting the CLI never pays for torch or scikit-learn."""

    name: str
    describe: str  # one line for the console: what this stage does
    function: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    def run(self, ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
        module_name, attribute = self.function.split(":")
        module = importlib.import_module(module_name)
        stage: Callable[..., dict[str, Any]] = getattr(module, attribute)
        return stage(ctx, progress, cancel, **self.kwargs)


@dataclass
class DemoReport:
    home: str
    stages: list[dict[str, Any]] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)


def _stage_init(ctx: AppContext, progress: ProgressFn, cancel: CancelToken) -> dict[str, Any]:
    status = init_store(ctx, shop_name="Sample gift shop (UCI Online Retail)", currency="GBP")
    return {"database": status.database, "schema_revision": status.schema_revision}


STAGES: list[DemoStage] = [
    DemoStage("init", "Create the local database", f"{__name__}:_stage_init"),
    DemoStage(
        "import",
        "Import the sample orders and infer categories",
        "engine.services.importing:import_sample",
        {"path": SAMPLE_ORDERS},
    ),
    DemoStage(
        "profile",
        "Learn customer profiles (GRU interests, next products)",
        "engine.services.profiling:demo_profiles",
    ),
    DemoStage(
        "audiences",
        "Segments, a category audience and a lift back-test",
        "engine.services.targeting_demo:demo_audiences",
    ),
    DemoStage(
        "copy",
        "Ad copy for the best-selling product (bundled model)",
        "engine.services.copywriting:demo_copy",
    ),
    DemoStage(
        "campaign",
        "Draft campaigns on all four platforms (best category)",
        "engine.services.campaigns:demo_campaigns",
    ),
    DemoStage(
        "export",
        "Write upload files for every ad platform",
        "engine.services.exporting:export_everything",
    ),
    # after export on purpose: its SIMULATED campaigns are never exported (status "simulated")
    DemoStage(
        "evaluate",
        "SIMULATED ad report: import, metrics, HTML report",
        "engine.services.evaluation:demo_evaluate",
    ),
]


def run_demo(
    ctx: AppContext,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    log: Callable[[str], None] = lambda _line: None,
) -> DemoReport:
    """Run every stage in order; a failing stage stops the demo with its error."""
    cancel = cancel or CancelToken()
    report = DemoReport(home=str(ctx.paths.home))
    for index, stage in enumerate(STAGES):
        cancel.check()
        log(f"[{index + 1}/{len(STAGES)}] {stage.describe} ...")
        started = time.perf_counter()
        stage_progress = scaled(progress, index / len(STAGES), (index + 1) / len(STAGES))
        result = stage.run(ctx, stage_progress, cancel)
        elapsed = round(time.perf_counter() - started, 2)
        report.stages.append({"stage": stage.name, "seconds": elapsed, **result})
        for key, value in result.items():
            if key.endswith(("_file", "_dir", "database")) and isinstance(value, str | Path):
                report.outputs[f"{stage.name}.{key}"] = str(value)
        log(f"      done in {elapsed}s: {_summarise(result)}")
    progress(1.0, "Demo finished")
    return report


def _summarise(result: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in result.items() if not isinstance(v, dict | list))
