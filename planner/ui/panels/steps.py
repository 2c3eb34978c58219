"""The steps side panel: the program's steps in order, the current one marked, and details."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDrag, QFont, QFontMetrics, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.domain.ids import StepNumber
from planner.domain.programs import Program, Step
from planner.ui import announce, labels, painting, palette, suggestion_drag
from planner.ui.widgets import keep_paging_keys, named

if TYPE_CHECKING:
    from planner.domain.milestones import StepProgress
    from planner.services.changes import Changes
    from planner.ui.hub import Hub

_Index = QModelIndex | QPersistentModelIndex


class StepListModel(QAbstractListModel):
    """One row per step of the plan's program."""

    StepRole = Qt.ItemDataRole.UserRole + 1
    CurrentRole = Qt.ItemDataRole.UserRole + 2
    ProgressRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, *, program: Program, current: StepNumber, parent: QWidget | None = None):
        super().__init__(parent)
        self._steps = program.steps
        self._current = current
        self._progress: dict[int, StepProgress] = {}

    def set_progress(self, progress: list[StepProgress]) -> None:
        """Precomputed milestone progress, shown by the delegate (data() never queries)."""
        self._progress = {step.number: step for step in progress}
        if self._steps:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._steps) - 1), [self.ProgressRole]
            )

    def set_current(self, current: StepNumber) -> None:
        if current == self._current:
            return
        old = self._current
        self._current = current
        for number in (old, current):
            index = self.index(number - 1)
            self.dataChanged.emit(index, index, [self.CurrentRole])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._steps)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._steps):
            return None
        step = self._steps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return step.title
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what the circle and bar show
            said = [self.tr("Step %1: %2").replace("%1", str(step.number))
                    .replace("%2", step.title)]  # fmt: skip
            progress = self._progress.get(step.number)
            if progress is not None and progress.complete:
                said.append(self.tr("complete"))
            elif progress is not None and progress.criteria:
                met = sum(1 for c in progress.criteria if c.met)
                said.append(
                    self.tr("%1 of %2 milestones met")
                    .replace("%1", str(met))
                    .replace("%2", str(len(progress.criteria)))
                )
            if step.number == self._current:
                said.append(self.tr("you are here"))
            return ", ".join(said)
        if role == Qt.ItemDataRole.ToolTipRole:
            return step.purpose
        if role == self.StepRole:
            return step
        if role == self.CurrentRole:
            return step.number == self._current
        if role == self.ProgressRole:
            return self._progress.get(step.number)
        return None


class StepDelegate(QStyledItemDelegate):
    """A numbered circle and the step title; the current step is filled with the accent."""

    ROW_HEIGHT = 34
    #: As narrow as a row is asked to be: a row is as wide as the list, and its title is cut
    #: to fit ("Understand what went…"); asked for 200, a narrowed panel scrolled sideways.
    ROW_MIN_WIDTH = 120

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(self.ROW_MIN_WIDTH, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        step = index.data(StepListModel.StepRole)
        current = bool(index.data(StepListModel.CurrentRole))
        progress = index.data(StepListModel.ProgressRole)
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painting.draw_selected_row(painter, option, rect)
        self._draw_number(painter, rect, step, current, progress)
        self._draw_title(painter, option, rect, step, current)
        self._draw_progress(painter, rect, progress)
        painter.restore()

    @staticmethod
    def _draw_progress(painter: QPainter, rect: QRectF, progress: StepProgress | None) -> None:
        """A thin bar under the title: how much of the step's milestone is met."""
        if progress is None or progress.fraction <= 0:
            return
        track = QRectF(rect.left() + 40, rect.bottom() - 6, rect.width() - 52, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.GRID_LINE)
        painter.drawRoundedRect(track, 1.5, 1.5)
        filled = QRectF(track.left(), track.top(), track.width() * progress.fraction, 3)
        painter.setBrush(palette.PROGRESS)  # as the check mark of a finished step
        painter.drawRoundedRect(filled, 1.5, 1.5)

    @staticmethod
    def _draw_number(
        painter: QPainter, rect: QRectF, step: Step, current: bool, progress: StepProgress | None
    ) -> None:
        circle = QRectF(rect.left() + 8, rect.center().y() - 11, 22, 22)
        if progress is not None and progress.complete:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.PROGRESS)
            painter.drawEllipse(circle)
            painter.setPen(palette.TEXT_ON_ACCENT)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, "✓")
            return
        if current:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.ACCENT_STRONG)
        else:
            painter.setPen(palette.GRID_LINE.darker(115))
            painter.setBrush(palette.CELL)
        painter.drawEllipse(circle)
        painter.setPen(palette.TEXT_ON_ACCENT if current else palette.TEXT_MUTED)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(step.number))

    @staticmethod
    def _draw_title(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, step: Step, current: bool
    ) -> None:
        font = QFont(option.font)
        font.setBold(current)
        painter.setFont(font)
        painter.setPen(palette.TEXT)
        text_rect = rect.adjusted(40, 0, -8, 0)
        text = painter.fontMetrics().elidedText(
            step.title, Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
        )


