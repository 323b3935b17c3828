"""`pinpoint export --platform P --out DIR`: write an upload file, or explain why not.

With ``--json`` it prints ``{"files": [...], "rows": N, "violations": [...], ...}``. The exit
code is 0 only when at least one file was written; 1 otherwise (violations say why).
"""

from __future__ import annotations

import argparse

from engine.commands._output import add_json_flag, emit
from engine.exporters.registry import EXPORT_PLATFORMS
from engine.services.context import AppContext
from engine.services.exporting import ExportResult, export


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("export", help="write ad / audience files ready to upload")
    parser.add_argument("--platform", required=True, choices=EXPORT_PLATFORMS)
    parser.add_argument("--out", required=True, help="folder to write the files into")
    parser.add_argument(
        "--campaign", type=int, action="append", dest="campaign_ids", metavar="ID",
        help="export only this campaign (repeatable); default: every campaign of the platform",
    )  # fmt: skip
    parser.add_argument(
        "--audience", type=int, dest="audience_id", metavar="ID",
        help="audience files: export only this audience; default: every audience",
    )  # fmt: skip
    parser.add_argument(
        "--all-customers", action="store_true",
        help="audience files: one list of every customer who did not refuse marketing",
    )  # fmt: skip
    parser.add_argument(
        "--plain-text", action="store_true",
        help="audience files: write e-mails/phones/names UNHASHED (raw personal data!)",
    )  # fmt: skip
    parser.add_argument(
        "--drop-invalid", action="store_true",
        help="leave out the campaigns/ad groups/ads/keywords with errors and write the rest",
    )  # fmt: skip
    add_json_flag(parser)
    parser.set_defaults(handler=_export)


def _describe(result: ExportResult) -> str:
    lines = [
        f"Wrote {path} ({rows} rows)"
        for path, rows in zip(result.files, result.file_rows, strict=True)
    ]
    if not result.written:
        lines.append("Nothing was written.")
    lines += [f"{v.severity.upper()}: {v.message}" for v in result.violations]
    lines += [f"Dropped: {where}" for where in result.dropped]
    lines += [f"Note: {note}" for note in result.notes]
    if result.report:
        lines.append(f"Summary: {result.report}")
    return "\n".join(lines)


def _export(args: argparse.Namespace, ctx: AppContext) -> int:
    result = export(
        ctx, args.platform, args.out, campaign_ids=args.campaign_ids, audience_id=args.audience_id,
        plain_text=args.plain_text, drop_invalid=args.drop_invalid,
        all_customers=args.all_customers,
    )  # fmt: skip
    emit(args, result.to_dict(), _describe(result))
    return 0 if result.written else 1
