"""The week and day grids: where blocks sit, dragging, resizing, drawing, keys, DST weeks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from planner.clock import FixedClock
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, ProgramId, StepNumber
from planner.domain.occurrences import Status
from planner.domain.plans import PlanDraft
from planner.errors import StorageError
from planner.services import activities as activities_service
from planner.services.context import Services
from planner.ui import labels, palette, suggestion_drag
from planner.ui.calendar import time_grid as time_grid_module
from planner.ui.calendar import visible
from planner.ui.calendar.time_grid import DrawnSpan, TimeGrid
from planner.ui.dialogs.activity import ActivityDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QPainter,
)
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu, QScrollBar, QToolTip
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    TODAY,
    access_keys,
    center,
    drawn_ahead_next,
    menu_words,
    record_texts,
    status_message,
    wait_for_dialog,
)
from tests.zones import BERLIN, NEW_YORK

WEDNESDAY = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)
TALL = (900, 1000)  # tall enough that 5:00 to midnight is on screen


def _timed(
    hub: Hub,
    title: str,
    start: datetime,
    minutes: int = 45,
    *,
    rrule: str | None = None,
    category: Category = Category.SELF_CARE,
) -> Activity:
    zone = start.tzinfo
    assert isinstance(zone, ZoneInfo)
    return hub.create_activity(
        ActivityDraft(
            title=title,
            category=category,
            step=StepNumber(1),
            start=start,
            end=start + timedelta(minutes=minutes),
            all_day=False,
            zone=zone.key,
            rrule=rrule,
        )
    )


def _at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _show(qtbot: QtBot, grid: TimeGrid, size: tuple[int, int] = TALL) -> TimeGrid:
    qtbot.addWidget(grid)
    grid.resize(*size)
    grid.show()
    qtbot.waitExposed(grid)
    grid.setFocus()
    return grid


@pytest.fixture
def week(qtbot: QtBot, hub: Hub) -> TimeGrid:
    return _show(qtbot, TimeGrid(hub=hub, days=7))


def _rect(grid: TimeGrid, uid: str, day: date) -> QRectF:
    rect = grid.chip_rect(uid, day)
    assert rect is not None, f"nothing of {uid} on {day}"
    return rect


def _drag(
    qtbot: QtBot,
    grid: TimeGrid,
    start: QPoint,
    end: QPoint,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A real drag: press, travel past the drag distance, travel on, release (with `modifier`)."""
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    halfway = (start + end) / 2
    qtbot.mouseMove(grid, halfway)
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, modifier, end)


def _column_width(grid: TimeGrid) -> int:
    first, second = grid.days[:2]
    return grid.slot_point(second, time(9)).x() - grid.slot_point(first, time(9)).x()


def _pixels(grid: TimeGrid, minutes: float) -> int:
    return round(minutes * grid.minute_height())


# -- what is shown ---------------------------------------------------------------------------


def test_the_week_of_today_opens_scrolled_to_the_working_morning(qtbot: QtBot, hub: Hub) -> None:
    grid = _show(qtbot, TimeGrid(hub=hub, days=7), size=(900, 600))
    assert grid.visible_days == (date(2026, 11, 23), date(2026, 11, 29))
    assert grid.selected_day == TODAY
    assert grid.range_text() == "23 – 29 November 2026"
    top = grid.all_day_point(TODAY).y()
    morning = grid.slot_point(TODAY, time(7, 0)).y()
    assert 0 < morning - top < 20  # just below the all-day row: a 7:30 walk shows whole
    assert grid.slot_point(TODAY, time(6, 30)).y() < top  # scrolled away


def test_early_in_the_morning_the_hours_open_an_hour_before_now(
    qtbot: QtBot, hub: Hub, clock: FixedClock
) -> None:
    """A trial at 06:52: the week opened at 07:00, the red line on its top edge and what
    had begun just before cut off above; T in the day view did the same."""
    clock.set(_at(TODAY, 6, 52))
    early = _timed(hub, "Breathing", _at(TODAY, 6, 15))
    for days in (7, 1):
        grid = _show(qtbot, TimeGrid(hub=hub, days=days), size=(900, 600))
        top = grid.all_day_point(TODAY).y()
        rect = _rect(grid, early.uid, TODAY)
        assert rect.top() > top  # whole, below the all-day row
        grid.scroll_to(time(12, 0))
        grid.go_today()  # T
        assert _rect(grid, early.uid, TODAY).top() > top


def test_the_day_view_shows_one_day(qtbot: QtBot, hub: Hub) -> None:
    grid = _show(qtbot, TimeGrid(hub=hub, days=1))
    assert grid.visible_days == (TODAY, TODAY)
    assert grid.range_text() == "Monday 23 November 2026"
    grid.go_next()
    assert grid.visible_days == (TODAY + timedelta(days=1),) * 2


def test_blocks_sit_at_their_time_and_overlaps_share_the_day_in_lanes(
    week: TimeGrid, hub: Hub
) -> None:
    first = _timed(hub, "Journaling", _at(WEDNESDAY, 10), 60)
    second = _timed(hub, "Call a friend", _at(WEDNESDAY, 10, 30), 60)
    alone = _timed(hub, "Walk", _at(WEDNESDAY, 12), 60)
    a, b, c = (_rect(week, x.uid, WEDNESDAY) for x in (first, second, alone))
    assert a.top() == pytest.approx(week.slot_point(WEDNESDAY, time(10)).y(), abs=1)
    assert b.top() == pytest.approx(week.slot_point(WEDNESDAY, time(10, 30)).y(), abs=1)
    assert a.height() == pytest.approx(_pixels(week, 60), abs=1.5)
    assert a.right() <= b.left()  # side by side
    assert a.width() == pytest.approx(b.width(), abs=0.5)  # equal lanes
    assert c.width() == pytest.approx(2 * a.width(), abs=3)  # alone: the whole day
    assert c.left() == pytest.approx(a.left())


def test_many_overlapping_activities_fan_out_instead_of_becoming_slivers(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    made = [_timed(hub, f"Talk {n}", _at(WEDNESDAY, 18, 5 * n), 60) for n in range(6)]
    rects = [_rect(week, activity.uid, WEDNESDAY) for activity in made]
    column = week.chip_rect(_timed(hub, "Alone", _at(THURSDAY, 9), 60).uid, THURSDAY)
    assert column is not None and rects[0].width() < column.width()  # still sharing the day
    assert all(rect.width() >= 30 for rect in rects)  # each wide enough for a word or two
    lefts = [rect.left() for rect in rects]
    assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts)  # each edge shows
    # The one on top is the one a click finds.
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=rects[-1].center().toPoint())
    selected = week.selected_occurrence
    assert selected is not None and selected.activity.uid == made[-1].uid


def test_all_day_activities_sit_in_the_all_day_row(week: TimeGrid, hub: Hub) -> None:
    space = hub.create_activity(
        ActivityDraft(
            title="Space period", category=Category.SPACE, step=StepNumber(3),
            start=date(2026, 11, 24), end=date(2026, 11, 27), all_day=True,
            zone="Europe/Berlin",
        )
    )  # fmt: skip
    rect = _rect(week, space.uid, WEDNESDAY)
    assert rect.bottom() < week.slot_point(WEDNESDAY, time(5)).y()
    assert rect.contains(QPoint(week.all_day_point(WEDNESDAY).x(), int(rect.center().y())))
    assert week.chip_rect(space.uid, date(2026, 11, 27)) is None
    assert week.space_days == {date(2026, 11, 24), WEDNESDAY, THURSDAY}


def test_the_red_line_marks_the_current_time_in_todays_column(week: TimeGrid) -> None:
    # The fixed clock says 10:00 in Berlin on Monday 23 November.
    point = week.slot_point(TODAY, time(10))
    image = week.grab().toImage()
    assert image.pixelColor(point.x(), point.y()) == palette.NOW_LINE
    elsewhere = week.slot_point(WEDNESDAY, time(10))
    assert image.pixelColor(elsewhere.x(), elsewhere.y()) != palette.NOW_LINE
    # It is repainted on the next whole minute.
    timer = week.findChild(QTimer)
    assert timer is not None and timer.isActive() and 0 < timer.interval() <= 60_000


def test_the_red_line_passes_under_an_activity_not_through_its_words(
    qtbot: QtBot, hub: Hub, week: TimeGrid
) -> None:
    """A new user's trial: across a title, the line read as struck through, "cancelled"."""
    point = week.slot_point(TODAY, time(10))
    image = week.grab().toImage()
    assert image.pixelColor(point.x(), point.y()) == palette.NOW_LINE
    walk = _timed(hub, "Walk", _at(TODAY, 9, 45), minutes=30)  # 9:45 to 10:15, over now
    qtbot.waitUntil(lambda: week.chip_rect(walk.uid, TODAY) is not None)
    rect = _rect(week, walk.uid, TODAY)
    image = week.grab().toImage()
    across = [
        image.pixelColor(x, point.y()) for x in range(int(rect.left()) + 4, int(rect.right()) - 4)
    ]
    assert palette.NOW_LINE not in across
    assert image.pixelColor(int(rect.left()) - 1, point.y()) == palette.NOW_LINE  # the dot


