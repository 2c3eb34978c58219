"""Filters: hiding categories and steps from the calendars, never from Today or the plan."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.services.changes import ChangeKind
from planner.services.context import Services
from planner.ui import icons, palette
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QDockWidget, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TODAY
from tests.zones import BERLIN


def _add(window: MainWindow, title: str, category: Category, step: int = 1) -> Activity:
    start = datetime.combine(TODAY, time(18 if category is Category.SELF_CARE else 19), BERLIN)
    return window.hub.create_activity(ActivityDraft(
        title=title, category=category, step=StepNumber(step), start=start,
        end=start + timedelta(minutes=45), all_day=False, zone="Europe/Berlin",
    ))  # fmt: skip


def _open_filters(qtbot: QtBot, window: MainWindow) -> None:
    """Click the Filters tab under the Steps and Pacing panels, as a person would."""
    for bar in window.findChildren(QTabBar):
        for tab in range(bar.count()):
            if bar.tabText(tab) == "Filters" and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
                qtbot.waitUntil(window.filters_panel.isVisible)
                return
    raise AssertionError("no Filters tab")


def _click(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a checkbox on its box (a wide checkbox's centre can lie past its words)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _titles_on(window: MainWindow, day: date) -> list[str]:
    calendar = window.current_calendar()
    assert calendar is not None
    return [o.title for o in calendar.occurrences_on(day)]


def test_unchecking_a_category_hides_it_in_month_and_week_but_not_today(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    bath = _add(main_window, "Evening bath", Category.SELF_CARE)
    hello = _add(main_window, "Short hello message", Category.MESSAGE)
    _open_filters(qtbot, main_window)
    assert main_window.month_view.chip_rect(bath.uid, TODAY) is not None
    assert not main_window.filter_note.isVisible()

    with qtbot.waitSignal(main_window.hub.changed) as changed:
        _click(qtbot, main_window.filters_panel.categories[Category.SELF_CARE])

    assert changed.args is not None and changed.args[0].kinds & ChangeKind.FILTERS
    assert _titles_on(main_window, TODAY) == ["Short hello message"]
    assert main_window.month_view.chip_rect(bath.uid, TODAY) is None
    assert main_window.filter_note.isVisible()
    assert main_window.filters_panel.note.isVisible()
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.views.currentWidget() is main_window.week_view
    assert _titles_on(main_window, TODAY) == ["Short hello message"]
    assert main_window.week_view.chip_rect(bath.uid, TODAY) is None
    assert main_window.week_view.chip_rect(hello.uid, TODAY) is not None
    # The Today panel and the plan itself still hold it.
    assert [o.title for o in main_window.today_panel.occurrences()] == [
        "Evening bath", "Short hello message",
    ]  # fmt: skip
    plan = main_window.hub.plan
    stored = main_window.hub.services.calendar.occurrences(plan, TODAY, TODAY)
    assert len(stored) == 2


def test_show_all_restores_what_steps_and_categories_hid(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window, "Evening bath", Category.SELF_CARE, step=1)
    _add(main_window, "Short hello message", Category.MESSAGE, step=2)
    _open_filters(qtbot, main_window)
    panel = main_window.filters_panel
    _click(qtbot, panel.steps[StepNumber(2)])
    assert _titles_on(main_window, TODAY) == ["Evening bath"]
    _click(qtbot, panel.categories[Category.SELF_CARE])
    assert _titles_on(main_window, TODAY) == []
    main_window.show_agenda()
    assert main_window.agenda_view.agenda.occurrences_on(TODAY) == []

    qtbot.mouseClick(panel.show_all_button, Qt.MouseButton.LeftButton)

    assert [o.title for o in main_window.agenda_view.agenda.occurrences_on(TODAY)] == [
        "Evening bath", "Short hello message",
    ]  # fmt: skip
    assert all(box.isChecked() for box in panel.categories.values())
    assert all(box.isChecked() for box in panel.steps.values())
    assert not panel.show_all_button.isEnabled()
    assert not main_window.filter_note.isVisible()
    main_window.show_calendar()
    assert _titles_on(main_window, TODAY) == ["Evening bath", "Short hello message"]


def test_enter_on_the_focused_show_all_button_shows_all(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _add(main_window, "Evening bath", Category.SELF_CARE)
    _open_filters(qtbot, main_window)
    panel = main_window.filters_panel
    _click(qtbot, panel.categories[Category.SELF_CARE])
    assert _titles_on(main_window, TODAY) == []
    panel.show_all_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.show_all_button.hasFocus)

    qtbot.keyClick(panel.show_all_button, Qt.Key.Key_Return)

    assert _titles_on(main_window, TODAY) == ["Evening bath"]
    assert panel.categories[Category.SELF_CARE].isChecked()


def test_the_panel_lists_every_category_and_step_and_the_view_menu_toggles_it(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    panel = main_window.filters_panel
    assert set(panel.categories) == set(Category)
    assert len(panel.steps) == len(main_window.hub.program.steps)
    assert panel.categories[Category.MEETUP].text() == "Low-pressure meetup"
    assert panel.categories[Category.REFLECTION].text() == "Reflection && journaling"  # no "_j"
    assert not panel.categories[Category.MEETUP].icon().isNull()
    toggle = next(a for a in main_window.view_menu.actions() if a.text() == "&Filters Panel")
    _open_filters(qtbot, main_window)
    toggle.trigger()
    assert not panel.isVisible()


def test_the_filter_colours_wait_for_the_windows_first_paint(
    qtbot: QtBot, plan_services: Services
) -> None:
    """Tabbed behind Steps, the panel's coloured symbols do not hold up the first paint; they
    are there as soon as the window has painted."""
    window = MainWindow(services=plan_services, defer_until_painted=True)
    qtbot.addWidget(window)
    box = window.filters_panel.categories[Category.MEETUP]
    assert box.icon().isNull()
    window.show()
    qtbot.waitUntil(lambda: window.hub.is_settled)
    assert not box.icon().isNull()


def test_the_boxes_stay_under_the_pointer_when_the_first_untick_shows_the_note(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _open_filters(qtbot, main_window)
    panel = main_window.filters_panel
    step_4 = panel.steps[StepNumber(4)]
    before = step_4.mapTo(panel, QPoint(0, 0))

    _click(qtbot, panel.categories[Category.SELF_CARE])
    qtbot.waitUntil(panel.note.isVisible)

    assert step_4.mapTo(panel, QPoint(0, 0)) == before  # a click aimed at it still lands on it


def _ink(icon_image: QImage) -> set[str]:
    """The colours of an icon's drawn pixels (ignoring the soft edges)."""
    return {
        icon_image.pixelColor(x, y).name()
        for x in range(icon_image.width())
        for y in range(icon_image.height())
        if icon_image.pixelColor(x, y).alpha() == 255
    }


