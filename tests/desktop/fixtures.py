"""Small exports written by the tests themselves (made-up people, no real data)."""

from __future__ import annotations

import csv
from pathlib import Path

SHOPIFY_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Accepts Marketing", "Currency", "Subtotal",
    "Shipping", "Taxes", "Total", "Created at", "Lineitem quantity", "Lineitem name",
    "Lineitem price", "Lineitem sku", "Billing Name", "Billing Country", "Shipping Country",
    "Cancelled at", "Refunded Amount",
]  # fmt: skip

PRODUCTS = [("MUG-01", "Blue enamel mug", "8.50"), ("TEA-02", "Green tea tin", "12.00")]


def write_shopify_export(
    path: Path, orders: int = 12, bad_quantity_rows: int = 1, customers: int = 5
) -> Path:
    """``orders`` one- or two-line orders from made-up customers; the last orders carry a
    quantity of "lots", which the importer must set aside as a rejected row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SHOPIFY_HEADER)
        for number in range(orders):
            customer = number % customers
            stamp = f"2024-03-{1 + number % 28:02d} 10:{number % 60:02d}:00 +0000"
            lines = PRODUCTS[: 1 + number % 2]
            total = sum(float(price) for _, _, price in lines)
            for index, (sku, title, price) in enumerate(lines):
                quantity = "lots" if number >= orders - bad_quantity_rows else "1"
                first = index == 0
                writer.writerow([
                    f"#{1000 + number}", f"buyer{customer}@example.com" if first else "",
                    "paid" if first else "", stamp if first else "", "yes" if first else "",
                    "GBP", f"{total:.2f}" if first else "", "0.00" if first else "",
                    "0.00" if first else "", f"{total:.2f}" if first else "", stamp, quantity,
                    title, price, sku, f"Test Person{customer}" if first else "",
                    "GB" if first else "", "GB" if first else "", "", "0.00" if first else "",
                ])  # fmt: skip
    return path