def test_the_day_view_has_room_for_place_and_notes(qtbot: QtBot, hub: Hub) -> None:
    day = _show(qtbot, TimeGrid(hub=hub, days=1))
    week = _show(qtbot, TimeGrid(hub=hub, days=7))
    assert day.shows_details
    assert not week.shows_details


def test_a_short_block_in_the_day_view_keeps_a_line_for_its_notes(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: a 45-minute block with a place and notes showed the place alone; the place
    and the start of the notes now share the last line when there is one line left."""
    gym = _timed(hub, "Gym session", _at(WEDNESDAY, 10), 45)
    hub.update_activity(gym.uid, replace(gym.draft(), location="City gym",
                                         notes="Bring the blue towel"))  # fmt: skip
    written = record_texts(monkeypatch, time_grid_module)
    day = _show(qtbot, TimeGrid(hub=hub, days=1))
    day.go_to(WEDNESDAY)
    day.scroll_to(time(9, 0))
    day.grab()
    assert any("Bring the" in text for text in written), written
    assert any("City gym" in text for text in written), written


# -- dragging --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("modifier", "minute"),
    [(Qt.KeyboardModifier.NoModifier, 0), (Qt.KeyboardModifier.ShiftModifier, 5)],
)
def test_dragging_a_block_two_hours_later_to_the_next_day_snaps(
    qtbot: QtBot, week: TimeGrid, hub: Hub, modifier: Qt.KeyboardModifier, minute: int
) -> None:
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10), 45)
    start = center(_rect(week, gym.uid, WEDNESDAY))
    # Two hours and six minutes lower: 15-minute steps snap it back to 12:00, Shift to 12:05.
    end = start + QPoint(_column_width(week), _pixels(week, 126.25))
    _drag(qtbot, week, start, end, modifier)
    stored = hub.activity(gym.uid)
    assert stored.start == _at(THURSDAY, 12, minute)
    assert stored.end == _at(THURSDAY, 12, minute + 45)
    assert week.chip_rect(gym.uid, WEDNESDAY) is None
    assert _rect(week, gym.uid, THURSDAY).top() == pytest.approx(
        week.slot_point(THURSDAY, time(12, minute)).y(), abs=1
    )
    # It stays chosen where it went (Edit, Delete and the arrows act on it), its day with it.
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == gym.uid
    assert week.selected_occurrence.first_day(BERLIN) == THURSDAY
    assert week.selected_day == THURSDAY


def test_a_drag_and_a_stretch_tell_the_window_what_was_saved(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """The window says where it went and reviews its pacing (a trial saw nothing said)."""
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10), 45)
    start = center(_rect(week, gym.uid, WEDNESDAY))
    with qtbot.waitSignal(week.rescheduled) as moved:
        _drag(qtbot, week, start, start + QPoint(_column_width(week), _pixels(week, 120)))
    occurrence, new_start, new_end = moved.args
    assert occurrence.activity.uid == gym.uid
    assert (new_start, new_end) == (_at(THURSDAY, 12), _at(THURSDAY, 12, 45))

    bottom = _rect(week, gym.uid, THURSDAY).bottom() - 2
    edge = QPoint(round(_rect(week, gym.uid, THURSDAY).center().x()), round(bottom))
    with qtbot.waitSignal(week.rescheduled) as stretched:
        _drag(qtbot, week, edge, edge + QPoint(0, _pixels(week, 30)))
    assert stretched.args[1:] == [_at(THURSDAY, 12), _at(THURSDAY, 13, 15)]


def test_a_click_without_travel_selects_and_moves_nothing(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10), 45)
    point = center(_rect(week, gym.uid, WEDNESDAY))
    with qtbot.waitSignal(week.selection_changed) as blocker:
        qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args[0].activity.uid == gym.uid
    assert hub.activity(gym.uid).start == _at(WEDNESDAY, 10)
    assert hub.undo_stack.count() == 1  # only its creation


def test_dragging_the_bottom_edge_changes_the_length(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10), 45)
    rect = _rect(week, gym.uid, WEDNESDAY)
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    _drag(qtbot, week, edge, edge + QPoint(0, _pixels(week, 60)))
    stored = hub.activity(gym.uid)
    assert stored.start == _at(WEDNESDAY, 10)
    assert stored.end == _at(WEDNESDAY, 11, 45)
    assert hub.undo_stack.undoText() == "Resize “Gym”"


def test_drawing_on_empty_hours_asks_for_a_new_activity_there(qtbot: QtBot, week: TimeGrid) -> None:
    start = week.slot_point(WEDNESDAY, time(14)) + QPoint(0, 2)
    end = week.slot_point(WEDNESDAY, time(15, 30)) + QPoint(0, 1)
    with qtbot.waitSignal(week.create_requested) as blocker:
        _drag(qtbot, week, start, end)
    assert blocker.args == [DrawnSpan(WEDNESDAY, time(14), timedelta(minutes=90))]


def test_drawing_across_days_in_the_all_day_row_asks_for_an_all_day_activity(
    qtbot: QtBot, week: TimeGrid
) -> None:
    start, end = week.all_day_point(WEDNESDAY), week.all_day_point(date(2026, 11, 27))
    with qtbot.waitSignal(week.create_requested) as blocker:
        _drag(qtbot, week, start, end)
    assert blocker.args == [DrawnSpan(WEDNESDAY, None, timedelta(days=3), all_day=True)]


def test_dragging_a_block_into_the_all_day_row_and_back(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    walk = _timed(hub, "Walk", _at(WEDNESDAY, 10), 30, category=Category.SELF_CARE)
    _drag(qtbot, week, center(_rect(week, walk.uid, WEDNESDAY)), week.all_day_point(THURSDAY))
    stored = hub.activity(walk.uid)
    assert stored.all_day
    assert (stored.start, stored.end) == (THURSDAY, THURSDAY + timedelta(days=1))
    bar = _rect(week, walk.uid, THURSDAY)
    assert bar.bottom() < week.slot_point(THURSDAY, time(5)).y()

    friday = date(2026, 11, 27)
    _drag(qtbot, week, center(bar), week.slot_point(friday, time(9)) + QPoint(0, 2))
    stored = hub.activity(walk.uid)
    assert not stored.all_day
    assert stored.start == _at(friday, 9)
    assert stored.end - stored.start == Category.SELF_CARE.typical_duration


def test_dragging_an_all_day_bar_along_the_row_moves_it_by_days(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    space = hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=WEDNESDAY,
            end=WEDNESDAY + timedelta(days=2), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    start = week.all_day_point(WEDNESDAY)
    start.setY(int(_rect(week, space.uid, WEDNESDAY).center().y()))
    end = QPoint(week.all_day_point(date(2026, 11, 28)).x(), start.y())
    _drag(qtbot, week, start, end)
    stored = hub.activity(space.uid)
    assert (stored.start, stored.end) == (date(2026, 11, 28), date(2026, 11, 30))


def test_an_all_day_bar_dropped_at_the_top_of_the_hours_lands_where_it_was_dropped(
    qtbot: QtBot, hub: Hub
) -> None:
    week = _show(qtbot, TimeGrid(hub=hub, days=7), size=(900, 500))  # the hours scroll
    rest = hub.create_activity(
        ActivityDraft(
            title="Rest", category=Category.SELF_CARE, step=StepNumber(1), start=WEDNESDAY,
            end=WEDNESDAY + timedelta(days=1), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    week.scroll_to(time(10))
    start = week.all_day_point(WEDNESDAY)
    start.setY(int(_rect(week, rest.uid, WEDNESDAY).center().y()))
    drop = week.slot_point(WEDNESDAY, time(10, 5))  # just inside the hours, at their top edge
    bar = week.findChild(QScrollBar)
    scrolled = bar.value()
    assert 0 < scrolled < bar.maximum()
    _drag(qtbot, week, start, drop)
    assert bar.value() == scrolled  # the hours did not slide under the pointer
    stored = hub.activity(rest.uid)
    assert (stored.all_day, stored.start) == (False, _at(WEDNESDAY, 10))


def test_dragging_one_of_a_series_asks_the_window_which_occurrences_move(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    series = _timed(hub, "Journal", _at(date(2026, 11, 4), 20), 30, rrule="FREQ=WEEKLY;BYDAY=WE")
    start = center(_rect(week, series.uid, WEDNESDAY))

    with qtbot.waitSignal(week.series_move_requested) as asked:
        _drag(qtbot, week, start, start + QPoint(_column_width(week), -_pixels(week, 60)))

    occurrence, new_start, new_end = asked.args
    assert occurrence.activity.uid == series.uid
    assert (new_start, new_end) == (_at(THURSDAY, 19), _at(THURSDAY, 19, 30))
    assert hub.activity(series.uid) == series  # nothing moves before the answer


def test_dragging_onto_the_day_the_clocks_change_keeps_the_wall_clock_time(
    qtbot: QtBot, services: Services
) -> None:
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), date(2026, 3, 2), "Europe/Berlin"))
    hub = Hub(services=services)
    grid = _show(qtbot, TimeGrid(hub=hub, days=7))
    saturday, sunday = date(2026, 3, 28), date(2026, 3, 29)
    grid.go_to(saturday)
    talk = _timed(hub, "Talk", _at(saturday, 10), 60)
    _drag(qtbot, grid, center(_rect(grid, talk.uid, saturday)),
          center(_rect(grid, talk.uid, saturday)) + QPoint(_column_width(grid), 0))  # fmt: skip
    stored = hub.activity(talk.uid)
    assert stored.start == _at(sunday, 10)
    assert stored.start.astimezone(UTC).hour == 8  # summer time has begun
    assert stored.end - stored.start == timedelta(hours=1)


# -- the time changes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "change"),
    [
        ("Europe/Berlin", date(2026, 3, 29)),
        ("Europe/Berlin", date(2026, 10, 25)),
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
    ],
)
def test_a_weekly_nine_oclock_stays_at_nine_across_the_clock_change(
    qtbot: QtBot, services: Services, zone: str, change: date
) -> None:
    tz = BERLIN if zone == "Europe/Berlin" else NEW_YORK
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), change - timedelta(days=40), zone))
    hub = Hub(services=services)
    grid = _show(qtbot, TimeGrid(hub=hub, days=7))
    # Mondays and Sundays from the Sunday before: the change falls on a Sunday.
    first = change - timedelta(days=7)
    weekly = _timed(hub, "Check in with myself", _at(first, 9, zone=tz), 45,
                    rrule="FREQ=WEEKLY;BYDAY=MO,SU")  # fmt: skip
    for day in (change - timedelta(days=6), change, change + timedelta(days=1)):
        grid.go_to(day)
        rect = _rect(grid, weekly.uid, day)
        assert rect.top() == pytest.approx(grid.slot_point(day, time(9)).y(), abs=1), day
        assert rect.height() == pytest.approx(_pixels(grid, 45), abs=1.5), day
    offsets = {
        o.start.utcoffset()
        for o in hub.occurrences(change - timedelta(days=6), change + timedelta(days=1))
    }
    assert len(offsets) == 2  # the same 9:00 on both sides of the change


def test_what_the_clocks_went_back_during_is_drawn_as_long_as_it_lasts(
    qtbot: QtBot, services: Services
) -> None:
    """A US trial: on the fall-back night, 1:30 to 1:15 after the change (45 minutes) was
    drawn as a sliver, and 1:00 for 90 minutes as 30."""
    change = date(2026, 11, 1)
    services.plans.create(
        PlanDraft(ProgramId("eleven-steps"), change - timedelta(days=40), "America/New_York")
    )
    hub = Hub(services=services)
    grid = _show(qtbot, TimeGrid(hub=hub, days=1))
    made = {}
    for title, start, minutes in (("Stroll", time(1, 30), 45), ("Lunch out", time(1, 0), 90)):
        first = datetime.combine(change, start, tzinfo=NEW_YORK)  # before the change
        end = (first.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(NEW_YORK)
        assert end.time() < time(2) and end.fold == 1  # on the clock's second round
        made[minutes] = hub.create_activity(
            ActivityDraft(
                title=title, category=Category.SELF_CARE, step=StepNumber(1), start=first,
                end=end, all_day=False, zone="America/New_York",
            )
        )  # fmt: skip
    # One that ends after the repeated hour is drawn from clock to clock (a review): 00:30
    # to 02:30 is three hours lived, two hours of the day's clock.
    night = datetime.combine(change, time(0, 30), tzinfo=NEW_YORK)
    across = hub.create_activity(
        ActivityDraft(
            title="Night shift", category=Category.SELF_CARE, step=StepNumber(1), start=night,
            end=night.replace(hour=2), all_day=False, zone="America/New_York",
        )
    )  # fmt: skip
    grid.go_to(change)
    assert _rect(grid, across.uid, change).height() == pytest.approx(_pixels(grid, 120), abs=1.5)
    for minutes, activity in made.items():
        rect = _rect(grid, activity.uid, change)
        assert rect.height() == pytest.approx(_pixels(grid, minutes), abs=1.5), activity.title
        assert rect.top() == pytest.approx(grid.slot_point(change, activity.start.time()).y(),
                                           abs=1)  # fmt: skip


# -- keys and menus ----------------------------------------------------------------------------


def test_arrow_keys_walk_between_activities_and_enter_opens(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    early = _timed(hub, "Early", _at(WEDNESDAY, 8))
    late = _timed(hub, "Late", _at(WEDNESDAY, 18))
    next_day = _timed(hub, "Next day", _at(THURSDAY, 17))
    week.go_to(WEDNESDAY)

    def selected() -> str | None:
        occurrence = week.selected_occurrence
        return None if occurrence is None else occurrence.title

    qtbot.keyClick(week, Qt.Key.Key_Down)
    assert selected() == early.title  # the first on the selected day
    qtbot.keyClick(week, Qt.Key.Key_Down)
    assert selected() == late.title
    qtbot.keyClick(week, Qt.Key.Key_Right)
    assert selected() == next_day.title  # the nearest in time on the next day
    assert week.selected_day == THURSDAY
    qtbot.keyClick(week, Qt.Key.Key_Left)
    assert selected() == late.title
    qtbot.keyClick(week, Qt.Key.Key_Up)
    assert selected() == early.title
    with qtbot.waitSignal(week.edit_requested) as blocker:
        qtbot.keyClick(week, Qt.Key.Key_Return)
    assert blocker.args[0].activity.uid == early.uid
    with qtbot.waitSignal(week.delete_requested) as blocker:
        qtbot.keyClick(week, Qt.Key.Key_Delete)
    assert blocker.args[0].activity.uid == early.uid


def _choose(view: TimeGrid, point: QPoint, text: str) -> None:
    """Open the context menu at `point` and pick `text` from it."""
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (action,) = [a for a in menu.actions() if menu_words(a.text()) == text]
        chosen.append(text)
        action.trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    QApplication.sendEvent(
        view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.mapToGlobal(point))
    )
    assert chosen == [text]


def test_the_arrow_keys_reach_an_empty_day_and_the_next_week_to_plan_there(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """Left and right skipped days with nothing planned, so the keys alone could not choose
    one to plan on; now each day is a step, and past Sunday comes the next week."""
    _timed(hub, "Early", _at(WEDNESDAY, 8))
    evening = _timed(hub, "Evening", _at(WEDNESDAY, 19))
    saturday = date(2026, 11, 28)
    _timed(hub, "Walk", _at(saturday, 18))
    week.go_to(WEDNESDAY)
    qtbot.keyClick(week, Qt.Key.Key_Down)
    qtbot.keyClick(week, Qt.Key.Key_Down)
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == evening.uid

    qtbot.keyClick(week, Qt.Key.Key_Right)  # Thursday: nothing planned
    assert week.selected_occurrence is None and week.selected_day == THURSDAY
    with qtbot.waitSignal(week.create_requested) as blocker:
        qtbot.keyClick(week, Qt.Key.Key_Return)
    assert blocker.args[0].day == THURSDAY
    qtbot.keyClick(week, Qt.Key.Key_Right)  # Friday
    qtbot.keyClick(week, Qt.Key.Key_Right)  # Saturday's walk
    assert week.selected_occurrence is not None and week.selected_occurrence.title == "Walk"
    qtbot.keyClick(week, Qt.Key.Key_Right)  # Sunday
    qtbot.keyClick(week, Qt.Key.Key_Right)  # Monday, the next week
    assert week.selected_day == date(2026, 11, 30)
    assert week.visible_days[0] == date(2026, 11, 30)
    qtbot.keyClick(week, Qt.Key.Key_Left)
    assert week.visible_days[0] == date(2026, 11, 23) and week.selected_day == date(2026, 11, 29)


def test_the_keys_do_not_page_the_week_under_a_drag(qtbot: QtBot, week: TimeGrid, hub: Hub) -> None:
    """Right on Sunday, or PgDn, in the middle of a stretch paged the week, and the block was
    saved a week long; the gesture ends, and nothing changes, when the week does."""
    sunday = date(2026, 11, 29)
    walk = _timed(hub, "Walk", _at(sunday, 9), 60)
    week.go_to(sunday)
    rect = _rect(week, walk.uid, sunday)
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    lower = edge + QPoint(0, _pixels(week, 30))
    qtbot.mousePress(week, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(week, (edge + lower) / 2)
    qtbot.mouseMove(week, lower)
    qtbot.keyClick(week, Qt.Key.Key_Right)  # waits for the stretch
    assert week.visible_days[0] == date(2026, 11, 23)
    week.go_next()  # PgDn: the stretch is called off
    qtbot.mouseRelease(week, Qt.MouseButton.LeftButton, pos=lower)
    assert hub.activity(walk.uid).end == _at(sunday, 10)


def test_a_drag_the_keys_were_taken_from_does_nothing(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """A window taking the keys mid-drag (a reminder) may keep the button's release too: the
    drag is called off, rather than left half done with the arrow keys dead."""
    walk = _timed(hub, "Walk", _at(WEDNESDAY, 9), 60)
    week.go_to(WEDNESDAY)
    start = center(_rect(week, walk.uid, WEDNESDAY))
    later = start + QPoint(0, _pixels(week, 120))
    week.setFocus()
    qtbot.waitUntil(week.hasFocus)
    qtbot.mousePress(week, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(week, (start + later) / 2)
    qtbot.mouseMove(week, later)
    elsewhere = QLineEdit()  # as a reminder window would
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    elsewhere.setFocus()
    qtbot.waitUntil(lambda: not week.hasFocus())
    qtbot.mouseRelease(week, Qt.MouseButton.LeftButton, pos=later)
    assert hub.activity(walk.uid).start == _at(WEDNESDAY, 9)
    week.activateWindow()
    week.setFocus()
    qtbot.waitUntil(week.hasFocus)
    qtbot.keyClick(week, Qt.Key.Key_Right)  # the keys work again
    assert week.selected_day == THURSDAY


def test_left_and_right_go_on_from_the_day_an_activity_of_several_was_chosen_on(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """A Monday-to-Wednesday stay chosen on Wednesday: Right is Thursday, not Tuesday. Back
    on Wednesday, the day itself is chosen, not the stay again: a month's space period would
    otherwise be chosen on every day, and no day reached to plan on."""
    stay = _timed(hub, "Stay with family", _at(date(2026, 11, 23), 10), 2 * 24 * 60)
    week.go_to(WEDNESDAY)
    on_wednesday = center(_rect(week, stay.uid, WEDNESDAY))
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=on_wednesday)
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == stay.uid
    assert week.selected_day == WEDNESDAY
    qtbot.keyClick(week, Qt.Key.Key_Right)
    assert week.selected_day == THURSDAY and week.selected_occurrence is None
    qtbot.keyClick(week, Qt.Key.Key_Left)
    assert week.selected_day == WEDNESDAY and week.selected_occurrence is None


def test_a_space_period_over_the_week_does_not_hold_the_arrow_keys(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """A month of space covers every day: chosen on each in turn, it kept the keys from ever
    reaching a day to plan on."""
    hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3),
            start=date(2026, 11, 16), end=date(2026, 12, 16), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    walk = _timed(hub, "Walk", _at(THURSDAY, 18))
    week.go_to(WEDNESDAY)
    assert week.selected_occurrence is None
    qtbot.keyClick(week, Qt.Key.Key_Right)
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == walk.uid
    qtbot.keyClick(week, Qt.Key.Key_Right)  # Friday: only the space goes on over it
    assert week.selected_day == date(2026, 11, 27) and week.selected_occurrence is None


def test_going_to_another_day_lets_go_of_an_activity_chosen_elsewhere(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """Chosen on Wednesday, then Go to Date on Thursday: Enter opened Wednesday's activity
    while Thursday showed chosen."""
    _timed(hub, "Early", _at(WEDNESDAY, 8))
    week.go_to(WEDNESDAY)
    qtbot.keyClick(week, Qt.Key.Key_Down)
    assert week.selected_occurrence is not None
    week.go_to(THURSDAY)
    assert week.selected_occurrence is None and week.selected_day == THURSDAY


def test_the_arrow_keys_reach_the_all_day_rows_more_not_the_bars_it_hides(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """Down went on to the all-day activities hidden behind "+N more", chosen out of sight;
    now "+N more" is a stop of its own, framed, and Enter or Space opens the day's list."""
    for number in range(6):
        hub.create_activity(
            ActivityDraft(
                title=f"All day {number}", category=Category.SPACE, step=StepNumber(3),
                start=WEDNESDAY, end=THURSDAY, all_day=True, zone="Europe/Berlin",
            )
        )  # fmt: skip
    _timed(hub, "Morning", _at(WEDNESDAY, 9))
    week.go_to(WEDNESDAY)
    shown = [o.title for o in week.occurrences_on(WEDNESDAY)
             if o.all_day and week.chip_rect(o.activity.uid, WEDNESDAY)]  # fmt: skip
    assert len(shown) == 3  # and "+3 more" in the row's last lane
    plain = week.grab().toImage()

    chosen: list[str | None] = []
    for _ in range(5):
        qtbot.keyClick(week, Qt.Key.Key_Down)
        occurrence = week.selected_occurrence
        chosen.append(occurrence.title if occurrence is not None else None)
    assert chosen == [*shown, None, "Morning"]
    qtbot.keyClick(week, Qt.Key.Key_Up)
    assert week.selected_occurrence is None and week.chosen_more == WEDNESDAY
    assert week.grab().toImage() != plain  # framed where it is
    with qtbot.waitSignal(week.more_requested) as blocker:
        qtbot.keyClick(week, Qt.Key.Key_Return)
    assert blocker.args == [WEDNESDAY]
    with qtbot.waitSignal(week.more_requested):
        qtbot.keyClick(week, Qt.Key.Key_Space)

    qtbot.keyClick(week, Qt.Key.Key_Right)  # Thursday: nothing planned, the day itself
    assert week.chosen_more is None and week.selected_day == THURSDAY
    qtbot.keyClick(week, Qt.Key.Key_Left)  # back from an empty day: Wednesday's first bar
    assert week.selected_occurrence is not None and week.selected_occurrence.title == shown[0]


def _from_keys(qtbot: QtBot, grid: TimeGrid, open_it: Callable[[], None]) -> list[str]:
    """Open the menu with the keyboard; its items as written (access keys and all)."""
    texts: list[str] = []

    def read() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts.extend(action.text() for action in menu.actions() if not action.isSeparator())
        menu.close()

    QTimer.singleShot(0, read)
    open_it()
    return texts


def test_the_menu_key_offers_what_the_keys_chose_not_what_the_pointer_is_on(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """Qt sends the Menu key's event to the middle of the grid, maybe onto another block. With
    an activity chosen by the keys its menu opens; with none, the chosen day's (Shift+F10
    likewise)."""
    _timed(hub, "Early", _at(WEDNESDAY, 8))
    late = _timed(hub, "Late", _at(WEDNESDAY, 18))
    week.go_to(WEDNESDAY)
    middle = center(_rect(week, late.uid, WEDNESDAY))
    pointed = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, middle, week.mapToGlobal(middle))
    qtbot.keyClick(week, Qt.Key.Key_Down)  # Early, the day's first
    assert week.selected_occurrence is not None and week.selected_occurrence.title == "Early"

    chip_menu = _from_keys(qtbot, week, lambda: QApplication.sendEvent(week, pointed))
    assert week.selected_occurrence is not None and week.selected_occurrence.title == "Early"
    assert "&Edit…" in chip_menu
    assert "&New Activity on This Day…" in chip_menu  # as in the month
    keys = access_keys(chip_menu)
    assert len(keys) == len(chip_menu) == len(set(keys)), chip_menu  # each its own letter

    empty = week.slot_point(THURSDAY, time(12)) + QPoint(0, 2)  # nothing planned there
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=empty)
    assert week.selected_occurrence is None and week.selected_day == THURSDAY
    day_menu = _from_keys(
        qtbot, week, lambda: qtbot.keyClick(week, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    )
    assert [menu_words(text) for text in day_menu] == [
        "New Activity Here…", "Copy This Week to Next Week",
    ]  # fmt: skip
    assert week.selected_occurrence is None and week.selected_day == THURSDAY


def test_the_context_menu_moves_to_next_week_and_duplicates(
    week: TimeGrid, hub: Hub, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10))
    clock.set(clock.now() + timedelta(minutes=1))
    first = ActivityUid("00000000-0000-4000-8000-000000000000@rekindle")  # before any other
    monkeypatch.setattr(activities_service, "new_activity_uid", lambda: first)
    _choose(week, center(_rect(week, gym.uid, WEDNESDAY)), "Duplicate")
    copies = [o for o in week.occurrences_on(WEDNESDAY) if o.title == "Gym"]
    assert len(copies) == 2 and copies[0].start == copies[1].start
    assert {o.activity.uid for o in copies} != {gym.uid}
    selected = week.selected_occurrence
    assert selected is not None and selected.activity.uid != gym.uid  # the copy, not the original
    # Side by side, the original keeps the left lane and the copy comes beside it.
    copy = week.chip_rect(selected.activity.uid, WEDNESDAY)
    assert copy is not None and _rect(week, gym.uid, WEDNESDAY).left() < copy.left()

    moved: list[object] = []
    week.rescheduled.connect(lambda _occurrence, start, _end: moved.append(start))
    _choose(week, center(_rect(week, gym.uid, WEDNESDAY)), "Move to Next Week")
    assert hub.activity(gym.uid).start == _at(WEDNESDAY + timedelta(days=7), 10)
    assert moved == [_at(WEDNESDAY + timedelta(days=7), 10)]  # the window says where it went
    assert hub.undo_stack.undoText() == "Move “Gym” to Next Week"


