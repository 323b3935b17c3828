"""``import_files(dry_run=True)`` and ``pinpoint import --dry-run``: the same report, nothing kept.

A dry run does the whole import in its transaction (bulk or row path) and rolls it back, so its
summary must equal what the real import then reports, and the store must not change at all,
not even by a failed-batch row. All people and products are made up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from engine.services import importing_store
from engine.services.context import AppContext
from engine.services.importing import BatchSummary, import_files
from tests.importers.pipeline_helpers import snapshot
from tests.importers.test_bulk_import import QUIRKS, write_export


def _comparable(batch: BatchSummary) -> tuple[object, ...]:
    return (batch.status, batch.contract(), batch.rows_stored, batch.cleaning, batch.message)


@pytest.mark.parametrize("bulk_min_bytes", [0, 1 << 62], ids=["bulk", "rows"])
def test_dry_run_reports_what_the_import_then_does_and_keeps_nothing(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk_min_bytes: int
) -> None:
    monkeypatch.setattr(importing_store, "BULK_MIN_BYTES", bulk_min_bytes)
    export = write_export(tmp_path / "files", "transactions.csv", QUIRKS)
    import_files(app_context, [write_export(tmp_path / "f", "first.csv", QUIRKS[:3])], infer=False)
    before = snapshot(app_context)

    rehearsal = import_files(app_context, [export], dry_run=True)

    assert snapshot(app_context) == before
    assert [batch.batch_id for batch in rehearsal.batches] == [None]
    real = import_files(app_context, [export], infer=False)
    assert [_comparable(b) for b in rehearsal.batches] == [_comparable(b) for b in real.batches]
    assert real.batches[0].duplicates >= 3 and real.batches[0].rejected > 0


def test_a_failed_dry_run_records_no_failed_batch(app_context: AppContext, tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02binary junk\xff\xfe" * 50)
    before = snapshot(app_context)

    report = import_files(app_context, [junk], dry_run=True)

    assert [batch.status for batch in report.batches] == ["failed"]
    assert report.batches[0].message
    assert snapshot(app_context) == before


def test_cli_dry_run_prints_the_contract_and_stores_nothing(
    app_context: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_export(tmp_path / "files", "transactions.csv", QUIRKS)
    before = snapshot(app_context)

    code = main(["import", str(export), "--dry-run", "--json"])

    payload = json.loads(capsys.readouterr().out)
    assert code == 0 and payload["dry_run"] is True
    assert payload["batches"][0]["lines_stored"] > 0
    assert snapshot(app_context) == before
    assert main(["import", str(export), "--json"]) == 0  # the same store, really written now
    assert snapshot(app_context) != before
