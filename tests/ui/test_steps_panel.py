"""The steps side panel: its list model, the current step, details and suggestion links."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from planner.domain.activities import ActivityDraft
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.occurrences import Status
from planner.domain.programs import Step
from planner.services.context import Services
from planner.ui import palette
from planner.ui.hub import Hub
from planner.ui.panels.steps import StepDelegate, StepListModel, StepsPanel
from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import anchor_point
from tests.zones import BERLIN


def _show(qtbot: QtBot, hub: Hub) -> StepsPanel:
    panel = StepsPanel(hub=hub)
    qtbot.addWidget(panel)
    panel.resize(340, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def panel(qtbot: QtBot, hub: Hub) -> StepsPanel:
    return _show(qtbot, hub)


def _current_rows(model: StepListModel) -> list[int]:
    return [
        row
        for row in range(model.rowCount())
        if model.data(model.index(row), StepListModel.CurrentRole)
    ]


def _click_row(qtbot: QtBot, panel: StepsPanel, row: int) -> None:
    rect = panel.list.visualRect(panel.model.index(row))
    assert rect.isValid()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- the model -------------------------------------------------------------------------------


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester, hub: Hub) -> None:
    model = StepListModel(program=hub.program, current=StepNumber(1))
    qtmodeltester.check(model, force_py=True)


def test_the_model_has_one_row_per_step(panel: StepsPanel, hub: Hub) -> None:
    model = panel.model
    assert model.rowCount() == 11
    assert model.rowCount(model.index(0)) == 0
    titles = [model.data(model.index(row)) for row in range(model.rowCount())]
    assert titles == [step.title for step in hub.program.steps]
    assert titles[2] == "Give each other space"
    step = model.data(model.index(2), StepListModel.StepRole)
    assert isinstance(step, Step)
    assert step.number == 3
    assert model.data(model.index(2), Qt.ItemDataRole.ToolTipRole) == step.purpose
    assert model.data(QModelIndex()) is None


def test_the_plans_current_step_is_marked_and_shown(panel: StepsPanel) -> None:
    assert _current_rows(panel.model) == [0]
    assert panel.list.currentIndex().row() == 0
    shown = panel.shown_step()
    assert shown is not None
    assert shown.number == 1
    text = panel.details.toPlainText()
    assert "Step 1: Understand what went wrong" in text
    assert "you are here" in text


def test_a_demo_plan_marks_its_later_step(qtbot: QtBot, demo_services: Services) -> None:
    plan = demo_services.plans.require()
    demo_services.progress.seed_demo_history(plan)  # as the app and `rekindle demo` do
    here = demo_services.progress.step_you_are_on(plan)
    assert here > 1
    panel = _show(qtbot, Hub(services=demo_services))
    qtbot.waitUntil(lambda: _current_rows(panel.model) == [here - 1])
    assert panel.list.currentIndex().row() == here - 1
    assert "you are here" in panel.details.toPlainText()


def test_set_current_moves_the_mark_and_tells_the_view(qtbot: QtBot, panel: StepsPanel) -> None:
    model = panel.model
    changed: list[int] = []
    model.dataChanged.connect(lambda first, _last, _roles: changed.append(first.row()))
    model.set_current(StepNumber(4))
    assert _current_rows(model) == [3]
    assert sorted(changed) == [0, 3]
    changed.clear()
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_current(StepNumber(4))


# -- details ---------------------------------------------------------------------------------


def test_selecting_a_step_shows_its_details(qtbot: QtBot, panel: StepsPanel, hub: Hub) -> None:
    step = hub.program.step(StepNumber(5))
    _click_row(qtbot, panel, 4)
    assert panel.shown_step() == step
    details = panel.findChild(QTextBrowser, "step_details")
    text = details.toPlainText()
    assert f"Step 5: {step.title}" in text
    assert step.purpose in text
    assert step.guidance in text
    assert "you are here" not in text
    for idea in step.suggestions:
        assert idea.title in text
    for criterion in step.criteria:
        assert criterion.description in text


def test_arrow_keys_walk_through_the_steps(qtbot: QtBot, panel: StepsPanel) -> None:
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    shown = panel.shown_step()
    assert shown is not None
    assert shown.number == 3
    assert "Step 3: Give each other space" in panel.details.toPlainText()


def test_step_details_list_each_suggestion_as_a_link(panel: StepsPanel) -> None:
    panel.list.setCurrentIndex(panel.model.index(2))
    html = panel.details.toHtml()
    assert "suggest:3/0" in html
    assert "suggest:3/1" in html
    assert "suggest:3/2" in html
    assert "Space (no contact), 30 day" in panel.details.toPlainText()


# -- suggestion links ------------------------------------------------------------------------


def test_clicking_a_suggestion_link_asks_to_plan_it(qtbot: QtBot, panel: StepsPanel) -> None:
    panel.list.setCurrentIndex(panel.model.index(2))
    point = anchor_point(panel.details, "Journal: what I feel today")
    with qtbot.waitSignal(panel.suggestion_chosen) as blocker:
        qtbot.mouseClick(panel.details.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [3, 2]


def test_pressing_an_idea_and_moving_away_starts_a_drag_of_it_instead_of_a_click(
    qtbot: QtBot, panel: StepsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel.list.setCurrentIndex(panel.model.index(2))
    dragged: list[str] = []
    monkeypatch.setattr(panel.details, "start_drag", dragged.append)  # QDrag.exec would block
    viewport = panel.details.viewport()
    point = anchor_point(panel.details, "Journal: what I feel today")
    far = point + QPoint(QApplication.startDragDistance() + 4, 0)
    with qtbot.assertNotEmitted(panel.suggestion_chosen):
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseMove(viewport, far)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=far)
    assert dragged == ["suggest:3/2"]
    data = panel.details.mime_for(dragged[0])
    assert data is not None and data.text() == "Journal: what I feel today"


def test_an_anchor_click_names_step_and_idea(qtbot: QtBot, panel: StepsPanel) -> None:
    with qtbot.waitSignal(panel.suggestion_chosen) as blocker:
        panel.details.anchorClicked.emit(QUrl("suggest:3/0"))
    assert blocker.args == [3, 0]


def test_other_links_are_ignored(qtbot: QtBot, panel: StepsPanel) -> None:
    with qtbot.assertNotEmitted(panel.suggestion_chosen):
        panel.details.anchorClicked.emit(QUrl("https://example.org/"))
    assert "Step 1" in panel.details.toPlainText()  # the browser did not navigate away


def test_the_details_do_not_follow_links(panel: StepsPanel) -> None:
    assert not panel.details.openLinks()
    assert not panel.details.openExternalLinks()


def test_milestones_show_how_far_they_are_met_and_a_step_can_be_completed_by_hand(
    qtbot: QtBot, panel: StepsPanel, hub: Hub
) -> None:
    begin = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    hub.create_activity(
        ActivityDraft(
            title="Journal", category=Category.REFLECTION, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
            rrule="FREQ=DAILY;COUNT=3",
        )
    )  # fmt: skip
    first = hub.occurrences(begin.date(), begin.date())[0]
    hub.mark(first, Status.DONE)
    _click_row(qtbot, panel, 0)
    qtbot.waitUntil(lambda: "1 of 2" in panel.details.toPlainText())
    assert (
        "Counted from what you do in the activities planned for this step."
        in panel.details.toPlainText()
    )
    assert "·\xa01\xa0of\xa02" in panel.details.document().toRawText()  # wraps as one piece
    progress = panel.model.index(0).data(StepListModel.ProgressRole)
    assert progress is not None and progress.fraction == 0.5

    point = anchor_point(panel.details, "Mark this step complete")
    qtbot.mouseClick(panel.details.viewport(), Qt.MouseButton.LeftButton, pos=point)
    # Said as the progress page says it: by hand is not "reached".
    qtbot.waitUntil(lambda: "Marked complete on" in panel.details.toPlainText())
    assert "Reached on" not in panel.details.toPlainText()
    assert panel.model.index(0).data(StepListModel.ProgressRole).complete

    point = anchor_point(panel.details, "Reopen this step")
    qtbot.mouseClick(panel.details.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: "Mark this step complete" in panel.details.toPlainText())

    # Its milestones met by what was done: reached.
    hub.mark(hub.occurrences(begin.date() + timedelta(days=1), begin.date() + timedelta(days=1))[0],
             Status.DONE)  # fmt: skip
    qtbot.waitUntil(lambda: "Reached on" in panel.details.toPlainText())
    assert "Marked complete on" not in panel.details.toPlainText()


def test_a_finished_steps_bar_has_the_colour_of_its_check_mark(
    qtbot: QtBot, panel: StepsPanel, hub: Hub
) -> None:
    hub.complete_step(StepNumber(1))
    qtbot.waitUntil(lambda: panel.model.index(0).data(StepListModel.ProgressRole).complete)
    rect = panel.list.visualRect(panel.model.index(0))
    image = panel.list.viewport().grab().toImage()
    circle = image.pixelColor(rect.left() + 12, rect.center().y())
    bar = image.pixelColor(rect.left() + 60, rect.bottom() - 4)
    assert circle == palette.PROGRESS
    assert bar == palette.PROGRESS  # not the coral that marks the step you are on


def test_the_details_keep_their_place_when_progress_is_read_again(qtbot: QtBot, hub: Hub) -> None:
    panel = _show(qtbot, hub)
    panel.resize(340, 420)  # short: the step's text scrolls
    bar = panel.details.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # down at the milestones, about to click "complete"
    place = bar.value()
    begin = datetime(2026, 11, 2, 20, 0, tzinfo=BERLIN)
    hub.create_activity(
        ActivityDraft(
            title="Journal", category=Category.REFLECTION, step=StepNumber(1), start=begin,
            end=begin + timedelta(minutes=30), all_day=False, zone="Europe/Berlin",
        )
    )  # fmt: skip
    hub.mark(hub.occurrences(begin.date(), begin.date())[0], Status.DONE)
    qtbot.waitUntil(lambda: "1 of 2" in panel.details.toPlainText())
    assert bar.value() == place


def test_with_every_step_behind_you_no_step_says_you_are_here(
    qtbot: QtBot, panel: StepsPanel, hub: Hub
) -> None:
    for number in range(1, 12):
        hub.complete_step(StepNumber(number))
    panel.show_step(StepNumber(11), focus=False)
    qtbot.waitUntil(lambda: "Marked complete on" in panel.details.toPlainText())
    assert "you are here" not in panel.details.toPlainText()  # Today: "Every step is behind you"


def test_a_narrow_panel_cuts_the_titles_rather_than_scroll_sideways(
    qtbot: QtBot, panel: StepsPanel
) -> None:
    """A window narrowed to 1024 px left the panel at ~190 px, the list scrolling sideways
    under a current step's bold title cut mid-letter."""
    panel.resize(190, 500)
    qtbot.waitUntil(lambda: panel.list.width() <= 190)
    bar = panel.list.horizontalScrollBar()
    assert bar is not None and bar.maximum() == 0


def test_the_guidance_and_ideas_get_the_room_the_step_list_does_not_need(
    qtbot: QtBot, services: Services
) -> None:
    """A trial at 1024x700: five steps sat above an empty third of the list, and the ideas
    the first screen points to were in a box 160 px tall."""
    from planner.domain.ids import ProgramId
    from planner.domain.plans import PlanDraft
    from planner.ui.hub import Hub

    services.plans.create(PlanDraft(ProgramId("five-steps"), date(2026, 11, 2), "Europe/Berlin"))
    panel = StepsPanel(hub=Hub(services=services))
    qtbot.addWidget(panel)
    panel.resize(220, 480)  # what a 700 px tall screen leaves the panel
    panel.show()
    qtbot.waitExposed(panel)
    rows = panel.list.model().rowCount()
    assert rows == 5
    assert panel.list.height() <= rows * StepDelegate.ROW_HEIGHT + 12
    assert panel.details.height() > panel.list.height()
    panel.resize(220, 700)  # what a taller window gains goes to the guidance and ideas
    qtbot.waitUntil(lambda: panel.details.height() > 400)
    assert panel.list.height() <= rows * StepDelegate.ROW_HEIGHT + 12