def test_a_duplicate_that_cannot_be_saved_is_not_called_a_move(
    week: TimeGrid, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: the week's Duplicate sent its failure through the grid's `problem`, which
    the window titles "Could Not Move"; the month says it as the hub's."""
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10))

    def refused(_occurrence: object) -> None:
        raise StorageError("The disk is full. Nothing was changed.")

    monkeypatch.setattr(hub, "duplicate_occurrence", refused)
    said: list[str] = []
    moves: list[str] = []
    hub.problem.connect(said.append)
    week.problem.connect(moves.append)
    _choose(week, center(_rect(week, gym.uid, WEDNESDAY)), "Duplicate")
    assert said == ["The disk is full. Nothing was changed."]
    assert moves == []


def test_the_context_menu_on_empty_hours_offers_a_new_activity_there(
    qtbot: QtBot, week: TimeGrid
) -> None:
    point = week.slot_point(THURSDAY, time(16, 10))
    with qtbot.waitSignal(week.create_requested) as blocker:
        _choose(week, point, "New Activity Here…")
    assert blocker.args == [DrawnSpan(THURSDAY, time(16))]


def test_double_click_on_empty_hours_asks_for_a_new_activity_at_that_half_hour(
    qtbot: QtBot, week: TimeGrid
) -> None:
    point = week.slot_point(THURSDAY, time(16, 40))
    with qtbot.waitSignal(week.create_requested) as blocker:
        qtbot.mouseDClick(week, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [DrawnSpan(THURSDAY, time(16, 30))]


def test_a_change_that_cannot_be_saved_is_reported(qtbot: QtBot, week: TimeGrid, hub: Hub) -> None:
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10))
    occurrence = week.occurrences_on(WEDNESDAY)[0]
    with qtbot.waitSignal(week.problem) as blocker:
        # A timed activity cannot end before it starts.
        week.reschedule(occurrence, _at(WEDNESDAY, 10), _at(WEDNESDAY, 9))
    assert "end" in blocker.args[0]
    assert hub.activity(gym.uid).start == _at(WEDNESDAY, 10)


