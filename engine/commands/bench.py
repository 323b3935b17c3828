"""`pinpoint bench <name>`: benchmarks that run on any data set in the documented formats.

Each module in :mod:`engine.commands.benches` defines ``register(bench_subparsers)``, so
``bench recommend``, ``bench lift`` and ``bench copy`` live beside the code they measure.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from engine.commands import benches


def register(subparsers: argparse._SubParsersAction) -> None:
    bench = subparsers.add_parser("bench", help="measure models on a data set (see `bench -h`)")
    bench_subparsers = bench.add_subparsers(dest="bench", metavar="BENCHMARK")
    for module_info in sorted(pkgutil.iter_modules(benches.__path__), key=lambda m: m.name):
        if not module_info.name.startswith("_") and not module_info.ispkg:
            importlib.import_module(f"{benches.__name__}.{module_info.name}").register(
                bench_subparsers
            )
