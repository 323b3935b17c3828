"""The export service and CLI on a real store: data source, blocking, audiences, contract."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from engine.cli import main
from engine.commands.export import register
from engine.exporters import google_ads_editor, meta_ads, microsoft_ads
from engine.exporters.audience import read_audience_file
from engine.exporters.files import atomic_write
from engine.exporters.hashing import meta_hash, sha256_hex
from engine.services.exporting import export, validate
from engine.store.db import session_scope
from engine.store.models import AdVariant
from tests.exporters.factories import seed_campaign, seed_customers


def seed(ctx, **kwargs) -> int:
    with session_scope(ctx.engine) as session:
        return seed_campaign(session, **kwargs).id


def test_google_export_uses_the_approved_variant_and_store_rows(
    app_context, tmp_path: Path
) -> None:
    seed(app_context)
    result = export(app_context, "google-ads-editor", tmp_path)
    assert result.written and result.rows == 4 and result.violations == []  # 1 ad, 3 keywords
    row, *keywords = google_ads_editor.read(Path(result.files[0]))
    assert [k["Keyword"] for k in keywords] == ["handmade mug", "stoneware mug", "mug gift"]
    assert row["Campaign"] == "Spring mugs" and row["Ad Group"] == "Mug lovers"
    assert row["Headline 1"] == "Handmade Mugs, Fired Twice" and row["Headline 1 position"] == "1"
    assert row["Final URL"] == "https://shop.example.com/mugs"  # from the product
    assert row["Comment"].startswith("Pinpoint variant")
    report = Path(result.report or "").read_text(encoding="utf-8")
    assert "google-ads-editor-rsa.csv" in report and "4 rows" in report


def test_best_ranked_draft_is_used_when_nothing_is_approved(app_context, tmp_path: Path) -> None:
    seed(app_context)
    with session_scope(app_context.engine) as session:
        session.query(AdVariant).filter_by(status="approved").update({"status": "draft"})
    violations = validate(app_context, "google-ads-editor")
    assert any('Ad "draft best"' in v.message and v.rule == "too_few" for v in violations)


def test_without_campaigns_a_paused_draft_is_built_from_saved_copy(
    app_context, tmp_path: Path
) -> None:
    with session_scope(app_context.engine) as session:
        campaign = seed_campaign(session)
        session.delete(
            campaign
        )  # the copy requests and variants stay, as the copy studio saves them
    result = export(app_context, "google-ads-editor", tmp_path)
    assert result.written, [v.message for v in result.violations]
    assert "paused draft" in result.notes[0] and "1 ad groups, 1 ads" in result.notes[0]
    row, *keywords = google_ads_editor.read(Path(result.files[0]))
    assert [k["Keyword"] for k in keywords] == ["mug gift"]  # the variant's keyword lines
    assert (row["Campaign"], row["Ad Group"]) == ("Pinpoint draft (google)", "Mug lovers")
    assert row["Campaign Status"] == "Paused" and row["Headline 1"] == "Handmade Mugs, Fired Twice"
    amazon = validate(app_context, "amazon-sp")
    assert amazon and all(v.rule == "nothing_to_export" for v in amazon)  # google copy only


def test_ad_set_without_linked_variants_uses_its_audiences_copy(
    app_context, tmp_path: Path
) -> None:
    with session_scope(app_context.engine) as session:
        seed_campaign(session)
        session.query(AdVariant).update({"ad_set_id": None})
    result = export(app_context, "google-ads-editor", tmp_path)
    assert result.written and result.rows == 4


def test_microsoft_picks_up_google_campaigns_and_keywords(app_context, tmp_path: Path) -> None:
    seed(app_context)
    result = export(app_context, "microsoft", tmp_path)
    rows = microsoft_ads.read(Path(result.files[0]))
    keywords = [(r["Keyword"], r["Match Type"], r["Bid"]) for r in rows if r["Type"] == "Keyword"]
    assert keywords == [
        ("handmade mug", "Exact", ""),
        ("stoneware mug", "Phrase", "0.5"),
        ("mug gift", "Exact", ""),  # from the variant's "keyword" lines
    ]


def test_amazon_export_lists_the_creative_products_sku(app_context, tmp_path: Path) -> None:
    seed(app_context, platform="amazon")
    result = export(app_context, "amazon-sp", tmp_path)
    assert result.written, [v.message for v in result.violations]
    from engine.exporters import amazon_sp

    rows = amazon_sp.read(Path(result.files[0]))
    assert [r["SKU"] for r in rows if r["Entity"] == "Product Ad"] == ["MUG-001"]


def test_violations_block_the_file_until_dropped(app_context, tmp_path: Path) -> None:
    seed(app_context, platform="meta", fields={"headline": "x" * 41, "primary_text": "Hi"})
    blocked = export(app_context, "meta", tmp_path)
    assert not blocked.written and not (tmp_path / meta_ads.FILE_NAME).exists()
    assert [v.rule for v in blocked.violations] == ["no_location", "too_long"]
    assert [v.severity for v in blocked.violations] == ["warning", "error"]
    assert "Nothing was written" in Path(blocked.report or "").read_text(encoding="utf-8")
    dropped = export(app_context, "meta", tmp_path, drop_invalid=True)
    assert not dropped.written and dropped.dropped  # the only ad was dropped: nothing left
    assert "nothing was left" in " ".join(dropped.notes)


def test_nothing_in_the_store_is_explained(app_context, tmp_path: Path) -> None:
    result = export(app_context, "amazon-sp", tmp_path)
    assert not result.written and result.violations[0].rule == "nothing_to_export"
    with pytest.raises(ValueError, match="unknown export platform"):
        export(app_context, "tiktok", tmp_path)
    with pytest.raises(ValueError, match="no campaign with id 99"):
        export(app_context, "meta", tmp_path, campaign_ids=[99])
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ValueError, match="is a file; choose a folder"):
        export(app_context, "meta", tmp_path / "a-file")


def test_failed_write_keeps_the_previous_file_and_leaves_no_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"previous export")

    def write_half_then_fail(temp: Path) -> None:
        temp.write_bytes(b"half a fi")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, write_half_then_fail)
    assert list(tmp_path.iterdir()) == [target] and target.read_bytes() == b"previous export"


# ---------------------------------------------------------------------------- audiences


def test_customer_match_is_hashed_and_never_holds_raw_pii(
    app_context, tmp_path: Path, no_network
) -> None:
    with session_scope(app_context.engine) as session:
        seed_customers(session, 200, "Loyal")
    result = export(app_context, "customer-match", tmp_path)
    assert result.written and result.rows == 160  # 40 of 200 refused marketing
    data = Path(result.files[0]).read_bytes()
    assert b"example.com" not in data.lower() and b"7700" not in data and b"zo" not in data.lower()
    assert not data.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    rows = read_audience_file(Path(result.files[0]))
    assert list(rows[0]) == ["Email", "Phone", "First Name", "Last Name", "Country", "Zip"]
    assert rows[0]["Email"] == sha256_hex("person.0@example.com")
    assert rows[0]["Phone"] == sha256_hex("+447700900000")
    assert rows[0]["First Name"] == sha256_hex("zoë")
    assert (rows[0]["Country"], rows[0]["Zip"]) == ("GB", "LS1 4AP")  # not hashed
    assert any("did not accept marketing" in note for note in result.notes)


def test_meta_customer_list_uses_sdk_normalisation(app_context, tmp_path: Path) -> None:
    with session_scope(app_context.engine) as session:
        seed_customers(session, 200)
    result = export(app_context, "meta-audience", tmp_path)
    assert Path(result.files[0]).name == "meta-customer-list-all-customers.csv"
    data = Path(result.files[0]).read_bytes().lower()
    assert b"example.com" not in data and b"7700" not in data and b"brien" not in data
    row = read_audience_file(Path(result.files[0]))[0]
    assert row["email"] == meta_hash("email", "person.0@example.com")
    assert row["phone"] == sha256_hex("447700900000")
    assert row["fn"] == sha256_hex("zo")  # the SDK drops the ë
    assert row["ln"] == sha256_hex("obrien")
    assert row["country"] == sha256_hex("gb") and row["zip"] == sha256_hex("ls1 4ap")


def test_plain_text_only_when_asked_and_with_a_warning(app_context, tmp_path: Path) -> None:
    with session_scope(app_context.engine) as session:
        seed_customers(session, 200)
    result = export(app_context, "customer-match", tmp_path, plain_text=True)
    row = read_audience_file(Path(result.files[0]))[0]
    assert row["Email"] == "person.0@example.com" and row["Phone"] == "+447700900000"
    assert any("PLAIN TEXT" in note for note in result.notes)
    assert "PLAIN TEXT" in Path(result.report or "").read_text(encoding="utf-8")


def test_small_audience_is_refused_with_the_assumed_rates(app_context, tmp_path: Path) -> None:
    with session_scope(app_context.engine) as session:
        seed_customers(session, 40, "Tiny")
    result = export(app_context, "customer-match", tmp_path)
    assert not result.written
    [violation] = result.violations
    assert violation.rule == "too_small" and violation.limit == 100
    assert "email 50%" in violation.message and 'Audience "Tiny"' in violation.message
    assert validate(app_context, "customer-match") == result.violations


# ---------------------------------------------------------------------------- CLI contract


def run_export_command(ctx, *argv: str) -> int:
    """``pinpoint export ...`` through the command module itself (the CLI discovers it)."""
    parser = argparse.ArgumentParser(prog="pinpoint")
    register(parser.add_subparsers())
    args = parser.parse_args(["export", *argv])
    return int(args.handler(args, ctx))


def test_cli_json_contract_and_exit_codes(app_context, tmp_path: Path, capsys, no_network) -> None:
    argv = ("--platform", "google-ads-editor", "--out", str(tmp_path / "out"), "--json")
    assert run_export_command(app_context, *argv) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["files"] == [] and payload["rows"] == 0 and payload["violations"]
    seed(app_context)
    assert run_export_command(app_context, *argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {"files", "rows", "violations"} <= set(payload) and payload["rows"] == 4
    assert Path(payload["files"][0]).exists()
    assert no_network == []


def test_hostile_contact_values_are_hashed_or_neutralised() -> None:
    from engine.exporters import customer_match
    from engine.exporters.audience import Contact

    hostile = Contact(
        customer_id=1, email=" Evil@Example.com\n", phone="+44 7700 900123",
        first_name='=HYPERLINK("http://x.example")', last_name="O'Neil, \"Jr\"", country="GB",
        zip="-1+1",
    )  # fmt: skip
    hashed = customer_match.build([hostile]).rows[0]
    assert hashed[2] == sha256_hex('=hyperlink("http://x.example")')
    assert hashed[5] == "-1+1"  # zip stays plain (not hashed); the writer neutralises it
    plain = customer_match.build([hostile], plain_text=True)
    from engine.exporters.files import UTF8, read_delimited, render_delimited

    [_, row] = read_delimited(render_delimited(plain.header, plain.rows, UTF8), UTF8)
    assert row[0] == "evil@example.com" and row[1] == "+447700900123"
    assert row[2].startswith("'=") and row[3] == 'o\'neil, "jr"' and row[5] == "'-1+1"


def test_pinpoint_export_through_the_cli_entry_point(app_context, tmp_path: Path, capsys) -> None:
    seed(app_context)
    out = tmp_path / "cli"
    code = main(["--home", str(app_context.paths.home), "export", "--platform", "microsoft",
                 "--out", str(out), "--json"])  # fmt: skip
    payload = json.loads(capsys.readouterr().out)
    assert (
        code == 0
        and payload["rows"] == 6
        and payload["files"] == [str(out / "microsoft-ads-bulk.csv")]
    )


def test_drop_invalid_writes_the_good_ads_and_reports_what_was_left_out(
    app_context, tmp_path: Path
) -> None:
    seed(app_context)
    with session_scope(app_context.engine) as session:
        approved = session.query(AdVariant).filter_by(status="approved").one()
        bad = AdVariant(
            creative_id=approved.creative_id, ad_set_id=approved.ad_set_id, name="too short",
            status="approved", fields={"headline": ["Hi"]},
        )  # fmt: skip
        session.add(bad)
    assert not export(app_context, "google-ads-editor", tmp_path).written
    result = export(app_context, "google-ads-editor", tmp_path, drop_invalid=True)
    assert result.written and result.rows == 4  # the good ad and 3 keywords
    assert result.dropped == ['Campaign "Spring mugs" › Ad group "Mug lovers" › Ad "too short"']
    report = Path(result.report or "").read_text(encoding="utf-8")
    assert "Left out because of the errors" in report and 'Ad "too short"' in report
    assert "written in GBP" in report


def test_demo_stage_exports_what_exists_and_skips_the_rest(app_context) -> None:
    from engine.services.exporting import export_everything

    seed(app_context)
    outcome = export_everything(app_context)
    assert outcome["exports_dir"] == str(app_context.paths.exports)
    platforms = outcome["platforms"]
    assert platforms["google-ads-editor"] == "4 rows in 1 file(s)"
    assert platforms["microsoft"].endswith("in 1 file(s)")
    assert platforms["amazon-sp"].startswith("skipped: Store: no campaign")
    assert platforms["customer-match"].startswith("skipped: Audience")
    assert outcome["files_written"] == 2


def test_all_customers_list_on_request(app_context, tmp_path: Path) -> None:
    with session_scope(app_context.engine) as session:
        seed_customers(session, 40, "Tiny", prefix="tiny")
        seed_customers(session, 200)
    assert not export(app_context, "customer-match", tmp_path).written  # "Tiny" is too small
    result = export(app_context, "customer-match", tmp_path, all_customers=True)
    assert [Path(f).name for f in result.files] == ["google-customer-match-all-customers.csv"]
    assert result.rows == 192  # 240 customers, 48 refused marketing


def test_simulated_campaigns_never_reach_an_upload_file(app_context) -> None:
    from engine.exporters.source import load_campaigns
    from engine.store.models import Campaign

    seed(app_context)
    with session_scope(app_context.engine) as session:
        assert [c.name for c in load_campaigns(session, "google-ads-editor")] == ["Spring mugs"]
        session.query(Campaign).update({"status": "simulated"})
        session.flush()
        assert load_campaigns(session, "google-ads-editor") == []
