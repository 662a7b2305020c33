"""OS errors in words a person reads (services/errors.os_reason): each language alone, never the
OS's English strerror inside a Chinese sentence, whether the error came with an errno or not."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from ipdesk.domain.i18n import Text
from ipdesk.services.errors import os_reason
from ipdesk.services.outfiles import cannot_write

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")  # "U 盘" is Chinese usage; an English word is not
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")

COMMON = (errno.ENOENT, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EISDIR, errno.ENOTDIR)


def _one_language_each(text: Text) -> None:
    assert text.zh and not _LATIN_WORD.search(text.zh), text.zh
    assert text.en and not _CJK.search(text.en), text.en


@pytest.mark.parametrize("code", COMMON)
@pytest.mark.parametrize("writing", [False, True])
def test_common_errnos_have_words_in_each_language(code: int, writing: bool) -> None:
    text = os_reason(OSError(code, "English words from the OS", "/x"), writing=writing)
    _one_language_each(text)
    assert "English words" not in text.zh


def test_an_error_made_without_an_errno_is_known_by_its_type() -> None:
    assert os_reason(FileNotFoundError("/x")) == os_reason(OSError(errno.ENOENT, "No such file or directory"))
    assert os_reason(PermissionError("/x")).en == "permission denied"
    assert "folder does not exist" in os_reason(FileNotFoundError("/x"), writing=True).en


def test_an_unknown_errno_and_a_non_os_error_keep_english_out_of_chinese() -> None:
    odd = os_reason(OSError(errno.EMFILE, "Too many open files"))
    assert odd.zh == "系统错误 EMFILE" and odd.en == "too many open files"
    _one_language_each(os_reason(OSError("cannot paint on the output device")))
    _one_language_each(os_reason(ValueError("disk I/O error")))


def test_a_real_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        (tmp_path / "nowhere" / "x.pdf").open("wb")
    error = cannot_write(tmp_path / "nowhere" / "x.pdf", caught.value, Text("报告文件", "report"))
    assert "文件夹不存在" in error.zh and "No such file" not in error.zh
    assert "the folder does not exist" in error.en and not _CJK.search(error.en.replace(str(tmp_path), ""))


def test_an_import_file_that_cannot_be_read_says_why_in_each_language(tmp_path: Path) -> None:
    from ipdesk.services.importers.safety import ImportFileError, check_size

    with pytest.raises(ImportFileError) as caught:
        check_size(tmp_path / "gone.csv", 1 << 20)
    error = caught.value
    assert "gone.csv" in error.message("zh_CN") and "No such file" not in error.message("zh_CN")
    assert not _LATIN_WORD.search(error.message("zh_CN").replace("gone.csv", ""))
    assert not _CJK.search(error.message("en"))


@pytest.mark.parametrize(("winerror", "zh", "en"), [
    (32, "正被其他程序使用", "in use by another program"),  # a report open in WPS: errno says only EACCES
    (33, "正被其他程序使用", "in use by another program"),
    (19, "写保护", "write-protected"),  # a write-protected stick: errno says only EACCES too
    (112, "磁盘已满", "disk is full"),
    (21, "未就绪", "not ready"),
])
def test_windows_error_codes_say_more_than_their_errno(winerror: int, zh: str, en: str) -> None:
    """On Windows, OSError.winerror tells a file open elsewhere from a write-protected stick, which both
    arrive as EACCES, "permission denied" (QA 19e W4). Made here as Windows makes them."""
    exc = PermissionError(errno.EACCES, "Access is denied", "E:\\\\备份.zip")
    exc.winerror = winerror  # type: ignore[attr-defined]
    reason = os_reason(exc, writing=True)
    assert zh in reason.zh and en in reason.en, reason
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")).en == "permission denied"


def test_a_file_windows_says_is_in_use_is_not_guessed_about_twice(tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    out.write_bytes(b"%PDF")
    exc = PermissionError(errno.EACCES, "The process cannot access the file", str(out))
    exc.winerror = 32  # type: ignore[attr-defined]
    error = cannot_write(out, exc, Text("报告", "report"))
    assert error.zh.count("WPS") == 1 and error.en.count("WPS") == 1, error.zh
    assert "正被其他程序使用" in error.zh and "close it and try again" in error.en
