"""One QUndoCommand per user action, restoring exactly what the action replaced.

Each command is pushed after its action already succeeded (the Hub runs the service call first,
so errors reach the person as plain messages), which is why the first `redo()` does nothing.
A later undo or redo that fails (the activity was deleted meanwhile) makes the command obsolete
and reports the reason through `UndoHost.report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from planner.domain.ids import ActivityUid, StepNumber
from planner.errors import NotFoundError, PlannerError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.domain.completions import Reflection
    from planner.domain.milestones import StepRecord
    from planner.domain.occurrences import Occurrence, Status
    from planner.domain.removals import RemovedByFile
    from planner.services.activities import ActivitySnapshot
    from planner.services.changes import Changes
    from planner.services.progress import MarkUndo


class UndoHost(Protocol):
    """What commands need from the Hub: the raw service calls, and a way to report failure."""

    def apply_mark(
        self,
        occurrence: Occurrence,
        status: Status,
        reflection: Reflection | None,
        *,
        discard_reflection: bool = False,
    ) -> tuple[Changes, MarkUndo]: ...

    def apply_undo_mark(self, undo: MarkUndo) -> Changes: ...

    def apply_step_record(self, step: StepNumber, record: StepRecord | None) -> Changes: ...

    def apply_put_back(self, snapshot: ActivitySnapshot) -> Changes: ...

    def apply_delete(self, uid: ActivityUid) -> Changes: ...

    def apply_restore(
        self, states: Sequence[tuple[ActivityUid, ActivitySnapshot | None]]
    ) -> Changes: ...

    def apply_import_state(
        self,
        states: Sequence[tuple[ActivityUid, ActivitySnapshot | None]],
        records: Sequence[tuple[StepNumber, StepRecord | None]],
        removals: tuple[Sequence[RemovedByFile], Sequence[RemovedByFile]] = ...,
    ) -> Changes: ...

    def announce(self, changes: Changes) -> None: ...

    def report(self, message: str) -> None: ...


class _Command(QUndoCommand):
    """Skips the first redo (already done) and turns failures into an obsolete command."""

    def __init__(self, host: UndoHost, text: str) -> None:
        super().__init__(text)
        self._host = host
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._guarded(self._redo)
        self._done = True

    def undo(self) -> None:
        self._guarded(self._undo)
        self._done = False

    def _guarded(self, action: object) -> None:
        assert callable(action)
        try:
            action()
        except NotFoundError as error:
            self.setObsolete(True)
            self._host.report(self._gone() or error.message)
        except PlannerError as error:
            self.setObsolete(True)
            self._host.report(error.message)

    def _gone(self) -> str | None:
        """A plainer message when what the command changed no longer exists."""
        return None

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class MarkCommand(_Command):
    """Marking one occurrence done, skipped or planned (with its reflection)."""

    def __init__(
        self,
        host: UndoHost,
        text: str,
        *,
        occurrence: Occurrence,
        status: Status,
        reflection: Reflection | None,
        snapshot: MarkUndo,
    ) -> None:
        super().__init__(host, text)
        self._occurrence = occurrence
        self._status = status
        self._reflection = reflection
        self._snapshot = snapshot

    def _redo(self) -> None:
        # Only a reflection the person already agreed to remove may go again: one written
        # since (e.g. from the command line) makes the redo stop and say why.
        confirmed = self._snapshot.previous is not None and (
            self._snapshot.previous.reflection is not None
        )
        changes, self._snapshot = self._host.apply_mark(
            self._occurrence, self._status, self._reflection, discard_reflection=confirmed
        )
        self._host.announce(changes)

    def _undo(self) -> None:
        self._host.announce(self._host.apply_undo_mark(self._snapshot))

    def _gone(self) -> str:
        return QCoreApplication.translate(
            "undo", "“%1” has been deleted since, so there is nothing left to undo or redo there."
        ).replace("%1", self._occurrence.title)


class StepRecordCommand(_Command):
    """Completing a step by hand or reopening it: the record before and after."""

    def __init__(
        self,
        host: UndoHost,
        text: str,
        *,
        step: StepNumber,
        before: StepRecord | None,
        after: StepRecord | None,
    ) -> None:
        super().__init__(host, text)
        self._step = step
        self._before = before
        self._after = after

    def _redo(self) -> None:
        self._host.announce(self._host.apply_step_record(self._step, self._after))

    def _undo(self) -> None:
        self._host.announce(self._host.apply_step_record(self._step, self._before))


class ActivityCommand(_Command):
    """Creating, editing or deleting an activity: the stored activity before and after.

    None on one side means the activity did not exist then. Undo and redo put the snapshot
    back whole, so the UID, a series' exceptions and its marks return exactly.
    """

    def __init__(
        self,
        host: UndoHost,
        text: str,
        *,
        before: ActivitySnapshot | None,
        after: ActivitySnapshot | None,
    ) -> None:
        super().__init__(host, text)
        self._before = before
        self._after = after

    def _redo(self) -> None:
        self._become(self._after, self._before)

    def _undo(self) -> None:
        self._become(self._before, self._after)

    def brought_back(self, *, undone: bool) -> ActivityUid | None:
        """The activity this step leaves in the plan once undone (or redone), if any: what
        the calendar then chooses, as it was chosen before (Enter opens it again)."""
        kept = self._before if undone else self._after
        return kept.activity.uid if kept is not None else None

    def _become(self, target: ActivitySnapshot | None, other: ActivitySnapshot | None) -> None:
        if target is not None:
            self._host.announce(self._host.apply_put_back(target))
        elif other is not None:
            self._host.announce(self._host.apply_delete(other.activity.uid))

    def _gone(self) -> str:
        known = self._after or self._before
        title = known.activity.title if known is not None else ""
        return QCoreApplication.translate(
            "undo", "“%1” has changed since in a way this cannot undo."
        ).replace("%1", title)


#: Each activity a command touched, as it was (None: it did not exist) on one side.
States = tuple[tuple[ActivityUid, "ActivitySnapshot | None"], ...]  # the service loads later


class ActivitiesCommand(_Command):
    """A change to one or more activities at once, such as splitting a series in two or
    deleting one occurrence: every touched activity's snapshot before and after.

    Undo and redo restore all of them in one transaction, UIDs, exceptions and marks
    included; None on one side means that activity did not exist then.
    """

    def __init__(self, host: UndoHost, text: str, *, before: States, after: States) -> None:
        super().__init__(host, text)
        self._before = before
        self._after = after

    def _redo(self) -> None:
        self._host.announce(self._host.apply_restore(self._after))

    def _undo(self) -> None:
        self._host.announce(self._host.apply_restore(self._before))

    def brought_back(self, *, undone: bool) -> ActivityUid | None:
        """As ActivityCommand's, when the step leaves one activity (a series whose one day
        was changed, or that was split); several (a copied week) leave nothing chosen."""
        kept = [uid for uid, state in (self._before if undone else self._after) if state]
        return kept[0] if len(kept) == 1 else None

    def _gone(self) -> str:
        title = next(
            (state.activity.title for _, state in (*self._before, *self._after) if state), ""
        )
        return QCoreApplication.translate(
            "undo", "“%1” has changed since in a way this cannot undo."
        ).replace("%1", title)


class ImportCommand(ActivitiesCommand):
    """An import, or words kept as a note (made done at once): the activities it added or
    updated, and the milestones their done marks completed (recorded with them, so taken
    back with them), in one transaction each way."""

    def __init__(
        self,
        host: UndoHost,
        text: str,
        *,
        before: States,
        after: States,
        reached: tuple[tuple[StepNumber, StepRecord | None], ...],
        removals: tuple[tuple[RemovedByFile, ...], tuple[RemovedByFile, ...]] = ((), ()),
    ) -> None:
        super().__init__(host, text, before=before, after=after)
        self._reached = reached
        self._removals = removals  # the removal records it made, and those it cleared

    def _redo(self) -> None:
        self._host.announce(
            self._host.apply_import_state(self._after, self._reached, self._removals)
        )

    def _undo(self) -> None:
        gone = tuple((step, None) for step, _record in self._reached)
        made, cleared = self._removals
        self._host.announce(self._host.apply_import_state(self._before, gone, (cleared, made)))
