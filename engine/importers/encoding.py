"""Bytes to text: gzip, encoding detection and the "this is not a text file" check.

Cheap checks come first (BOMs, a strict UTF-8 decode of a sample); legacy code pages (GBK,
cp932, cp1252) are told apart by charset-normalizer only when those fail.
"""

from __future__ import annotations

import codecs
import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

SAMPLE_BYTES = 256 * 1024

_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (not an Excel .xlsx workbook)",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook (save it as .xlsx or CSV)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE with BOM"),
)
_LEGACY_ENCODINGS = {
    "gb18030": "GBK/GB18030",
    "cp932": "Shift_JIS (cp932)",
    "cp1252": "Windows-1252",
}


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 inside a UTF-8 file, read as Windows-1252 (Excel's edits)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


DECODE_ERRORS = "pinpoint-cp1252-fallback"
"""Error handler for streaming a file: a stray non-UTF-8 byte after the sample keeps its letter."""
codecs.register_error(DECODE_ERRORS, _legacy_bytes)


@contextmanager
def open_bytes(path: Path) -> Iterator[tuple[BinaryIO, BinaryIO]]:
    """The file handle (its ``tell()`` is the progress) and its bytes, un-gzipped if needed."""
    with path.open("rb") as handle:
        if handle.peek(2)[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
                yield handle, unzipped  # type: ignore[misc]
        else:
            yield handle, handle


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    with open_bytes(path) as (_, stream):
        return stream.read(size)


def detect_encoding(sample: bytes) -> tuple[str, str]:
    """Python codec name and a sentence of evidence, from BOMs and strict decodes of the sample.

    Cheap checks first (BOM, strict UTF-8); legacy code pages are told apart by charset-normalizer
    only when those fail, restricted to the code pages shop exports actually use.
    """
    for bom, codec, label in _BOMS:
        if sample.startswith(bom):
            return codec, label
    if _decodes(sample, "utf-8"):
        return "utf-8", "UTF-8 (plain ASCII)" if sample.isascii() else "UTF-8 (no BOM)"
    if _looks_utf16_without_bom(sample):
        codec = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        return codec, f"{codec.upper()} without BOM (every other byte is zero)"
    return _guess_legacy(sample)


def _decodes(sample: bytes, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        decoder.decode(sample, final=False)  # a character cut at the sample's end is fine
    except UnicodeDecodeError:
        return False
    return True


def _looks_utf16_without_bom(sample: bytes) -> bool:
    head = sample[:2000]
    return len(head) >= 4 and head.count(0) >= len(head) * 0.4


def _guess_legacy(sample: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(_LEGACY_ENCODINGS)).best()
    if best is not None and best.encoding in _LEGACY_ENCODINGS:
        name = best.encoding
        return name, f"{_LEGACY_ENCODINGS[name]} (not valid UTF-8; the text reads best this way)"
    for name in _LEGACY_ENCODINGS:
        if _decodes(sample, name):
            return name, f"{_LEGACY_ENCODINGS[name]} (not valid UTF-8; decodes without errors)"
    return "cp1252", "Windows-1252 (not valid UTF-8; a few characters may be wrong)"


def binary_reason(sample: bytes, encoding: str) -> str | None:
    """Why the sample is not a text table (e.g. "a PDF document"), or ``None`` when it is text."""
    for signature, what in _BINARY_SIGNATURES.items():
        if sample.startswith(signature):
            return what
    if encoding.startswith("utf-16"):
        return None
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(sample[:8192], final=False)  # a character cut at the end is not junk
    if not text:
        return None
    controls = sum(1 for ch in text if (ch < " " and ch not in "\t\r\n\f") or ch == "\ufffd")
    if controls > len(text) * 0.05:
        return (
            f"binary data ({controls} control or undecodable characters in the first {len(text)})"
        )
    return None
