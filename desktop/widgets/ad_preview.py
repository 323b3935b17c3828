"""The ad roughly as the platform shows it: a search result (Google, Microsoft), a feed post
(Meta), a sponsored headline (Amazon) or a product title (Taobao)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def preview_html(platform: str, fields: dict[str, list[str]], shop: str, sponsored: str) -> str:
    def first(name: str, count: int = 1) -> list[str]:
        return [escape(text) for text in fields.get(name, [])[:count]]

    if platform in ("google", "microsoft"):
        path = "/".join(first("path", 2))
        return (
            f"<div style='font-size:small'><b>{escape(sponsored)}</b> · {escape(shop)}/{path}</div>"
            f"<div style='font-size:large; color:#1a0dab'>{' | '.join(first('headline', 3))}</div>"
            f"<div style='color:#4d5156'>{' '.join(first('description', 2))}</div>"
        )
    if platform == "meta":
        return (
            f"<div><b>{escape(shop)}</b><br>"
            f"<span style='font-size:small'>{escape(sponsored)}</span></div>"
            f"<p>{''.join(first('primary_text'))}</p>"
            "<div style='background:#d8dde3; color:#59636e; padding:40px; text-align:center'>"
            "▣</div>"
            f"<div><b>{''.join(first('headline'))}</b><br>{''.join(first('description'))}</div>"
        )
    if platform == "amazon":
        headline = "".join(first("headline"))
        return f"<div style='font-size:large'><b>{headline}</b></div><div>{escape(sponsored)}</div>"
    return f"<div style='font-size:large; color:#ff5000'>{''.join(first('title'))}</div>"


class AdPreview(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def show_ad(self, platform: str, fields: dict[str, list[str]], shop: str) -> None:
        self.label.setText(preview_html(platform, fields, shop, self.tr("Sponsored")))
