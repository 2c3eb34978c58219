"""'I want to reach out now': for the urge moment. When the next contact is planned, why waiting
helps, and a private place to write the message instead of sending it."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.plans import Plan, SetAside
from planner.ui import confirm, labels
from planner.ui.widgets import message_label, named

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from planner.domain.occurrences import Occurrence


class ReachOutDialog(confirm.AsksBeforeLeaving, QDialog):
    """Reads the moment kindly; `kept_text` holds the words to keep when accepted. `hints`:
    the pacing hints on `next_contact`, in words.

    Nothing written here is sent anywhere: the caller keeps it as a private note. `keep`,
    given, keeps it at Keep as a Private Note and returns None, or why it could not: the
    words then stay here, and the reason is said.
    """

    def __init__(
        self,
        *,
        plan: Plan,
        next_contact: Occurrence | None,
        space_until: date | None = None,
        hints: Sequence[str] = (),
        keep: Callable[[str], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._keep = keep
        self.setWindowTitle(self.tr("Before You Reach Out"))
        self.setMinimumWidth(500)
        heading = QLabel(self.tr("The wish to reach out is real, and it is okay to feel it."))
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.when = message_label("next_contact", "hint")
        self.when.setText(self._when_text(plan, next_contact, space_until, hints))
        why = message_label("why_wait", "hint")
        why.setText(
            self.tr(
                "Waiting is not doing nothing. Space lets both of you feel what you feel without "
                "pressure, and words chosen on a calm day land more gently than words sent in a "
                "hard moment. Writing it down can be enough: it is kept here, just for you."
            )
        )
        self.draft = named(QPlainTextEdit(), "draft")
        self.draft.setAccessibleName(self.tr("What you would say"))
        self.draft.setTabChangesFocus(True)  # Tab goes on to the buttons (it typed a tab)
        self.draft.setPlaceholderText(
            self.tr("Write what you would say. It stays here, private, and is never sent.")
        )
        self.draft.setMinimumHeight(140)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.keep_button = named(QPushButton(self.tr("&Keep as a Private Note")), "keep")
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setEnabled(False)
        buttons.accepted.connect(self._on_keep_clicked)
        buttons.rejected.connect(self.reject)
        self.draft.textChanged.connect(self._on_draft_text_changed)
        self.error = message_label("error", "error")
        self.error.hide()
        self.draft.textChanged.connect(self.error.hide)  # it spoke of the words before
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.when)
        layout.addWidget(why)
        layout.addWidget(self.draft, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @property
    def kept_text(self) -> str:
        return self.draft.toPlainText().strip()

    def has_unsaved_changes(self) -> bool:
        """Words written in a hard moment (Keep as a Private Note keeps them)."""
        return bool(self.kept_text)

    def _on_keep_clicked(self) -> None:
        refused = self._keep(self.kept_text) if self._keep is not None else None
        if refused:
            confirm.say_refused(self, self.error, refused)
            return
        self.accept()

    def _when_text(
        self,
        plan: Plan,
        upcoming: Occurrence | None,
        space_until: date | None,
        hints: Sequence[str],
    ) -> str:
        if plan.boundary_reason is SetAside.ASKED:
            return self.tr(
                "Your partner asked for no contact. Waiting respects that wish, and respecting "
                "it is a way of caring too."
            )
        if plan.boundary_reason is SetAside.GROWTH:
            return self.tr(
                "You chose to focus on yourself for now. That choice still stands; you can "
                "change it from the Plan menu whenever you decide to."
            )
        space = ""
        if space_until is not None:  # the space the person chose, and until when
            last = labels.day_text(space_until, "dddd d MMMM")
            space = self.tr("You are in a space period you chose, through %1. ").replace("%1", last)
        if upcoming is None:
            return space + self.tr(
                "No contact is planned right now. There is no hurry to plan one."
            )
        day = upcoming.first_day(plan.tz)
        when = labels.day_text(day, "dddd d MMMM")
        if isinstance(upcoming.start, datetime):  # "Wednesday, December 9 at 6:00 PM"
            local = upcoming.start.astimezone(plan.tz)
            when = self.tr("%1 at %2").replace("%1", when).replace("%2", labels.clock(local))
        if space_until is not None and day <= space_until:
            # Not "until then, this can wait": that read as approving a contact the space
            # period's own pacing note questions (a trial).
            return space + (
                self.tr(
                    "“%1”, on %2, falls inside it; you may want to move it to after the "
                    "space. For now, this can wait."
                )
                .replace("%1", upcoming.title)
                .replace("%2", when)
            )
        if hints:
            # Not "until then, this can wait" over a contact its pacing questions (a trial:
            # a message inside a space period planned for the weekend); the hint names it.
            return space + " ".join(
                [self.tr("Your next planned contact is on %1.").replace("%1", when), *hints]
            )
        return space + (
            self.tr("Your next planned contact is “%1”, on %2. Until then, this can wait.")
            .replace("%1", upcoming.title)
            .replace("%2", when)
        )

    @Slot()
    def _on_draft_text_changed(self) -> None:
        self.keep_button.setEnabled(bool(self.kept_text))
