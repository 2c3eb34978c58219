"""Running `rekindle ...` in-process with the test's fixed clock, capturing what it prints."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from planner import cli
from planner.clock import FixedClock


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


class Runner:
    """Calls the command line as a shell would, but in this process and at the fixed time."""

    def __init__(self, capsys: pytest.CaptureFixture[str], clock: FixedClock) -> None:
        self._capsys = capsys
        self._clock = clock

    def __call__(self, *argv: str) -> Result:
        try:
            code = cli.run(cli.parse(list(argv)), clock=self._clock)
        except SystemExit as exit_:  # argparse exits on its own errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self._capsys.readouterr()
        return Result(code, out, err)


def assert_one_line_error(result: Result, fragment: str, code: int | None = None) -> None:
    """A refusal: nothing on stdout, one plain line on stderr naming `fragment`, no traceback."""
    assert result.code != 0 if code is None else result.code == code
    assert result.out == ""
    assert result.err.startswith("rekindle: ")
    assert result.err.endswith("\n") and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert fragment.lower() in result.err.lower(), result.err
