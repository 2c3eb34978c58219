"""The activity editor: title, category, step, when, how it repeats, a reminder, where and
private notes.

Opened on one occurrence of a series, it shows that day as it is; saving asks whether the
changes are for that occurrence alone, it and the following ones, or the whole series (see
dialogs/series_scope.py), as calendars ask once the change is known, not before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, QTime, Signal, Slot
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain import day_edits, reminders
from planner.domain.activities import MAX_TIMED_LENGTH, Activity, ActivityDraft, span
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, StepNumber
from planner.domain.occurrences import Status, instance_key
from planner.domain.text import shows_something
from planner.domain.timezones import normalized, plus_elapsed, skipped_by_clocks, zone_info
from planner.errors import DamagedDatabaseError, InvalidInputError, PlannerError, StorageError
from planner.ui import confirm, date_typing, icons, labels, room
from planner.ui.dialogs.recurrence import RepeatEditor
from planner.ui.dialogs.series_scope import SeriesScope, SeriesScopeDialog, offered_answers
from planner.ui.hub import SavedError
from planner.ui.minutes_box import MinutesBox
from planner.ui.widgets import date_edit, message_label, named, open_freed, time_edit

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.domain.occurrences import Occurrence
    from planner.domain.programs import SuggestedActivity
    from planner.ui.hub import Hub

DEFAULT_START = time(18, 0)
#: A new activity's default start keeps to quarter hours, the last of the day at the latest.
SLOT = 15
LAST_SLOT = 23 * 60 + 45
#: The length offered when an activity of a category that is usually all-day is given a time.
TIMED_FALLBACK = timedelta(hours=1)


def _default_start(
    day: date, now: datetime, busy: Sequence[tuple[int, int]] = (), length: int = 0
) -> time:
    """When a new activity of `length` minutes on `day` starts unless told: the early
    evening, or, later on the day itself, the next whole hour (an evening's plan is not put in
    the past); and where all of it fits beside what the day already holds, `busy` being its
    timed activities as minutes from midnight, first and last (a trial's new one was put on
    top of the one chosen, and a review's over one half an hour later)."""
    if day != now.date() or now.time() < DEFAULT_START:
        at = DEFAULT_START
    else:
        at = time(now.hour + 1, 0) if now.hour < 23 else time(23, 45)  # the day's last slot
    minutes = at.hour * 60 + at.minute
    ends = max(length, 1)
    while True:
        clash = [last for first, last in busy if first < minutes + ends and minutes < last]
        if not clash:
            break
        minutes = -(-max(clash) // SLOT) * SLOT  # on past them, to the quarter hour
    if minutes > LAST_SLOT or minutes + length > 24 * 60:
        return at  # a full evening: the usual time, beside what is there
    return time(minutes // 60, minutes % 60)


#: The fields' width at least (the dialog adds its margins: about 440 in all).
MIN_WIDTH = 418
#: Qt's "no largest size" for a widget (QWIDGETSIZE_MAX).
NO_MAXIMUM = (1 << 24) - 1
#: The reminder box's choices besides the named offsets.
NO_REMINDER = -1
CUSTOM_REMINDER = -2


class ActivityDialog(confirm.AsksBeforeLeaving, QDialog):
    """Creates or edits one activity; saving goes through the Hub and errors stay inline.

    Signals:
        delete_requested(): Delete was clicked; the owner confirms, deletes and closes us.

    Attributes:
        saved: the Activity as stored after a successful save, else None.
        scope: which of its series' days the save was for, when opened on one of them.
    """

    delete_requested = Signal()

    def __init__(
        self,
        *,
        hub: Hub,
        day: date | None = None,
        at: time | None = None,
        length: timedelta | None = None,
        all_day: bool = False,
        activity: Activity | None = None,
        suggestion: tuple[StepNumber, SuggestedActivity] | None = None,
        occurrence: Occurrence | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`day`, `at`, `length` and `all_day` prefill a new activity (a span drawn on the
        calendar): its date, start time, duration or number of days, and whether it is all-day.
        `occurrence`: the day of a repeating `activity` it was opened on (see the module).
        """
        super().__init__(parent)
        self._hub = hub
        self._activity = activity
        self._occurrence = occurrence if activity is not None and activity.recurring else None
        self.scope: SeriesScope | None = None
        self._duration_touched = False
        self._ready = False  # reactions to field changes wait until the form is filled
        self._all_day_suggested = False
        self._reminder_touched = activity is not None  # an edit keeps what the activity has
        self._extra_reminders: tuple[int, ...] = ()
        self._reminder_choices_all_day = False
        self.saved: Activity | None = None
        self.setWindowTitle(self.tr("Edit Activity") if activity else self.tr("New Activity"))
        self._build()
        if activity is not None:
            self._load(activity)
        else:
            self._prefill(day or hub.today(), suggestion)
            self._prefill_span(at, length, all_day)
        self._on_all_day_toggled(self.all_day.isChecked())
        self._on_reminder_context_changed()
        self._ready = True
        self._on_when_changed()
        self._as_opened = self._form_now()
        self._fields_opened = self._fields()
        # The repeat as the form last put it there itself, and the start it was shown for
        # (see _follow_with_repeat).
        self._repeat_shown = self._fields_opened["repeat"]
        self._repeat_followed = False

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = named(QLineEdit(), "title")
        self.title.setPlaceholderText(self.tr("e.g. Evening journaling"))
        self.category = named(QComboBox(), "category")
        for category in Category:
            self.category.addItem(
                icons.coloured_category_icon(category), labels.category_label(category), category
            )
        self.step = named(QComboBox(), "step")
        # Which are behind you and where you are, as the Steps panel says (a trial could
        # not tell from here).
        behind = {s.number for s in self._hub.steps_progress() if s.complete}
        here = self._hub.step_you_are_on()
        for step in self._hub.program.steps:
            text = f"{step.number}. {step.title}"
            if step.number == here and here not in behind:
                text += self.tr(" · you are here")
            elif step.number in behind:
                text += " ✓"
            self.step.addItem(text, step.number)
        self.day = date_edit("day")
        self.all_day = named(QCheckBox(self.tr("&All day")), "all_day")
        self.start_time = time_edit("start_time")
        self.duration = named(MinutesBox(), "duration")  # "1:30" and "1.5 h" typed too
        self.duration.setAccessibleName(self.tr("Length"))  # its label is "for"
        # Their labels sit in another row's layout: named here for screen readers (an audit).
        self.start_time.setAccessibleName(self.tr("Start time"))
        self.duration.setAccessibleName(self.tr("Length"))
        self.duration.setRange(5, int(MAX_TIMED_LENGTH.total_seconds() // 60))
        self.duration.setSingleStep(15)
        self.last_day = date_edit("last_day")
        self._first_day = self.day.date()  # the first day before its latest change
        self.location = named(QLineEdit(), "location")
        self.location.setPlaceholderText(self.tr("Optional"))
        self.notes = named(QPlainTextEdit(), "notes")
        self.notes.setPlaceholderText(self.tr("Private. Your notes stay on this computer."))
        self.notes.setTabChangesFocus(True)
        # Up to 90 px; on a short screen (a laptop at 1.5x) the notes give way first, down to
        # three lines, where the repeat's weekday buttons had been squashed (a trial).
        self.notes.setMaximumHeight(90)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 3 + 12)
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.repeat = named(RepeatEditor(start=self._hub.today(), zone=self._hub.plan.tz), "repeat")
        self.reminder = named(QComboBox(), "reminder")
        self.reminder_minutes = named(QSpinBox(), "reminder_minutes")
        self.reminder_minutes.setRange(0, reminders.MAX_MINUTES)
        self.reminder_minutes.setSingleStep(5)
        self.reminder_minutes.setSuffix(self.tr(" min before"))
        self.reminder_minutes.hide()
        self.reminder_note = message_label("reminder_note", "hint")
        self.reminder_note.hide()
        self._fill_reminder_choices(all_day=False)
        self.repeat_note = message_label("repeat_note", "hint")
        self.time_note = message_label("time_note", "hint")
        self.time_note.hide()
        self.space_note = message_label("space_note", "hint")
        self.space_note.hide()
        self.error = message_label("error", "error")
        self.error.hide()
        # The size before the error message grew the dialog, and the size it grew it to.
        self._size_before_error: tuple[QSize, QSize] | None = None
        self._date_note = False  # the message shown is a date field's note (date_typing)
        #: Said by the window when Save landed but the plan could not be read back after.
        self.saved_unread = ""

        when = QHBoxLayout()
        when.addWidget(self.day, 1)
        when.addWidget(self.all_day)
        self._time_row = QWidget()
        time_layout = QHBoxLayout(self._time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.start_time)
        for_label = QLabel(self.tr("&for"))
        for_label.setBuddy(self.duration)
        time_layout.addWidget(for_label)
        time_layout.addWidget(self.duration, 1)

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Category"), self.category)
        # Each field its own underlined letter (Repeat and Reminder had both taken R).
        form.addRow(self.tr("Ste&p"), self.step)  # E is for Ends
        date_label = QLabel(self.tr("&Date"))
        date_label.setBuddy(self.day)  # a row holding a layout gets no buddy (and shows "&")
        form.addRow(date_label, when)
        start_label = QLabel(self.tr("&Start"))
        start_label.setBuddy(self.start_time)
        form.addRow(start_label, self._time_row)
        form.addRow("", self.time_note)
        form.addRow(self.tr("Last da&y"), self.last_day)
        form.addRow("", self.space_note)
        repeat_label = QLabel(self.tr("&Repeat"))
        # Its first choice itself: Qt moves a label's focus only to a buddy that takes focus,
        # which the editor around it (a proxy for that choice) does not.
        repeat_label.setBuddy(self.repeat.frequency)
        form.addRow(repeat_label, self.repeat)
        self._reminder_row = QWidget()
        reminder_layout = QHBoxLayout(self._reminder_row)
        reminder_layout.setContentsMargins(0, 0, 0, 0)
        reminder_layout.addWidget(self.reminder, 1)
        reminder_layout.addWidget(self.reminder_minutes)
        reminder_label = QLabel(self.tr("Re&minder"))
        reminder_label.setBuddy(self.reminder)
        form.addRow(reminder_label, self._reminder_row)
        form.addRow("", self.reminder_note)
        form.addRow(self.tr("&Location"), self.location)
        form.addRow(self.tr("&Notes"), self.notes)
        self._form = form
        # Rows holding several fields keep their height when the dialog is taller than
        # they need: the room went to them, leaving uneven gaps around Repeat and Reminder.
        for row in (self._time_row, self.repeat, self._reminder_row):
            row.setSizePolicy(row.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        self.delete_button: QPushButton | None = None
        if self._activity is not None:
            # One of a series asks which of its days go, so "Delete…"; otherwise nothing is
            # asked (only private reflections that would go are), and Undo is there.
            self.delete_button = buttons.addButton(
                self.tr("Delete…") if self._occurrence is not None else self.tr("Delete"),
                QDialogButtonBox.ButtonRole.DestructiveRole,
            )
            self.delete_button.setObjectName("delete")
            self.delete_button.setIcon(icons.icon("delete"))
            self.delete_button.clicked.connect(self.delete_requested)
        buttons.accepted.connect(self._on_save_clicked)
        # Ctrl+Enter saves from any field, the notes too (where Enter is a new line), as in
        # mail and calendar editors.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            save = QShortcut(QKeySequence(keys), self)
            save.activated.connect(self._on_save_shortcut)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # At least 440 wide, and wider whenever a row needs it (a repeat's end date): a fixed
        # minimum width would keep the layout from widening the dialog, and cut the row.
        layout.addSpacerItem(QSpacerItem(MIN_WIDTH, 0, QSizePolicy.Policy.Minimum))
        if self._hub.services.read_only:
            # Said before anything is typed, not only when Save is refused (a trial typed a
            # whole activity first): the plan cannot be written where it is.
            note = message_label("read_only_note", "hint")
            note.setText(
                self.tr("This plan opened for reading only, so changes here cannot be saved.")
            )
            layout.addWidget(note)
            self.save_button.setEnabled(False)
            if self.delete_button is not None:
                self.delete_button.setEnabled(False)
        layout.addLayout(form, 1)
        layout.addWidget(self.repeat_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Only now, inside the dialog, does QDialog honour the default: Enter saves.
        self.save_button.setDefault(True)

        self.all_day.toggled.connect(self._on_all_day_toggled)
        self.category.currentIndexChanged.connect(self._on_category_changed)
        self.duration.valueChanged.connect(self._on_duration_edited)
        self.day.dateChanged.connect(self._on_day_changed)
        self.day.dateChanged.connect(self._on_when_changed)
        self.start_time.timeChanged.connect(self._on_when_changed)
        self.all_day.toggled.connect(self._on_when_changed)
        self.repeat.changed.connect(self._say_a_time_the_clocks_skip)
        self.category.currentIndexChanged.connect(self._on_reminder_context_changed)
        self.all_day.toggled.connect(self._on_reminder_context_changed)
        self.reminder.currentIndexChanged.connect(self._on_reminder_index_changed)
        self.reminder.activated.connect(self._on_reminder_activated)
        self.reminder_minutes.valueChanged.connect(self._on_reminder_activated)
        # A refusal speaks of what was there at Save: once that is edited, it goes.
        # A note on a date typed speaks of the dates alone: it stays while the other fields
        # are edited (a click on All day, beside the date, had hidden what became of the day).
        self.title.textEdited.connect(self._hide_refusal)
        self.day.dateChanged.connect(self._hide_error)
        for changed in (
            self.category.currentIndexChanged,
            self.step.currentIndexChanged,
            self.all_day.toggled,
            self.day.dateChanged,
            self.last_day.dateChanged,
        ):
            changed.connect(self._say_space_against_milestone)
        self.last_day.dateChanged.connect(self._hide_error)
        self.start_time.timeChanged.connect(self._hide_error)  # typed like the dates
        self.duration.valueChanged.connect(self._hide_refusal)
        self.all_day.toggled.connect(self._hide_refusal)
        # A date or time typed that the field could not take is said where errors are.
        for field in self._date_fields():
            date_typing.say_with(field, self._say_about_date)

    def _prefill(self, day: date, suggestion: tuple[StepNumber, SuggestedActivity] | None) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.last_day.setDate(QDate(day.year, day.month, day.day))
        self._select_data(self.step, self._hub.step_you_are_on())
        self.repeat_note.hide()
        self.repeat.load(None, start=day, zone=self._hub.plan.tz)
        if suggestion is not None:
            step, idea = suggestion
            self.title.setText(idea.title)
            self._select_data(self.step, step)
            self._select_data(self.category, idea.category)
            if idea.all_day:
                self.all_day.setChecked(True)
                self.last_day.setDate(self.day.date().addDays(max(idea.duration.days, 1) - 1))
            else:
                self.duration.setValue(int(idea.duration.total_seconds() // 60))
            self._duration_touched = True
        else:
            self._on_category_changed()
        # Once its length is known: room for all of it, where the day has room.
        at = _default_start(day, self._hub.now(), self._busy_on(day), self.duration.value())
        self.start_time.setTime(QTime(at.hour, at.minute))

    def _busy_on(self, day: date) -> list[tuple[int, int]]:
        """The timed activities planned on `day` (hidden by a filter too; not one skipped),
        as minutes from its midnight to their end (that midnight's end, for one going on past
        it)."""
        zone = self._hub.plan.tz
        busy = []
        for occurrence in self._hub.occurrences(day, day, filtered=False):
            start, end = occurrence.start, occurrence.end
            if occurrence.status is Status.SKIPPED or not isinstance(start, datetime):
                continue
            assert isinstance(end, datetime)
            start, end = start.astimezone(zone), end.astimezone(zone)
            first = 0 if start.date() < day else start.hour * 60 + start.minute
            last = 24 * 60 if end.date() > day else end.hour * 60 + end.minute
            busy.append((first, last))
        return busy

    def _prefill_span(self, at: time | None, length: timedelta | None, all_day: bool) -> None:
        """Where and how long the person drew the new activity; their choice beats defaults."""
        if at is not None:
            self.start_time.setTime(QTime(at.hour, at.minute))
        if all_day:
            self.all_day.setChecked(True)
            self._all_day_suggested = False
            days = max(length.days, 1) if length is not None else 1
            self.last_day.setDate(self.day.date().addDays(days - 1))
            self._duration_touched = True
        elif at is not None and self._all_day_suggested:
            self.all_day.setChecked(False)  # we ticked it for the category; they drew a time
            self._all_day_suggested = False
        if length is not None and not all_day:
            self._set_duration(length)
            self._duration_touched = True

    def _load(self, activity: Activity) -> None:
        self.title.setText(activity.title)
        self._select_data(self.category, activity.category)
        self._select_data(self.step, activity.step)
        self.all_day.setChecked(activity.all_day)
        self.location.setText(activity.location)
        self.notes.setPlainText(activity.notes)
        start, end = activity.start, activity.end
        occurrence = self._occurrence
        if occurrence is not None:  # that day as it is, changed on its own or not
            self.title.setText(occurrence.title)
            self.location.setText(occurrence.location)
            self.notes.setPlainText(occurrence.notes)
            start, end = occurrence.start, occurrence.end
        if isinstance(start, datetime):
            local = start.astimezone(self._hub.plan.tz)
            self.day.setDate(QDate(local.year, local.month, local.day))
            self.last_day.setDate(self.day.date())
            self.start_time.setTime(QTime(local.hour, local.minute))
            self.duration.setValue(int(span(start, end).total_seconds() // 60))
        else:
            self.day.setDate(QDate(start.year, start.month, start.day))
            last = end - timedelta(days=1)
            self.last_day.setDate(QDate(last.year, last.month, last.day))
            self.start_time.setTime(QTime(DEFAULT_START.hour, DEFAULT_START.minute))
        self._duration_touched = True
        self._fill_reminder_choices(all_day=activity.all_day)
        self._set_reminder(activity.reminders[0] if activity.reminders else None)
        self._extra_reminders = activity.reminders[1:]
        if self._extra_reminders:
            self.reminder_note.setText(
                self.tr(
                    "This activity also has %1 more reminders (from another calendar, perhaps); "
                    "they are kept. Choosing None removes them all."
                ).replace("%1", str(len(self._extra_reminders)))
            )
            self.reminder_note.show()
        # The series' repeat as it is; the date above moving does not change it (see
        # _on_when_changed): saving for all of them moves their chosen days with it.
        self.repeat.load(activity.rrule, start=activity.start, zone=zone_info(activity.zone))
        self.repeat_note.setVisible(activity.recurring)
        if occurrence is None:
            self.repeat_note.setText(
                self.tr(
                    "This activity repeats. Changes here apply to the whole series, "
                    "which begins on the date above."
                )
            )
            return
        when = labels.day_text(occurrence.first_day(self._hub.plan.tz), "dddd d MMMM")
        self.repeat_note.setText(
            self.tr(
                "This is the one on %1 of a repeating activity. When you save, you choose "
                "whether your changes are for it alone, for it and the ones after it, or for "
                "all of them."
            ).replace("%1", when)
        )

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    # -- reactions -------------------------------------------------------------------------

    @Slot(bool)
    def _on_all_day_toggled(self, checked: bool) -> None:
        # The row going first: both shown for a moment grew the dialog by a row, for good.
        self._form.setRowVisible(self._time_row if checked else self.last_day, False)
        self._form.setRowVisible(self.last_day if checked else self._time_row, True)
        if checked and self.last_day.date() < self.day.date():
            self.last_day.setDate(self.day.date())
        if self._ready and not checked and self.duration.value() == self.duration.minimum():
            # Coming from all-day there is no length yet: offer the category's usual one,
            # an hour for one that is usually all-day (a space period's three weeks had
            # given "10080 min", a trial).
            category = self.selected_category()
            usual = TIMED_FALLBACK if category.usually_all_day else category.typical_duration
            self._set_duration(usual)

    @Slot()
    def _on_category_changed(self) -> None:
        if self._duration_touched or self._activity is not None:
            return
        category = self.selected_category()
        if category.usually_all_day:
            self.all_day.setChecked(True)
            self.last_day.setDate(self.day.date().addDays(category.typical_duration.days - 1))
            self._all_day_suggested = True
            return
        if self._all_day_suggested:
            self.all_day.setChecked(False)  # we ticked it for a space period; undo that
            self._all_day_suggested = False
        self._set_duration(category.typical_duration)

    def _set_duration(self, length: timedelta) -> None:
        """Set the duration box without counting it as the user's own choice."""
        minutes = int(length.total_seconds() // 60)
        self.duration.blockSignals(True)
        self.duration.setValue(min(max(minutes, self.duration.minimum()), self.duration.maximum()))
        self.duration.blockSignals(False)

    def _fill_reminder_choices(self, *, all_day: bool) -> None:
        """None, the offsets named for this kind of activity, and Custom; keeps the choice."""
        current = self.reminder_value() if self.reminder.count() else None
        self._reminder_choices_all_day = all_day
        self.reminder.blockSignals(True)
        self.reminder.clear()
        self.reminder.addItem(self.tr("None"), NO_REMINDER)
        for minutes in reminders.presets(all_day):
            self.reminder.addItem(labels.reminder_label(minutes, all_day), minutes)
        self.reminder.addItem(self.tr("Custom…"), CUSTOM_REMINDER)
        self.reminder.blockSignals(False)
        self._set_reminder(current)

    def _set_reminder(self, minutes: int | None) -> None:
        """Show `minutes` (None: no reminder) without counting it as the person's choice."""
        index = self.reminder.findData(NO_REMINDER if minutes is None else minutes)
        self.reminder.blockSignals(True)
        self.reminder_minutes.blockSignals(True)
        if index < 0:
            index = self.reminder.findData(CUSTOM_REMINDER)
        if minutes is not None:
            self.reminder_minutes.setValue(minutes)
        self.reminder.setCurrentIndex(index)
        self.reminder_minutes.blockSignals(False)
        self.reminder.blockSignals(False)
        self._on_reminder_index_changed()

    def reminder_value(self) -> int | None:
        """The chosen reminder in minutes before the start, or None for no reminder."""
        data = self.reminder.currentData()
        if data == NO_REMINDER:
            return None
        if data == CUSTOM_REMINDER:
            return self.reminder_minutes.value()
        return int(data)

    @Slot()
    def _on_reminder_context_changed(self) -> None:
        """The kind of activity changed: relabel the choices, and while the person has not
        chosen, follow the category's default (a day's notice before a meetup...)."""
        all_day = self.all_day.isChecked()
        if all_day != self._reminder_choices_all_day:
            self._fill_reminder_choices(all_day=all_day)
        if not self._reminder_touched:
            defaults = reminders.defaults_for(self.selected_category(), all_day)
            self._set_reminder(defaults[0] if defaults else None)

    @Slot()
    def _on_reminder_index_changed(self) -> None:
        self.reminder_minutes.setVisible(self.reminder.currentData() == CUSTOM_REMINDER)

    @Slot()
    def _on_reminder_activated(self) -> None:
        self._reminder_touched = True

    @Slot()
    def _on_duration_edited(self) -> None:
        self._duration_touched = True

    @Slot(QDate)
    def _on_day_changed(self, day: QDate) -> None:
        """The last day moves with the first, as a timed activity's end moves with its
        start: moving an all-day activity keeps its number of days (as calendars do), where
        a last day left behind silently made it longer or shorter. The last day edited on
        its own stays as chosen."""
        moved, self._first_day = self._first_day.daysTo(day), day
        last = self.last_day.date().addDays(moved) if self._ready else self.last_day.date()
        self.last_day.setDate(max(last, day))

    @Slot()
    def _on_when_changed(self) -> None:
        """The repeat editor words its choices for the start as it now stands."""
        if not self._ready:
            return
        if self._occurrence is None:
            start = self._start()
            zone = zone_info(self._activity.zone) if self._activity else self._hub.plan.tz
            self.repeat.set_start(start, zone)
        else:
            self._follow_with_repeat()
        self._say_a_time_the_clocks_skip()

    def _follow_with_repeat(self) -> None:
        """One day of a series given another date or time: the repeat shown moves with it,
        as saving for all of them would move them (its weekdays, its end date), unless it
        was changed by hand (a trial saw "Every Monday" still, and what was saved for all
        of them then was not what it said)."""
        activity, occurrence = self._activity, self._occurrence
        if not hasattr(self, "_repeat_shown") or activity is None or occurrence is None:
            return  # still being filled
        if activity.rrule is None or self._fields()["repeat"] != self._repeat_shown:
            return
        try:
            moved = day_edits.moved_with(
                activity, occurrence, self._day_change(self.draft()), following=False
            )
        except PlannerError:
            return  # a rule that cannot move there: left as it is, said on saving
        self.repeat.load(moved.rrule, start=moved.start, zone=zone_info(activity.zone))
        self._repeat_shown = self._fields()["repeat"]
        self._repeat_followed = True

    @Slot()
    def _say_a_time_the_clocks_skip(self) -> None:
        """A start in the hour the clocks skip is said, not moved quietly: a one-off is
        planned at the time that exists, a series' first time too (its other days keep it)."""
        start = self._start() if self._ready else None
        if not isinstance(start, datetime) or not skipped_by_clocks(start):
            self.time_note.hide()
            return
        real = labels.clock(normalized(start))
        asked = labels.clock(start)
        own_zone = self._activity.zone if self._activity else self._hub.plan.zone
        if self._repeats() and own_zone == self._hub.plan.zone:
            # A series keeps its written time on the other days only on its own clock; one
            # in another zone repeats at the time it got here, every day.
            text = self.tr(
                "The clocks go forward that night, so %1 does not exist: the first time is at "
                "%2, and the other days keep %1."
            )
        else:
            text = self.tr(
                "The clocks go forward that night, so %1 does not exist: it will be at %2."
            )
        self.time_note.setText(text.replace("%1", asked).replace("%2", real))
        self.time_note.show()
        if self.isVisible():
            room.make_room(self)

    @Slot()
    def _say_space_against_milestone(self) -> None:
        """A space period shorter than its step's milestone asks is said (a trial planned
        21 days under "Thirty days of space kept" and learned it only from the Steps panel)."""
        step = self._hub.program.step(StepNumber(int(self.step.currentData())))
        wanted = [c for c in step.criteria if c.kind == "space_days"]
        first, last = self.day.date().toPython(), self.last_day.date().toPython()
        days = (last - first).days + 1 if isinstance(first, date) and isinstance(last, date) else 0
        if (
            self.selected_category() is not Category.SPACE
            or not self.all_day.isChecked()
            or not wanted
            or days <= 0
            or days >= wanted[0].count
        ):
            self.space_note.hide()
            return
        text = self.tr(
            "Step %1's milestone is “%2”; this period has %3 days. A longer one would meet "
            "it, if that feels right."
        )
        self.space_note.setText(
            text.replace("%1", str(step.number))
            .replace("%2", wanted[0].description)
            .replace("%3", str(days))
        )
        self.space_note.show()
        if self.isVisible():
            room.make_room(self)  # its lines below Last day, not over the notes

    def _repeats(self) -> bool:
        """Whether what is saved repeats."""
        try:
            return self.repeat.rule() is not None
        except PlannerError:  # choices that make no repeat yet: said on saving
            return False

    def _start(self) -> datetime | date:
        """The start as typed: a time in a spring-forward gap is kept, so a series begun
        there keeps it on later days (the plan moves a one-off to the time that exists)."""
        first = self.day.date().toPython()
        assert isinstance(first, date)
        if self.all_day.isChecked():
            return first
        clock = self.start_time.time()
        return datetime.combine(first, time(clock.hour(), clock.minute()), tzinfo=self._hub.plan.tz)

    def selected_category(self) -> Category:
        value = self.category.currentData()
        assert isinstance(value, Category)
        return value

    def first_day(self) -> date:
        """The first day the form says."""
        first = self.day.date().toPython()
        assert isinstance(first, date)
        return first

    def saved_title(self) -> str:
        """The title of what was saved, as the calendar shows it (one day of a series may
        have its own)."""
        if self.scope is SeriesScope.ONLY_THIS:
            return self.title.text().strip()
        return self.saved.title if self.saved is not None else ""

    @property
    def editing(self) -> ActivityUid | None:
        """The activity this editor changes (None: it makes a new one)."""
        return self._activity.uid if self._activity is not None else None

    # -- saving ----------------------------------------------------------------------------

    def draft(self) -> ActivityDraft:
        """The form's content as a draft (not yet validated).

        Raises RecurrenceError when the repeat choices make no repeat.
        """
        plan = self._hub.plan
        start = self._start()
        end: datetime | date
        if isinstance(start, datetime):
            end = plus_elapsed(start, timedelta(minutes=self.duration.value()))
        else:
            last = self.last_day.date().toPython()
            assert isinstance(last, date)
            end = last + timedelta(days=1)
        # Start from the stored activity so what this form does not show (exception dates,
        # changed instances, zone) is kept as it was.
        base = self._activity.draft() if self._activity else ActivityDraft(
            title="", category=Category.OTHER, step=StepNumber(1), start=start, end=end,
            all_day=False, zone=plan.zone,
        )  # fmt: skip
        rrule = self.repeat.rule()
        if rrule is not None and rrule != base.rrule and self._occurrence is None:
            # (One day of a series stays where it was put: see day_edits.)
            start, end = day_edits.first_instance(rrule, start, end, zone_info(base.zone))
        return replace(
            base,
            title=self.title.text(),
            category=self.selected_category(),
            step=StepNumber(int(self.step.currentData())),
            start=start,
            end=end,
            all_day=self.all_day.isChecked(),
            location=self.location.text(),
            notes=self.notes.toPlainText(),
            rrule=rrule,
            reminders=self._reminders(),
        )

    def _reminders(self) -> tuple[int, ...]:
        chosen = self.reminder_value()
        if chosen is None:
            return ()
        return tuple(sorted({chosen, *self._extra_reminders}))

    def _date_fields(self) -> tuple[QDateTimeEdit, ...]:
        return (self.day, self.last_day, self.start_time, self.repeat.until)

    @Slot()
    def _on_save_shortcut(self) -> None:
        if self.save_button.isEnabled():
            self.save_button.click()

    @Slot()
    def _on_save_clicked(self) -> None:
        # A date still being typed is read first; one that is no date stops the save.
        if not all([date_typing.settle(field) for field in self._date_fields()]):
            return
        refused = self.duration.refusal() if self.duration.isVisible() else ""
        if refused:  # a length typed and not taken: said, not quietly put back
            self.duration.refused = ""
            self._show_error(refused)
            self.duration.setFocus()
            self.duration.selectAll()
            return
        try:
            draft = self.draft()
            shown = self._occurrence.title if self._occurrence is not None else None
            typed = self._activity is None or draft.title not in (self._activity.title, shown)
            if typed and not shows_something(draft.title):
                # Only blanks or invisible marks (a zero-width space): as good as no title.
                # One stored before stays readable and editable.
                raise InvalidInputError(self.tr("Please give the activity a title."))
            if self._activity is None:
                self.saved = self._hub.create_activity(draft)
            elif self._occurrence is None:
                self.saved = self._hub.update_activity(self._activity.uid, draft)
        except SavedError as error:  # saved; only the read after it failed: closed, once
            self.saved_unread = error.message
            self.accept()
            return
        except PlannerError as error:
            self._show_error(_refused(error))
            if not shows_something(self.title.text()):
                self.title.setFocus()  # the field the message asks for
            return
        if self._occurrence is not None:
            self._ask_which_days()
            return
        self.accept()

    # -- saving one day of a series ----------------------------------------------------------

    def _fields(self) -> dict[str, object]:
        """The form, field by field, as a change of it counts for a series (see _shared_words
        and day_edits.DayChange)."""
        try:
            rule: object = self.repeat.rule()
        except PlannerError:
            rule = "unfinished"
        all_day = self.all_day.isChecked()
        return {
            "title": self.title.text(), "location": self.location.text(),
            "notes": self.notes.toPlainText(), "date": self.day.date(),
            "time": None if all_day else self.start_time.time(),
            "length": self.last_day.date() if all_day else self.duration.value(),
            "category": self.category.currentIndex(), "step": self.step.currentIndex(),
            "all_day": all_day, "repeat": rule, "reminder": self._reminders(),
        }  # fmt: skip

    def _changed(self) -> set[str]:
        """What was changed by hand: the repeat moved along with the date is not."""
        now = self._fields()
        changed = {name for name, value in self._fields_opened.items() if now[name] != value}
        changed.discard("repeat")
        if now["repeat"] != self._repeat_shown:
            changed.add("repeat")
        return changed

    def _ask_which_days(self) -> None:
        """Saving on one day of a series: ask which of its days the changes are for (none
        asked when nothing changed). What all of its days share leaves out that day alone;
        a new date on a repeat Rekindle cannot change is for that day alone."""
        occurrence, activity = self._occurrence, self._activity
        assert occurrence is not None and activity is not None
        changed = self._changed()
        if not changed:
            self.accept()  # nothing saved, nothing said
            return
        shared = [words for name, words in self._shared_words() if name in changed]
        alone = self.repeat.custom and "date" in changed
        if alone and shared:
            self._show_error(
                self.tr(
                    "This activity repeats in a way Rekindle keeps but cannot change, so a new "
                    "date can only be for this day, and %1 only for all of its days. Save "
                    "them one at a time."
                ).replace("%1", ", ".join(shared))
            )
            return
        apart = [o for o in activity.overrides
                 if instance_key(o.recurrence_id) != occurrence.key]  # fmt: skip
        try:
            ending = "repeat" in changed and self.repeat.rule() is None
        except PlannerError:
            ending = False
        last = self._hub.is_last(occurrence)
        offered = offered_answers(shared=bool(shared), ending=ending, alone=alone, last=last)
        refused = self._refusals(offered)
        if offered and len(refused) == len(offered):  # no answer would do: said here
            self._show_error(refused[offered[0]])
            return
        question = SeriesScopeDialog(
            # The series' title: that day may have its own (a trial).
            title=activity.title, day=occurrence.first_day(self._hub.plan.tz),
            deleting=False, saving=True, shared=", ".join(shared), ending=ending, alone=alone,
            reflections_after=self._reflections_after() if ending else 0,
            # Said only of a move: words saved for all of them reach those days too.
            changed_apart=len(apart) if changed <= _WHEN and not alone else 0,
            last=last, refused=refused, parent=self,
        )  # fmt: skip
        question.chosen.connect(self._save_for)
        open_freed(question)

    def _refusals(self, offered: list[SeriesScope]) -> dict[SeriesScope, str]:
        """Why each answer `offered` would be refused, for those that would be: tried before
        asking, as a drag's are (see OccurrenceCommands), so that the question offers only
        what can be saved."""
        activity, occurrence = self._activity, self._occurrence
        assert activity is not None and occurrence is not None
        name = occurrence.recurrence_id
        refused: dict[SeriesScope, str] = {}
        for scope in offered:
            try:
                form = self.draft()
                if scope is SeriesScope.ONLY_THIS:
                    reason = self._hub.refusal(activity.uid, form, only=name)
                else:
                    following = scope is SeriesScope.FOLLOWING
                    series, day_name = day_edits.saved_for(
                        activity, occurrence, self._day_change(form), following=following
                    )
                    reason = self._hub.refusal_from_day(
                        activity.uid, name, series, form, day_name=day_name, following=following
                    )
            except PlannerError as error:
                reason = error.message
            if reason is not None:
                refused[scope] = reason
        return refused

    def _reflections_after(self) -> int:
        """How many of the series' later days hold a reflection (a repeat turned off here
        takes them out of sight)."""
        occurrence, activity = self._occurrence, self._activity
        assert occurrence is not None and activity is not None
        try:
            marks = self._hub.activity_snapshot(activity.uid).completions
        except PlannerError:
            return 0
        key = occurrence.key
        return sum(
            1
            for mark in marks
            if mark.reflection is not None
            and isinstance(mark.recurrence_id, datetime) == isinstance(key, datetime)
            and mark.recurrence_id > key
        )

    def _shared_words(self) -> tuple[tuple[str, str], ...]:
        """What all of a series' days share, by the name of its field (see _fields)."""
        return (
            ("category", self.tr("category")),
            ("step", self.tr("step")),
            ("all_day", self.tr("all day")),
            ("repeat", self.tr("repeat")),
            ("reminder", self.tr("reminder")),
        )

    @Slot(object)
    def _save_for(self, scope: SeriesScope) -> None:
        """Save the form for the days `scope` names; a refusal is said here, the form kept."""
        activity, occurrence = self._activity, self._occurrence
        assert activity is not None and occurrence is not None
        name = occurrence.recurrence_id
        try:
            form = self.draft()
            if scope is SeriesScope.ONLY_THIS:
                self.saved = self._hub.update_occurrence(activity.uid, name, form)
            else:
                following = scope is SeriesScope.FOLLOWING
                series, day_name = day_edits.saved_for(
                    activity, occurrence, self._day_change(form), following=following
                )
                self.saved = self._hub.save_from_day(
                    activity.uid, name, series, form, day_name=day_name, following=following
                )
        except SavedError as error:  # saved; only the read after it failed: closed, once
            self.saved_unread = error.message
            self.scope = scope
            self.accept()
            return
        except PlannerError as error:
            self._show_error(_refused(error))
            return
        self.scope = scope
        self.accept()

    def _day_change(self, form: ActivityDraft) -> day_edits.DayChange:
        """What was changed here by hand, for day_edits."""
        changed = self._changed()
        return day_edits.DayChange(
            day=form,
            date_moved="date" in changed,
            time_moved="time" in changed,
            length_changed="length" in changed,
            kind_switched="all_day" in changed,
            repeat_changed="repeat" in changed,
            repeat_followed=self._repeat_followed,
            fields=frozenset(field for name, field in _DRAFT_FIELDS if name in changed),
        )

    # -- leaving without saving ------------------------------------------------------------

    def _form_now(self) -> tuple[object, ...]:
        """What the form says, field by field, to tell whether anything was changed."""
        try:
            rule: object = self.repeat.rule()
        except PlannerError:
            rule = "unfinished"
        return (
            self.title.text(), self.notes.toPlainText(), self.location.text(),
            self.category.currentIndex(), self.step.currentIndex(), self.day.date(),
            self.start_time.time(), self.duration.value(), self.all_day.isChecked(),
            self.last_day.date(), self.reminder.currentIndex(), rule,
        )  # fmt: skip

    def has_unsaved_changes(self) -> bool:
        """Whether closing now would drop something typed (a date still being typed too):
        notes can be long and personal."""
        if self.saved is not None:
            return False
        for field in self._date_fields():
            date_typing.settle(field)
        return self._form_now() != self._as_opened

    def leave_question(self) -> str:
        if self._activity is None:  # nothing stored yet: no activity whose changes go
            return self.tr("This new activity will not be kept.")
        return self.tr("What you changed in this activity will not be kept.")

    def _say_about_date(self, message: str) -> None:
        """A date field's note; an empty one (the field put right) takes it back."""
        if message:
            self._show_error(message)
            self._date_note = True
        else:
            self._hide_error()

    @Slot()
    def _hide_refusal(self) -> None:
        """A field other than the dates edited: what Save refused goes, a date's note stays."""
        if not self._date_note:
            self._hide_error()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Widened by its own layout (a repeat's days and ends showing), the editor grows on
        both sides, as it was placed, centred on the window, not to the right alone (a
        trial). A width chosen by hand is larger than the layout's least, and stays put."""
        super().resizeEvent(event)
        old, new = event.oldSize().width(), event.size().width()
        if self.isVisible() and 0 < old < new == self.minimumSizeHint().width():
            self.move(self.x() - (new - old) // 2, self.y())

    def showEvent(self, event: QShowEvent) -> None:
        """Opened as tall as its wrapped notes need: Qt counts each as one line, and one day
        of a series, with its note of three lines, had its weekday buttons squashed, their
        words cut (a keyboard trial at 1.5x)."""
        super().showEvent(event)
        room.make_room(self)
        # Opened at most 90 px tall; from then on the notes take what room the dialog is
        # given (made larger, it had shared it out between the rows: a trial).
        self.notes.setMaximumHeight(NO_MAXIMUM)

    def _show_error(self, message: str) -> None:
        """Say why the form cannot be saved, growing the dialog to hold it if need be (at
        the height its wrapped lines need: see room.make_room)."""
        before, shown = self.size(), not self.error.isHidden()
        # The notes give their room to spare first, down to six lines (or what they had, if
        # less): grown to the notes' own wish instead, the editor had reached the screen's
        # height at 1.25x and moved Save from under the pointer (a trial); squeezed to three
        # lines, long notes had scrolled at once under a refusal (a re-trial).
        most = self.notes.maximumHeight()
        six_lines = self.notes.fontMetrics().lineSpacing() * 6 + 12
        keep = max(self.notes.minimumHeight(), min(self.notes.height(), six_lines))
        self._date_note = False
        self.error.setText(message)
        self.error.show()
        self.notes.setMaximumHeight(keep)
        room.make_room(self)  # grow now, to know by how much
        self.notes.setMaximumHeight(most)
        self._relayout()
        grown = self.size()
        if not shown:
            self._size_before_error = (before, grown) if grown != before else None
        elif self._size_before_error is not None and before == self._size_before_error[1]:
            self._size_before_error = (self._size_before_error[0], grown)  # a longer message

    @Slot()
    def _hide_error(self) -> None:
        """The message goes once what it spoke of is edited, and the room it took with it:
        left in place, that room was shared out between the rows, out of line with their
        labels."""
        self._date_note = False
        if self.error.isHidden():
            return
        self.error.hide()
        sizes, self._size_before_error = self._size_before_error, None
        if sizes is not None and self.size() == sizes[1]:  # not resized by hand meanwhile
            self._relayout()
            self.resize(sizes[0])

    def _relayout(self) -> None:
        layout = self.layout()
        assert layout is not None
        layout.activate()


def _refused(error: PlannerError) -> str:
    """Why Save was refused; when the file refused it (a full disk, a busy file), that the
    form is still here to save again (a re-trial read that in the reflection, not here)."""
    retried = isinstance(error, StorageError) and not isinstance(error, DamagedDatabaseError)
    return confirm.words_kept(error.message) if retried else error.message


#: The form's date, time and length (see ActivityDialog._fields).
_WHEN = frozenset({"date", "time", "length"})
#: The form's fields (see ActivityDialog._fields) whose change a series' days take as they are.
_DRAFT_FIELDS = (
    ("title", "title"), ("location", "location"), ("notes", "notes"),
    ("category", "category"), ("step", "step"), ("reminder", "reminders"),
)  # fmt: skip
