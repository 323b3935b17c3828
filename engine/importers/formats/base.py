"""What every platform parser shares: columns found by name, scoring, row grouping, cell readers.

A format declares its fields as ``key -> header names`` (every spelling and language it is known
to use); columns are located by name once per file, never by position, so added, removed or
reordered columns (Shopify 75 -> 79, Amazon eras, user-deleted PII columns) just work and
unknown columns travel along in ``extra``.

Two shapes cover every layout: :class:`RowFormat` (one record per row: WooCommerce, catalogs,
events) and :class:`GroupedFormat` (one row per line item, consecutive rows of an order grouped,
optionally joined to an order-level partner file: Shopify, Etsy, Amazon, eBay, Taobao, mapped).
The generic transactions format keeps its own tight loop for the 541,909-line benchmark file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from engine.importers.reading import Row, Table, TableLayout
from engine.importers.records import (
    EventRecord,
    LineState,
    OrderRecord,
    ProductRecord,
    RowProblem,
    SourceRow,
)
from engine.importers.values import DateParser, ValueProblem, parse_money, parse_number

Output = OrderRecord | ProductRecord | EventRecord | RowProblem


def normalise_name(name: str) -> str:
    """Header names compared case-, space- and punctuation-insensitively (`Order #` = `order #`)."""
    return " ".join(name.replace("_", " ").replace("-", " ").lower().split())


class Columns:
    """Where each of a format's fields sits in this file's header (``None`` when absent)."""

    def __init__(
        self, header: Sequence[str], fields: Mapping[str, Sequence[str]], kept: Iterable[str] = ()
    ) -> None:
        positions: dict[str, int] = {}
        for index, name in enumerate(header):
            positions.setdefault(normalise_name(name), index)
        self.header = list(header)
        self.index: dict[str, int | None] = {
            key: next((positions[a] for a in map(normalise_name, aliases) if a in positions), None)
            for key, aliases in fields.items()
        }
        kept = set(kept)  # recognised (for detection) but stored by no record field
        used = {i for key, i in self.index.items() if i is not None and key not in kept}
        self.unknown = [(i, name) for i, name in enumerate(header) if i not in used and name]

    def __getitem__(self, key: str) -> int | None:
        return self.index.get(key)

    def has(self, key: str) -> bool:
        return self.index.get(key) is not None

    def missing(self, keys: Iterable[str]) -> list[str]:
        return [key for key in keys if not self.has(key)]

    def extra(self, cells: Sequence[str]) -> dict[str, str]:
        """Unknown columns of one row, kept verbatim (blank cells left out)."""
        return {name: cells[i] for i, name in self.unknown if cells[i]}


def cell(cells: Sequence[str], index: int | None) -> str:
    """The stripped cell at ``index``, or "" when the column is absent from this file."""
    return cells[index].strip() if index is not None else ""


@dataclass
class ParseContext:
    """Per-file state shared by a parser's helpers: column positions, dates, the partner file."""

    columns: Columns
    dates: DateParser = field(default_factory=DateParser)
    decimal_comma: bool | None = None
    partner: PartnerIndex | None = None  # the companion file of a joined format
    groups: dict[str, list[int]] = field(default_factory=dict)  # column groups (line_item_N)

    def get(self, cells: Sequence[str], key: str) -> str:
        return cell(cells, self.columns[key])

    def money(self, cells: Sequence[str], key: str) -> tuple[float | None, str | None]:
        index = self.columns[key]
        try:
            return parse_money(cell(cells, index), decimal_comma=self.decimal_comma)
        except ValueProblem as error:
            raise ValueProblem(str(error), self.column_name(key)) from None

    def column_name(self, key: str) -> str | None:
        index = self.columns[key]
        return None if index is None else self.columns.header[index]

    def amount(self, cells: Sequence[str], key: str) -> float | None:
        return self.money(cells, key)[0]

    def quantity(self, cells: Sequence[str], key: str = "quantity") -> float:
        """A line's quantity; a blank cell is a problem (a line without one cannot be stored)."""
        try:
            quantity = parse_number(
                cell(cells, self.columns[key]), decimal_comma=self.decimal_comma
            )
        except ValueProblem as error:
            raise ValueProblem(str(error), self.column_name(key)) from None
        if quantity is None:
            raise ValueProblem("expected a quantity, found an empty cell", self.column_name(key))
        return quantity


def display_name(key: str, fields: Mapping[str, Sequence[str]]) -> str:
    return fields[key][0]


