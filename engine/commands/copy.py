"""`pinpoint copy`: write scored, ranked ad copy for one product from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from engine.adrules.limits import PLATFORMS
from engine.commands._output import add_json_flag, emit
from engine.copywriting.prompts import TONES, AudienceFacts, ProductFacts, parse_attributes
from engine.services.context import AppContext

if TYPE_CHECKING:  # torch is imported only when copy is actually written (keeps `pinpoint` fast)
    from engine.copywriting.compose import Variant
    from engine.services.copywriting import CopyResult

PLURAL = {
    "headline": "headlines",
    "description": "descriptions",
    "path": "paths",
    "keyword": "keywords",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("copy", help="write ad copy variants for a product")
    parser.add_argument("--product-title", required=True, help="the product's title")
    parser.add_argument(
        "--attributes", default="", help='product facts, e.g. "colour=red;material=cotton"'
    )
    parser.add_argument("--category", default="")
    parser.add_argument("--price", type=float, default=None)
    parser.add_argument("--currency", default="")
    parser.add_argument(
        "--offer", default="", help="an offer you really run, e.g. '10%% off this week'"
    )
    parser.add_argument("--interests", default="", help="audience interests, comma-separated")
    parser.add_argument("--platform", required=True, choices=PLATFORMS)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--tone", choices=TONES, default="friendly")
    parser.add_argument("--n", type=int, default=3, help="how many variants")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--save", action="store_true", help="store the variants in the shop database"
    )
    add_json_flag(parser)
    parser.set_defaults(handler=_copy)


def variant_payload(variant: Variant) -> dict[str, object]:
    """Fields per platform: a list where the platform takes several values, else one string."""
    payload: dict[str, object] = {"text": variant.text, "rank": variant.rank, "tone": variant.tone}
    for field, lines in variant.fields.items():
        if field in PLURAL:
            payload[PLURAL[field]] = lines
        else:
            payload[field] = lines[0] if lines else ""
    payload.update(
        {
            "template_made": variant.template_made,
            "scores": variant.scores,
            "details": variant.details,
            "violations": variant.violations,
        }
    )
    return payload


def result_payload(result: CopyResult) -> dict[str, object]:
    return {
        "model": result.model,
        "device": result.device,
        "quantization": result.quantization,
        "quality_note": result.quality_note,
        "guard": result.guard,
        "creative_id": result.creative_id,
        "seconds": result.seconds,
        "variants": [variant_payload(v) for v in result.variants],
    }


def _describe(result: CopyResult) -> str:
    lines = [
        f"Model {result.model} on {result.device} ({result.quantization}). {result.quality_note}",
        "",
    ]
    for variant in result.variants:
        lines.append(
            f"#{variant.rank}  overall {variant.scores.get('overall', 0):.2f}  tone {variant.tone}"
        )
        for field, values in variant.fields.items():
            lines += [f"    {field:<13} {value}" for value in values]
        lines += [f"    ! {v['message']}" for v in variant.violations if v["severity"] != "info"]
        lines.append("")
    return "\n".join(lines)


def _copy(args: argparse.Namespace, ctx: AppContext) -> int:
    from engine.copywriting.compose import CopyRequest
    from engine.services.copywriting import write_copy

    attributes = parse_attributes(args.attributes)
    if not 1 <= args.n <= 20:
        raise ValueError("--n must be between 1 and 20")
    product = ProductFacts(
        args.product_title, args.category, attributes, args.price, args.currency, args.offer
    )
    audience = AudienceFacts(tuple(i.strip() for i in args.interests.split(",") if i.strip()))
    request = CopyRequest(product, args.platform, args.lang, args.tone, audience, args.n, args.seed)
    result = write_copy(ctx, request, save=args.save)
    emit(args, result_payload(result), _describe(result))
    return 0
