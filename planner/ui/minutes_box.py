"""A length in minutes that can also be typed in hours: "90", "1:30", "1h 30", "1.5 hours"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent

_MINUTES = r"(?:m|min|mins|minute|minutes)"
_HOURS = r"(?:h|hr|hrs|hour|hours)"
#: The ways a length is written in full: minutes alone, hours:minutes, hours with minutes.
#: Numbers are kept short: a pasted run of digits is no length (and would not fit an int).
_WHOLE = (
    re.compile(rf"(\d{{1,6}})\s*{_MINUTES}?"),
    re.compile(rf"(\d{{1,4}}):(\d{{1,2}})\s*{_HOURS}?"),
    re.compile(rf"(\d{{1,4}}(?:[.,]\d{{1,3}})?)\s*{_HOURS}\s*(?:(\d{{1,2}})\s*{_MINUTES}?)?"),
)
#: What may still become one of them as more is typed ("1:", "1 ho", "1h 3").
_ON_THE_WAY = re.compile(r"(?:\d[\d\s:.,hourstmine]{0,20})?")


def minutes_typed(text: str, unit: str = "min") -> int | None:
    """The minutes `text` writes, or None when it is not (yet) a length. `unit` is the
    word the box writes after its minutes (translated), read back too."""
    typed = text.strip().lower()
    if unit and typed.endswith(unit.lower()):
        typed = typed[: -len(unit)].strip() or typed
    plain, clock, hours = (pattern.fullmatch(typed) for pattern in _WHOLE)
    if plain is not None:
        return int(plain.group(1))
    if clock is not None:
        minutes = int(clock.group(2))
        return None if minutes >= 60 else int(clock.group(1)) * 60 + minutes
    if hours is not None:
        minutes = int(hours.group(2) or 0)
        if minutes >= 60:
            return None  # "1h 75" is no way to write a length: said as not understood
        return round(float(hours.group(1).replace(",", ".")) * 60) + minutes
    return None


class MinutesBox(QSpinBox):
    """A spin box of minutes ("45 min") that reads a length typed in hours too. Typed
    "1:00" over "45 min" had become 100 minutes, and "1 hour" was quietly put back.

    What is left half-typed when the field is left ("1:75", "10:") puts back the length the
    field had when it was entered, not the last one its keystrokes happened to spell
    ("1:7", 67 minutes)."""

    def __init__(self) -> None:
        super().__init__()
        self._unit = QCoreApplication.translate("MinutesBox", "min")
        self._on_entry = self.value()
        #: What was typed and not taken, said by the dialog (a trial saw "0" then Save keep
        #: 45 minutes without a word); cleared as the field is entered again.
        self.refused = ""

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._on_entry = self.value()
        self.refused = ""
        super().focusInEvent(event)

    def refusal(self) -> str:
        """Why what the field holds now is no length it can take, or "" (half-typed text is
        read as the field is left: Save and Ctrl+Enter ask this first)."""
        if self.hasAcceptableInput() or not self.lineEdit().text().strip():
            return self.refused
        return self._refusal_for(self.lineEdit().text())

    def _refusal_for(self, text: str) -> str:
        shown = self.textFromValue(self._on_entry)
        return (
            QCoreApplication.translate(
                "MinutesBox",
                "“%1” is not a length I can plan (from %2 to %3 minutes, or hours such as "
                "“1:30”); it stays %4.",
            )
            .replace("%1", text.strip())
            .replace("%2", str(self.minimum()))
            .replace("%3", str(self.maximum()))
            .replace("%4", shown)
        )

    def stepBy(self, steps: int) -> None:
        """A step (arrow keys, wheel) is a length chosen whole: what is typed after it and
        left half-typed puts that one back."""
        super().stepBy(steps)
        self._on_entry = self.value()

    def textFromValue(self, value: int) -> str:
        return f"{value} {self._unit}"

    def valueFromText(self, text: str) -> int:
        minutes = minutes_typed(text, self._unit)
        return self.value() if minutes is None else minutes

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        minutes = minutes_typed(text, self._unit)
        if minutes is not None and self.minimum() <= minutes <= self.maximum():
            return QValidator.State.Acceptable, text, position
        if _ON_THE_WAY.fullmatch(text.strip().lower()):
            return QValidator.State.Intermediate, text, position
        return QValidator.State.Invalid, text, position

    def fixup(self, text: str) -> str:
        if text.strip():
            self.refused = self._refusal_for(text)
        return self.textFromValue(self._on_entry)
