"""The progress page: consistency told kindly, weeks of what was done, mood, milestones, a break
toggle, every lesson learned (searchable), and a PDF report of it all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain import milestones
from planner.errors import PlannerError
from planner.services import progress
from planner.services.progress import Lesson, Overview
from planner.ui import (
    chart_geometry,
    file_dialogs,
    painting,
    palette,
    progress_report,
    progress_text,
    recent_folders,
)
from planner.ui.progress_charts import MilestoneTimeline, MoodChart, ScoreRing, WeekChart
from planner.ui.widgets import named, push_button

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from PySide6.QtGui import QResizeEvent

    from planner.domain.milestones import CriterionProgress
    from planner.domain.programs import Step
    from planner.services.changes import Changes
    from planner.services.progress import MoodPoint
    from planner.ui.hub import Hub

_Index = QModelIndex | QPersistentModelIndex


class LessonListModel(QAbstractListModel):
    """Every "what I learned" line, newest first, narrowed by a search text."""

    LessonRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[Lesson] = []
        self._search = ""
        self._shown: list[Lesson] = []

    @property
    def total(self) -> int:
        """How many lessons there are, whatever the search."""
        return len(self._all)

    @property
    def search(self) -> str:
        return self._search

    def set_lessons(self, lessons: list[Lesson]) -> None:
        self.beginResetModel()
        self._all = list(lessons)
        self._shown = progress.filter_lessons(self._all, self._search)
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if text == self._search:
            return
        self.beginResetModel()
        self._search = text
        self._shown = progress.filter_lessons(self._all, text)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        lesson = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return lesson.text
        if role == Qt.ItemDataRole.ToolTipRole:
            opens = QCoreApplication.translate(
                "ProgressPage", "Double-click to read the reflection it came from."
            )
            return f"{lesson.text}\n{_lesson_meta(lesson)}\n{opens}"
        if role == self.LessonRole:
            return lesson
        return None


def _lesson_meta(lesson: Lesson) -> str:
    when = progress_text.long_date(lesson.day)
    return f"{when} · {lesson.title}" if lesson.title else when


#: How many lessons the page shows at once before their list scrolls on its own.
LESSON_ROWS = 10


class LessonDelegate(QStyledItemDelegate):
    """A lesson as a quiet quote: a lavender rule, the line itself, then its day and activity."""

    ROW_HEIGHT = 54

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(240, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        lesson = index.data(LessonListModel.LessonRole)
        if not isinstance(lesson, Lesson):
            return
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._draw_background(painter, option, rect)
        self._draw_rule(painter, rect)
        self._draw_text(painter, option, rect, lesson)
        self._draw_meta(painter, option, rect, lesson)
        painter.restore()

    @staticmethod
    def _draw_background(painter: QPainter, option: QStyleOptionViewItem, rect: QRectF) -> None:
        if not painting.draw_selected_row(painter, option, rect, inset=2):
            painter.setPen(QPen(palette.CHART_GRID, 1))
            painter.drawLine(rect.bottomLeft() + QPointF(12, 0), rect.bottomRight())

    @staticmethod
    def _draw_rule(painter: QPainter, rect: QRectF) -> None:
        painter.setPen(QPen(palette.MOOD_LINE, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(
            QPointF(rect.left() + 10, rect.top() + 11),
            QPointF(rect.left() + 10, rect.bottom() - 11),
        )

    @staticmethod
    def _draw_text(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, lesson: Lesson
    ) -> None:
        font = QFont(option.font)
        painter.setFont(font)
        painter.setPen(palette.TEXT)
        area = QRectF(rect.left() + 22, rect.top() + 8, rect.width() - 30, 20)
        text = painter.fontMetrics().elidedText(
            f"“{lesson.text}”", Qt.TextElideMode.ElideRight, int(area.width())
        )
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    @staticmethod
    def _draw_meta(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, lesson: Lesson
    ) -> None:
        font = QFont(option.font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() - 1)
        painter.setFont(font)
        painter.setPen(palette.TEXT_MUTED)
        area = QRectF(rect.left() + 22, rect.top() + 28, rect.width() - 30, 18)
        text = painter.fontMetrics().elidedText(
            _lesson_meta(lesson), Qt.TextElideMode.ElideRight, int(area.width())
        )
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


def _card(name: str, title: str) -> tuple[QFrame, QVBoxLayout]:
    """A white, rounded card with a title; returns the card and the layout to fill."""
    card = named(QFrame(), name)
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 16)
    layout.setSpacing(10)
    heading = QLabel(title)
    heading.setProperty("role", "card-title")
    layout.addWidget(heading)
    return card, layout


#: Narrower than this, the page's two columns (and the summary's figures) stack.
WIDE_PAGE = 900


class ProgressPage(QWidget):
    """How far the person has come, told kindly; refreshes when the hub says something changed.

    Signals:
        report_exported(object): the Path a PDF report was written to.
        lesson_opened(object): a Lesson double-clicked (or Enter): its reflection, to read.
    """

    report_exported = Signal(object)
    lesson_opened = Signal(object)

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._overview: Overview | None = None
        self._dirty = True
        self.error_box: QMessageBox | None = None
        self._build()
        hub.changed_beside.connect(self._on_hub_changed)
        self.pause_toggle.toggled.connect(self._on_pause_toggle_toggled)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.search.textChanged.connect(self._on_search_text_changed)

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        content = named(QWidget(), "progress_content")
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 22, 28, 28)
        column.setSpacing(16)
        column.addLayout(self._build_header())
        column.addWidget(self._build_consistency())
        # Charts on the left share one time axis; the right holds the story in words.
        charts = QVBoxLayout()
        charts.setSpacing(16)
        charts.addWidget(self._build_weeks(), 3)
        charts.addWidget(self._build_mood(), 2)
        words = QVBoxLayout()
        words.setSpacing(16)
        words.addWidget(self._build_milestones())
        words.addWidget(self._build_lessons(), 1)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.setSpacing(16)
        self._columns.addLayout(charts, 3)
        self._columns.addLayout(words, 2)
        column.addLayout(self._columns, 1)
        scroll = named(QScrollArea(), "progress_scroll")
        scroll.setAccessibleName(self.tr("Your progress"))  # where the focus lands
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # Shown, the page takes the keyboard to its scroll area: PgDn and the arrows read on
        # (before, they did nothing until something on the page was clicked).
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(scroll)
        self.setAccessibleName(self.tr("Progress"))

    def _build_header(self) -> QBoxLayout:
        title = QLabel(self.tr("Your progress"))
        title.setProperty("role", "page-title")
        self.subtitle = named(QLabel(), "progress_subtitle")
        self.subtitle.setProperty("role", "hint")
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(title)
        words.addWidget(self.subtitle)
        self.pause_toggle = push_button(self.tr("Take a Break"), "pause_toggle")
        self.pause_toggle.setCheckable(True)
        self.export_button = push_button(self.tr("Export as PDF…"), "export_pdf")
        self._header_buttons = QHBoxLayout()
        self._header_buttons.addWidget(self.pause_toggle)
        self._header_buttons.addWidget(self.export_button)
        self._header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._header.addLayout(words, 1)
        self._header.addLayout(self._header_buttons)
        return self._header

    def _build_consistency(self) -> QFrame:
        card = named(QFrame(), "consistency_card")
        card.setProperty("role", "card")
        self.ring = named(ScoreRing(), "consistency_ring")
        self.ring.setAccessibleName(self.tr("Consistency"))  # its word is the description
        self.consistency_text = named(QLabel(), "consistency_text")
        self.consistency_text.setProperty("role", "headline")
        self.consistency_text.setWordWrap(True)
        self.consistency_detail = named(QLabel(), "consistency_detail")
        self.consistency_detail.setProperty("role", "hint")
        self.consistency_detail.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addStretch(1)
        words.addWidget(self.consistency_text)
        words.addWidget(self.consistency_detail)
        words.addStretch(1)
        score = QHBoxLayout()
        score.setSpacing(20)
        score.addWidget(self.ring)
        score.addLayout(words, 1)
        figures = QHBoxLayout()
        figures.setSpacing(0)
        self.stats: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("done", "reflections", "steps"):
            figures.addWidget(self._stat(key))
        self._card_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, card)
        self._card_row.setContentsMargins(18, 14, 22, 14)
        self._card_row.setSpacing(20)
        self._card_row.addLayout(score, 1)
        self._card_row.addLayout(figures)
        return card

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side when there is room; else one above the other, so nothing is cut off
        behind a sideways scroll bar and no sentence wraps a word per line."""
        narrow = event.size().width() < WIDE_PAGE
        across, down = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
        for row in (self._header, self._card_row, self._columns):
            row.setDirection(down if narrow else across)
        side = Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag.AlignRight
        self._header_buttons.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)
        super().resizeEvent(event)

    def _stat(self, key: str) -> QWidget:
        """A figure with a caption under it ("49" / "things done")."""
        tile = named(QWidget(), f"stat_{key}")
        figure = QLabel()
        figure.setProperty("role", "figure")
        figure.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        caption = QLabel()
        caption.setProperty("role", "hint")
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(14, 0, 14, 0)
        layout.setSpacing(0)
        layout.addStretch(1)
        layout.addWidget(figure)
        layout.addWidget(caption)
        layout.addStretch(1)
        self.stats[key] = (figure, caption)
        return tile

    def _build_weeks(self) -> QFrame:
        card, layout = _card("weeks_card", self.tr("Done each week"))
        self.week_chart = named(WeekChart(), "week_chart")
        layout.addWidget(self.week_chart, 1)
        return card

    def _build_mood(self) -> QFrame:
        card, layout = _card("mood_card", self.tr("Mood over time"))
        self.mood_chart = named(MoodChart(), "mood_chart")
        layout.addWidget(self.mood_chart, 1)
        # How to read the chart, once there is something on it (`_show_mood_key`).
        self.mood_key = named(QLabel(), "mood_key")
        self.mood_key.setProperty("role", "hint")
        self.mood_key.setWordWrap(True)
        self.mood_key.hide()
        layout.addWidget(self.mood_key)
        return card

    def _show_mood_key(self, moods: Sequence[MoodPoint], starts: Sequence[date]) -> None:
        """Say how to read what the mood chart draws now, and nothing it does not."""
        line, means = chart_geometry.weekly_marks([(p.day, p.mood) for p in moods], starts)
        if line:
            text = self.tr("Dots: each mood you noted. Line: each week's average.")
        elif means:
            text = self.tr("Small dots: each mood you noted. Large dots: a week's average.")
        else:
            text = self.tr(
                "Each dot is a mood you noted. With moods in two weeks in a row, a line of "
                "each week's average joins them."
            )
        self.mood_key.setText(text)
        self.mood_key.setVisible(bool(moods))

    def _build_milestones(self) -> QFrame:
        card, layout = _card("milestones_card", self.tr("Milestones"))
        self.timeline = named(MilestoneTimeline(), "milestone_timeline")
        layout.addWidget(self.timeline)
        return card

    def _build_lessons(self) -> QFrame:
        card, layout = _card("lessons_card", self.tr("Lessons learned"))
        self.search = named(QLineEdit(), "lesson_search")
        self.search.setPlaceholderText(self.tr("Search your lessons"))
        self.search.setAccessibleName(self.tr("Search your lessons"))
        self.search.setClearButtonEnabled(True)
        self.lessons_model = LessonListModel(self)
        self.lessons_view = named(QListView(), "lessons")
        self.lessons_view.setAccessibleName(self.tr("Lessons learned"))
        self.lessons_view.setModel(self.lessons_model)
        self.lessons_view.setItemDelegate(LessonDelegate(self.lessons_view))
        self.lessons_view.setUniformItemSizes(True)
        self.lessons_view.setMinimumHeight(LessonDelegate.ROW_HEIGHT * 3)
        self.lessons_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.lessons_empty = named(QLabel(), "lessons_empty")
        self.lessons_empty.setProperty("role", "hint")
        self.lessons_empty.setWordWrap(True)
        self.lessons_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Each lesson opens the reflection it came from, whole (a re-trial who wrote long ones
        # could read them again only from the calendar's chips).
        self.lessons_view.activated.connect(self._on_lesson_activated)
        layout.addWidget(self.search)
        layout.addWidget(self.lessons_view, 1)
        layout.addWidget(self.lessons_empty, 1)
        return card

    @Slot(QModelIndex)
    def _on_lesson_activated(self, index: QModelIndex) -> None:
        lesson = index.data(LessonListModel.LessonRole)
        if isinstance(lesson, Lesson) and lesson.uid is not None:
            self.lesson_opened.emit(lesson)

    # -- showing ---------------------------------------------------------------------------

    @property
    def overview(self) -> Overview | None:
        """What the page last showed (None before it was first shown)."""
        return self._overview

    def refresh(self) -> None:
        """Read everything again and show it."""
        self._dirty = False
        overview = self._hub.progress_overview()
        self._overview = overview
        consistency = overview.consistency
        plan = self._hub.plan
        # "begun on", not "since": the charts may go back further, to a walk marked done
        # before the plan began (a trial saw a bar before the "since" day).
        self.subtitle.setText(
            self.tr("%1 · begun on %2")
            .replace("%1", plan.name)
            .replace("%2", progress_text.long_date(plan.start))
        )
        self._show_stats(overview)
        self.consistency_text.setText(progress_text.headline(consistency))
        self.consistency_detail.setText(progress_text.detail(consistency))
        self.ring.set_score(consistency.score, paused=consistency.paused)
        self._show_paused(consistency.paused)
        starts = [week.start for week in overview.weeks]
        self.week_chart.set_weeks(overview.weeks)
        self.mood_chart.set_moods(overview.moods, starts)
        self._show_mood_key(overview.moods, starts)
        ahead = self._next_step()
        self.timeline.set_milestones(overview.milestones, ahead, self._toward(ahead))
        self.lessons_model.set_lessons(overview.lessons)
        # Tall enough for all the lessons (up to LESSON_ROWS), the page scrolling rather than
        # a small box inside it (a trial saw two and a half at 1024x700); kept as tall while
        # a search narrows them, so the page does not jump as one types.
        rows = min(max(self.lessons_model.total, 3), LESSON_ROWS)
        frame = 2 * self.lessons_view.frameWidth()
        self.lessons_view.setMinimumHeight(rows * LessonDelegate.ROW_HEIGHT + frame)
        self.lessons_empty.setMinimumHeight(rows * LessonDelegate.ROW_HEIGHT + frame)
        self._update_lessons_empty()

    def _show_stats(self, overview: Overview) -> None:
        figures = {
            "done": (
                str(overview.done),
                self.tr("thing done") if overview.done == 1 else self.tr("things done"),
            ),
            "reflections": (
                str(overview.reflections),
                self.tr("reflection") if overview.reflections == 1 else self.tr("reflections"),
            ),
            "steps": (
                self.tr("%1 of %2")
                .replace("%1", str(len(overview.milestones)))
                .replace("%2", str(overview.steps_total)),
                self.tr("steps completed"),  # "reached" read as one behind "step 1 of 5"
            ),
        }
        for key, (figure, caption) in figures.items():
            self.stats[key][0].setText(figure)
            self.stats[key][1].setText(caption)

    def _show_paused(self, paused: bool) -> None:
        self.pause_toggle.blockSignals(True)
        self.pause_toggle.setChecked(paused)
        self.pause_toggle.blockSignals(False)
        # The label says what a click does; the pressed look says a break is being taken.
        self.pause_toggle.setText(self.tr("End the Break") if paused else self.tr("Take a Break"))
        self.pause_toggle.setToolTip(
            self.tr("You are on a break. Click to end it whenever you are ready.")
            if paused
            else self.tr("Take a break: while it lasts, nothing counts for or against you.")
        )

    def _next_step(self) -> Step | None:
        """The step "you are here" points at (the timeline says "Now"), None once every step
        from it is behind you."""
        here = milestones.step_you_are_on(self._hub.steps_progress(), self._hub.plan.current_step)
        step = self._hub.program.step(here.number) if here is not None else None
        if step is not None and self._resting(step):
            # Not "a calm first contact lets you both see where things stand" just after
            # contact was set aside: the step rests.
            resting = self.tr("Resting while contact is set aside; for now your plan is about you.")
            return replace(step, purpose=resting)
        return step

    def _toward(self, step: Step | None) -> tuple[CriterionProgress, ...]:
        """How far the next step's milestones have come; none said while it rests (contact
        set aside: nothing is owed), as the Steps panel says it."""
        if step is None or self._resting(step):
            return ()
        progress = next((s for s in self._hub.steps_progress() if s.number == step.number), None)
        return progress.criteria if progress is not None else ()

    def _resting(self, step: Step) -> bool:
        """A step about contact, while contact is set aside."""
        return step.about_contact and self._hub.plan.contact_set_aside

    def _update_lessons_empty(self) -> None:
        model = self.lessons_model
        empty = model.rowCount() == 0
        if model.total == 0:
            self.lessons_empty.setText(
                self.tr(
                    "Every “what I learned” line you write after marking something done "
                    "will be kept here, newest first."
                )
            )
        else:
            self.lessons_empty.setText(
                self.tr("No lesson mentions “%1”.").replace("%1", model.search.strip())
            )
        self.lessons_empty.setVisible(empty)
        self.lessons_view.setVisible(not empty)

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    # -- commands --------------------------------------------------------------------------

    def export_pdf(self, path: Path) -> bool:
        """Write the page as a PDF report to `path`; a plain message if that cannot be done."""
        overview = self._overview if self._overview is not None and not self._dirty else None
        if overview is None:
            overview = self._hub.progress_overview()
        heading = progress_report.ReportHeading(
            plan_name=self._hub.plan.name,
            program_name=self._hub.program.name,
            today=self._hub.today(),
        )
        ahead = self._next_step()
        data = progress_report.render_pdf(overview, heading, ahead, self._toward(ahead))
        try:
            self._hub.save_report(path, data)
        except PlannerError as error:
            self._show_error(self.tr("Could not export the report"), error.message)
            return False
        self.report_exported.emit(path)
        return True

    def _show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setObjectName("progress_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.error_box = box
        box.open()

    # -- reactions -------------------------------------------------------------------------

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        if not changes.concerns_data():
            return  # a view choice (filters): nothing here depends on it
        # Anything can move these figures; read again now if shown, else when next shown.
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    @Slot(bool)
    def _on_pause_toggle_toggled(self, checked: bool) -> None:
        try:
            if checked:
                self._hub.start_pause()
            else:
                self._hub.end_pause()
        except PlannerError as error:
            self._show_paused(not checked)
            self._show_error(self.tr("Could not change the break"), error.message)

    @Slot()
    def _on_export_button_clicked(self) -> None:
        suggested = recent_folders.folder_for(recent_folders.REPORTS) / self.tr(
            "Rekindle progress %1.pdf"
        ).replace("%1", self._hub.today().isoformat())
        name, _ = file_dialogs.save_file_name(
            self, self.tr("Export as PDF"), str(suggested), self.tr("PDF files (*.pdf)")
        )
        if name:
            path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
            recent_folders.remember(recent_folders.REPORTS, path)
            self.export_pdf(path)

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.lessons_model.set_search(text)
        self._update_lessons_empty()
