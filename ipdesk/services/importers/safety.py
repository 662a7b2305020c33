"""Every imported file is untrusted: size caps, strict decoding, and XML without entities or fetches.

XML goes through defusedxml: entity declarations (billion laughs), external entities and external
parameter entities are refused; a declared external DTD (the old CNIPA format names one) is never
read, so nothing is fetched. Text files are decoded strictly — UTF-8 (with or without BOM), then
GB18030 (a superset of GBK) — and the importer says which encoding it used; nothing is silently
replaced. XLSX files are ZIP archives, so their unpacked size and compression ratio are checked
before the XLSX reader opens them (a zip bomb is refused without unpacking it).
"""

from __future__ import annotations

import codecs
import logging
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.errors import ZIP_READ_ERRORS, UserInputError, os_reason

log = logging.getLogger("ipdesk.import")


@dataclass(frozen=True)
class Limits:
    """Caps on what one import may read; generous for real CNIPA and staff files, small for attacks."""

    max_xml_bytes: int = 64 * 1024 * 1024  # one XML document
    max_text_bytes: int = 512 * 1024 * 1024  # one CSV file
    max_xlsx_bytes: int = 200 * 1024 * 1024  # the XLSX file on disk
    max_unpacked_bytes: int = 1024 * 1024 * 1024  # all members of an XLSX / a ZIP of XML, unpacked
    max_ratio: int = 200  # unpacked / packed, per member bigger than 1 MiB
    max_members: int = 200_000  # members of a ZIP
    max_rows: int = 2_000_000  # rows of one sheet or CSV
    max_cell_chars: int = 32_767  # Excel's own cell limit
    # one physical line of a CSV: csv builds a whole row in memory, and 40 MB of commas made a row of 40
    # million cells (870 MB); a real line (20 columns, long abstracts) is far below
    max_line_chars: int = 1024 * 1024
    max_shared_chars_in_memory: int = 32 * 1024 * 1024  # an XLSX's shared strings beyond this go to a temp file
    max_errors_kept: int = 5_000  # row errors listed (all are counted)


DEFAULT_LIMITS = Limits()


