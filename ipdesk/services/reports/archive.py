"""The report archive and the service record (服务台账): local-only, never touched by data updates.

Every export renders the report into `<data_dir>/reports/YYYY-MM/`, keeps a row in `report_archive`
(file, sha256, metadata) and copies the file to where the staff member asked. Its number is issued
under a file lock shared by every ipdesk on the data folder (`REPORT_NO_LOCK`), which also takes the
archive file's name, so exports at the same moment (the window and a command) never share a number. The first export of a
report number also writes one `service_record` entry (date, staff, client, purpose, outcome);
exporting the same report again in another format links to that entry instead of counting the
visit twice. A visit logged from a wizard ("记入服务台账") and the report made of that wizard's
result are one visit too: whichever comes second is attached to the entry of the first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout
from sqlalchemy import or_, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from ipdesk.domain.i18n import Text, is_english
from ipdesk.domain.report import Report, wizard_purpose
from ipdesk.domain.retention import retention_cutoff
from ipdesk.domain.shown_text import quoted_name
from ipdesk.domain.text import fold, typed_text
from ipdesk.domain.wizard import WIZARD_TITLES, Outcome
from ipdesk.services.db import LOCAL_DB_FILENAME, Database, is_disk_full, refuse_if_read_only, shrink_wal
from ipdesk.services.errors import DataFolderError, IpdeskError, UserInputError, os_reason
from ipdesk.services.models import ReportArchive, ServiceRecord
from ipdesk.services.outfiles import (
    FileTakenError,
    cannot_write,
    check_replaceable,
    claim_name,
    drop_claim,
    fresh_part,
    is_part,
    replacing,
    require_suffix,
)
from ipdesk.services.reports.builder import ReportBuilder
from ipdesk.services.reports.docx_renderer import render_docx
from ipdesk.services.reports.erasure import (
    archived_file,
    erase_entries,
    keep_listed,
    leftover_lock,
    list_to_remove,
    listed_files,
    remove_files,
    remove_left_files,
    stored_path,
)
from ipdesk.services.reports.files import TemporaryFolderError, check_complete, sync_file, write_reason
from ipdesk.services.reports.ledger import ServiceEntry, write_ledger
from ipdesk.services.reports.xlsx_renderer import render_xlsx
from ipdesk.services.search import SearchService
from ipdesk.services.settings import Settings

if TYPE_CHECKING:
    from ipdesk.services.backup import RestoreResult

log = logging.getLogger("ipdesk.reports")

REPORT_FILE = Text("报告文件", "report")
LEDGER_FILE = Text("台账文件", "ledger")
_ARCHIVED = Text("报告已存档（在“报告”页可以再次打开）。", "The report was archived (the Reports page opens it again). ")

Renderer = Callable[[Report, Path], None]
FORMATS = ("pdf", "docx", "xlsx")
REPORT_NO_PREFIX = "IPD"
PRINTOUT_FORMAT = "pdf"  # a printout is archived as the PDF of the same pages
STALE_PART_SECONDS = 24 * 3600  # a report file still unfinished after this was left by an export cut short


@dataclass(frozen=True)
class NumberHold:
    """A report number taken before a printout is painted (`ReportsService.reserve_number`), so the
    paper carries the number its archived copy and the service record then get. `claimed` is the
    archive file's name, held (an empty file) as an export holds it; `counter_before` what
    REPORT_NO_FILE said before (None: not changed), for giving the number back."""

    report_no: str
    claimed: Path
    counter_before: str | None


@dataclass(frozen=True)
class ExportResult:
    path: Path  # where the staff member asked for it
    archived_path: Path
    archive_id: int
    service_record_id: int
    sha256: str
    size: int
    report_no: str = ""


@dataclass(frozen=True)
class ArchivedReport:
    id: int
    created_at: dt.datetime
    report_no: str
    title: str
    format: str
    path: Path
    sha256: str
    meta: dict[str, object]


@dataclass(frozen=True)
class Deletion:
    """What deleting service-record entries removed: the entries, their archive rows (every format
    and printout of their reports) and the archived files; `left`: files that could not be removed
    (open in another program, no permission), named to the staff member to remove by hand."""

    entries: int
    archived: int
    files: tuple[Path, ...]
    left: tuple[Path, ...] = ()
    # older copies of the service record in the data folder that may still hold them: a restore's
    # safety copy, a damaged file set aside, a report file a restore kept aside (not deleted here:
    # they are a technician's way back; named so the staff member can delete them)
    copies: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Pruned:
    """What a clean-up of old entries (retention) removed, or with `dry_run` would remove: the entries
    dated before `cutoff` and their archived reports (every format and printout). `deletion`: what
    `delete_entries` did (None for a dry run, or when nothing was old enough)."""

    cutoff: dt.date | None  # None: kept for ever, nothing looked at
    entries: int
    archived: int
    dry_run: bool = False
    deletion: Deletion | None = None


def older_copies(data_dir: Path) -> tuple[Path, ...]:
    """Copies of the service record or report files kept in the data folder beside the live ones."""
    patterns = ("ipdesk-local.before-restore-*", f"{LOCAL_DB_FILENAME}.corrupt-*", "reports/*/*.before-restore-*")
    found: set[Path] = set()
    for pattern in patterns:
        with contextlib.suppress(OSError):
            found.update(p for p in data_dir.glob(pattern) if p.is_file())
    return tuple(sorted(found))


def client_key(name: str | None) -> str:
    """A client's name as compared when finding, correcting or deleting their entries: full-width
    and half-width alike (ＡＢ = AB), traditional as simplified, any case, and no white space (李　四,
    李 四 and 李四 typed on different days are one person)."""
    return "".join(fold(name).split())


def check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserInputError(
            f"不支持的报告格式：{fmt or '（空）'}。可用：pdf、docx、xlsx。",
            f"Unknown report format: {fmt or '(empty)'}. Use pdf, docx or xlsx.",
        )
    return fmt


def check_suffix(out: Path, fmt: str) -> None:
    """A report's name must end in its format; one named for another format says --format can choose it."""
    suffix = out.suffix.lower().lstrip(".")
    hint = Text(f"，或改用 --format {suffix}", f", or use --format {suffix}") if suffix in FORMATS else None
    require_suffix(out, f".{fmt}", REPORT_FILE, hint)


