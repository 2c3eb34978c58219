"""Every colour the UI paints with, in one place (paint code never holds colour literals)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from planner.domain.categories import Category

#: Category colour tokens (from the domain) to their base colours: soft, distinguishable hues.
_TOKENS = {
    "sage": "#6fa98a",
    "lavender": "#9685c9",
    "teal": "#2a9d8f",
    "mist": "#8aa3b8",
    "sky": "#4a90d9",
    "amber": "#d99a2b",
    "rose": "#d36a86",
    "coral": "#e07b5a",
    "peach": "#e6a07a",
    "stone": "#8f8a84",
}

ACCENT = QColor("#e07b5a")  # Rekindle's warm coral: today, selection, the current step
WINDOW = QColor("#faf8f6")
CELL = QColor("#ffffff")
CELL_OUTSIDE_MONTH = QColor("#f4f1ee")
CELL_WEEKEND = QColor("#fdfbf9")
GRID_LINE = QColor("#e6e1dc")
TEXT = QColor("#2f2d2b")
# Secondary text: 4.7:1 or more on every surface it is drawn on (WCAG AA; #8b857f had been
# 3.4:1, an accessibility audit).
TEXT_MUTED = QColor("#716a63")
TEXT_DIMMED = QColor("#bdb6ae")
TEXT_ON_ACCENT = QColor("#ffffff")
# What white text sits on: the coral deepened to 4.6:1 (on ACCENT it was 2.9:1; an audit).
ACCENT_STRONG = QColor("#bd5735")
TODAY_TINT = QColor(224, 123, 90, 16)
SELECTED_DAY = QColor(224, 123, 90, 150)
SELECTED_ROW = QColor(224, 123, 90, 40)
MORE_TEXT = QColor("#6d665f")
PROGRESS = QColor("#6fa98a")  # milestone progress: the calm sage of self-care
CARD = QColor("#ffffff")  # the progress page's cards
CHART_GRID = QColor("#f0ece8")
CHART_AXIS = QColor("#ddd6cf")
RING_TRACK = QColor("#efe9e3")
MOOD_LINE = QColor("#8f7fc4")  # the lavender of reflection
MOOD_FILL = QColor(143, 127, 196, 34)
MOOD_DOT = QColor(143, 127, 196, 150)  # a single day's mood: seen, lighter than the weekly line
PACING_FLAG = QColor("#d9a03f")  # a pacing hint: warm amber, a nudge and never an alarm
SPACE_TINT = QColor(138, 163, 184, 28)  # days inside a space period, shaded in the mist colour
PAUSED = QColor("#8aa3b8")  # the mist of space periods: resting, not failing
BAR_SEPARATOR = QColor(255, 255, 255, 200)
# The week and day grids.
HOUR_LINE = QColor("#ebe6e1")
HALF_HOUR_LINE = QColor("#f5f2ef")
OFF_HOURS = QColor("#fbf9f7")  # before 8:00 and after 20:00: a touch quieter
NOW_LINE = QColor("#e5484d")  # the current time: the one red line every calendar has
NOW_PILL = QColor("#d63c42")  # its time in white beside the hours, 4.6:1
GHOST_OUTLINE = QColor(224, 123, 90, 200)  # where a dragged or drawn activity will land
GHOST_FILL = QColor(224, 123, 90, 46)

#: The widgets' palette: Fusion's light one, role by role, as Qt draws it on a light desktop.
#: Each role's colour, then its colour when disabled where that differs.
_WIDGET_ROLES: dict[QPalette.ColorRole, tuple[str, str]] = {
    QPalette.ColorRole.Window: ("#efefef", "#efefef"),
    QPalette.ColorRole.WindowText: ("#000000", "#bebebe"),
    QPalette.ColorRole.Base: ("#ffffff", "#efefef"),
    QPalette.ColorRole.AlternateBase: ("#f7f7f7", "#f7f7f7"),
    QPalette.ColorRole.Text: ("#000000", "#bebebe"),
    QPalette.ColorRole.PlaceholderText: ("#707070", "#9a9a9a"),  # 4.9:1 (an audit)
    QPalette.ColorRole.Button: ("#efefef", "#efefef"),
    QPalette.ColorRole.ButtonText: ("#000000", "#bebebe"),
    QPalette.ColorRole.BrightText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.Light: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.Midlight: ("#cacaca", "#cacaca"),
    QPalette.ColorRole.Mid: ("#b8b8b8", "#b8b8b8"),
    QPalette.ColorRole.Dark: ("#9f9f9f", "#bebebe"),
    QPalette.ColorRole.Shadow: ("#767676", "#b1b1b1"),
    QPalette.ColorRole.Highlight: ("#308cc6", "#919191"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.Accent: ("#308cc6", "#919191"),
    QPalette.ColorRole.Link: ("#0000ff", "#0000ff"),
    QPalette.ColorRole.LinkVisited: ("#ff00ff", "#ff00ff"),
    QPalette.ColorRole.ToolTipBase: ("#ffffdc", "#ffffdc"),
    QPalette.ColorRole.ToolTipText: ("#000000", "#000000"),
}


def application_palette() -> QPalette:
    """The light palette every widget draws with, whatever the desktop's.

    Rekindle's style sheet and paint code draw light surfaces (cells, cards, buttons); a
    dark desktop (Windows or KDE in dark mode) hands Qt a palette with light text, which
    vanished on them: the step's guidance and the status bar were white on white.
    """
    widgets = QPalette()
    for role, (colour, disabled) in _WIDGET_ROLES.items():
        widgets.setColor(QPalette.ColorGroup.Active, role, QColor(colour))
        widgets.setColor(QPalette.ColorGroup.Inactive, role, QColor(colour))
        widgets.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return widgets


@functools.cache
def category_colour(category: Category) -> QColor:
    """The base colour of a category.

    This and the chip colours below are worked out once per category and shared (a grid asks
    for them a thousand times a paint): treat them as constants, never change one in place.
    """
    return QColor(_TOKENS[category.colour_token])


@functools.cache
def chip_fill(category: Category) -> QColor:
    """A light tint of the category colour, the background of a chip."""
    base = category_colour(category)
    return QColor.fromHsvF(base.hsvHueF(), base.hsvSaturationF() * 0.28, 0.99)


@functools.cache
def chip_text(category: Category) -> QColor:
    """Readable text on a chip: a dark shade of the category colour."""
    base = category_colour(category)
    return QColor.fromHsvF(base.hsvHueF(), min(1.0, base.hsvSaturationF() * 0.9), 0.38)


@functools.cache
def chip_detail_text(category: Category) -> QColor:
    """Secondary text on a chip (time, place, notes): the chip text, softer, yet 4.7:1 or
    more on its chip (at 0.48 some had 4.3:1: an accessibility audit). White on it is 4.9:1
    or more, so the step badge takes it as its fill."""
    base = category_colour(category)
    return QColor.fromHsvF(base.hsvHueF(), min(1.0, base.hsvSaturationF() * 0.7), 0.45)


@functools.cache
def chip_border(category: Category) -> QColor:
    """The thin outline of a block on the time grid, so neighbours stay apart."""
    base = category_colour(category)
    return QColor.fromHsvF(base.hsvHueF(), base.hsvSaturationF() * 0.45, 0.93)
