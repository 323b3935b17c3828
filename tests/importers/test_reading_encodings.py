"""Encoding detection on short samples, where one accented word is all the evidence there is."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.importers.encoding import detect_encoding
from tests.fixtures.importers import read


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


def test_a_stray_windows_byte_after_the_sample_keeps_its_letter(tmp_path: Path) -> None:
    """A UTF-8 export edited in Excel can hold one cp1252 `é` far past the detection sample."""
    header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    row = "536365,71053,LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"
    odd = row.replace("LANTERN", "CAF\xc9 LANTERN").encode("cp1252")
    path = tmp_path / "mixed.csv"
    path.write_bytes((header + row * 5000).encode() + odd)
    result = read(path)
    assert result.source.files[0].encoding == "utf-8"
    assert result.orders[-1].lines[-1].title == "CAFÉ LANTERN"