def test_the_category_filters_are_also_the_colour_key(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    _open_filters(qtbot, main_window)
    boxes = main_window.filters_panel.categories
    for category in (Category.SELF_CARE, Category.GROWTH, Category.APOLOGY):
        drawn = _ink(boxes[category].icon().pixmap(16, 16).toImage())
        assert drawn == {palette.category_colour(category).darker(120).name()}, category


def test_the_coloured_symbols_fill_their_place_on_high_density_screens(qapp: object) -> None:
    for category in (Category.SELF_CARE, Category.OUTING):
        sharp = icons.coloured_category_icon(category).pixmap(QSize(24, 24), 2.0).toImage()
        plain = icons.category_icon(category).pixmap(QSize(24, 24), 2.0).toImage()
        assert sharp.size() == plain.size() == QSize(48, 48)
        assert _inked(sharp) == _inked(plain)  # the same shape, at full size, only coloured


def _inked(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    }


def _tab_round(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """Every widget Tab visits from the month view until it comes back there."""
    window.activateWindow()
    qtbot.waitActive(window)
    window.month_view.setFocus()
    reached: list[QWidget] = []
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is window.month_view:
            return reached
        reached.append(focused)
    raise AssertionError("Tab never came back to the calendar")


def test_tab_walks_only_through_the_panel_in_front(qtbot: QtBot, main_window: MainWindow) -> None:
    """Behind the Steps tab, the filters were Tab stops nobody could see (and Space there
    unticked a filter unseen)."""
    panel = main_window.filters_panel
    (tabs,) = [bar for bar in main_window.findChildren(QTabBar) if bar.isVisible()]
    assert tabs.tabText(tabs.currentIndex()) == "Steps"  # in front, as the window was made
    assert main_window.steps_panel.isVisible()
    steps_dock = main_window.findChild(QDockWidget, "steps_dock")
    assert steps_dock is not None and not steps_dock.visibleRegion().isEmpty()
    assert not any(panel.isAncestorOf(widget) for widget in _tab_round(qtbot, main_window))

    _open_filters(qtbot, main_window)
    reached = _tab_round(qtbot, main_window)
    assert panel.categories[Category.SELF_CARE] in reached
    assert not any(main_window.steps_panel.isAncestorOf(widget) for widget in reached)
