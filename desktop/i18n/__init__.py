"""Translations of the desktop UI. Sources (``*.ts``) live here; compiled ``*.qm`` ship in
``resources/i18n`` (where the app and the bundle load them).

After changing user-facing strings: ``python -m desktop.i18n`` re-scans ``desktop/`` with
``pyside6-lupdate`` (existing translations are kept), then compiles with ``pyside6-lrelease``.
Translate new entries in the ``.ts`` with Qt Linguist (``pyside6-linguist``) or by hand.
"""
