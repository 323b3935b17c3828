"""Recognise an export: encoding, delimiter, header row and which platform wrote it, with reasons.

The import wizard shows the :class:`SniffResult` (format, confidence, evidence sentences and a
preview) and lets the shop owner pick another format from ``alternatives`` when the guess is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.importers.formats import FORMATS
from engine.importers.reading import TableLayout, detect_layout

MIN_CONFIDENCE = 0.5  # below this the wizard asks the user to choose or map columns


@dataclass
class SniffResult:
    path: Path
    format: str | None  # a name in engine.importers.formats.FORMATS, None when unknown
    label: str  # "Shopify orders export"
    kind: str | None  # orders | products | events
    confidence: float  # 0..1
    evidence: list[str]  # sentences the wizard shows: "UTF-8 with BOM", "header on line 3 (...)"
    encoding: str
    delimiter: str
    header_row: int  # 1-based row number of the header
    header: list[str]
    preview: list[list[str]]  # the first data rows
    alternatives: list[tuple[str, float]]  # other formats and their confidence, best first
    layout: TableLayout | None = field(default=None, repr=False)


def sniff(path: Path) -> SniffResult:
    """Detect the layout of ``path`` and score every known format against its header.

    Raises :class:`~engine.importers.reading.ImportFormatError` when the file is empty, binary
    or has no table in it.
    """
    layout = detect_layout(Path(path))
    scored = sorted(
        ((fmt.name, *fmt.score(layout)) for fmt in FORMATS.values() if fmt.detectable),
        key=lambda item: item[1],
        reverse=True,
    )
    name, confidence, reasons = scored[0]
    alternatives = [(other, score) for other, score, _ in scored[1:] if score > 0]
    if confidence < MIN_CONFIDENCE:
        best_guess = f"closest match: {FORMATS[name].label} ({confidence:.0%})"
        return SniffResult(
            layout.path, None, "Unknown layout", None, confidence,
            [*layout.evidence, *reasons, best_guess], layout.encoding, layout.delimiter,
            layout.header_row, layout.header, layout.preview,
            [(name, confidence), *alternatives], layout,
        )  # fmt: skip
    fmt = FORMATS[name]
    return SniffResult(
        layout.path, name, fmt.label, fmt.kind, confidence, [*layout.evidence, *reasons],
        layout.encoding, layout.delimiter, layout.header_row, layout.header, layout.preview,
        alternatives, layout,
    )  # fmt: skip