class IdeasBrowser(QTextBrowser):
    """The step's text; its suggested activities can be dragged onto the calendar.

    A click on an idea still opens the activity dialog (anchorClicked); moving the mouse far
    enough while pressed starts a drag instead.
    """

    #: An idea (or "Mark this step complete") chosen with Tab or Shift+Tab: its words.
    link_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._press: QPoint | None = None
        self._pressed_anchor = ""
        self._dragged = False  # a release after a drag is not a click on the idea

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab goes from link to link inside (Qt's), and says which one it reached."""
        moved = super().focusNextPrevChild(next)
        cursor = self.textCursor()
        if moved and self.hasFocus() and cursor.hasSelection() and cursor.charFormat().isAnchor():
            self.link_chosen.emit(cursor.selectedText().strip())
        return moved

    def mousePressEvent(self, event: QMouseEvent) -> None:
        anchor = self.anchorAt(event.position().toPoint())
        is_idea = event.button() == Qt.MouseButton.LeftButton and anchor.startswith("suggest:")
        self._press = event.position().toPoint() if is_idea else None
        self._pressed_anchor = anchor if is_idea else ""
        self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and (
            (event.position().toPoint() - self._press).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            anchor, self._press = self._pressed_anchor, None
            self._dragged = True
            self.start_drag(anchor)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        if self._dragged:  # where the drag loop hands the release on, it opens no dialog
            self._dragged = False
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mime_for(self, anchor: str) -> QMimeData | None:
        """What a drag of the idea behind `anchor` ("suggest:step/index") carries."""
        step, _, index = anchor.removeprefix("suggest:").partition("/")
        if not (step.isdigit() and index.isdigit()):
            return None
        title = self._title_of(anchor)
        return suggestion_drag.encode(int(step), int(index), title)

    def start_drag(self, anchor: str) -> None:
        data = self.mime_for(anchor)
        if data is None:
            return
        drag = QDrag(self)
        drag.setMimeData(data)
        drag.setPixmap(_drag_pixmap(data.text(), self.font()))
        drag.exec(Qt.DropAction.CopyAction)

    def _title_of(self, anchor: str) -> str:
        """The idea's title as shown (the anchor's own text)."""
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().anchorHref() == anchor:
                    return fragment.text()
                iterator += 1
            block = block.next()
        return ""


def _drag_pixmap(title: str, font: QFont) -> QPixmap:
    """A small chip with the idea's title, following the pointer while dragging."""
    metrics = QFontMetrics(font)
    width = min(metrics.horizontalAdvance(title) + 20, 260)
    pixmap = QPixmap(width, metrics.height() + 10)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.SELECTED_DAY)
    painter.drawRoundedRect(QRectF(pixmap.rect()), 5, 5)
    painter.setPen(palette.TEXT_ON_ACCENT)
    painter.setFont(font)
    text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width - 20)
    painter.drawText(QRectF(pixmap.rect()), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


class StepsPanel(QWidget):
    """Lists the steps; selecting one shows its purpose, guidance, ideas and milestones.

    Signals:
        suggestion_chosen(int, int): step number and index of a suggested activity to plan.
    """

    suggestion_chosen = Signal(int, int)

    def __init__(self, *, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.model = StepListModel(program=hub.program, current=hub.plan.current_step, parent=self)
        self.list = named(QListView(), "steps_list")
        self.list.setAccessibleName(self.tr("Steps"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(StepDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.details = named(IdeasBrowser(), "step_details")
        self.details.setAccessibleName(self.tr("About the step"))
        keep_paging_keys(self.list)
        keep_paging_keys(self.details)
        self.details.setOpenLinks(False)
        self.details.document().setDefaultStyleSheet(
            f"a {{ color: {palette.ACCENT_STRONG.name()}; text-decoration: none; }}"
            "h3 { margin-bottom: 2px; } li { margin-bottom: 3px; }"
        )
        self.details.anchorClicked.connect(self._on_details_anchor_clicked)
        self.details.link_chosen.connect(self._say_link)
        # Read line by line by a screen reader (it had heard "About the step" and no more);
        # Tab still goes from idea to idea.
        announce.caret_when_read(self.details)
        heading = QLabel(hub.program.name)
        heading.setProperty("role", "panel-heading")
        heading.setWordWrap(True)
        splitter = self.splitter = named(QSplitter(Qt.Orientation.Vertical), "steps_splitter")
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        # The list as tall as its steps (up to eight rows), the guidance and ideas the rest,
        # and what a window gains or loses goes to them: at 1024x700 a trial found five
        # steps above an empty third of the list, and the ideas in a box 160 px tall.
        rows = min(len(hub.program.steps), 8)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([StepDelegate.ROW_HEIGHT * rows + 2 * self.list.frameWidth() + 4, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        hub.changed_beside.connect(self._on_hub_changed)
        self._progress: dict[int, StepProgress] = {}
        #: "You are here": the plan's chosen step until progress is read, then moved on past
        #: the steps reached since.
        self._here = hub.plan.current_step
        self._progress_read = False
        self.list.setCurrentIndex(self.model.index(self._here - 1))
        hub.when_settled(self._load_progress)

    def _load_progress(self) -> None:
        """Milestone progress (read from the whole plan, so after the window's first paint)."""
        self._progress = {p.number: p for p in self._hub.steps_progress()}
        self.model.set_progress(list(self._progress.values()))
        first, before = not self._progress_read, self._here
        self._progress_read = True
        self._here = self._hub.step_you_are_on()
        self.model.set_current(self._here)
        shown = self.shown_step()
        if first and shown is not None and shown.number == before != self._here:
            # Opened on the chosen step, which is behind you now: open where you are instead
            # (later, the milestone message offers the next step rather than moving the list).
            self.show_step(self._here, focus=False)
        elif shown is not None:
            # The same step, read again: keep the reader's place (a link they were about to
            # click must not slide away under the pointer).
            bar = self.details.verticalScrollBar()
            place = bar.value()
            self.details.setHtml(self._describe(shown))
            bar.setValue(place)

    def show_step(self, number: int, *, focus: bool = True) -> None:
        """Select step `number` and bring its text (and ideas) into view."""
        self.list.setCurrentIndex(self.model.index(number - 1))
        if focus:
            self.list.setFocus()

    def shown_step(self) -> Step | None:
        index = self.list.currentIndex()
        step = index.data(StepListModel.StepRole) if index.isValid() else None
        return step if isinstance(step, Step) else None

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        step = current.data(StepListModel.StepRole)
        if isinstance(step, Step):
            self.details.setHtml(self._describe(step))

    @Slot(object)
    def _on_hub_changed(self, changes: Changes) -> None:
        if not changes.concerns_data():
            return  # a view choice (filters): progress is the same
        self._load_progress()  # marks change milestone progress and "you are here" with it

    @Slot(str)
    def _say_link(self, text: str) -> None:
        """The idea (or "Mark this step complete") Tab chose, said: a screen reader had
        heard "About the step" and nothing as the keys went from one to the next (an
        accessibility audit)."""
        announce.say(self.details, self.tr("%1, link").replace("%1", text))

    @Slot(QUrl)
    def _on_details_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "suggest":
            step, _, index = url.path().partition("/")
            self.suggestion_chosen.emit(int(step), int(index))
        elif url.scheme() == "complete":
            self._hub.complete_step(StepNumber(int(url.path())))
        elif url.scheme() == "reopen":
            self._hub.reopen_step(StepNumber(int(url.path())))

    def _resting_note(self) -> str:
        rests = html.escape(self.tr("This step is resting while contact is set aside."))
        meanwhile = html.escape(
            self.tr(
                "For now your plan is about you: self-care, reflection and growth. It will be "
                "here if contact is ever welcome again."
            )
        )
        return f"<p><b>{rests}</b> {meanwhile}</p>"

    def _describe(self, step: Step) -> str:
        esc = html.escape
        every_step_behind = bool(self._progress) and all(
            progress.complete for progress in self._progress.values()
        )  # as the Today panel says it then: no "you are here" on a step behind you
        current = step.number == self._here and not every_step_behind
        resting = self._hub.plan.contact_set_aside
        # With contact set aside, a step whose milestones are contact rests: said first, its
        # guidance (about reaching out) kept for later, quieter.
        rests = resting and step.about_contact
        here = self.tr("you are here")
        badge = f" <span style='color:{palette.ACCENT_STRONG.name()}'>· {here}</span>"
        muted = palette.TEXT_MUTED.name()
        guidance = f"<p style='color:{muted}'>" if rests else "<p>"
        how = self.tr(
            "Click an idea (or Tab to it and press Enter) to plan it, or drag it onto a day."
        )
        parts = [
            f"<h3>{self.tr('Step')} {step.number}: {esc(step.title)}"
            f"{badge if current else ''}</h3>",
            f"<p><i>{esc(step.purpose)}</i></p>",
            *([self._resting_note()] if rests else []),
            f"{guidance}{esc(step.guidance)}</p>",
            f"<h4>{self.tr('Ideas to plan')}</h4>",
            f"<p style='color:{palette.TEXT_MUTED.name()}'>{esc(how)}</p><ul>",
        ]
        for index, idea in enumerate(step.suggestions):
            if resting and idea.category.involves_contact:
                continue  # contact is set aside: it is not suggested
            if idea.all_day:
                days = idea.duration.days
                length = (
                    self.tr("1 day") if days == 1 else self.tr("%1 days").replace("%1", str(days))
                )
            else:
                minutes = int(idea.duration.total_seconds() // 60)
                length = self.tr("%1 min").replace("%1", str(minutes))
            parts.append(
                f"<li><a href='suggest:{step.number}/{index}'>{esc(idea.title)}</a> "
                f"<span style='color:{palette.TEXT_MUTED.name()}'>"
                f"· {esc(labels.category_label(idea.category))}, {esc(length)}</span></li>"
            )
        if resting and any(idea.category.involves_contact for idea in step.suggestions):
            parts.append(
                f"<li style='color:{palette.TEXT_MUTED.name()}'>"
                f"{esc(self.tr('Ideas for contact are resting while contact is set aside.'))}</li>"
            )
        counted = self.tr("Counted from what you do in the activities planned for this step.")
        parts.append(
            f"</ul><h4>{self.tr('Milestones')}</h4><p style='color:{muted}'>{esc(counted)}</p><ul>"
        )
        progress = self._progress.get(step.number)
        # Measured in the program's own order, one per declared criterion.
        measured = list(progress.criteria) if progress else []
        for position, criterion in enumerate(step.criteria):
            found = measured[position] if position < len(measured) else None
            if rests and criterion.category is not None and criterion.category.involves_contact:
                resting_note = f"· {self.tr('resting')}"
                parts.append(  # not "0 of 1": nothing is owed while contact is set aside
                    f"<li style='color:{muted}'>{esc(criterion.description)} "
                    f"{esc(resting_note).replace(' ', '&nbsp;')}</li>"
                )
                continue
            if found is None:
                parts.append(f"<li>{esc(criterion.description)}</li>")
                continue
            so_far = min(found.current, found.target)
            tick = " ✓" if found.met else ""
            count = f"· {so_far} {self.tr('of')} {found.target}{tick}"
            parts.append(  # the count wraps whole, never "4 of 4" with its tick below
                f"<li>{esc(criterion.description)} <span style='color:{muted}'>"
                f"{esc(count).replace(' ', '&nbsp;')}</span></li>"
            )
        parts.append("</ul>")
        if progress is not None and progress.completed_on is not None:
            when = QLocale().toString(
                QDate(progress.completed_on.year, progress.completed_on.month,
                      progress.completed_on.day), QLocale.FormatType.LongFormat,
            )  # fmt: skip
            if progress.completed_by_hand:  # as the progress page words it
                reached = self.tr("Marked complete on %1. You know best when a step is done.")
            else:
                reached = self.tr("Reached on %1. Well done for getting here.")
            reached = reached.replace("%1", when)
            parts.append(
                f"<p>{esc(reached)}"
                f" <a href='reopen:{step.number}'>{self.tr('Reopen this step')}</a></p>"
            )
        else:
            parts.append(
                f"<p><a href='complete:{step.number}'>{self.tr('Mark this step complete')}</a>"
                f" <span style='color:{muted}'>· {self.tr('you know best when it is done')}"
                "</span></p>"
            )
        return "".join(parts)
