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
    #: The cancelling copy's SEQUENCE; None when its file keeps none (judged by its stamp).
    sequence: int | None
    #: The cancelling copy's LAST-MODIFIED (UTC), when the file wrote one.
    modified: datetime | None = None

    def outdates(self, sequence: int | None, modified: datetime | None) -> bool:
        """Whether this removal is at least as new as a copy at `sequence` (None: its file
        keeps none) and `modified`: as services.interop judges copies, a SEQUENCE counts
        only where both have one, and otherwise the stamps do."""
        if sequence is not None and self.sequence is not None and sequence != self.sequence:
            return sequence < self.sequence
        return modified is None or self.modified is None or modified <= self.modified
