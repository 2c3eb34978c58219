"""Plan settings: the pace of contact the person wants Rekindle to keep an eye on."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain.plans import DEFAULT_CHECKIN_WEEKS, Plan
from planner.services import boundaries, plans
from planner.ui.widgets import message_label, named

#: Shown while the plan keeps the program's pace (a placeholder for the spin box).
DEFAULT_CONTACTS = 2
DEFAULT_GAP_HOURS = 24


class SettingsDialog(QDialog):
    """Edits a plan's pacing; `contacts_per_week` and `min_gap_hours` hold the result."""

    def __init__(self, *, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan settings"))
        self.setMinimumWidth(460)
        intro = message_label("intro", "hint")
        intro.setText(
            self.tr(
                "Rekindle notices, gently, when contact comes too often or too soon: giving "
                "each other room is part of every step. Hints are advice, never rules."
            )
        )
        self.use_program = named(
            QCheckBox(self.tr("Follow the program's pace (fewer contacts in the early steps)")),
            "use_program",
        )
        self.contacts = named(QSpinBox(), "contacts_per_week")
        self.contacts.setRange(1, plans.MAX_CONTACTS_PER_WEEK)
        self.contacts.setSuffix(self.tr(" a week"))
        self.gap = named(QSpinBox(), "min_gap_hours")
        self.gap.setRange(0, plans.MAX_GAP_HOURS)
        self.gap.setSuffix(self.tr(" hours"))
        self.use_program.setChecked(plan.contacts_per_week is None)
        self.contacts.setValue(plan.contacts_per_week or DEFAULT_CONTACTS)
        self.gap.setValue(
            plan.min_gap_hours if plan.min_gap_hours is not None else DEFAULT_GAP_HOURS
        )
        self.use_program.toggled.connect(self._on_use_program_toggled)
        self._on_use_program_toggled(self.use_program.isChecked())

        group = QGroupBox(self.tr("Pacing"))
        form = QFormLayout(group)
        form.addRow(self.use_program)
        form.addRow(self.tr("At most"), self.contacts)
        form.addRow(self.tr("At least"), self.gap)
        gap_hint = message_label("gap_hint", "hint")
        gap_hint.setText(self.tr("…between two contact activities (a message, a call, a meetup)."))
        form.addRow(gap_hint)
        self.checkin = named(QSpinBox(), "checkin_weeks")
        self.checkin.setRange(0, boundaries.MAX_CHECKIN_WEEKS)
        self.checkin.setSpecialValueText(self.tr("Never"))
        self.checkin.setPrefix(self.tr("every "))
        self.checkin.setSuffix(self.tr(" weeks"))
        self.checkin.setValue(
            DEFAULT_CHECKIN_WEEKS if plan.checkin_weeks is None else plan.checkin_weeks
        )
        checkins = QGroupBox(self.tr("Check-ins"))
        checkin_form = QFormLayout(checkins)
        checkin_form.addRow(self.tr("Ask whether the plan still feels right"), self.checkin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(group)
        layout.addWidget(checkins)
        layout.addWidget(buttons)

    @property
    def contacts_per_week(self) -> int | None:
        return None if self.use_program.isChecked() else self.contacts.value()

    @property
    def min_gap_hours(self) -> int | None:
        value = self.gap.value()
        return None if value == DEFAULT_GAP_HOURS else value

    @property
    def checkin_weeks(self) -> int | None:
        value = self.checkin.value()
        return None if value == DEFAULT_CHECKIN_WEEKS else value

    @Slot(bool)
    def _on_use_program_toggled(self, checked: bool) -> None:
        self.contacts.setEnabled(not checked)
