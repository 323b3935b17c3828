"""CLI sub-commands, one module per stage.

Every module here defines ``register(subparsers)``; :mod:`engine.cli` discovers them, so a new
stage adds its commands without touching any other file.
"""
