"""Composition root: parse the command line, then run a command or start the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from planner import cli
from planner.clock import SystemClock


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rekindle` command."""
    args = cli.parse(argv)
    if args.command is None:
        from planner.ui import application  # imported lazily: the CLI never loads Qt

        return application.run(db_path=args.db, clock=SystemClock())
    try:
        return cli.run(args, clock=SystemClock())
    except BrokenPipeError:
        # The reader went away (`rekindle list | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
