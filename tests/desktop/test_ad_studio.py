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
        creative = AdCreative(shop_id=shop.id, platform="google", language="en", model_name="m")
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
    qtbot.waitUntil(
        lambda: bool(page.product.offered_ids()) and page.platform.count() > 0, timeout=20_000
    )
    page.generate()
    qtbot.waitUntil(lambda: page.generate_button.isEnabled(), timeout=60_000)
    assert "no-model-here" in page.model_note.text()
    assert "Traceback" not in page.model_note.text()
    window.runner.shutdown()


def test_line_checks_measure_against_the_platform_limit() -> None:
    checks = check_fields("google", {"headline": ["Short", "x" * 31]})
    assert [c.ok for c in checks] == [True, False]
    assert checks[1].limit == 30 and "31" in checks[1].problems[0]


def _fake_writer(app_context, written: list[str], stop_after: int | None = None):  # type: ignore[no-untyped-def]
    """Stands in for the copy model: stores one request with one variant per call, reports
    progress, and cancels the run after ``stop_after`` products, like a click on Stop."""
    from types import SimpleNamespace

    def write_copy(ctx, request, progress, cancel, save, product_id, audience_id):  # type: ignore[no-untyped-def]
        progress(0.5, "Writing variants")
        if stop_after is not None and len(written) == stop_after:
            cancel.cancel()
            cancel.check()
        written.append(request.product.title)
        with session_scope(ctx.engine) as session:
            shop = session.scalars(select(Shop)).first()
            creative = AdCreative(
                shop_id=shop.id, product_id=product_id, audience_id=audience_id,
                platform=request.platform, language=request.lang, tone=request.tone,
                model_name="fake",
            )  # fmt: skip
            creative.variants.append(
                AdVariant(name="v", fields={"headline": [request.product.title]}, rank=1)
            )
            session.add(creative)
            session.flush()
            return SimpleNamespace(
                creative_id=creative.id, model="fake", device="cpu", quantization="fp32",
                quality_note="",
            )  # fmt: skip

    return write_copy


def _two_products(app_context, tmp_path: Path) -> list[int]:  # type: ignore[no-untyped-def]
    from engine.services.catalog import best_sellers
    from engine.services.importing import import_files

    import_files(
        app_context, [write_shopify_export(tmp_path / "orders.csv", orders=6, bad_quantity_rows=0)]
    )
    return [product.id for product in best_sellers(app_context)]


def test_copy_for_several_products_is_written_one_after_the_other(
    app_context, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop.pages.ad_studio_work import CopyRequestForm, generate_copy
    from engine.progress import CancelToken

    products = _two_products(app_context, tmp_path)
    written: list[str] = []
    monkeypatch.setattr(
        "engine.services.copywriting.write_copy", _fake_writer(app_context, written)
    )
    reports: list[tuple[float, str]] = []
    form = CopyRequestForm(tuple(products), None, "google", "en", "friendly", 1)
    generated = generate_copy(app_context, form, lambda f, m: reports.append((f, m)), CancelToken())
    assert written == ["Blue enamel mug", "Green tea tin"]
    assert [c.product for c in generated.creatives] == written and not generated.stopped_early
    fractions = [f for f, _ in reports]
    assert fractions == sorted(fractions) and fractions[-1] > 0.5
    assert reports[0][1] == "Blue enamel mug (1/2): Writing variants"


def test_stopping_keeps_the_products_already_written(
    app_context, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from desktop.pages.ad_studio_work import CopyRequestForm, generate_copy
    from engine.progress import Cancelled, CancelToken

    products = _two_products(app_context, tmp_path)
    written: list[str] = []
    form = CopyRequestForm(tuple(products), None, "google", "en", "friendly", 1)
    monkeypatch.setattr(
        "engine.services.copywriting.write_copy", _fake_writer(app_context, written, stop_after=1)
    )
    generated = generate_copy(app_context, form, lambda f, m: None, CancelToken())
    assert [c.product for c in generated.creatives] == ["Blue enamel mug"]
    assert generated.stopped_early and generated.requested == 2
    monkeypatch.setattr(
        "engine.services.copywriting.write_copy", _fake_writer(app_context, [], stop_after=0)
    )
    with pytest.raises(Cancelled):  # stopped during the first product: nothing to show
        generate_copy(app_context, form, lambda f, m: None, CancelToken())


def test_the_studio_shows_each_products_variants_under_its_title(
    qtbot, app_context, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    products = _two_products(app_context, tmp_path)
    monkeypatch.setattr("engine.services.copywriting.write_copy", _fake_writer(app_context, []))
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("studio")
    page = window.pages["studio"]
    qtbot.waitUntil(lambda: len(page.product.offered_ids()) == 2, timeout=20_000)
    assert page.product.chosen_ids() == products[:1]  # the best seller, ready to go
    page.product.set_chosen(products)
    assert page.product.toolTip() == "Blue enamel mug (MUG-01)\nGreen tea tin (TEA-02)"
    assert page.product.currentText() == "Blue enamel mug (MUG-01) and 1 more"
    page.generate()
    qtbot.waitUntil(lambda: page.variant_list.count() == 4, timeout=20_000)
    titles = [page.variant_list.item(row).text() for row in (0, 2)]
    assert titles == ["Blue enamel mug", "Green tea tin"]
    assert page.variant_list.currentRow() == 1  # the first variant, not a title
    page.variant_list.setCurrentRow(3)
    assert "Green tea tin" in page.editor.table.item(0, 1).text()
    page.editor.approve_button.click()
    qtbot.waitUntil(lambda: page.variant_list.item(3).text().startswith("✓"), timeout=10_000)
    assert page.variant_list.item(1).text().startswith("#1")  # the other product untouched
    window.runner.shutdown()
