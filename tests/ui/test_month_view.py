"""The month grid on its own: what it shows, where chips land, "+N more", mouse and keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Occurrence
from planner.services.advice import Survey
from planner.ui import palette
from planner.ui.calendar import chips
from planner.ui.calendar.month_view import HEADER_HEIGHT, MonthView
from planner.ui.hub import Hub
from PySide6.QtCore import QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, center, double_click, drawn_ahead_next
from tests.zones import BERLIN, NEW_YORK

WEDNESDAY = date(2026, 11, 25)
SMALL = (700, 450)  # two chip lanes per cell: one chip, then "+N more"


def _timed(
    hub: Hub,
    title: str,
    day: date,
    hour: int = 18,
    minutes: int = 45,
    zone: str = "Europe/Berlin",
) -> Activity:
    tz = BERLIN if zone == "Europe/Berlin" else NEW_YORK
    start = datetime.combine(day, time(hour, 0), tzinfo=tz)
    return hub.create_activity(
        ActivityDraft(
            title=title,
            category=Category.REFLECTION,
            step=StepNumber(1),
            start=start,
            end=start + timedelta(minutes=minutes),
            all_day=False,
            zone=zone,
        )
    )


def _all_day(hub: Hub, title: str, first: date, last: date) -> Activity:
    return hub.create_activity(
        ActivityDraft(
            title=title,
            category=Category.SPACE,
            step=StepNumber(3),
            start=first,
            end=last + timedelta(days=1),
            all_day=True,
            zone="Europe/Berlin",
        )
    )


def _show(qtbot: QtBot, view: MonthView, size: tuple[int, int] = SMALL) -> MonthView:
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    return view


@pytest.fixture
def view(qtbot: QtBot, hub: Hub) -> MonthView:
    return _show(qtbot, MonthView(hub=hub))


def _pixel(view: MonthView, point: QPoint) -> QColor:
    return view.grab().toImage().pixelColor(point)


def _inside_corner(view: MonthView, day: date) -> QPoint:
    """A point in the cell's bottom-right area, clear of grid lines, focus ring and chips."""
    rect = view.day_rect(day)
    assert rect is not None
    return QPoint(int(rect.right()) - 6, int(rect.bottom()) - 6)


# -- what is shown ---------------------------------------------------------------------------


def test_shows_the_month_of_today_with_today_selected(view: MonthView) -> None:
    assert view.month == (2026, 11)
    assert view.selected_day == TODAY
    assert view.selected_occurrence is None
    assert view.visible_days == (date(2026, 10, 26), date(2026, 12, 6))


def test_days_outside_the_month_are_visible_cells(view: MonthView) -> None:
    first, last = view.visible_days
    assert first.month == 10
    assert last.month == 12
    first_cell = view.day_rect(first)
    last_cell = view.day_rect(last)
    assert first_cell is not None
    assert last_cell is not None
    assert first_cell.topLeft().toPoint() == QPoint(0, int(HEADER_HEIGHT))
    assert last_cell.right() == pytest.approx(view.width())
    assert last_cell.bottom() == pytest.approx(view.height())
    assert view.day_rect(first - timedelta(days=1)) is None
    assert view.day_rect(last + timedelta(days=1)) is None


def test_today_is_tinted_and_outside_days_are_shaded(view: MonthView) -> None:
    today = _pixel(view, _inside_corner(view, TODAY))
    ordinary = _pixel(view, _inside_corner(view, WEDNESDAY))
    outside = _pixel(view, _inside_corner(view, date(2026, 10, 28)))
    assert ordinary == palette.CELL
    assert outside == palette.CELL_OUTSIDE_MONTH
    assert today != ordinary
    assert today.red() > today.blue()  # the warm accent shows through


def test_sunday_first_locale_starts_weeks_on_sunday(qtbot: QtBot, hub: Hub) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    view = _show(qtbot, MonthView(hub=hub))
    assert view.visible_days == (date(2026, 11, 1), date(2026, 12, 12))
    rect = view.day_rect(date(2026, 11, 1))
    assert rect is not None
    assert rect.left() == 0


