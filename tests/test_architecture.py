"""Promises about the code's shape: the engine never imports Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import engine
from tests.conftest import REPO_ROOT


def engine_modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(engine.__path__, "engine.")
        if ".migrations" not in m.name
    )


def test_every_engine_module_imports_with_qt_blocked() -> None:
    script = textwrap.dedent(
        f"""
        import importlib, sys
        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in {{'PySide6', 'shiboken6', 'PyQt5', 'PyQt6'}}:
                    raise ImportError('engine must not import Qt: ' + name)
                return None
        sys.meta_path.insert(0, BlockQt())
        for name in {engine_modules()!r}:
            importlib.import_module(name)
        assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]
        print('ok')
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_cli_starts_without_heavy_imports() -> None:
    """`pinpoint --help` must stay instant: torch and transformers are imported lazily."""
    script = (
        "import sys, engine.cli; engine.cli.build_parser(); "
        "print(sorted(m for m in ('torch', 'transformers', 'sklearn') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
