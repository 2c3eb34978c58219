"""A length in minutes that can also be typed in hours: "90", "1:30", "1h 30", "1.5 hours"."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox

_MINUTES = r"(?:m|min|mins|minute|minutes)"
_HOURS = r"(?:h|hr|hrs|hour|hours)"
#: The ways a length is written in full: minutes alone, hours:minutes, hours with minutes.
_WHOLE = (
    re.compile(rf"(\d+)\s*{_MINUTES}?"),
    re.compile(rf"(\d+):(\d{{1,2}})\s*{_HOURS}?"),
    re.compile(rf"(\d+(?:[.,]\d+)?)\s*{_HOURS}\s*(?:(\d+)\s*{_MINUTES}?)?"),
)
#: What may still become one of them as more is typed ("1:", "1 ho", "1h 3").
_ON_THE_WAY = re.compile(r"(?:\d[\d\s:.,hourstmine]*)?")


def minutes_typed(text: str) -> int | None:
    """The minutes `text` writes, or None when it is not (yet) a length."""
    typed = text.strip().lower()
    plain, clock, hours = (pattern.fullmatch(typed) for pattern in _WHOLE)
    if plain is not None:
        return int(plain.group(1))
    if clock is not None:
        return None if int(clock.group(2)) >= 60 else int(clock.group(1)) * 60 + int(clock.group(2))
    if hours is not None:
        whole = float(hours.group(1).replace(",", ".")) * 60
        return round(whole) + int(hours.group(2) or 0)
    return None


class MinutesBox(QSpinBox):
    """A spin box of minutes ("45 min") that reads a length typed in hours too. Typed
    "1:00" over "45 min" had become 100 minutes, and "1 hour" was quietly put back."""

    def __init__(self) -> None:
        super().__init__()
        self._unit = QCoreApplication.translate("MinutesBox", "min")

    def textFromValue(self, value: int) -> str:
        return f"{value} {self._unit}"

    def valueFromText(self, text: str) -> int:
        minutes = minutes_typed(text)
        return self.value() if minutes is None else minutes

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        minutes = minutes_typed(text)
        if minutes is not None and self.minimum() <= minutes <= self.maximum():
            return QValidator.State.Acceptable, text, position
        if _ON_THE_WAY.fullmatch(text.strip().lower()):
            return QValidator.State.Intermediate, text, position
        return QValidator.State.Invalid, text, position
