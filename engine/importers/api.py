"""The reading layer's one entry point: files in, a lazy stream of normalised records out.

:func:`read_records` sniffs every file, groups companion files (Etsy Sold Order Items + Sold
Orders, Taobao order list + detail list), checks the chosen format against the header, and
returns a :class:`ParsedSource` whose ``records`` are parsed only as the storing layer pulls
them, so a million-line export never sits in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.importers.formats import FORMATS, Format, WrongFormat, get_format
from engine.importers.formats.base import Output, ParseContext
from engine.importers.formats.mapped import MappedCsv
from engine.importers.frames import FrameReader, FrameUnsuitable
from engine.importers.line_blocks import BlockParser
from engine.importers.mapping import ColumnMapping
from engine.importers.reading import ImportFormatError, Table, TableLayout
from engine.importers.sniff import SniffResult, sniff
from engine.importers.spreadsheet import WORKBOOK
from engine.progress import CancelToken

__all__ = [
    "BlockLoading",
    "FrameUnsuitable",
    "ImportFormatError",
    "ParsedSource",
    "block_loading",
    "read_records",
]


@dataclass
class ParsedSource:
    """One import's files and their records, streamed in file order."""

    format: str
    label: str
    kind: str
    files: list[SniffResult]
    records: Iterator[Output]
    tables: list[Table] = field(default_factory=list, repr=False)
    reader: Format | None = field(default=None, repr=False)  # the format that reads the files

    def rows_in(self) -> int:
        """Data rows read so far (final once ``records`` is exhausted).

        Every one of them is referenced by exactly one record's source row(s) or by a RowProblem.
        """
        return sum(table.rows_in for table in self.tables)

    def fraction_done(self) -> float:
        """Share of the input bytes read so far, for progress bars."""
        total = sum(table.total_bytes for table in self.tables)
        return min(sum(table.bytes_read for table in self.tables) / max(total, 1), 1.0)


def read_records(
    paths: Sequence[Path],
    format_name: str | None = None,
    mapping: ColumnMapping | None = None,
    cancel: CancelToken | None = None,
) -> ParsedSource:
    """Prepare to read ``paths`` as one import; raises :class:`ImportFormatError` when it cannot.

    ``format_name`` overrides detection (the wizard's choice); ``mapping`` selects the user-mapped
    CSV format. Files whose detected format is the chosen format's companion are joined to it.
    """
    if not paths:
        raise ImportFormatError("no file was given to import")
    sniffs = [sniff(Path(path)) for path in paths]
    fmt = _choose_format(sniffs, format_name, mapping)
    partners = [s for s in sniffs if fmt.partner is not None and s.format == fmt.partner]
    mains = [s for s in sniffs if s not in partners]
    _check_grouping(fmt, mains, partners)
    _check_has_rows(mains)
    main_tables = [Table(_layout(s), cancel) for s in mains]
    partner_tables = [Table(_layout(s), cancel) for s in partners]
    for result, table in zip(mains, main_tables, strict=True):
        try:
            fmt.check_columns(table)
        except WrongFormat as error:
            raise ImportFormatError(_wrong_format_message(result, fmt, error)) from None
    return ParsedSource(
        format=fmt.name,
        label=fmt.label,
        kind=fmt.kind,
        files=sniffs,
        records=fmt.read(main_tables, partner_tables),
        tables=[*partner_tables, *main_tables],
        reader=fmt,
    )


BlockLoading = tuple[BlockParser, ParseContext, FrameReader]


def block_loading(source: ParsedSource, cancel: CancelToken | None = None) -> BlockLoading | None:
    """How to read ``source`` in blocks, or None when only the row reader can read it.

    Blocks need a format that parses them, one plain text file (no companion file, no
    workbook) and nothing kept per row (unknown columns). The reader may still find, once
    reading, that the file needs the row reader (:class:`FrameUnsuitable`).
    """
    fmt = source.reader
    if not isinstance(fmt, BlockParser) or len(source.tables) != 1:
        return None
    [table] = source.tables
    if table.layout.encoding == WORKBOOK:
        return None
    context = fmt.context(table)
    if not fmt.reads_blocks(context):
        return None
    return fmt, context, FrameReader(table.layout, cancel)


def _choose_format(
    sniffs: list[SniffResult], format_name: str | None, mapping: ColumnMapping | None
) -> Format:
    if mapping is not None or format_name == "mapped":
        if mapping is None:
            raise ImportFormatError("the mapped format needs a column mapping (--mapping FILE)")
        return MappedCsv(mapping)
    companions = {fmt.partner for fmt in FORMATS.values() if fmt.partner}
    if format_name:
        try:
            chosen = get_format(format_name)
        except WrongFormat as error:
            raise ImportFormatError(str(error)) from None
        if chosen.name in companions:
            raise _companion_alone(sniffs[0], chosen)
        return chosen
    detected = {s.format for s in sniffs}
    if None in detected:
        unknown = next(s for s in sniffs if s.format is None)
        guesses = ", ".join(f"{FORMATS[n].label} ({c:.0%})" for n, c in unknown.alternatives[:3])
        raise ImportFormatError(
            f"{unknown.path.name}: the columns do not match any export Pinpoint knows "
            f"(closest: {guesses}). Choose the format yourself or map the columns."
        )
    mains = sorted(n for n in detected if n and n not in companions)
    if not mains:
        companion = next(s for s in sniffs if s.format)
        raise _companion_alone(companion, FORMATS[companion.format or ""])
    if len(mains) > 1:
        labels = ", ".join(FORMATS[n].label for n in mains)
        raise ImportFormatError(
            f"these files are of different kinds ({labels}); import them one kind at a time"
        )
    return FORMATS[mains[0]]


def _companion_alone(result: SniffResult, companion: Format) -> ImportFormatError:
    needed = " or ".join(f.label for f in FORMATS.values() if f.partner == companion.name)
    return ImportFormatError(
        f"{result.path.name} is {_a(companion.label)} file, which holds no item lines; "
        f"import it together with the {needed} file."
    )


def _check_grouping(fmt: Format, mains: list[SniffResult], partners: list[SniffResult]) -> None:
    if fmt.partner_required and not partners:
        name = FORMATS[fmt.partner].label if fmt.partner in FORMATS else "companion"
        raise ImportFormatError(
            f"{mains[0].path.name} is {_a(fmt.label)}; it can only be read together with the "
            f"{name} file from the same export. Add that file to the import."
        )
    if not mains:
        raise ImportFormatError(f"no {fmt.label} file among the files given")


def _check_has_rows(mains: list[SniffResult]) -> None:
    """Refuse an import whose files are all header-only (one empty day among many is fine)."""
    layouts = [_layout(result) for result in mains]
    if all(layout.whole_file_sampled and not layout.rows_after_header for layout in layouts):
        names = ", ".join(result.path.name for result in mains)
        raise ImportFormatError(
            f"{names}: a header row but no data rows, so the export is empty. "
            "Check the date range or filters used when exporting."
        )


def _wrong_format_message(result: SniffResult, fmt: Format, error: WrongFormat) -> str:
    if result.format and result.format != fmt.name:
        return (
            f"{result.path.name} looks like {_a(result.label)} file, not {_a(fmt.label)}: {error}"
        )
    return str(error)


def _layout(result: SniffResult) -> TableLayout:
    assert result.layout is not None
    return result.layout


def _a(label: str) -> str:
    """`an Etsy Sold Orders`, `a Shopify orders export`: labels read as English in messages."""
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"
