"""The export dialog: what goes into the .ics file, and what stays private."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.categories import Category
from planner.services.interop import ExportRequest
from planner.ui import date_typing, icons, labels
from planner.ui.widgets import date_edit, message_label, named

if TYPE_CHECKING:
    from planner.domain.programs import Program


class ExportDialog(QDialog):
    """Chooses a range, steps and categories, and whether notes or real titles leave.

    Private by default: notes and the partner's name stay unless the person ticks the box.
    """

    def __init__(self, *, program: Program, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to a Calendar File"))
        self.setMinimumWidth(520)
        intro = message_label("intro", "hint")
        intro.setText(
            self.tr(
                "Creates an .ics file that Google Calendar, Apple Calendar and others can "
                "import. Importing it again later updates the same events."
            )
        )

        self.everything = named(QRadioButton(self.tr("E&verything")), "everything")
        self.between = named(QRadioButton(self.tr("&From")), "between")
        self.everything.setChecked(True)
        self.first_day = date_edit("first_day")
        self.last_day = date_edit("last_day")
        # Said by a screen reader: their labels are a radio button and a plain "to".
        self.first_day.setAccessibleName(self.tr("From"))
        self.last_day.setAccessibleName(self.tr("To"))
        self.first_day.setDate(QDate(today.year, today.month, today.day))
        later = today + timedelta(days=55)  # eight weeks, today included, as `list` reads
        self.last_day.setDate(QDate(later.year, later.month, later.day))
        range_row = QHBoxLayout()
        range_row.addWidget(self.everything)
        range_row.addSpacing(12)
        range_row.addWidget(self.between)
        range_row.addWidget(self.first_day)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.last_day)
        range_row.addStretch(1)
        # Said where the range is chosen: a file of "next month" holding a daily habit with no
        # end surprised a person, who expected the repeats to stop at the range's last day.
        self.whole_series = message_label("whole_series", "hint")
        self.whole_series.setText(
            self.tr(
                "A repeating activity with a day in this range goes out whole, with all its "
                "repeats, so the other calendar keeps it as one series."
            )
        )
        self.between.toggled.connect(self._on_between_toggled)
        self._on_between_toggled(False)

        self.steps = named(QListWidget(), "steps")
        for step in program.steps:
            item = QListWidgetItem(f"{step.number}. {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, int(step.number))
            item.setCheckState(Qt.CheckState.Checked)
            self.steps.addItem(item)
        self.categories = named(QListWidget(), "categories")
        for category in Category:
            icon = icons.coloured_category_icon(category)
            item = QListWidgetItem(icon, labels.category_label(category))
            item.setData(Qt.ItemDataRole.UserRole, category)
            item.setCheckState(Qt.CheckState.Checked)
            self.categories.addItem(item)
        # Step rows have no icon: give both lists the icon rows' height so they line up.
        row = QSize(self.steps.sizeHintForColumn(0), self.categories.sizeHintForRow(0))
        for item in (self.steps.item(i) for i in range(self.steps.count())):
            item.setSizeHint(row)
        for widget in (self.steps, self.categories):  # as tall as all their rows, if room
            widget.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        lists = QGridLayout()
        # With letters, as the other dialogs' fields have (a keyboard-only trial).
        steps_label = QLabel(self.tr("&Steps"))
        steps_label.setBuddy(self.steps)
        categories_label = QLabel(self.tr("C&ategories"))
        categories_label.setBuddy(self.categories)
        lists.addWidget(steps_label, 0, 0)
        lists.addWidget(categories_label, 0, 1)
        lists.addWidget(self.steps, 1, 0)
        lists.addWidget(self.categories, 1, 1)

        privacy = QGroupBox(self.tr("Privacy"))
        self.include_notes = named(
            QCheckBox(self.tr("Include my private &notes and my partner's name")), "include_notes"
        )
        self.disguise = named(
            QCheckBox(self.tr("Use neutral &titles, for a calendar other people can see")),
            "disguise",
        )
        privacy_hint = message_label("privacy_hint", "hint")
        privacy_hint.setText(
            self.tr(
                "Titles, times and places go into the file. By default your notes and "
                "your partner's name stay on this computer, as your reflections always do. "
                "Neutral titles read like “Personal time” or “Coffee”, with no place."
            )
        )
        self._notes_chosen = False
        self.disguise.toggled.connect(self._on_disguise_toggled)
        privacy_layout = QVBoxLayout(privacy)
        privacy_layout.addWidget(self.include_notes)
        privacy_layout.addWidget(self.disguise)
        privacy_layout.addWidget(privacy_hint)

        self.error = message_label("error", "error")
        self.error.hide()
        for day in (self.first_day, self.last_day):  # a typed date that is none: said here
            date_typing.say_in(day, self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(
            self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("export")
        buttons.accepted.connect(self._on_export_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(range_row)
        layout.addWidget(self.whole_series)
        layout.addLayout(lists)
        layout.addSpacing(8)
        layout.addWidget(privacy)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.export_button.setDefault(True)

    def request(self) -> ExportRequest:
        """The choices as a service request (empty sets mean "all")."""
        steps = [int(str(value)) for value in self._checked(self.steps)]
        categories = [
            value for value in self._checked(self.categories) if isinstance(value, Category)
        ]
        first: date | None = None
        last: date | None = None
        if self.between.isChecked():
            chosen_first = self.first_day.date().toPython()
            chosen_last = self.last_day.date().toPython()
            assert isinstance(chosen_first, date) and isinstance(chosen_last, date)
            first, last = chosen_first, chosen_last
        return ExportRequest(
            first_day=first,
            last_day=last,
            steps=frozenset() if len(steps) == self.steps.count() else frozenset(steps),
            categories=(
                frozenset() if len(categories) == self.categories.count() else frozenset(categories)
            ),
            include_notes=self.include_notes.isChecked(),
            disguise=self.disguise.isChecked(),
        )

    @staticmethod
    def _checked(widget: QListWidget) -> list[object]:
        return [
            widget.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    @Slot(bool)
    def _on_between_toggled(self, checked: bool) -> None:
        self.first_day.setEnabled(checked)
        self.last_day.setEnabled(checked)
        self.whole_series.setEnabled(checked)  # greyed, not hidden: the dialog keeps its size

    @Slot(bool)
    def _on_disguise_toggled(self, disguised: bool) -> None:
        """Neutral titles keep the notes and the partner's name out: a trial ticked both, and
        the calendar meant for other eyes carried the notes the titles had hidden."""
        if disguised:
            self._notes_chosen = self.include_notes.isChecked()  # given back on untick
            self.include_notes.setChecked(False)
        else:
            self.include_notes.setChecked(self._notes_chosen)
        self.include_notes.setEnabled(not disguised)
        self.include_notes.setToolTip(
            self.tr("A calendar other people can see keeps your notes out.") if disguised else ""
        )

    @Slot()
    def _on_export_clicked(self) -> None:
        # A date still being typed is read first; one that is no date stops the export.
        if not all([date_typing.settle(day) for day in (self.first_day, self.last_day)]):
            return
        problem = None
        if not self._checked(self.steps):
            problem = self.tr("Choose at least one step.")
        elif not self._checked(self.categories):
            problem = self.tr("Choose at least one category.")
        elif self.between.isChecked() and self.last_day.date() < self.first_day.date():
            problem = self.tr("The last day cannot be before the first day.")
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()