class Format:
    """One export layout: how to recognise it from its header and how to turn rows into records."""

    name: ClassVar[str]
    label: ClassVar[str]
    kind: ClassVar[str] = "orders"
    platform: ClassVar[str]
    fields: ClassVar[dict[str, tuple[str, ...]]]
    signature: ClassVar[tuple[str, ...]]  # the fields that make this layout recognisable
    required: ClassVar[tuple[str, ...]]  # the fields a file must have to be read at all
    generic: ClassVar[bool] = False  # generic layouts yield to a specific one on equal evidence
    detectable: ClassVar[bool] = True  # False for layouts only the user can choose (mapped CSV)
    partner: ClassVar[str | None] = None  # the companion file's format (Etsy, Taobao joins)
    partner_required: ClassVar[bool] = False
    kept: ClassVar[tuple[str, ...]] = ()  # fields no record field holds: they go to ``extra``
    date_keys: ClassVar[tuple[str, ...]] = ()  # date fields whose samples decide day/month order

    def columns(self, header: Sequence[str]) -> Columns:
        return Columns(header, self.fields, self.kept)

    def score(self, layout: TableLayout) -> tuple[float, list[str]]:
        """Confidence 0..1 that ``layout`` is this format, with sentences that say why."""
        columns = self.columns(layout.header)
        present = [key for key in self.signature if columns.has(key)]
        share = len(present) / len(self.signature)
        known = sum(1 for i in columns.index.values() if i is not None)
        coverage = known / max(len(layout.header), 1)
        confidence = share * (0.85 + 0.15 * coverage)
        evidence = [f"{len(present)} of {len(self.signature)} {self.label} columns present"]
        missing = columns.missing(self.required)
        if missing:
            confidence *= 0.4
            evidence.append("missing " + ", ".join(display_name(k, self.fields) for k in missing))
        if self.generic:
            confidence *= 0.9
        return round(min(confidence, 1.0), 3), evidence

    def check_columns(self, table: Table) -> Columns:
        """Columns of ``table``, or a clear error naming what is missing for this format."""
        columns = self.columns(table.header)
        missing = columns.missing(self.required)
        if missing:
            names = ", ".join(display_name(key, self.fields) for key in missing)
            raise WrongFormat(
                f"{table.name} cannot be read as a {self.label}: the columns {names} are missing."
            )
        return columns

    def context(self, table: Table) -> ParseContext:
        """Per-file parsing state; the date order is learned from the sample's ~200 rows."""
        context = ParseContext(self.check_columns(table))
        samples = table.layout.samples
        context.dates.learn(context.get(row, key) for key in self.date_keys for row in samples)
        return context

    def read(self, tables: Sequence[Table], partners: Sequence[Table]) -> Iterator[Output]:
        """Every main file in turn; joined formats override this to load their partner once."""
        for table in tables:
            yield from self.parse(table, partners)

    def parse(self, table: Table, partners: Sequence[Table]) -> Iterator[Output]:
        raise NotImplementedError


class RowFormat(Format):
    """A layout with one record per row (WooCommerce, product catalogs, behaviour events)."""

    def parse(self, table: Table, partners: Sequence[Table]) -> Iterator[Output]:
        context = self.context(table)
        for item in table:
            if isinstance(item, RowProblem):
                yield item
                continue
            try:
                yield self.row(item[0], item[1], context)
            except ValueProblem as error:  # a cell no field-level check expected to be bad
                yield bad_value(item[1], error.column or "a value", error)

    def row(self, cells: list[str], source: SourceRow, context: ParseContext) -> Output:
        raise NotImplementedError


class GroupedFormat(Format):
    """A layout with one row per line item: consecutive rows sharing ``group_by`` are one order.

    With a ``partner`` format (Etsy Sold Orders, Taobao ExportOrderList) the partner file is
    loaded once into a :class:`PartnerIndex` keyed by the same field, and handed to
    :meth:`group` through the context; partner rows no group used are reported at the end.
    """

    group_by: ClassVar[str] = "order"
    unmatched_partner: ClassVar[str] = "item rows"  # what a partner row without items lacks

    @staticmethod
    def clean_key(text: str) -> str:
        return text.strip()

    def read(self, tables: Sequence[Table], partners: Sequence[Table]) -> Iterator[Output]:
        if self.partner is None:
            yield from super().read(tables, partners)
            return
        from engine.importers.formats import FORMATS  # the registry imports this module

        index = PartnerIndex(FORMATS[self.partner], partners, self.group_by, self.clean_key)
        yield from index.load()
        for table in tables:
            context = self.context(table)
            context.partner = index
            yield from self.parse_groups(table, context)
        yield from index.leftovers(self.unmatched_partner)

    def parse(self, table: Table, partners: Sequence[Table]) -> Iterator[Output]:
        yield from self.parse_groups(table, self.context(table))

    def parse_groups(self, table: Table, context: ParseContext) -> Iterator[Output]:
        index = context.columns[self.group_by]
        assert index is not None  # check_columns requires the grouping column
        for group in group_rows(table, index, self.clean_key):
            if isinstance(group, RowProblem):
                yield group
            else:
                yield from self._group_or_problems(group[0], group[1], context)

    def _group_or_problems(self, key: str, rows: list[Row], context: ParseContext) -> list[Output]:
        """One order's records; if an order-level cell is unreadable, a problem for each row.

        Line-level cells are checked where they are read; an order-level total that is not a
        number (a shifted row, a hand-edited cell) rejects the whole order, its partner row too.
        """
        if context.partner is not None:
            context.partner.first_taken = None
        try:
            return list(self.group(key, rows, context))
        except ValueProblem as error:
            column = error.column or "a value"
            problems: list[Output] = [bad_value(source, column, error) for _, source in rows]
            if context.partner is not None and context.partner.first_taken is not None:
                problems.insert(0, bad_value(context.partner.first_taken[1], column, error))
            return problems

    def group(self, key: str, rows: list[Row], context: ParseContext) -> Iterator[Output]:
        raise NotImplementedError


