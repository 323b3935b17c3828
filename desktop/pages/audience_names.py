"""Audience and RFM segment names as the merchant's language says them.

The engine names RFM segments in English ("champions") and stores segment audiences as
``RFM segment: champions``; those names are fixed vocabulary, so they are translated for
display here. Names the merchant or the builder wrote (a product, a category) are shown as
stored.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AudienceNames"
SEGMENT_PREFIX = "RFM segment: "
SEGMENTS = {
    "champions": QT_TRANSLATE_NOOP("AudienceNames", "champions"),
    "loyal": QT_TRANSLATE_NOOP("AudienceNames", "loyal"),
    "potential loyalists": QT_TRANSLATE_NOOP("AudienceNames", "potential loyalists"),
    "new customers": QT_TRANSLATE_NOOP("AudienceNames", "new customers"),
    "promising": QT_TRANSLATE_NOOP("AudienceNames", "promising"),
    "need attention": QT_TRANSLATE_NOOP("AudienceNames", "need attention"),
    "about to sleep": QT_TRANSLATE_NOOP("AudienceNames", "about to sleep"),
    "at risk": QT_TRANSLATE_NOOP("AudienceNames", "at risk"),
    "can't lose them": QT_TRANSLATE_NOOP("AudienceNames", "can't lose them"),
    "hibernating": QT_TRANSLATE_NOOP("AudienceNames", "hibernating"),
    "lost": QT_TRANSLATE_NOOP("AudienceNames", "lost"),
}
"""The segments of :data:`engine.targeting.audiences.rfm.SEGMENTS` (not imported: numpy)."""


def segment_name(segment: str) -> str:
    source = SEGMENTS.get(segment)
    return QCoreApplication.translate(CONTEXT, source) if source else segment


def audience_name(name: str) -> str:
    if name.startswith(SEGMENT_PREFIX):
        segment = name.removeprefix(SEGMENT_PREFIX)
        if segment in SEGMENTS:
            return QCoreApplication.translate("AudienceNames", "RFM segment: {segment}").format(
                segment=segment_name(segment)
            )
    return name
