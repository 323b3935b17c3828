"""Counts in plain English for reasons and explanations: "1 order", "2 orders", "1 day ago".

Every number a merchant reads next to a noun goes through here, so "last order 1 days ago" or
"1 orders" cannot come back one f-string at a time. Numbers are rounded the way they are shown
*before* the noun is chosen, so 1.4 days reads "1 day ago", not "1 days ago".
"""

from __future__ import annotations

IRREGULAR = {"category": "categories", "person": "people"}


def plural(count: float, noun: str, thousands: bool = True) -> str:
    """``count`` (rounded to a whole number) followed by ``noun`` in the right number."""
    shown = round(count)
    word = noun if shown == 1 else IRREGULAR.get(noun, noun + "s")
    return f"{shown:,} {word}" if thousands else f"{shown} {word}"


def days_ago(days: float) -> str:
    """How long ago, counted from the day the audience is built for ("now")."""
    shown = round(days)
    if shown <= 0:
        return "less than a day ago"
    return f"{plural(shown, 'day')} ago"


def times(count: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")
