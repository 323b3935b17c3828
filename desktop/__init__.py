"""Pinpoint's desktop GUI: a thin PySide6 layer over ``engine.services``.

Everything long runs in :mod:`desktop.tasks`; pages only show what services return.
"""
