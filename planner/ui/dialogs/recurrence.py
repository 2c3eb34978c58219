"""The repeat editor inside the activity dialog: how often, on which days, until when.

The choices are turned into RRULE text by the domain (with dateutil), and a live line says in
words what the rule does. A rule the editor cannot show faithfully (imported from another
calendar, say) is kept exactly as it is and shown read-only, with a way to replace it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain import recurrence
from planner.domain.recurrence import Frequency, MonthlyBy, Repeat
from planner.errors import RecurrenceError
from planner.ui import labels
from planner.ui.widgets import date_edit, message_label, named

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

MAX_INTERVAL = 99
MAX_COUNT = 999
DEFAULT_COUNT = 10
DEFAULT_UNTIL_MONTHS = 3
#: The repeat choice that stands for Weekly on Monday to Friday.
_WEEKDAYS = "weekdays"
#: How far ahead the end is offered, by how often it repeats (see _default_until).
_OFFERED_MONTHS = {Frequency.MONTHLY: 12, Frequency.YEARLY: 60}


class RepeatEditor(QWidget):
    """Edits a series' repeat rule; the owner tells it where the series starts.

    Signals:
        changed(): a choice changed (the summary line has already followed).

    Attributes:
        custom: True while a rule the controls cannot show is kept read-only.
    """

    changed = Signal()

    def __init__(
        self, *, start: datetime | date, zone: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._start = start
        self._zone = zone
        self._original: str | None = None
        self._loading = False
        self.custom = False
        # The repeat's end as last chosen, and the series' length then (see set_start).
        self._chosen_end: tuple[date, timedelta] | None = None
        self._moving_end = False
        self._build()
        self._on_frequency_changed()

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.frequency = named(QComboBox(), "repeat_frequency")
        self.frequency.addItem(self.tr("Does not repeat"), "")
        self.frequency.addItem(self.tr("Daily"), Frequency.DAILY)
        self.frequency.addItem(self.tr("Weekly"), Frequency.WEEKLY)
        self.frequency.addItem(self.tr("Monthly"), Frequency.MONTHLY)
        self.frequency.addItem(self.tr("Yearly"), Frequency.YEARLY)
        # A way there in one choice: Weekly with Monday to Friday ticked (a keyboard trial
        # took four more Tabs and Spaces across the day buttons). Last: the arrow keys,
        # which choose as they go, pass Weekly to Monthly without being taken back.
        self.frequency.addItem(self.tr("Every weekday (Monday to Friday)"), _WEEKDAYS)
        self.setFocusProxy(self.frequency)
        self.interval = named(QSpinBox(), "repeat_interval")
        self.interval.setRange(1, MAX_INTERVAL)
        # Letters the editor around us leaves free (V, O): Tab reaches the rest, and the
        # arrow keys go between the three ends once one has the focus.
        self._every = QLabel(self.tr("e&very"))
        self._every.setBuddy(self.interval)
        self._unit = QLabel()
        self.day_buttons: list[QToolButton] = []
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(2)
        locale = QLocale()
        for number in range(7):
            button = named(QToolButton(), f"repeat_day_{number}")
            button.setText(locale.dayName(number + 1, QLocale.FormatType.ShortFormat))
            button.setToolTip(locale.dayName(number + 1, QLocale.FormatType.LongFormat))
            button.setCheckable(True)
            button.setProperty("role", "weekday")
            button.toggled.connect(self._on_day_toggled)
            self.day_buttons.append(button)  # by weekday number, Monday first (as dateutil)
        week_start = locale.firstDayOfWeek().value - 1  # shown in the calendar's order
        for shift in range(7):
            days.addWidget(self.day_buttons[(week_start + shift) % 7])
        days.addStretch(1)
        self._days_row = QWidget()
        self._days_row.setLayout(days)
        self.monthly = named(QComboBox(), "repeat_monthly")
        self.end_never = named(QRadioButton(self.tr("never")), "repeat_end_never")
        self.end_count = named(QRadioButton(self.tr("after")), "repeat_end_count")
        self.end_until = named(QRadioButton(self.tr("&on")), "repeat_end_until")
        # Each said whole: "Ends" labels the chosen one alone, and "on" alone says little.
        self.end_never.setAccessibleName(self.tr("Ends never"))
        self.end_count.setAccessibleName(self.tr("Ends after a number of times"))
        self.end_until.setAccessibleName(self.tr("Ends on a date"))
        self.end = QButtonGroup(self)
        for choice in (self.end_never, self.end_count, self.end_until):
            self.end.addButton(choice)
        self.end_never.setChecked(True)
        self.count = named(QSpinBox(), "repeat_count")
        self.count.setAccessibleName(self.tr("How many times"))
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(DEFAULT_COUNT)
        self.count.setSuffix(self.tr(" times"))
        self.count.valueChanged.connect(self._on_count_changed)  # "1 time" (a re-trial)
        self.until = date_edit("repeat_until")
        self.until.setAccessibleName(self.tr("Last day of the repeat"))
        self.summary = message_label("repeat_summary", "hint")
        self.custom_summary = message_label("repeat_custom", "hint")
        self.replace_button = named(QPushButton(self.tr("Replace…")), "repeat_replace")
        self.replace_button.setToolTip(
            self.tr("Set a new repeat here instead of the one this activity came with.")
        )

        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.frequency)
        first.addWidget(self._every)
        first.addWidget(self.interval)
        first.addWidget(self._unit)
        first.addStretch(1)
        ending = QHBoxLayout()
        ending.setContentsMargins(0, 0, 0, 0)
        # Its letter goes to the ending chosen; the arrow keys then choose another ("never"
        # and "after" had no letter left of their own: an accessibility audit).
        self._ends_label = QLabel(self.tr("&Ends"))
        self._ends_label.setBuddy(self.end_never)
        ending.addWidget(self._ends_label)
        ending.addWidget(self.end_never)
        ending.addWidget(self.end_count)
        ending.addWidget(self.count)
        ending.addWidget(self.end_until)
        ending.addWidget(self.until)
        ending.addStretch(1)
        for field in (self.count, self.until):  # the dialog widens rather than cut "8 March"
            field.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._details = QWidget()
        details = QVBoxLayout(self._details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self._days_row)
        details.addWidget(self.monthly)
        self._ending_row = QWidget()
        self._ending_row.setLayout(ending)
        details.addWidget(self._ending_row)
        details.addWidget(self.summary)
        self._editor = QWidget()
        editor = QVBoxLayout(self._editor)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addLayout(first)
        editor.addWidget(self._details)
        self._kept = QWidget()
        kept = QHBoxLayout(self._kept)
        kept.setContentsMargins(0, 0, 0, 0)
        kept.addWidget(self.custom_summary, 1)
        kept.addWidget(self.replace_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._editor)
        layout.addWidget(self._kept)
        self._kept.hide()

        self.frequency.currentIndexChanged.connect(self._on_frequency_changed)
        self.interval.valueChanged.connect(self._on_choice_changed)
        self.monthly.currentIndexChanged.connect(self._on_choice_changed)
        self.end.buttonToggled.connect(self._on_end_changed)
        self.count.valueChanged.connect(self._on_choice_changed)
        self.until.dateChanged.connect(self._on_choice_changed)
        self.until.dateChanged.connect(self._on_until_chosen)
        self.replace_button.clicked.connect(self._on_replace_clicked)

    # -- what the owner calls --------------------------------------------------------------

    def load(self, rule: str | None, *, start: datetime | date, zone: ZoneInfo) -> None:
        """Show `rule` (None: does not repeat) of a series starting at `start` in `zone`."""
        self._loading = True
        self._original = rule
        self._start, self._zone = start, zone
        self._fill_monthly(MonthlyBy.DAY)
        repeat = None
        if rule is not None:
            try:
                repeat = recurrence.parse_repeat(rule, start=start, zone=zone)
            except RecurrenceError:
                repeat = None
        self.custom = rule is not None and repeat is None
        if repeat is not None:
            self._show(repeat)
        else:
            self._select(self.frequency, "")
            self._check_days({self._start_day().weekday()})
        self._default_until()
        self._loading = False
        self._editor.setVisible(not self.custom)
        self._kept.setVisible(self.custom)
        self._on_frequency_changed()

    def set_start(self, start: datetime | date, zone: ZoneInfo) -> None:
        """The series now starts at `start`: monthly choices and a lone weekday follow it."""
        before = self._start_day()
        self._start, self._zone = start, zone
        day = self._start_day()
        if self.selected_days() == {before.weekday()} and day.weekday() != before.weekday():
            self._loading = True
            self._check_days({day.weekday()})
            self._loading = False
        if self._chosen_end is not None:
            # The end the person chose stays, unless the start passes it: the series would end
            # before it began. Then it follows the start, as long as the series was when the
            # end was chosen, and comes back if the start does.
            chosen, length = self._chosen_end
            end = chosen if chosen >= day else day + length
            self._moving_end = True
            self.until.setDate(QDate(end.year, end.month, end.day))
            self._moving_end = False
        current = self.monthly.currentData()
        self._fill_monthly(current if isinstance(current, MonthlyBy) else MonthlyBy.DAY)
        self._refresh()

    def rule(self) -> str | None:
        """The RRULE text the choices make (None: does not repeat).

        A rule the choices leave as it was comes back exactly as stored. Raises
        RecurrenceError with a plain sentence when the choices make no repeat.
        """
        if self.custom:
            return self._original
        repeat = self.repeat()
        if repeat is None:
            return None
        if self._original is not None and self._unchanged(repeat):
            return self._original
        return recurrence.build_rule(repeat, start=self._start, zone=self._zone)

    def repeat(self) -> Repeat | None:
        """The choices as they stand (None: does not repeat)."""
        frequency = self.frequency.currentData()
        if not isinstance(frequency, Frequency):
            return None
        until = self.until.date().toPython() if self.end_until.isChecked() else None
        assert until is None or isinstance(until, date)
        monthly = self.monthly.currentData()
        return Repeat(
            frequency=frequency,
            interval=self.interval.value(),
            weekdays=frozenset(self.selected_days())
            if frequency is Frequency.WEEKLY
            else frozenset(),
            monthly_by=monthly if frequency is Frequency.MONTHLY and monthly else MonthlyBy.DAY,
            count=self.count.value() if self.end_count.isChecked() else None,
            until=until,
        )

    def selected_days(self) -> set[int]:
        return {number for number, button in enumerate(self.day_buttons) if button.isChecked()}

    # -- reactions -------------------------------------------------------------------------

    @Slot()
    def _on_frequency_changed(self) -> None:
        if self.frequency.currentData() == _WEEKDAYS:
            self._check_days(set(range(5)))
            self._select(self.frequency, Frequency.WEEKLY)  # shown as what it is, days ticked
            return  # (the change of choice came back here)
        frequency = self.frequency.currentData()
        repeats = isinstance(frequency, Frequency)
        for widget in (self._every, self.interval, self._unit, self._details):
            widget.setVisible(repeats)
        self._days_row.setVisible(frequency is Frequency.WEEKLY)
        self.monthly.setVisible(frequency is Frequency.MONTHLY)
        if not self._loading:
            self._default_until()  # an end not chosen yet follows how often it repeats
        self._on_end_changed()

    @Slot()
    def _on_end_changed(self) -> None:
        chosen = self.end.checkedButton()
        if chosen is not None:
            self._ends_label.setBuddy(chosen)
        self.count.setEnabled(self.end_count.isChecked())
        self.until.setEnabled(self.end_until.isChecked())
        self._on_choice_changed()

    @Slot(bool)
    def _on_day_toggled(self, checked: bool) -> None:
        if not checked and not self.selected_days():
            # A weekly repeat needs a day: the last one stays chosen.
            sender = self.sender()
            if isinstance(sender, QToolButton):
                sender.setChecked(True)
            return
        self._on_choice_changed()

    @Slot()
    def _on_choice_changed(self) -> None:
        if self._loading:
            return
        self._refresh()

    @Slot()
    def _on_replace_clicked(self) -> None:
        """Leave the kept rule for the editor's choices, starting from its frequency."""
        self.custom = False
        guess = next(
            (f for f in Frequency if f"FREQ={f.value}" in (self._original or "").upper()),
            Frequency.WEEKLY,
        )
        self._loading = True
        self.interval.setValue(1)
        self.end_never.setChecked(True)
        self._check_days({self._start_day().weekday()})
        self._loading = False
        self._kept.hide()
        self._editor.show()
        self._select(self.frequency, guess)
        self._on_frequency_changed()
        self.frequency.setFocus()

    # -- helpers ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Units, the summary line and the kept rule's words, after any change."""
        plural = self.interval.value() != 1
        units = {
            Frequency.DAILY: (self.tr("day"), self.tr("days")),
            Frequency.WEEKLY: (self.tr("week"), self.tr("weeks")),
            Frequency.MONTHLY: (self.tr("month"), self.tr("months")),
            Frequency.YEARLY: (self.tr("year"), self.tr("years")),
        }
        frequency = self.frequency.currentData()
        if isinstance(frequency, Frequency):
            self._unit.setText(units[frequency][plural])
            # Said as one ("Repeat every 2 weeks"): the unit is a label of its own beside it.
            self.interval.setAccessibleName(
                self.tr("Repeat every how many %1").replace("%1", units[frequency][1])
            )
        self.summary.setText(self._summary())
        if self.custom and self._original is not None:
            self.custom_summary.setText(self._words(self._original))
        self.changed.emit()

    def _summary(self) -> str:
        try:
            rule = self.rule()
        except RecurrenceError as error:
            return error.message
        if rule is None:
            return ""
        words = self._words(rule)
        first = recurrence.first_start(rule, start=self._start, zone=self._zone)
        if first is not None and first != self._start_day():
            when = labels.day_text(first, "dddd d MMMM")
            words += " " + self.tr("(the first on %1)").replace("%1", when)
        return words

    @Slot(int)
    def _on_count_changed(self, count: int) -> None:
        self.count.setSuffix(self.tr(" time") if count == 1 else self.tr(" times"))

    def _words(self, rule: str) -> str:
        return labels.repeat_text(rule, start=self._start, zone=self._zone)

    def _unchanged(self, repeat: Repeat) -> bool:
        assert self._original is not None
        try:
            kept = recurrence.parse_repeat(self._original, start=self._start, zone=self._zone)
        except RecurrenceError:
            return False
        return kept == repeat

    def _show(self, repeat: Repeat) -> None:
        self._select(self.frequency, repeat.frequency)
        self.interval.setValue(repeat.interval)
        self._check_days(set(repeat.weekdays) or {self._start_day().weekday()})
        self._fill_monthly(repeat.monthly_by)
        if repeat.count is not None:
            self.end_count.setChecked(True)
            self.count.setValue(repeat.count)
        elif repeat.until is not None:
            self.end_until.setChecked(True)
            self.until.setDate(QDate(repeat.until.year, repeat.until.month, repeat.until.day))
        else:
            self.end_never.setChecked(True)

    @Slot(QDate)
    def _on_until_chosen(self, chosen: QDate) -> None:
        """Remember the end as chosen (typed, picked or loaded), with the series' length then."""
        if self._moving_end:
            return
        end = chosen.toPython()
        assert isinstance(end, date)
        self._chosen_end = (end, max(end - self._start_day(), timedelta(0)))

    def _default_until(self) -> None:
        """The end offered before one is chosen: a season for a daily or weekly repeat, a
        year for a monthly one, five for a yearly one (three months of a yearly repeat had
        made "ends on" a single time)."""
        if not self.end_until.isChecked():
            day = self._start_day()
            months = _OFFERED_MONTHS.get(self.frequency.currentData(), DEFAULT_UNTIL_MONTHS)
            self.until.setDate(QDate(day.year, day.month, day.day).addMonths(months))

    def _fill_monthly(self, keep: MonthlyBy) -> None:
        """The monthly choices the start day allows, worded for that day."""
        day = self._start_day()
        options = recurrence.monthly_options(day)
        blocked = self.monthly.blockSignals(True)
        self.monthly.clear()
        for option in options:
            phrase = recurrence.monthly_phrase(option, day)
            self.monthly.addItem(phrase[:1].upper() + phrase[1:], option)
        self._select(self.monthly, keep if keep in options else MonthlyBy.WEEKDAY)
        self.monthly.blockSignals(blocked)

    def _check_days(self, days: set[int]) -> None:
        for number, button in enumerate(self.day_buttons):
            blocked = button.blockSignals(True)
            button.setChecked(number in days)
            button.blockSignals(blocked)

    def _start_day(self) -> date:
        if isinstance(self._start, datetime):
            return self._start.astimezone(self._zone).date()
        return self._start

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)
