"""Build the bundled sample shop from the real UCI Online Retail data.

Writes ``resources/samples/shopify_orders_export.csv`` in the 2026 Shopify orders-export layout
(79 columns, one row per line item, order-level columns only on an order's first row), so the demo
exercises the real Shopify importer. Customers are a seeded random subset of the UCI customers
plus some guest (no customer id) invoices; cancellations (``C`` invoices) become cancelled,
refunded orders. E-mail addresses and names are made up from the anonymised customer id.

Source: Daqing Chen, Sai Liang Sain, Kun Guo (2012), "Data mining for the online retail industry",
UCI ML Repository dataset 352 (Online Retail), CC0 copy via the CRAN package "onlineretail".

Run: python tools/make_sample_shop.py [--customers 450]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "online-retail" / "online_retail.csv.gz"
TARGET = ROOT / "resources" / "samples" / "shopify_orders_export.csv"

COLUMNS = (  # noqa: SIM905 - the spec lists the columns this way (FORMATS.md)
    "Name|Email|Financial Status|Paid at|Fulfillment Status|Fulfilled at|Accepts Marketing|"
    "Currency|"
    "Subtotal|Shipping|Taxes|Total|Discount Code|Discount Amount|Shipping Method|Created at|"
    "Lineitem quantity|Lineitem name|Lineitem price|Lineitem compare at price|Lineitem sku|"
    "Lineitem requires shipping|Lineitem taxable|Lineitem fulfillment status|Billing Name|"
    "Billing Street|Billing Address1|Billing Address2|Billing Company|Billing City|Billing Zip|"
    "Billing Province|Billing Country|Billing Phone|Shipping Name|Shipping Street|"
    "Shipping Address1|Shipping Address2|Shipping Company|Shipping City|Shipping Zip|"
    "Shipping Province|Shipping Country|Shipping Phone|Notes|Note Attributes|Cancelled at|"
    "Payment Method|Payment Reference|Refunded Amount|Vendor|Outstanding Balance|Employee|"
    "Location|Device ID|Id|Tags|Risk Level|Source|Lineitem discount|Tax 1 Name|Tax 1 Value|"
    "Tax 2 Name|Tax 2 Value|Tax 3 Name|Tax 3 Value|Tax 4 Name|Tax 4 Value|Tax 5 Name|"
    "Tax 5 Value|Phone|Receipt Number|Duties|Billing Province Name|Shipping Province Name|"
    "Payment ID|Payment Terms Name|Next Payment Due At|Payment References"
).split("|")

COUNTRY_CODES = {
    "United Kingdom": "GB",
    "France": "FR",
    "Australia": "AU",
    "Netherlands": "NL",
    "Germany": "DE",
    "Norway": "NO",
    "EIRE": "IE",
    "Switzerland": "CH",
    "Spain": "ES",
    "Poland": "PL",
    "Portugal": "PT",
    "Italy": "IT",
    "Belgium": "BE",
    "Lithuania": "LT",
    "Japan": "JP",
    "Iceland": "IS",
    "Channel Islands": "JE",
    "Denmark": "DK",
    "Cyprus": "CY",
    "Sweden": "SE",
    "Austria": "AT",
    "Israel": "IL",
    "Finland": "FI",
    "Bahrain": "BH",
    "Greece": "GR",
    "Hong Kong": "HK",
    "Singapore": "SG",
    "Lebanon": "LB",
    "United Arab Emirates": "AE",
    "Saudi Arabia": "SA",
    "Czech Republic": "CZ",
    "Canada": "CA",
    "Brazil": "BR",
    "USA": "US",
    "Malta": "MT",
    "RSA": "ZA",
}
FIRST_NAMES = ["Alex", "Sam", "Jo", "Robin", "Charlie", "Kim", "Lee", "Max", "Noa", "Ari"]
LAST_NAMES = ["Example", "Sample", "Testwell", "Madeup", "Fictive", "Placeholder"]
NON_PRODUCT_CODES = {"POST": "Shipping", "DOT": "Shipping"}


def read_invoices() -> dict[str, list[dict[str, str]]]:
    invoices: dict[str, list[dict[str, str]]] = defaultdict(list)
    with gzip.open(SOURCE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            invoices[row["InvoiceNo"]].append(row)
    return invoices


def choose(invoices: dict[str, list[dict[str, str]]], customers: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    by_customer: dict[str, list[str]] = defaultdict(list)
    guests = []
    for number, rows in invoices.items():
        if len(rows) > 60:
            continue  # wholesale picking lists would dominate a small sample
        customer = rows[0]["CustomerID"]
        (by_customer[customer] if customer else guests).append(number)
    eligible = sorted(c for c, numbers in by_customer.items() if len(numbers) <= 30)
    chosen = rng.sample(eligible, customers)
    numbers = [n for c in chosen for n in by_customer[c]]
    numbers += rng.sample(sorted(guests), 120)
    return sorted(numbers, key=lambda n: (invoices[n][0]["InvoiceDate"], n))


def order_rows(number: str, rows: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    first = rows[0]
    created = datetime.fromisoformat(first["InvoiceDate"]).strftime("%Y-%m-%d %H:%M:%S +0000")
    customer = first["CustomerID"].removesuffix(".0")
    email = f"customer-{customer}@example.com" if customer else ""
    cancelled = number.startswith("C")
    name = f"#{number}"
    lines = []
    for row in rows:
        quantity = abs(int(float(row["Quantity"])))
        lines.append((row, quantity, float(row["UnitPrice"])))
    shipping = sum(q * p for r, q, p in lines if r["StockCode"] in NON_PRODUCT_CODES)
    subtotal = sum(q * p for r, q, p in lines if r["StockCode"] not in NON_PRODUCT_CODES)
    total = subtotal + shipping
    person_rng = random.Random(customer or number)
    billing_name = (
        f"{person_rng.choice(FIRST_NAMES)} {person_rng.choice(LAST_NAMES)}" if customer else ""
    )
    country = COUNTRY_CODES.get(first["Country"], "")
    out = []
    for position, (row, quantity, price) in enumerate(lines):
        record = dict.fromkeys(COLUMNS, "")
        record.update(
            {
                "Name": name,
                "Email": email,
                "Created at": created,
                "Lineitem quantity": str(quantity),
                "Lineitem name": row["Description"] or row["StockCode"],
                "Lineitem price": f"{price:.2f}",
                "Lineitem sku": row["StockCode"],
                "Lineitem requires shipping": "true",
                "Lineitem taxable": "true",
                "Lineitem fulfillment status": "fulfilled",
                "Vendor": "Sample Gift Co",
                "Lineitem discount": "0.00",
            }
        )
        if position == 0:
            record.update(
                {
                    "Financial Status": "refunded" if cancelled else "paid",
                    "Paid at": created,
                    "Fulfillment Status": "fulfilled",
                    "Fulfilled at": created,
                    "Accepts Marketing": "yes" if person_rng.random() < 0.7 else "no",
                    "Currency": "GBP",
                    "Subtotal": f"{subtotal:.2f}",
                    "Shipping": f"{shipping:.2f}",
                    "Taxes": "0.00",
                    "Total": f"{total:.2f}",
                    "Discount Amount": "0.00",
                    "Shipping Method": "Standard",
                    "Billing Name": billing_name,
                    "Billing Country": country,
                    "Shipping Name": billing_name,
                    "Shipping Country": country,
                    "Billing Zip": f"'0{person_rng.randint(100, 999)}" if country == "NO" else "",
                    "Cancelled at": created if cancelled else "",
                    "Refunded Amount": f"{total:.2f}" if cancelled else "0.00",
                    "Payment Method": "Shopify Payments",
                    "Id": str(5_000_000_000 + rng.randint(0, 10**9)),
                    "Source": "web",
                    "Risk Level": "Low",
                    "Outstanding Balance": "0.00",
                    "Billing Province Name": first["Country"],
                    "Shipping Province Name": first["Country"],
                }
            )
        out.append(record)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=450)
    parser.add_argument("--seed", type=int, default=20111209)
    args = parser.parse_args()
    invoices = read_invoices()
    numbers = choose(invoices, args.customers, args.seed)
    rng = random.Random(args.seed)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for number in numbers:
            writer.writerows(order_rows(number, invoices[number], rng))
    print(f"wrote {len(numbers)} orders to {TARGET}")


if __name__ == "__main__":
    main()
