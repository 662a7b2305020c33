"""Every toneless pinyin reading of each CJK character, from a small table built with the seed.

Highlighting where a pinyin query matched a title needs only per-character readings, but asking
pypinyin for them loads its phrase and character dictionaries: about 55 MB that a search-only
window (or a kiosk) otherwise never needs. The table (`resources/char_readings.tsv`, ~27,000
characters, built from pypinyin's own data by `make seed`) is a few MB in memory. Without it (a
source tree where it was not built) pypinyin answers instead.

    python -m ipdesk.services.char_readings --out resources/char_readings.tsv
"""

from __future__ import annotations

import argparse
import logging
import os
from functools import lru_cache
from pathlib import Path

from ipdesk.domain.text import is_cjk, strip_tones
from ipdesk.services.resources import resource_path

log = logging.getLogger("ipdesk.search")

TABLE_NAME = "char_readings.tsv"


def build_table(out: Path) -> int:
    """Write the table from pypinyin's character dictionary; returns the number of characters."""
    from pypinyin.pinyin_dict import pinyin_dict

    lines = []
    for codepoint, readings in sorted(pinyin_dict.items()):
        ch = chr(codepoint)
        if codepoint > 0xFFFF or not is_cjk(ch):
            continue  # rare supplementary-plane characters: pypinyin answers for them
        toneless = dict.fromkeys(strip_tones(r).strip() for r in readings.split(","))
        kept = [r for r in toneless if r.isascii() and r.isalpha()]
        if kept:
            lines.append(f"{ch}\t{' '.join(kept)}\n")
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    os.replace(tmp, out)
    return len(lines)


@lru_cache(maxsize=1)
def _table() -> dict[str, str] | None:
    path = resource_path(TABLE_NAME)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        log.info("%s missing: pinyin readings come from pypinyin", path)
        return None
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


def readings_of(ch: str) -> tuple[str, ...]:
    """Every reading of one character ('长' → ('zhang', 'chang')); () for a non-CJK character."""
    table = _table()
    if table is not None and ord(ch) <= 0xFFFF:
        found = table.get(ch)
        return tuple(found.split()) if found else ()
    from ipdesk.domain.text import _char_readings

    return _char_readings(ch)


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable of the table ('a', 'ce', 'zhuang', …): an English word that is one
    of them ('long', 'can') may as well be pinyin. Empty without the table."""
    table = _table()
    if table is None:
        return frozenset()
    return frozenset(r for readings in table.values() for r in readings.split())


def warm_up() -> None:
    """Load the table (from a background thread after start-up)."""
    _table()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the per-character pinyin table.")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    count = build_table(args.out)
    print(f"{args.out}: {count} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
