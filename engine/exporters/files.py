"""Writing export files: delimited text in a platform's encoding, and atomic replacement.

Every export file is first written next to its final name and then renamed over it, so a crash,
a full disk or a cancelled export never leaves a half-written file that a merchant might upload.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.exporters.safety import Cell, csv_text


@dataclass(frozen=True)
class TextLayout:
    """How a platform wants its delimited text: encoding, BOM, delimiter, line ending."""

    encoding: str  # Python codec name, without BOM handling
    bom: bytes
    delimiter: str
    line_end: str


UTF8 = TextLayout("utf-8", b"", ",", "\n")
UTF8_BOM = TextLayout("utf-8", b"\xef\xbb\xbf", ",", "\r\n")
UTF16LE_TAB = TextLayout("utf-16-le", b"\xff\xfe", "\t", "\r\n")  # Google Ads Editor's own export


def render_delimited(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], layout: TextLayout
) -> bytes:
    """The file's bytes: header + rows, every cell made spreadsheet-safe, quoted when needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=layout.delimiter, lineterminator=layout.line_end)
    writer.writerow(list(header))
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row has {len(row)} cells but the header has {len(header)}")
        writer.writerow([csv_text(cell) for cell in row])
    return layout.bom + buffer.getvalue().encode(layout.encoding)


def write_delimited(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], layout: TextLayout
) -> int:
    """Render and write atomically; returns how many rows (without the header) were written."""
    body = list(rows)
    atomic_write_bytes(path, render_delimited(header, body, layout))
    return len(body)


def read_delimited(data: bytes, layout: TextLayout) -> list[list[str]]:
    """Read a file written by :func:`render_delimited` back into rows (header first)."""
    if layout.bom and data.startswith(layout.bom):
        data = data[len(layout.bom) :]
    text = data.decode(layout.encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter))


def read_records(path: Path, layout: TextLayout) -> list[dict[str, str]]:
    """A delimited file as one dict (header → cell) per row."""
    header, *body = read_delimited(path.read_bytes(), layout)
    return [dict(zip(header, row, strict=False)) for row in body]


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temp_path)`` and rename the result onto ``path`` only when it succeeded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temp_path = Path(temp_name)
    try:
        write(temp_path)
        os.replace(temp_path, path)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    return atomic_write(path, lambda temp: temp.write_bytes(data))
