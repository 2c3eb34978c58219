"""Errors the user may see: each carries a plain-English message, never a traceback."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every error Rekindle explains to the user in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInputError(PlannerError):
    """A value the user gave cannot be used (empty title, end before start, unknown category)."""


class ReflectionWouldBeLostError(InvalidInputError):
    """Marking would remove a reflection the person wrote; asked for explicitly, never silent."""


class RecurrenceError(InvalidInputError):
    """A repeat rule (RRULE) that cannot be read or would never produce a date."""


class UnplannableError(InvalidInputError):
    """Well-formed, but more than Rekindle plans: a repeat at set hours, a year before 1900,
    a series of 100,000 times, an event longer than two weeks. An import skips such an
    event, saying why, and takes the rest of the file."""


class UnplannableRuleError(RecurrenceError, UnplannableError):
    """A repeat rule that is valid iCalendar but one Rekindle cannot plan."""


class ProgramDataError(PlannerError):
    """A program data file is malformed; this is a packaging bug, not the user's fault."""


class NotFoundError(PlannerError):
    """Something the user named (an activity UID, a program) does not exist."""


class StorageError(PlannerError):
    """The database file cannot be opened, read or written."""


class NotADatabaseError(StorageError):
    """The file exists but is not a Rekindle database (or is damaged beyond reading)."""


class DamagedDatabaseError(NotADatabaseError):
    """A Rekindle database that is truncated or corrupted; the latest backup may help."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer Rekindle than this one."""


class FileFormatError(InvalidInputError):
    """A calendar file that cannot be read; the message names the line or component."""


class CancelledError(Exception):
    """The person cancelled a long export or import; nothing was changed. Not an error to show."""
