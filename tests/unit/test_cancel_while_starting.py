"""Ctrl+C while `ipdesk` starts is said in words, never a traceback (QA: one pressed in the first half
second, while Python loaded the libraries, printed one)."""

from __future__ import annotations

import pytest

from ipdesk import cli, launch


def test_ctrl_c_while_the_command_line_loads(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import builtins

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "ipdesk.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", interrupted)
    assert launch.main() == 130
    err = capsys.readouterr().err
    assert "已取消。/ Cancelled." in err and "Traceback" not in err


def test_ctrl_c_while_the_arguments_are_read(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(_argv: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "parse_arguments", interrupted)
    assert cli.main(["info"]) == 130
    assert "已取消。/ Cancelled." in capsys.readouterr().err
