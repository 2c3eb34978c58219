"""The welcome dialog: choose a program, a start date, a time zone, or open a demo plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.plans import MAX_PARTNER_NAME, PlanDraft
from planner.domain.timezones import all_zone_names
from planner.ui import date_typing
from planner.ui.widgets import date_edit, message_label, named, zone_box

if TYPE_CHECKING:
    from planner.domain.ids import ProgramId
    from planner.domain.programs import Program


@dataclass(frozen=True, slots=True)
class FirstRunChoice:
    """What the person chose: a plan to start, and whether to fill it with the demo."""

    draft: PlanDraft
    demo: bool


class FirstRunDialog(QDialog):
    """Shown when the database holds no plan yet (closing it ends Rekindle), or when someone
    leaves the demo (`leaving_demo`: closing it keeps the demo).

    Attributes:
        choice: the FirstRunChoice once accepted.
    """

    def __init__(
        self,
        *,
        programs: tuple[Program, ...],
        today: date,
        zone: str,
        leaving_demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Rekindle"))
        self.setMinimumWidth(520)
        self.choice: FirstRunChoice | None = None
        self._programs = programs

        heading = QLabel(self.tr("Welcome. Let's plan the next weeks, one gentle step at a time."))
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "Pick the program you want to follow. You can plan activities for yourself, "
                "space, growth and, when the time is right, reaching out. Everything you write "
                "stays on this computer."
            )
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")

        self.program_group = QButtonGroup(self)
        program_box = QVBoxLayout()
        for index, program in enumerate(programs):
            # Each its first letter to choose it by (Alt+F, Alt+E), as every field below.
            name = "&" + program.name.replace("&", "&&")
            text = self.tr("%1 (%2 steps)").replace("%1", name)
            button = named(
                QRadioButton(text.replace("%2", str(len(program.steps)))), f"program_{program.id}"
            )
            description = QLabel(program.description)
            description.setWordWrap(True)
            description.setProperty("role", "hint")
            description.setIndent(24)
            self.program_group.addButton(button, index)
            program_box.addWidget(button)
            program_box.addWidget(description)
        buttons = self.program_group.buttons()
        buttons[-1].setChecked(True)

        self.start = date_edit("start")
        self.start.setDate(QDate(today.year, today.month, today.day))
        self.zone = zone_box("zone", zone)
        self.partner = named(QLineEdit(), "partner")
        self.partner.setMaxLength(MAX_PARTNER_NAME)
        self.partner.setPlaceholderText(self.tr("Optional, and only ever stored on this computer"))
        self.error = message_label("error", "error")
        self.error.hide()
        # One message line for the start date's notes and the time zone's, growing the
        # dialog to hold it.
        self._say = date_typing.say_in(self.start, self.error)

        form = QFormLayout()
        form.addRow(self.tr("Start &on"), self.start)
        form.addRow(self.tr("Time &zone"), self.zone)
        form.addRow(self.tr("Your &partner's first name"), self.partner)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        box = QDialogButtonBox()
        self.start_button = box.addButton(
            self.tr("&Start My Plan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("start_plan")
        self.demo_button = box.addButton(
            self.tr("E&xplore a Demo Plan"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.demo_button.setObjectName("demo")
        # With no plan yet, closing this ends Rekindle: the button says so (a trial took the
        # app gone after Cancel for a crash); leaving the demo, it stays the demo's Cancel,
        # and the demo is not offered again (a re-trial).
        self.demo_button.setVisible(not leaving_demo)
        self.leave_button = box.addButton(
            self.tr("Cancel") if leaving_demo else self.tr("&Quit"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.leave_button.setObjectName("leave")
        box.rejected.connect(self.reject)
        self.start_button.clicked.connect(lambda: self._finish(demo=False))
        self.demo_button.clicked.connect(lambda: self._finish(demo=True))

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(program_box)
        layout.addWidget(line)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)
        # The default once inside the dialog: set before, the dialog would not know it as its
        # own, and the demo button, once passed with Tab, stayed the one Enter pressed.
        self.start_button.setDefault(True)
        # The chosen program first: on the other one, a Space would change the choice unseen.
        buttons[-1].setFocus()

    def selected_program(self) -> ProgramId:
        return self._programs[max(self.program_group.checkedId(), 0)].id

    @Slot()
    def _finish(self, *, demo: bool) -> None:
        if not date_typing.settle(self.start):  # a start date still being typed, read first
            return
        zone = self.zone.currentText().strip()
        if zone not in all_zone_names():
            self._say(
                self.tr("“%1” is not a time zone I know. Try a city, like Europe/Paris.").replace(
                    "%1", zone
                )
            )
            return
        start = self.start.date().toPython()
        assert isinstance(start, date)
        self.choice = FirstRunChoice(
            PlanDraft(
                program_id=self.selected_program(),
                start=start,
                zone=zone,
                partner_name=self.partner.text().strip() or None,
            ),
            demo=demo,
        )
        self.accept()
