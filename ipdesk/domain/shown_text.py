"""Text from files and typed input where a terminal, a log viewer or a file manager would obey it
instead of showing it (QA 22b): C0/C1 controls (\\x1b[2J clears a terminal, \\r overwrites a line,
a line break forges a log record), the Unicode line separators, and the direction marks and overrides
(U+202E shows "gpj.exe" as "exe.jpg"). With them the lone surrogates, which no file, terminal or
log can write at all (Python's form of the bytes a file name or a terminal in another encoding gave:
a UTF-8 log file refused the whole record, "--- Logging error ---"). One list, used by the log, the
command line and file names."""

from __future__ import annotations

import contextlib
import re

OBEYED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def code_of(char: str, *, short: bool = False) -> str:
    """A character written as its code: \\uXXXX, or with `short` \\xNN below U+0100."""
    return f"\\x{ord(char):02x}" if short and ord(char) < 0x100 else f"\\u{ord(char):04x}"


def escaped(text: str, *, keep: str = "", as_space: str = "", short: bool = False) -> str:
    """`text` with each `OBEYED` character written as an escape (\\uXXXX; with `short`, \\xNN below
    U+0100), except those in `keep` (left as they are) and in `as_space` (a space)."""

    def shown(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in keep:
            return ch
        if ch in as_space:
            return " "
        return code_of(ch, short=short)

    return OBEYED.sub(shown, text)


def without_obeyed(text: str) -> str:
    """`text` with every `OBEYED` character left out (a file name made from a title)."""
    return OBEYED.sub("", text)


LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x85\u2028\u2029]")


_ESCAPED_BYTES = re.compile("[\udc80-\udcff]")


def bytes_as_written(text: str) -> str:
    """`text` with the bytes its maker's encoding gave read as GB18030, when they are that: Python holds
    bytes it could not decode (a file named in GBK on a UTF-8 Linux, as `unzip` leaves a ZIP made on
    Chinese Windows; a GBK terminal) as lone surrogates U+DC80–U+DCFF. Unchanged when it has none, or
    when its bytes are not GB18030 either."""
    if _ESCAPED_BYTES.search(text):
        with contextlib.suppress(UnicodeError):
            return text.encode("utf-8", "surrogateescape").decode("gb18030")
    return text


LONE_SURROGATES = re.compile("[\ud800-\udfff]")  # Python's form of bytes it could not decode, or half a pair


def writable(text: str) -> str:
    """`text` as any UTF-8 stream or file can hold it (--json output): bytes read as written
    (`bytes_as_written`), any other lone surrogate as its code (\\udcff). Nothing else changes."""
    return LONE_SURROGATES.sub(lambda m: code_of(m.group()), bytes_as_written(text))


def quoted_name(name: object) -> str:
    """A name a person or a file gave (a file, a folder, an entry in a ZIP) as a message quotes it: on
    one line whatever it holds, so that a message meant to span lines keeps its own line breaks only.
    A name in GBK bytes reads as written (`bytes_as_written`: 五常专利.csv); a line break shows as ⏎
    ("a⏎b.csv"), any other `OBEYED` character as \\uXXXX (`escaped`)."""
    return escaped(LINE_BREAKS.sub("⏎", bytes_as_written(str(name))))
