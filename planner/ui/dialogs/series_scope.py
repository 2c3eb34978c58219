"""The question before changing or deleting one occurrence of a repeating activity: only this
one, this and the following ones, or all of them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.ui import labels
from planner.ui.widgets import named

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date


#: The question's narrowest: its window title is read whole beside one button.
MIN_WIDTH = 400


class SeriesScope(enum.Enum):
    """Which occurrences of a series a change or deletion is for."""

    ONLY_THIS = "only_this"
    FOLLOWING = "following"
    ALL = "all"


class SeriesScopeDialog(QDialog):
    """Asks which occurrences a change (or deletion) of the one on `day` is for.

    "Only this one" is the default button, since it changes least (when it is offered);
    Escape cancels.

    Signals:
        chosen(SeriesScope): an answer was given (never on cancel).

    Attributes:
        choice: the answer, or None while none was given (or after cancelling).
    """

    chosen = Signal(object)

    def __init__(
        self,
        *,
        title: str,
        day: date,
        deleting: bool,
        moved_to: str | None = None,
        resized_to: str | None = None,
        to_all_day: bool | None = None,
        saving: bool = False,
        shared: str = "",
        ending: bool = False,
        alone: bool = False,
        reflections_after: int = 0,
        changed_apart: int = 0,
        last: bool = False,
        refused: Mapping[SeriesScope, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`moved_to`: where a drag puts it ("09:30 that day"); `resized_to`: how a drag of
        its end changes it ("end at 16:00"). `to_all_day`: the drag makes a timed occurrence
        all-day (True) or gives an all-day one a time (False). One occurrence is always of
        its series' kind, so "only this one" is not offered then. `changed_apart`: how many
        other days of the series were changed on their own, which a change of all of them
        leaves as they are (said: a trial expected "all" to move them too).

        `saving`: asked when the editor saves (as calendars ask, once the change is known).
        `shared`: what was changed there that all of the series' days share ("its step"), so
        that "only this one" is not offered. `ending`: the change ends the repeat there, so
        only "this and following" is offered (as Apple does): for all of them it would have
        left one day of many, without a word (a trial); `reflections_after`: how many later
        days hold a reflection, which go out of sight with them (said). `alone`: a new date on
        a repeat Rekindle keeps but cannot change, so only "only this one" is offered. `last`:
        no day of the series comes after this one, so "this and following" is not offered
        beside "only this one" (it had made a series of one: "Ends after 1 times", a
        re-trial). `refused`: why the answers that would be refused would be (tried
        before asking), which are offered greyed, with the reason said beneath."""
        super().__init__(parent)
        self.choice: SeriesScope | None = None
        when = labels.day_text(day, "dddd d MMMM")
        if deleting:
            self.setWindowTitle(self.tr("Delete a Repeating Activity"))
            text = (
                self.tr("“%1” repeats, and the one on %2 is its last. Delete only that one, "
                        "or all of them?")
                if last
                else self.tr("“%1” repeats. Delete only the one on %2, this one and the ones "
                             "after it, or all of them?")
            )  # fmt: skip
        elif to_all_day is not None:  # a drag across the all-day row: the series' kind
            self.setWindowTitle(self.tr("Move a Repeating Activity"))
            if to_all_day:
                text = self.tr(
                    "“%1” repeats, and its days are all-day together or not at all. Make the "
                    "one on %2 and the ones after it all-day, or all of them?"
                )
            else:
                text = self.tr(
                    "“%1” repeats, and its days have a time together or not at all. Move the "
                    "one on %2 and the ones after it to %3, or all of them?"
                ).replace("%3", moved_to or "")
        elif saving:
            self.setWindowTitle(self.tr("Save a Repeating Activity"))
            if ending:
                text = self.tr(
                    "“%1” will no longer repeat: the one on %2 stays, as you changed it, and "
                    "the ones after it are removed. The ones before it stay as they are."
                )
                if reflections_after == 1:
                    text += " " + self.tr(
                        "The reflection you wrote for a later one goes with it (Edit › Undo "
                        "brings it back)."
                    )
                elif reflections_after > 1:
                    text += " " + self.tr(
                        "The %3 reflections you wrote for later ones go with them (Edit › Undo "
                        "brings them back)."
                    ).replace("%3", str(reflections_after))
            elif alone:
                text = self.tr(
                    "“%1” repeats in a way Rekindle keeps but cannot change, so a new date is "
                    "for the one on %2 alone, with whatever else you changed in it. Save it?"
                )
            elif shared:
                text = self.tr(
                    "“%1” repeats, and what you changed is the same on all of its days (%3). "
                    "Save your changes for the one on %2 and the ones after it, or for all "
                    "of them?"
                ).replace("%3", shared)
            elif last:
                text = self.tr(
                    "“%1” repeats, and the one on %2 is its last. Save your changes for it "
                    "only, or for all of them?"
                )
            else:
                text = self.tr(
                    "“%1” repeats. Save your changes for the one on %2 only, for it and the "
                    "ones after it, or for all of them?"
                )
        elif resized_to is not None:  # a drag of its end: said as such, not as a move
            self.setWindowTitle(self.tr("Change a Repeating Activity"))
            text = (
                self.tr("“%1” repeats, and the one on %2 is its last. Make only that one %3, "
                        "or all of them, each the same way?")
                if last
                else self.tr("“%1” repeats. Make only the one on %2 %3, or this one and the "
                             "ones after it, or all of them, each the same way?")
            ).replace("%3", resized_to)  # fmt: skip
        elif moved_to is not None:  # a drag: say where to, since the question hides the drop
            self.setWindowTitle(self.tr("Move a Repeating Activity"))
            text = (
                self.tr("“%1” repeats, and the one on %2 is its last. Move only that one to "
                        "%3, or all of them, each the same way?")
                if last
                else self.tr("“%1” repeats. Move only the one on %2 to %3, or this one and "
                             "the ones after it, or all of them, each the same way?")
            ).replace("%3", moved_to)  # fmt: skip
        else:
            self.setWindowTitle(self.tr("Change a Repeating Activity"))
            text = (
                self.tr("“%1” repeats, and the one on %2 is its last. Change only that one, "
                        "or all of them?")
                if last
                else self.tr("“%1” repeats. Change only the one on %2, this one and the ones "
                             "after it, or all of them?")
            )  # fmt: skip
        if changed_apart and to_all_day is None and (moved_to or resized_to or saving):
            # A move or a stretch of all leaves those days' times; an edit of all gives them
            # its words, a switch to all-day its kind: the sentence would not be true then.
            text += " " + (
                self.tr("The one other day you changed separately keeps what you gave it.")
                if changed_apart == 1
                else self.tr(
                    "The %3 other days you changed separately keep what you gave them."
                ).replace("%3", str(changed_apart))
            )
        # The title last: one holding "%2" stays as written.
        question = named(QLabel(text.replace("%2", when).replace("%1", title)), "question")
        question.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.only_this = self._button(buttons, self.tr("&Only This One"), "only_this")
        self.following = self._button(buttons, self.tr("This and &Following"), "following")
        self.all = self._button(buttons, self.tr("&All"), "all")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        buttons.rejected.connect(self.reject)
        self._scopes = {
            self.only_this: SeriesScope.ONLY_THIS,
            self.following: SeriesScope.FOLLOWING,
            self.all: SeriesScope.ALL,
        }
        for button in self._scopes:
            button.clicked.connect(self._on_scope_clicked)

        # Room for the title bar's words too ("Save a Rep…ing Activity" with one button, a
        # trial).
        self.setMinimumWidth(MIN_WIDTH)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        if ending:
            self.following.setText(self.tr("&Save"))  # the one choice the sentence names
        if alone:
            self.only_this.setText(self.tr("&Save"))
        offered = offered_answers(switching=to_all_day is not None, shared=bool(shared),
                                  ending=ending, alone=alone, last=last)  # fmt: skip
        for button, scope in self._scopes.items():
            if scope not in offered:
                button.hide()
        reasons = self._refuse(refused or {})
        if reasons:
            note = named(QLabel("\n".join(reasons)), "refused")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(buttons)
        first = next((b for b in self._scopes if not b.isHidden() and b.isEnabled()), cancel)
        first.setDefault(True)
        first.setFocus()

    def _refuse(self, refused: Mapping[SeriesScope, str]) -> list[str]:
        """Grey the answers offered that would be refused; why, one line each."""
        lines = {
            SeriesScope.ONLY_THIS: self.tr("Not for this one alone: %1"),
            SeriesScope.FOLLOWING: self.tr("Not for this one and the ones after it: %1"),
            SeriesScope.ALL: self.tr("Not for all of them: %1"),
        }
        reasons = []
        for button, scope in self._scopes.items():
            if scope in refused and not button.isHidden():
                button.setEnabled(False)
                button.setToolTip(refused[scope])
                reasons.append(lines[scope].replace("%1", refused[scope]))
        return reasons

    @staticmethod
    def _button(buttons: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        return button

    @Slot()
    def _on_scope_clicked(self) -> None:
        sender = self.sender()
        assert isinstance(sender, QPushButton)
        self.choice = self._scopes[sender]
        self.accept()
        self.chosen.emit(self.choice)


def offered_answers(
    *,
    switching: bool = False,
    shared: bool = False,
    ending: bool = False,
    alone: bool = False,
    last: bool = False,
) -> list[SeriesScope]:
    """The answers SeriesScopeDialog offers (see its arguments), in its order: kept in one
    place, as what is tried before asking must be what is offered (a review found the same
    rules written three times). A switch between all-day and timed, or a change all days
    share, is never for one day; ending the repeat is for the following ones only; a new
    date on a rule Rekindle cannot change is for that day alone; the last day has none
    after it."""
    shown = set(SeriesScope)
    if ending:
        shown -= {SeriesScope.ALL}
    if alone:
        shown -= {SeriesScope.FOLLOWING, SeriesScope.ALL}
    if switching or shared or ending:
        shown -= {SeriesScope.ONLY_THIS}
    elif last:
        shown -= {SeriesScope.FOLLOWING}
    return [scope for scope in SeriesScope if scope in shown]
