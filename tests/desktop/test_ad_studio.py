"""The Ad studio offscreen: variants edited with live checks, saved and approved; and what the
merchant sees when copy cannot be written."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.main_window import MainWindow
from desktop.pages.ad_checks import check_fields
from engine.store.db import session_scope
from engine.store.models import AdCreative, AdVariant, Shop
from tests.desktop.fixtures import write_shopify_export

GOOD = {
    "headline": ["Blue enamel mug", "Tea time, sorted", "Gifts they use"],
    "description": ["Sturdy enamel mugs.", "Ships in 2 days."],
}


def _stored_creative(app_context) -> int:  # type: ignore[no-untyped-def]
    with session_scope(app_context.engine) as session:
        shop = session.scalars(select(Shop)).first()
        creative = AdCreative(shop_id=shop.id, platform="google", language="en")
        for rank in (1, 2):
            creative.variants.append(
                AdVariant(
                    name=f"google variant {rank}",
                    fields=dict(GOOD),
                    scores={"overall": 0.9 - rank / 10},
                    violations=[],
                    rank=rank,
                )
            )
        session.add(creative)
        session.flush()
        return creative.id


def test_variants_are_checked_edited_and_approved(qtbot, app_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from engine.services.importing import import_files

    import_files(
        app_context, [write_shopify_export(tmp_path / "orders.csv", orders=6, bad_quantity_rows=0)]
    )
    creative_id = _stored_creative(app_context)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("studio")
    page = window.pages["studio"]
    qtbot.waitUntil(lambda: page.variant_list.count() == 2, timeout=20_000)
    editor = page.editor
    assert editor.table.rowCount() == 5
    assert editor.table.item(0, 2).text().startswith("✓")
    assert "Blue enamel mug" in editor.preview.label.text()

    editor.table.item(0, 1).setText("The very best mug in the whole wide world")  # 41 > 30, "best"
    assert editor.table.item(0, 2).text().startswith("⚠")
    editor.save_button.click()
    qtbot.waitUntil(lambda: not window.runner.running_tasks(), timeout=10_000)
    editor.approve_button.click()
    qtbot.waitUntil(lambda: page.variant_list.item(0).text().startswith("✓"), timeout=10_000)
    with session_scope(app_context.engine) as session:
        variant = session.scalars(
            select(AdVariant).where(AdVariant.creative_id == creative_id, AdVariant.rank == 1)
        ).one()
        assert variant.status == "approved"
        assert variant.fields["headline"][0] == "The very best mug in the whole wide world"
    window.runner.shutdown()


def test_writing_copy_without_a_usable_model_explains_itself(
    qtbot, app_context, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from engine.config import save_settings
    from engine.services.importing import import_files

    import_files(
        app_context, [write_shopify_export(tmp_path / "orders.csv", orders=6, bad_quantity_rows=0)]
    )
    app_context.settings.copy_model_dir = str(tmp_path / "no-model-here")
    save_settings(app_context.paths, app_context.settings)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("studio")
    page = window.pages["studio"]
    qtbot.waitUntil(lambda: page.product.count() > 0 and page.platform.count() > 0, timeout=20_000)
    page.generate()
    qtbot.waitUntil(lambda: page.generate_button.isEnabled(), timeout=60_000)
    assert "no-model-here" in page.model_note.text()
    assert "Traceback" not in page.model_note.text()
    window.runner.shutdown()


def test_line_checks_measure_against_the_platform_limit() -> None:
    checks = check_fields("google", {"headline": ["Short", "x" * 31]})
    assert [c.ok for c in checks] == [True, False]
    assert checks[1].limit == 30 and "31" in checks[1].problems[0]
