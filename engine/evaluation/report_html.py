# ruff: noqa: E501  (SVG and HTML markup reads best one element per line)
"""The merchant's campaign report: one self-contained HTML file with inline SVG charts.

No scripts, fonts or images are loaded from anywhere, so the file opens offline and can be
mailed as is. :func:`render` is pure (data in, text out); the service collects the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from engine.evaluation.intervals import Rate, Ratio
from engine.evaluation.metrics import Metrics
from engine.evaluation.strategy import ArmShare, FrequencyAdvice, Timing
from engine.evaluation.svg import columns, horizontal_bars, paired_bars

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;
color:#1f2933;line-height:1.45;padding:0 1rem}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #e4e7eb;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{padding:.35rem .5rem;
border-bottom:1px solid #e4e7eb;text-align:right}th:first-child,td:first-child{text-align:left}
.tiles{display:flex;flex-wrap:wrap;gap:.8rem}.tile{background:#f5f7fa;border-radius:6px;
padding:.6rem 1rem;min-width:8rem}.tile b{display:block;font-size:1.3rem}
.simulated{background:#fff3cd;border:2px solid #d08c2c;padding:.8rem 1rem;border-radius:6px;
font-weight:600}.muted{color:#7b8794;font-size:.85rem}.warn{color:#a3520f}
"""


@dataclass
class ReportData:
    title: str
    shop_name: str
    currency: str
    reports: list[dict[str, Any]]  # file_name, platform, period_start, period_end, warnings
    campaigns: list[Metrics]
    ads: list[Metrics] = field(default_factory=list)  # variant level, when rows name their ads
    timing: Timing | None = None
    frequency: FrequencyAdvice | None = None
    budget: list[ArmShare] = field(default_factory=list)
    experiments: list[dict[str, Any]] = field(default_factory=list)
    unmatched_rows: list[dict[str, Any]] = field(default_factory=list)
    simulated: bool = False
    generated_at: datetime = field(default_factory=datetime.now)


def _pct(rate: Rate) -> str:
    if rate.value is None:
        return f'<span class="muted">– ({escape(rate.reason or "")})</span>'
    interval = (
        ""
        if rate.low is None
        else f' <span class="muted">[{100 * rate.low:.2f}–{100 * (rate.high or 0):.2f}]</span>'
    )
    return f"{100 * rate.value:.2f}%{interval}"


def _ratio(ratio: Ratio, fmt: str = "{:,.2f}") -> str:
    if ratio.value is None:
        return f'<span class="muted" title="{escape(ratio.reason or "")}">–</span>'
    return fmt.format(ratio.value)


def _tiles(data: ReportData) -> str:
    impressions = sum(m.impressions for m in data.campaigns)
    clicks = sum(m.clicks for m in data.campaigns)
    cost = sum(m.cost for m in data.campaigns)
    conversions = sum(m.conversions for m in data.campaigns)
    revenue = sum(m.revenue or 0 for m in data.campaigns)
    ctr = f"{100 * clicks / impressions:.2f}%" if impressions else "–"
    roas = f"{revenue / cost:.2f}" if cost else "–"
    tiles = [("Impressions", f"{impressions:,}"), ("Clicks", f"{clicks:,}"), ("CTR", ctr),
             ("Conversions", f"{conversions:,.1f}"), (f"Cost ({data.currency})", f"{cost:,.2f}"),
             (f"Revenue ({data.currency})", f"{revenue:,.2f}"), ("ROAS", roas)]  # fmt: skip
    return (
        '<div class="tiles">'
        + "".join(f'<div class="tile">{escape(name)}<b>{value}</b></div>' for name, value in tiles)
        + "</div>"
    )


def _metrics_table(groups: list[Metrics], first_column: str) -> str:
    head = (first_column, "Impr.", "Clicks", "CTR [95% CI]", "Conv.", "CVR [95% CI]", "Cost",
            "CPC", "CPA", "Revenue", "ROAS", "ROI")  # fmt: skip
    rows = []
    for m in groups:
        name = escape(m.name) + ("" if m.matched else ' <span class="warn">(not linked)</span>')
        revenue = (
            "–"
            if m.revenue is None
            else f"{m.revenue:,.2f}<br><span class='muted'>{escape(m.revenue_source or '')}</span>"
        )
        cells = [name, f"{m.impressions:,}", f"{m.clicks:,}", _pct(m.ctr), f"{m.conversions:,.1f}",
                 _pct(m.cvr), f"{m.cost:,.2f}", _ratio(m.cpc), _ratio(m.cpa), revenue,
                 _ratio(m.roas), _ratio(m.roi, "{:+.0%}")]  # fmt: skip
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = "<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"
    return f"<table>{header}{''.join(rows)}</table>"


def _charts(data: ReportData) -> str:
    names = [m.name for m in data.campaigns]
    ctr = horizontal_bars(names, [m.ctr.value for m in data.campaigns], lambda v: f"{100 * v:.2f}%",
                          [(m.ctr.low, m.ctr.high) for m in data.campaigns])  # fmt: skip
    money = paired_bars(names, [m.cost for m in data.campaigns],
                        [m.revenue for m in data.campaigns], ("cost", "revenue"))  # fmt: skip
    return (f"<h3>Click-through rate (bars) with 95% interval (lines)</h3>{ctr}"
            f"<h3>Cost and revenue</h3>{money}")  # fmt: skip


