"""Update the .ts sources from the code and compile the .qm files the app loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from desktop.resources import translations_dir

SOURCES = Path(__file__).resolve().parent
DESKTOP = SOURCES.parent
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (a venv's bin/ may not be on PATH)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 into this environment")
    return found


def main() -> int:
    code = sorted(str(path) for path in DESKTOP.rglob("*.py") if "i18n" not in path.parts)
    translations_dir().mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = SOURCES / f"pinpoint_{language}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), *code, "-no-obsolete", "-source-language", "en",
             "-target-language", language, "-ts", str(ts_file)],
            check=True,
        )  # fmt: skip
        qm_file = translations_dir() / f"pinpoint_{language}.qm"
        subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
