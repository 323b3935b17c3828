"""Entry point of the frozen app.

* no arguments (double-click): the desktop app;
* ``--self-test``: the release check, offscreen — the whole pipeline on the sample shop in a
  temporary folder, then the main window is built and shown offscreen; prints a JSON summary as
  its last line and exits 0 only when everything passed;
* ``--first-window``: start, show the main window, print the seconds it took and quit (the start-up
  budget ``make bench`` reports for the frozen app);
* ``--cli ARGS...``: the headless ``pinpoint`` command line, for support and scripting.
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()


def self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from engine.services.selftest import run_self_test, summary

    report = run_self_test()
    result = summary(report)
    try:
        result["window"] = _show_main_window_offscreen()
    except Exception as error:  # reported, not raised: the JSON line must always be printed
        result["window"] = f"failed: {type(error).__name__}: {error}"
        result["ok"] = False
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


def _show_main_window_offscreen() -> str:
    import tempfile

    from desktop.app import create_application
    from desktop.main_window import MainWindow
    from engine.config import app_paths
    from engine.services.context import AppContext

    app = create_application("en")
    with tempfile.TemporaryDirectory(prefix="pinpoint-selftest-gui-") as home:
        ctx = AppContext(app_paths(home))
        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        title = window.windowTitle()
        window.close()
        ctx.close()
    return f"shown: {title}"


def first_window() -> int:
    """Time from process start to the main window shown (offscreen unless a display is set)."""
    title = _show_main_window_offscreen()
    print(json.dumps({"first_window_s": round(time.perf_counter() - STARTED, 3), "window": title}))
    return 0


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--self-test"]:
        return self_test()
    if args[:1] == ["--first-window"]:
        return first_window()
    if args[:1] == ["--cli"]:
        from engine.cli import main as cli_main

        return cli_main(args[1:])
    from desktop.app import main as desktop_main

    return desktop_main(args)


if __name__ == "__main__":
    sys.exit(main())
