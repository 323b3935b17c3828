"""Each platform's file: golden bytes, read-back, encodings, hostile copy and typed cells.

Golden files live in tests/fixtures/exporters/. After an intended format change, regenerate them
with ``PINPOINT_UPDATE_GOLDEN=1 pytest tests/exporters/test_writers.py`` and review the diff; the
tests then fail on purpose so a regeneration is never silent.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from engine.exporters import (
    amazon_sp,
    customer_match,
    google_ads_editor,
    meta_ads,
    meta_audience,
    microsoft_ads,
)
from engine.exporters.adset import KeywordPlan, TextAsset
from engine.exporters.audience import Contact, read_audience_file
from tests.conftest import REPO_ROOT
from tests.exporters.factories import good_ad, good_campaign, meta_ad

GOLDEN = REPO_ROOT / "tests" / "fixtures" / "exporters"
HOSTILE = [
    '=HYPERLINK("http://evil.example","Sale")', "@SUM(A1:A2)", "+1 more", "-20% today",
    'She said "wow", twice', "Line one\nline two", "tab\there", "שלום עולם", "مرحبا", "🎉🔥 deals",
]  # fmt: skip


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("PINPOINT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        pytest.fail(
            f"golden file {name} regenerated; review the diff and run again without the flag"
        )
    assert path.exists(), f"missing golden file {path}; create it with PINPOINT_UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{name} differs from its golden file"


def hostile_campaign():
    ad = good_ad(
        headlines=[TextAsset(text) for text in HOSTILE],
        descriptions=[TextAsset(t) for t in HOSTILE[:4]],
    )
    ad.primary_texts = [HOSTILE[0]]
    campaign = good_campaign(ads=[ad], name='=cmd|" /C calc"!A0')
    campaign.ad_groups[0].keywords[0] = KeywordPlan("-mug", "exact", 0.5)
    campaign.ad_groups[0].skus = ["=SKU", "0042"]
    return campaign


# ------------------------------------------------------------------ Google Ads Editor


def test_google_ads_editor_golden_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "editor.csv"
    assert google_ads_editor.write([good_campaign()], path) == 3  # 1 ad, 2 keywords
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")  # UTF-16LE BOM, as Editor exports
    text = data[2:].decode("utf-16-le")
    assert text.count("\r\n") == 4 and "\n" not in text.replace("\r\n", "") and "\t" in text
    check_golden("google_ads_editor_rsa.csv", data)


def test_google_ads_editor_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "editor.csv"
    google_ads_editor.write([good_campaign()], path)
    row, exact, phrase = google_ads_editor.read(path)
    assert list(row) == list(google_ads_editor.HEADER) and len(row) == 55 + 3
    assert (exact["Keyword"], exact["Criterion Type"], exact["Max CPC"]) == (
        "handmade mug",
        "Exact",
        "0.45",
    )
    assert (phrase["Criterion Type"], phrase["Max CPC"], phrase["Ad type"]) == ("Phrase", "", "")
    assert row["Ad type"] == "Responsive search ad"
    assert (row["Headline 1"], row["Headline 1 position"]) == ("Handmade Mugs, Fired Twice", "1")
    assert (row["Headline 2"], row["Headline 2 position"]) == ('The "Everyday" Mug', " -")
    assert (
        row["Headline 4"] == "手工陶瓷杯" and row["Headline 6"] == row["Headline 6 position"] == ""
    )
    assert row["Description 2 position"] == "2" and row["Path 1"] == "mugs"
    assert (
        row["Final URL"] == "https://shop.example.com/mugs" and row["Campaign Status"] == "Paused"
    )


def test_google_ads_editor_file_is_recognised_by_the_importers_sniffer(tmp_path: Path) -> None:
    from engine.importers.sniff import sniff

    path = tmp_path / "editor.csv"
    google_ads_editor.write([good_campaign()], path)
    found = sniff(path)
    assert found.encoding.lower().replace("_", "-").startswith("utf-16")
    assert found.delimiter == "\t"
    assert list(found.header)[:3] == ["Campaign", "Ad Group", "Ad type"]


# ------------------------------------------------------------------ Microsoft


def test_microsoft_golden_and_structure(tmp_path: Path) -> None:
    path = tmp_path / "ms.csv"
    assert microsoft_ads.write([good_campaign()], path) == 5  # campaign, ad group, 2 keywords, ad
    data = path.read_bytes()
    check_golden("microsoft_ads_bulk.csv", data)
    rows = microsoft_ads.read(path)
    header = list(rows[0])
    assert header[0] == "Type" and header[9] == "Name"
    assert rows[0]["Type"] == "Format Version" and rows[0]["Name"] == "6.0"
    assert b"Format Version,,,,,,,,,6.0," in data
    by_type = {row["Type"]: row for row in rows}
    assert by_type["Campaign"]["Id"] == "-1" and by_type["Campaign"]["Budget"] == "25"
    assert by_type["Ad Group"]["Id"] == "-2" and by_type["Ad Group"]["Parent Id"] == "-1"
    rsa = by_type["Responsive Search Ad"]
    assert rsa["Parent Id"] == "-2"  # a number, not '-2
    headlines = json.loads(rsa["Headline"])
    assert headlines[0] == {"text": "Handmade Mugs, Fired Twice", "pinnedField": "Headline1"}
    assert headlines[1] == {"text": 'The "Everyday" Mug'}
    assert json.loads(rsa["Description"])[1]["pinnedField"] == "Description2"
    assert '"[{""text"":""Handmade Mugs' in data.decode("utf-8-sig")  # JSON quotes doubled in CSV


# ------------------------------------------------------------------ Meta


def test_meta_golden_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    assert meta_ads.write([good_campaign(ads=[meta_ad()])], path) == 1
    check_golden("meta_ads_bulk.csv", path.read_bytes())
    [row] = meta_ads.read(path)
    assert row["Campaign Name"] == "Spring mugs" and row["Campaign Status"] == "PAUSED"
    assert row["Ad Set Name"] == "Mug lovers" and row["Ad Set Daily Budget"] == "25"
    assert row["Countries"] == "GB, IE" and row["Age Min"] == "25"
    assert row["Title"] == "Handmade mugs, fired twice"
    assert row["Body"] == 'Our "Everyday" mug, made by hand.\nPick a glaze you love.'
    assert (
        row["Link"] == "https://shop.example.com/mugs" and row["Ad Set Time Start"] == "03/01/2026"
    )


# ------------------------------------------------------------------ Amazon


def test_amazon_golden_values_and_typed_cells(tmp_path: Path) -> None:
    path = tmp_path / "amazon.xlsx"
    assert amazon_sp.write([good_campaign()], path, today=date(2026, 1, 1)) == 6
    rows = amazon_sp.read(path)
    assert list(rows[0]) == list(amazon_sp.HEADER)
    compact = [{k: v for k, v in row.items() if v not in (None, "")} for row in rows]
    check_golden(
        "amazon_sp_bulksheet.json",
        (json.dumps(compact, indent=1, ensure_ascii=False) + "\n").encode(),
    )
    campaign, group, _ad1, ad2, kw1, kw2 = rows
    assert campaign["Entity"] == "Campaign" and campaign["Start Date"] == "20260301"
    assert campaign["End Date"] == "20260430" and campaign["Targeting Type"] == "Manual"
    assert campaign["Daily Budget"] == 25 and isinstance(campaign["Daily Budget"], int | float)
    assert group["Ad Group Default Bid"] == 0.35 and group["Campaign ID"] == "Spring mugs"
    assert ad2["SKU"] == "0042"  # kept as text, leading zero intact
    assert kw1["Bid"] == 0.45 and kw1["Match Type"] == "exact" and kw2["Bid"] is None


def test_amazon_start_date_defaults_to_today(tmp_path: Path) -> None:
    path = tmp_path / "amazon.xlsx"
    amazon_sp.write([good_campaign(start_date=None)], path, today=date(2026, 5, 17))
    assert amazon_sp.read(path)[0]["Start Date"] == "20260517"


# ------------------------------------------------------------------ hostile copy, every format


def test_hostile_copy_is_neutralised_in_every_csv(tmp_path: Path) -> None:
    campaign = hostile_campaign()
    for module in (google_ads_editor, microsoft_ads, meta_ads):
        path = tmp_path / f"{module.__name__}.csv"
        module.write([campaign], path)
        for row in module.read(path):
            for column, value in row.items():
                assert not value.startswith(("=", "@", "+", "\t", "\r")), (module, column)
                if value.startswith("-"):  # only Microsoft's negative ids, kept as numbers
                    assert value.lstrip("-").isdigit(), (module, column, value)
    rows = google_ads_editor.read(tmp_path / f"{google_ads_editor.__name__}.csv")
    assert rows[0]["Campaign"] == "'" + campaign.name
    # quotes, newline, tab, RTL and emoji come back exactly as written
    assert [rows[0][f"Headline {i}"] for i in range(5, 11)] == HOSTILE[4:]
    assert rows[0]["Headline 1"] == "'" + HOSTILE[0] and rows[0]["Headline 4"] == "'-20% today"


def test_hostile_copy_never_becomes_a_formula_in_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "amazon.xlsx"
    amazon_sp.write([hostile_campaign()], path)
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    rows = amazon_sp.read(path)
    assert rows[0]["Campaign Name"].startswith("'=cmd")
    assert {row["SKU"] for row in rows if row["SKU"]} == {"'=SKU", "0042"}
    assert any(row["Keyword Text"] == "'-mug" for row in rows)


# ------------------------------------------------------------------ audience files

CONTACTS = [  # made-up people; phone numbers from the ranges reserved for drama/fiction
    Contact(1, " Ana.Silva@Example.com", "020 7946 0958", "Ana", "Silva", "GB", "London",
            "London", "'E1 6AN"),
    Contact(2, "li.lei@example.cn", "138 0013 8000", "Lei", "Li", "CN", "Shanghai", "Shanghai",
            "200000"),
    Contact(3, None, "(415) 555-0100", "José", "Núñez", "US", "CA", "San Francisco",
            "94103-1234"),
]  # fmt: skip


@pytest.mark.parametrize("plain_text", [False, True])
def test_customer_match_golden(tmp_path: Path, plain_text: bool) -> None:
    path = tmp_path / "cm.csv"
    customer_match.build(CONTACTS, plain_text).write(path)
    check_golden(f"customer_match{'_plain' if plain_text else ''}.csv", path.read_bytes())


def test_meta_customer_list_golden(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    meta_audience.build(CONTACTS).write(path)
    check_golden("meta_customer_list.csv", path.read_bytes())
    rows = read_audience_file(path)
    assert rows[2]["fn"] == hashlib.sha256(b"jos").hexdigest()  # SDK: [a-z] only
    assert rows[2]["zip"] == hashlib.sha256(b"94103").hexdigest()
    assert rows[2]["email"] == ""
