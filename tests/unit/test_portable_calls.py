"""File calls that work on Linux and break on Windows, found in the app's code by its syntax tree (QA 23b).

- a text file opened without `encoding=`: Windows reads and writes it in the ANSI code page (GBK on a
  Chinese Windows, cp1252 on an English one), so a settings file or a list written on one computer is
  garbled, or refused, on another;
- `os.rename` / `Path.rename(target)`: on Windows it fails when the target exists (use `os.replace`);
- a module only POSIX has (`fcntl`, `pwd`, `grp`, `termios`) imported at the top of a module, and the
  POSIX-only `os` calls (`getuid`, `fork`, `setsid`, …) or signals (`SIGKILL`, `SIGHUP`, …).
Tests may use them; the app may not."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "ipdesk"

# `.open()` with no argument on these receivers is a Qt dialog's open, not a file's.
_QT_OPEN_RECEIVERS = {"box", "self.preview"}
_POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "posix"}
_POSIX_OS_CALLS = {"getuid", "geteuid", "getgid", "getegid", "fork", "setsid", "killpg", "getpgid", "setuid",
                   "chown", "lchown", "statvfs", "mkfifo", "getloadavg", "sync", "nice"}
_POSIX_SIGNALS = {"SIGKILL", "SIGHUP", "SIGQUIT", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGSTOP", "SIGCONT",
                  "SIGPIPE"}


def _mode_of(node: ast.Call, position: int) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == "mode":
            return kw.value
    return node.args[position] if len(node.args) > position else None


def _is_text_open(node: ast.Call, position: int) -> bool:
    """A call whose `mode` (at `position`) is absent or a constant without "b"."""
    mode = _mode_of(node, position)
    if mode is None:
        return True
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return "b" not in mode.value
    return False  # a mode in a variable ("ab" or "wb" chosen at run time) or a Qt flag: not told here


def _posix_branches(tree: ast.AST) -> set[int]:
    """ids of the nodes only POSIX runs: the `else` of `if sys.platform == "win32"`, the body of
    `if sys.platform != "win32"`."""
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1
                and ast.unparse(node.test.left) == "sys.platform"
                and ast.unparse(node.test.comparators[0]) in ("'win32'", '"win32"')):
            continue
        op = node.test.ops[0]
        branch = node.orelse if isinstance(op, ast.Eq) else node.body if isinstance(op, ast.NotEq) else []
        guarded.update(id(inner) for statement in branch for inner in ast.walk(statement))
    return guarded


def problems_in(source: str, where: str) -> list[str]:
    found: list[str] = []
    tree = ast.parse(source)
    posix_only = _posix_branches(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and node.col_offset == 0:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{where}:{node.lineno}: imports {n}, which Windows has not" for n in names
                      if n.split(".")[0] in _POSIX_MODULES]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and id(node) not in posix_only:
            if node.value.id == "os" and node.attr in _POSIX_OS_CALLS:
                found.append(f"{where}:{node.lineno}: os.{node.attr} is POSIX only")
            if node.value.id == "signal" and node.attr in _POSIX_SIGNALS:
                found.append(f"{where}:{node.lineno}: signal.{node.attr} is POSIX only")
        if not isinstance(node, ast.Call):
            continue
        func, keywords = node.func, {kw.arg for kw in node.keywords}
        text = ast.unparse(node)[:90]
        if isinstance(func, ast.Name) and func.id == "open":
            if _is_text_open(node, 1) and "encoding" not in keywords:
                found.append(f"{where}:{node.lineno}: {text} opens text without encoding=")
        elif isinstance(func, ast.Attribute):
            receiver = ast.unparse(func.value)
            if func.attr == "open" and receiver not in ("os", *_QT_OPEN_RECEIVERS):
                if _is_text_open(node, 0) and "encoding" not in keywords:
                    found.append(f"{where}:{node.lineno}: {text} opens text without encoding=")
            elif func.attr in ("read_text", "write_text", "TextIOWrapper") and "encoding" not in keywords:
                found.append(f"{where}:{node.lineno}: {text} without encoding=")
            elif func.attr == "rename" and (receiver == "os" or (len(node.args) == 1 and not node.keywords)):
                found.append(f"{where}:{node.lineno}: {text}: fails on Windows when the target exists (os.replace)")
            elif (receiver == "subprocess" and keywords & {"text", "universal_newlines"}
                  and "encoding" not in keywords):
                found.append(f"{where}:{node.lineno}: {text}: text output in the ANSI code page (encoding=)")
    return found


def test_the_app_opens_no_text_file_without_an_encoding_and_renames_nothing_over_a_file() -> None:
    found = [problem for path in sorted(APP.rglob("*.py"))
             for problem in problems_in(path.read_text(encoding="utf-8"), str(path.relative_to(APP.parent)))]
    assert found == []


@pytest.mark.parametrize("bad", [
    'open("settings.json")', 'open(p, "w")', 'open(p, mode="rt")', 'Path("a").open()', 'p.open("w", newline="")',
    'p.read_text()', 'p.write_text("x")', 'os.rename(a, b)', 'part.rename(out)', 'import fcntl',
    'os.getuid()', 'os.kill(pid, signal.SIGKILL)', 'io.TextIOWrapper(raw)', 'subprocess.run(["x"], text=True)',
    'if sys.platform == "win32":\n    os.nice(1)', 'if sys.platform != "win32":\n    pass\nelse:\n    os.nice(1)',
    'if sys.platform == "linux":\n    pass\nelse:\n    os.nice(1)',
    'if sys.platform == "win32":\n    pass\nelse:\n    open(p)',
])
def test_the_check_finds_each_trap(bad: str) -> None:
    assert problems_in(bad, "x.py"), bad


@pytest.mark.parametrize("good", [
    'open(p, encoding="utf-8")', 'open(p, "rb")', 'p.open("wb")', 'p.open("ab" if have else "wb")',
    'p.read_text(encoding="utf-8")', 'p.read_bytes()', 'os.replace(a, b)', 'zf.open(info)', 'os.open(p, flags)',
    'box.open()', 'saved.rename(entry_id, name, replace=True)', 'subprocess.run(["x"], text=True, encoding="utf-8")',
    'def f():\n    import resource',
    'if sys.platform == "win32":\n    pass\nelse:\n    os.nice(1)', 'if sys.platform != "win32":\n    os.nice(1)',
])
def test_the_check_takes_the_portable_forms(good: str) -> None:
    assert problems_in(good, "x.py") == []
