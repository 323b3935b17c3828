"""Compliance checks every piece of ad copy goes through, in the studio and before export.

* 广告法 (2015) 第九条(三) bans absolute terms such as 国家级, 最高级, 最佳; the common compiled
  list (FORMATS.md §D) is used as a heuristic. SAMR's 2023 guide exempts some uses
  (e.g. 最佳食用期); those phrases are whitelisted.
* Editorial rules the ad platforms enforce: excessive capitals, repeated punctuation, phone
  numbers in ad text, gimmicky symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Common compilation of absolute terms (not law; a heuristic) — FORMATS.md §D.
BANNED_ZH_TERMS: tuple[str, ...] = (
    "国家级",
    "世界级",
    "最高级",
    "最佳",
    "最好",
    "最大",
    "最高",
    "最低",
    "最新",
    "最先进",
    "最便宜",
    "最具",
    "第一",
    "唯一",
    "首个",
    "首选",
    "首家",
    "独家",
    "顶级",
    "顶尖",
    "极品",
    "极致",
    "终极",
    "绝对",
    "万能",
    "独一无二",
    "绝无仅有",
    "史无前例",
    "销量冠军",
    "全网第一",
    "NO.1",
    "TOP1",
    "王牌",
    "领袖品牌",
    "世界领先",
)
# A single 最 followed by an adjective is also an absolute claim; matched after the list above.
_ZUI_PATTERN = re.compile(r"最[\u4e00-\u9fff]")
# Uses exempted by SAMR's 《广告绝对化用语执法指南》 (consumer tips, standard categories).
EXEMPT_ZH_PHRASES: tuple[str, ...] = ("最佳食用期", "最佳使用期", "最佳赏味期", "最佳饮用期")

# English absolute/superlative claims platforms and consumer law treat as unsubstantiated.
BANNED_EN_PATTERNS: tuple[str, ...] = (
    r"\bno ?1\b",
    r"\bnumber one\b",
    r"\#1\b",
    r"\bbest[- ]ever\b",
    r"\bworld'?s best\b",
    r"\bguaranteed\b",
    r"\b100% (?:safe|effective|guaranteed)\b",
    r"\bcure[sd]?\b",
)
_BANNED_EN = [re.compile(p, re.IGNORECASE) for p in BANNED_EN_PATTERNS]
_PHONE = re.compile(r"(?:\+?\d[\d\s().-]{7,}\d)")
_REPEATED_PUNCT = re.compile(r"([!?！？.。,，])\1+")
_SHOUTED_WORD = re.compile(r"\b[A-Z]{4,}\b")
_GIMMICK_SYMBOLS = re.compile(r"[★☆✓✔➤►▶♥❤]")


@dataclass(frozen=True)
class Violation:
    # banned_term | excess_caps | repeated_punctuation | phone_number | symbols | too_long ...
    rule: str
    message: str  # what a shop owner reads
    span: tuple[int, int] | None = None
    severity: str = "error"  # error blocks export; warning is shown


def banned_terms(text: str) -> list[Violation]:
    """Absolute terms (Chinese Advertising Law) and unsubstantiated English superlatives."""
    found: list[Violation] = []
    masked = text
    for phrase in EXEMPT_ZH_PHRASES:
        masked = masked.replace(phrase, "\0" * len(phrase))
    upper = masked.upper()
    taken = [False] * len(masked)
    for term in sorted(BANNED_ZH_TERMS, key=len, reverse=True):
        start = upper.find(term.upper())
        while start >= 0:
            if not any(taken[start : start + len(term)]):
                taken[start : start + len(term)] = [True] * len(term)
                found.append(
                    Violation(
                        "banned_term",
                        f"「{text[start : start + len(term)]}」是广告法禁止的绝对化用语 "
                        "(absolute term banned by the Advertising Law)",
                        (start, start + len(term)),
                    )
                )
            start = upper.find(term.upper(), start + 1)
    for match in _ZUI_PATTERN.finditer(masked):
        if not any(taken[match.start() : match.end()]):
            found.append(
                Violation(
                    "banned_term",
                    f"「{match.group()}」: 以「最」开头的绝对化用语 (superlative with 最)",
                    match.span(),
                )
            )
    for pattern in _BANNED_EN:
        for match in pattern.finditer(masked):
            found.append(
                Violation(
                    "banned_term",
                    f'"{match.group()}" is an unsubstantiated absolute claim',
                    match.span(),
                )
            )
    return sorted(found, key=lambda v: v.span or (0, 0))


def editorial_issues(text: str) -> list[Violation]:
    """Platform editorial rules (Google/Microsoft/Meta reject these)."""
    issues: list[Violation] = []
    for match in _REPEATED_PUNCT.finditer(text):
        issues.append(
            Violation(
                "repeated_punctuation",
                f'Repeated punctuation "{match.group()}" is not allowed',
                match.span(),
            )
        )
    for match in _SHOUTED_WORD.finditer(text):
        issues.append(
            Violation(
                "excess_caps",
                f'"{match.group()}" is written in capitals; use normal case',
                match.span(),
            )
        )
    for match in _PHONE.finditer(text):
        if sum(ch.isdigit() for ch in match.group()) >= 8:
            issues.append(
                Violation(
                    "phone_number",
                    "Phone numbers are not allowed in ad text; use a call extension",
                    match.span(),
                )
            )
    for match in _GIMMICK_SYMBOLS.finditer(text):
        issues.append(
            Violation(
                "symbols", f'Symbol "{match.group()}" is not allowed in ad text', match.span()
            )
        )
    return issues


def check_text(text: str) -> list[Violation]:
    """Every compliance rule that applies to any ad text."""
    return banned_terms(text) + editorial_issues(text)