def group_date(
    rows: list[Row], context: ParseContext, keys: Sequence[str], column: str
) -> datetime | list[RowProblem]:
    """The date of a group (the first filled of ``keys`` in its first row), or a problem per row.

    An order without a readable date cannot be stored, and each of its rows must say why.
    """
    first = rows[0][0]
    text = next((value for value in (context.get(first, key) for key in keys) if value), "")
    try:
        moment = context.dates(text)
    except ValueProblem as error:
        return [bad_value(source, column, error) for _, source in rows]
    if moment is None:
        return [missing_value(source, column, "the date of the order") for _, source in rows]
    return moment


class PartnerIndex:
    """The smaller, order-level companion file held in memory by order id (Etsy, Taobao joins).

    Each partner row is handed out once; rows no main-file line refers to come back from
    :meth:`leftovers` as problems, so every row of both files is accounted for.
    """

    def __init__(self, fmt: Format, tables: Sequence[Table], key: str, clean: Callable[[str], str]):
        self.format = fmt
        self.tables = tables
        self.key = key
        self.clean = clean
        self.columns: Columns | None = None
        self.rows: dict[str, Row] = {}
        self.taken: dict[str, Row] = {}
        self.first_taken: Row | None = None  # the row the current group took for the first time

    def load(self) -> Iterator[RowProblem]:
        """Read the partner files; their unreadable rows are yielded as problems."""
        for table in self.tables:
            columns = self.format.check_columns(table)
            self.columns = self.columns or columns
            index = columns[self.key]
            for item in table:
                if isinstance(item, RowProblem):
                    yield item
                    continue
                key = self.clean(item[0][index]) if index is not None else ""
                if key in self.rows:
                    yield RowProblem(
                        item[1], f"order {key} is twice in {table.name}; the first row is used",
                        column=self.key, code="duplicate",
                    )  # fmt: skip
                else:
                    self.rows[key] = item

    def take(self, key: str) -> tuple[Row, bool] | None:
        """The partner row for ``key`` and whether this is its first use (reference it once)."""
        row = self.rows.pop(key, None)
        if row is not None:
            self.taken[key] = self.first_taken = row
            return row, True
        row = self.taken.get(key)
        return None if row is None else (row, False)

    def leftovers(self, what: str) -> Iterator[RowProblem]:
        for key, (_, source) in self.rows.items():
            yield RowProblem(
                source, f"order {key} has no {what}, so it cannot be imported on its own",
                code="unmatched",
            )  # fmt: skip
        self.rows.clear()


class WrongFormat(ValueError):
    """The file lacks columns the chosen format needs (turned into ImportFormatError by the API)."""


# ---------------------------------------------------------------- row grouping


def group_rows(
    rows: Iterable[Row | RowProblem], key_index: int, clean: Callable[[str], str] = str.strip
) -> Iterator[tuple[str, list[Row]] | RowProblem]:
    """Consecutive rows sharing a key (one order), streamed; problems pass straight through.

    If an order's rows are not contiguous the order is yielded again later with its new rows;
    the storing layer merges orders by external id, so nothing is ever buffered beyond one order.
    """
    current_key: str | None = None
    group: list[Row] = []
    for item in rows:
        if isinstance(item, RowProblem):
            yield item
            continue
        key = item[0][key_index]
        if key != current_key:
            if group:
                yield clean(current_key or ""), group
            current_key, group = key, []
        group.append(item)
    if group:
        yield clean(current_key or ""), group


def keep_row_extra(order: OrderRecord, source: SourceRow, extra: dict[str, str]) -> None:
    """A row's unknown cells, kept with its row number where they differ from the order's own.

    The first row's cells are the order's ``extra``; later rows of a multi-row order add only
    what is new (item-level columns), so nothing a file holds is dropped.
    """
    changed = {name: value for name, value in extra.items() if order.extra.get(name) != value}
    if changed:
        order.extra.setdefault("follow_up_rows", []).append({"row": source.row_number, **changed})


def line_state(status: str) -> LineState:
    """The state an order's status gives its lines (a cancelled order's lines are cancelled)."""
    return "cancelled" if status == "cancelled" else "refunded" if status == "refunded" else "ok"


def missing_value(source: SourceRow, column: str, expected: str) -> RowProblem:
    return RowProblem(
        source,
        f"the {column} column is empty; expected {expected}",
        column=column,
        code="missing_value",
    )


def bad_value(source: SourceRow, column: str, error: ValueProblem) -> RowProblem:
    code = "bad_date" if "date" in str(error) else "bad_number"
    return RowProblem(source, f"{column}: {error}", column=column, code=code)
