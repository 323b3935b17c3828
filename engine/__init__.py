"""Pinpoint's engine: every capability of the product, with no Qt import.

Data flows one way: files -> importers -> store -> profiles -> targeting -> copywriting,
then evaluation and exporters. The desktop GUI and the CLI call ``engine.services`` only.
"""

from importlib.metadata import PackageNotFoundError, version

try:  # one source of truth: pyproject.toml (the frozen app carries the metadata too)
    __version__ = version("pinpoint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
