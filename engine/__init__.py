"""Pinpoint's engine: every capability of the product, with no Qt import.

Data flows one way: files -> importers -> store -> profiles -> targeting -> copywriting,
then evaluation and exporters. The desktop GUI and the CLI call ``engine.services`` only.
"""

__version__ = "0.1.0"