# -- chips -----------------------------------------------------------------------------------


def test_a_new_activity_appears_without_a_manual_reload(view: MonthView, hub: Hub) -> None:
    activity = _timed(hub, "Journal", WEDNESDAY)
    rect = view.chip_rect(activity.uid, WEDNESDAY)
    assert rect is not None
    cell = view.day_rect(WEDNESDAY)
    assert cell is not None
    assert cell.contains(rect)
    assert [o.activity.title for o in view.occurrences_on(WEDNESDAY)] == ["Journal"]
    assert view.occurrences_on(TODAY) == []


def test_changes_outside_the_visible_days_do_not_reload(
    view: MonthView, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[tuple[date, date]] = []
    real = hub.survey

    def counting(first: date, last: date) -> Survey:
        loads.append((first, last))
        return real(first, last)

    monkeypatch.setattr(hub, "survey", counting)
    _timed(hub, "Far away", date(2027, 3, 3))
    assert loads == []
    _timed(hub, "Near", WEDNESDAY)
    assert loads == [view.visible_days]


def test_a_timed_activity_shows_on_its_day_in_the_plans_zone(view: MonthView, hub: Hub) -> None:
    # 20:00 in New York on Wednesday is 02:00 on Thursday in Berlin, the plan's zone.
    activity = _timed(hub, "Late call", WEDNESDAY, hour=20, minutes=30, zone="America/New_York")
    assert view.chip_rect(activity.uid, WEDNESDAY) is None
    assert view.chip_rect(activity.uid, WEDNESDAY + timedelta(days=1)) is not None


def test_an_activity_past_midnight_shows_on_both_days(view: MonthView, hub: Hub) -> None:
    activity = _timed(hub, "Night train", WEDNESDAY, hour=23, minutes=120)
    first = view.chip_rect(activity.uid, WEDNESDAY)
    second = view.chip_rect(activity.uid, WEDNESDAY + timedelta(days=1))
    assert first is not None
    assert second is not None
    assert first == second  # one bar over both cells


def test_an_activity_ending_at_midnight_stays_on_its_day(view: MonthView, hub: Hub) -> None:
    activity = _timed(hub, "Late film", WEDNESDAY, hour=23, minutes=60)
    assert view.chip_rect(activity.uid, WEDNESDAY) is not None
    assert view.chip_rect(activity.uid, WEDNESDAY + timedelta(days=1)) is None


def test_a_multi_day_activity_is_a_bar_per_week_row(view: MonthView, hub: Hub) -> None:
    # Fri 20 .. Tue 24 November: Fri-Sun in one row, Mon-Tue in the next.
    activity = _all_day(hub, "Space", date(2026, 11, 20), date(2026, 11, 24))
    friday = view.chip_rect(activity.uid, date(2026, 11, 20))
    sunday = view.chip_rect(activity.uid, date(2026, 11, 22))
    monday = view.chip_rect(activity.uid, date(2026, 11, 23))
    tuesday = view.chip_rect(activity.uid, date(2026, 11, 24))
    assert friday is not None
    assert monday is not None
    assert friday == sunday
    assert monday == tuesday
    assert monday.top() > friday.bottom()
    assert friday.right() == pytest.approx(view.width())  # open towards the next row
    assert monday.left() == 0  # open towards the previous row
    assert view.chip_rect(activity.uid, date(2026, 11, 19)) is None
    assert view.chip_rect(activity.uid, WEDNESDAY) is None
    assert len(view.occurrences_on(date(2026, 11, 21))) == 1


# -- "+N more" -------------------------------------------------------------------------------


def test_a_cell_with_room_for_one_chip_shows_it_and_says_more_beside_the_day_number(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    """A trial at 1.5x scale saw weeks of "+2 more" and not one activity: with room for a
    single chip, "+N more" took it."""
    added = [_timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n) for n in range(3)]
    view.resize(620, 330)  # about 50 px a week: one chip under the day's number
    qtbot.waitUntil(lambda: view.height() == 330)
    shown = [a.title for a in added if view.chip_rect(a.uid, WEDNESDAY) is not None]
    assert shown == ["Idea 0"]
    more = view.more_rect(WEDNESDAY)
    cell = view.day_rect(WEDNESDAY)
    chip = view.chip_rect(added[0].uid, WEDNESDAY)
    assert more is not None and cell is not None and chip is not None
    assert more.bottom() <= chip.top() and more.left() > cell.left() + 20  # by the number
    with qtbot.waitSignal(view.day_requested) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=center(more))
    assert blocker.args == [WEDNESDAY]
    # Beside "1 Nov" and today's pill too, not over them (a review saw "1 Nov+11").
    bold = QFont(view.font())
    bold.setBold(True)
    # In a narrow cell the first of the month is written "1", so "+N" stays whole.
    view.resize(520, 330)
    qtbot.waitUntil(lambda: view.width() == 520)
    for day, label in ((date(2026, 11, 1), "1"), (TODAY, "23")):
        for n in range(3):
            _timed(hub, f"Plan {n}", day, hour=8 + n)
        beside = view.more_rect(day)
        cell = view.day_rect(day)
        assert beside is not None and cell is not None
        drawn_to = cell.left() + 6 + QFontMetricsF(bold).horizontalAdvance(label) + 10
        assert beside.left() >= drawn_to
        assert beside.right() <= cell.right()
        plus = QFontMetricsF(bold).horizontalAdvance("+3")
        assert beside.width() >= plus  # "+3" whole, not cut at the cell's edge
    view.resize(1200, 330)  # wide: "1 Nov" again, "+3" beside it
    qtbot.waitUntil(lambda: view.width() == 1200)
    wide = view.more_rect(date(2026, 11, 1))
    cell = view.day_rect(date(2026, 11, 1))
    assert wide is not None and cell is not None
    assert wide.left() >= cell.left() + 6 + QFontMetricsF(bold).horizontalAdvance("1 Nov") + 10
    # Tab reaches a day's chip before its "+N", though "+N" is written above it.
    view.go_to(WEDNESDAY)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.title == "Idea 0"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_occurrence is None and view.chosen_more == WEDNESDAY