def _timing(timing: Timing) -> str:
    days = ", ".join(f"{escape(d)} ({n})" for d, n in timing.best_weekdays) or "–"
    hours = ", ".join(f"{h:02d}:00 ({n})" for h, n in timing.best_hours) or "–"
    chart = columns([f"{h:02d}" for h in timing.by_hour], list(timing.by_hour.values()))
    week = columns([d[:3] for d in timing.by_weekday], list(timing.by_weekday.values()), height=140)
    return (f"<p>Best days: <b>{days}</b>. Best hours: <b>{hours}</b>.</p>"
            f"<p class='muted'>{escape(timing.note)}</p>{chart}{week}")  # fmt: skip


def _click_times(timing: Timing) -> str:
    """CTR by weekday and hour from reports segmented by Day / Hour of day."""
    charts = []
    for labels, rates in (
        (list(timing.ctr_by_weekday), list(timing.ctr_by_weekday.values())),
        ([f"{h:02d}:00" for h in timing.ctr_by_hour], list(timing.ctr_by_hour.values())),
    ):
        if rates:
            charts.append(horizontal_bars(labels, [r.value for r in rates], lambda v: f"{100 * v:.2f}%",
                                          [(r.low, r.high) for r in rates]))  # fmt: skip
    return (
        "<p>Click-through rate by time, from the imported reports (95% intervals).</p>"
        + "".join(charts)
    )


def _budget(shares: list[ArmShare], currency: str) -> str:
    rows = "".join(
        f"<tr><td>{escape(s.name)}</td><td>{100 * s.posterior_mean:.2f}% "
        f"<span class='muted'>[{100 * s.credible_low:.2f}–{100 * s.credible_high:.2f}]</span></td>"
        f"<td>{100 * s.prob_best:.1f}%</td><td>{s.budget:,.2f} {escape(currency)}</td></tr>"
        for s in shares
    )
    return ("<p>Thompson sampling: each share is the probability that the campaign has the best "
            "click-through rate given the results so far (seeded, so it is reproducible).</p>"
            "<table><tr><th>Campaign</th><th>CTR (posterior)</th><th>P(best)</th><th>Budget</th></tr>"
            f"{rows}</table>")  # fmt: skip


def render(data: ReportData) -> str:
    """The whole report as one HTML document."""
    sections = [f"<h1>{escape(data.title)}</h1>",
                f"<p class='muted'>{escape(data.shop_name)} · generated {data.generated_at:%Y-%m-%d %H:%M}</p>"]  # fmt: skip
    if data.simulated:
        sections.append("<p class='simulated'>SIMULATED DATA — this report was generated by the "
                        "Pinpoint demo from made-up ad results, not from a real ad account.</p>")  # fmt: skip
    for report in data.reports:
        period = f"{report.get('period_start') or '?'} to {report.get('period_end') or '?'}"
        sections.append(
            f"<p>Source: <b>{escape(report['file_name'])}</b> ({escape(report['platform'])}), {period}</p>"
        )
        sections += [f"<p class='warn'>{escape(w)}</p>" for w in report.get("warnings", [])]
    sections += [
        "<h2>Summary</h2>",
        _tiles(data),
        "<h2>Campaigns</h2>",
        _metrics_table(data.campaigns, "Campaign"),
        _charts(data),
    ]
    attribution = next((m.attribution_rule for m in data.campaigns if m.attribution_rule), None)
    sections.append(
        "<p class='muted'>CTR = clicks ÷ impressions, CVR = conversions ÷ clicks (Wilson 95% intervals). "
        "ROAS = revenue ÷ cost; ROI = (gross profit − cost) ÷ cost, with your catalog's unit costs "
        "or the default margin. " + (f"Store revenue counts {escape(attribution)}." if attribution else
        "Revenue is the platform's reported conversion value.") + "</p>"
    )  # fmt: skip
    if data.ads:
        sections += ["<h2>Ads</h2>", _metrics_table(data.ads, "Ad (campaign / ad set / ad)")]
    if data.unmatched_rows:
        items = "".join(
            f"<li>row {u['row']}: {escape(str(u['campaign']))}</li>" for u in data.unmatched_rows
        )
        sections.append(
            f"<h2>Rows not linked to a Pinpoint campaign</h2><p>They are included above under their own names.</p><ul>{items}</ul>"
        )
    if data.experiments:
        sections.append("<h2>A/B tests</h2><ul>" + "".join(
            f"<li><b>{escape(e['name'])}</b> [{escape(e['status'])}]: {escape(e['verdict'] or '')}</li>"
            for e in data.experiments) + "</ul>")  # fmt: skip
    if data.budget:
        sections += ["<h2>Suggested budget split</h2>", _budget(data.budget, data.currency)]
    if data.frequency:
        sections.append(
            f"<h2>Frequency cap</h2><p><b>{data.frequency.cap_per_week} per person per week.</b> {escape(data.frequency.explanation)}</p>"
        )
    if data.timing and data.timing.orders:
        sections += ["<h2>When your customers buy</h2>", _timing(data.timing)]
    if data.timing and (data.timing.ctr_by_weekday or data.timing.ctr_by_hour):
        sections += ["<h2>When people click</h2>", _click_times(data.timing)]
    body = "\n".join(sections)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(data.title)}</title><style>{STYLE}</style></head><body>{body}</body></html>")  # fmt: skip
