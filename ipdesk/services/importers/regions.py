"""Derive a division code from a Chinese address ('325000 浙江省温州市瓯海区…' → 330304000000).

Walks down the division tree: the first province named in the address, then the first of its
children named after that point, and so on to the township. Provinces and prefectures also match
by their short names (浙江, 温州); counties and townships only by their full names, because short
county names collide too often. Returns '' when not even a province is found.

`refine` takes the divisions a CNIPA XML files an address under (<base:Province>, <base:City>,
<base:County>) when they say more than the text: '北京市经济技术开发区…' names only Beijing, its
<base:County> 大兴区.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
        self.parent: dict[str, str] = {}
        self.name: dict[str, str] = {}
        prefectures: dict[str, set[str]] = {}
        for code, name, level, parent in divisions:
            self.parent[code] = parent or ""
            self.name[code] = name
            variants = _variants(name, level)
            self.children.setdefault(parent or "", []).append((code, variants))
            if level == 2 and name not in ("市辖区", "县"):
                for v in variants:
                    prefectures.setdefault(v, set()).add(code)
        # An address that starts below the province ('温州市瓯海区…'): prefecture names that are unique.
        self.children["*"] = [(next(iter(codes)), [name]) for name, codes in prefectures.items() if len(codes) == 1]
        self._cache: dict[str, str] = {}
        self._names: dict[str, list[str]] | None = None  # name → codes, made when first needed

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

    def within(self, code: str, ancestor: str) -> bool:
        """Whether division `code` lies strictly inside division `ancestor`."""
        seen = 0
        code = self.parent.get(code, "")
        while code and seen < 10:
            if code == ancestor:
                return True
            code, seen = self.parent.get(code, ""), seen + 1
        return False

    def refine(self, code: str, parts: Sequence[str]) -> str:
        """The region of an address's structured divisions (province, city, county as CNIPA files them)
        when it lies inside `code`, the region read from the address text, or when the text gave none;
        otherwise `code`. A county alone is looked for in the province the text names."""
        if not parts:
            return code
        text = "".join(parts)
        province = code
        while province and self.parent.get(province):
            province = self.parent[province]
        if province and self.name.get(province, "\0") not in text:
            text = self.name[province] + text  # 大兴区 alone: many provinces have one
        found = self(text)
        if found and (not code or self.within(found, code)):
            return found
        if province and (not found or found == province):  # a county right under the province's name
            named = [c for c in self._by_name().get(parts[-1], ()) if self.within(c, province)]
            if len(named) == 1 and (not code or self.within(named[0], code)):
                return named[0]
        return code

    def _by_name(self) -> dict[str, list[str]]:
        if self._names is None:
            self._names = {}
            for c, n in self.name.items():
                self._names.setdefault(n, []).append(c)
        return self._names
