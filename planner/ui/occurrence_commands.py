"""Changing what a calendar shows, one occurrence at a time: opening its editor, moving or
stretching it (a drag, Move to Next Week), deleting it. One of a series is asked about
first (only this one, this and the following ones, or all; its editor asks on saving), and
each change is said in the status bar, then reviewed for pacing when it is contact.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QMessageBox

from planner.domain import recurrence
from planner.domain.occurrences import instance_key
from planner.domain.timezones import local_day
from planner.errors import PlannerError
from planner.ui import confirm, labels
from planner.ui.widgets import open_freed

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from PySide6.QtWidgets import QWidget

    from planner.domain.activities import ActivityDraft
    from planner.domain.occurrences import Occurrence
    from planner.ui.calendar.time_grid import TimeGrid
    from planner.ui.dialogs.activity import ActivityDialog
    from planner.ui.dialogs.series_scope import SeriesScope, SeriesScopeDialog
    from planner.ui.main_window import MainWindow


class OccurrenceCommands(QObject):
    """Edit, move and delete occurrences for one window (made when first used)."""

    def __init__(self, *, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window  # its status bar, selection, editors and pacing notes
        self.hub = window.hub

    def edit_occurrence(self, occurrence: Occurrence) -> ActivityDialog:
        """Open the editor on `occurrence` (one of a series: saving asks which of its days
        the changes are for). An editor already open on the activity is brought forward
        instead: two could save over each other."""
        from planner.ui.dialogs.activity import ActivityDialog

        for open_one in self._window.findChildren(ActivityDialog):
            if open_one.isVisible() and open_one.editing == occurrence.activity.uid:
                open_one.raise_()
                open_one.activateWindow()
                return open_one
        activity = self.hub.activity(occurrence.activity.uid)
        dialog = ActivityDialog(
            hub=self.hub, activity=activity, occurrence=occurrence, parent=self._window
        )
        # The editor stays open until the deletion is confirmed, so "Keep it" loses nothing.
        dialog.delete_requested.connect(lambda: self._delete_from_editor(dialog, occurrence))
        dialog.accepted.connect(lambda: self._select_edited(dialog, occurrence))
        self._window.open_activity_dialog(dialog)
        return dialog

    def _delete_from_editor(self, editor: QDialog, occurrence: Occurrence) -> None:
        """Delete from the editor, which closes once it is done; one of a series is asked
        about first, over the editor."""
        if not occurrence.activity.recurring:
            if self._delete(occurrence, None):
                editor.accept()
            return
        question = self._ask_scope(occurrence, deleting=True, parent=editor)
        question.chosen.connect(
            lambda scope: editor.accept() if self._delete(occurrence, scope) else None
        )

    def _select_edited(self, dialog: ActivityDialog, occurrence: Occurrence) -> None:
        """Follow an edited activity to where it now is (its day or hour may have changed),
        selected, as a new one is; one of a series by the day its editor was left on, if
        the series has one there (the hours scroll to it: a journaling moved to 6:30 seemed
        gone, above the hours in sight; a series moved to another week, not followed)."""
        from planner.ui.dialogs.series_scope import SeriesScope

        saved = dialog.saved
        if saved is None:
            return  # deleted, or nothing changed
        if not saved.recurring:
            self._window.select_made(saved)
        elif dialog.scope is SeriesScope.ONLY_THIS:
            self._window.select_shown(self.hub.changed_occurrence(saved, occurrence.key))
        else:
            day = dialog.first_day()
            self._window.select_shown(
                next((o for o in self.hub.occurrences(day, day) if o.activity.uid == saved.uid),
                     None)
            )  # fmt: skip

    def move_occurrence(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
    ) -> SeriesScopeDialog | None:
        """Move an occurrence to `start`..`end` (a drag in a calendar view); one undo step.

        For a repeating activity first ask which occurrences move (returning that question):
        only this one, or it and the following ones, or the whole series, each by as many
        days as this one moved and to its new time of day. Where it went is said after.
        """
        if occurrence.activity.recurring:
            from planner.ui.dialogs.series_scope import offered_answers

            day = occurrence.first_day(self.hub.plan.tz)
            switching = isinstance(start, datetime) != isinstance(occurrence.start, datetime)
            resizing = not switching and start == occurrence.start and end != occurrence.end
            last = self.hub.is_last(occurrence)
            offered = offered_answers(switching=switching, last=last)
            refused = self._refusals(occurrence, start, end, offered)
            if len(refused) == len(offered):  # said at once: no answer to ask for would do
                QMessageBox.warning(self._window, self.tr("Could Not Move"), refused[offered[0]])
                return None
            question = self._ask_scope(
                occurrence, deleting=False,
                moved_to=None if resizing else self._when(start, day),
                resized_to=self._until(end, day) if resizing else None,
                to_all_day=not isinstance(start, datetime) if switching else None,
                last=last, refused=refused,
            )  # fmt: skip

            def chosen(scope: SeriesScope) -> None:
                if self._move(occurrence, start, end, scope, resizing=resizing):
                    self.after_move(occurrence, start, end, scope)

            question.chosen.connect(chosen)
            return question
        if self._move(occurrence, start, end, None):
            self.after_move(occurrence, start, end)
        return None

    def move_from_grid(
        self, grid: TimeGrid, occurrence: Occurrence, start: datetime | date, end: datetime | date
    ) -> None:
        """One of a series dragged in a time grid: it stays drawn where it was dropped
        while the question is open."""
        question = self.move_occurrence(occurrence, start, end)
        if question is not None:
            grid.hold_until_answered(question)

    def move_from_month(
        self, occurrence: Occurrence, start: datetime | date, end: datetime | date
    ) -> None:
        """ "Move to Next Week" in the month: a series is asked about (naming the day); a
        one-off goes at once, and the status bar says where, since it may leave the view."""
        if occurrence.activity.recurring:
            self.move_occurrence(occurrence, start, end)
        elif self._move(occurrence, start, end, None):
            self.after_move(occurrence, start, end)
            # Still the one chosen, where it went if the month shows it (a trial saw Edit
            # greyed after the move, and could not move it again at once).
            moved = self.hub.first_occurrence(self.hub.activity(occurrence.activity.uid))
            day = local_day(start, self.hub.plan.tz)
            if moved is not None and self._window.month_view.day_rect(day) is not None:
                self._window.month_view.choose(moved, day)

    def after_move(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
        scope: SeriesScope | None = None,
    ) -> None:
        """Say where a moved (or stretched) occurrence went, as marks are said (a trial saw
        nothing after a drag, and a move to next week may leave the view), and which of a
        series went with it; then, for contact, the pacing note the editor gives (a drag
        into a space period had shown only a dot), the line said again after it."""
        from planner.ui.dialogs.series_scope import SeriesScope

        day = occurrence.first_day(self.hub.plan.tz)
        same_kind = isinstance(start, datetime) == isinstance(occurrence.start, datetime)
        if same_kind and start == occurrence.start and end != occurrence.end:
            text = (
                self.tr("Every “%1” will now %2. Undo with %3.")
                if scope is SeriesScope.ALL
                else self.tr("“%1” and the ones after it will now %2. Undo with %3.")
                if scope is SeriesScope.FOLLOWING
                else self.tr("“%1” will now %2. Undo with %3.")
            ).replace("%2", self._until(end, day))
        else:
            # A series' line names the day too ("that day" would point at nothing there).
            when = self._when(start, None if scope in (SeriesScope.ALL, SeriesScope.FOLLOWING)
                              else day)  # fmt: skip
            if not isinstance(start, datetime) and isinstance(occurrence.start, datetime):
                when = self.tr("%1, all day").replace("%1", when)  # said, as it changed
            text = (
                self.tr("Moved every “%1” (this one to %2). Undo with %3.")
                if scope is SeriesScope.ALL
                else self.tr("Moved “%1” and the ones after it (this one to %2). Undo with %3.")
                if scope is SeriesScope.FOLLOWING
                else self.tr("Moved “%1” to %2. Undo with %3.")
            ).replace("%2", when)
        text = text.replace("%3", self._window.undo_key()).replace(
            "%1", occurrence.title
        )  # title last
        self._window.statusBar().showMessage(text, 6000)
        if not occurrence.activity.category.involves_contact:
            return  # no pacing to review (and no day to read again for it)
        # Where it went, as shown now: the same activity, or the new series "this and
        # following" made, starting when it was dropped.
        landed = local_day(start, self.hub.plan.tz)
        moved = next(
            (
                shown
                for shown in self.hub.occurrences(landed, landed)
                if shown.start == start
                and (
                    shown.activity.uid == occurrence.activity.uid or shown.title == occurrence.title
                )
            ),
            None,
        )
        note = (
            self._window.review_pacing(moved.activity, moved=moved) if moved is not None else None
        )
        if note is not None:  # kept as it is: the line it covered said again (a trial)
            note.finished.connect(lambda _result: self._window.say_again(note, text))

    def _move(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
        scope: SeriesScope | None,
        *,
        resizing: bool = False,
    ) -> bool:
        """Save the move (or, `resizing`, the new end); False (after saying why) when it
        could not be saved."""
        from planner.ui.dialogs.series_scope import SeriesScope

        try:
            draft = self._moved(occurrence, start, end, scope)
            uid, name = occurrence.activity.uid, occurrence.recurrence_id
            if scope is SeriesScope.ONLY_THIS:
                self.hub.update_occurrence(uid, name, draft, moving=True, resizing=resizing)
                return True
            if scope is SeriesScope.FOLLOWING:
                self.hub.split_series(uid, name, draft, moving=True, resizing=resizing)
            elif scope is SeriesScope.ALL:
                text = self.tr("Resize every “%1”") if resizing else self.tr("Move every “%1”")
                self.hub.update_activity(uid, draft, undo_text=text)
            else:  # one of its own
                text = self.tr("Resize “%1”") if resizing else self.tr("Move “%1”")
                self.hub.update_activity(uid, draft, undo_text=text)
        except PlannerError as error:
            QMessageBox.warning(self._window, self.tr("Could Not Move"), error.message)
            return False
        return True

    def _moved(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
        scope: SeriesScope | None,
    ) -> ActivityDraft:
        """What is saved when `occurrence` moves to `start`..`end` for `scope`: the one
        day's own times, or the series' (or its following part's) moved start and rule."""
        from planner.ui.dialogs.series_scope import SeriesScope

        activity = self.hub.activity(occurrence.activity.uid)
        if scope is SeriesScope.ONLY_THIS:
            return replace(activity.draft(), start=start, end=end, title=occurrence.title,
                           location=occurrence.location, notes=occurrence.notes)  # fmt: skip
        following = scope is SeriesScope.FOLLOWING
        return recurrence.moved_series(activity, occurrence, start, end, following=following)

    def _refusals(
        self,
        occurrence: Occurrence,
        start: datetime | date,
        end: datetime | date,
        offered: Sequence[SeriesScope],
    ) -> dict[SeriesScope, str]:
        """Why each answer `offered` would be refused, for those that would be: tried
        before asking, so that the question offers only what can be done (a trial was asked,
        answered, then told the move could not be made)."""
        from planner.ui.dialogs.series_scope import SeriesScope

        uid, name = occurrence.activity.uid, occurrence.recurrence_id
        refused: dict[SeriesScope, str] = {}
        for scope in offered:
            try:
                draft = self._moved(occurrence, start, end, scope)
            except PlannerError as error:
                refused[scope] = error.message
                continue
            reason = self.hub.refusal(
                uid, draft,
                only=name if scope is SeriesScope.ONLY_THIS else None,
                following=name if scope is SeriesScope.FOLLOWING else None,
            )  # fmt: skip
            if reason is not None:
                refused[scope] = reason
        return refused

    def _when(self, start: datetime | date, from_day: date | None) -> str:
        """A new start in words: "Tuesday 24 November at 09:30" (a day alone when all-day),
        or "09:30 that day" when it stays on `from_day`."""
        if isinstance(start, datetime):
            local = start.astimezone(self.hub.plan.tz)
            if local.date() == from_day:
                return self.tr("%1 that day").replace("%1", labels.clock(local))
            day = labels.day_text(local, "dddd d MMMM")
            return self.tr("%1 at %2").replace("%1", day).replace("%2", labels.clock(local))
        return labels.day_text(start, "dddd d MMMM")

    def _until(self, end: datetime | date, from_day: date) -> str:
        """A new end in words, for the question before stretching an occurrence of a
        series: "end at 16:00", "end on Saturday 19 December at 01:00" or, all-day, "last
        until Friday 18 December"."""
        if isinstance(end, datetime):
            local = end.astimezone(self.hub.plan.tz)
            if local.date() == from_day:
                return self.tr("end at %1").replace("%1", labels.clock(local))
            if local.date() == from_day + timedelta(days=1) and local.time() == time(0, 0):
                return self.tr("end at midnight")  # not "on the next day at 00:00"
            day = labels.day_text(local, "dddd d MMMM")
            return self.tr("end on %1 at %2").replace("%1", day).replace("%2", labels.clock(local))
        last = labels.day_text(end - timedelta(days=1), "dddd d MMMM")
        return self.tr("last until %1").replace("%1", last)

    def _ask_scope(
        self,
        occurrence: Occurrence,
        *,
        deleting: bool,
        moved_to: str | None = None,
        resized_to: str | None = None,
        to_all_day: bool | None = None,
        last: bool | None = None,
        refused: Mapping[SeriesScope, str] | None = None,
        parent: QWidget | None = None,
    ) -> SeriesScopeDialog:
        from planner.ui.dialogs.series_scope import SeriesScopeDialog

        day = occurrence.first_day(self.hub.plan.tz)
        apart = [o for o in occurrence.activity.overrides
                 if instance_key(o.recurrence_id) != occurrence.key]  # fmt: skip
        question = SeriesScopeDialog(
            title=occurrence.title, day=day, deleting=deleting, moved_to=moved_to,
            resized_to=resized_to, to_all_day=to_all_day, changed_apart=len(apart),
            last=self.hub.is_last(occurrence) if last is None else last,
            refused=refused or {}, parent=parent or self._window,
        )  # fmt: skip
        open_freed(question)
        return question

    @Slot(object)
    def delete_occurrence(self, occurrence: Occurrence) -> bool:
        """Delete the activity; Ctrl+Z brings it back. For a repeating one, first ask which
        occurrences (returning False: the answer does the deleting)."""
        if occurrence.activity.recurring:
            question = self._ask_scope(occurrence, deleting=True)
            question.chosen.connect(lambda scope: self._delete(occurrence, scope))
            return False
        return self._delete(occurrence, None)

    def _delete(self, occurrence: Occurrence, scope: SeriesScope | None) -> bool:
        """Delete what `scope` names (None or ALL: the whole activity).

        Only when private reflections would go with it does Rekindle ask first: those are the
        person's own words, and they should not vanish on a stray key press.
        """
        from planner.ui.dialogs.series_scope import SeriesScope

        activity = occurrence.activity
        try:
            marks = self.hub.activity_snapshot(activity.uid).completions
        except PlannerError as error:
            QMessageBox.warning(self._window, self.tr("Could Not Delete"), error.message)
            return False
        going = [mark for mark in marks if _in_scope(mark.recurrence_id, occurrence, scope)]
        reflections = sum(1 for mark in going if mark.reflection is not None)
        if reflections:
            if reflections == 1:
                text = self.tr("Delete “%1”? The reflection you wrote for it goes with it.")
            else:
                text = self.tr(
                    "Delete “%1”? The %2 reflections you wrote for it go with it."
                ).replace("%2", str(reflections))
            if not confirm.ask(
                self._window,
                self.tr("Delete Activity"),
                text.replace("%1", activity.title)
                + "\n\n"
                + self.tr("Edit › Undo brings all of it back."),
                accept=self.tr("Delete"),
                reject=self.tr("Keep It"),
            ):
                return False
        if scope in (SeriesScope.ONLY_THIS, SeriesScope.FOLLOWING):
            return self._delete_part(occurrence, scope)
        try:
            self.hub.delete_activity(activity.uid)
        except PlannerError as error:
            QMessageBox.warning(self._window, self.tr("Could Not Delete"), error.message)
            return False
        shortcut = self._window.undo_key()
        self._window.statusBar().showMessage(
            self.tr("Deleted “%1”. Undo with %2.")
            .replace("%1", activity.title)
            .replace("%2", shortcut),
            6000,
        )
        return True

    def _delete_part(self, occurrence: Occurrence, scope: SeriesScope) -> bool:
        """Delete one occurrence of a series (an exception date), or it and the ones after."""
        from planner.ui.dialogs.series_scope import SeriesScope

        uid, name = occurrence.activity.uid, occurrence.recurrence_id
        try:
            if scope is SeriesScope.ONLY_THIS:
                self.hub.delete_occurrence(uid, name)
                text = self.tr("Deleted “%1” on %2. Undo with %3.")
            else:
                self.hub.delete_following(uid, name)
                text = self.tr("Deleted “%1” from %2 on. Undo with %3.")
        except PlannerError as error:
            QMessageBox.warning(self._window, self.tr("Could Not Delete"), error.message)
            return False
        day = occurrence.first_day(self.hub.plan.tz)
        shortcut = self._window.undo_key()
        when = labels.day_text(day, "dddd d MMMM")
        self._window.statusBar().showMessage(
            text.replace("%3", shortcut).replace("%2", when).replace("%1", occurrence.title), 6000
        )
        return True


def _in_scope(name: datetime | date, occurrence: Occurrence, scope: SeriesScope | None) -> bool:
    """Whether the instance `name` goes when `scope` of `occurrence`'s series is deleted."""
    from planner.ui.dialogs.series_scope import SeriesScope

    if scope is SeriesScope.ONLY_THIS:
        return name == occurrence.key
    if scope is SeriesScope.FOLLOWING:
        key = occurrence.key
        return isinstance(name, datetime) == isinstance(key, datetime) and name >= key
    return True