# -- in the main window ------------------------------------------------------------------------


def _week_window(qtbot: QtBot, window: MainWindow) -> TimeGrid:
    qtbot.keyClick(window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is window.week_view
    window.resize(1400, 1100)
    qtbot.waitUntil(lambda: window.week_view.height() > 700)
    return window.week_view


def test_ctrl_1_2_3_switch_between_day_week_and_month(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    label = main_window.findChild(QLabel, "range_label")
    week = _week_window(qtbot, main_window)
    assert week.hasFocus()
    assert main_window.week_action.isChecked()
    assert label.text() == "23 – 29 November 2026"
    assert main_window.windowTitle() == "23 – 29 November 2026 — Rekindle"
    assert main_window.next_action.text() == "&Next Week"

    qtbot.keyClick(week, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.views.currentWidget() is main_window.day_view
    assert main_window.windowTitle() == "Monday 23 November 2026 — Rekindle"
    qtbot.keyClick(main_window.day_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main_window.views.currentWidget() is main_window.month_view
    assert main_window.calendar_action.text() == "&Month"
    assert label.text() == "November 2026"


def test_page_keys_move_by_the_views_range_and_t_comes_back(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    week = _week_window(qtbot, main_window)
    label = main_window.findChild(QLabel, "range_label")
    with qtbot.waitSignal(week.range_changed) as blocker:
        qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert blocker.args == [date(2026, 11, 30), date(2026, 12, 6)]
    assert label.text() == "30 November – 6 December 2026"
    qtbot.keyClick(week, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert label.text() == "21 – 27 December 2026"
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert label.text() == "28 December 2026 – 3 January 2027"
    qtbot.keyClick(week, Qt.Key.Key_T)
    assert week.visible_days[0] == date(2026, 11, 23)
    # The day view steps a day at a time, from the day the week was on.
    qtbot.keyClick(week, Qt.Key.Key_Right)  # nothing planned: the day itself is chosen
    assert week.selected_occurrence is None and week.selected_day == TODAY + timedelta(days=1)
    qtbot.keyClick(week, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    day = main_window.day_view
    assert day.visible_days == (TODAY + timedelta(days=1), TODAY + timedelta(days=1))
    qtbot.keyClick(day, Qt.Key.Key_PageUp)
    assert main_window.windowTitle() == "Monday 23 November 2026 — Rekindle"


def test_clicking_a_days_heading_opens_it_in_the_day_view(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    week = _week_window(qtbot, main_window)
    heading = QPoint(week.slot_point(THURSDAY, time(9)).x(), 10)
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=heading)
    assert main_window.views.currentWidget() is main_window.day_view
    assert main_window.day_view.visible_days == (THURSDAY, THURSDAY)


def test_drawing_in_the_week_opens_the_editor_with_day_time_and_length(
    qtbot: QtBot, main_window: MainWindow, plan_services: Services
) -> None:
    week = _week_window(qtbot, main_window)
    start = week.slot_point(WEDNESDAY, time(14)) + QPoint(0, 2)
    _drag(qtbot, week, start, week.slot_point(WEDNESDAY, time(15, 30)) + QPoint(0, 1))
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.day.date() == QDate(2026, 11, 25)
    assert not dialog.all_day.isChecked()
    assert dialog.start_time.time() == QTime(14, 0)
    assert dialog.duration.value() == 90
    dialog.title.setText("Pottery")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(week.occurrences_on(WEDNESDAY)))
    (stored,) = week.occurrences_on(WEDNESDAY)
    assert (stored.start, stored.end) == (_at(WEDNESDAY, 14), _at(WEDNESDAY, 15, 30))
    # What was just made is selected: Edit and Delete act on it at once.
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == stored.activity.uid
    assert main_window.edit_action.isEnabled()


def test_drawing_in_the_all_day_row_opens_an_all_day_editor(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    week = _week_window(qtbot, main_window)
    _drag(qtbot, week, week.all_day_point(WEDNESDAY), week.all_day_point(THURSDAY))
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.all_day.isChecked()
    assert dialog.day.date() == QDate(2026, 11, 25)
    assert dialog.last_day.date() == QDate(2026, 11, 26)
    dialog.reject()


def test_ctrl_z_puts_a_dragged_block_back_and_redo_moves_it_again(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    week = _week_window(qtbot, main_window)
    gym = _timed(main_window.hub, "Gym", _at(WEDNESDAY, 10))
    start = center(_rect(week, gym.uid, WEDNESDAY))
    _drag(qtbot, week, start, start + QPoint(_column_width(week), _pixels(week, 120)))
    assert main_window.hub.activity(gym.uid).start == _at(THURSDAY, 12)
    assert main_window.undo_action.text() == "&Undo Move “Gym”"
    qtbot.keyClick(week, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.hub.activity(gym.uid).start == _at(WEDNESDAY, 10)
    assert _rect(week, gym.uid, WEDNESDAY).top() == pytest.approx(
        week.slot_point(WEDNESDAY, time(10)).y(), abs=1
    )
    qtbot.keyClick(
        week, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert main_window.hub.activity(gym.uid).start == _at(THURSDAY, 12)


def test_delete_in_the_week_deletes_the_selected_block_undoably(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    week = _week_window(qtbot, main_window)
    gym = _timed(main_window.hub, "Gym", _at(WEDNESDAY, 10))
    qtbot.mouseClick(week, Qt.MouseButton.LeftButton, pos=center(_rect(week, gym.uid, WEDNESDAY)))
    assert main_window.delete_action.isEnabled()
    qtbot.keyClick(week, Qt.Key.Key_Delete)
    assert week.occurrences_on(WEDNESDAY) == []
    assert "Deleted “Gym”" in status_message(main_window)
    qtbot.keyClick(week, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [o.activity.uid for o in week.occurrences_on(WEDNESDAY)] == [gym.uid]


def test_switching_views_keeps_the_day(qtbot: QtBot, main_window: MainWindow) -> None:
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_PageDown)  # December; 1 Dec selected
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.week_view.visible_days == (date(2026, 11, 30), date(2026, 12, 6))
    qtbot.keyClick(main_window.week_view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.day_view.visible_days == (date(2026, 12, 1), date(2026, 12, 1))


def test_views_in_the_background_read_nothing_until_shown(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = main_window.hub
    read: list[tuple[date, date]] = []
    real = visible.load

    def spy(hub: Hub, first: date, last: date) -> visible.VisibleRange:
        read.append((first, last))
        return real(hub, first, last)

    # Both grids exist, then go to the background behind the month.
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(main_window.week_view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(main_window.day_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    monkeypatch.setattr(visible, "load", spy)  # how every calendar reads its days
    gym = _timed(hub, "Gym", _at(WEDNESDAY, 10))
    assert read == [main_window.month_view.visible_days]  # the month in front, only
    read.clear()
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert read == [(date(2026, 11, 23), date(2026, 11, 29))]
    assert [o.activity.uid for o in main_window.week_view.occurrences_on(WEDNESDAY)] == [gym.uid]


def test_a_week_drawn_ahead_looks_exactly_as_one_drawn_on_the_spot(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    hub = main_window.hub
    thursday = WEDNESDAY + timedelta(days=8)
    _timed(hub, "Walk", _at(WEDNESDAY + timedelta(days=7), 8))
    _timed(hub, "Call", _at(WEDNESDAY + timedelta(days=7), 8, 30))  # overlaps: two lanes
    hub.create_activity(ActivityDraft(
        title="Quiet days", category=Category.SPACE, step=StepNumber(3), start=thursday,
        end=thursday + timedelta(days=2), all_day=True, zone="Europe/Berlin",
    ))  # fmt: skip
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    week.scroll_to(time(7, 0))

    qtbot.waitUntil(lambda: drawn_ahead_next(week))  # while this week is looked at
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert week.shows_drawn_ahead
    chosen = [o for o in week.occurrences_on(thursday - timedelta(days=1)) if o.title == "Walk"]
    chosen += [o for o in week.occurrences_on(thursday) if o.all_day]
    assert len(chosen) == 2
    ahead = []
    for occurrence in chosen:  # a block and an all-day bar, each selected
        week.select(occurrence)
        ahead.append(_grid_pixels(week))

    _timed(hub, "For a moment", _at(thursday, 15))
    main_window.undo_action.trigger()  # the same week again, read and drawn on the spot now
    assert not week.shows_drawn_ahead
    for occurrence, pixels in zip(chosen, ahead, strict=True):
        week.select(occurrence)
        assert _grid_pixels(week) == pixels


def _grid_pixels(week: TimeGrid) -> QImage:
    """The grid as painted, left of its scroll bar (a child with a look of its own)."""
    bar = week.findChild(QScrollBar)
    assert bar is not None
    return week.grab(QRect(0, 0, bar.x(), week.height())).toImage()


def test_what_was_drawn_ahead_is_let_go_when_the_grid_hides_or_its_font_changes(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    week = main_window.week_view
    qtbot.waitUntil(lambda: drawn_ahead_next(week))
    font = week.font()
    font.setPointSizeF(font.pointSizeF() + 2)
    week.setFont(font)  # text drawn ahead in the old size would be wrong now
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert not week.shows_drawn_ahead

    qtbot.waitUntil(lambda: drawn_ahead_next(week))
    qtbot.keyClick(week, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the day view
    qtbot.keyClick(main_window.day_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert not week.shows_drawn_ahead  # hidden, it kept nothing drawn (a few MB a range)


def test_the_week_header_has_one_shape_for_every_day(
    qtbot: QtBot, week: TimeGrid, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a width where "SUN 27" fits on one line and "WED 30" just does not, every day is
    stacked (name over number): a header half one way and half the other looked broken."""
    names: list[QRectF] = []

    class Recording(QPainter):
        def drawText(self, *args: object) -> None:
            if isinstance(args[0], QRectF) and str(args[-1]).isalpha():
                names.append(QRectF(args[0]))
            super().drawText(*args)  # type: ignore[call-overload]

    monkeypatch.setattr(time_grid_module, "QPainter", Recording)
    week.go_to(date(2026, 12, 30))  # 28 December to 3 January: wide and narrow numbers
    for width in range(480, 1000, 6):  # from names over numbers to names beside them
        week.resize(width, 400)
        qtbot.waitUntil(lambda width=width: week.width() == width)
        names.clear()
        week.grab()
        tops = {round(rect.top()) for rect in names[:7]}
        assert len(names) >= 7 and len(tops) == 1, f"at {width} px: {names[:7]}"


def test_the_now_pill_and_the_hour_marks_have_room_for_a_clock_with_words(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Canada writes "10:00 a.m.": the pill cut it to "0:00 a.m" in a gutter measured for
    "10:00"; the gutter now grows to the computer's clock."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Canada))
    boxes: list[tuple[str, float, float]] = []

    class Recording(QPainter):
        def drawText(self, *args: object) -> None:
            if isinstance(args[0], QRectF) and isinstance(args[-1], str):
                needed = QFontMetricsF(self.font()).horizontalAdvance(args[-1])
                boxes.append((args[-1], args[0].width(), needed))
            super().drawText(*args)  # type: ignore[call-overload]

    monkeypatch.setattr(time_grid_module, "QPainter", Recording)
    week = _show(qtbot, TimeGrid(hub=hub, days=7))
    week.go_today()
    boxes.clear()
    week.grab()

    now = labels.clock(hub.now().astimezone(BERLIN))
    assert now.replace("\u202f", " ") == "10:00 a.m."
    pill = [box for box in boxes if box[0] == now]
    assert pill, boxes
    marks = [box for box in boxes if box[0] in {labels.hour_mark(h) for h in range(1, 24)}]
    assert len(marks) >= 6
    for text, width, needed in pill + marks:
        assert needed <= width, f"{text!r} needs {needed:.0f} px, has {width:.0f}"


def test_selecting_a_done_block_outlines_it_and_keeps_its_faded_look(
    qtbot: QtBot, hub: Hub, week: TimeGrid
) -> None:
    """Drawing the chosen block a second time on top doubled its fade: a done one read as
    planned. Only the outline is added."""
    walk = _timed(hub, "Walk", _at(WEDNESDAY - timedelta(days=1), 8))
    (occurrence,) = hub.occurrences(WEDNESDAY - timedelta(days=1), WEDNESDAY - timedelta(days=1))
    hub.mark(occurrence, Status.DONE)
    week.scroll_to(time(7, 0))
    rect = _rect(week, walk.uid, WEDNESDAY - timedelta(days=1)).toRect().adjusted(4, 4, -4, -4)
    before = _grid_pixels(week).copy(rect)

    (done,) = [o for o in week.occurrences_on(WEDNESDAY - timedelta(days=1)) if o.title == "Walk"]
    week.select(done)

    assert week.selected_occurrence is not None
    assert _grid_pixels(week).copy(rect) == before  # inside the outline, as it was


def test_a_done_block_dragged_to_a_day_still_ahead_stays_where_it_was(
    qtbot: QtBot, week: TimeGrid, hub: Hub
) -> None:
    """Dragged on to tomorrow, a walk marked done today would be done in the future, with
    its reflection dated there: the drag is refused with why, and the block stays."""
    walk = _timed(hub, "Walk", _at(TODAY, 7))
    (occurrence,) = hub.occurrences(TODAY, TODAY)
    hub.mark(occurrence, Status.DONE)
    week.scroll_to(time(6, 0))
    start = center(_rect(week, walk.uid, TODAY))

    with qtbot.waitSignal(week.problem) as blocker:
        _drag(qtbot, week, start, start + QPoint(_column_width(week), 0))

    assert "marked as done" in blocker.args[0]
    assert hub.activity(walk.uid).start == _at(TODAY, 7)
    assert week.chip_rect(walk.uid, TODAY + timedelta(days=1)) is None
    assert _rect(week, walk.uid, TODAY).center().y() == pytest.approx(start.y(), abs=1)


def test_an_idea_dropped_on_the_hours_lands_on_the_quarter_hour_under_the_pointer(
    qtbot: QtBot, week: TimeGrid
) -> None:
    """Dropped at 16:20, an idea from the steps panel came in at 16:00: blocks snap to 15
    minutes, and so does a drop (5 with Shift)."""
    data = suggestion_drag.encode(4, 0, "Gentle walk to think")
    week.scroll_to(time(12, 0))
    landed = []
    week.suggestion_dropped.connect(lambda *found: landed.append(found))
    for modifier, expected in [
        (Qt.KeyboardModifier.NoModifier, time(16, 15)),
        (Qt.KeyboardModifier.ShiftModifier, time(16, 20)),
    ]:
        point = QPointF(week.slot_point(WEDNESDAY, time(16, 22)))
        args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, modifier)
        QApplication.sendEvent(week, QDragEnterEvent(point.toPoint(), *args))
        QApplication.sendEvent(week, QDragMoveEvent(point.toPoint(), *args))
        QApplication.sendEvent(week, QDropEvent(point, *args))
        span = landed[-1][-1]
        assert isinstance(span, DrawnSpan)
        assert (span.day, span.at) == (WEDNESDAY, expected)


def test_go_to_date_shows_a_far_week_without_paging_there(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Reaching March took fourteen presses of PgDn: View > Go to Date (Ctrl+G) takes a day
    typed whole, and the view in front shows it, selected."""
    from planner.ui.dialogs.go_to_date import GoToDateDialog

    week = _week_window(qtbot, main_window)
    assert main_window.go_to_date_action in main_window.view_menu.actions()
    qtbot.keyClick(week, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, main_window, GoToDateDialog)
    assert dialog.day.date() == QDate(2026, 11, 23)  # from the day shown
    qtbot.waitUntil(dialog.day.hasFocus)
    qtbot.waitUntil(lambda: dialog.day.lineEdit().selectedText() == dialog.day.text())
    for character in "2027-03-17":  # over the whole date, offered selected
        qtbot.keyClicks(QApplication.focusWidget(), character)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # read, and gone to

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert week.visible_days == (date(2027, 3, 15), date(2027, 3, 21))
    assert week.selected_day == date(2027, 3, 17)
    assert main_window.findChild(QLabel, "range_label").text() == "15 – 21 March 2027"
    # The agenda offers, and goes to, its own first day; the progress page has none.
    main_window.agenda_action.trigger()
    agenda = main_window.agenda_view
    assert main_window.views.currentWidget() is agenda
    agenda.go_to(date(2027, 5, 2))
    qtbot.waitUntil(lambda: not main_window.findChildren(GoToDateDialog))  # the first, gone
    main_window.go_to_date_action.trigger()
    dialog = wait_for_dialog(qtbot, main_window, GoToDateDialog)
    assert dialog.day.date() == QDate(2027, 5, 2)
    dialog.day.setDate(QDate(2027, 6, 1))
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: agenda.first_day == date(2027, 6, 1))
    main_window.progress_action.trigger()
    assert not main_window.go_to_date_action.isEnabled()


def test_go_to_date_takes_a_day_typed_without_its_year_as_the_nearest(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """Over January 2027, "24 Dec" went in part by part (Qt offered the day alone) and kept
    the year shown: December 2027. Typed over the whole date it is the December just past."""
    from planner.ui.dialogs.go_to_date import GoToDateDialog

    week = _week_window(qtbot, main_window)
    week.go_to(date(2027, 1, 13))
    qtbot.keyClick(week, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, main_window, GoToDateDialog)
    qtbot.waitUntil(lambda: dialog.day.lineEdit().selectedText() == dialog.day.text())
    for character in "24 Dec":
        qtbot.keyClicks(QApplication.focusWidget(), character)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert week.selected_day == date(2026, 12, 24)


def test_go_to_date_says_a_day_that_does_not_exist_and_stays(qtbot: QtBot) -> None:
    """ "31 Feb 2027" typed, then Go clicked: the dialog closed and went to the day it had
    offered, the note about the typed date never seen."""
    from planner.ui.dialogs.go_to_date import GoToDateDialog

    dialog = GoToDateDialog(day=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    chosen: list[date] = []
    dialog.chosen.connect(chosen.append)
    dialog.day.setFocus()
    qtbot.waitUntil(dialog.day.hasFocus)
    qtbot.keyClick(dialog.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for character in "31 Feb 2027":
        qtbot.keyClicks(QApplication.focusWidget(), character)

    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)

    assert chosen == [] and dialog.isVisible()
    assert dialog.error.isVisible() and "February" in dialog.error.text()


def test_one_escape_closes_go_to_date_after_a_day_that_does_not_exist(qtbot: QtBot) -> None:
    """A trial: after "31 Apr 2027" was refused, Escape only put the field back, and a
    second Escape was needed to close a dialog that asks one thing."""
    from planner.ui.dialogs.go_to_date import GoToDateDialog

    dialog = GoToDateDialog(day=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    chosen: list[date] = []
    dialog.chosen.connect(chosen.append)
    dialog.day.setFocus()
    qtbot.waitUntil(dialog.day.hasFocus)
    for character in "31 Apr 2027":
        qtbot.keyClicks(QApplication.focusWidget(), character)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible() and "April 2027 has no day 31" in dialog.error.text()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert chosen == []


def test_go_to_dates_arrows_step_the_day_offered(qtbot: QtBot) -> None:
    """The whole date offered selected, Up went on a year (the cursor ended in the year)."""
    from planner.ui.dialogs.go_to_date import GoToDateDialog

    dialog = GoToDateDialog(day=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.day.hasFocus)
    qtbot.waitUntil(lambda: dialog.day.lineEdit().selectedText() == dialog.day.text())
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)
    assert dialog.day.date() == QDate(2026, 11, 24)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)
    assert dialog.day.date() == QDate(2026, 11, 22)


def test_undoing_a_delete_chooses_the_activity_again(qtbot: QtBot, main_window: MainWindow) -> None:
    """Deleted by mistake and brought back with Ctrl+Z, nothing was chosen, and Enter opened
    a new activity instead of it."""
    week = _week_window(qtbot, main_window)
    swim = _timed(main_window.hub, "Swim", _at(WEDNESDAY, 10))
    week.go_to(WEDNESDAY)
    week.setFocus()
    qtbot.keyClick(week, Qt.Key.Key_Down)
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == swim.uid
    qtbot.keyClick(week, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: week.selected_occurrence is None)
    main_window.undo_action.trigger()
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == swim.uid
    with qtbot.waitSignal(week.edit_requested) as opened:
        qtbot.keyClick(week, Qt.Key.Key_Return)
    assert opened.args[0].activity.uid == swim.uid
    wait_for_dialog(qtbot, main_window, ActivityDialog).reject()


def test_undo_chooses_what_it_brought_back_where_the_view_is(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A space period that began the week before, edited, then undone: the view went back
    to its first week. It stays, the space chosen on the day that was chosen."""
    week = _week_window(qtbot, main_window)
    space = main_window.hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3),
            start=date(2026, 11, 16), end=date(2026, 12, 16), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    week.go_to(THURSDAY)
    shown = week.visible_days
    main_window.hub.update_activity(space.uid, replace(space.draft(), title="Quiet time"))
    main_window.undo_action.trigger()
    assert week.visible_days == shown and week.selected_day == THURSDAY
    assert week.selected_occurrence is not None
    assert week.selected_occurrence.activity.uid == space.uid


def test_drawing_in_the_hour_the_clocks_skip_says_where_it_will_be(qtbot: QtBot, hub: Hub) -> None:
    """A trial saw 02:15 drawn on the spring-forward night and found 03:15 saved, without a
    word: the drawing now says the time it becomes, and why."""
    day = _show(qtbot, TimeGrid(hub=hub, days=1), size=(560, 1000))
    spring = date(2026, 3, 29)  # Berlin's clocks go from 02:00 to 03:00
    day.go_to(spring)
    day.scroll_to(time(1))
    qtbot.mousePress(day, Qt.MouseButton.LeftButton, pos=day.slot_point(spring, time(2, 15)))
    qtbot.mouseMove(day, day.slot_point(spring, time(2, 30)))
    qtbot.mouseMove(day, day.slot_point(spring, time(2, 45)))
    qtbot.waitUntil(lambda: bool(day.ghost_lines))
    said = " ".join(day.ghost_lines)
    assert "03:15" in said and "the clocks go forward" in said, day.ghost_lines
    qtbot.mouseMove(day, day.slot_point(spring, time(3, 15)))  # an hour drawn: an hour kept
    qtbot.waitUntil(lambda: "03:15 – 04:15" in " ".join(day.ghost_lines))
    qtbot.keyClick(day, Qt.Key.Key_Escape)


def test_what_the_clocks_skipped_during_is_dragged_as_long_as_it_lasts(
    qtbot: QtBot, hub: Hub
) -> None:
    """A US trial dragged a 1:30 to 3:00 journal off the spring-forward night (half an hour):
    the drag said "1:30 to 3:00" where the drop kept 1:30 to 2:00."""
    grid = _show(qtbot, TimeGrid(hub=hub, days=7), size=(900, 1000))
    spring = date(2026, 3, 29)  # a Sunday: Berlin's clocks go from 02:00 to 03:00
    journal = hub.create_activity(
        ActivityDraft(
            title="Night journal", category=Category.REFLECTION, step=StepNumber(1),
            start=_at(spring, 1, 30), end=_at(spring, 3, 0), all_day=False,
            zone="Europe/Berlin",
        )
    )  # fmt: skip
    grid.go_to(spring)
    grid.scroll_to(time(1))
    saturday = spring - timedelta(days=1)
    press = center(_rect(grid, journal.uid, spring))
    drop = QPoint(grid.slot_point(saturday, time(1, 30)).x(), press.y())
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(grid, (press + drop) / 2)
    qtbot.mouseMove(grid, drop)
    qtbot.waitUntil(lambda: "01:30 – 02:00" in " ".join(grid.ghost_lines))
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=drop)
    (moved,) = [o for o in hub.occurrences(saturday, saturday) if o.activity.uid == journal.uid]
    assert (moved.start, moved.end) == (_at(saturday, 1, 30), _at(saturday, 2, 0))


def test_a_new_activity_being_drawn_in_a_narrow_week_shows_its_times(
    qtbot: QtBot, hub: Hub
) -> None:
    """In a narrow week the drawing read "New activity" alone, its times cut off after it:
    where it will be is what one draws for, so the times come first, on two lines if need be."""
    narrow = _show(qtbot, TimeGrid(hub=hub, days=7), size=(560, 1000))
    start = narrow.slot_point(WEDNESDAY, time(14)) + QPoint(0, 2)
    end = narrow.slot_point(WEDNESDAY, time(15, 30)) + QPoint(0, 1)
    qtbot.mousePress(narrow, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(narrow, (start + end) / 2)
    qtbot.mouseMove(narrow, end)
    qtbot.waitUntil(lambda: bool(narrow.ghost_lines))  # painted
    lines = narrow.ghost_lines
    assert "14:00" in " ".join(lines) and "15:30" in " ".join(lines), lines
    assert not any(line.endswith("…") for line in lines[-2:]), lines  # the times whole
    assert lines == ["14:00 –", "15:30"]  # "New …" beside them said nothing
    qtbot.mouseRelease(narrow, Qt.MouseButton.LeftButton, pos=end)
    wide = _show(qtbot, TimeGrid(hub=hub, days=1), size=(560, 1000))
    wide.go_to(WEDNESDAY)
    qtbot.mousePress(wide, Qt.MouseButton.LeftButton, pos=wide.slot_point(WEDNESDAY, time(14)))
    qtbot.mouseMove(wide, wide.slot_point(WEDNESDAY, time(14, 50)))
    qtbot.mouseMove(wide, wide.slot_point(WEDNESDAY, time(15, 30)))
    qtbot.waitUntil(lambda: bool(wide.ghost_lines))
    assert wide.ghost_lines == ["New activity", "14:00 – 15:30"]  # room for both
    qtbot.keyClick(wide, Qt.Key.Key_Escape)

    short_end = narrow.slot_point(WEDNESDAY, time(14, 15)) + QPoint(0, 1)
    qtbot.mousePress(narrow, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(narrow, start + QPoint(0, 12))
    qtbot.mouseMove(narrow, short_end)
    qtbot.waitUntil(lambda: len(narrow.ghost_lines) == 1)  # painted, 15 minutes long
    assert narrow.ghost_lines[0].startswith("14:00"), narrow.ghost_lines  # no room but for it
    qtbot.keyClick(narrow, Qt.Key.Key_Escape)


def test_the_now_pill_is_not_written_over_by_the_hour_mark_it_covers(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: at 10:54 the "11:00" mark was drawn across the red "10:54" pill."""
    marks: list[str] = []  # the hour marks, written from the gutter's left edge

    class Recording(QPainter):
        def drawText(self, *args: object) -> None:
            if isinstance(args[0], QRectF) and args[0].left() == 0 and isinstance(args[-1], str):
                marks.append(args[-1])
            super().drawText(*args)  # type: ignore[call-overload]

    monkeypatch.setattr(time_grid_module, "QPainter", Recording)
    week = _show(qtbot, TimeGrid(hub=hub, days=7))
    week.go_today()
    marks.clear()
    week.grab()
    assert hub.now().astimezone(BERLIN).hour == 10 and hub.now().minute == 0
    assert labels.hour_mark(10) not in marks  # under the pill
    assert labels.hour_mark(9) in marks and labels.hour_mark(11) in marks

    week.go_to(hub.today() + timedelta(days=7))  # a week without today: every mark
    marks.clear()
    week.grab()
    assert labels.hour_mark(10) in marks


def test_a_faded_blocks_tooltip_says_whether_it_was_done_or_skipped(
    qtbot: QtBot, hub: Hub, week: TimeGrid
) -> None:
    """A trial: a skipped block only looked faded, and the tooltip did not say why."""
    day = WEDNESDAY - timedelta(days=1)
    walk = _timed(hub, "Walk", _at(day, 8))
    (occurrence,) = hub.occurrences(day, day)
    week.scroll_to(time(7, 0))

    def tooltip() -> str:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        at = center(_rect(week, walk.uid, day))
        QApplication.sendEvent(week, QHelpEvent(QEvent.Type.ToolTip, at, week.mapToGlobal(at)))
        qtbot.waitUntil(QToolTip.isVisible)
        return QToolTip.text()

    assert "Skipped" not in tooltip() and "Done" not in tooltip()
    hub.mark(occurrence, Status.SKIPPED)
    assert "Skipped" in tooltip()
    (skipped,) = hub.occurrences(day, day)
    hub.mark(skipped, Status.DONE)
    assert "Done" in tooltip()


def test_a_repeating_blocks_tooltip_says_how_it_repeats(
    qtbot: QtBot, hub: Hub, week: TimeGrid
) -> None:
    """A new user's trial: nothing on a chip or in its tooltip said it repeated."""
    day = WEDNESDAY - timedelta(days=1)
    walk = _timed(hub, "Walk", _at(day, 8), rrule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8")
    once = _timed(hub, "Call", _at(day, 11))
    week.scroll_to(time(7, 0))

    def tooltip(uid: str) -> str:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        at = center(_rect(week, uid, day))
        QApplication.sendEvent(week, QHelpEvent(QEvent.Type.ToolTip, at, week.mapToGlobal(at)))
        qtbot.waitUntil(QToolTip.isVisible)
        return QToolTip.text()

    assert "Every Tuesday and Thursday, 8 times" in tooltip(walk.uid)
    assert "Every" not in tooltip(once.uid)


def test_a_short_block_being_stretched_shows_its_times(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A half-hour block in a narrow week being stretched showed its title alone: where its
    end lands, what the drag is for, could not be read."""
    written = record_texts(monkeypatch, time_grid_module)
    narrow = _show(qtbot, TimeGrid(hub=hub, days=7), size=(560, 1000))
    walk = _timed(hub, "Walk in the woods", _at(WEDNESDAY, 9), minutes=30)
    narrow.go_to(WEDNESDAY)
    narrow.scroll_to(time(8, 0))
    rect = _rect(narrow, walk.uid, WEDNESDAY)
    edge = QPoint(round(rect.center().x()), round(rect.bottom()) - 2)
    qtbot.mousePress(narrow, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(narrow, edge + QPoint(0, 6))
    written.clear()
    qtbot.mouseMove(narrow, edge + QPoint(0, _pixels(narrow, 12)))
    qtbot.waitUntil(  # its end on its own line, or before the title sharing the last one
        lambda: any(t.split(" · ")[0] == "09:45" or "09:00 – 09:45" in t for t in written)
    )
    qtbot.keyClick(narrow, Qt.Key.Key_Escape)
    assert hub.activity(walk.uid).end == _at(WEDNESDAY, 9, 30)
    written.clear()  # a move, on one line: the times first, whole
    middle = rect.center().toPoint()
    qtbot.mousePress(narrow, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(narrow, middle + QPoint(0, 6))
    qtbot.mouseMove(narrow, middle + QPoint(0, _pixels(narrow, 60)))
    qtbot.waitUntil(lambda: any(t.startswith("10:00 ") for t in written))  # not a mark
    qtbot.keyClick(narrow, Qt.Key.Key_Escape)
