"""A small lexicon sentiment scorer for English and Chinese ad copy.

Why a lexicon: it is transparent (the user can see which words counted), needs no model and no
download, and ad copy is short and plainly worded. Each positive word counts +1, each negative −1;
a negator just before a word (not, no, never / 不, 没, 无, 别, 非) flips it; the score is
``(pos − neg) / (pos + neg + 1)`` mapped from −1..1 to 0..1, so neutral copy scores 0.5.
The lists are our own, written for product copy (no third-party lexicon is bundled).
"""

from __future__ import annotations

import re

POSITIVE_EN = frozenset(
    [
        "beautiful",
        "lovely",
        "love",
        "loved",
        "perfect",
        "great",
        "gorgeous",
        "elegant",
        "stylish",
        "comfortable",
        "comfy",
        "soft",
        "cosy",
        "cozy",
        "warm",
        "bright",
        "fresh",
        "charming",
        "delightful",
        "durable",
        "sturdy",
        "reliable",
        "easy",
        "handy",
        "practical",
        "quality",
        "premium",
        "classic",
        "timeless",
        "unique",
        "handmade",
        "crafted",
        "luxurious",
        "smooth",
        "gentle",
        "light",
        "lightweight",
        "fun",
        "happy",
        "festive",
        "cheerful",
        "sweet",
        "cute",
        "pretty",
        "vibrant",
        "versatile",
        "ideal",
        "favourite",
        "favorite",
        "best-selling",
        "safe",
        "clean",
        "natural",
        "pure",
        "fast",
        "powerful",
        "efficient",
        "quiet",
        "clear",
        "sharp",
        "rich",
        "delicious",
        "tasty",
        "healthy",
        "enjoy",
        "treat",
        "gift",
        "special",
        "wonderful",
        "amazing",
        "brilliant",
        "excellent",
        "superb",
        "neat",
        "fine",
    ]
)
NEGATIVE_EN = frozenset(
    [
        "bad",
        "poor",
        "cheap",
        "flimsy",
        "broken",
        "fragile",
        "ugly",
        "boring",
        "dull",
        "heavy",
        "hard",
        "difficult",
        "uncomfortable",
        "rough",
        "noisy",
        "slow",
        "weak",
        "dirty",
        "faulty",
        "defective",
        "damaged",
        "worse",
        "worst",
        "awful",
        "terrible",
        "annoying",
        "painful",
        "disappointing",
        "problem",
        "problems",
        "hassle",
        "stress",
        "stressful",
        "mess",
        "messy",
        "waste",
        "leaky",
        "leaks",
    ]
)
NEGATORS_EN = frozenset(
    {"not", "no", "never", "without", "nothing", "don't", "doesn't", "isn't", "won't"}
)

POSITIVE_ZH = (
    "舒适",
    "柔软",
    "时尚",
    "优雅",
    "简约",
    "百搭",
    "精致",
    "显瘦",
    "修身",
    "亲肤",
    "透气",
    "保暖",
    "轻盈",
    "大方",
    "气质",
    "可爱",
    "甜美",
    "清新",
    "温柔",
    "活力",
    "经典",
    "耐穿",
    "耐用",
    "实用",
    "方便",
    "美观",
    "好看",
    "喜欢",
    "惊艳",
    "迷人",
    "高级",
    "质感",
    "细腻",
    "自然",
    "帅气",
    "洋气",
    "显高",
    "出彩",
    "亮眼",
    "贴心",
    "安心",
    "健康",
    "美味",
    "好穿",
    "利落",
    "灵动",
    "浪漫",
    "惬意",
)
NEGATIVE_ZH = (
    "难看",
    "廉价",
    "粗糙",
    "起球",
    "掉色",
    "褪色",
    "臃肿",
    "显胖",
    "闷热",
    "扎人",
    "僵硬",
    "磨脚",
    "麻烦",
    "失望",
    "劣质",
    "破损",
    "尴尬",
    "土气",
    "老气",
    "笨重",
    "难受",
    "不适",
)
NEGATORS_ZH = ("不", "没", "无", "别", "非", "不会", "不再")

_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)?")


def _english_counts(text: str) -> tuple[int, int, list[str]]:
    pos = neg = 0
    hits: list[str] = []
    words = _WORD.findall(text.lower())
    for index, word in enumerate(words):
        polarity = 1 if word in POSITIVE_EN else -1 if word in NEGATIVE_EN else 0
        if polarity == 0:
            continue
        if index > 0 and words[index - 1] in NEGATORS_EN:
            polarity = -polarity
        pos, neg = (pos + 1, neg) if polarity > 0 else (pos, neg + 1)
        hits.append(word)
    return pos, neg, hits


def _chinese_counts(text: str) -> tuple[int, int, list[str]]:
    pos = neg = 0
    hits: list[str] = []
    for lexicon, polarity in ((POSITIVE_ZH, 1), (NEGATIVE_ZH, -1)):
        for term in lexicon:
            for match in re.finditer(re.escape(term), text):
                before = text[max(0, match.start() - 2) : match.start()]
                flipped = any(before.endswith(n) for n in NEGATORS_ZH)
                sign = -polarity if flipped else polarity
                pos, neg = (pos + 1, neg) if sign > 0 else (pos, neg + 1)
                hits.append(term)
    return pos, neg, hits


def sentiment(text: str) -> float:
    """0 = negative, 0.5 = neutral, 1 = positive (both languages counted in mixed text)."""
    en_pos, en_neg, _ = _english_counts(text)
    zh_pos, zh_neg, _ = _chinese_counts(text)
    pos, neg = en_pos + zh_pos, en_neg + zh_neg
    return round(0.5 + 0.5 * (pos - neg) / (pos + neg + 1), 4)


def sentiment_words(text: str) -> list[str]:
    """The lexicon words that moved the score, for the user to see."""
    return _english_counts(text)[2] + _chinese_counts(text)[2]
