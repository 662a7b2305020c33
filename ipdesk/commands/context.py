"""What every subcommand gets: options, language, output helpers and lazily built services."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipdesk.domain.i18n import Text, pick
from ipdesk.domain.rules import choices_text
from ipdesk.services.container import Services, build_services
from ipdesk.services.errors import UserInputError


@dataclass
class CliContext:
    data_dir: Path
    lang: str
    _services: Services | None = field(default=None, repr=False)

    def t(self, zh: str, en: str) -> str:
        return pick(self.lang, zh, en)

    @property
    def services(self) -> Services:
        if self._services is None:
            self._services = build_services(self.data_dir)
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()

    @staticmethod
    def print_json(obj: Any) -> None:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def choice_arg(typed: str, find: Callable[[str], str | None], labels: Mapping[str, Text], what: Text) -> str:
    """An option given as an id or in words (合作社, Planting and sowing) → its id; "" when not given;
    an unknown one is refused, listing every choice by id and label in both languages."""
    if not typed.strip():
        return ""
    found = find(typed)
    if found is None:
        raise UserInputError(f"未知的{what.zh}：{typed}。可选：{choices_text(dict(labels), 'zh')}",
                             f"Unknown {what.en}: {typed}. Choose one of: {choices_text(dict(labels), 'en')}")
    return found
