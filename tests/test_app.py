"""The `rekindle` command without a display: a plain line, not Qt's abort."""

from __future__ import annotations

import pytest
from planner import app


def test_no_display_gives_one_plain_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app, "display_available", lambda: False)

    code = app.main([])

    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs a desktop session" in err


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, False),
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, True),
    ],
)
def test_a_display_is_found_from_the_environment(
    environ: dict[str, str], expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.display_available(environ) is expected


def test_ctrl_c_ends_a_command_with_a_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A robustness audit pressed Ctrl+C during a long import and got a traceback."""

    def interrupted(*_args: object, **_kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(app.cli, "run", interrupted)
    assert app.main(["programs"]) == 130
    err = capsys.readouterr().err
    assert err == (
        "rekindle: stopped. A change under way is saved whole or not at all, never in part.\n"
    )
