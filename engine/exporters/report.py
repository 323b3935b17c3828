"""A short Markdown summary written next to the exported files.

The merchant opens it before uploading: what was written, how many rows, what was dropped or
needs a look, and — for audience files in plain text — a warning that the file holds raw personal
data. It never contains any customer's e-mail, phone or name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from engine.exporters.files import atomic_write_bytes
from engine.exporters.violations import ExportViolation

PLAIN_TEXT_WARNING = (
    "WARNING: this audience file holds customers' e-mail addresses, phone numbers and names in "
    "PLAIN TEXT. Upload it straight away, do not e-mail or share it, and delete it afterwards."
)


def render_report(
    platform_label: str,
    files: Sequence[tuple[Path, int]],
    violations: Sequence[ExportViolation],
    dropped: Sequence[str],
    notes: Sequence[str],
    generated_at: datetime,
) -> str:
    lines = [
        f"# Pinpoint export: {platform_label}",
        "",
        f"Generated {generated_at:%Y-%m-%d %H:%M}.",
        "",
    ]
    if files:
        lines += ["## Files", ""] + [f"- `{path.name}`: {rows} rows" for path, rows in files] + [""]
    else:
        lines += [
            "**Nothing was written.** Fix the errors below (or export with --drop-invalid).",
            "",
        ]
    errors = [v for v in violations if v.is_error]
    warnings = [v for v in violations if not v.is_error]
    for title, items in (("Errors", errors), ("Warnings", warnings)):
        if items:
            lines += [f"## {title} ({len(items)})", ""] + [f"- {v.message}" for v in items] + [""]
    if dropped:
        lines += ["## Left out because of the errors (--drop-invalid)", ""]
        lines += [f"- {where}" for where in dropped] + [""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


def write_report(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))
