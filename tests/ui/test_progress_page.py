"""The progress page: Ctrl+5, figures that follow marks, lesson search, breaks, the PDF report."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from planner.domain.activities import Activity, ActivityDraft
from planner.domain.categories import Category
from planner.domain.completions import Reflection
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.services.progress import Lesson
from planner.ui import file_dialogs, progress_charts
from planner.ui.dialogs.reflection import ReflectionDialog
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from planner.ui.progress_page import LessonDelegate, LessonListModel, ProgressPage
from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QScrollArea, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    TODAY,
    RecordingPainter,
    double_click,
    record_texts,
    wait_for_dialog,
)
from tests.zones import BERLIN

LESSONS = {
    date(2026, 11, 16): "Slow down before replying",
    date(2026, 11, 18): "A walk first makes hard talks lighter",
    date(2026, 11, 20): "Listening is not waiting to talk",
}


def _walks(hub: Hub, count: int = 30) -> Activity:
    start = datetime.combine(date(2026, 11, 2), time(7, 30), tzinfo=BERLIN)
    return hub.create_activity(
        ActivityDraft(
            title="Morning walk", category=Category.SELF_CARE, step=StepNumber(4), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule=f"FREQ=DAILY;COUNT={count}",
        )
    )  # fmt: skip


def _mark(hub: Hub, activity: Activity, day: date, reflection: Reflection | None = None) -> None:
    """Mark through the hub, as the calendar does, so every view is told."""
    (occurrence,) = [o for o in hub.occurrences(day, day) if o.activity.uid == activity.uid]
    hub.mark(occurrence, Status.DONE, reflection)


def _with_lessons(hub: Hub) -> None:
    walks = _walks(hub)
    for day, text in LESSONS.items():
        _mark(hub, walks, day, Reflection(mood=4, learned=text))


@pytest.fixture
def page(qtbot: QtBot, hub: Hub) -> ProgressPage:
    shown = ProgressPage(hub=hub)
    qtbot.addWidget(shown)
    shown.resize(1100, 900)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _shown_lessons(page: ProgressPage) -> list[str]:
    model = page.lessons_model
    return [model.data(model.index(row)) for row in range(model.rowCount())]


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


# -- in the main window ----------------------------------------------------------------------


def test_a_lesson_opens_the_reflection_it_came_from_whole(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """A re-trial who wrote long reflections could read them again only from the chips."""
    walks = _walks(main_window.hub)
    written = "The river was high after the rain. I walked further than I meant to."
    _mark(main_window.hub, walks, date(2026, 11, 10),
          Reflection(text=written, mood=4, learned="Walking helps me think"))  # fmt: skip
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = main_window.progress_page
    qtbot.waitUntil(lambda: _shown_lessons(page) == ["Walking helps me think"])
    view = page.lessons_view
    rect = view.visualRect(page.lessons_model.index(0))
    double_click(qtbot, view.viewport(), rect.center())
    dialog = wait_for_dialog(qtbot, main_window, ReflectionDialog)
    assert dialog.text.toPlainText() == written
    assert dialog.learned.text() == "Walking helps me think"
    assert "Tuesday 10 November" in dialog.findChild(QLabel, "heading").text()
    dialog.reject()


def test_ctrl_5_shows_the_progress_page_and_ctrl_3_the_calendar(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert main_window.views.currentWidget() is main_window.progress_page
    assert main_window.progress_action.isChecked()
    assert main_window.windowTitle() == "Progress — Rekindle"
    # Month navigation and chip commands belong to the calendar.
    assert not main_window.next_action.isEnabled()
    assert not main_window.mark_done_action.isEnabled()
    assert main_window.progress_page.consistency_text.text() == "Ready when you are"
    qtbot.keyClick(main_window.progress_page, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main_window.views.currentWidget() is main_window.month_view
    assert main_window.calendar_action.isChecked()
    assert main_window.next_action.isEnabled()
    assert main_window.windowTitle() == "November 2026 — Rekindle"


def test_the_weeks_charted_begin_on_the_day_the_calendar_begins_them(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """On a US computer the calendar's weeks begin on Sunday; the charts' did on Monday."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _mark(main_window.hub, _walks(main_window.hub), date(2026, 11, 22))  # a Sunday
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.progress_page.overview is not None)
    overview = main_window.progress_page.overview
    assert overview is not None
    assert overview.weeks[-1].start == date(2026, 11, 22)  # this week: Sunday the 22nd on
    assert overview.weeks[-1].total == 1


