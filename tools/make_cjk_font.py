"""Build the CJK font Pinpoint ships, so Chinese never renders as boxes on machines without one.

Reproducible from the npm registry (no other download):

    npm pack @fontsource/noto-sans-sc@5.3.0
    .venv/bin/python tools/make_cjk_font.py fontsource-noto-sans-sc-5.3.0.tgz

Input: Fontsource's "chinese-simplified" 400-weight cut of Noto Sans SC (SIL OFL 1.1). Output:
``resources/fonts/NotoSansSC-Regular.ttf`` (plain TrueType outlines, which every Qt build loads;
woff2 needs a FreeType with brotli) subset to

* the hanzi of GB 2312 the source has (derived from Python's own codec, all level 1),
* every character used in the shipped translations (``desktop/i18n/*.ts``),
* CJK punctuation, full-width forms and Basic Latin,

and ``resources/fonts/OFL.txt`` (the licence, which must travel with the font).
"""

from __future__ import annotations

import argparse
import re
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = REPO_ROOT / "resources" / "fonts"
TRANSLATIONS = REPO_ROOT / "desktop" / "i18n"
SOURCE_MEMBER = "package/files/noto-sans-sc-chinese-simplified-400-normal.woff2"
LICENCE_MEMBER = "package/LICENSE"
FAMILY = "Noto Sans SC"


def gb2312_hanzi() -> set[int]:
    """The 6,763 hanzi of GB 2312 (rows 16-87), the everyday set; the source cut holds about
    5,700 of them (all 3,755 common level-1 ones), which covers shop and product names well."""
    chars: set[int] = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue  # the last row ends early (D7FA-D7FE are unassigned)
    return chars


def translation_chars() -> set[int]:
    """Every character in the shipped translations, so no UI string falls back to boxes."""
    chars: set[int] = set()
    for ts_file in TRANSLATIONS.glob("*.ts"):
        for text in re.findall(
            r"<translation[^>]*>(.*?)</translation>", ts_file.read_text("utf-8"), re.S
        ):
            chars.update(ord(c) for c in text)
    return chars


def wanted_codepoints() -> set[int]:
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    points = {c for start, end in ranges for c in range(start, end + 1)}
    return points | gb2312_hanzi() | translation_chars()


def rename(font: TTFont) -> None:
    """Fontsource's static cut keeps the variable font's "Thin" names; name it what it is."""
    names = {1: FAMILY, 2: "Regular", 4: f"{FAMILY} Regular", 6: "NotoSansSC-Regular", 16: FAMILY}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.setName(
                names[record.nameID],
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
    font["OS/2"].usWeightClass = 400


def build(package: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(package) as archive, tempfile.TemporaryDirectory() as tmp:
        archive.extractall(
            tmp,
            members=[archive.getmember(SOURCE_MEMBER), archive.getmember(LICENCE_MEMBER)],
            filter="data",
        )
        font = TTFont(Path(tmp) / SOURCE_MEMBER)
        (out_dir / "OFL.txt").write_bytes((Path(tmp) / LICENCE_MEMBER).read_bytes())
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    code_pages = (font["OS/2"].ulCodePageRange1, font["OS/2"].ulCodePageRange2)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    rename(font)
    # keep the code-page bits (GB 2312 among them) that the subsetter would recompute away
    font["OS/2"].ulCodePageRange1, font["OS/2"].ulCodePageRange2 = code_pages
    font.flavor = None
    target = out_dir / "NotoSansSC-Regular.ttf"
    font.save(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "package", type=Path, help="the .tgz from `npm pack @fontsource/noto-sans-sc@5.3.0`"
    )
    parser.add_argument("--out", type=Path, default=FONT_DIR)
    args = parser.parse_args()
    target = build(args.package, args.out)
    glyphs = len(TTFont(target).getBestCmap())
    print(f"{target}: {target.stat().st_size / 1e6:.2f} MB, {glyphs} characters")


if __name__ == "__main__":
    main()