# how many of this session's wizard outcomes are remembered to join a visit with its report
RECENT_VISITS = 200

def check_output_path(out: Path, what: Text = REPORT_FILE) -> Path:
    """Fail before any work when the file cannot be written there (missing folder, no permission);
    `what` names the file in the message (the report, the service record's ledger)."""
    out = out.expanduser()
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise UserInputError(f"输出路径是一个文件夹：{quoted_name(out)}。请给出文件名。",
                             f"The output path is a folder: {quoted_name(out)}. Give a file name.")
    check_output_folder(folder, out, what)
    return out


def check_output_folder(folder: Path, out: Path | None = None, what: Text = REPORT_FILE) -> Path:
    """Fail before any work when no file can be made in `folder` (`out`: the file named in the message)."""
    folder = folder.expanduser()
    shown = quoted_name(out or folder)
    detail = ""
    if not folder.is_dir():
        why = Text("文件夹不存在", "the folder does not exist")
    else:
        try:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".ipdesk-", delete=True):
                return folder
        except OSError as exc:
            why, detail = os_reason(exc, writing=True), str(exc)
    raise UserInputError(f"无法写入{what.zh}：{shown}（{why.zh}）。请换一个位置。",
                         f"Cannot write the {what.en} to {shown} ({why.en}). Choose another place.", detail=detail)


def wizard_visit_detail(outcome: Outcome, lang: str) -> str:
    """The wizard and its questions and answers, with the punctuation of `lang`:
    "商标核查：想注册什么名称？老王家大米；…" / "Brand check: Which name? 老王家大米; …". Kept as logged: an
    entry logged before the wizards were renamed begins 品牌名称检查, which lists show as 商标核查
    (`ServiceEntry.detail_in`)."""
    en = is_english(lang)
    colon, sep = (": ", "; ") if en else ("：", "；")
    answers = []
    for answer in outcome.answers:
        question, value = answer.question(lang).strip(), answer.value(lang).strip()
        if not question.endswith(("?", "？", ":", "：")):
            question += colon.rstrip()
        answers.append(f"{question} {value}" if en else f"{question}{value}")
    title = WIZARD_TITLES[outcome.wizard](lang) if outcome.wizard in WIZARD_TITLES else outcome.wizard
    return f"{title}{colon}{sep.join(answers)}" if answers else title


# The last report number issued (one line, e.g. IPD-20261127-002) in the data folder: outside the
# local store and the reports folder, so a restore never moves it back.
REPORT_NO_FILE = "report-number.txt"
# Held (a file lock, for every ipdesk on the data folder: the window, a command, the kiosk) while a
# number is issued: the next number found, written to REPORT_NO_FILE and its archive file's name
# taken, so two exports at the same moment never get the same number.
REPORT_NO_LOCK = "report-number.lock"
REPORT_NO_LOCK_SECONDS = 30.0  # it is held for milliseconds; longer means an ipdesk hangs holding it


def _number_of(stem: str, text: str) -> int:
    """The NNN of `text` if it is (or, a file name, starts with) `stem` + digits; else 0."""
    m = re.match(re.escape(stem) + r"([0-9]+)", text)
    return int(m[1]) if m else 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    """'2026-11' → [2026-11-01, 2026-12-01)."""
    try:
        start = dt.datetime.strptime(month, "%Y-%m")
    except ValueError as exc:
        raise UserInputError(f"月份格式应为 YYYY-MM：{month}", f"A month is written YYYY-MM: {month}") from exc
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start, end


def _archive_error(folder: Path, exc: OSError) -> DataFolderError:
    why = write_reason(exc, folder)
    return DataFolderError(
        f"无法在数据文件夹中存档报告：{quoted_name(folder)}（{why.zh}）。报告没有存档，也没有记入服务台账。",
        f"Cannot archive the report in the data folder {quoted_name(folder)} ({why.en}). The report was neither archived "
        "nor logged in the service record.", detail=str(exc),
    )


