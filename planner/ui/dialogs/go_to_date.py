"""View > Go to Date: a far week or month without paging there one step at a time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from planner.ui import date_typing
from planner.ui.widgets import date_edit, message_label


class GoToDateDialog(QDialog):
    """Asks for a day (typed whole or picked from the calendar) and names it on Go.

    Signals:
        chosen(date): the day to show in the view in front (a calendar, or the agenda).
    """

    chosen = Signal(object)

    def __init__(self, *, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Go to Date"))  # title case, as its menu item
        self.day = date_edit("go_to_day")
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.error = message_label("error", "error")
        self.error.hide()
        date_typing.say_in(self.day, self.error)  # a typed date that is none: said here
        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = buttons.addButton(self.tr("Go"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setObjectName("go")
        buttons.accepted.connect(self._on_go_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.go_button.setDefault(True)  # only inside the dialog does QDialog honour it
        self.setMinimumWidth(320)
        date_typing.ask_whole(self.day)  # typed over whole; Enter then goes
        self.day.setFocus()

    @Slot()
    def _on_go_clicked(self) -> None:
        # A date still being typed is read first; one that is no date stays, and is said.
        if not date_typing.settle(self.day):
            return
        chosen = self.day.date().toPython()
        assert isinstance(chosen, date)
        self.accept()
        self.chosen.emit(chosen)
