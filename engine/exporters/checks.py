"""Checks on single values shared by every ad platform's validator.

Lengths and counts against :mod:`engine.adrules.limits`, formula-looking and multi-line text,
banned terms and editorial rules (:mod:`engine.adrules.compliance`), landing pages, and the
Taobao-style limit for Chinese titles (60 GBK bytes = 30 汉字). Each violation is stamped with
where it was found, so the message reads on its own and ``--drop-invalid`` knows what to drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from engine.adrules.compliance import check_text
from engine.adrules.limits import PLATFORM_LIMITS, FieldLimit
from engine.adrules.width import display_width
from engine.exporters.adset import AdPlan
from engine.exporters.safety import starts_like_formula
from engine.exporters.violations import ExportViolation

TAOBAO_TITLE: FieldLimit = PLATFORM_LIMITS["taobao"]["title"]
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class AdPlatform:
    key: str  # export platform name on the CLI
    label: str  # what the merchant reads
    limits: str  # key into PLATFORM_LIMITS
    kind: str  # rsa | meta | amazon
    needs_budget: bool  # a new campaign in the upload must carry a daily budget


class FieldChecks:
    """Collects violations for one platform, stamping each with where it was found."""

    def __init__(self, platform: AdPlatform) -> None:
        self.platform = platform
        self.limits = PLATFORM_LIMITS[platform.limits]
        self.found: list[ExportViolation] = []

    def add(
        self,
        rule: str,
        text: str,
        where: str,
        scope: tuple[int | None, ...],
        severity: str = "error",
        **details: object,
    ) -> None:
        ci, gi, ai, ki = (*scope, None, None, None, None)[:4]
        self.found.append(
            ExportViolation(
                rule=rule,
                message=f"{where}: {text}",
                severity=severity,
                where=where,
                campaign_index=ci,
                group_index=gi,
                ad_index=ai,
                keyword_index=ki,
                **details,  # type: ignore[arg-type]
            )
        )

    # ------------------------------------------------------------------ campaigns and groups

    def count(
        self, name: str, count: int, limit: FieldLimit, where: str, scope: tuple[int, ...]
    ) -> None:
        plural = f"{name}s" if count != 1 else name
        if count < limit.min_count:
            self.add(
                "too_few",
                f"the ad has {count} {plural}; {self.platform.label} needs at least "
                f"{limit.min_count}",
                where,
                scope,
                field=name,
                measured=count,
                limit=limit.min_count,
            )
        elif count > limit.max_count:
            self.add(
                "too_many",
                f"the ad has {count} {plural}; {self.platform.label} accepts at most "
                f"{limit.max_count}",
                where,
                scope,
                field=name,
                measured=count,
                limit=limit.max_count,
            )

    def length(
        self,
        name: str,
        text: str,
        limit: FieldLimit,
        where: str,
        scope: tuple[int | None, ...],
        index: int | None = None,
    ) -> None:
        measured = limit.length(text)
        label = f"{words(name)} {index}" if index else words(name)
        wide = (
            " (double-width characters such as 汉字 count as 2)"
            if limit.counter is display_width
            else ""
        )
        if not text.strip():
            self.add("empty", f"{label} is empty", where, scope, field=name)
        elif limit.hard_max_length is not None and measured > limit.hard_max_length:
            self.add(
                "too_long",
                f'{label} "{short(text)}" is {measured} {limit.unit} long; '
                f"{self.platform.label} accepts at most {limit.hard_max_length}",
                where,
                scope,
                field=name,
                value=text,
                measured=measured,
                limit=limit.hard_max_length,
            )
        elif measured > limit.max_length:
            recommended = limit.hard_max_length is not None
            self.add(
                "too_long",
                f'{label} "{short(text)}" is {measured} {limit.unit} long; '
                f"{self.platform.label} {'recommends' if recommended else 'allows'} "
                f"{limit.max_length}{wide}",
                where,
                scope,
                "warning" if recommended else "error",
                field=name,
                value=text,
                measured=measured,
                limit=limit.max_length,
            )

    def text(
        self,
        label: str,
        text: str,
        where: str,
        scope: tuple[int | None, ...],
        ad_copy: bool,
        verbatim: bool | None = None,
        multiline: bool = False,
    ) -> None:
        """Rules for any text: formulas, line breaks, and (for ad copy) compliance.

        ``verbatim``: the platform uses the exact text (ad copy, keywords), so the ``'`` that
        neutralises a formula-like start would change it: an error. For names it is a warning.
        ``multiline``: the field may hold line breaks (Meta's primary text); tabs never.
        """
        verbatim = ad_copy if verbatim is None else verbatim
        if starts_like_formula(text):
            self.add(
                "formula_like",
                f'{label} "{short(text)}" starts with "{text[:1]}", which '
                "spreadsheet programs run as a formula; Pinpoint writes it with a ' in front"
                + (f", which would change the {label}. Rephrase it" if verbatim else ""),
                where,
                scope,
                "error" if verbatim else "warning",
                value=text,
            )
        if any(ch in text for ch in ("\t" if multiline else "\r\n\t\u2028\u2029")):
            self.add(
                "line_break",
                f'{label} "{short(text)}" contains a tab'
                + ("" if multiline else " or a line break; ad platforms accept one line only"),
                where,
                scope,
                value=text,
            )
        if ad_copy:
            for found in check_text(text):
                self.add(
                    found.rule,
                    f"{label}: {found.message}",
                    where,
                    scope,
                    found.severity,
                    value=text,
                )

    def landing_page(self, ad: AdPlan, where: str, scope: tuple[int, ...]) -> None:
        if not ad.final_url:
            self.add(
                "missing_final_url",
                "the ad has no final URL; set the landing page (https://…) "
                "on the campaign or the product",
                where,
                scope,
                field="final_url",
            )
        elif not is_web_address(ad.final_url):
            self.add(
                "invalid_url",
                f'final URL "{short(ad.final_url)}" is not a web address '
                "starting with http:// or https://",
                where,
                scope,
                field="final_url",
                value=ad.final_url,
            )

    def chinese_title(self, ad: AdPlan, where: str, scope: tuple[int, ...]) -> None:
        if ad.title and _CJK.search(ad.title):
            measured = TAOBAO_TITLE.length(ad.title)
            if measured > TAOBAO_TITLE.max_length:
                self.add(
                    "too_long",
                    f'title "{short(ad.title)}" is {measured} bytes; Chinese titles '
                    f"allow {TAOBAO_TITLE.max_length} bytes (30 汉字)",
                    where,
                    scope,
                    field="title",
                    value=ad.title,
                    measured=measured,
                    limit=TAOBAO_TITLE.max_length,
                )
            self.text("title", ad.title, where, scope, ad_copy=True)


def is_web_address(url: str) -> bool:
    parts = urlsplit(url.strip())
    return (
        parts.scheme in ("http", "https")
        and "." in parts.netloc
        and " " not in url.strip()
        and not any(ch in url for ch in "\r\n\t")
    )


def words(field_name: str) -> str:
    return field_name.replace("_", " ")


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
