"""`pinpoint import / sniff / rejected / categories`: the JSON contract and exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from tests.conftest import REPO_ROOT

HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
ROWS = [
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6.0,2010-12-01 08:26:00,2.55,17850.0,UK",
    "536365,71053,WHITE METAL LANTERN,6.0,2010-12-01 08:26:00,3.39,17850.0,UK",
    "536366,22633,HAND WARMER UNION JACK,6.0,2010-12-01 08:28:00,1.85,17850.0,UK",
    "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,0.0,2010-12-01 08:34:00,1.69,13047.0,UK",
]
CONTRACT_KEYS = {
    "file", "format", "encoding", "rows_in", "orders", "lines_stored", "rejected", "duplicates",
}  # fmt: skip


@pytest.fixture
def transactions(tmp_path: Path) -> Path:
    path = tmp_path / "transactions.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_import_prints_the_contract_and_exits_zero_with_rejected_rows(
    transactions: Path, capsys: pytest.CaptureFixture[str], no_network: list
) -> None:
    code, payload, _ = _json(capsys, "import", str(transactions), "--json")
    assert code == 0
    [batch] = payload["batches"]
    assert set(batch) == CONTRACT_KEYS
    assert batch["file"] == "transactions.csv" and batch["format"] == "generic_transactions"
    assert (batch["rows_in"], batch["orders"], batch["lines_stored"], batch["rejected"]) == (
        4,
        2,
        3,
        1,
    )
    code, payload, _ = _json(capsys, "import", str(transactions), "--json")
    assert code == 0 and payload["batches"][0]["duplicates"] == 3
    assert no_network == []


def test_import_fails_with_a_message_when_nothing_could_be_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    code, payload, _ = _json(capsys, "import", str(junk), "--json")
    assert code != 0 and payload == {"batches": []}
    assert "photo.csv" in caplog.text  # logged to stderr by the CLI


def test_import_with_a_format_that_does_not_fit_is_refused(
    transactions: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    code, _, _ = _json(capsys, "import", str(transactions), "--format", "shopify", "--json")
    assert code != 0 and "transactions.csv" in caplog.text


def test_sniff_reports_format_encoding_delimiter_header_and_confidence(
    transactions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, payload, _ = _json(capsys, "sniff", str(transactions), "--json")
    assert code == 0
    assert payload["format"] == "generic_transactions"
    assert payload["encoding"].lower().startswith("utf")
    assert (payload["delimiter"], payload["header_row"]) == (",", 1)
    assert 0.5 <= payload["confidence"] <= 1 and payload["evidence"]
    assert isinstance(payload["alternatives"], list)


def test_rejected_lists_batches_and_exports_rows(
    transactions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _json(capsys, "import", str(transactions), "--json")
    code, listed, _ = _json(capsys, "rejected", "--json")
    assert code == 0 and listed["batches"][0]["rejected"] == 1
    batch_id = str(listed["batches"][0]["batch_id"])
    out = tmp_path / "rejected.csv"
    code, payload, _ = _json(capsys, "rejected", batch_id, "--csv", str(out), "--json")
    [row] = payload["rows"]
    assert row["row_number"] == 5 and row["code"] == "zero_quantity"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1][:2] == ["5", "zero_quantity"]
    assert main(["rejected", "999"]) == 1


def test_categories_can_be_listed_renamed_and_merged(
    transactions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _json(capsys, "import", str(transactions), "--json")
    code, payload, _ = _json(capsys, "categories", "--json")
    categories = payload["categories"]
    assert code == 0 and categories and all(c["source"] == "inferred" for c in categories)
    first = str(categories[0]["id"])
    code, renamed, _ = _json(capsys, "categories", "rename", first, "Lanterns", "--json")
    assert renamed == {"id": int(first), "name": "Lanterns", "source": "user"}
    if len(categories) > 1:
        code, merged, _ = _json(
            capsys, "categories", "merge", first, str(categories[1]["id"]), "--json"
        )
        assert merged["products_moved"] == categories[1]["products"]


def test_the_installed_command_prints_one_json_object_and_errors_on_stderr(
    transactions: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.csv"
    junk.write_bytes(bytes(range(256)) * 64)
    done = subprocess.run(
        [sys.executable, "-m", "engine.cli", "--home", str(tmp_path / "home"), "import",
         str(transactions), str(junk), "--json"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [batch] = json.loads(done.stdout)["batches"]
    assert batch["file"] == "transactions.csv"
    assert "notes.csv" in done.stderr
