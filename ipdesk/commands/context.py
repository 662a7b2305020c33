"""What every subcommand gets: options, language, output helpers and lazily built services."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipdesk.domain.i18n import pick
from ipdesk.services.container import Services, build_services


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
