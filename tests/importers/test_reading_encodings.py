"""Encoding detection on short samples, where one accented word is all the evidence there is."""

from __future__ import annotations

import pytest

from engine.importers.encoding import detect_encoding


@pytest.mark.parametrize(
    ("text", "written_as", "detected"),
    [
        ("order,title\n1,Café\n" + "2,plain text row\n" * 50, "cp1252", "cp1252"),
        ("order,title\n1,Crème brûlée – set\n2,Teekanne “Grün”\n", "cp1252", "cp1252"),
        ("a,b\n1,12 €\n", "cp1252", "cp1252"),
        ("订单编号,标题\n1,纯棉毛巾\n", "gbk", "gb18030"),
        ("订单编号,标题,价格\n" + "1,纯棉毛巾 加厚 天蓝色,66.00\n" * 20, "gbk", "gb18030"),
        ("注文番号,商品名\n1,マグカップ 青\n", "cp932", "cp932"),
        ("注文番号,商品名\n1,東京都 湯呑\n", "cp932", "cp932"),
        ("name,city\nJosé,Zürich\n", "utf-8", "utf-8"),
        ("name,city\nJosé,Zürich\n", "utf-8-sig", "utf-8-sig"),
        ("name\tcity\nJosé\tZürich\n", "utf-16", "utf-16"),
        ("name,city\nJosé,Zürich\n", "utf-16-le", "utf-16-le"),
    ],
)
def test_short_samples_are_decoded_with_the_right_code_page(
    text: str, written_as: str, detected: str
) -> None:
    codec, evidence = detect_encoding(text.encode(written_as))
    assert codec == detected
    assert evidence
