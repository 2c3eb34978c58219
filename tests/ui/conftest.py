"""Qt fixtures: a fixed locale, services holding a plan, the Hub and the main window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Protocol, TypeVar

import pytest
from planner.clock import FixedClock
from planner.domain.ids import ProgramId
from planner.domain.plans import PlanDraft
from planner.errors import StorageError
from planner.services.context import Services
from planner.ui.hub import Hub
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QLocale, QPoint, QRectF, QSettings, Qt
from PySide6.QtGui import QImage, QPainter, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from tests.zones import BERLIN

#: "Today" for every GUI test: the FixedClock's Monday, in Berlin.
TODAY = date(2026, 11, 23)
BERLIN_NAME = "Europe/Berlin"
PLAN_START = date(2026, 11, 2)

D = TypeVar("D", bound=QDialog)


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """What the app remembers (folders, the last plan) goes to a folder of this test's own,
    never to the person's settings, nor from one test to the next."""
    folder = tmp_path_factory.mktemp("settings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


@pytest.fixture(autouse=True)
def _no_question_left_open() -> Iterator[None]:
    """A dialog closed at a test's end with words in it asks "leave without saving?", and
    the question stayed open into the next test, which then found two boxes showing."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.done(QMessageBox.StandardButton.Cancel)
            widget.deleteLater()


@pytest.fixture(autouse=True)
def _english_locale() -> Iterator[None]:
    """Month names and the first weekday come from the default QLocale: pin it (Monday first)."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def plan_services(services: Services, clock: FixedClock) -> Services:
    """Services over a temp database holding a fresh eleven-step plan (no activities),
    started in the app on the day it begins, three weeks ago."""
    now = clock.now()
    clock.set(datetime.combine(PLAN_START, time(9), tzinfo=BERLIN))
    services.plans.create(PlanDraft(ProgramId("eleven-steps"), PLAN_START, BERLIN_NAME))
    clock.set(now)
    return services


@pytest.fixture
def demo_services(services: Services) -> Services:
    """Services over a temp database holding the demo plan and its activities."""
    services.plans.seed_demo(PlanDraft(ProgramId("eleven-steps"), PLAN_START, BERLIN_NAME))
    return services


@pytest.fixture
def hub(qapp: QApplication, plan_services: Services) -> Hub:
    return Hub(services=plan_services)


@pytest.fixture
def main_window(qtbot: QtBot, plan_services: Services) -> MainWindow:
    """The main window over `plan_services`, shown and exposed, with the month view focused."""
    window = MainWindow(services=plan_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.month_view.setFocus()
    return window


def center(rect: QRectF | None) -> QPoint:
    """The integer centre of a rect the month view reported (which must exist)."""
    assert rect is not None
    return rect.center().toPoint()


def menu_words(text: str) -> str:
    """A menu item's (or button's) words as read, without the "&" underlining its access key."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def access_keys(texts: list[str]) -> list[str]:
    """The underlined letters of menu items, lower case ("&&" is a plain "&")."""
    plain = [text.replace("&&", "") for text in texts]
    return [text[text.index("&") + 1].lower() for text in plain if "&" in text]


def anchor_point(browser: QTextBrowser, text: str) -> QPoint:
    """Where a link's words are drawn in a text browser's viewport, scrolled into view."""
    found = browser.document().find(text)
    assert not found.isNull(), f"{text!r} is not in the browser"
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 2)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    return QPoint(rect.center().x() + 1, rect.center().y())


def double_click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> None:
    """What a real double-click delivers: press and release, then the double-click event.

    (QTest.mouseDClick on a widget sends only the MouseButtonDblClick event in Qt 6.)
    """
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def status_message(window: MainWindow) -> str:
    """The status bar's message as the person sees it: the plan summary steps aside while a
    message shows, so the message has the bar's width (not only a text in Qt's memory)."""
    message = window.statusBar().currentMessage()
    assert message, "no message in the status bar"
    summary = window.statusBar().findChild(QLabel, "plan_summary")
    assert summary is not None and not summary.isVisible(), "the message has no room to show"
    return message


def wait_for_dialog(qtbot: QtBot, parent: QWidget, kind: type[D]) -> D:
    """The visible dialog of `kind` opened on `parent` (waiting until it shows up)."""

    def visible() -> D | None:
        for child in parent.findChildren(kind):
            if child.isVisible():
                return child
        return None

    qtbot.waitUntil(lambda: visible() is not None)
    found = visible()
    assert found is not None
    return found


def wait_closed(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible())


class _Paging(Protocol):
    @property
    def shows_drawn_ahead(self) -> bool: ...
    def go_next(self) -> None: ...
    def go_previous(self) -> None: ...


def drawn_ahead_next(view: _Paging) -> bool:
    """Whether the range after the one a calendar shows is drawn already (peeking, then
    going back)."""
    view.go_next()
    drawn = view.shows_drawn_ahead
    view.go_previous()
    return drawn


def record_texts(monkeypatch: pytest.MonkeyPatch, module: object) -> list[str]:
    """The words every painter `module` makes is asked to write, from now on (a list that
    fills as it paints)."""
    written: list[str] = []

    class Recording(QPainter):
        def drawText(self, *args: object) -> None:
            if isinstance(args[-1], str):
                written.append(args[-1])
            super().drawText(*args)  # type: ignore[call-overload]

    monkeypatch.setattr(module, "QPainter", Recording)
    return written


class RecordingPainter(QPainter):
    """A painter over `image` that keeps the words it is asked to write, and their sizes."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []
        self.sizes: list[float] = []

    def drawText(self, *args: object) -> None:
        self.texts.append(next(str(a) for a in args if isinstance(a, str)))
        self.sizes.append(self.font().pointSizeF())
        super().drawText(*args)  # type: ignore[call-overload]


def busy_once(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[StorageError]:
    """Make `owner.name` fail once, as a busy file does, then work again; the list empties
    when the failure was met."""
    real = getattr(owner, name)
    failures = [StorageError("The plan file is busy. Nothing was changed.")]

    def once(*args: object, **kwargs: object) -> object:
        if failures:
            raise failures.pop()
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, once)
    return failures
