"""Reading back and writing a long reflection: the text takes the dialog's room (a trial's
five paragraphs showed three lines at a time, however large the dialog was made)."""

from __future__ import annotations

from datetime import date

from planner.domain.completions import Reflection
from planner.ui.dialogs.reflection import ReflectionDialog
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

PARAGRAPH = (
    "Today I walked by the river and noticed how much quieter my thoughts were than a month "
    "ago. I still miss the easy evenings, but the missing feels softer now."
)


def _opened(qtbot: QtBot, dialog: ReflectionDialog) -> ReflectionDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _lines_shown(dialog: ReflectionDialog) -> int:
    box = dialog.text
    return box.viewport().height() // box.fontMetrics().lineSpacing()


def test_words_written_before_open_with_room_to_be_read(qtbot: QtBot) -> None:
    written = "\n\n".join([PARAGRAPH] * 4)
    dialog = _opened(qtbot, ReflectionDialog(title="Walk", existing=Reflection(written, 4, "")))
    box = dialog.text
    assert _lines_shown(dialog) >= 17
    assert box.verticalScrollBar().maximum() <= box.fontMetrics().lineSpacing() * 2


def test_a_larger_dialog_gives_its_room_to_the_text(qtbot: QtBot) -> None:
    dialog = _opened(qtbot, ReflectionDialog(title="Walk"))
    before = dialog.text.height()
    dialog.resize(dialog.width(), dialog.height() + 300)
    qtbot.waitUntil(lambda: dialog.text.height() >= before + 250)


def test_a_new_reflection_opens_as_wide_as_one_written_before(qtbot: QtBot) -> None:
    """A new user's trial: Done… opened a narrow dialog, Your Reflection… a wide one."""
    new = _opened(qtbot, ReflectionDialog(title="Walk"))
    again = _opened(qtbot, ReflectionDialog(title="Walk", existing=Reflection("Slow.", 3, "")))
    assert new.width() == again.width() >= 600


def test_the_dialog_names_the_day_it_is_about_when_not_today(qtbot: QtBot) -> None:
    """A new user marked yesterday's journaling and could not tell which evening it was; a
    long title was cut in its middle by the window's bar."""
    title = "Self-care evening: a long bath, music, and an early night"
    dialog = _opened(qtbot, ReflectionDialog(title=title, day=date(2026, 12, 27)))
    heading = dialog.findChild(QLabel, "heading")
    assert heading is not None and heading.text() == f"{title}, Sunday 27 December"
    assert dialog.windowTitle() == "Done: Self-care evening: a long bath, music…"
    today = _opened(qtbot, ReflectionDialog(title="Walk"))
    assert today.findChild(QLabel, "heading").text() == "Walk"
    assert today.windowTitle() == "Done: Walk"


def test_a_long_title_is_cut_after_a_whole_word_and_never_inside_a_letter(qtbot: QtBot) -> None:
    """A review: a title cut where a word ended lost that word, and a family emoji was cut
    into its parts."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    accent = "e\u0301"  # é typed as two code points
    cases = {
        accent * 10 + " " + "x" * 29 + " more words": "Done: "
        + "\u00e9" * 10
        + " "
        + "x" * 29
        + "…",
        "x" * 35 + " abcd more": "Done: " + "x" * 35 + " abcd…",
        "a" * 39 + family + " and more": "Done: " + "a" * 39 + family + "…",
    }
    for title, shown in cases.items():
        dialog = _opened(qtbot, ReflectionDialog(title=title))
        assert dialog.windowTitle() == shown


def test_a_new_reflection_has_room_for_some_seventeen_lines(qtbot: QtBot) -> None:
    """A re-trial: the box for a long writer showed about ten lines and scrolled at once."""
    dialog = _opened(qtbot, ReflectionDialog(title="Walk"))
    assert _lines_shown(dialog) >= 17
