"""Writing a file the person chose: all or nothing, and a file held open elsewhere is named as the cause."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ipdesk.domain.i18n import Text
from ipdesk.services.errors import UserInputError
from ipdesk.services.outfiles import FileTakenError, replacing

LEDGER = Text("台账文件", "ledger")


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(out, LEDGER) as part:
        part.write_bytes(b"half")
        raise RuntimeError("renderer failed")
    assert out.read_bytes() == b"old" and not list(tmp_path.glob("*.part"))
    with replacing(out, LEDGER) as part:
        part.write_bytes(b"new")
    assert out.read_bytes() == b"new" and not list(tmp_path.glob("*.part"))


def test_a_file_windows_will_not_replace_is_said_to_be_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file WPS or Excel holds open (PermissionError); Linux cannot, so
    the refusal is simulated at the one call that would fail there."""
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserInputError) as caught, replacing(out, LEDGER) as part:
        part.write_bytes(b"new")
    assert "WPS" in caught.value.zh and "open in another program" in caught.value.en and "ledger" in caught.value.en
    assert out.read_bytes() == b"old" and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("hard_links", [True, False])
def test_without_overwrite_a_file_made_while_writing_keeps_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     hard_links: bool) -> None:
    """The name is taken in one step that fails on an existing file: a hard link, or on a file system
    without them (a FAT32 or exFAT stick; simulated at the one call that fails there) an exclusive
    create. A free name gets the whole file; a file made after any check keeps its name and contents."""
    if not hard_links:
        def no_links(src: object, dst: object) -> None:
            raise PermissionError(1, "Operation not permitted")  # Linux's answer on vfat

        monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "台账.xlsx"
    with replacing(out, LEDGER, overwrite=False) as part:
        part.write_bytes(b"ours")
    assert out.read_bytes() == b"ours" and [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]
    with pytest.raises(FileTakenError) as caught, replacing(out, LEDGER, overwrite=False) as part:
        part.write_bytes(b"new")
        out.write_bytes(b"theirs")  # made while this one was written
    assert out.read_bytes() == b"theirs" and [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]
    assert caught.value.zh == f"已有同名文件：{out}。为免覆盖它，没有写入台账文件。"
    assert caught.value.en == f"A file of that name already exists: {out}. The ledger was not written there, so that it is not lost."


def test_a_missing_folder_is_not_blamed_on_another_program(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.xlsx"
    with pytest.raises(UserInputError) as caught, replacing(out, LEDGER) as part:
        part.write_bytes(b"new")
    assert "WPS" not in caught.value.zh and "Choose another place" in caught.value.en


@pytest.mark.parametrize(("title", "stem"), [
    ("CON", "CON_"), ("con", "con_"), ("nul.txt", "nul_.txt"), ("PRN", "PRN_"), ("aux.tar.gz", "aux_.tar.gz"),
    ("COM1", "COM1_"), ("lpt9.doc", "lpt9_.doc"), ("COM¹", "COM¹_"), ("CONOUT$", "CONOUT$_"),
    ("CONSOLE", "CONSOLE"), ("COM10", "COM10"), ("NULL", "NULL"), ("报告 CON", "报告_CON"),
    ("a\x00b\x07c\x1b[31m", "abc[31m"), ("a\tb\nc", "a_b_c"), ("\x00\x01", "report"),
    ('a:b*c?"<>|d', "a_b_c_d"), ("报告\u202egpj", "报告gpj"), ("a\u2066b\u200fc\u0085d", "abc_d"), ("." * 3 + "x" * 59 + ".y", "x" * 59), ("知识产权信息检索报告：五常", "知识产权信息检索报告：五常"),
])
def test_a_title_makes_a_file_name_every_system_can_create(title: str, stem: str) -> None:
    """QA: `--title CON` gave CON.pdf and `--title nul.txt` nul.txt.pdf, which Windows cannot create;
    control characters were kept in the name."""
    from ipdesk.services.outfiles import safe_file_stem

    assert safe_file_stem(title) == stem


@pytest.mark.parametrize(("command", "said"), [
    (["import", "--template", "patent", "--out", "x.csv"], "The template is an XLSX file: end its name in .xlsx"),
    (["report", "ledger", "--out", "x.csv"], "is an XLSX file"),
    (["report", "search", "五常", "--format", "pdf", "--out", "x.docx"], "is a PDF file"),
    (["report", "search", "五常", "--format", "docx", "--out", "x.pdf"], "is a DOCX file"),
])
def test_a_wrong_file_name_is_told_with_the_right_article(data_dir: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str], command: list[str],
                                                          said: str) -> None:
    """QA 18b N9: "The template is a XLSX file"."""
    from ipdesk.cli import main

    args = [str(tmp_path / a) if a.startswith("x.") else a for a in command]
    assert main(["--data-dir", str(data_dir), "--lang", "en", *args]) == 2
    assert said in capsys.readouterr().err


