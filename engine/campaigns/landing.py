"""Where an ad sends people: the product's own page, else one built from the shop's address.

Catalog imports carry a product URL only sometimes. Without one, the landing page is built from
the shop address in Settings (``extra["shop_url"]``) the way Shopify addresses pages: a product at
``/products/<handle>``, a category at ``/collections/<handle>``, the handle being the lower-case
title with every run of other characters turned into one hyphen. With neither, the plan says
which setting is missing; the exporter's validator then blocks the upload for the missing URL.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

SHOP_URL_SETTING = "shop_url"


@dataclass(frozen=True)
class Landing:
    url: str | None
    source: str  # given | product | shop_url | missing
    problem: str | None = None  # what the merchant must do when url is None


def handle(title: str) -> str:
    """Shopify-style handle: ``"Blue Mug (Large)"`` → ``"blue-mug-large"``; CJK kept."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"[^\w]+", "-", text).strip("-_") or "item"


def normalise_shop_url(raw: str) -> str:
    """``myshop.com/`` → ``https://myshop.com``; ValueError for anything not a web address."""
    text = raw.strip()
    if text and "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
        raise ValueError(
            f'the shop address "{raw}" is not a web address like https://myshop.com; '
            f'fix "{SHOP_URL_SETTING}" in Settings'
        )
    return text.rstrip("/")


def landing_page(
    given: str | None,
    product_url: str | None,
    shop_url: str | None,
    title: str,
    collection: bool = False,
) -> Landing:
    """The first that exists: the URL the merchant typed, the product's URL, the shop page."""
    if given and given.strip():
        return Landing(given.strip(), "given")
    if product_url and product_url.strip() and not collection:
        return Landing(product_url.strip(), "product")
    if shop_url and shop_url.strip():
        folder = "collections" if collection else "products"
        page = quote(handle(title), safe="-_")
        return Landing(f"{normalise_shop_url(shop_url)}/{folder}/{page}", "shop_url")
    what = "this category" if collection else "this product"
    return Landing(
        None,
        "missing",
        f"no landing page for {what}: the catalog has no product URL and Settings has no "
        f'"{SHOP_URL_SETTING}" (your shop\'s address, e.g. https://myshop.com); set it or pass a '
        "URL — until then the export reports the missing final URL",
    )
