# ruff: noqa: E501  (SVG and HTML markup reads best one element per line)
"""Tiny inline SVG charts for the HTML report: no JavaScript, no CDN, no fonts to fetch.

Each function returns one ``<svg>`` element sized in CSS pixels; labels are escaped, values
are drawn to scale from zero, and a missing value is drawn as an empty row labelled "n/a".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

BAR = "#3b6ea5"
ACCENT = "#d08c2c"
MUTED = "#9aa5b1"


def horizontal_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    fmt: Callable[[float], str],
    intervals: Sequence[tuple[float | None, float | None]] | None = None,
    width: int = 640,
) -> str:
    """One bar per label (e.g. CTR per campaign), with optional interval whiskers."""
    row, label_width, pad = 26, 220, 70
    plot = width - label_width - pad
    highs = [h for _l, h in intervals or [] if h is not None]
    top = max([v for v in values if v is not None] + highs + [1e-12])
    parts = []
    for k, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = k * row + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(_short(label))}</text>'
        )
        if value is None:
            parts.append(f'<text x="{label_width}" y="{y + 14}" fill="{MUTED}">n/a</text>')
            continue
        bar = plot * value / top
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="18" fill="{BAR}"/>'
        )
        low, high = intervals[k] if intervals else (None, None)
        end = bar
        if low is not None and high is not None:
            x1, x2 = label_width + plot * low / top, label_width + plot * high / top
            parts.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 9}" y2="{y + 9}" stroke="#222" stroke-width="1.5"/>'
            )
            end = max(bar, x2 - label_width)
        parts.append(
            f'<text x="{label_width + end + 4:.1f}" y="{y + 14}">{escape(fmt(value))}</text>'
        )
    height = len(labels) * row + 8
    return _svg(width, height, "".join(parts))


def paired_bars(
    labels: Sequence[str],
    first: Sequence[float],
    second: Sequence[float | None],
    names: tuple[str, str],
    width: int = 640,
) -> str:
    """Two bars per label (e.g. cost and revenue per campaign) on one scale, with a legend."""
    row, label_width, pad = 34, 220, 90
    plot = width - label_width - pad
    top = max([*first, *[v for v in second if v is not None], 1e-12])
    parts = [
        f'<rect x="{label_width}" y="2" width="10" height="10" fill="{BAR}"/>'
        f'<text x="{label_width + 14}" y="11">{escape(names[0])}</text>'
        f'<rect x="{label_width + 120}" y="2" width="10" height="10" fill="{ACCENT}"/>'
        f'<text x="{label_width + 134}" y="11">{escape(names[1])}</text>'
    ]
    for k, label in enumerate(labels):
        y = 20 + k * row
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 17}" text-anchor="end">{escape(_short(label))}</text>'
        )
        for offset, value, colour in ((0, first[k], BAR), (14, second[k], ACCENT)):
            if value is None:
                continue
            bar = plot * value / top
            parts.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{bar:.1f}" height="12" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + bar + 4:.1f}" y="{y + offset + 10}">{value:,.2f}</text>'
            )
    return _svg(width, 24 + len(labels) * row, "".join(parts))


def columns(
    labels: Sequence[str], values: Sequence[int], width: int = 640, height: int = 160
) -> str:
    """Vertical columns (e.g. orders per hour of day) with labels under every column."""
    count = max(len(values), 1)
    step = (width - 20) / count
    top = max([*values, 1])
    parts = []
    for k, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar = (height - 40) * value / top
        x = 10 + k * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{height - 22 - bar:.1f}" width="{step - 2:.1f}" height="{bar:.1f}" fill="{BAR}"><title>{escape(label)}: {value}</title></rect>'
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="10">{escape(label)}</text>'
        )
    return _svg(width, height, "".join(parts))


def _short(label: str, limit: int = 30) -> str:
    """Labels longer than the label column are cut with an ellipsis (full name in the table)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _svg(width: int, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img">'
        f"{body}</svg>"
    )