class ImportFileError(UserInputError):
    """A file that cannot or must not be read: unreadable, too big, malformed, hostile or empty (exit 2).

    `why_zh` / `why_en` are the reason without the file name (for a file listed inside a folder or
    ZIP). `detail` is the parser's own (English, technical) text: it is logged, not shown, so the
    message stays a sentence in the reader's language."""

    def __init__(self, zh: str, en: str, *, file: str = "", reason: str = "unreadable", detail: str = "") -> None:
        shown = quoted_name(file)  # on one line: a name may hold a line break ("a\nb.csv")
        super().__init__(f"{shown}：{zh}" if file else zh, f"{shown}: {en}" if file else en, detail=detail)
        self.file = file
        self.reason = reason
        self.why_zh = zh
        self.why_en = en
        if detail:
            log.info("import: %s: %s (%s)", file or "-", en, detail)

    def message(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def check_size(path: Path, cap: int) -> int:
    """The file's size, or ImportFileError when it is missing, unreadable or above `cap`."""
    try:
        info = path.stat()
    except OSError as exc:
        why = os_reason(exc)
        raise ImportFileError(
            f"无法读取文件（{why.zh}）。", f"cannot read the file ({why.en}).", file=path.name, detail=str(exc)
        ) from exc
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the import forever, a device never end
        raise ImportFileError(
            "这不是普通文件（而是管道、设备或套接字），无法导入。请选择 Excel、CSV、XML 或 ZIP 文件。",
            "this is not an ordinary file (a pipe, a device or a socket) and cannot be imported. Choose an "
            "Excel, CSV, XML or ZIP file.", file=path.name, reason="wrong_format",
        )
    size = info.st_size
    if size > cap:
        raise ImportFileError(
            f"文件太大（{_mib(size)}，上限 {_mib(cap)}）。请拆分后再导入。",
            f"the file is too large ({_mib(size)}, limit {_mib(cap)}). Split it and import the parts.",
            file=path.name, reason="too_large",
        )
    return size


def read_capped(stream: IO[bytes], cap: int, name: str) -> bytes:
    """Read at most `cap` bytes; a longer stream is refused rather than truncated."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise ImportFileError(
            f"内容太大（上限 {_mib(cap)}）。", f"the content is too large (limit {_mib(cap)}).",
            file=name, reason="too_large",
        )
    return data


# --- XML ---------------------------------------------------------------------------------------------

# Encodings expat reads itself; any other declared encoding is decoded here and handed over as UTF-8
# (expat refuses multi-byte encodings such as GBK: "multi-byte encodings are not supported").
_EXPAT_NATIVE = frozenset({"utf8", "utf16", "usascii", "ascii", "iso88591", "latin1"})
# GB2312 and GBK are subsets of GB18030: decode them all with it (a GBK file often holds GB18030-only
# characters that its declaration does not admit to)
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "xgbk", "euccn", "ms936", "windows936"})
_XML_DECL = re.compile(rb"""\A<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]{0,39})\1""")


# Byte-order marks, longest first (UTF-32 LE's begins with UTF-16 LE's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
_XML_DECL_TEXT = re.compile(r"""\A<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1""")


def _from_bom(data: bytes, name: str) -> bytes | None:
    """A document that starts with a byte-order mark, as UTF-8 without it and with a declaration
    that says UTF-8; None without a mark. The mark is what the editor that saved the file wrote, so
    it wins over the declaration: Notepad re-saves a GBK file as "UTF-8 with BOM" and leaves its
    encoding="GBK" as it was, which expat refuses, and which names an encoding the text no longer has."""
    found = next(((bom, codec, label) for bom, codec, label in _BOMS if data.startswith(bom)), None)
    if found is None:
        return None
    bom, codec, label = found
    try:
        text = data[len(bom):].decode(codec, errors="strict")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"文件开头的字节顺序标记（BOM）表明它是 {label} 编码，但内容不是有效的 {label} 文本（第 {exc.start + len(bom)} "
            "字节）。请另存为 UTF-8 后再导入。",
            f"the file starts with a {label} byte-order mark (BOM), but its content is not valid {label} (at byte "
            f"{exc.start + len(bom)}). Save it as UTF-8 and import that.",
            file=name, reason="encoding", detail=str(exc),
        ) from exc
    m = _XML_DECL_TEXT.match(text)
    if m is not None:
        text = text[:m.start(2)] + "UTF-8" + text[m.end(2):]
    return text.encode("utf-8")


def to_utf8(data: bytes, name: str) -> bytes:
    """A document whose declaration names an encoding expat cannot read (GBK, GB2312, GB18030, Big5 …):
    decoded strictly and returned as UTF-8 with the declaration saying so; so is one that starts with a
    byte-order mark (`_from_bom`). Everything else unchanged."""
    from_bom = _from_bom(data, name)
    if from_bom is not None:
        return from_bom
    m = _XML_DECL.match(data)
    if m is None:
        return data
    declared = m.group(2).decode("ascii")
    folded = re.sub(r"[^a-z0-9]", "", declared.lower())
    if folded in _EXPAT_NATIVE:
        return data
    codec = "gb18030" if folded in _GB_FAMILY else declared
    try:
        codecs.lookup(codec)
    except LookupError as exc:
        raise ImportFileError(
            f"XML 声明的编码 {declared} 无法识别。请另存为 UTF-8 后再导入。",
            f"the XML declares the encoding {declared}, which is not known. Save it as UTF-8 and import that.",
            file=name, reason="encoding",
        ) from exc
    try:
        text = data.decode(codec, errors="strict")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"XML 声明的编码是 {declared}，但内容不是有效的 {declared} 文本（第 {exc.start} 字节）。请另存为 UTF-8 后再导入。",
            f"the XML declares the encoding {declared}, but its content is not valid {declared} (at byte "
            f"{exc.start}). Save it as UTF-8 and import that.",
            file=name, reason="encoding", detail=str(exc),
        ) from exc
    start, end = m.span(2)
    head = data[:end].decode("ascii")
    if not text.startswith(head):  # an encoding whose declaration does not read as ASCII (UTF-32, EBCDIC)
        raise ImportFileError(
            f"XML 声明的编码 {declared} 不受支持。请另存为 UTF-8 后再导入。",
            f"the XML's declared encoding {declared} is not supported. Save it as UTF-8 and import that.",
            file=name, reason="encoding",
        )
    return (head[:start] + "UTF-8" + text[end:]).encode("utf-8")


def parse_xml(data: bytes, name: str) -> Element:
    """Parse one XML document safely; hostile or malformed input raises ImportFileError. A document
    in an encoding expat cannot read (GBK and the like) is transcoded to UTF-8 first; the same
    checks then apply to it."""
    data = to_utf8(data, name)
    try:
        root: Element = safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden) as exc:
        raise ImportFileError(
            "XML 文件声明了实体（可能是“十亿笑”实体炸弹或外部实体攻击），已拒绝读取。",
            "the XML declares entities (an entity bomb or an external-entity attack); it was refused.",
            file=name, reason="hostile", detail=str(exc),
        ) from exc
    except DefusedXmlException as exc:
        raise ImportFileError(
            "XML 文件包含不允许的结构，已拒绝读取。", "the XML contains a forbidden construct; it was refused.",
            file=name, reason="hostile", detail=str(exc),
        ) from exc
    except LookupError as exc:  # a declared encoding `to_utf8` did not take for one (a name of 40 letters or more)
        raise ImportFileError(
            "XML 声明的编码无法识别。请另存为 UTF-8 后再导入。",
            "the XML declares an encoding that is not known. Save it as UTF-8 and import that.",
            file=name, reason="encoding", detail=str(exc),
        ) from exc
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        wrong = _not_utf8(data)
        if wrong is not None:
            byte, gbk = wrong
            if gbk:
                zh = ("XML 声明的编码是 UTF-8（或没有声明），但内容看来是 GBK/GB18030 编码的（第 {b} 字节起不是 UTF-8，"
                      "第 {l} 行第 {c} 列）。请把第一行的 encoding=\"utf-8\" 改为 encoding=\"GBK\"，或另存为 UTF-8 后再导入。")
                en = ("the XML says it is UTF-8 (or says nothing), but its content looks GBK/GB18030-encoded (not UTF-8 "
                      "from byte {b}, line {l}, column {c}). Change encoding=\"utf-8\" in its first line to "
                      "encoding=\"GBK\", or save it as UTF-8, and import it again.")
            else:
                zh = "XML 声明的编码是 UTF-8（或没有声明），但内容不是有效的 UTF-8（第 {b} 字节，第 {l} 行第 {c} 列）。请另存为 UTF-8 后再导入。"
                en = ("the XML says it is UTF-8 (or says nothing), but its content is not valid UTF-8 (at byte {b}, "
                      "line {l}, column {c}). Save it as UTF-8 and import it again.")
            raise ImportFileError(zh.format(b=byte, l=line, c=col), en.format(b=byte, l=line, c=col), file=name,
                                  reason="encoding", detail=str(exc)) from exc
        if "undefined entity" in str(exc):
            zh, en = "XML 使用了未定义的实体（第 {l} 行第 {c} 列）。", "the XML uses an undefined entity (line {l}, column {c})."
        elif ("no element found" in str(exc) or "unclosed token" in str(exc) or "partial character" in str(exc)
              or _at_end(data, line, col)):
            zh = "XML 文件不完整，在第 {l} 行第 {c} 列就结束了（可能被截断：下载或复制没有完成）。请重新下载或复制完整的文件。"
            en = ("the XML is incomplete: it ends at line {l}, column {c} (truncated? a download or copy that did not "
                  "finish). Download or copy the whole file again.")
        else:
            zh, en = "XML 格式错误（第 {l} 行第 {c} 列）。", "the XML is not well-formed (line {l}, column {c})."
        raise ImportFileError(
            zh.format(l=line, c=col), en.format(l=line, c=col), file=name, reason="malformed", detail=str(exc)
        ) from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ImportFileError(
            "XML 无法解析。", "the XML cannot be parsed.", file=name, reason="malformed", detail=str(exc)
        ) from exc
    return root


def _not_utf8(data: bytes) -> tuple[int, bool] | None:
    """For a document read as UTF-8 (declared so, or not declared) that holds bytes that are not UTF-8
    before its very end (a character cut at the end is a truncation): the first such byte, and whether
    the whole reads as GB18030 (a file saved by a Chinese Windows program as "ANSI")."""
    m = _XML_DECL.match(data)
    if m is not None and re.sub(r"[^a-z0-9]", "", m.group(2).decode("ascii").lower()) != "utf8":
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # only the last character is cut
            return None
        start = exc.start
    try:
        data.decode("gb18030")
        gbk = True
    except UnicodeDecodeError as exc:
        gbk = exc.reason == "incomplete multibyte sequence" and exc.start >= len(data) - 4  # GBK, truncated
    return start, gbk


def _at_end(data: bytes, line: int, col: int) -> bool:
    """Whether a parse error at (line, column) is where the document's bytes end: a file cut short."""
    lines = data.rstrip().split(b"\n")
    return line >= len(lines) and len(lines[-1][col:].strip()) <= 8