def test_page_down_reads_on_as_soon_as_the_page_shows(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The keyboard goes to the page's scroll area: PgDn did nothing until it was clicked."""
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    scroll = main_window.progress_page.findChild(QScrollArea, "progress_scroll")
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)  # more than one screen
    focused = QApplication.focusWidget()
    assert focused is not None

    qtbot.keyClick(focused, Qt.Key.Key_PageDown)

    assert scroll.verticalScrollBar().value() > 0


def test_the_page_says_when_the_plan_began_not_since_when_it_charts(
    page: ProgressPage, hub: Hub
) -> None:
    """The charts go back to anything marked before the plan began; "since" the plan's
    start beside a bar from the week before read as a contradiction."""
    assert hub.plan.start == date(2026, 11, 2)
    assert page.subtitle.text() == "Eleven steps to reconnect · begun on 2 November 2026"


def test_the_view_menu_lists_the_calendars_and_progress(main_window: MainWindow) -> None:
    texts = [action.text() for action in main_window.view_menu.actions()]
    assert texts[:5] == ["&Day", "&Week", "&Month", "&Agenda", "&Progress"]
    shortcuts = [a.shortcut().toString() for a in main_window.view_menu.actions()[:5]]
    assert shortcuts == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5"]
    assert main_window.calendar_action.shortcut().toString() == "Ctrl+3"


