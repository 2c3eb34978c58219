"""Before importing a file from another calendar: where its events go in the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from planner.domain import milestones
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.services.interop import ForUnnamed
from planner.ui import icons, labels
from planner.ui.widgets import message_label, named

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.ui.hub import Hub

#: How many of the events asked about are named in the question; the rest are counted.
NAMED = 3


class ImportOptionsDialog(QDialog):
    """Asks which step, and which kind of activity, the events of a file that say neither
    go to. Another calendar's events name no step of this plan and rarely a kind Rekindle
    knows: they had all come in as "Other" on the current step, to be changed one by one.
    """

    def __init__(
        self,
        *,
        hub: Hub,
        file_name: str,
        count: int,
        titles: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        """`count`: how many new events of the file name no step or kind; `titles`, theirs."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))  # as the File menu names it (Import…)
        intro = message_label("import_intro", "")
        if count == 1:
            words = self.tr(
                "One new event in “%1” does not say which step it belongs to, or what kind "
                "of activity it is. Where should it go?"
            )
        else:
            words = self.tr(
                "%2 new events in “%1” do not say which step they belong to, or what kind "
                "of activity they are. Where should they go?"
            ).replace("%2", str(count))
        intro.setText(words.replace("%1", file_name) + self._named(titles, count))
        self.step = named(QComboBox(), "import_step")
        for step in hub.program.steps:
            self.step.addItem(f"{step.number}. {step.title}", step.number)
        here = milestones.step_you_are_on(hub.steps_progress(), hub.plan.current_step)
        if here is not None:
            self.step.setCurrentIndex(self.step.findData(here.number))
        self.category = named(QComboBox(), "import_category")
        for category in Category:
            self.category.addItem(
                icons.coloured_category_icon(category), labels.category_label(category), category
            )
        self.category.setCurrentIndex(self.category.findData(Category.OTHER))
        note = message_label("import_note", "hint")
        note.setText(
            self.tr("Activities already in your plan keep the step and category they have.")
        )
        form = QFormLayout()
        form.addRow(self.tr("&Step"), self.step)
        form.addRow(self.tr("&Category"), self.category)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.import_button.setDefault(True)  # only inside the dialog does QDialog honour it
        self.setMinimumWidth(420)
        self.step.setFocus()

    @property
    def unnamed(self) -> ForUnnamed:
        """The choice, for the events that name no step or kind."""
        return ForUnnamed(StepNumber(self.step.currentData()), self.category.currentData())

    def _named(self, titles: Sequence[str], count: int) -> str:
        """The events asked about, by title: the first NAMED, then how many more."""
        if not titles:
            return ""
        shown = [f"“{title}”" for title in titles[:NAMED]]
        more = count - len(shown)
        if more > 0:
            shown.append(self.tr("%1 more").replace("%1", str(more)))
        if len(shown) == 1:
            listed = shown[0]
        else:
            listed = self.tr("%1 and %2").replace("%1", ", ".join(shown[:-1]))
            listed = listed.replace("%2", shown[-1])
        sentence = self.tr("The events: %1.") if count > 1 else self.tr("The event: %1.")
        return "\n\n" + sentence.replace("%1", listed)