@pytest.mark.parametrize(("name", "said"), [
    ("CON.xlsx", "a name Windows keeps for a device"), ("nul.xlsx", "a name Windows keeps for a device"),
    ("Com1.xlsx", "a name Windows keeps for a device"), ("台账.xlsx.", "ends in a dot or a space"),
    ("台账.xlsx ", "ends in a dot or a space"), ("台账:张三?.xlsx", "a character Windows does not allow"),
    ("台账|x.xlsx", "a character Windows does not allow"),
])
def test_a_chosen_name_windows_cannot_give_a_file_is_refused(data_dir: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str], name: str,
                                                             said: str) -> None:
    """QA 23b: `--out CON.xlsx` on Windows wrote the ledger to the console device (and "CON.xlsx.part"
    first), and "台账.xlsx." was saved as "台账.xlsx" or, by the suffix check, refused with a puzzling
    reason. Refused on every system: the file may be copied to a Windows computer next."""
    from ipdesk.cli import main

    assert main(["--data-dir", str(data_dir), "--lang", "en", "report", "ledger", "--out", str(tmp_path / name)]) == 2
    assert said in capsys.readouterr().err
    assert not list(tmp_path.glob("*.xlsx*"))


def test_a_part_file_never_opens_another_file_differing_only_in_case(tmp_path: Path) -> None:
    """On Windows, FAT32 and exFAT "R.PDF.PART" and "r.pdf.part" are one file: a write must not open,
    truncate or replace it (another writer's part, or one a write cut short left). Each writer's part
    is a new file of its own, made by an exclusive create."""
    from ipdesk.services.outfiles import fresh_part, is_part, same_file_there

    out = tmp_path / "r.pdf"
    (tmp_path / "R.PDF.PART").write_bytes(b"another writer's")
    first = fresh_part(out)
    assert first.name == "r.pdf.2.part" and first.read_bytes() == b""
    second = fresh_part(out)  # the first is taken (exactly) now: the next
    assert second.name == "r.pdf.3.part"
    assert fresh_part(out, "4242").name == "r.pdf.4242.part"
    assert (tmp_path / "R.PDF.PART").read_bytes() == b"another writer's"
    assert is_part("R.PDF.PART") and is_part("r.pdf.2.part") and not is_part("part.pdf")
    assert same_file_there(tmp_path / "r.pdf.part") == tmp_path / "R.PDF.PART"
    assert same_file_there(tmp_path / "nothing.pdf") is None


def test_replacing_writes_beside_a_case_twin_part_and_leaves_it(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    twin = tmp_path / "台账.XLSX.PART"
    twin.write_bytes(b"another writer's")
    with replacing(out, LEDGER) as part:
        assert part != twin and part.name.lower() != twin.name.lower()
        part.write_bytes(b"new")
    assert out.read_bytes() == b"new" and twin.read_bytes() == b"another writer's"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["台账.xlsx", "台账.XLSX.PART"])
    with pytest.raises(RuntimeError), replacing(out, LEDGER) as part:  # a failure removes only its own part
        raise RuntimeError("renderer failed")
    assert twin.read_bytes() == b"another writer's" and out.read_bytes() == b"new"


@pytest.mark.parametrize("command", [
    ["report", "search", "茶", "--out", "报告:张三?.pdf"], ["report", "search", "茶", "--out", "x.pdf."],
    ["backup", "--out", "a:b?.zip"], ["import", "--template", "patent", "--out", "t*.xlsx"],
])
def test_every_out_refuses_what_windows_cannot_name(data_dir: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """QA: report and backup --out wrote 报告:张三?.pdf on Linux, and x.pdf. got the generic "give a name"."""
    from ipdesk.cli import main

    args = [*command[:-1], str(tmp_path / command[-1])]
    assert main(["--data-dir", str(data_dir), "--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    assert "Windows does not allow" in err, err
    assert not [p for p in tmp_path.iterdir() if p.is_file()]
