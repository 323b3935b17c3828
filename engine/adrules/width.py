"""Character counting as ad platforms do it.

Google Ads counts double-width characters (CJK, full-width forms) as two; Taobao titles are limited
in GBK bytes (60 bytes = 30 汉字). Everything else counts code points after NFC normalisation.
"""

from __future__ import annotations

import unicodedata


def is_double_width(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def display_width(text: str) -> int:
    """Google-style length: wide and full-width characters count two, everything else one."""
    text = unicodedata.normalize("NFC", text)
    return sum(2 if is_double_width(ch) else 1 for ch in text)


def gbk_byte_length(text: str) -> int:
    """Taobao-style length: bytes in GBK (汉字 = 2, ASCII = 1); unencodable characters count 2."""
    return sum(len(ch.encode("gbk", errors="replace")) if ch.isascii() else 2 for ch in text)


def char_length(text: str) -> int:
    return len(unicodedata.normalize("NFC", text))
