"""Days in words as each language writes them: the app's day-first English patterns turned
into the computer's own long date (order, commas, the period after a German day), cut to
the parts asked for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from planner.ui import labels
from planner.ui.main_window import MainWindow
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

DAY = date(2026, 12, 7)


@pytest.fixture
def locale_named() -> Iterator[object]:
    previous = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(previous)


@pytest.mark.parametrize(
    ("name", "pattern", "written"),
    [
        ("de_DE", "dddd d MMMM yyyy", "Montag, 7. Dezember 2026"),
        ("de_DE", "ddd d MMM", "Mo., 7. Dez."),
        ("de_DE", "d MMMM yyyy", "7. Dezember 2026"),
        ("es_ES", "dddd d MMMM", "lunes, 7 de diciembre"),
        ("fr_FR", "ddd d MMM yyyy", "lun. 7 déc. 2026"),
        ("ja_JP", "d MMMM", "12月7日"),
        ("tr_TR", "d MMMM yyyy", "7 Aralık 2026"),
        ("lv_LV", "dddd d MMMM", "pirmdiena, 7. decembris"),  # the year's words go with it
        ("lt_LT", "d MMMM", "gruodžio 7 d."),  # the day's own mark stays
        ("hr_HR", "d MMMM", "7. prosinca"),  # the year's period goes with it
        ("hu_HU", "dddd d MMMM", "december 7., hétfő"),
        ("ar_EG", "dddd d MMMM", "الاثنين، ٧ ديسمبر"),
        ("az_AZ", "dddd d MMMM", "7 dekabr, bazar ertəsi"),
        ("ca_ES", "d MMMM", "7 de desembre"),  # "de" inside quotes is no day
        ("en_GB", "dddd d MMMM yyyy", "Monday 7 December 2026"),  # as before
        ("en_US", "dddd d MMMM yyyy", "Monday, December 7, 2026"),
    ],
)
def test_a_day_is_written_as_the_computers_language_writes_it(
    qapp: object, locale_named: object, name: str, pattern: str, written: str
) -> None:
    locale_named(name)  # type: ignore[operator]
    assert labels.day_text(DAY, pattern) == written


def test_a_german_week_and_month_are_named_as_german_writes_them(
    qtbot: QtBot, main_window: MainWindow, locale_named: object
) -> None:
    """A German trial read the week without the day's period; a month cut short for room
    keeps the toolbar's words, so its buttons no longer move from month to month."""
    locale_named("de_DE")  # type: ignore[operator]
    window = main_window
    window.resize(1400, 800)
    qtbot.keyClick(window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.range_label.text() == "23. – 29. November 2026")
    qtbot.keyClick(window.week_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.range_label.text() == "November 2026")
    new_activity = window.toolbar.widgetForAction(window.new_action)
    window.resize(800, 800)  # little room: the month is cut before the buttons' words
    qtbot.waitUntil(lambda: window.range_label.text() == "Nov. 2026")
    assert new_activity.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    # A week, cut short, goes without this year (the window's title keeps it).
    qtbot.keyClick(window.month_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.range_label.text() == "23. – 29. Nov.")
    assert new_activity.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert window.windowTitle() == "23. – 29. November 2026 — Rekindle"


@pytest.mark.parametrize(
    ("name", "begins"),
    [("de_DE", "21."), ("en_GB", "21"), ("fr_FR", "21"), ("ar_EG", "٢١"), ("ja_JP", None),
     ("hu_HU", None), ("lv_LV", None)],
)  # fmt: skip
def test_a_range_begins_with_the_day_alone_only_where_dates_begin_with_it(
    qapp: object, locale_named: object, name: str, begins: str | None
) -> None:
    """A review read the year between the two days: where the year or month comes first, the range
    names both days whole."""
    locale_named(name)  # type: ignore[operator]
    assert labels.day_number(date(2026, 12, 21)) == begins
