"""Typed errors that carry a message a person can act on, in both languages.

Services raise these; the UI and the CLI show `message(lang)` and never a traceback.
"""

from __future__ import annotations


class IpdeskError(Exception):
    """Base of every error ipdesk expects and explains."""

    exit_code = 1

    def __init__(self, zh: str, en: str, *, detail: str = "") -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.detail = detail

    def message(self, lang: str = "zh_CN") -> str:
        """What a person reads. `detail` (a driver's or a server's own words, in English) is for the
        log (the CLI writes it there, and the window's task runner does), not for this sentence."""
        return self.en if lang.startswith("en") else self.zh


class UserInputError(IpdeskError):
    """The request itself is wrong (empty query, unknown code): exit status 2."""

    exit_code = 2


class DataFolderError(IpdeskError):
    """The data folder cannot be written or read (read-only, full disk, permissions)."""

    exit_code = 3


class CorruptDatabaseError(IpdeskError):
    """A database file is damaged; it has been set aside. `local`: the local store (the service
    record), not the registry database (which the built-in data replace)."""

    exit_code = 4

    def __init__(self, zh: str, en: str, *, moved_to: str = "", detail: str = "", local: bool = False) -> None:
        super().__init__(zh, en, detail=detail)
        self.moved_to = moved_to
        self.local = local


class AlreadyRunningError(IpdeskError):
    """Another ipdesk process holds the data folder."""

    exit_code = 5


class IndexBuildError(IpdeskError):
    """A worker process making search-index documents stopped (killed, out of memory): the write
    it belonged to was rolled back."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "建立搜索索引的后台进程意外停止，本次没有写入任何数据。请重试；若再次发生，请关闭其他程序以释放内存。",
            "A background process building the search index stopped unexpectedly; nothing was written. "
            "Try again; if it happens again, close other programs to free memory.",
            detail=detail,
        )
