"""Respecting their answer: no contact at once, lifted only on purpose; check-ins; the urge."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft, SetAside
from planner.errors import StorageError
from planner.services.context import Services
from planner.services.plans import PlanService
from planner.storage.repositories import CompletionRepository
from planner.ui import confirm
from planner.ui.dialogs.reach_out import ReachOutDialog
from planner.ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    PLAN_START,
    TODAY,
    busy_once,
    status_message,
    wait_closed,
    wait_for_dialog,
)
from tests.zones import BERLIN

THURSDAY = date(2026, 11, 26)


def _add(window: MainWindow, title: str, category: Category, day: date = THURSDAY) -> None:
    start = datetime(day.year, day.month, day.day, 18, 30, tzinfo=BERLIN)
    window.hub.create_activity(
        ActivityDraft(
            title=title, category=category, step=StepNumber(5), start=start,
            end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip


def _answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def ask(_parent: QWidget, _title: str, text: str, **_buttons: str) -> bool:
        asked.append(text)
        return yes

    monkeypatch.setattr(confirm, "ask", ask)
    return asked


def _titles(window: MainWindow) -> list[str]:
    return sorted(o.title for o in window.month_view.occurrences_on(THURSDAY))


def test_no_contact_sets_contact_aside_at_once_and_says_so(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(main_window, "Coffee together", Category.MEETUP)
    _add(main_window, "Evening yoga", Category.SELF_CARE)
    asked = _answer(monkeypatch, yes=True)
    assert main_window.boundary_action.text() == "They Asked for &No Contact…"

    main_window.boundary_action.trigger()

    assert "• Coffee together · Thu 26 Nov 2026" in asked[0] and "Nothing is deleted" in asked[0]
    assert _titles(main_window) == ["Evening yoga"]
    assert main_window.message_bar.isVisible()
    said = main_window.message_bar.text.text()
    assert said.startswith("Their wish comes first.")  # was "Done. 1 … set aside and kept."
    assert "1 contact activity kept out of sight" in said
    assert main_window.today_panel.checkin.isVisible()  # the check-in still asks...
    assert not main_window.today_panel.focus_button.isVisible()  # ... with nothing to set aside
    assert main_window.boundary_action.text() == "Bring &Contact Plans Back…"
    assert "contact set aside" in main_window.summary.text()
    assert main_window.today_panel.boundary_line.isVisible()
    main_window.steps_panel.show_step(5)
    shown = main_window.steps_panel.details.toPlainText()
    assert "Send a friendly hello" not in shown
    assert "Ideas for contact are resting" in shown


def test_a_step_whose_milestones_are_contact_rests_while_contact_is_set_aside(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A returning-user trial, after "They asked for no contact", still read step 5's goals
    as "First friendly message sent · 0 of 1", and Progress said "Next: step 5 · Reconnect
    gently — A calm, low-pressure first contact lets you both see where things stand"."""
    for number in range(1, 5):
        main_window.hub.complete_step(StepNumber(number))
    _answer(monkeypatch, yes=True)
    main_window.boundary_action.trigger()

    main_window.steps_panel.show_step(5)
    shown = main_window.steps_panel.details.toPlainText()
    assert "This step is resting while contact is set aside." in shown
    assert "First friendly message sent · resting" in shown
    assert "0 of 1" not in shown
    main_window.steps_panel.show_step(4)  # a step about oneself: as it was
    assert "resting while contact" not in main_window.steps_panel.details.toPlainText()

    qtbot.keyClick(main_window.month_view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    timeline = main_window.progress_page.timeline
    qtbot.waitUntil(lambda: timeline.next_step is not None)
    assert timeline.next_step is not None and timeline.next_step.number == 5
    assert timeline.next_step.purpose.startswith("Resting while contact is set aside")


def test_respecting_a_request_for_no_contact_is_the_answer_offered_first(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Go Back was the default: the question leaned away from respecting their wish."""
    asked: list[dict[str, object]] = []

    def ask(_parent: QWidget, _title: str, _text: str, **buttons: object) -> bool:
        asked.append(buttons)
        return False

    monkeypatch.setattr(confirm, "ask", ask)
    main_window.boundary_action.trigger()
    assert asked[-1]["accept"] == "Respect It" and asked[-1]["accept_is_default"] is True


def test_bringing_contact_back_names_what_returns_and_keeping_it_aside_changes_nothing(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(main_window, "Coffee together", Category.MEETUP)
    _answer(monkeypatch, yes=True)
    main_window.boundary_action.trigger()

    asked = _answer(monkeypatch, yes=False)
    main_window.boundary_action.trigger()
    assert "• Coffee together" in asked[0]
    assert "welcome again" in asked[0]
    assert _titles(main_window) == []

    _answer(monkeypatch, yes=True)
    main_window.boundary_action.trigger()
    assert _titles(main_window) == ["Coffee together"]
    assert not main_window.hub.plan.contact_set_aside
    assert not main_window.message_bar.isVisible()  # "… set aside and kept" is no longer true
    assert "back on your calendar" in status_message(main_window)


def test_undo_does_not_reach_past_setting_contact_aside(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(main_window, "Coffee together", Category.MEETUP)
    assert main_window.undo_action.isEnabled()
    _answer(monkeypatch, yes=True)

    main_window.boundary_action.trigger()

    # Undoing the older "add" now would bring the coffee back while contact is set aside.
    assert not main_window.undo_action.isEnabled()
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.hub.plan.contact_set_aside
    assert main_window.hub.cancelled_contact()[0].title == "Coffee together"


def test_the_check_in_asks_gently_and_keep_going_puts_it_away(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    panel = main_window.today_panel
    assert panel.checkin.isVisible()  # three weeks since the plan began
    # One above the other, as wide as each other, their right edges in line (a new user
    # found them of their own widths unfinished).
    focus, keep = panel.focus_button.geometry(), panel.keep_going_button.geometry()
    assert focus.bottom() < keep.top()
    assert (focus.width(), focus.right()) == (keep.width(), keep.right())

    qtbot.mouseClick(panel.keep_going_button, Qt.MouseButton.LeftButton)

    assert not panel.checkin.isVisible()
    assert plan_services.plans.require().last_checkin == TODAY
    assert not plan_services.plans.require().contact_set_aside


def test_a_plan_begun_weeks_back_is_not_checked_in_on_its_first_day(
    qtbot: QtBot, services: Services
) -> None:
    """A trial started a plan dated three weeks back and was asked at once whether it still
    felt right: the first check-in comes three weeks after the plan was started here."""
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), PLAN_START, "Europe/Berlin"))
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.today_panel.heading.text() == "Monday 23 November")

    assert not window.today_panel.checkin.isVisible()


def test_focusing_on_myself_from_the_check_in_sets_contact_aside(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(main_window, "Coffee together", Category.MEETUP)
    asked = _answer(monkeypatch, yes=True)

    qtbot.mouseClick(main_window.today_panel.focus_button, Qt.MouseButton.LeftButton)

    assert "self-care and growth only" in asked[0]
    assert main_window.hub.plan.boundary_reason is SetAside.GROWTH
    assert _titles(main_window) == []
    assert not main_window.today_panel.checkin.isVisible()


def test_the_urge_moment_shows_the_next_contact_and_keeps_words_private(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    _add(main_window, "Coffee together", Category.MEETUP)
    main_window.hub.complete_step(StepNumber(1))  # the note goes with the step you are on
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    assert "“Coffee together”, on Thursday 26 November at 18:30" in dialog.when.text()
    assert not dialog.keep_button.isEnabled()

    qtbot.keyClicks(dialog.draft, "I miss our walks.")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)

    notes = [o for o in main_window.month_view.occurrences_on(TODAY)
             if o.activity.category is Category.REFLECTION]  # fmt: skip
    assert [(o.title, o.activity.notes, o.activity.step, o.status) for o in notes] == [
        # Not a to-do; and a title that tells nothing in a calendar it may be exported to.
        ("A note kept for myself", "I miss our walks.", 2, Status.DONE)
    ]
    assert "Nothing was sent" in status_message(main_window)
    main_window.undo_action.trigger()  # one step takes the note and its mark away
    assert not [o for o in main_window.month_view.occurrences_on(TODAY)
                if o.activity.category is Category.REFLECTION]  # fmt: skip


def test_words_kept_are_a_done_note_whole_or_nothing_at_all(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit: the note was saved, then its mark refused by a busy file, and the private
    words stayed as an open to-do on Today while the warning said nothing had changed. A
    data-safety trial: refused, the words went with the dialog; they stay in it now, to keep
    once the file is free."""
    real_set = CompletionRepository.set

    def busy(*_args: object) -> None:
        raise StorageError("The plan file is busy. Nothing was changed.")

    monkeypatch.setattr(CompletionRepository, "set", busy)
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    qtbot.keyClicks(dialog.draft, "I miss our walks.")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.kept_text == "I miss our walks."
    assert dialog.error.isVisible()
    assert dialog.error.text() == ("The plan file is busy. Nothing was changed. Your words are "
                                   "still here: try again when that is put right.")  # fmt: skip
    assert not [o for o in main_window.hub.occurrences(TODAY, TODAY)
                if o.activity.category is Category.REFLECTION]  # fmt: skip
    assert main_window.hub.undo_stack.count() == 0

    monkeypatch.setattr(CompletionRepository, "set", real_set)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)  # the file free again
    wait_closed(qtbot, dialog)
    assert status_message(main_window).startswith("Kept as a private note")
    main_window.undo_action.trigger()
    main_window.redo_action.trigger()  # back whole: the note, done
    (note,) = [o for o in main_window.hub.occurrences(TODAY, TODAY)
               if o.activity.category is Category.REFLECTION]  # fmt: skip
    assert (note.activity.notes, note.status) == ("I miss our walks.", Status.DONE)


def test_a_note_kept_when_the_read_after_it_fails_is_kept_once_and_can_be_undone(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: the note was kept, the read after it failed, and the dialog said it was not
    kept; Keep again made a second note."""
    failures = busy_once(monkeypatch, PlanService, "outside_version")
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    qtbot.keyClicks(dialog.draft, "I miss our walks.")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert not failures  # the read after the keep did fail
    notes = [o for o in main_window.hub.occurrences(TODAY, TODAY)
             if o.activity.category is Category.REFLECTION]  # fmt: skip
    assert len(notes) == 1
    main_window.undo_action.trigger()
    assert not [o for o in main_window.hub.occurrences(TODAY, TODAY)
                if o.activity.category is Category.REFLECTION]  # fmt: skip


def test_the_urge_moment_names_the_next_contact_still_planned(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial: a message marked skipped was still named as "your next planned contact"."""
    _add(main_window, "Text hello", Category.MESSAGE)
    _add(main_window, "Call", Category.MESSAGE, THURSDAY + timedelta(days=1))
    (text,) = [
        o for o in main_window.hub.occurrences(THURSDAY, THURSDAY) if o.title == "Text hello"
    ]
    main_window.hub.mark(text, Status.SKIPPED)
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    assert "Your next planned contact is “Call”, on Friday 27 November" in dialog.when.text()


def test_the_urge_moment_says_what_pacing_notes_of_the_next_contact(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial planned a space period for the weekend and a message inside it: the urge
    moment named the message as the next contact, "until then, this can wait", while its
    pacing hint questioned it."""
    saturday = THURSDAY + timedelta(days=2)
    main_window.hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=saturday,
            end=saturday + timedelta(days=2), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    _add(main_window, "Text hello", Category.MESSAGE, saturday)
    (text,) = [o for o in main_window.hub.occurrences(saturday, saturday)
               if o.title == "Text hello"]  # fmt: skip
    (hint,) = main_window.hub.pacing_words(text)
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    assert dialog.when.text() == (
        f"Your next planned contact is on Saturday 28 November at 18:30. {hint}"
    )
    assert hint.startswith("“Text hello” falls inside")
    assert "Until then" not in dialog.when.text()


def test_the_urge_moment_during_a_space_period_says_until_when(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    main_window.hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=TODAY,
            end=TODAY + timedelta(days=7), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    _add(main_window, "Coffee together", Category.MEETUP, TODAY + timedelta(days=3))
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    # Not "Until then, this can wait", as if the coffee inside the space were fine (a trial).
    assert dialog.when.text() == (
        "You are in a space period you chose, through Sunday 29 November. "
        "“Coffee together”, on Thursday 26 November at 18:30, falls inside it; you may want "
        "to move it to after the space. For now, this can wait."
    )
    dialog.reject()
    wait_closed(qtbot, dialog)

    _add(main_window, "Walk together", Category.MEETUP, TODAY + timedelta(days=8))
    that_day = main_window.hub.occurrences(TODAY + timedelta(days=3), TODAY + timedelta(days=3))
    (coffee,) = [o for o in that_day if o.title == "Coffee together"]
    main_window.hub.mark(coffee, Status.SKIPPED)
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    assert dialog.when.text().endswith(
        "Your next planned contact is “Walk together”, on Tuesday 1 December at 18:30. "
        "Until then, this can wait."
    )


def test_a_kept_note_that_reaches_a_milestone_says_so_and_undo_takes_it_back(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    hub = main_window.hub
    yesterday = datetime.combine(TODAY - timedelta(days=1), time(20, 0), tzinfo=BERLIN)
    journal = hub.create_activity(ActivityDraft(
        title="Journal", category=Category.REFLECTION, step=StepNumber(1), start=yesterday,
        end=yesterday + timedelta(minutes=20), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip
    hub.mark(hub.first_occurrence(journal), Status.DONE)  # type: ignore[arg-type]
    assert not plan_services.progress.steps(hub.plan)[0].complete  # 1 of 2 journaling sessions

    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    qtbot.keyClicks(dialog.draft, "I wanted to say sorry again.")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)  # journaling: the second
    assert plan_services.progress.steps(hub.plan)[0].complete
    assert "where it counts as journaling" in status_message(main_window)
    bar = main_window.message_bar  # reached, and said so, as any mark that reaches it is
    qtbot.waitUntil(bar.isVisible)
    assert bar.text.text().startswith(  # why first: alone, a trial found it hollow
        "Writing it down instead of sending it is journaling too. "
        "You met the milestones of step 1, “Understand what went wrong”."
    )

    main_window.undo_action.trigger()  # one step: the note, its mark and its milestone
    assert not plan_services.progress.steps(hub.plan)[0].complete  # stayed "reached" at 1 of 2
    assert [o.title for o in main_window.month_view.occurrences_on(TODAY)] == []


def test_words_written_in_the_urge_moment_are_not_dropped_unasked(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    qtbot.keyClicks(dialog.draft, "I miss our Sunday walks.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    question = wait_for_dialog(qtbot, dialog, QMessageBox)
    assert question.text() == "What you wrote here will not be kept."
    with qtbot.waitSignal(question.finished):
        qtbot.keyClick(question, Qt.Key.Key_Escape)  # keep writing
    assert dialog.isVisible() and dialog.kept_text == "I miss our Sunday walks."
    dialog.draft.clear()  # closed with nothing written: no question left open after the test
    dialog.reject()
    wait_closed(qtbot, dialog)


def test_a_repeating_call_is_named_from_its_first_day_set_aside(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-trial: "Weekly call · repeating from Mon 2 Nov" read as if the calls already made
    were hidden too; it is named from the first call set aside, in both questions."""
    start = datetime(2026, 11, 2, 18, 30, tzinfo=BERLIN)
    main_window.hub.create_activity(
        ActivityDraft(
            title="Weekly call", category=Category.MESSAGE, step=StepNumber(5), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=WEEKLY",
        )
    )  # fmt: skip
    asked = _answer(monkeypatch, yes=True)
    main_window.boundary_action.trigger()
    main_window.boundary_action.trigger()  # and bring it back: the same words

    named = "• Weekly call · repeating from Mon 23 Nov 2026"  # today's, at 18:30, to come
    assert named in asked[0] and named in asked[1]


def test_a_repeating_call_marked_done_today_is_named_from_the_next_one(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: today's call, marked done, stays in sight; the question named the series
    "repeating from" today all the same."""
    start = datetime(2026, 11, 2, 8, 0, tzinfo=BERLIN)  # 08:00, before now (10:00)
    call = main_window.hub.create_activity(
        ActivityDraft(
            title="Weekly call", category=Category.MESSAGE, step=StepNumber(5), start=start,
            end=start + timedelta(hours=3), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=WEEKLY",
        )
    )  # fmt: skip
    (today,) = [o for o in main_window.hub.occurrences(TODAY, TODAY) if o.activity.uid == call.uid]
    main_window.hub.mark(today, Status.DONE)  # under way (to 11:00), and done
    asked = _answer(monkeypatch, yes=True)
    main_window.boundary_action.trigger()
    assert "• Weekly call · repeating from Mon 30 Nov 2026" in asked[0]


def test_tab_leaves_the_urge_moment_s_words_for_its_buttons(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A keyboard trial: Tab typed a tab into the words, as the notes and reflections do not."""
    qtbot.mouseClick(main_window.today_panel.reach_out_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, main_window, ReachOutDialog)
    dialog.draft.setFocus()
    qtbot.waitUntil(dialog.draft.hasFocus)
    qtbot.keyClicks(dialog.draft, "I miss you")
    qtbot.keyClick(dialog.draft, Qt.Key.Key_Tab)
    assert not dialog.draft.hasFocus()
    assert dialog.kept_text == "I miss you"
    dialog.keep_button.click()
