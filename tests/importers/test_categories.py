"""Category inference on a small made-up catalogue; renaming and merging; later runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.importers.categories import category_name, cluster_titles
from engine.services.context import AppContext
from engine.services.importing import (
    infer_categories,
    list_categories,
    merge_categories,
    rename_category,
)
from tests.importers.pipeline_helpers import line, order, query, run_import

CATALOGUE = {
    "candle": ["Vanilla scented candle jar", "Lavender scented candle", "Rose scented candle tin",
               "Cinnamon scented pillar candle", "Sandalwood scented candle jar"],
    "mug": ["Ceramic coffee mug spotty", "Enamel coffee mug camping", "Ceramic tea mug stripes",
            "Coffee mug with lid", "Tea mug ceramic floral"],
    "card": ["Birthday greeting card balloons", "Greeting card thank you",
             "Christmas greeting card", "Birthday card with envelope",
             "Wedding greeting card doves"],
    "cushion": ["Linen cushion cover grey", "Velvet cushion cover",
                "Cushion cover embroidered birds", "Outdoor cushion cover stripes",
                "Knitted cushion cover cable"],
}  # fmt: skip


def _titles() -> tuple[list[str], list[str]]:
    kinds = [kind for kind, titles in CATALOGUE.items() for _ in titles]
    return [title for titles in CATALOGUE.values() for title in titles], kinds


def test_similar_titles_cluster_together() -> None:
    titles, kinds = _titles()
    labels, names = cluster_titles(titles)
    by_kind = {kind: {int(label) for label, k in zip(labels, kinds, strict=True) if k == kind}
               for kind in CATALOGUE}  # fmt: skip
    assert all(len(found) == 1 for found in by_kind.values()), by_kind
    assert len({next(iter(found)) for found in by_kind.values()}) == 4
    named = {kind: names[next(iter(found))] for kind, found in by_kind.items()}
    assert all(kind in terms for kind, terms in named.items()), named


def test_clustering_is_deterministic() -> None:
    titles, _ = _titles()
    first, second = cluster_titles(titles), cluster_titles(titles)
    assert first[0].tolist() == second[0].tolist() and first[1] == second[1]


def test_category_names_join_the_top_terms() -> None:
    assert category_name(["candles", "t-light", "holder"]) == "Candles · T-Light · Holder"


def _import_catalogue(
    ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    titles: list[str],
    first_row: int = 2,
    category: str | None = None,
) -> None:
    lines = [
        line(t, first_row + i, sku=f"SKU-{t}", category=category) for i, t in enumerate(titles)
    ]
    rows = [first_row + i for i in range(len(titles))]
    run_import(ctx, tmp_path, monkeypatch, [order(f"#{first_row}", rows, lines=lines)], infer=False)


def test_inferred_categories_are_stored_and_imported_ones_never_touched(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles, _ = _titles()
    _import_catalogue(app_context, tmp_path, monkeypatch, titles)
    _import_catalogue(app_context, tmp_path, monkeypatch, ["Oak cutting board"], 100, "Kitchen")
    result = infer_categories(app_context)
    assert result.categories_created == 4 and result.products_assigned == 20
    listed = list_categories(app_context)
    assert {c["source"] for c in listed} == {"inferred", "imported"}
    assert all(c["top_terms"] for c in listed if c["source"] == "inferred")
    assert query(app_context, "SELECT c.name, c.source FROM products p JOIN categories c ON "
                 "c.id = p.category_id WHERE p.title = 'Oak cutting board'") == [
        ("Kitchen", "imported")
    ]  # fmt: skip


def test_later_products_join_the_nearest_category_without_renaming_any(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles, _ = _titles()
    _import_catalogue(app_context, tmp_path, monkeypatch, titles)
    infer_categories(app_context)
    [candles] = query(app_context, "SELECT c.id FROM categories c JOIN products p ON "
                      "p.category_id = c.id WHERE p.title = 'Lavender scented candle'")  # fmt: skip
    rename_category(app_context, candles[0], "Candles we love")
    before = sorted(query(app_context, "SELECT id, name FROM categories"))
    _import_catalogue(app_context, tmp_path, monkeypatch, ["Fig scented candle jar"], 200)
    result = infer_categories(app_context)
    assert (result.categories_created, result.products_assigned) == (0, 1)
    assert sorted(query(app_context, "SELECT id, name FROM categories")) == before
    assert query(app_context, "SELECT c.name, c.source FROM products p JOIN categories c ON "
                 "c.id = p.category_id WHERE p.title = 'Fig scented candle jar'") == [
        ("Candles we love", "user")
    ]  # fmt: skip


def test_merging_moves_products_and_deletes_the_merged_category(
    app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles, _ = _titles()
    _import_catalogue(app_context, tmp_path, monkeypatch, titles)
    infer_categories(app_context)
    first, second, *_ = [c["id"] for c in list_categories(app_context)]
    assert merge_categories(app_context, first, [second]) == 5
    listed = {c["id"]: c for c in list_categories(app_context)}
    assert second not in listed and listed[first]["products"] == 10
    assert listed[first]["source"] == "user"
    with pytest.raises(ValueError, match="already a category"):
        rename_category(
            app_context, first, next(c["name"] for i, c in listed.items() if i != first)
        )
