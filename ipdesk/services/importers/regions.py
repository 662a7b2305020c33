"""Derive a division code from a Chinese address ('325000 浙江省温州市瓯海区…' → 330304000000).

Walks down the division tree: the first province named in the address, then the first of its
children named after that point, and so on to the township. Provinces and prefectures also match
by their short names (浙江, 温州); counties and townships only by their full names, because short
county names collide too often. Returns '' when not even a province is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


def _variants(name: str, level: int) -> list[str]:
    names = [name]
    if level <= 2:
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                names.append(name[: -len(suffix)])
                break
    return names


class RegionResolver:
    def __init__(self, divisions: Iterable[tuple[str, str, int, str | None]]) -> None:
        self.children: dict[str, list[tuple[str, list[str]]]] = {}
        prefectures: dict[str, set[str]] = {}
        for code, name, level, parent in divisions:
            variants = _variants(name, level)
            self.children.setdefault(parent or "", []).append((code, variants))
            if level == 2 and name not in ("市辖区", "县"):
                for v in variants:
                    prefectures.setdefault(v, set()).add(code)
        # An address that starts below the province ('温州市瓯海区…'): prefecture names that are unique.
        self.children["*"] = [(next(iter(codes)), [name]) for name, codes in prefectures.items() if len(codes) == 1]
        self._cache: dict[str, str] = {}

    def __call__(self, address: str) -> str:
        if address in self._cache:
            return self._cache[address]
        text = re.sub(r"^\s*\d{6}\s*", "", address)
        code = ""
        pos = 0
        parent = ""
        while True:
            best: tuple[int, int, str] | None = None  # (position, -length, code)
            for child_code, names in self.children.get(parent, ()):
                for name in names:
                    idx = text.find(name, pos)
                    if idx >= 0 and (best is None or (idx, -len(name)) < best[:2]):
                        best = (idx, -len(name), child_code)
            if best is None and parent == "":
                parent = "*"  # no province named: try a prefecture
                continue
            if best is None or (parent not in ("", "*") and best[0] - pos > 12):
                break
            code = best[2]
            pos = best[0] - best[1]
            parent = code
        if len(self._cache) < 100_000:
            self._cache[address] = code
        return code
