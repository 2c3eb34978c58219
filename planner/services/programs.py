"""The built-in program catalogue, read once from resources/programs."""

from __future__ import annotations

import functools
import json

from planner import paths
from planner.domain.ids import ProgramId
from planner.domain.programs import Program, parse_program
from planner.errors import NotFoundError, ProgramDataError

#: The order programs are offered in (shortest first).
_ORDER = ("five-steps", "eleven-steps")
DEFAULT_PROGRAM = ProgramId("eleven-steps")


@functools.cache
def builtin_programs() -> tuple[Program, ...]:
    """Every built-in program, in a stable order."""
    programs = []
    for file in sorted(paths.programs_dir().glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ProgramDataError(
                f"The program file {file.name} cannot be read: {error}"
            ) from None
        programs.append(parse_program(data))
    if not programs:
        raise ProgramDataError(f"No program files were found in {paths.programs_dir()}.")
    rank = {pid: index for index, pid in enumerate(_ORDER)}
    return tuple(sorted(programs, key=lambda p: (rank.get(p.id, len(rank)), p.id)))


def get_program(program_id: str) -> Program:
    """The built-in program with that id, or a message naming the valid ones."""
    for program in builtin_programs():
        if program.id == program_id:
            return program
    known = ", ".join(p.id for p in builtin_programs())
    raise NotFoundError(f"Unknown program '{program_id}'. Choose one of: {known}.")
