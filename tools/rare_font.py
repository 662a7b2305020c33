"""Make the bundle's rare-ideograph font: BabelStone Han cut down to the supplementary-plane
ideographs the usual Chinese fonts lack and official names use (𬮤山镇, 下𱳪镇, 𰝟渡镇).

    .venv/bin/python tools/rare_font.py SOURCE.ttf OUT.ttf [SEED.sqlite]

Kept: every ideograph of CJK Extensions C–H and the compatibility supplement that the font has,
and the Extension B ones that the seed database's text uses. The rest of Extension B (14,000
glyphs, as many as all the others together) is left out to keep the bundle under its 250 MB
budget: Windows draws Extension B with SimSun-ExtB, and Linux's Noto Sans CJK draws the Extension B
characters of the general standard character list (通用规范汉字表). The whole font is 51 MB; the
subset about 12 MB (no hinting, no layout features: ideographs need neither). The PyInstaller spec
calls `make_subset`; the app finds the file by its name (services/reports/fonts.py,
RARE_HAN_FILE_NAMES). The family name stays "BabelStone Han", so an installed copy and the bundled
subset are the same family to the app.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

# Supplementary and Tertiary Ideographic Planes without Extension B (U+20000–U+2A6DF): Extensions
# C–F, the compatibility supplement, Extensions G–H (and later extensions the font may carry there).
KEPT_BLOCKS = ((0x2A700, 0x2FFFF), (0x30000, 0x3FFFF))

MODIFICATION_NOTE = (
    "This copy of BabelStone Han was modified by the ipdesk build (tools/rare_font.py): only the\n"
    "glyphs of CJK ideographs of Extensions C-H, the compatibility supplement and those Extension B\n"
    "ideographs ipdesk's data uses were kept; hinting and OpenType layout tables were removed.\n"
    "The font's original licence follows.\n\n"
)


def seed_characters(seed: Path) -> set[int]:
    """The code points beyond U+FFFF in any text of the seed database."""
    found: set[int] = set()
    conn = sqlite3.connect(f"file:{seed}?mode=ro", uri=True)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'fts%'")]
        for table in tables:
            for column in [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]:
                for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
                    if isinstance(value, str) and not value.isascii():
                        found.update(ord(ch) for ch in value if ord(ch) > 0xFFFF)
    finally:
        conn.close()
    return found


def make_subset(source: Path, out: Path, also: Iterable[int] = ()) -> int:
    """Write the subset of `source` to `out` (through a temporary file): the kept blocks and the
    code points `also` (the seed's); returns the number of characters kept."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its INFO lines, one per table, fill a build log
    font = TTFont(str(source))
    extra = set(also)
    wanted = [cp for cp in font.getBestCmap() if cp in extra or any(lo <= cp <= hi for lo, hi in KEPT_BLOCKS)]
    if not wanted:
        raise SystemExit(f"{source} has no supplementary-plane ideographs")
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += ["meta"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    font.save(str(part))
    part.replace(out)
    return len(wanted)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    kept = make_subset(Path(argv[0]), Path(argv[1]), seed_characters(Path(argv[2])) if len(argv) == 3 else ())
    print(f"{argv[1]}: {kept} ideographs, {Path(argv[1]).stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
