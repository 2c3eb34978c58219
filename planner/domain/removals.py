"""Events a newer calendar file cancelled, which an import removed here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class RemovedByFile:
    """An imported event a file cancelled, and the version that file gave it: an older file
    still holding the event must not bring it back (a newer one, undoing the cancellation
    at a higher SEQUENCE or a later LAST-MODIFIED, may)."""

    uid: str
    sequence: int
    #: The cancelling copy's LAST-MODIFIED (UTC), when the file wrote one.
    modified: datetime | None = None

    def outdates(self, sequence: int, modified: datetime | None) -> bool:
        """Whether this removal is at least as new as a copy at `sequence`, `modified`."""
        if sequence != self.sequence:
            return sequence < self.sequence
        return modified is None or self.modified is None or modified <= self.modified
