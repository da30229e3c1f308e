"""Cut Streamlit's icon font (Material Symbols Rounded, 375 kB) down to the icons Streamlit's interface and the
dashboard can show, for web/icons.py: assets/material-symbols-rounded.woff2 and its record (.json).

    .venv/bin/pip install fonttools          # a tool for this script only: not needed to run or test the app
    .venv/bin/python scripts/subset_icons.py

Run it again after upgrading Streamlit or naming a new icon in the app (tests/test_icons.py says when), and
commit both files. The names are read from Streamlit's bundles and the app's code (web/icons.py); the script
checks that the subset draws each of them as a ligature before it writes anything.

The font is Google's Material Symbols, under the Apache License 2.0, as Streamlit ships it; the subset keeps
the font's name table (copyright and licence).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from web import icons  # noqa: E402 (needs the repository on sys.path first)

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("fontTools is needed for this script only: .venv/bin/pip install fonttools")


def ligatures(font: TTFont) -> dict[str, str]:
    """Every ligature of the font: the text it replaces (lower case) -> the glyph it draws."""
    by_glyph = {}
    for code, glyph in font.getBestCmap().items():
        by_glyph.setdefault(glyph, chr(code).lower())
    out = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, ligs in getattr(table, "ligatures", {}).items():
                for lig in ligs:
                    text = "".join(by_glyph.get(g, "\ufffd") for g in [first, *lig.Component])
                    out[text] = lig.LigGlyph
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets", help="folder for the two files")
    args = parser.parse_args(argv)

    from streamlit import file_util
    from streamlit.version import STREAMLIT_VERSION_STRING

    static_root = Path(file_util.get_static_dir())
    source = icons.source_font(static_root)
    if source is None:
        sys.exit(f"No single {icons.SOURCE_GLOB} under {static_root}")
    names = sorted(icons.bundle_names(static_root) | icons.app_names(ROOT))

    font = TTFont(source)
    ligs = ligatures(font)
    unknown = [n for n in names if n not in ligs]
    if unknown:
        sys.exit(f"Not icons of {source.name}: {unknown}")
    cmap = font.getBestCmap()
    # Every character the font maps outside the Private Use Areas (letters, digits, "_", spaces, the no-break
    # space of DynamicIcon's placeholder), so any name can be typed; of the icons' own code points only those
    # Streamlit draws by code point.
    text_points = {c for c in cmap if not (0xE000 <= c <= 0xF8FF or c >= 0xF0000)}
    code_points = sorted(icons.CANVAS_CODE_POINTS[n] for n in icons.CANVAS_CODE_POINTS if n in names)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    # Without closure the letters would pull in every ligature (all 4,000 icons): the glyphs are named here.
    options.layout_closure = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(text_points | set(code_points)), glyphs=sorted({ligs[n] for n in names}))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.recalcTimestamp = False  # the source's date, so the same input always gives the same bytes
    font.save(buffer)
    data = buffer.getvalue()

    # The check: the subset draws every name as one glyph, and every kept code point.
    made = TTFont(io.BytesIO(data))
    kept = ligatures(made)
    lost = [n for n in names if n not in kept]
    if lost:
        sys.exit(f"The subset lost the ligatures {lost}")
    lost_points = [hex(c) for c in code_points if c not in made.getBestCmap()]
    if lost_points:
        sys.exit(f"The subset lost the code points {lost_points}")

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / icons.FONT_FILE).write_bytes(data)
    record = {
        "about": "Made by scripts/subset_icons.py from Streamlit's icon font; read by web/icons.py.",
        "streamlit": STREAMLIT_VERSION_STRING,
        "source": source.relative_to(static_root).as_posix(),
        "source_sha256": icons.sha256(source),
        "source_bytes": source.stat().st_size,
        "subset_sha256": icons.sha256(args.out / icons.FONT_FILE),
        "subset_bytes": len(data),
        "names": names,
        "code_points": code_points,
    }
    (args.out / icons.RECORD_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"{icons.FONT_FILE}: {len(names)} icons, {len(data):,} bytes (from {source.stat().st_size:,})")


if __name__ == "__main__":
    main()
