"""What a screen reader hears where the focus is not, and names it reads where the focus is
(an accessibility audit found these silent or nameless)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.ui import announce
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.dialogs.export import ExportDialog
from planner.ui.dialogs.reflection import ReflectionDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY
from tests.zones import BERLIN


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """What is said through `announce.say`, in order: (text, urgent)."""
    said: list[tuple[str, bool]] = []

    def say(_widget: object, text: str, *, urgent: bool = False) -> None:
        if text:
            said.append((text, urgent))

    monkeypatch.setattr(announce, "say", say)
    return said


def test_a_message_in_the_status_bar_is_heard(
    qtbot: QtBot, main_window: MainWindow, heard: list[tuple[str, bool]]
) -> None:
    main_window.statusBar().showMessage("Deleted “Walk”. Undo with Ctrl+Z.", 4000)
    assert ("Deleted “Walk”. Undo with Ctrl+Z.", False) in heard


def test_what_find_found_is_heard_with_the_match(
    qtbot: QtBot, main_window: MainWindow, heard: list[tuple[str, bool]]
) -> None:
    start = datetime.combine(TODAY + timedelta(days=2), time(18), BERLIN)
    main_window.hub.create_activity(ActivityDraft(
        title="Pottery class", category=Category.GROWTH, step=StepNumber(1), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    qtbot.keyClick(main_window.views.currentWidget(), Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    qtbot.waitUntil(main_window.find_bar.isVisible)
    qtbot.keyClicks(main_window.find_bar.edit, "pottery")
    qtbot.keyClick(main_window.find_bar.edit, Qt.Key.Key_Return)
    assert ("1 of 1: Pottery class, Wed 25 Nov 2026", False) in heard
    qtbot.keyClicks(main_window.find_bar.edit, "zzz")
    qtbot.keyClick(main_window.find_bar.edit, Qt.Key.Key_Return)
    assert heard[-1] == ("No matches", False)


def test_a_date_note_is_heard_at_once_and_kept_as_the_fields_description(
    qtbot: QtBot, hub: Hub, heard: list[tuple[str, bool]]
) -> None:
    dialog = ActivityDialog(hub=hub, day=TODAY)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.day.setFocus()
    qtbot.waitUntil(dialog.day.hasFocus)
    qtbot.keyClick(dialog.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.day, Qt.Key.Key_3)  # typed over all of it: a field of its own
    typed = dialog.day.findChild(QLineEdit, "typed_whole")
    assert typed is not None and typed.accessibleName() == "Date"  # not "text" alone
    qtbot.keyClicks(typed, "0 Feb 2027")
    qtbot.keyClick(typed, Qt.Key.Key_Return)
    assert heard[-1] == ("February 2027 has no day 30.", True)
    assert dialog.day.accessibleDescription() == "February 2027 has no day 30."
    typed.setText("26 Feb 2027")
    qtbot.keyClick(typed, Qt.Key.Key_Return)
    assert dialog.day.accessibleDescription() == ""  # put right: the note is gone


def test_a_note_above_the_calendar_is_heard_and_its_close_button_named(
    qtbot: QtBot, main_window: MainWindow, heard: list[tuple[str, bool]]
) -> None:
    main_window.message_bar.show_message("You reached a milestone.", [])
    assert heard[-1] == ("You reached a milestone.", False)
    assert main_window.message_bar.close_button.accessibleName() == "Close"


def test_tab_to_an_idea_in_the_steps_text_says_the_idea(
    qtbot: QtBot, main_window: MainWindow, heard: list[tuple[str, bool]]
) -> None:
    details = main_window.steps_panel.details
    details.setFocus()
    qtbot.waitUntil(details.hasFocus)
    qtbot.keyClick(details, Qt.Key.Key_Tab)  # the first idea
    qtbot.waitUntil(lambda: details.textCursor().hasSelection())
    idea = details.textCursor().selectedText().strip()
    assert idea and heard[-1] == (f"{idea}, link", False)


@pytest.mark.parametrize("reader", [False, True])
def test_the_steps_text_has_a_caret_only_while_a_screen_reader_listens(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, reader: bool
) -> None:
    """A review: a caret for reading line by line took the arrows, PgUp and PgDn from
    everyone (PgDn moved the text a line, End went to the top)."""
    monkeypatch.setattr(QAccessible, "isActive", lambda: reader)
    details = main_window.steps_panel.details
    details.setFocus()
    qtbot.waitUntil(details.hasFocus)
    caret = Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert bool(details.textInteractionFlags() & caret) is reader
    if not reader:
        bar = details.verticalScrollBar()
        qtbot.keyClick(details, Qt.Key.Key_End)
        assert bar.maximum() > 0 and bar.value() == bar.maximum()


def test_the_export_range_and_the_moods_are_named(qtbot: QtBot, hub: Hub) -> None:
    export = ExportDialog(program=hub.program, today=TODAY)
    qtbot.addWidget(export)
    assert (export.first_day.accessibleName(), export.last_day.accessibleName()) == ("From", "To")
    # Eight weeks, today included, as `rekindle list` and `check` read (a re-trial).
    assert export.first_day.date().daysTo(export.last_day.date()) == 55
    reflection = ReflectionDialog(title="Walk")
    qtbot.addWidget(reflection)
    names = [button.accessibleName() for button in reflection.moods.buttons()]
    assert names[0].startswith("Mood: ") and len(set(names)) == len(names)


@pytest.mark.skipif(
    not hasattr(QtGui, "QAccessibleAnnouncementEvent"), reason="announcements came in Qt 6.8"
)
def test_an_announcement_is_made_only_where_a_screen_reader_listens(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[str, object]] = []
    monkeypatch.setattr(
        QAccessible, "updateAccessibility", lambda event: made.append((event.message(),
                                                                        event.politeness()))
    )  # fmt: skip
    widget = QLineEdit()
    monkeypatch.setattr(QAccessible, "isActive", lambda: False)
    announce.say(widget, "Saved.")
    assert made == []
    monkeypatch.setattr(QAccessible, "isActive", lambda: True)
    announce.say(widget, "Saved.")
    announce.say(widget, "February has no day 30.", urgent=True)
    assert made == [
        ("Saved.", QAccessible.AnnouncementPoliteness.Polite),
        ("February has no day 30.", QAccessible.AnnouncementPoliteness.Assertive),
    ]


def test_a_view_brought_forward_is_named_with_its_choice_as_it_takes_the_focus(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """An accessibility audit: Ctrl+2 gave the focus to a week named "Week calendar", its
    choice said only once it had painted."""
    start = datetime.combine(TODAY, time(18), BERLIN)
    main_window.hub.create_activity(ActivityDraft(
        title="Evening pages", category=Category.REFLECTION, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    month = main_window.month_view
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    (walk,) = main_window.hub.occurrences(TODAY, TODAY)
    month.choose(walk, TODAY)
    main_window.week_action.trigger()  # no paint yet: the name is set as the focus comes
    week = main_window.week_view
    assert week.hasFocus()
    assert "Evening pages" in week.accessibleName()


def test_the_more_button_of_a_crowded_day_is_said_as_such(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """An accessibility audit: Tab to "+2 more" was said exactly as the day itself, though
    Enter lists the day on one and plans a new activity on the other."""
    for hour in range(8, 14):
        start = datetime.combine(TODAY, time(hour), BERLIN)
        main_window.hub.create_activity(ActivityDraft(
            title=f"Idea {hour}", category=Category.GROWTH, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        ))  # fmt: skip
    month = main_window.month_view
    month.resize(900, 500)
    month.setFocus()
    qtbot.waitUntil(month.hasFocus)
    month.go_to(TODAY)
    for _ in range(10):
        if month.chosen_more == TODAY:
            break
        qtbot.keyClick(month, Qt.Key.Key_Tab)
    assert month.chosen_more == TODAY
    month.repaint()
    assert month.accessibleName().endswith("the more button: Enter shows the whole day")
    qtbot.keyClick(month, Qt.Key.Key_Left)  # the day before: a day again
    month.repaint()
    assert "more button" not in month.accessibleName()


def test_the_editors_repeat_and_length_are_named_whole(qtbot: QtBot, hub: Hub) -> None:
    """An accessibility audit: the interval said "every", the ends "never", "after", "on",
    the length "for"."""
    dialog = ActivityDialog(hub=hub, day=TODAY)
    qtbot.addWidget(dialog)
    repeat = dialog.repeat
    repeat.frequency.setCurrentIndex(repeat.frequency.findText("Weekly"))
    assert repeat.interval.accessibleName() == "Repeat every how many weeks"
    names = [b.accessibleName() for b in (repeat.end_never, repeat.end_count, repeat.end_until)]
    assert names == ["Ends never", "Ends after a number of times", "Ends on a date"]
    assert dialog.duration.accessibleName() == "Length"


def test_a_crowded_days_list_says_done_in_words(qtbot: QtBot, main_window: MainWindow) -> None:
    """An accessibility audit: the list's rows were read "07:30 to 08:00 ✓ Morning walk"."""
    past = TODAY - timedelta(days=3)
    for hour in (8, 9, 10):
        start = datetime.combine(past, time(hour), BERLIN)
        main_window.hub.create_activity(ActivityDraft(
            title=f"Walk {hour}", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        ))  # fmt: skip
    first = main_window.hub.occurrences(past, past)[0]
    main_window.hub.mark(first, Status.DONE)
    dialog = main_window.open_day(past)
    qtbot.waitExposed(dialog)
    heard = dialog.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert heard == "08:00–08:30, Walk 8, done, Self-care"
    dialog.reject()