class ReportsService:
    """Builds reports, exports and archives them, and keeps the service record."""

    def __init__(self, db: Database, search: SearchService, settings: Settings, data_dir: Path) -> None:
        self._local = db.local_store  # the service record and report archive (their own file)
        self.settings = settings
        self.data_dir = data_dir
        self.builder = ReportBuilder(db, search)
        self._renderers: dict[str, Renderer] = {"docx": render_docx, "xlsx": render_xlsx}
        # the staff member named on the Reports page this session: a visit logged from a wizard
        # (which does not ask) is theirs
        self.staff_on_duty = ""
        # this session's wizard outcomes that have a service-record entry (a logged visit or an
        # exported report): id(outcome) → (outcome, entry id, whether the visit itself was logged); the
        # outcome is kept so its id stays its own.
        # The newest RECENT_VISITS only: a window left open for weeks must not keep every outcome.
        self._visits: dict[int, tuple[object, int, bool]] = {}

    # --- numbering ------------------------------------------------------------------------------

    def next_report_no(self, when: dt.datetime | None = None) -> str:
        """IPD-YYYYMMDD-NNN: the day's next number, never one issued before. A number is printed on a
        report handed to a client, so it must stay that report's: the next one comes after the day's
        highest number in the ledger (every export that day), in the archive folder's file names (a
        restore brings back an older ledger, but never deletes archived files), and in the counter
        kept beside the data (`REPORT_NO_FILE`, which no restore replaces)."""
        when = when or dt.datetime.now()
        stem = f"{REPORT_NO_PREFIX}-{when:%Y%m%d}-"
        with self._local.session() as s:
            logged = s.scalars(select(ReportArchive.report_no).where(ReportArchive.report_no.like(stem + "%"))).all()
        folder = self.data_dir / "reports" / when.strftime("%Y-%m")
        try:
            files = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        except OSError as exc:
            log.warning("could not list %s for report numbers: %s", folder, exc)
            files = []
        highest = max((_number_of(stem, text) for text in (*logged, *files, self._last_issued())), default=0)
        return f"{stem}{highest + 1:03d}"

    @contextlib.contextmanager
    def _numbering(self) -> Iterator[None]:
        """Hold REPORT_NO_LOCK: one ipdesk at a time issues (or gives back) a number on this data folder."""
        lock = FileLock(str(self.data_dir / REPORT_NO_LOCK))
        try:
            lock.acquire(timeout=REPORT_NO_LOCK_SECONDS)
        except Timeout as exc:
            raise DataFolderError(
                f"另一个 ipdesk 正在为报告编号，{REPORT_NO_LOCK_SECONDS:.0f} 秒后仍未完成：{self.data_dir}。"
                "报告没有存档，也没有记入服务台账。请稍后重试；如仍不行，请关闭其他 ipdesk 窗口后再试。",
                f"Another ipdesk is numbering a report and has not finished after {REPORT_NO_LOCK_SECONDS:.0f} "
                f"seconds: {self.data_dir}. The report was neither archived nor logged in the service record. "
                "Try again shortly; if that does not help, close the other ipdesk windows and try again.",
            ) from exc
        except OSError as exc:  # the lock file cannot be made: the data folder is read-only or full
            raise _archive_error(self.data_dir, exc) from exc
        try:
            yield
        finally:
            lock.release()

    def _issue(self, report: Report, fmt: str) -> tuple[Path, str | None]:
        """Give `report` the day's next number and take its archive file's name, as one step for every
        ipdesk on the data folder (`_numbering`); the number is kept in REPORT_NO_FILE at once. Returns
        the archive path (an empty file: the report replaces it) and what REPORT_NO_FILE said before
        (None when it was not changed), for `_give_back`."""
        with self._numbering():
            report.report_no = self.next_report_no(report.created_at)
            try:
                archived = self._archive_path(report, fmt)
            except BaseException:
                report.report_no = ""
                raise
            before = self._last_issued()
            return archived, (before if self._note_issued(report.report_no) else None)

    def _give_back(self, report_no: str, before: str | None) -> None:
        """An export that failed before it was archived: its number is issued again unless another
        export took a later one meanwhile (then it stays a gap). Never raises."""
        if before is None:
            return
        try:
            with self._numbering():
                if self._last_issued() != report_no:
                    return
                target = self.data_dir / REPORT_NO_FILE
                if before:
                    self._write_last_issued(before)
                else:
                    target.unlink(missing_ok=True)
        except (IpdeskError, OSError) as exc:
            log.warning("report number %s not given back (it stays unused): %s", report_no, exc)

    def reserve_number(self, report: Report) -> NumberHold | None:
        """Give `report` its number before it is printed (None: it has one already, from an export of
        the same basket): the paper handed to the client must carry the number under which its PDF
        copy is archived and the visit logged, as an exported file does. Pass the hold to `export`
        (the printout's copy, `printed=True`) or, when nothing was printed, to `release_number`."""
        if report.report_no:
            return None  # (the archive's leftovers are swept by the `export` that follows, once)
        self._refuse_if_read_only()  # before the paper: its copy could not be archived and logged
        claimed, counter_before = self._issue(report, PRINTOUT_FORMAT)
        return NumberHold(report.report_no, claimed, counter_before)

    def release_number(self, report: Report, hold: NumberHold | None, *, on_paper: bool = False) -> None:
        """A printout failed, so nothing is archived under `hold`: the held name is dropped. The number
        is issued again (unless another export took a later one meanwhile) only when no page reached
        the printer (the printer could not be opened, the report not laid out). `on_paper`: the painting
        broke off midway, so a page may carry the number: `report` keeps it, unused in the archive, as a
        number on a paper must stay that paper's (a gap is harmless, two papers with one number are
        not). Never raises."""
        if hold is None:
            return
        drop_claim(hold.claimed)
        if on_paper:
            log.info("report number %s kept unused: a printout that broke off may carry it", hold.report_no)
            return
        self._give_back(hold.report_no, hold.counter_before)
        if report.report_no == hold.report_no:
            report.report_no = ""

    def _last_issued(self) -> str:
        try:
            return (self.data_dir / REPORT_NO_FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def _note_issued(self, report_no: str) -> bool:
        """Keep the highest number issued (of the newest day) in `REPORT_NO_FILE`; whether it was written."""
        last = self._last_issued()
        stem = report_no.rsplit("-", 1)[0] + "-"
        if last.startswith(stem) and _number_of(stem, last) >= _number_of(stem, report_no):
            return False
        if last > report_no and not last.startswith(stem):  # a later day's number (the clock was put back)
            return False
        return self._write_last_issued(report_no)

    def _write_last_issued(self, report_no: str) -> bool:
        target = self.data_dir / REPORT_NO_FILE
        part: Path | None = None  # written under REPORT_NO_LOCK: one writer
        try:
            part = fresh_part(target)
            part.write_text(report_no + "\n", encoding="utf-8")
            os.replace(part, target)
            return True
        except OSError as exc:  # the archive file's name (and then the ledger) still hold the number
            if part is not None:
                part.unlink(missing_ok=True)
            log.warning("could not keep the last report number in %s: %s", target, exc)
            return False

    # --- export ---------------------------------------------------------------------------------

    def export(
        self, report: Report, fmt: str, out: Path | None = None, *, renderers: Mapping[str, Renderer] | None = None,
        printed: bool = False, name_is_ours: bool = False, overwrite: bool = True, hold: NumberHold | None = None,
    ) -> ExportResult:
        """Render `report` as `fmt`, archive it, log the service record, and copy it to `out`.

        The PDF renderer draws through Qt, so the caller (UI or CLI) passes it in `renderers`.
        `printed`: the file is the archived copy of a printout (the ledger says "printed").
        `name_is_ours`: `out` is a name made for a folder the person gave: when it is taken (or another
        export takes it meanwhile), the copy goes to the next free name (`-2`, `-3` …) instead.
        `overwrite=False`: a file that has the name `out` when the copy is written (made after the
        caller's check) is left as it is: FileTakenError (the report is archived and logged).
        `hold`: the number `reserve_number` gave a printout before it was painted, and its archive name.
        """
        fmt = check_format(fmt)
        self._refuse_if_read_only()  # before the rendering and the number: nothing is archived unlogged
        if out is not None:
            out = check_output_path(out)
            if not name_is_ours:  # a name of ours that is taken (or open elsewhere) gives way to -2, -3 …
                check_replaceable(out, REPORT_FILE)
        renderer = (renderers or {}).get(fmt) or self._renderers.get(fmt)
        if renderer is None:
            raise UserInputError(f"此处无法生成 {fmt.upper()} 报告。", f"{fmt.upper()} reports cannot be made here.")
        if not report.staff:
            report.staff = self.staff_on_duty or self.settings.staff_name
        if not report.centre:
            report.centre = self.settings.centre_name
        self.remove_stale_parts()
        issued = not report.report_no
        counter_before: str | None = None
        if issued:  # a new number and its archive file, taken as one step by one ipdesk at a time
            archived, counter_before = self._issue(report, fmt)
        elif hold is not None and hold.report_no == report.report_no and fmt == PRINTOUT_FORMAT:
            archived = hold.claimed  # a printout's copy: the name held with its number (the paper has it)
        else:  # the same report again (another format, a printout's copy): the number it has
            archived = self._archive_path(report, fmt)
        try:
            archive_id, record_id, digest, size = self._archive(report, fmt, archived, renderer, printed)
        except BaseException:
            drop_claim(archived)  # the name taken for it, still empty
            if issued:  # nothing has this number: the next export may have it (unless a later one was issued)
                self._give_back(report.report_no, counter_before)
                report.report_no = ""
            raise
        target = archived
        if out is not None:
            claimed: Path | None = None
            try:
                if name_is_ours:  # another export may have made the same name meanwhile
                    out = claimed = self._claim_copy_name(out)
                with replacing(out, REPORT_FILE, overwrite=overwrite or claimed is not None) as part:
                    shutil.copyfile(archived, part)
            except FileTakenError as exc:
                raise FileTakenError(exc.path, _ARCHIVED.zh + exc.zh, _ARCHIVED.en + exc.en) from exc
            except UserInputError as exc:
                drop_claim(claimed)
                raise UserInputError(_ARCHIVED.zh + exc.zh, _ARCHIVED.en + exc.en) from exc
            except BaseException:
                drop_claim(claimed)
                raise
            target = out
        # the archived file only: the copy's name is often the client's (张三.pdf), and the log is sent
        # when asking for help
        log.info("report %s exported as %s: %s (archive %d%s)", report.report_no, fmt, archived, archive_id,
                 ", and copied where asked" if out is not None else "")
        return ExportResult(target, archived, archive_id, record_id, digest, size, report.report_no)

    @staticmethod
    def _claim_copy_name(out: Path) -> Path:
        try:
            return claim_name(out, next_free=True)
        except OSError as exc:
            raise cannot_write(out, exc, REPORT_FILE) from exc

    def _archive(self, report: Report, fmt: str, archived: Path, renderer: Renderer,
                 printed: bool) -> tuple[int, int, str, int]:
        """Render into `archived` (its `.part` first) and log it: archive id, service-record id, sha256, size."""
        try:  # its own new file: never one differing only in case (another export's part on Windows)
            tmp = fresh_part(archived)
        except OSError as exc:
            raise _archive_error(archived.parent, exc) from exc
        try:
            renderer(report, tmp)
            check_complete(tmp, fmt)  # a writer that does not report a failed write (Qt's) is caught here
            sync_file(tmp)
            digest, size = _sha256(tmp), tmp.stat().st_size
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise _archive_error(archived.parent, exc) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        # The ledger rows are written first and the file takes its name inside their transaction: a
        # ledger that cannot be written (read-only, a full disk) leaves no archived file, and the
        # report's number is given back.
        try:
            archive_id, record_id = self._log(report, fmt, archived, digest, printed, file=tmp)
        except DBAPIError as exc:
            mapped = self._ledger_error(exc)
            if mapped is not None:
                raise mapped from exc
            raise
        except OSError as exc:  # the rename
            raise _archive_error(archived.parent, exc) from exc
        finally:
            tmp.unlink(missing_ok=True)
        return archive_id, record_id, digest, size

    def _ledger_error(self, exc: DBAPIError) -> IpdeskError | None:
        """A service-record write that failed, said plainly: the file is read-only, or its disk is
        full; anything else is left as it is (the CLI and the window log it as unexpected)."""
        text = str(exc.orig or exc).lower()
        path = self._local.path or self.data_dir
        if "readonly" in text or "read-only" in text:
            return DataFolderError(
                f"数据库文件是只读的：{quoted_name(path)}。请检查权限。报告没有存档，也没有记入服务台账。",
                f"The database file is read-only: {quoted_name(path)}. Check its permissions. The report was neither "
                "archived nor logged in the service record.", detail=str(exc),
            )
        if is_disk_full(exc):
            try:
                free = f"{shutil.disk_usage(self.data_dir).free // (1 << 20)} MB"
            except OSError:
                free = "?"
            return DataFolderError(
                f"数据文件夹所在磁盘已满或无法写入：{self.data_dir}（可用 {free}）。报告没有存档，也没有记入服务台账。"
                "请释放一些空间（或检查磁盘）后重试。",
                f"The disk holding the data folder is full or cannot be written: {self.data_dir} ({free} free). "
                "The report was neither archived nor logged in the service record. Free some space (or check "
                "the disk) and try again.", detail=str(exc),
            )
        return None

    def remove_stale_parts(self) -> list[Path]:
        """Remove the `.part` files that exports cut short (the process killed, the computer switched
        off) left in the archive folders, and the empty files that held their names (`_archive_path`;
        the number stays issued in REPORT_NO_FILE). An export writes its part in seconds (a PDF is made
        in memory first), so one not changed for a day belongs to no export still running; a younger
        one is left alone (another ipdesk may be writing it). Never raises; returns what was removed."""
        removed: list[Path] = []
        cutoff = time.time() - STALE_PART_SECONDS
        try:
            parts = [p for p in (self.data_dir / "reports").glob("*/*")
                     if is_part(p.name) or p.suffix.lstrip(".") in FORMATS]
        except OSError:
            return removed
        for part in parts:
            try:
                if not part.is_file() or part.stat().st_mtime > cutoff:
                    continue
                if not is_part(part.name) and part.stat().st_size:  # an archived report
                    continue
                part.unlink()
            except OSError as exc:
                log.warning("could not remove the unfinished report file %s: %s", part, exc)
                continue
            log.info("removed an unfinished report file left by an export that was cut short: %s", part)
            removed.append(part)
        return removed

    def _archive_path(self, report: Report, fmt: str) -> Path:
        folder = self.data_dir / "reports" / report.created_at.strftime("%Y-%m")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = os_reason(exc, writing=True)
            raise DataFolderError(
                f"无法创建报告存档文件夹：{quoted_name(folder)}（{why.zh}）。",
                f"Cannot create the report archive folder {quoted_name(folder)} ({why.en}).", detail=str(exc),
            ) from exc
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in report.report_no) or "report"
        try:  # taken as an empty file at once, so no other export can have it; the report replaces it
            return claim_name(folder / f"{stem}.{fmt}", next_free=True)
        except OSError as exc:
            raise _archive_error(folder, exc) from exc

    def _log(self, report: Report, fmt: str, path: Path, digest: str, printed: bool = False, *,
             file: Path | None = None) -> tuple[int, int]:
        """Write the archive row and the service-record entry; `file` (the rendered `.part`) is
        renamed to `path` after the rows are written and before they are committed."""
        remembered: list[tuple[object, int]] = []
        moved = False
        try:
            with self._local.session() as s:
                ids = self._log_rows(s, report, fmt, path, digest, printed, remembered)
                if file is not None:
                    os.replace(file, path)
                    moved = True
        except BaseException:
            if moved:  # the commit failed: the rows are not there, so neither is the file
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        for outcome, record_id in remembered:  # only once the entry is there: its id could be reused
            if id(outcome) not in self._visits:
                self._remember_visit(outcome, record_id, logged=False)
        return ids

    def _log_rows(self, s: Session, report: Report, fmt: str, path: Path, digest: str, printed: bool,
                  remembered: list[tuple[object, int]]) -> tuple[int, int]:
        # what a control character or a broken paste left in the words typed for it: not for the ledger
        report = dataclasses.replace(report, title=typed_text(report.title), client=typed_text(report.client),
                                     purpose=typed_text(report.purpose), staff=typed_text(report.staff),
                                     centre=typed_text(report.centre))
        meta = {
            "printed": printed,
            "lang": report.lang, "client": report.client, "purpose": report.purpose, "staff": report.staff,
            "centre": report.centre, "app_version": report.app_version,
            "datasets": {d.name: {"version": d.version, "as_of": d.as_of.isoformat() if d.as_of else None}
                         for d in report.scope},
            "rows": sum(len(t.rows) for t in report.tables()),
            "outcome": report.outcome_summary(),
        }
        entry = ReportArchive(
            created_at=dt.datetime.now().replace(microsecond=0), report_no=report.report_no, title=report.title,
            format=fmt, path=self._stored_path(path), sha256=digest, meta_json=json.dumps(meta, ensure_ascii=False),
        )
        s.add(entry)
        s.flush()
        earlier = s.scalar(
            select(ServiceRecord.id).join(ReportArchive, ServiceRecord.report_id == ReportArchive.id)
            .where(ReportArchive.report_no == report.report_no).limit(1)
        )
        if earlier is not None:
            return entry.id, earlier
        visit = self._logged_visit(s, report)
        if visit is not None:  # the visit was logged from the wizard: the report is its report
            visit.report_id = entry.id
            visit.client = visit.client or report.client
            visit.purpose = visit.purpose or report.purpose
            s.flush()
            return entry.id, visit.id
        # the questions and answers of its wizard outcomes, as a visit logged from the wizard has them
        detail = "\n".join(wizard_visit_detail(o, report.lang) for o in report.outcomes if isinstance(o, Outcome))
        record = ServiceRecord(
            created_at=entry.created_at, staff=report.staff, client=(report.client or "").strip(), purpose=report.purpose,
            outcome=report.outcome_summary(), report_id=entry.id, detail=detail,
        )
        s.add(record)
        s.flush()
        remembered.extend((outcome, record.id) for outcome in report.outcomes)  # a later log attaches to it
        return entry.id, record.id

    def _remember_visit(self, outcome: object, record_id: int, *, logged: bool) -> None:
        """`logged`: the visit itself was logged (记入服务台账), not only a report of it made."""
        self._visits.pop(id(outcome), None)
        self._visits[id(outcome)] = (outcome, record_id, logged)
        while len(self._visits) > RECENT_VISITS:
            del self._visits[next(iter(self._visits))]

    def _logged_visit(self, s: Session, report: Report) -> ServiceRecord | None:
        """The entry of a visit logged from a wizard whose result is in `report` and that has no report yet."""
        for outcome in report.outcomes:
            known = self._visits.get(id(outcome))
            if known is None or known[0] is not outcome:
                continue
            record = s.get(ServiceRecord, known[1])
            if record is not None and record.report_id is None:
                return record
        return None

    def _stored_path(self, path: Path) -> str:
        """An archived file's path as logged: relative to the data folder (forward slashes), so the
        log still finds its files after the folder is moved or restored on another computer."""
        return stored_path(self.data_dir, path)

    def _archived_file(self, stored: str) -> Path:
        """Where a logged archive file is now (`erasure.archived_file`)."""
        return archived_file(self.data_dir, stored)

    def _openable(self, stored: str) -> str:
        """The archived file an entry offers to open ("open the report" hands it to the system, which
        runs a program as readily as it shows a PDF), or "" when it is not a report (.pdf, .docx,
        .xlsx): a store and its files restored from a made-up backup could name reports/…/x.exe."""
        path = self._archived_file(stored)
        return str(path) if path.suffix.lower().lstrip(".") in FORMATS else ""

    # --- service record -------------------------------------------------------------------------

    def record_service(
        self, *, client: str, purpose: str, outcome: str, staff: str = "", when: dt.datetime | None = None,
        detail: str = "",
    ) -> int:
        """Log a service without a report (a wizard's "log this visit" button)."""
        with self._local.session() as s:
            record = ServiceRecord(
                created_at=(when or dt.datetime.now()).replace(microsecond=0),
                staff=typed_text(staff or self.staff_on_duty or self.settings.staff_name),
                client=typed_text(client).strip(), purpose=typed_text(purpose), outcome=typed_text(outcome),
                detail=typed_text(detail),
            )
            s.add(record)
            s.flush()
            return record.id

    def record_wizard_visit(self, outcome: Outcome, lang: str, *, client: str = "", staff: str = "") -> int:
        """Log a wizard's result: its standard purpose (so the ledger counts it with the others), the
        headline as the outcome, and the questions and answers as the detail, in `lang`.

        When a report of this very result was exported first, the visit is that report's entry: it
        gets the detail (and the purpose and client when the report had none) instead of a second entry."""
        purpose, detail = wizard_purpose(outcome.wizard, lang), wizard_visit_detail(outcome, lang)
        known = self._visits.get(id(outcome))
        if known is not None and known[0] is outcome and not known[2]:
            with self._local.session() as s:
                record = s.get(ServiceRecord, known[1])
                if record is not None:
                    record.detail = detail  # in the language the visit is logged in
                    record.purpose = record.purpose or purpose
                    record.client = record.client or typed_text(client).strip()
                    self._remember_visit(outcome, record.id, logged=True)
                    return record.id
        record_id = self.record_service(
            client=client, purpose=purpose, outcome=outcome.headline(lang), staff=staff, detail=detail,
        )
        self._remember_visit(outcome, record_id, logged=True)
        return record_id

    def service_entries(self, month: str = "", client: str = "") -> list[ServiceEntry]:
        """Entries of one month ('YYYY-MM'), or all, newest first; `client`: only those whose client
        (服务对象) contains it, compared as `client_key` does (a person asking what the centre keeps
        about them)."""
        with self._local.session() as s:
            query = (
                select(ServiceRecord, ReportArchive)
                .outerjoin(ReportArchive, ServiceRecord.report_id == ReportArchive.id)
                .order_by(ServiceRecord.created_at.desc(), ServiceRecord.id.desc())
            )
            if month:
                start, end = month_bounds(month)
                query = query.where(ServiceRecord.created_at >= start, ServiceRecord.created_at < end)
            found: list[tuple[ServiceRecord, ReportArchive | None]] = [(r, a) for r, a in s.execute(query).all()]
            wanted = client_key(client)
            if wanted:  # compared folded, in Python: a centre's record is thousands of entries, not millions
                found = [(r, a) for r, a in found if wanted in client_key(r.client)]
            formats = self._formats(s, {a.report_no for _r, a in found if a is not None})
            return [
                ServiceEntry(
                    id=r.id, created_at=r.created_at, staff=r.staff, client=r.client, purpose=r.purpose,
                    outcome=r.outcome, report_no=a.report_no if a else "", report_format=a.format if a else "",
                    report_path=self._openable(a.path) if a else "", detail=r.detail or "",
                    report_formats=formats.get(a.report_no, (a.format,)) if a else (),
                )
                for r, a in found
            ]

    @staticmethod
    def _formats(s: Session, report_nos: set[str]) -> dict[str, tuple[str, ...]]:
        """Every way each report went out, in order: pdf, docx, xlsx, or print (a printout's archived copy)."""
        out: dict[str, list[str]] = {}
        numbers = [n for n in report_nos if n]
        for start in range(0, len(numbers), 500):
            rows = s.execute(
                select(ReportArchive.report_no, ReportArchive.format, ReportArchive.meta_json)
                .where(ReportArchive.report_no.in_(numbers[start:start + 500])).order_by(ReportArchive.id)
            ).all()
            for number, fmt, meta_json in rows:
                meta: dict[str, object] = {}
                with contextlib.suppress(ValueError, TypeError):
                    meta = json.loads(meta_json or "{}")
                way = "print" if isinstance(meta, dict) and meta.get("printed") else fmt
                if way not in out.setdefault(number, []):
                    out[number].append(way)
        return {number: tuple(ways) for number, ways in out.items()}

    def delete_entries(self, entry_ids: Iterable[int]) -> Deletion:
        """Delete service-record entries with everything kept of them (个人信息保护法 Art. 47: a
        client's request): the entries, their reports' archive rows in every format (and printouts'
        copies), in one transaction, then the archived files. The local store overwrites deleted
        content (`secure_delete`, see db.open_local_store) and its WAL is cut to nothing afterwards,
        so the names do not linger in the file's free space. Report numbers stay issued (never given
        to another report). Each entry leaves a tombstone (models.DeletedEntry, no personal data): a
        restore of a backup made before deletes it again. Backups themselves still hold it (README)."""
        ids = sorted({int(i) for i in entry_ids})
        if not ids:
            return Deletion(0, 0, ())
        # Write-ahead (erasure.LEFTOVER_FILE): the files are listed on the disk before the commit, so a
        # deletion killed after it leaves them to the next deletion or start, not to no one; killed
        # before it, the entries are all still there and their listed files, still named, are kept.
        with leftover_lock(self.data_dir), self._local.session() as s:  # one transaction; a tombstone of each entry
            erased = erase_entries(s, ids)
            list_to_remove(self.data_dir, erased.stored)
        count, archive_ids = len(erased.entries), erased.archive_ids
        # an entry's id may be given again (SQLite reuses the highest): a later report must not join it
        for key, (_outcome, record_id, _logged) in list(self._visits.items()):
            if record_id in ids:
                del self._visits[key]
        # the files of earlier deletions that could not be removed are tried again with these
        removed, left = remove_files([*(self._archived_file(p) for p in erased.stored), *self.leftover_files()])
        keep_listed(self._local.session, self.data_dir, left)
        shrink_wal(self._local.engine)
        # counts only: the log is sent when asking for help and must not carry a client's name
        log.info("deleted %d service-record entries, %d archived reports, %d files (%d left)",
                 count, len(archive_ids), len(removed), len(left))
        return Deletion(count, len(archive_ids), tuple(removed), tuple(left), older_copies(self.data_dir))

    # --- retention (个人信息保护法 第十九条; domain.retention) ----------------------------------------

    def retention_cutoff(self, today: dt.date | None = None) -> dt.date | None:
        """The first day the setting keeps (`record_retention_years`); None: kept for ever."""
        return retention_cutoff(self.settings.record_retention_years, today or dt.date.today())

    def entries_before(self, cutoff: dt.date) -> tuple[list[int], int]:
        """The entries dated (local date) before `cutoff`, and how many archive rows their reports have."""
        start = dt.datetime.combine(cutoff, dt.time.min)
        with self._local.session() as s:
            rows = s.execute(select(ServiceRecord.id, ServiceRecord.report_id)
                             .where(ServiceRecord.created_at < start)).all()
            report_ids = sorted({r for _i, r in rows if r is not None})
            archived: set[int] = set()
            for at in range(0, len(report_ids), 500):
                chunk = report_ids[at:at + 500]
                numbers = [n for n in s.scalars(select(ReportArchive.report_no)
                                                .where(ReportArchive.id.in_(chunk))) if n]
                archived.update(s.scalars(select(ReportArchive.id).where(
                    or_(ReportArchive.id.in_(chunk), ReportArchive.report_no.in_(numbers)))))
        return [entry_id for entry_id, _r in rows], len(archived)

    def prune(self, cutoff: dt.date | None, *, dry_run: bool = False) -> Pruned:
        """Remove the entries dated before `cutoff` with their archived reports, exactly as a client's
        deletion does (`delete_entries`: tombstones, files in every format, the write-ahead list of
        files); `dry_run`: count only. `cutoff` None: nothing (kept for ever). Logs counts, no names."""
        if cutoff is None:
            return Pruned(None, 0, 0, dry_run)
        ids, archived = self.entries_before(cutoff)
        if dry_run or not ids:
            return Pruned(cutoff, len(ids), archived, dry_run)
        done = self.delete_entries(ids)
        log.info("retention: removed %d service-record entries from before %s (%d archived reports, %d files, "
                 "%d left)", done.entries, cutoff.isoformat(), done.archived, len(done.files), len(done.left))
        return Pruned(cutoff, done.entries, done.archived, False, done)

    def apply_retention(self, today: dt.date | None = None, *, dry_run: bool = False) -> Pruned:
        """The clean-up the setting asks for (at start, once a day, after a restore). A read-only service
        record (`Database.read_only`) cannot be cleaned: skipped and logged, not an error every day."""
        if self._local.read_only and not dry_run:
            log.warning("the service record is read-only: the retention clean-up was skipped")
            return Pruned(None, 0, 0)
        return self.prune(self.retention_cutoff(today), dry_run=dry_run)

    def _refuse_if_read_only(self) -> None:
        refuse_if_read_only(self._local.engine, local=True)

    def retain_before_restore(self) -> int:
        """Before a restore makes its safety copy of the current record (`backup.restore_backup`'s
        `prune_current`): remove this computer's entries older than the retention period, as the daily
        clean-up does (files, tombstones), so that the copy, which stays in the data folder, does not
        keep what the period set here would delete. Returns how many; never raises (the restore goes
        on, and the next clean-up tries again)."""
        try:
            return self.apply_retention().entries
        except (IpdeskError, SQLAlchemyError, OSError) as exc:
            log.warning("retention before the restore failed (the next clean-up tries again): %s", type(exc).__name__)
            return 0

    def retain_after_restore(self, result: RestoreResult) -> None:
        """After a backup was restored: remove at once the restored entries older than the retention
        period (they would go at the next clean-up anyway; a staff member who chose 保留 3 年 expects no
        older names back), noting in `result` the period, the cut-off and how many were removed, for the
        restore's summary. Never raises: the restore is done, and the daily clean-up tries again."""
        cutoff = self.retention_cutoff()
        result.retention_years = self.settings.record_retention_years if cutoff else 0
        result.retention_cutoff = cutoff.isoformat() if cutoff else ""
        try:
            pruned = self.prune(cutoff)
        except (IpdeskError, SQLAlchemyError, OSError) as exc:
            log.warning("retention after the restore failed (the next clean-up tries again): %s", type(exc).__name__)
            return
        result.retention_removed, result.retention_removed_archived = pruned.entries, pruned.archived

    def leftover_files(self) -> list[Path]:
        """Report files of deleted entries still to remove (erasure.LEFTOVER_FILE: could not be removed at
        the deletion, or a deletion was cut short) that are still there and named by no archive row: to
        delete by hand, or tried again by the next deletion, `remove_leftovers` and the next start."""
        return listed_files(self._local.session, self.data_dir)

    def remove_leftovers(self) -> tuple[list[Path], list[Path]]:
        """Try again to remove the report files of deleted entries left before: (removed, still left)."""
        return remove_left_files(self._local.session, self.data_dir)

    def delete_client(self, client: str) -> Deletion:
        """Delete every entry whose client (服务对象) is `client` (the whole name, compared as
        `client_key` does), with its reports."""
        return self.delete_entries(self.client_entry_ids(client))

    def client_entry_ids(self, client: str) -> list[int]:
        """The entries of exactly this client (the whole name, not part of it: 张三 is not 张三丰),
        compared as `client_key` does. Raises UserInputError for an empty name."""
        name = client_key(client)
        if not name:
            raise UserInputError("请给出服务对象的名称。", "Give the client's name.")
        with self._local.session() as s:
            rows = s.execute(select(ServiceRecord.id, ServiceRecord.client)).all()
        return [entry_id for entry_id, recorded in rows if client_key(recorded) == name]

    def rename_client(self, entry_ids: Iterable[int], client: str) -> int:
        """Correct the client (服务对象) of entries (a misspelt name) and of their reports' archive
        rows; the archived files keep the name they were printed with. Returns how many entries."""
        ids = sorted({int(i) for i in entry_ids})
        name = typed_text(client).strip()
        if not name:  # a slip (an empty argument) would blank the name of every entry chosen
            raise UserInputError("请给出正确的服务对象名称。", "Give the client's correct name.")
        if len(name) > 200:
            raise UserInputError("服务对象的名称最多 200 个字符。", "A client's name has at most 200 characters.")
        with self._local.session() as s:
            records = [r for start in range(0, len(ids), 500) for r in s.scalars(
                select(ServiceRecord).where(ServiceRecord.id.in_(ids[start:start + 500])))]
            for record in records:
                record.client = name
                if record.report_id is None:
                    continue
                number = s.scalar(select(ReportArchive.report_no).where(ReportArchive.id == record.report_id))
                same = ReportArchive.id == record.report_id
                for archive in s.scalars(select(ReportArchive).where(
                        or_(same, ReportArchive.report_no == number) if number else same)):
                    meta: dict[str, object] = {}
                    with contextlib.suppress(ValueError, TypeError):
                        meta = json.loads(archive.meta_json or "{}")
                    if isinstance(meta, dict):
                        meta["client"] = name
                        archive.meta_json = json.dumps(meta, ensure_ascii=False)
            return len(records)

    def months(self) -> list[str]:
        """Months that have entries, newest first (for the month filter)."""
        with self._local.session() as s:
            stamps = s.scalars(select(ServiceRecord.created_at)).all()
        return sorted({f"{t:%Y-%m}" for t in stamps}, reverse=True)

    def export_ledger(self, path: Path, month: str, lang: str, *, overwrite: bool = True) -> Path:
        """`overwrite=False`: a file that has the name `path` when the ledger is written (made after the
        caller's check) is left as it is: FileTakenError."""
        require_suffix(path, ".xlsx", LEDGER_FILE)
        path = check_output_path(path, LEDGER_FILE)
        entries = sorted(self.service_entries(month), key=lambda e: (e.created_at, e.id))
        check_replaceable(path, LEDGER_FILE)
        with replacing(path, LEDGER_FILE, overwrite=overwrite) as part:
            try:
                write_ledger(entries, part, lang, month)
            except TemporaryFolderError as exc:  # not the ledger's own place: said so, not "choose another"
                why = write_reason(exc)
                raise DataFolderError(f"无法写入台账文件：{quoted_name(path)}（{why.zh}）。请释放该磁盘上的一些空间后重试。",
                                      f"Cannot write the ledger to {quoted_name(path)} ({why.en}). Free some space on that "
                                      "disk and try again.", detail=str(exc)) from exc
        return path

    def archived_reports(self, month: str = "") -> list[ArchivedReport]:
        with self._local.session() as s:
            query = select(ReportArchive).order_by(ReportArchive.created_at.desc(), ReportArchive.id.desc())
            if month:
                start, end = month_bounds(month)
                query = query.where(ReportArchive.created_at >= start, ReportArchive.created_at < end)
            out = []
            for a in s.scalars(query):
                meta: dict[str, object] = {}
                with contextlib.suppress(ValueError):
                    meta = json.loads(a.meta_json or "{}")
                out.append(ArchivedReport(a.id, a.created_at, a.report_no, a.title, a.format,
                                          self._archived_file(a.path), a.sha256, meta))
            return out
