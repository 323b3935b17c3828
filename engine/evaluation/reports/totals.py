"""Check the rows' sums against the file's own Total rows, the way an accountant would.

Google writes several footers: ``Total: Campaigns`` (or ``Total: Ad groups``...) sums exactly
the rows shown, so a disagreement means a cut-off or edited file and the import is refused;
``Total: Account`` also counts campaigns a filter hid (removed ones), so a difference there is
only a warning; ``Total: Search`` / ``Display`` ... are checked against the rows of that campaign
type when the report has a "Campaign type" column. Meta's optional summary row is strict too.
Cost and conversions are shown rounded to cents per row, so they may differ by half a cent a
row (or 0.1 %) without being a mismatch; counts must agree exactly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from engine.evaluation.reports.model import TOTAL_KEYS, ParsedReport, ReportRow, compute_totals

LENIENT_LABELS = ("account", "konto", "compte", "cuenta", "账户", "帳戶")
CHANNEL_WORDS = {"search", "display", "video", "shopping", "performance max", "demand gen", "app"}


@dataclass(slots=True)
class TotalCheck:
    label: str
    metric: str
    rows_sum: float | None
    file_value: float | None
    status: str  # ok | mismatch | warning | not_checked


def _agrees(metric: str, rows_sum: float, file_value: float, row_count: int) -> bool:
    if metric in ("impressions", "clicks"):
        return round(rows_sum) == round(file_value)
    tolerance = max(0.005 * row_count + 0.01, 0.001 * abs(file_value))
    return abs(rows_sum - file_value) <= tolerance


def _rows_for(label: str, report: ParsedReport) -> tuple[list[ReportRow], bool] | None:
    """The rows a Total row sums and whether a disagreement is only a warning (None: unknown)."""
    suffix = label.replace("：", ":").split(":", 1)[-1].strip().casefold()
    if any(word in suffix for word in LENIENT_LABELS):
        return report.rows, True
    channels = {row.channel.casefold() for row in report.rows if row.channel}
    if suffix in CHANNEL_WORDS or suffix in channels:
        if "channel" not in report.columns:
            return None  # a channel subtotal cannot be split without a "Campaign type" column
        return [row for row in report.rows if (row.channel or "").casefold() == suffix], False
    return report.rows, False


def reconcile(report: ParsedReport) -> list[TotalCheck]:
    """Compare every Total row with the matching data rows, metric by metric."""
    checks: list[TotalCheck] = []
    for label, file_totals in report.file_totals.items():
        scope = _rows_for(label, report)
        for metric in TOTAL_KEYS:
            file_value = file_totals.get(metric)
            if file_value is None or metric not in report.columns or scope is None:
                checks.append(TotalCheck(label, metric, None, file_value, "not_checked"))
                continue
            rows, lenient = scope
            rows_sum = compute_totals(rows, report.columns)[metric] or 0
            if _agrees(metric, float(rows_sum), float(file_value), len(rows)):
                status = "ok"
            else:
                status = "warning" if lenient else "mismatch"
            checks.append(TotalCheck(label, metric, rows_sum, file_value, status))
    return checks


def checks_as_json(checks: list[TotalCheck]) -> list[dict[str, object]]:
    return [asdict(check) for check in checks]


def disagreements(checks: list[TotalCheck], status: str, file_name: str) -> list[str]:
    """One sentence per Total row whose checks have ``status``, naming every metric that differs."""
    by_label: dict[str, list[TotalCheck]] = {}
    for check in checks:
        if check.status == status:
            by_label.setdefault(check.label, []).append(check)
    return [
        f"{file_name}: the '{label}' row does not match the data rows ("
        + "; ".join(f"{c.metric}: rows add up to {c.rows_sum:,}, the file says {c.file_value:,}"
                    for c in found)
        + ")."
        for label, found in by_label.items()
    ]  # fmt: skip
