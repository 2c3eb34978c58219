"""After marking something done: an optional, private moment to note how it went."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.domain import text as words
from planner.domain.completions import MAX_LEARNED, MOOD_MAX, MOOD_MIN, Reflection
from planner.ui import confirm, labels
from planner.ui.widgets import message_label, named

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date


class ReflectionDialog(confirm.AsksBeforeLeaving, QDialog):
    """Asks, gently and optionally, how it went; everything stays on this computer.

    Attributes:
        reflection: what was written once accepted (None when skipped or left empty).

    `save`, given, keeps the reflection at Save and returns None, or why it could not: the
    dialog then stays open with the words in it, and says why (they had gone with the dialog
    when a full disk refused them: a data-safety trial).
    """

    def __init__(
        self,
        *,
        title: str,
        existing: Reflection | None = None,
        day: date | None = None,
        save: Callable[[Reflection | None], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        # Cut here, whole words first: a window manager cut a long title in its middle
        # ("Self-care evenin… bath, music"); the heading below says it whole.
        self.setWindowTitle(self.tr("Done: %1").replace("%1", _short(title)))
        self.setMinimumWidth(420)
        self.reflection: Reflection | None = None
        # Which one, and on which day when it was not today (a new user, marking yesterday's
        # journaling, could not tell from the dialog which evening it was about).
        heading = named(QLabel(), "heading")
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        heading.setText(
            self.tr("%1, %2").replace("%2", labels.day_text(day, "dddd d MMMM"))
            .replace("%1", title)
            if day is not None else title
        )  # fmt: skip
        intro = message_label("intro", "hint")
        intro.setText(
            self.tr("Nicely done. If you like, note how it went. This stays on your computer.")
            if existing is None
            else self.tr("What you wrote about it, to read again or change. It stays on your "
                         "computer.")
        )  # fmt: skip
        self.text = named(QPlainTextEdit(), "how_it_went")
        self.text.setPlaceholderText(self.tr("How did it go?"))
        self.text.setTabChangesFocus(True)
        # At least four lines, and all the room the dialog is given: a reflection of several
        # paragraphs showed three lines at a time, however large the dialog (a trial).
        self.text.setMinimumHeight(80)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.moods = QButtonGroup(self)
        mood_row = QHBoxLayout()
        arrows = _ArrowsChoose(self.moods, self)
        for value in range(MOOD_MIN, MOOD_MAX + 1):
            button = named(QRadioButton(labels.mood_label(value)), f"mood_{value}")
            # "Mood: Heavy" to a screen reader: the row's label is no buddy (see below).
            button.setAccessibleName(self.tr("Mood: %1").replace("%1", labels.mood_label(value)))
            self.moods.addButton(button, value)
            button.installEventFilter(arrows)
            mood_row.addWidget(button)
        mood_row.addStretch(1)
        self.learned = named(QLineEdit(), "learned")
        self.learned.setMaxLength(MAX_LEARNED)
        self.learned.setPlaceholderText(self.tr("One line you want to remember"))
        form = QFormLayout()
        form.addRow(self.tr("&How it went"), self.text)
        # No letter for Mood: a label's letter clicks a button buddy, choosing a mood.
        form.addRow(self.tr("Mood"), mood_row)
        form.addRow(self.tr("What I &learned"), self.learned)
        buttons = QDialogButtonBox()
        save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        save_button.setObjectName("save")
        skip = buttons.addButton(self.tr("Not Now"), QDialogButtonBox.ButtonRole.RejectRole)
        skip.setObjectName("not_now")
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        self.error = message_label("error", "error")
        self.error.hide()
        # What Save was refused goes once the words change: it spoke of those before.
        self.text.textChanged.connect(self.error.hide)
        self.learned.textEdited.connect(self.error.hide)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        save_button.setDefault(True)
        # As wide as one written before opens (a trial found the new one narrower), and as
        # tall as those words need.
        self._make_room_for(existing.text if existing is not None else "")
        if existing is not None:  # written before: shown as it was, to read or change
            self.text.setPlainText(existing.text)
            if existing.mood is not None:
                self.moods.button(existing.mood).setChecked(True)
            self.learned.setText(existing.learned)
            skip.setText(self.tr("Close"))
        self._as_opened = self._form_now()

    def _make_room_for(self, text: str) -> None:
        """Open as tall and wide as words written before need to be read without scrolling,
        up to most of the screen (then the box scrolls)."""
        metrics = self.text.fontMetrics()
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(640, screen.width() * 3 // 4) if screen else 640
        room = width - 120  # the label column and the margins, roughly
        lines = sum(
            max(1, -(-metrics.horizontalAdvance(paragraph) // max(room, 1)))
            for paragraph in text.splitlines() or [""]
        )
        # Room for eighteen lines at least: a long writer's box had scrolled almost at once
        # (a re-trial).
        wanted = (max(lines, 17) + 1) * metrics.lineSpacing() + 12
        extra = max(0, wanted - self.text.sizeHint().height())
        tallest = screen.height() * 3 // 4 if screen else 700
        self.resize(width, min(self.sizeHint().height() + extra, tallest))

    def _form_now(self) -> tuple[str, int, str]:
        return self.text.toPlainText(), self.moods.checkedId(), self.learned.text()

    def has_unsaved_changes(self) -> bool:
        """Words written here may have taken a while, and a hard moment, to write."""
        return self._form_now() != self._as_opened

    def _on_save_clicked(self) -> None:
        mood = self.moods.checkedId()
        reflection = Reflection(
            text=self.text.toPlainText(),
            mood=mood if mood >= MOOD_MIN else None,
            learned=self.learned.text(),
        )
        self.reflection = None if reflection.empty else reflection
        refused = self._save(self.reflection) if self._save is not None else None
        if refused:
            confirm.say_refused(self, self.error, refused)
            return
        self.accept()


def _short(title: str) -> str:
    """A title for the window's bar: up to 40 characters (as the app counts them, a family
    emoji one), ending on a whole word where it has one."""
    title = unicodedata.normalize("NFC", title)  # as `shortened` gives it back, to compare
    if words.length(title) <= _TITLE_BAR:
        return title
    cut = words.shortened(title, _TITLE_BAR)
    rest = title[len(cut) :]
    if not rest[:1].isspace() and " " in cut:  # cut inside a word: end before it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


_TITLE_BAR = 40


class _ArrowsChoose(QObject):
    """The arrow keys choose the mood beside the focused one, also when none is chosen yet
    (Qt's radio buttons then only move the focus, and nothing looks chosen)."""

    _STEPS: ClassVar[dict[int, int]] = {
        Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1,
    }  # fmt: skip

    def __init__(self, group: QButtonGroup, parent: QObject) -> None:
        super().__init__(parent)
        self._group = group

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = self._STEPS.get(event.key())
        buttons = self._group.buttons()
        held = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        held |= Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        # (macOS marks every arrow key as a keypad key, so that modifier says nothing here)
        if step is None or watched not in buttons or event.modifiers() & held:
            return False
        beside = buttons[max(0, min(len(buttons) - 1, buttons.index(watched) + step))]
        beside.setChecked(True)
        beside.setFocus(Qt.FocusReason.TabFocusReason)
        return True
