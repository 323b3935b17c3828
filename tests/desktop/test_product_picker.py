"""The studio's product picker: several products ticked in the space of a combo box."""

from __future__ import annotations

from desktop.widgets.product_picker import ProductPicker

PRODUCTS = [("Blue mug (MUG-01)", 1), ("Green tea tin (TEA-02)", 2), ("Teapot (POT-03)", 3)]


def test_the_best_seller_is_ticked_and_choices_survive_a_reload(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = ProductPicker()
    qtbot.addWidget(picker)
    assert picker.currentText() == "Choose products..." and picker.chosen_ids() == []
    picker.set_products(PRODUCTS)
    assert picker.chosen_ids() == [1] and picker.currentText() == "Blue mug (MUG-01)"
    picker.set_chosen([3, 2])
    assert picker.chosen_ids() == [2, 3]  # list order: best sellers first
    assert picker.currentText() == "Green tea tin (TEA-02) and 1 more"
    assert picker.toolTip() == "Green tea tin (TEA-02)\nTeapot (POT-03)"
    picker.set_products([PRODUCTS[2], PRODUCTS[0]])  # a reload after new orders
    assert picker.chosen_ids() == [3]


def test_the_popup_lists_the_products_and_filters_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = ProductPicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.set_products(PRODUCTS)
    picker.showPopup()
    qtbot.waitUntil(picker.menu.isVisible, timeout=5_000)
    picker.filter.setText("tin")
    shown = [picker.list.item(r).text() for r in range(3) if not picker.list.item(r).isHidden()]
    assert shown == ["Green tea tin (TEA-02)"]
    picker.hidePopup()
    assert not picker.menu.isVisible()
