"""The use cases the CLI and the desktop call; one module per stage.

``engine.services.store`` (init, status), ``engine.services.demo`` (the headless demo) and, as
stages land, importing, profiling, targeting, copywriting, evaluation and exporting. Each service
function takes an :class:`~engine.services.context.AppContext` plus plain arguments, and long ones a
``progress``/``cancel`` pair, and returns plain dataclasses or dicts the GUI and ``--json`` show.
"""