def test_a_crowded_day_shows_more_and_clicking_it_asks_for_the_day(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    added = [_timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n) for n in range(8)]
    shown = [a.title for a in added if view.chip_rect(a.uid, WEDNESDAY) is not None]
    assert shown == ["Idea 0"]
    more = view.more_rect(WEDNESDAY)
    assert more is not None
    assert view.more_rect(TODAY) is None
    assert len(view.occurrences_on(WEDNESDAY)) == 8

    with qtbot.waitSignal(view.day_requested) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=center(more))
    assert blocker.args == [WEDNESDAY]
    assert view.selected_day == WEDNESDAY
    assert view.selected_occurrence is None
    assert view.chosen_more == WEDNESDAY  # where Tab goes on from, as after a chip clicked


def test_a_pacing_hint_hidden_under_more_shows_its_dot_there(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: the amber dots of contacts flagged in a space period went under "+2 more"."""
    _all_day(hub, "Space", WEDNESDAY - timedelta(days=2), WEDNESDAY + timedelta(days=2))
    _timed(hub, "Journal", WEDNESDAY, hour=7)  # the one chip shown
    calls = []
    for hour in (18, 20):
        start = datetime.combine(WEDNESDAY, time(hour, 0), tzinfo=BERLIN)
        calls.append(hub.create_activity(ActivityDraft(
            title=f"Call at {hour}", category=Category.MESSAGE, step=StepNumber(5), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
        )))  # fmt: skip
    dots: list[float] = []
    drawn = chips.draw_flag
    monkeypatch.setattr(chips, "draw_flag", lambda p, r: (dots.append(r.center().y()), drawn(p, r)))
    view = _show(qtbot, MonthView(hub=hub), size=(700, 520))
    view.grab()
    more = view.more_rect(WEDNESDAY)
    assert more is not None
    assert all(view.chip_rect(call.uid, WEDNESDAY) is None for call in calls)  # out of sight
    assert any(more.top() <= y <= more.bottom() for y in dots), (more, dots)


def test_double_click_on_more_creates_nothing(qtbot: QtBot, view: MonthView, hub: Hub) -> None:
    for n in range(3):
        _timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n)
    more = view.more_rect(WEDNESDAY)
    with (
        qtbot.assertNotEmitted(view.create_requested),
        qtbot.assertNotEmitted(view.edit_requested),
    ):
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=center(more))


def test_tab_stops_on_more_after_the_days_chips_and_enter_or_space_opens_the_day(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    """The keyboard reaches what "+N more" hides: Tab stops on it after the chips drawn on
    its day, Enter or Space there does what a click does, and Shift+Tab goes back alike."""
    for n in range(3):
        _timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n)
    thursday = WEDNESDAY + timedelta(days=1)
    call = _timed(hub, "Call", thursday)

    qtbot.keyClick(view, Qt.Key.Key_Tab)  # from today, Monday: Wednesday's one chip drawn
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.title == "Idea 0"
    with qtbot.waitSignal(view.selection_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert blocker.args == [None]  # no activity chosen: Edit and Delete have nothing to act on
    assert view.selected_occurrence is None
    assert view.selected_day == WEDNESDAY
    assert view.chosen_more == WEDNESDAY
    assert view.hasFocus()

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        with (
            qtbot.waitSignal(view.day_requested) as blocker,
            qtbot.assertNotEmitted(view.create_requested),
        ):
            qtbot.keyClick(view, key)
        assert blocker.args == [WEDNESDAY]
    assert view.chosen_more == WEDNESDAY  # still chosen when the day's list is closed

    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.activity.uid == call.uid
    assert view.chosen_more is None
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_occurrence is None
    assert view.chosen_more == WEDNESDAY
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.title == "Idea 0"
    assert view.chosen_more is None


def test_an_activity_chosen_out_of_sight_puts_the_keys_on_its_days_more(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    """A search, or an edit from the day's list, may choose an activity "+N more" hides: Tab
    goes on from that "+N more" (framed meanwhile), and Enter opens the activity itself."""
    for n in range(3):
        _timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n)
    call = _timed(hub, "Call", WEDNESDAY + timedelta(days=1))
    (hidden,) = [o for o in view.occurrences_on(WEDNESDAY) if o.title == "Idea 2"]
    view.select(hidden)
    assert view.chosen_more == WEDNESDAY
    with (
        qtbot.waitSignal(view.edit_requested) as blocker,
        qtbot.assertNotEmitted(view.day_requested),
    ):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args[0].title == "Idea 2"

    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.activity.uid == call.uid
    view.select(hidden)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.title == "Idea 0"


def test_the_chosen_more_is_framed_and_arrows_leave_it_as_they_leave_a_day(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    for n in range(3):
        _timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n)
    more = view.more_rect(WEDNESDAY)
    assert more is not None
    edge = QPoint(int(more.left()), int(more.center().y()))  # the frame's left side
    unframed = _pixel(view, edge)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.chosen_more == WEDNESDAY
    framed = _pixel(view, edge)
    assert framed != unframed
    accent = palette.ACCENT
    assert abs(framed.red() - accent.red()) <= 8  # at full strength, as a chosen chip's
    assert abs(framed.green() - accent.green()) <= 8
    assert abs(framed.blue() - accent.blue()) <= 8

    with qtbot.waitSignal(view.selection_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert blocker.args == [None]
    assert view.selected_day == WEDNESDAY + timedelta(days=1)
    assert view.chosen_more is None
    assert _pixel(view, edge) == unframed
    with qtbot.assertNotEmitted(view.day_requested):
        qtbot.keyClick(view, Qt.Key.Key_Space)


def test_the_menu_key_on_a_chosen_more_opens_below_it_and_keeps_it_chosen(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    for n in range(3):
        _timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    more = view.more_rect(WEDNESDAY)
    assert more is not None
    opened: list[QPoint] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        opened.append(menu.pos())
        menu.close()

    QTimer.singleShot(0, close_menu)
    qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert opened == [view.mapToGlobal(more.bottomLeft().toPoint())]
    assert view.chosen_more == WEDNESDAY


def test_a_larger_view_shows_more_chips(qtbot: QtBot, view: MonthView, hub: Hub) -> None:
    added = [_timed(hub, f"Idea {n}", WEDNESDAY, hour=8 + n) for n in range(3)]
    assert view.more_rect(WEDNESDAY) is not None
    view.resize(900, 700)
    qtbot.waitUntil(lambda: view.height() == 700)
    assert view.more_rect(WEDNESDAY) is None
    assert all(view.chip_rect(a.uid, WEDNESDAY) is not None for a in added)


# -- mouse -----------------------------------------------------------------------------------


def test_clicking_a_chip_selects_it_and_an_empty_cell_clears(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    activity = _timed(hub, "Journal", WEDNESDAY)
    with qtbot.waitSignal(view.selection_changed) as blocker:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=center(view.chip_rect(activity.uid, WEDNESDAY))
        )
    selected = blocker.args[0]
    assert isinstance(selected, Occurrence)
    assert selected.activity.uid == activity.uid
    assert view.selected_occurrence == selected
    assert view.selected_day == WEDNESDAY

    with qtbot.waitSignal(view.selection_changed) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=_inside_corner(view, TODAY))
    assert blocker.args == [None]
    assert view.selected_occurrence is None
    assert view.selected_day == TODAY


def test_clicking_the_header_changes_nothing(qtbot: QtBot, view: MonthView) -> None:
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(150, 10))
    assert view.selected_day == TODAY


def test_right_click_selects_the_chip_under_it(qtbot: QtBot, view: MonthView, hub: Hub) -> None:
    activity = _timed(hub, "Journal", WEDNESDAY)
    rect = view.chip_rect(activity.uid, WEDNESDAY)
    qtbot.mousePress(view, Qt.MouseButton.RightButton, pos=center(rect))
    selected = view.selected_occurrence
    assert selected is not None
    assert selected.activity.uid == activity.uid
    assert view.selected_day == WEDNESDAY
    qtbot.mouseRelease(view, Qt.MouseButton.RightButton, pos=center(rect))


def test_double_click_on_a_chip_asks_to_edit_it(qtbot: QtBot, view: MonthView, hub: Hub) -> None:
    activity = _timed(hub, "Journal", WEDNESDAY)
    with (
        qtbot.waitSignal(view.edit_requested) as blocker,
        qtbot.assertNotEmitted(view.create_requested),
    ):
        double_click(qtbot, view, center(view.chip_rect(activity.uid, WEDNESDAY)))
    assert blocker.args[0].activity.uid == activity.uid


def test_double_click_on_an_empty_cell_asks_to_create(qtbot: QtBot, view: MonthView) -> None:
    outside = date(2026, 12, 3)
    with qtbot.waitSignal(view.create_requested) as blocker:
        double_click(qtbot, view, _inside_corner(view, outside))
    assert blocker.args == [outside]
    assert view.selected_day == outside
    assert view.month == (2026, 11)  # clicking a trailing day does not switch months


# -- keys ------------------------------------------------------------------------------------


def test_enter_edits_the_selected_chip_or_creates_on_the_selected_day(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    activity = _timed(hub, "Journal", WEDNESDAY)
    with qtbot.waitSignal(view.create_requested) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [TODAY]

    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=center(view.chip_rect(activity.uid, WEDNESDAY))
    )
    with qtbot.waitSignal(view.edit_requested) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert blocker.args[0].activity.uid == activity.uid


def test_arrow_keys_move_the_day_and_drop_the_chip_selection(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    activity = _timed(hub, "Journal", WEDNESDAY)
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=center(view.chip_rect(activity.uid, WEDNESDAY))
    )
    with qtbot.waitSignal(view.selection_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert blocker.args == [None]
    assert view.selected_occurrence is None
    assert view.selected_day == date(2026, 11, 24)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_day == date(2026, 11, 17)


def test_walking_back_past_the_first_shows_the_previous_month(
    qtbot: QtBot, view: MonthView
) -> None:
    view.go_to(date(2026, 11, 2))
    with qtbot.waitSignal(view.range_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_day == date(2026, 10, 26)
    assert view.month == (2026, 10)
    assert blocker.args == [date(2026, 9, 28), date(2026, 11, 8)]


def test_navigation_keeps_a_visible_selected_day(view: MonthView) -> None:
    view.go_to(date(2026, 11, 30))
    view.go_next()
    assert view.month == (2026, 12)
    assert view.selected_day == date(2026, 11, 30)  # still in December's first row
    view.go_next()
    assert view.selected_day == date(2027, 1, 1)
    view.go_today()
    assert (view.month, view.selected_day) == ((2026, 11), TODAY)


def test_year_boundaries(view: MonthView) -> None:
    view.show_month(2026, 12)
    view.go_next()
    assert view.month == (2027, 1)
    view.show_month(2027, 1)
    view.go_previous()
    view.go_previous()
    assert view.month == (2026, 11)


def test_a_month_drawn_ahead_looks_exactly_as_one_drawn_on_the_spot(
    qtbot: QtBot, view: MonthView, hub: Hub
) -> None:
    december = date(2026, 12, 9)
    _timed(hub, "Pottery", december)
    _timed(hub, "Call", december, hour=20)
    _all_day(hub, "Quiet days", december, december + timedelta(days=9))  # over two rows
    for n in range(6):  # a crowded day: "+N more"
        _timed(hub, f"Walk {n}", december + timedelta(days=1), hour=7 + n)
    qtbot.waitUntil(lambda: drawn_ahead_next(view))  # while November is looked at

    view.go_next()  # what Next (PgDn in the window) does
    assert view.shows_drawn_ahead
    chosen = [o for o in view.occurrences_on(december) if o.title in {"Pottery", "Quiet days"}]
    assert len(chosen) == 2
    ahead = []
    for occurrence in chosen:  # a chip and a bar, each selected (focus frame and bold day too)
        view.select(occurrence)
        ahead.append(view.grab().toImage())
    more = center(view.more_rect(december + timedelta(days=1)))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=more)  # "+N more" chosen, framed
    more_ahead = view.grab().toImage()

    _timed(hub, "For a moment", december + timedelta(days=3))
    hub.undo_stack.undo()  # the same month again, read and drawn on the spot now
    assert not view.shows_drawn_ahead
    for occurrence, pixels in zip(chosen, ahead, strict=True):
        view.select(occurrence)
        assert view.grab().toImage() == pixels
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=more)
    assert view.grab().toImage() == more_ahead


@dataclass
class _Painted:
    """A chip painted by the view: the painter's font then, and the label written."""

    font: QFont
    label: str


def _recording_chips(monkeypatch: pytest.MonkeyPatch) -> list[_Painted]:
    """Every chip the view paints from now on, in order (painted for real as well)."""
    painted: list[_Painted] = []
    real = chips.paint_chip

    def recording(painter: QPainter, rect: Any, occurrence: Any, label: str, *rest: Any) -> None:
        painted.append(_Painted(QFont(painter.font()), label))
        real(painter, rect, occurrence, label, *rest)

    monkeypatch.setattr(chips, "paint_chip", recording)
    return painted


def test_chips_write_in_the_views_font_not_the_weekday_headers_capitals(
    qtbot: QtBot, view: MonthView, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _timed(hub, "Pottery", WEDNESDAY)
    painted = _recording_chips(monkeypatch)
    view.repaint()

    fonts = [chip.font for chip in painted]
    assert fonts
    assert all(f.capitalization() is QFont.Capitalization.MixedCase for f in fonts)
    assert all(f.pointSizeF() == view.font().pointSizeF() for f in fonts)


def test_a_narrow_chip_gives_its_title_the_room_and_a_wide_one_shows_the_time_too(
    qtbot: QtBot, view: MonthView, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _timed(hub, "Pottery", WEDNESDAY)
    painted = _recording_chips(monkeypatch)
    view.repaint()  # 700 px wide: chips of about 95 px
    assert [chip.label for chip in painted] == ["Pottery"]

    painted.clear()
    view.resize(1200, 700)  # chips of about 165 px
    qtbot.waitUntil(lambda: bool(painted))
    assert [chip.label for chip in painted] == ["18:00 Pottery"]
