"""The use cases the CLI and the desktop call; the GUI and the commands never reach past them.

One module (or a small family ``<stage>_*.py``) per stage: ``store`` (init, status), ``importing``
(+ ``importing_store``, ``importing_views``; ``import_preview`` is the wizard's dry run on a
throw-away copy of the store), ``profiling``, ``targeting`` (+ ``targeting_data``,
``targeting_backtest``, ``targeting_customers``, ``targeting_demo``), ``copywriting`` and
``variants`` (the studio's stored copy), ``campaigns``, ``evaluation`` and ``performance``,
``exporting``; read-only views for the desktop in ``customers`` (with the plain value types of
``customer_query``) and ``catalog``; ``demo`` and ``selftest`` run the whole pipeline.

Each service function takes an :class:`~engine.services.context.AppContext` plus plain arguments,
and long ones a ``progress``/``cancel`` pair, and returns plain dataclasses or dicts the GUI and
``--json`` show.
"""
