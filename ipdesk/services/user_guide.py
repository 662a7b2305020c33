"""The staff user guide (使用手册): Markdown files under `resources/help/`, one per language, found
the way every bundled resource is (`resources.resource_path`, also inside the PyInstaller bundle).

The Chinese guide is the original; the English one has the same sections in the same order, so a
section's number means the same place in both (the window keeps it over a language switch)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ipdesk.domain.i18n import is_english
from ipdesk.services.resources import resource_path

GUIDE_FILES = {"zh_CN": "zh_CN.md", "en": "en.md"}

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class GuideHeading:
    level: int  # 1 the guide's title, 2 a section, 3 a task within it
    title: str


def guide_path(lang: str) -> Path:
    """The guide in `lang` (English for any en*, else Simplified Chinese)."""
    return resource_path("help", GUIDE_FILES["en" if is_english(lang) else "zh_CN"])


def read_guide(lang: str) -> str:
    """The guide's Markdown text; the Chinese one if the language's file is missing."""
    path = guide_path(lang)
    if not path.is_file():
        path = guide_path("zh_CN")
    return path.read_text(encoding="utf-8")


def guide_headings(markdown: str) -> list[GuideHeading]:
    """The ATX headings (`#`, `##`, `###` …) in order, outside fenced code blocks."""
    headings: list[GuideHeading] = []
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            headings.append(GuideHeading(len(match.group(1)), match.group(2)))
    return headings
