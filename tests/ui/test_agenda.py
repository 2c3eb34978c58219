"""The agenda: days that hold something, in order, empty days skipped, more as you scroll."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.errors import DamagedDatabaseError
from planner.ui.calendar import chips
from planner.ui.calendar.agenda_model import CHUNK_DAYS, AgendaModel
from planner.ui.calendar.agenda_view import AgendaView
from planner.ui.hub import Hub
from planner.ui.keyboard_menu import open_menu
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QEvent, QLocale, QModelIndex, QRectF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QFontMetricsF, QHelpEvent, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QStyleOptionViewItem,
    QToolBar,
    QToolTip,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY, RecordingPainter, access_keys, menu_words, record_texts
from tests.zones import BERLIN


def _add(hub: Hub, title: str, day: date, hour: int = 18, rrule: str | None = None) -> None:
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)
    hub.create_activity(
        ActivityDraft(
            title=title, category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=45), all_day=False, zone="Europe/Berlin", rrule=rrule,
        )
    )  # fmt: skip


def _view(qtbot: QtBot, hub: Hub) -> AgendaView:
    view = AgendaView(hub=hub)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_days_with_something_planned_in_order_and_empty_days_skipped(
    qtbot: QtBot, hub: Hub
) -> None:
    _add(hub, "Yoga", TODAY + timedelta(days=2), hour=18)
    _add(hub, "Walk", TODAY + timedelta(days=2), hour=8)
    _add(hub, "Pottery", TODAY + timedelta(days=9))
    _add(hub, "Last week", TODAY - timedelta(days=7))
    view = _view(qtbot, hub)

    model = view.agenda
    assert model.days() == [TODAY + timedelta(days=2), TODAY + timedelta(days=9)]
    assert [o.title for o in model.occurrences_on(TODAY + timedelta(days=2))] == ["Walk", "Yoga"]
    assert model.rowCount(model.index(0, 0)) == 2
    assert view.isExpanded(model.index(0, 0))


def test_something_lasting_several_days_is_listed_on_each_of_them(qtbot: QtBot, hub: Hub) -> None:
    first = TODAY - timedelta(days=2)  # began before the agenda's first day
    hub.create_activity(
        ActivityDraft(
            title="Space period", category=Category.SPACE, step=StepNumber(3), start=first,
            end=TODAY + timedelta(days=2), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    _add(hub, "Walk", TODAY + timedelta(days=1))
    view = _view(qtbot, hub)

    model = view.agenda
    assert model.days() == [TODAY, TODAY + timedelta(days=1)]  # its last day, too
    assert [o.title for o in model.occurrences_on(TODAY + timedelta(days=1))] == [
        "Space period", "Walk",
    ]  # fmt: skip
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = RecordingPainter(image)
    last_day = model.index(0, 0, model.index(1, 0))
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(last_day)
    view.itemDelegate().paint(painter, option, last_day)
    painter.end()
    assert any(text.startswith("day 4 of 4") for text in painter.texts)

    # Selected on its last day, it stays selected there when something else changes.
    view.setCurrentIndex(last_day)
    _add(hub, "Swim", TODAY + timedelta(days=1), hour=7)
    current = view.currentIndex()
    assert current.data(AgendaModel.DayRole) == TODAY + timedelta(days=1)
    assert current.data(AgendaModel.OccurrenceRole).title == "Space period"


def test_scrolling_to_the_end_loads_further_weeks(qtbot: QtBot, hub: Hub) -> None:
    _add(hub, "Weekly call with a friend", TODAY, rrule="FREQ=WEEKLY")
    view = _view(qtbot, hub)
    model = view.agenda
    first_load = len(model.days())
    # Only what fills the window is read (a chunk or a few), never the years ahead.
    assert CHUNK_DAYS // 7 <= first_load <= 3 * CHUNK_DAYS // 7
    assert model.canFetchMore(view.rootIndex())

    view.scrollToBottom()
    qtbot.waitUntil(lambda: len(model.days()) > first_load)

    assert model.days()[first_load] == TODAY + timedelta(weeks=first_load)


def test_enter_opens_and_a_done_occurrence_stays_listed_and_marked(qtbot: QtBot, hub: Hub) -> None:
    _add(hub, "Walk", TODAY + timedelta(days=1))
    view = _view(qtbot, hub)
    child = view.agenda.index(0, 0, view.agenda.index(0, 0))
    view.setCurrentIndex(child)
    with qtbot.waitSignal(view.edit_requested) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args[0].title == "Walk"

    selected = view.selected_occurrence
    assert selected is not None
    hub.mark(selected, Status.DONE)

    shown = view.agenda.occurrences_on(TODAY + timedelta(days=1))[0]
    assert shown.status is Status.DONE
    assert view.selected_occurrence is not None  # the selection survives the reload


def test_the_model_is_a_well_behaved_two_level_model(
    qtbot: QtBot, hub: Hub, qtmodeltester: ModelTester
) -> None:
    _add(hub, "Walk", TODAY + timedelta(days=1))
    _add(hub, "Yoga", TODAY + timedelta(days=3), rrule="FREQ=DAILY;COUNT=3")
    model = AgendaModel(
        loader=hub.occurrences,
        zone_days=lambda o: (o.first_day(BERLIN), o.last_day(BERLIN)),
        first_day=TODAY,
    )
    model.reset_to(TODAY)

    qtmodeltester.check(model)


def test_a_read_that_fails_leaves_the_model_whole_and_stops_fetching(
    qtbot: QtBot, hub: Hub, qtmodeltester: ModelTester
) -> None:
    """A damaged record met by the agenda's read left Qt's model reset open ("beginResetModel
    called without calling endResetModel"), and the app crashed soon after (an audit)."""
    _add(hub, "Walk", TODAY + timedelta(days=1))
    failing = [False]

    def loader(first: date, last: date) -> list[Occurrence]:
        if failing[0]:
            raise DamagedDatabaseError("plan.sqlite3 is damaged and cannot be read.")
        return hub.occurrences(first, last)

    model = AgendaModel(
        loader=loader,
        zone_days=lambda o: (o.first_day(BERLIN), o.last_day(BERLIN)),
        first_day=TODAY,
    )
    resets: list[str] = []
    model.modelAboutToBeReset.connect(lambda: resets.append("begin"))
    model.modelReset.connect(lambda: resets.append("end"))
    failing[0] = True
    with pytest.raises(DamagedDatabaseError):
        model.reset_to(TODAY)
    assert resets == ["begin", "end"]
    assert not model.canFetchMore(QModelIndex())  # not asked again at every scroll
    failing[0] = False
    model.reset_to(TODAY)  # the next reading starts afresh
    assert model.days() == [TODAY + timedelta(days=1)]
    qtmodeltester.check(model)


def test_ctrl_4_shows_the_agenda_and_the_edit_menu_acts_on_its_selection(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window.hub, "Walk", TODAY + timedelta(days=1))
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.agenda_view
    assert main_window.views.currentWidget() is view
    assert main_window.windowTitle() == "Agenda · Coming up — Rekindle"
    # The first activity is chosen as the agenda shows: the Edit menu acts on it.
    assert view.selected_occurrence is not None
    assert view.selected_occurrence.title == "Walk"
    assert main_window.mark_skipped_action.isEnabled()
    main_window.mark_skipped_action.trigger()

    assert view.agenda.occurrences_on(TODAY + timedelta(days=1))[0].status is Status.SKIPPED


def _click_toolbar(qtbot: QtBot, window: MainWindow, action_name: str) -> None:
    toolbar = window.findChild(QToolBar, "navigation")
    button = toolbar.widgetForAction(getattr(window, action_name))
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_previous_today_and_next_move_the_agenda_by_a_week(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window.hub, "Walk", TODAY + timedelta(days=1))
    _add(main_window.hub, "Pottery", TODAY + timedelta(days=10))
    _add(main_window.hub, "Last week's call", TODAY - timedelta(days=5))
    label = main_window.findChild(QLabel, "range_label")
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.agenda_view
    assert label.text() == "Coming up"
    assert main_window.previous_action.text() == "Pre&vious Week"

    _click_toolbar(qtbot, main_window, "next_action")
    assert view.first_day == TODAY + timedelta(days=7)
    assert view.agenda.days() == [TODAY + timedelta(days=10)]
    assert label.text() == "From Monday 30 November 2026"
    assert main_window.windowTitle() == "Agenda · From Monday 30 November 2026 — Rekindle"

    _click_toolbar(qtbot, main_window, "today_action")
    _click_toolbar(qtbot, main_window, "previous_action")
    assert view.first_day == TODAY - timedelta(days=7)
    assert view.agenda.days()[0] == TODAY - timedelta(days=5)  # the past can be read too

    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.first_day == TODAY
    assert label.text() == "Coming up"


def test_page_keys_scroll_the_agenda_instead_of_moving_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window.hub, "Daily walk", TODAY, rrule="FREQ=DAILY")
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.agenda_view
    view.setCurrentIndex(view.agenda.index(0, 0, view.agenda.index(0, 0)))
    scroll = view.verticalScrollBar()
    assert scroll.value() == 0

    qtbot.keyClick(view, Qt.Key.Key_PageDown)

    assert view.first_day == TODAY
    assert scroll.value() > 0
    assert "PgDown" not in main_window.next_action.shortcut().toString()
    # The calendars page with them again (the month of the walk the keys moved onto).
    chosen = view.selected_occurrence
    assert chosen is not None
    qtbot.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main_window.month_view.selected_day == chosen.first_day(BERLIN)
    shown = main_window.month_view.month
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_PageDown)
    assert main_window.month_view.month == (shown[0] + shown[1] // 12, shown[1] % 12 + 1)


def test_the_agenda_starts_on_the_calendars_day_and_hands_its_day_back(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    month = main_window.month_view
    month.go_to(date(2027, 2, 10))
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.agenda_view
    assert view.first_day == date(2027, 2, 10)

    _click_toolbar(qtbot, main_window, "next_action")
    qtbot.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    assert month.selected_day == date(2027, 2, 17)
    assert main_window.windowTitle() == "February 2027 — Rekindle"


def test_a_title_with_room_to_spare_is_written_whole(qtbot: QtBot, hub: Hub) -> None:
    titles = [
        "Sort out the spare room", "Pottery class", "Evening journaling", "Morning walk",
        "Read a chapter on listening", "A short, friendly message", "Coffee at the corner",
    ]  # fmt: skip
    for hour, title in enumerate(titles, start=8):
        _add(hub, title, TODAY + timedelta(days=1), hour=hour)
    view = _view(qtbot, hub)
    view.resize(900, 500)
    day = view.agenda.index(0, 0)
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = RecordingPainter(image)
    for row in range(view.agenda.rowCount(day)):
        index = view.agenda.index(row, 0, day)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        view.itemDelegate().paint(painter, option, index)
    painter.end()
    assert set(titles) <= set(painter.texts)


class _TimeRecorder(RecordingPainter):
    """Keeps the box each text is written in, too: a box narrower than its text cuts it."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.boxes: list[tuple[str, float, float]] = []

    def drawText(self, *args: object) -> None:
        if isinstance(args[0], QRectF) and isinstance(args[-1], str):
            needed = QFontMetricsF(self.font()).horizontalAdvance(args[-1])
            self.boxes.append((args[-1], args[0].width(), needed))
        super().drawText(*args)


def _first_row_painted(view: AgendaView) -> _TimeRecorder:
    """The first day's first activity as the agenda paints it, with the box of each text."""
    index = view.agenda.index(0, 0, view.agenda.index(0, 0))
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = _TimeRecorder(image)  # the image must outlive the painting
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    return painter


def test_a_time_in_a_twelve_hour_locale_has_room_to_be_read_whole(qtbot: QtBot, hub: Hub) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _add(hub, "Evening journaling", TODAY + timedelta(days=1), hour=22)
    painter = _first_row_painted(_view(qtbot, hub))
    (time_box,) = [box for box in painter.boxes if "PM" in box[0]]
    text, width, needed = time_box
    assert text.startswith("10:00\u202fPM") or text.startswith("10:00 PM")
    assert needed <= width, f"{text!r} needs {needed:.0f} px, has {width:.0f}"


def test_a_morning_time_has_room_where_the_mornings_word_is_the_longer(
    qtbot: QtBot, hub: Hub
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Albanian, QLocale.Country.Albania))
    _add(hub, "Morning walk", TODAY + timedelta(days=1), hour=10)
    painter = _first_row_painted(_view(qtbot, hub))
    (time_box,) = [box for box in painter.boxes if box[0].startswith("10:00")]
    text, width, needed = time_box
    assert needed <= width, f"{text!r} needs {needed:.0f} px, has {width:.0f}"


def _chosen(view: AgendaView) -> tuple[date, str] | None:
    """The day and title of the activity the keyboard is on, if it is highlighted."""
    current = view.currentIndex()
    occurrence = current.data(AgendaModel.OccurrenceRole)
    if occurrence is None or not view.selectionModel().isSelected(current):
        return None
    return current.data(AgendaModel.DayRole), occurrence.title


def test_ctrl_4_chooses_the_first_activity_and_the_arrows_pass_over_day_headings(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    tomorrow, later = TODAY + timedelta(days=1), TODAY + timedelta(days=3)
    _add(main_window.hub, "Walk", tomorrow, hour=8)
    _add(main_window.hub, "Yoga", tomorrow, hour=18)
    _add(main_window.hub, "Pottery", later)
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.agenda_view
    qtbot.waitUntil(view.hasFocus)

    assert _chosen(view) == (tomorrow, "Walk")  # seen at once, before any key
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert _chosen(view) == (tomorrow, "Yoga")
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the heading of the day after
    assert _chosen(view) == (later, "Pottery")
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the last one: it stays there
    assert _chosen(view) == (later, "Pottery")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert _chosen(view) == (tomorrow, "Yoga")
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert _chosen(view) == (tomorrow, "Walk")
    qtbot.keyClick(view, Qt.Key.Key_Up)  # nothing above it but its day's heading
    assert _chosen(view) == (tomorrow, "Walk")
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert _chosen(view) == (later, "Pottery")


def test_page_keys_home_and_end_land_on_activities(qtbot: QtBot, hub: Hub) -> None:
    _add(hub, "Morning walk", TODAY, hour=8, rrule="FREQ=DAILY;COUNT=40")
    _add(hub, "Evening journaling", TODAY, hour=20, rrule="FREQ=DAILY;COUNT=40")
    view = _view(qtbot, hub)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert _chosen(view) == (TODAY, "Morning walk")

    seen = []
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_End,
                Qt.Key.Key_PageUp, Qt.Key.Key_Home):  # fmt: skip
        qtbot.keyClick(view, key)
        chosen = _chosen(view)
        assert chosen is not None, f"{key.name} left the keyboard on a day heading"
        seen.append(chosen)
    assert seen[0][0] > TODAY  # PgDn went a page on
    assert seen[-1] == (TODAY, "Morning walk")


def test_previous_and_next_choose_the_first_activity_of_the_days_shown(
    qtbot: QtBot, hub: Hub
) -> None:
    _add(hub, "Walk", TODAY + timedelta(days=1))
    _add(hub, "Pottery", TODAY + timedelta(days=10))
    view = _view(qtbot, hub)

    view.go_next()

    assert _chosen(view) == (TODAY + timedelta(days=10), "Pottery")
    view.go_previous()
    assert _chosen(view) == (TODAY + timedelta(days=1), "Walk")


def test_when_the_chosen_activity_goes_the_one_after_it_is_chosen(qtbot: QtBot, hub: Hub) -> None:
    _add(hub, "Walk", TODAY + timedelta(days=1), hour=8)
    _add(hub, "Yoga", TODAY + timedelta(days=1), hour=18)
    _add(hub, "Pottery", TODAY + timedelta(days=3))
    view = _view(qtbot, hub)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    walk, yoga = view.agenda.occurrences_on(TODAY + timedelta(days=1))
    assert _chosen(view) == (TODAY + timedelta(days=1), "Yoga")

    hub.delete_activity(yoga.activity.uid)

    assert _chosen(view) == (TODAY + timedelta(days=3), "Pottery")
    hub.delete_activity(walk.activity.uid)
    assert _chosen(view) == (TODAY + timedelta(days=3), "Pottery")


def test_a_change_made_elsewhere_leaves_the_agenda_where_it_was_scrolled(
    qtbot: QtBot, hub: Hub
) -> None:
    """Scrolled down to read ahead, then Done in the Today panel (or an undo): the agenda
    jumped back to the activity chosen at its top."""
    _add(hub, "Walk", TODAY, hour=8, rrule="FREQ=DAILY;COUNT=40")
    view = _view(qtbot, hub)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    _add(hub, "Letter", TODAY + timedelta(days=3), hour=20)  # from elsewhere
    assert bar.value() == scrolled


def test_home_shows_the_first_days_heading_with_its_first_activity(qtbot: QtBot, hub: Hub) -> None:
    """Which day is the first activity on? Home left its heading just above the edge."""
    _add(hub, "Walk", TODAY, hour=8, rrule="FREQ=DAILY;COUNT=40")
    view = _view(qtbot, hub)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    heading = view.currentIndex().parent()
    assert heading.isValid()
    assert view.visualRect(heading).top() >= 0


def test_a_skipped_activity_says_so_in_words(qtbot: QtBot, hub: Hub) -> None:
    """Faded alone, a skipped one read as one merely past."""
    _add(hub, "Walk", TODAY, hour=8)
    view = _view(qtbot, hub)
    (walk,) = view.agenda.occurrences_on(TODAY)
    hub.mark(walk, Status.SKIPPED)
    row = view.agenda.index(0, 0, view.agenda.index(0, 0))
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = RecordingPainter(image)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(row)
    view.itemDelegate().paint(painter, option, row)
    painter.end()
    assert any(text.startswith("skipped · ") for text in painter.texts), painter.texts


def test_a_new_activity_from_the_agenda_starts_on_the_chosen_row_s_day(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A trial: Ctrl+N in the agenda offered the day last chosen in the month behind it,
    a month away, not the day of the activity chosen in the agenda."""
    from planner.ui.dialogs.activity import ActivityDialog

    from tests.ui.conftest import wait_for_dialog

    main_window.month_view.go_to(TODAY + timedelta(days=33))  # chosen in the month first
    _add(main_window.hub, "Walk", TODAY + timedelta(days=2))
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    _click_toolbar(qtbot, main_window, "today_action")
    assert main_window.agenda_view.selected_occurrence is not None
    qtbot.keyClick(main_window.agenda_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, main_window, ActivityDialog)
    assert dialog.day.date().toPython() == TODAY + timedelta(days=2)
    dialog.reject()


def test_an_agenda_with_nothing_ahead_says_so(
    qtbot: QtBot, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial went to a day after the last activity and saw a white page."""
    from planner.ui.calendar import agenda_view

    _add(hub, "Walk", TODAY + timedelta(days=1))
    view = _view(qtbot, hub)
    written = record_texts(monkeypatch, agenda_view)
    view.go_to(TODAY + timedelta(days=400))
    view.viewport().grab()
    assert view.agenda.rowCount() == 0
    assert written == [
        "Nothing planned in the three years from Tuesday 28 December 2027.\n\n"
        "Ctrl+N plans something; Today goes back to what is coming up."
    ]
    written.clear()
    view.go_today()
    view.viewport().grab()
    assert not [text for text in written if text.startswith("Nothing")]


def test_something_planned_months_ahead_is_found_by_an_empty_agenda(qtbot: QtBot, hub: Hub) -> None:
    """A review: an agenda read 56 days, then one more chunk at most; something 150 days
    away could not be scrolled to, and the agenda said nothing was planned."""
    _add(hub, "Far walk", TODAY + timedelta(days=150))
    view = _view(qtbot, hub)
    view.go_today()
    assert view.agenda.rowCount() == 1
    assert [o.title for o in view.agenda.occurrences_on(TODAY + timedelta(days=150))] == [
        "Far walk"
    ]


def test_a_stretch_of_days_marked_after_its_first_day_shows_marked_in_the_agenda(
    qtbot: QtBot, hub: Hub
) -> None:
    """A trial skipped a space period on its third day: the agenda, beginning that day, kept
    showing it planned (the change named its first day alone)."""
    first = TODAY - timedelta(days=2)
    hub.create_activity(
        ActivityDraft(
            title="No contact", category=Category.SPACE, step=StepNumber(1), start=first,
            end=first + timedelta(days=13), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    view = _view(qtbot, hub)
    view.go_to(TODAY)
    (space,) = view.agenda.occurrences_on(TODAY)
    assert space.status is Status.PLANNED

    hub.mark(space, Status.SKIPPED)
    qtbot.waitUntil(lambda: view.agenda.occurrences_on(TODAY)[0].status is Status.SKIPPED)
    hub.undo_stack.undo()
    qtbot.waitUntil(lambda: view.agenda.occurrences_on(TODAY)[0].status is Status.PLANNED)


def test_a_row_s_menu_marks_opens_and_deletes_as_a_chip_s_does(qtbot: QtBot, hub: Hub) -> None:
    """A trial could not mark a space period from the agenda: it had no menu."""
    _add(hub, "Walk", TODAY, hour=8)
    view = _view(qtbot, hub)
    row = view.agenda.index(0, 0, view.agenda.index(0, 0))
    seen: list[list[str]] = []

    def choose(words: str) -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert len(set(access_keys(texts))) == len(texts), texts  # each its own letter
        seen.append([menu_words(text) for text in texts])
        (action,) = [a for a in menu.actions() if menu_words(a.text()) == words]
        action.trigger()
        menu.close()

    where = view.visualRect(row).center()
    with qtbot.waitSignal(view.mark_requested) as marked:
        QTimer.singleShot(0, lambda: choose("Mark as Skipped"))
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)))  # fmt: skip
    assert marked.args[1] is Status.SKIPPED and marked.args[0].title == "Walk"
    assert seen[0][0] == "Edit…" and seen[0][-1] == "Delete"  # as a chip's menu says them

    view.setCurrentIndex(row)
    with qtbot.waitSignal(view.delete_requested) as deleted:  # from the keys, on the chosen row
        QTimer.singleShot(0, lambda: choose("Delete"))
        open_menu(view)
    assert deleted.args[0].title == "Walk"


def _message_in_a_weekend_of_space(hub: Hub, title: str) -> date:
    """A space period over the coming weekend and a message on its Saturday (which pacing
    questions); that Saturday."""
    saturday = TODAY + timedelta(days=5)
    hub.create_activity(
        ActivityDraft(
            title="Space", category=Category.SPACE, step=StepNumber(3), start=saturday,
            end=saturday + timedelta(days=2), all_day=True, zone="Europe/Berlin",
        )
    )  # fmt: skip
    start = datetime.combine(saturday, datetime.min.time(), BERLIN) + timedelta(hours=11)
    hub.create_activity(
        ActivityDraft(
            title=title, category=Category.MESSAGE, step=StepNumber(3), start=start,
            end=start + timedelta(minutes=15), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    return saturday


def test_a_contact_the_pacing_questions_shows_its_dot_and_hint_in_the_agenda(
    qtbot: QtBot, hub: Hub
) -> None:
    """A trial: a message planned inside a space period had the amber dot in the month and
    the week, and nothing in the agenda, the view to read a plan from."""
    saturday = _message_in_a_weekend_of_space(hub, "Text hello")
    _add(hub, "Walk", saturday, hour=8)
    view = _view(qtbot, hub)
    rows = view.agenda.occurrences_on(saturday)
    (text,) = [o for o in rows if o.title == "Text hello"]
    (walk,) = [o for o in rows if o.title == "Walk"]
    assert view.flagged(text) and not view.flagged(walk)
    (hint,) = view.hints(text)
    assert "space" in hint

    day = view.agenda.index(view.agenda.days().index(saturday), 0)
    row = view.agenda.index(rows.index(text), 0, day)
    view.scrollTo(row)
    at = view.visualRect(row).center()
    port = view.viewport()
    QToolTip.hideText()
    QApplication.sendEvent(port, QHelpEvent(QEvent.Type.ToolTip, at, port.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == hint
    QToolTip.hideText()

    (space,) = [o for o in hub.occurrences(saturday, saturday) if o.title == "Space"]
    hub.delete_activity(space.activity.uid)  # the hint goes with it
    qtbot.waitUntil(lambda: not any(map(view.flagged, view.agenda.occurrences_on(saturday))))


def test_a_long_title_ends_before_the_pacing_dot(qtbot: QtBot, hub: Hub) -> None:
    """A review: the title's room ignored the dot, which then covered its "…"."""
    title = "A long message to say how much the walks by the river meant " * 3
    saturday = _message_in_a_weekend_of_space(hub, title.strip())
    view = _view(qtbot, hub)
    rows = view.agenda.occurrences_on(saturday)
    (text,) = [o for o in rows if o.activity.category is Category.MESSAGE]
    assert view.flagged(text)
    day = view.agenda.index(view.agenda.days().index(saturday), 0)
    row = view.agenda.index(rows.index(text), 0, day)

    class Rects(QPainter):
        def __init__(self, image: QImage) -> None:
            super().__init__(image)
            self.drawn: list[tuple[QRectF, str]] = []

        def drawText(self, *args: object) -> None:
            words = next(str(a) for a in args if isinstance(a, str))
            self.drawn.append((next(a for a in args if isinstance(a, QRectF)), words))
            super().drawText(*args)  # type: ignore[call-overload]

    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = Rects(image)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(row)
    view.itemDelegate().paint(painter, option, row)
    painter.end()
    (shown,) = [rect for rect, words in painter.drawn if words.startswith("A long message")]
    dot_left = QRectF(option.rect).right() - 12 - chips.FLAG_ROOM
    assert shown.right() <= dot_left


def test_a_change_reads_the_same_weeks_again_and_no_more(qtbot: QtBot, hub: Hub) -> None:
    """A bench found each change had the agenda read two more chunks (Qt's tree view asks
    for more at every layout of a reset): after a few dozen changes it held years, and each
    change took longer than the last."""
    _add(hub, "Evening walk", TODAY, rrule="FREQ=DAILY")
    view = _view(qtbot, hub)
    loaded = view.agenda.loaded_until
    assert loaded == TODAY + timedelta(days=CHUNK_DAYS - 1)  # a day's walk fills it
    for n in range(3):
        _add(hub, f"Call {n}", TODAY + timedelta(days=n + 1), hour=9)
        assert view.agenda.loaded_until == loaded
    assert [o.title for o in view.agenda.occurrences_on(TODAY + timedelta(days=3))] == [
        "Call 2", "Evening walk",
    ]  # fmt: skip


def test_a_sparse_agenda_reads_on_until_its_window_is_full(qtbot: QtBot, hub: Hub) -> None:
    """Reading nothing more while it resets, the agenda fills its window itself."""
    _add(hub, "Monthly letter to myself", TODAY, rrule="FREQ=MONTHLY")
    view = _view(qtbot, hub)
    assert view.agenda.loaded_until > TODAY + timedelta(days=CHUNK_DAYS)
    assert view.verticalScrollBar().maximum() > 0 or not view.agenda.canFetchMore(QModelIndex())


def test_a_calendar_on_a_day_ahead_opens_the_agenda_from_today_scrolled_to_that_day(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial: with 1 January chosen in the month on 20 December, Ctrl+4 opened "From
    Friday 1 January 2027", and today and the days after it could not be scrolled back to."""
    _add(main_window.hub, "Walk", TODAY + timedelta(days=1))
    _add(main_window.hub, "Pottery", TODAY + timedelta(days=10))
    main_window.month_view.go_to(TODAY + timedelta(days=10))
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.agenda_view
    assert view.first_day == TODAY
    assert view.agenda.days() == [TODAY + timedelta(days=1), TODAY + timedelta(days=10)]
    assert view.selected_day == TODAY + timedelta(days=10)
    assert main_window.findChild(QLabel, "range_label").text() == "Coming up"
    main_window.calendar_action.trigger()
    main_window.month_view.go_to(TODAY + timedelta(days=200))  # far ahead: from that day
    main_window.agenda_action.trigger()
    assert view.first_day == TODAY + timedelta(days=200)
