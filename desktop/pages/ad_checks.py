"""Live checks of ad text while the merchant edits it: length against the platform's limit,
and the compliance rules (banned absolute terms, shouting, phone numbers...). No widgets here."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from engine.adrules.compliance import check_text
from engine.adrules.limits import limits_for


@dataclass(frozen=True)
class LineCheck:
    field: str
    index: int
    text: str
    length: int
    limit: int | None
    unit: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_fields(platform: str, fields: dict[str, list[str]]) -> list[LineCheck]:
    """One check per line of every field, in the order the platform shows them."""
    limits = limits_for(platform)
    checks = []
    for name, lines in fields.items():
        limit = limits.get(name)
        for index, text in enumerate(lines):
            problems = [v.message for v in check_text(text) if v.severity == "error"]
            length = limit.length(text) if limit else len(text)
            if limit is not None and length > limit.max_length:
                too_long = QCoreApplication.translate(
                    "AdChecks", "{length} {unit}, the limit is {limit}"
                )
                problems.insert(
                    0, too_long.format(length=length, unit=limit.unit, limit=limit.max_length)
                )
            checks.append(
                LineCheck(name, index, text, length, limit.max_length if limit else None,
                          limit.unit if limit else "characters", problems)
            )  # fmt: skip
    return checks