# --- text encodings ----------------------------------------------------------------------------------

ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode strictly, trying UTF-8 (BOM or not) then GB18030; returns (text, encoding used).

    'utf-8-sig' is reported as 'UTF-8 (BOM)' when the BOM was there. UTF-16 and binary files are
    refused with a hint, never decoded into mojibake."""
    refuse_non_text(data, name)
    try:
        text = data.decode("utf-8-sig", errors="strict")
        return text, ("UTF-8 (BOM)" if data.startswith(b"\xef\xbb\xbf") else "UTF-8")
    except UnicodeDecodeError as utf_exc:
        try:
            return data.decode("gb18030", errors="strict"), "GB18030"
        except UnicodeDecodeError as gb_exc:
            raise ImportFileError(
                f"文本编码无法识别：既不是 UTF-8（第 {utf_exc.start} 字节出错）也不是 GB18030/GBK"
                f"（第 {gb_exc.start} 字节出错）。请另存为 UTF-8。",
                f"unknown text encoding: neither UTF-8 (fails at byte {utf_exc.start}) nor GB18030/GBK "
                f"(fails at byte {gb_exc.start}). Save it as UTF-8.",
                file=name, reason="encoding",
            ) from gb_exc


def refuse_non_text(data: bytes, name: str) -> None:
    """UTF-16 and binary content are refused before any decoding is tried."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            "文件是 UTF-16 编码。请另存为“CSV UTF-8”后再导入。",
            "the file is UTF-16 encoded. Save it as 'CSV UTF-8' and import that.",
            file=name, reason="encoding",
        )
    if b"\x00" in data[:65536]:
        raise ImportFileError(
            "文件不是文本（包含二进制内容）。", "the file is not text (it has binary content).",
            file=name, reason="encoding",
        )


