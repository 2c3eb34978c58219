"""Composition root: parse the command line, then run a command or start the window."""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

from planner import cli
from planner.clock import SystemClock

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rekindle` command."""
    args = cli.parse(argv)
    if args.command is None:
        if not display_available():
            sys.stderr.write(
                "rekindle: the window needs a desktop session (no display was found). "
                "The commands work without one: see `rekindle --help`.\n"
            )
            return 1
        from planner.ui import application  # imported lazily: the CLI never loads Qt

        return application.run(db_path=args.db, clock=SystemClock())
    if sys.stdout is None:  # started with its output closed (>&-), as GNU tools refuse it
        if sys.stderr is not None:
            sys.stderr.write("rekindle: the output is closed, so nothing was done.\n")
        return 1
    for stream in (sys.stdout, sys.stderr):  # None, where closed: nothing to set up
        # A terminal that cannot show “quotes” or a title's accents gets stand-ins, not a
        # traceback after the change was already saved.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        code = cli.run(args, clock=SystemClock())
        sys.stdout.flush()  # here, not at exit: a full disk is said like any other failure
        return code
    except KeyboardInterrupt:  # Ctrl+C: said in a line, as Unix tools end, not a traceback
        if sys.stderr is not None:
            sys.stderr.write("rekindle: stopped. A change under way is saved whole or not "
                             "at all, never in part.\n")  # fmt: skip
        return 130
    except BrokenPipeError:
        # The reader went away (`rekindle list | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more there
        if sys.stderr is not None:
            sys.stderr.write(f"rekindle: {cli.output_failed(error)}\n")
        return 1


def display_available(environ: Mapping[str, str] | None = None) -> bool:
    """Whether a window can open: Qt aborts the whole process when no display exists.

    Only Linux and the BSDs need a display server named in the environment; an explicit
    QT_QPA_PLATFORM (offscreen, wayland, ...) is Qt's to judge.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return bool(env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
