"""The headless command line: ``pinpoint <command> [--json]``.

Sub-commands are discovered from :mod:`engine.commands`. Results go to stdout (one JSON object
with ``--json``); logs and errors go to stderr, so scripts can pipe the JSON.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from engine import __version__, commands
from engine.config import app_paths
from engine.progress import Cancelled
from engine.services.context import AppContext

log = logging.getLogger("pinpoint")


class UserError(Exception):
    """An error the user can fix (bad file, unknown option); printed without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pinpoint", description="Pinpoint: targeted ads from your shop's orders, offline."
    )
    parser.add_argument("--version", action="version", version=f"pinpoint {__version__}")
    parser.add_argument(
        "--home", help="data folder (default: $PINPOINT_HOME or the per-user folder)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="more log output on stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_") or module_info.ispkg:
            continue
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    ctx = AppContext(app_paths(args.home))
    try:
        return int(args.handler(args, ctx))
    except (UserError, FileNotFoundError, ValueError) as error:
        log.error("pinpoint: %s", error)
        return 1
    except Cancelled:
        log.error("pinpoint: cancelled")
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
