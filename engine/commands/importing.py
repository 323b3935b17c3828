"""`pinpoint import`, `pinpoint sniff`, `pinpoint rejected` and `pinpoint categories`."""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from pathlib import Path
from typing import Any

from engine.commands._output import add_json_flag, emit
from engine.importers.api import ImportFormatError
from engine.importers.sniff import sniff
from engine.services.context import AppContext
from engine.services.importing import (
    BatchSummary,
    import_files,
    infer_categories,
    list_batches,
    list_categories,
    load_mapping,
    merge_categories,
    rejected_rows,
    rename_category,
)

log = logging.getLogger("pinpoint.import")


def register(subparsers: argparse._SubParsersAction) -> None:
    importer = subparsers.add_parser(
        "import", help="import shop exports (orders, products, events)"
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument("--format", dest="format_name", help="skip detection: the format name")
    importer.add_argument("--mapping", type=Path, help="a saved column mapping (JSON) to use")
    importer.add_argument(
        "--dry-run", action="store_true", help="check the files and report; store nothing"
    )
    add_json_flag(importer)
    importer.set_defaults(handler=_import)

    sniffer = subparsers.add_parser("sniff", help="detect a file's format, encoding and layout")
    sniffer.add_argument("file", type=Path, metavar="FILE")
    add_json_flag(sniffer)
    sniffer.set_defaults(handler=_sniff)

    rejected = subparsers.add_parser("rejected", help="rows of an import that were not stored")
    rejected.add_argument("batch", type=int, nargs="?", help="batch id (omit to list imports)")
    rejected.add_argument("--csv", type=Path, help="write the rejected rows to this CSV file")
    rejected.add_argument("--limit", type=int, help="show at most this many rows")
    add_json_flag(rejected)
    rejected.set_defaults(handler=_rejected)

    categories = subparsers.add_parser("categories", help="list, infer, rename or merge categories")
    add_json_flag(categories)
    categories.set_defaults(handler=_categories_list)
    actions = categories.add_subparsers(dest="action", metavar="ACTION")
    infer = actions.add_parser("infer", help="give products without a category an inferred one")
    add_json_flag(infer)
    infer.set_defaults(handler=_categories_infer)
    rename = actions.add_parser("rename", help="rename a category (it becomes yours)")
    rename.add_argument("category", type=int, help="category id")
    rename.add_argument("name", help="the new name")
    add_json_flag(rename)
    rename.set_defaults(handler=_categories_rename)
    merge = actions.add_parser("merge", help="move the products of categories into another one")
    merge.add_argument("target", type=int, help="the category that stays")
    merge.add_argument("sources", type=int, nargs="+", help="categories merged into it")
    add_json_flag(merge)
    merge.set_defaults(handler=_categories_merge)


def _import(args: argparse.Namespace, ctx: AppContext) -> int:
    mapping = load_mapping(args.mapping) if args.mapping else None
    report = import_files(
        ctx, args.files, args.format_name, mapping, progress=_progress_to_log(), cancel=None,
        dry_run=args.dry_run,
    )  # fmt: skip
    for failed in report.failed:
        log.error("pinpoint: %s", failed.message)
    payload: dict[str, Any] = {"batches": [batch.contract() for batch in report.committed]}
    text = "\n\n".join(_describe(batch) for batch in report.committed) or "Nothing was imported."
    if args.dry_run:
        payload["dry_run"] = True
        text = f"Dry run: nothing was stored.\n\n{text}"
    emit(args, payload, text)
    return 0 if report.committed else 1


def _describe(batch: BatchSummary) -> str:
    cleaning = batch.cleaning
    lines = [
        f"{batch.file} ({batch.format}, {batch.encoding}) -> "
        + (f"batch {batch.batch_id}" if batch.batch_id is not None else "not stored"),
        f"  rows read {batch.rows_in:,}: stored {batch.rows_stored:,}, "
        f"rejected {batch.rejected:,}, duplicates {batch.duplicates:,}",
        f"  orders stored or updated {batch.orders:,}, lines {batch.lines_stored:,}",
        f"  guest orders {cleaning.get('guest_orders', 0):,}, "
        f"cancelled orders {cleaning.get('cancelled_orders', 0):,}, "
        f"refunded orders {cleaning.get('refunded_orders', 0):,}",
        f"  non-product lines {cleaning.get('non_product_lines', 0):,}, "
        f"outliers flagged {cleaning.get('outliers_flagged', 0):,}",
    ]
    examples = cleaning.get("reason_examples", {})
    for code, number in cleaning.get("rejected_by_reason", {}).items():
        lines.append(f"  rejected ({code}) x{number:,}: e.g. {examples.get(code, '')}")
    if batch.rejected and batch.batch_id is not None:
        lines.append(f"  see them with: pinpoint rejected {batch.batch_id}")
    return "\n".join(lines)


def _progress_to_log() -> Any:
    last = [-1]

    def report(fraction: float, message: str) -> None:
        step = int(fraction * 10)
        if step != last[0]:
            last[0] = step
            log.info("%3d%%  %s", int(fraction * 100), message)

    return report


def _sniff(args: argparse.Namespace, ctx: AppContext) -> int:
    try:
        result = sniff(args.file)
    except (ImportFormatError, OSError) as error:
        log.error("pinpoint: %s", error)
        return 1
    payload = {
        "file": str(args.file), "format": result.format, "label": result.label,
        "kind": result.kind, "encoding": result.encoding, "delimiter": result.delimiter,
        "header_row": result.header_row, "confidence": result.confidence,
        "evidence": result.evidence, "header": result.header,
        "alternatives": [{"format": name, "confidence": c} for name, c in result.alternatives],
    }  # fmt: skip
    text = [
        f"{args.file}: {result.label} ({result.confidence:.0%} sure)",
        f"  encoding {result.encoding}, delimiter {result.delimiter!r}, "
        f"header on row {result.header_row}",
        *(f"  - {line}" for line in result.evidence),
    ]
    emit(args, payload, "\n".join(text))
    return 0 if result.format else 1


def _rejected(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.batch is None:
        batches = list_batches(ctx)
        text = [
            f"{b['batch_id']:>5}  {b['status']:<9} {b['file']}  read {b['rows_in']:,}, "
            f"rejected {b['rejected']:,}, duplicates {b['duplicates']:,}"
            for b in batches
        ]
        emit(args, {"batches": batches}, "\n".join(text) or "No imports yet.")
        return 0
    rows = rejected_rows(ctx, args.batch, args.limit)
    if args.csv:
        with args.csv.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "code", "column", "reason", "raw text"])
            writer.writerows([r.row_number, r.code, r.column, r.reason, r.raw_text] for r in rows)
        print(f"Wrote {len(rows):,} rejected rows to {args.csv}", file=sys.stderr)
    text = [
        f"row {r.row_number:>7}  [{r.code}] {r.reason}\n           {r.raw_text[:120]}" for r in rows
    ]
    emit(
        args,
        {"batch_id": args.batch, "rows": rows},
        "\n".join(text) or f"Batch {args.batch} has no rejected rows.",
    )
    return 0


def _categories_list(args: argparse.Namespace, ctx: AppContext) -> int:
    listed = list_categories(ctx)
    text = [f"{c['id']:>5}  {c['products']:>6,}  {c['source']:<9} {c['name']}" for c in listed]
    emit(args, {"categories": listed}, "\n".join(text) or "No categories yet.")
    return 0


def _categories_infer(args: argparse.Namespace, ctx: AppContext) -> int:
    result = infer_categories(ctx)
    emit(
        args,
        result,
        f"{result.categories_created} categories created, {result.products_assigned} products "
        f"assigned, {result.products_unassigned} left without a category",
    )
    return 0


def _categories_rename(args: argparse.Namespace, ctx: AppContext) -> int:
    renamed = rename_category(ctx, args.category, args.name)
    emit(args, renamed, f"Category {renamed['id']} is now called {renamed['name']!r}")
    return 0


def _categories_merge(args: argparse.Namespace, ctx: AppContext) -> int:
    moved = merge_categories(ctx, args.target, args.sources)
    emit(args, {"target": args.target, "products_moved": moved},
         f"Moved {moved} products into category {args.target}")  # fmt: skip
    return 0