def test_marking_done_updates_the_chart_and_lessons_on_the_page(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    hub = main_window.hub
    walks = _walks(hub)
    main_window.progress_action.trigger()
    page = main_window.progress_page
    assert page.week_chart.weeks[-1].total == 0
    assert page.lessons_empty.isVisible()
    _mark(hub, walks, TODAY, Reflection(mood=5, learned="Mornings are kinder"))
    assert page.week_chart.weeks[-1].counts == {Category.SELF_CARE: 1}
    assert _shown_lessons(page) == ["Mornings are kinder"]
    assert page.lessons_view.isVisible() and not page.lessons_empty.isVisible()
    assert page.stats["done"][0].text() == "1"
    assert page.stats["done"][1].text() == "thing done"  # one: not "1 things done"
    assert page.stats["reflections"][1].text() == "reflection"
    assert [point.mood for point in page.mood_chart.moods] == [5.0]
    # One mood: a dot, and no line for the key to promise (a trial looked for one).
    assert page.mood_key.isVisible() and not page.mood_key.text().startswith("Dots:")
    assert "two weeks in a row" in page.mood_key.text()
    assert (
        page.consistency_text.text() == "Active in 1 of the last 4 weeks"
    )  # this week counts: done in it
    _mark(hub, walks, TODAY - timedelta(days=7), Reflection(mood=3))
    assert page.mood_key.text() == "Dots: each mood you noted. Line: each week's average."


def test_a_hidden_page_catches_up_when_shown(qtbot: QtBot, main_window: MainWindow) -> None:
    hub = main_window.hub
    main_window.progress_action.trigger()
    main_window.calendar_action.trigger()
    _mark(hub, _walks(hub), date(2026, 11, 20), Reflection(learned="Breathe first"))
    main_window.progress_action.trigger()
    assert _shown_lessons(main_window.progress_page) == ["Breathe first"]


def test_a_reached_step_joins_the_timeline(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.progress_action.trigger()
    page = main_window.progress_page
    assert page.timeline.milestones == []
    assert page.timeline.next_step is not None and page.timeline.next_step.number == 1
    main_window.hub.complete_step(StepNumber(1))
    assert [(m.step, m.day) for m in page.timeline.milestones] == [(1, TODAY)]
    assert page.timeline.next_step is not None and page.timeline.next_step.number == 2
    assert page.stats["steps"][0].text() == "1 of 11"
    # A trial: "1 of 11 steps reached" beside "step 2 of 11" read as a step behind.
    assert page.stats["steps"][1].text() == "steps completed"


# -- lessons learned ---------------------------------------------------------------------------


def test_lessons_are_newest_first_and_the_search_box_filters_them(
    qtbot: QtBot, hub: Hub, page: ProgressPage
) -> None:
    _with_lessons(hub)
    assert _shown_lessons(page) == list(reversed(LESSONS.values()))
    qtbot.keyClicks(page.search, "SLOW")
    assert _shown_lessons(page) == ["Slow down before replying"]
    page.search.clear()
    qtbot.keyClicks(page.search, "morning")  # the activity's title counts too
    assert len(_shown_lessons(page)) == 3
    page.search.clear()
    qtbot.keyClicks(page.search, "listen")
    assert _shown_lessons(page) == ["Listening is not waiting to talk"]
    qtbot.keyClicks(page.search, "ing to dance")
    assert _shown_lessons(page) == []
    assert page.lessons_empty.isVisible()
    assert page.lessons_empty.text() == "No lesson mentions “listening to dance”."
    page.search.clear()
    assert len(_shown_lessons(page)) == 3


def test_the_lesson_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = LessonListModel()
    model.set_lessons([Lesson(day, text, "Walk") for day, text in LESSONS.items()])
    model.set_search("walk")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3  # the title matches too
    model.set_search("slow")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 1
    assert model.data(model.index(0), LessonListModel.LessonRole).day == date(2026, 11, 16)


# -- taking a break ----------------------------------------------------------------------------


def test_the_break_toggle_changes_the_consistency_words(
    qtbot: QtBot, hub: Hub, page: ProgressPage
) -> None:
    walks = _walks(hub)
    _mark(hub, walks, date(2026, 11, 20))
    assert page.consistency_text.text() == "Active in 1 of your first 3 weeks"
    assert page.pause_toggle.text() == "Take a Break"
    qtbot.mouseClick(page.pause_toggle, Qt.MouseButton.LeftButton)
    assert page.pause_toggle.isChecked()
    assert page.pause_toggle.text() == "End the Break"  # what the next click does
    assert page.consistency_text.text() == "Taking a break since 23\u00a0November"  # one line
    assert "Rest is part of the process" in page.consistency_detail.text()
    assert page.ring.paused
    assert hub.services.progress.consistency(hub.plan).paused
    qtbot.mouseClick(page.pause_toggle, Qt.MouseButton.LeftButton)
    assert not page.pause_toggle.isChecked()
    assert page.pause_toggle.text() == "Take a Break"
    assert page.consistency_text.text() == "Active in 1 of your first 3 weeks"
    assert not hub.services.progress.consistency(hub.plan).paused


def test_enter_presses_the_focused_break_toggle(qtbot: QtBot, hub: Hub, page: ProgressPage) -> None:
    page.pause_toggle.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.pause_toggle.hasFocus)

    qtbot.keyClick(page.pause_toggle, Qt.Key.Key_Return)

    assert page.pause_toggle.isChecked()
    assert hub.services.progress.consistency(hub.plan).paused
    qtbot.keyClick(page.pause_toggle, Qt.Key.Key_Enter)  # the keypad's
    assert not hub.services.progress.consistency(hub.plan).paused


def test_a_break_that_cannot_start_leaves_the_toggle_off_and_says_why(
    qtbot: QtBot, hub: Hub, page: ProgressPage
) -> None:
    hub.services.progress.start_pause(hub.plan)  # behind the page's back: it still shows "off"
    qtbot.mouseClick(page.pause_toggle, Qt.MouseButton.LeftButton)
    assert not page.pause_toggle.isChecked()
    box = page.error_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.text() == "You are already taking a break. Take the time you need."
    box.close()


# -- the PDF report ----------------------------------------------------------------------------


def test_export_writes_a_pdf_report(
    qtbot: QtBot, hub: Hub, page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_lessons(hub)
    target = tmp_path / "My progress"
    monkeypatch.setattr(
        file_dialogs, "save_file_name", lambda *_args, **_kw: (str(target), "PDF files (*.pdf)")
    )
    with qtbot.waitSignal(page.report_exported) as exported:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "My progress.pdf"
    assert exported.args == [written]
    data = written.read_bytes()
    assert data.startswith(b"%PDF")
    assert _page_count(data) >= 1


def test_enter_on_the_focused_export_button_writes_the_report(
    qtbot: QtBot, page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "My progress.pdf"
    monkeypatch.setattr(
        file_dialogs, "save_file_name", lambda *_args, **_kw: (str(target), "PDF files (*.pdf)")
    )
    page.export_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.export_button.hasFocus)

    with qtbot.waitSignal(page.report_exported):
        qtbot.keyClick(page.export_button, Qt.Key.Key_Return)

    assert target.read_bytes().startswith(b"%PDF")


def test_the_printed_report_names_its_weeks_by_date_not_this_week(
    hub: Hub, page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_lessons(hub)
    drawn: list[str] = []
    real_draw = progress_charts.draw_week_chart

    def recording(painter: QPainter, *args: object, **kwargs: object) -> None:
        image = QImage(800, 400, QImage.Format.Format_ARGB32_Premultiplied)  # kept while painted
        recorder = RecordingPainter(image)
        real_draw(recorder, *args, **kwargs)  # type: ignore[arg-type]
        recorder.end()
        drawn.extend(recorder.texts)
        real_draw(painter, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(progress_charts, "draw_week_chart", recording)
    assert page.export_pdf(tmp_path / "report.pdf")
    assert drawn and "This week" not in drawn  # read later, "this week" would mean another
    assert "16 Nov" in drawn


def test_the_printed_milestones_heading_stays_with_its_timeline(
    hub: Hub, page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.ui import progress_report

    for number in range(1, 11):
        hub.complete_step(StepNumber(number))  # a long timeline, past the first page's end
    seen: list[tuple[str, int]] = []
    real_section, real_timeline = progress_report._draw_section, progress_charts.draw_timeline
    flows: list[Any] = []

    def section(flow: Any, title: str, **kwargs: Any) -> None:
        real_section(flow, title, **kwargs)
        flows.append(flow)
        seen.append((title, flow.number))

    def timeline(*args: Any, **kwargs: Any) -> None:
        seen.append(("timeline", flows[-1].number))
        real_timeline(*args, **kwargs)

    monkeypatch.setattr(progress_report, "_draw_section", section)
    monkeypatch.setattr(progress_charts, "draw_timeline", timeline)
    assert page.export_pdf(tmp_path / "report.pdf")
    pages = dict(seen)
    assert pages["Milestones"] == pages["timeline"]  # the heading was left alone on page 1


def test_export_into_a_missing_folder_says_so_plainly(
    qtbot: QtBot, page: ProgressPage, tmp_path: Path
) -> None:
    target = tmp_path / "gone" / "report.pdf"
    assert not page.export_pdf(target)
    box = page.error_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.icon() is QMessageBox.Icon.Warning
    assert box.windowTitle() == "Could not export the report"
    assert box.text() == f"Cannot save report.pdf: the folder {target.parent} does not exist."
    assert not target.parent.exists()
    box.close()


def test_a_long_report_flows_onto_more_pages(hub: Hub, page: ProgressPage, tmp_path: Path) -> None:
    walks = _walks(hub, count=22)
    for offset in range(22):
        day = date(2026, 11, 2) + timedelta(days=offset)
        _mark(hub, walks, day, Reflection(learned=f"Lesson number {offset} " + "and more " * 12))
    assert page.export_pdf(tmp_path / "long.pdf")
    assert _page_count((tmp_path / "long.pdf").read_bytes()) >= 2


def test_the_report_is_on_the_paper_the_computer_uses(page: ProgressPage, tmp_path: Path) -> None:
    """A US trial's report was A4: Letter where the computer measures in US units."""
    assert page.export_pdf(tmp_path / "here.pdf")
    assert re.search(rb"/MediaBox\s*\[0 0 595[.0-9]* 842", (tmp_path / "here.pdf").read_bytes())
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert page.export_pdf(tmp_path / "us.pdf")
    assert re.search(rb"/MediaBox\s*\[0 0 612[.0-9]* 792", (tmp_path / "us.pdf").read_bytes())


# -- a new plan --------------------------------------------------------------------------------


def test_a_new_plan_is_met_gently(page: ProgressPage) -> None:
    assert page.consistency_text.text() == "Ready when you are"
    assert "One small step is enough to begin" in page.consistency_detail.text()
    assert page.lessons_empty.isVisible()
    assert "will be kept here" in page.lessons_empty.text()
    assert all(week.total == 0 for week in page.week_chart.weeks)
    assert len(page.week_chart.weeks) == 4  # since the plan began (2 November)
    assert page.stats["done"][0].text() == "0"
    assert not page.mood_key.isVisible()  # no key to a chart with nothing on it
    image = page.grab().toImage()  # every empty chart paints without trouble
    assert not image.isNull()
    for word in ("streak", "broken", "failed", "missed"):
        texts = [page.consistency_text.text(), page.consistency_detail.text()]
        assert all(word not in text.lower() for text in texts)


def test_coming_back_after_weeks_away_is_welcomed_not_counted(hub: Hub, page: ProgressPage) -> None:
    """A returning-user trial read "Active in 1 of the last 4 weeks" and "a quiet day barely
    moves it" after three weeks away: the absence counted, in the words and the report."""
    walks = _walks(hub)
    for day in (date(2026, 11, 2), date(2026, 11, 5), date(2026, 11, 8)):  # then 15 days away
        _mark(hub, walks, day)
    page.refresh()
    assert page.consistency_text.text() == "Welcome back"
    assert "Everything you built is still here" in page.consistency_detail.text()
    assert "quiet day" not in page.consistency_detail.text()
    _mark(hub, walks, TODAY)  # back: the weeks are counted again
    page.refresh()
    assert page.consistency_text.text().startswith("Active in")


def test_the_week_charts_spoken_summary_reads_well_for_a_plans_first_week(qtbot: QtBot) -> None:
    from planner.domain.consistency import week_start
    from planner.services.progress import WeekCount
    from planner.ui.progress_charts import WeekChart

    chart = WeekChart()
    qtbot.addWidget(chart)
    monday = week_start(TODAY)
    chart.set_weeks([WeekCount(monday, {Category.SELF_CARE: 2})])
    assert chart.accessibleDescription() == "2 activities done this week"
    chart.set_weeks([WeekCount(monday - timedelta(weeks=1), {}), WeekCount(monday, {})])
    assert chart.accessibleDescription() == "0 activities done in the last 2 weeks"


@pytest.mark.parametrize("width", [1240, 1700])
def test_the_page_fits_beside_both_panels_without_a_sideways_scroll(
    qtbot: QtBot, main_window: MainWindow, width: int
) -> None:
    main_window.resize(width, 800)
    qtbot.keyClick(main_window.month_view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = main_window.progress_page
    scroll = page.findChild(QScrollArea, "progress_scroll")
    qtbot.waitExposed(page)
    QApplication.sendPostedEvents()  # the layouts settle on the page's width

    assert scroll.horizontalScrollBar().maximum() == 0
    viewport = scroll.viewport()
    for widget in (page.export_button, page.pause_toggle, page.consistency_text):
        right = widget.mapTo(viewport, widget.rect().topRight()).x()
        assert right <= viewport.width(), widget.objectName()
    # The headline reads as a line, not a word per line.
    assert page.consistency_text.height() < 3 * page.consistency_text.fontMetrics().height()
    # Narrow: the milestones come under the charts; wide: beside them.
    timeline = page.timeline.mapTo(page, page.timeline.rect().topLeft())
    week = page.week_chart.mapTo(page, page.week_chart.rect().topLeft())
    assert (timeline.y() > week.y()) == (page.width() < 900)


def test_the_next_steps_purpose_wraps_rather_than_being_cut(
    hub: Hub,
) -> None:
    step = hub.program.step(StepNumber(4))  # a purpose longer than a narrow card's line
    image = QImage(360, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = RecordingPainter(image)
    height = progress_charts.timeline_height(0, has_next=True)
    progress_charts.draw_timeline(
        painter, QRectF(0, 0, 300, height), [], step, empty_text="Nothing yet"
    )
    painter.end()
    assert step.purpose in painter.texts  # whole, on the lines it needs
    assert not any(text.endswith("…") for text in painter.texts)


def test_a_first_weeks_mood_chart_names_each_day(qtbot: QtBot) -> None:
    """A re-trial: in the first week the axis said "This week" alone, and the dots could not
    be matched to their days."""
    from planner.services.progress import MoodPoint

    monday = date(2026, 11, 23)
    image = QImage(600, 200, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    moods = [MoodPoint(monday + timedelta(days=2), 4.0, 1)]
    progress_charts.draw_mood_chart(painter, QRectF(0, 0, 600, 200), moods, [monday],
                                    empty_text="")  # fmt: skip
    painter.end()
    assert [t for t in painter.texts if t in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")] \
        == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # fmt: skip
    assert "This week" not in painter.texts
    weeks = [monday - timedelta(weeks=n) for n in range(5, -1, -1)]  # six weeks: by week
    painter = RecordingPainter(image)
    progress_charts.draw_mood_chart(painter, QRectF(0, 0, 600, 200), moods, weeks,
                                    empty_text="")  # fmt: skip
    painter.end()
    assert "This week" in painter.texts and "Wed" not in painter.texts


def test_the_mood_chart_shows_where_weeks_meet(qtbot: QtBot) -> None:
    # A Monday's dot sits left of its week's centred label: without the week's bounds it
    # read as the week before (before the plan began, for the first week).
    from planner.domain.consistency import week_start
    from planner.services.progress import MoodPoint

    class Lines(QPainter):
        def __init__(self, image: QImage) -> None:
            super().__init__(image)
            self.dotted: list[float] = []

        def drawLine(self, *args: object) -> None:  # type: ignore[override]
            first = args[0]
            if self.pen().style() is Qt.PenStyle.DotLine and hasattr(first, "x"):
                self.dotted.append(first.x())  # type: ignore[attr-defined]
            super().drawLine(*args)  # type: ignore[call-overload]

    starts = [week_start(date(2026, 11, 2)) + timedelta(weeks=n) for n in range(4)]
    image = QImage(600, 200, QImage.Format.Format_ARGB32)
    painter = Lines(image)
    moods = [MoodPoint(date(2026, 11, 16), 4.0, 1)]
    progress_charts.draw_mood_chart(painter, QRectF(0, 0, 600, 200), moods, starts, empty_text="")
    painter.end()
    assert len(painter.dotted) == 3  # between four weeks


def test_a_week_of_one_mood_shows_one_dot(qapp: object) -> None:
    """One mood noted showed as two dots (its day's, and its week's mean beside it); a week
    of several still has its mean marked."""
    from planner.domain.consistency import week_start
    from planner.services.progress import MoodPoint

    class Dots(QPainter):
        def __init__(self, image: QImage) -> None:
            super().__init__(image)
            self.dots = 0

        def drawEllipse(self, *args: object) -> None:  # type: ignore[override]
            self.dots += 1
            super().drawEllipse(*args)  # type: ignore[call-overload]

    starts = [week_start(date(2026, 11, 2)) + timedelta(weeks=n) for n in range(4)]

    def dots(moods: list[MoodPoint]) -> int:
        image = QImage(600, 200, QImage.Format.Format_ARGB32)
        painter = Dots(image)
        progress_charts.draw_mood_chart(painter, QRectF(0, 0, 600, 200), moods, starts,
                                        empty_text="")  # fmt: skip
        painter.end()
        return painter.dots

    assert dots([MoodPoint(date(2026, 11, 16), 3.0, 1)]) == 1
    two = [MoodPoint(date(2026, 11, 16), 3.0, 1), MoodPoint(date(2026, 11, 18), 5.0, 1)]
    assert dots(two) == 3  # each day's, and the week's mean


def test_the_next_step_says_how_far_its_milestones_have_come(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: the page named the next step and its purpose, but not "1 of 2" as the Steps
    panel and `rekindle progress` do."""
    hub = main_window.hub
    start = datetime.combine(date(2026, 11, 23), time(20, 0), tzinfo=BERLIN)
    journal = hub.create_activity(ActivityDraft(
        title="Journal", category=Category.REFLECTION, step=StepNumber(1), start=start,
        end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        rrule="FREQ=DAILY;COUNT=5",
    ))  # fmt: skip
    written = record_texts(monkeypatch, progress_charts)
    main_window.progress_action.trigger()
    page = main_window.progress_page
    _mark(hub, journal, date(2026, 11, 23))
    qtbot.waitUntil(lambda: [c.current for c in page.timeline.toward] == [1])
    written.clear()
    page.timeline.grab()
    assert "Two journaling sessions completed · 1 of 2" in written
    # The step at hand, not "Next: step 1" while on it (a trial read that as still to come).
    assert any(line.startswith("Now: step 1 · Understand what") for line in written), written


def test_the_printed_report_says_how_far_the_next_steps_milestones_have_come(
    hub: Hub, page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the page now does: the report had the next step without its counts."""
    drawn: list[str] = []
    real_draw = progress_charts.draw_timeline

    def recording(painter: QPainter, *args: object, **kwargs: object) -> None:
        image = QImage(800, 400, QImage.Format.Format_ARGB32_Premultiplied)
        recorder = RecordingPainter(image)
        real_draw(recorder, *args, **kwargs)  # type: ignore[arg-type]
        recorder.end()
        drawn.extend(recorder.texts)
        real_draw(painter, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(progress_charts, "draw_timeline", recording)
    assert page.export_pdf(tmp_path / "report.pdf")
    assert "Two journaling sessions completed · 0 of 2" in drawn


def test_the_lessons_are_shown_whole_in_the_page_not_in_a_small_box(qtbot: QtBot, hub: Hub) -> None:
    """A trial at 1024x700 read two and a half lessons in a box scrolling inside the page's
    own scroll, and the page jumped as a search narrowed them."""
    walks = _walks(hub)
    for offset in range(7):
        day = date(2026, 11, 2) + timedelta(days=offset)
        _mark(hub, walks, day, Reflection(mood=3, learned=f"Lesson {offset}"))
    page = ProgressPage(hub=hub)
    qtbot.addWidget(page)
    page.resize(700, 560)
    page.show()
    qtbot.waitExposed(page)
    view = page.lessons_view
    assert page.lessons_model.rowCount() == 7
    qtbot.waitUntil(lambda: view.height() >= 7 * LessonDelegate.ROW_HEIGHT)
    assert not view.verticalScrollBar().isVisible()
    before = page.findChild(QWidget, "lessons_card").height()
    qtbot.keyClicks(page.search, "Lesson 3")
    assert page.lessons_model.rowCount() == 1
    assert page.findChild(QWidget, "lessons_card").height() == before


def test_five_weeks_away_is_welcomed_not_taken_for_a_beginning(
    hub: Hub, page: ProgressPage
) -> None:
    """A re-trial read "Ready when you are. One small step is enough to begin" above
    "7 things done" after five weeks without a mark."""
    start = datetime.combine(date(2026, 10, 5), time(7, 30), tzinfo=BERLIN)
    walks = hub.create_activity(
        ActivityDraft(
            title="Morning walk", category=Category.SELF_CARE, step=StepNumber(1), start=start,
            end=start + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=DAILY;COUNT=10",
        )
    )  # fmt: skip
    for day in (date(2026, 10, 5), date(2026, 10, 8), date(2026, 10, 12)):
        _mark(hub, walks, day)
    page.refresh()
    assert page.consistency_text.text() == "Welcome back"
    assert "Everything you built is still here" in page.consistency_detail.text()
