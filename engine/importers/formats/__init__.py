"""The registry of export layouts Pinpoint can read, by the names the CLI's --format takes."""

from __future__ import annotations

from engine.importers.formats.amazon import AmazonAllOrders
from engine.importers.formats.base import Format, WrongFormat
from engine.importers.formats.ebay import EbayOrders
from engine.importers.formats.etsy import EtsySoldOrderItems, EtsySoldOrders
from engine.importers.formats.events import BehaviourEvents
from engine.importers.formats.generic_transactions import GenericTransactions
from engine.importers.formats.products import GenericProducts, ShopifyProducts
from engine.importers.formats.shopify import ShopifyOrders
from engine.importers.formats.taobao import TaobaoOrderDetails, TaobaoOrderList
from engine.importers.formats.woocommerce import WooCommerceAnalytics, WooCommerceWebToffee

FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        ShopifyOrders(),
        WooCommerceAnalytics(),
        WooCommerceWebToffee(),
        EtsySoldOrderItems(),
        EtsySoldOrders(),
        AmazonAllOrders(),
        EbayOrders(),
        TaobaoOrderList(),
        TaobaoOrderDetails(),
        GenericTransactions(),
        ShopifyProducts(),
        GenericProducts(),
        BehaviourEvents(),
    )
}


def get_format(name: str) -> Format:
    """The format called ``name``; a clear error listing the known names otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise WrongFormat(f"unknown format {name!r}; known formats: {known}") from None


__all__ = ["FORMATS", "Format", "WrongFormat", "get_format"]
