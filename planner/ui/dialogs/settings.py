"""Plan settings: the partner's name, the pace of contact the person wants Rekindle to keep
an eye on, and how reminders behave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain.plans import DEFAULT_CHECKIN_WEEKS, MAX_PARTNER_NAME, Plan
from planner.domain.reminders import ReminderOptions
from planner.domain.timezones import all_zone_names
from planner.services import boundaries, plans
from planner.ui import confirm, labels, room
from planner.ui.widgets import FittingScroll, message_label, named, zone_box

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

#: Shown while the plan keeps the program's pace (a placeholder for the spin box).
DEFAULT_CONTACTS = 2
DEFAULT_GAP_HOURS = 24


class SettingsDialog(confirm.AsksBeforeLeaving, QDialog):
    """Edits a plan's pacing and reminder options; `contacts_per_week`, `min_gap_hours` and
    `reminder_options` hold the result. Escape or Cancel after a change asks first, as the
    editor does (a pace and a partner's name set with care went without a word)."""

    def __init__(
        self,
        *,
        plan: Plan,
        reminders: ReminderOptions | None = None,
        tray_available: bool = True,
        program_pace: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`program_pace`: how many contacts a week the program suggests at the step the
        plan is on, shown (greyed) while its pace is followed."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan Settings"))
        self.setMinimumWidth(460)
        intro = message_label("intro", "hint")
        intro.setText(
            self.tr(
                "Rekindle notices, gently, when contact comes too often or too soon: giving "
                "each other room is part of every step. Hints are advice, never rules."
            )
        )
        self.use_program = named(
            QCheckBox(self.tr("Follo&w the program's pace (fewer contacts in the early steps)")),
            "use_program",
        )
        self.contacts = named(QSpinBox(), "contacts_per_week")
        self.contacts.setRange(1, plans.MAX_CONTACTS_PER_WEEK)
        self.contacts.setSuffix(self.tr(" a week"))
        self.gap = named(QSpinBox(), "min_gap_hours")
        self.gap.setRange(0, plans.MAX_GAP_HOURS)
        self.gap.setSuffix(self.tr(" hours"))
        # "1 hour", "every week": the suffixes follow the number.
        self.gap.valueChanged.connect(self._on_gap_changed)
        self._program_pace = program_pace
        self._own_pace = plan.contacts_per_week or DEFAULT_CONTACTS
        self.use_program.setChecked(plan.contacts_per_week is None)
        self.contacts.setValue(self._own_pace)
        self.gap.setValue(
            plan.min_gap_hours if plan.min_gap_hours is not None else DEFAULT_GAP_HOURS
        )
        self.use_program.toggled.connect(self._on_use_program_toggled)
        self._on_use_program_toggled(self.use_program.isChecked())

        group = QGroupBox(self.tr("Pacing"))
        form = QFormLayout(group)
        form.addRow(intro)  # what the pacing is for, inside its own group
        form.addRow(self.use_program)
        form.addRow(self.tr("At &most"), self.contacts)
        form.addRow(self.tr("At &least"), self.gap)
        gap_hint = message_label("gap_hint", "hint")
        gap_hint.setText(self.tr("…between two contact activities (a message, a call, a meetup)."))
        form.addRow(gap_hint)
        self.checkin = named(QSpinBox(), "checkin_weeks")
        self.checkin.setRange(0, boundaries.MAX_CHECKIN_WEEKS)
        self.checkin.setSpecialValueText(self.tr("Never"))
        self.checkin.setPrefix(self.tr("every "))
        self.checkin.setSuffix(self.tr(" weeks"))
        self.checkin.valueChanged.connect(self._on_checkin_changed)
        self.checkin.setValue(
            DEFAULT_CHECKIN_WEEKS if plan.checkin_weeks is None else plan.checkin_weeks
        )
        self.partner = named(QLineEdit(plan.partner_name or ""), "partner_name")
        self.partner.setMaxLength(MAX_PARTNER_NAME)
        self.partner.setPlaceholderText(self.tr("Optional"))
        about = QGroupBox(self.tr("Your partner"))
        about_form = QFormLayout(about)
        about_form.addRow(self.tr("&First name"), self.partner)
        partner_hint = message_label("partner_hint", "hint")
        partner_hint.setText(
            self.tr("Only on this computer: exports replace it with “my partner” by default.")
        )
        about_form.addRow(partner_hint)
        # The plan's time zone, set right after the first run (a trial accepted the
        # computer's UTC there, and could not change it but by starting again).
        self.zone = zone_box("plan_zone", plan.zone)
        times = QGroupBox(self.tr("Times"))
        times_form = QFormLayout(times)
        times_form.addRow(self.tr("Time &zone"), self.zone)
        zone_hint = message_label("zone_hint", "hint")
        zone_hint.setText(
            self.tr(
                "Where you live now. Your plans keep their clock times when it changes: a %1 "
                "walk stays at %1. Events imported from another calendar stay at the same "
                "moment, so their clock times may move. Changes made before a change of zone "
                "can no longer be undone."
            ).replace("%1", labels.clock(QTime(9, 0)))  # "9:00 AM" in the US (a trial)
        )
        times_form.addRow(zone_hint)
        self.zone_error = message_label("zone_error", "error")
        self.zone_error.hide()
        self.zone.currentTextChanged.connect(self._on_zone_edited)
        times_form.addRow(self.zone_error)
        checkins = QGroupBox(self.tr("Check-ins"))
        checkin_form = QFormLayout(checkins)
        checkin_form.addRow(self.tr("&Ask whether the plan still feels right"), self.checkin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(about)
        fields_layout.addWidget(times)
        fields_layout.addWidget(group)
        fields_layout.addWidget(checkins)
        fields_layout.addWidget(
            self._reminders_group(reminders or ReminderOptions(), tray_available)
        )
        fields_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(FittingScroll(fields, "settings_form"), 1)
        layout.addWidget(buttons)
        self._as_opened = self._form_now()
        #: The height before the zone note grew the dialog, and after (to give it back).
        self._before_note: tuple[int, int] | None = None

    @property
    def zone_name(self) -> str:
        return self.zone.currentText().strip()

    @Slot()
    def _on_save_clicked(self) -> None:
        """Saved, unless the time zone typed is none: said under it, the dialog left open."""
        if self.zone_name not in all_zone_names():
            self.zone_error.setText(
                self.tr("“%1” is not a time zone I know. Try a city, like Europe/Paris.").replace(
                    "%1", self.zone_name
                )
            )
            before = self.height()
            self.zone_error.show()
            self._fit_height()  # grown to hold it: the hints above had been cut (a trial)
            if self._before_note is None and self.height() != before:
                self._before_note = (before, self.height())
            self.zone.setFocus()
            return
        self.accept()

    @Slot()
    def _on_zone_edited(self) -> None:
        self.zone_error.hide()  # what it said of the zone typed before
        # And the room it took, unless resized by hand since (a blank band was left).
        sizes, self._before_note = self._before_note, None
        if sizes is not None and self.height() == sizes[1]:
            self.resize(self.width(), sizes[0])

    def _form_now(self) -> tuple[object, ...]:
        return (
            self.zone_name,
            self.partner.text(),
            self.contacts_per_week,
            self.min_gap_hours,
            self.checkin_weeks,
            self.reminder_options,
        )

    def has_unsaved_changes(self) -> bool:
        return self._form_now() != self._as_opened

    def leave_question(self) -> str:
        return self.tr("What you changed in the plan's settings will not be kept.")

    def showEvent(self, event: QShowEvent) -> None:
        """Opened at the height its wrapped hints need: Qt counts each as one line, so the
        reminders' last hint was cut mid-line and the rows above it squeezed together."""
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the form (Qt opens a window at most two thirds of the screen tall),
        scrolling only when the whole screen cannot hold it."""
        form = self.findChild(FittingScroll, "settings_form")
        if form is not None:
            form.updateGeometry()  # a note shown inside changed what it wants
        layout = self.layout()
        if layout is not None:
            layout.activate()
        frame = self.frameGeometry().height() - self.height()
        tallest = self.screen().availableGeometry().height() - frame
        wanted = min(self.sizeHint().height(), tallest)
        if self.height() < wanted:
            self.resize(self.width(), wanted)
        room.keep_on_screen(self)

    def _reminders_group(self, options: ReminderOptions, tray_available: bool) -> QGroupBox:
        self.only_if_open = named(
            QCheckBox(self.tr("Don't &remind me of what I have already done or skipped")),
            "only_if_open",
        )
        self.daily_summary = named(
            QCheckBox(self.tr("One summary a &day instead of a notification for each reminder")),
            "daily_summary",
        )
        self.neutral_text = named(
            QCheckBox(self.tr("&Neutral notification text (no names, no titles)")), "neutral_text"
        )
        self.keep_in_tray = named(
            QCheckBox(self.tr("Keep running in the system &tray when the window is closed")),
            "keep_in_tray",
        )
        self.only_if_open.setChecked(options.only_if_open)
        self.daily_summary.setChecked(options.daily_summary)
        self.neutral_text.setChecked(options.neutral_text)
        self.keep_in_tray.setChecked(options.keep_in_tray)
        if not tray_available:
            self.keep_in_tray.setEnabled(False)
            self.keep_in_tray.setToolTip(self.tr("This desktop has no system tray."))
        group = QGroupBox(self.tr("Reminders"))
        group.setObjectName("reminders")
        box = QVBoxLayout(group)
        for check in (self.only_if_open, self.daily_summary, self.neutral_text):
            box.addWidget(check)
        neutral_hint = message_label("neutral_hint", "hint")
        neutral_hint.setText(
            self.tr(
                "“Something you planned starts at %1”: fine for screens others can see."
            ).replace("%1", labels.clock(QTime(18, 0)))
        )
        box.addWidget(neutral_hint)
        box.addWidget(self.keep_in_tray)
        return group

    @property
    def reminder_options(self) -> ReminderOptions:
        return ReminderOptions(
            only_if_open=self.only_if_open.isChecked(),
            daily_summary=self.daily_summary.isChecked(),
            neutral_text=self.neutral_text.isChecked(),
            keep_in_tray=self.keep_in_tray.isChecked(),
        )

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

    @Slot(int)
    def _on_gap_changed(self, hours: int) -> None:
        self.gap.setSuffix(self.tr(" hour") if hours == 1 else self.tr(" hours"))

    @Slot(int)
    def _on_checkin_changed(self, weeks: int) -> None:
        self.checkin.setSuffix(self.tr(" week") if weeks == 1 else self.tr(" weeks"))

    @Slot(bool)
    def _on_use_program_toggled(self, checked: bool) -> None:
        """Following the program, the greyed number is the program's at the step the plan is
        on (it had shown 2 a week where the step suggests 1); one's own comes back after."""
        if checked and self._program_pace is not None:
            if self.contacts.isEnabled():
                self._own_pace = self.contacts.value()
            self.contacts.setValue(self._program_pace)
        elif not checked:
            self.contacts.setValue(self._own_pace)
        self.contacts.setEnabled(not checked)