# --- ZIP (XLSX and bundles of XML) -------------------------------------------------------------------

# an import names an archive it cannot read as damaged, whatever the cause
ZIP_ERRORS: tuple[type[Exception], ...] = (*ZIP_READ_ERRORS, OSError)


def zip_error(name: str, exc: BaseException) -> ImportFileError:
    """What the person is told when zipfile refuses an archive (or a member: `name`)."""
    if isinstance(exc, NotImplementedError):
        return ImportFileError(
            "压缩包使用了 ipdesk 读不了的 ZIP 格式或压缩方式（如 Deflate64、7-Zip 的 LZMA 或 PPMd）。请用 Windows 或 7-Zip "
            "把它解压出来，再导入解压出的文件或文件夹。",
            "the archive uses a ZIP format or compression method ipdesk cannot read (Deflate64, or 7-Zip's LZMA or "
            "PPMd, say). Unpack it with Windows or 7-Zip, then import the files or folder it gives.",
            file=name, reason="malformed", detail=str(exc),
        )
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return ImportFileError(
            "压缩包设了密码（内容已加密），ipdesk 读不了。请用密码把它解压出来，再导入解压出的文件或文件夹。",
            "the archive is password-protected (encrypted), which ipdesk cannot read. Unpack it with its password, "
            "then import the files or folder it gives.",
            file=name, reason="malformed", detail=str(exc),
        )
    return ImportFileError(
        "压缩包已损坏或不是 ZIP/XLSX 文件。", "the archive is damaged or not a ZIP/XLSX file.",
        file=name, reason="malformed", detail=f"{type(exc).__name__}: {exc}",
    )


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[zipfile.ZipInfo]:
    """Look at a ZIP's directory without unpacking: member count, total size and ratios within caps."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except ZIP_ERRORS as exc:
        raise zip_error(path.name, exc) from exc
    if len(infos) > limits.max_members:
        raise ImportFileError(
            f"压缩包内文件过多（{len(infos)} 个）。", f"the archive holds too many files ({len(infos)}).",
            file=path.name, reason="too_large",
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
            raise ImportFileError(
                f"压缩包内的 {quoted_name(info.filename)} 压缩比异常（{ratio:.0f}:1），可能是“压缩炸弹”，已拒绝。",
                f"{quoted_name(info.filename)} inside the archive has an abnormal compression ratio ({ratio:.0f}:1), "
                "a likely zip bomb; refused.",
                file=path.name, reason="hostile",
            )
    if total > limits.max_unpacked_bytes:
        raise ImportFileError(
            f"压缩包解压后太大（{_mib(total)}，上限 {_mib(limits.max_unpacked_bytes)}）。",
            f"the archive unpacks to too much data ({_mib(total)}, limit {_mib(limits.max_unpacked_bytes)}).",
            file=path.name, reason="too_large",
        )
    return infos
