"""The chip painter: a block on the time grid writes in its own, smaller font throughout, and
a narrow block gives its times whole or names the start alone, never cut mid-number."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from planner.domain.activities import ActivityDraft, create_activity, validate_draft
from planner.domain.categories import Category
from planner.domain.ids import ActivityUid, PlanId, StepNumber
from planner.domain.occurrences import Occurrence, Status
from planner.ui import labels, palette
from planner.ui.calendar import chips
from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import RecordingPainter
from tests.zones import BERLIN


def _occurrence() -> Occurrence:
    start = datetime(2026, 11, 25, 10, tzinfo=BERLIN)
    draft = ActivityDraft(
        title="Pottery class", category=Category.GROWTH, step=StepNumber(4), start=start,
        end=start + timedelta(hours=1), all_day=False, zone="Europe/Berlin",
    )  # fmt: skip
    activity = create_activity(validate_draft(draft, step_count=11), uid=ActivityUid("p@test"),
                               plan_id=PlanId(1), at=datetime(2026, 11, 1, tzinfo=UTC))  # fmt: skip
    return Occurrence(activity, start, start + timedelta(hours=1), start)


def _painted(rect: QRectF) -> RecordingPainter:
    image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    painter = RecordingPainter(image)
    painter.setFont(QFont("Sans Serif", 10))
    occurrence = _occurrence()
    text = chips.block_text(occurrence, BERLIN, details=False)
    chips.paint_block(painter, rect, occurrence, text, chips.ChipStyle())
    painter.end()
    return painter


def _sizes(rect: QRectF) -> list[float]:
    return _painted(rect).sizes


def test_a_short_blocks_label_and_badge_use_the_blocks_smaller_font(qapp: QApplication) -> None:
    badge, label = _sizes(QRectF(10, 10, 200, 22))  # one line: the step badge, then the title

    assert label == 10 - chips.BLOCK_FONT_SMALLER  # as a tall block's title lines
    assert badge == 10 - chips.BLOCK_FONT_SMALLER - 2.5


def test_a_tall_blocks_title_is_written_as_a_short_blocks(qapp: QApplication) -> None:
    _badge, title, *_rest = _sizes(QRectF(10, 10, 200, 80))

    assert title == 10 - chips.BLOCK_FONT_SMALLER


def test_a_narrow_block_names_its_start_alone_rather_than_half_its_end(
    qapp: QApplication,
) -> None:
    wide = _painted(QRectF(10, 10, 200, 80)).texts
    assert "10:00 – 11:00" in wide
    narrow = _painted(QRectF(10, 10, 66, 80)).texts  # a week column at the default size
    assert "10:00" in narrow
    assert not [t for t in narrow if t.startswith("10:00") and t != "10:00"]  # never cut mid-number


def test_a_word_wider_than_a_narrow_block_is_cut_there_never_broken(
    qapp: QApplication,
) -> None:
    """Two trials: broken between its letters, "Read a chapter" read "Rea|d a…" and a time
    "15:0|0"; each word cut on its own, "R… a…" before that. The title is cut once, where
    its first too-wide word begins to run over, and the lines above it stay whole words."""
    font = QFont("Sans Serif", 10)
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance("Aftern")  # narrower than its first word
    lines = chips._wrapped("Afternoon at the botanical garden", metrics, width, 3)
    assert len(lines) == 1 and lines[0].startswith("Aft") and lines[0].endswith("…")
    assert metrics.horizontalAdvance(lines[0]) <= width
    width = metrics.horizontalAdvance("Read a cha")
    assert chips._wrapped("Read a chapter", metrics, width, 3) == [
        "Read a",
        metrics.elidedText("chapter", Qt.TextElideMode.ElideRight, width),
    ]
    roomy = chips._wrapped("Afternoon at the botanical garden", metrics, 1000, 3)
    assert roomy == ["Afternoon at the botanical garden"]
    # A trial: the mark of a done one stood on a line of its own above "Dinner with a…".
    width = metrics.horizontalAdvance("✓ Dinn")
    done = chips._wrapped("✓ Dinner with a friend", metrics, width, 3)
    assert len(done) == 1 and done[0].startswith("✓ Di") and done[0].endswith("…")


def test_a_block_too_narrow_for_its_start_time_writes_no_part_of_it(
    qapp: QApplication,
) -> None:
    """A week beside both side panels at 1024 px: the time had read "10:0" over "0"."""
    texts = _painted(QRectF(10, 10, 34, 80)).texts
    assert not [t for t in texts if t[:1].isdigit() and t != "10:00"]


def test_a_twelve_hour_start_goes_over_two_lines_where_its_number_fits(
    qapp: QApplication,
) -> None:
    """A review: "10:00 AM" too wide for a 50 px block was left out whole, where "10:00"
    over "AM" had shown before."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    texts = _painted(QRectF(10, 10, 50, 80)).texts  # the locale is put back after each test
    start = labels.clock(_occurrence().start)
    number, _space, half = start.replace("\u202f", " ").partition(" ")
    assert number in texts and any(t.startswith(half) for t in texts), texts


def test_a_narrow_block_gives_its_title_the_room_of_the_step_badge(qapp: QApplication) -> None:
    """A week column beside both side panels is ~80 px: the badge left "✓ M…" of the title."""
    narrow = _painted(QRectF(10, 10, 80, 22)).texts
    assert "4" not in narrow  # no step badge
    assert any(t.startswith("Pott") for t in narrow)
    assert "4" in _painted(QRectF(10, 10, 120, 22)).texts  # with room, the step shows


def test_a_block_too_low_for_its_step_number_draws_no_badge(qapp: QApplication) -> None:
    """A new user's trial: a 20-minute block's badge was cut top and bottom, a blob."""
    assert "4" not in _painted(QRectF(10, 10, 200, 15)).texts  # 20 minutes: 16 px, less a line
    assert "4" in _painted(QRectF(10, 10, 200, 22)).texts


def test_a_narrow_chip_gives_its_title_the_room_of_the_step_badge(qapp: QApplication) -> None:
    """A trial's month beside both side panels (~90 px cells) read "Evening… ①" every day."""

    def painted(width: float) -> list[str]:
        image = QImage(400, 100, QImage.Format.Format_ARGB32_Premultiplied)
        painter = RecordingPainter(image)
        painter.setFont(QFont("Sans Serif", 10))
        chips.paint_chip(painter, QRectF(4, 4, width, 19), _occurrence(), "Pottery class",
                         chips.ChipStyle())  # fmt: skip
        painter.end()
        return painter.texts

    assert "4" not in painted(90)
    assert "4" in painted(150)  # with room, the step shows


def test_the_pacing_dot_sits_whole_inside_a_chip_and_a_block(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the corner, a neighbour or the edge of the all-day row cut it to a quarter (a
    trial)."""
    centres: list[tuple[float, float]] = []
    real = chips.draw_flag_at

    def recorded(painter: QPainter, centre: QPointF) -> None:
        centres.append((centre.x(), centre.y()))
        real(painter, centre)

    monkeypatch.setattr(chips, "draw_flag_at", recorded)
    image = QImage(400, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setFont(QFont("Sans Serif", 10))
    chip, block = QRectF(4, 4, 150, 19), QRectF(4, 40, 150, 60)
    flagged = chips.ChipStyle(flagged=True)
    chips.paint_chip(painter, chip, _occurrence(), "Pottery class", flagged)
    text = chips.block_text(_occurrence(), BERLIN, details=False)
    chips.paint_block(painter, block, _occurrence(), text, flagged)
    painter.end()
    radius = chips.FLAG_RADIUS
    for (x, y), rect in zip(centres, (chip, block), strict=True):
        dot = QRectF(x - radius, y - radius, 2 * radius, 2 * radius)
        assert rect.contains(dot), (rect, dot)


def test_times_follow_the_computers_clock_twelve_hours_in_the_us(qapp: QApplication) -> None:
    """A US computer writes 6:00 PM in the Agenda and the Today list: the grid, its chips and
    reminders must not say 18:00 beside them."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    occurrence = _occurrence()  # 10:00 to 11:00 in Berlin

    assert labels.clock(datetime(2026, 11, 25, 18, 30)).replace("\u202f", " ") == "6:30 PM"
    assert labels.hour_mark(7).replace("\u202f", " ") == "7 AM"
    assert labels.hour_mark(19).replace("\u202f", " ") == "7 PM"
    text = chips.block_text(occurrence, BERLIN, details=False)
    assert text.when.replace("\u202f", " ") == "10:00 AM – 11:00 AM"
    assert chips.chip_label(occurrence, BERLIN, show_time=True).startswith("10:00")
    assert "AM" in chips.chip_label(occurrence, BERLIN, show_time=True)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert labels.hour_mark(19) == "19:00"
    assert chips.chip_label(occurrence, BERLIN, show_time=True) == "10:00 Pottery class"


def test_an_hour_mark_is_the_computers_clock_without_its_minutes(qapp: QApplication) -> None:
    """The grid's edge says hours as the agenda says times: in each language's own order."""
    expected = {
        (QLocale.Language.Korean, QLocale.Country.SouthKorea): "오전 7",  # the word first
        (QLocale.Language.English, QLocale.Country.Canada): "7 a.m.",
        (QLocale.Language.Finnish, QLocale.Country.Finland): "7.00",
        (QLocale.Language.German, QLocale.Country.Germany): "07:00",
    }
    try:
        for (language, country), mark in expected.items():
            QLocale.setDefault(QLocale(language, country))
            assert labels.hour_mark(7).replace("\u202f", " ") == mark
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def test_a_short_blocks_one_line_keeps_the_start_whole_in_a_twelve_hour_clock(
    qapp: QApplication,
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        line = " ".join(_painted(QRectF(10, 10, 300, 22)).texts).replace("\u202f", " ")
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert "10:00 AM Pottery class" in line  # not "10:00 Pottery class", its AM cut off


def _near(one: QColor, other: QColor) -> bool:
    return all(abs(a - b) <= 8 for a, b in zip(one.getRgb()[:3], other.getRgb()[:3], strict=True))


def test_a_skipped_one_is_open_where_a_done_one_is_filled(qapp: QApplication) -> None:
    """A new user's trial: faded and filled alike, done and skipped were told apart only by
    a small ✓. Let go, a chip or block is open (the day shows through), its outline dashed."""
    background = QColor("#fdfbf9")

    def inside(status: Status) -> tuple[QColor, QColor]:
        image = QImage(400, 200, QImage.Format.Format_ARGB32)
        image.fill(background)
        painter = QPainter(image)
        painter.setFont(QFont("Sans Serif", 10))
        occurrence = replace(_occurrence(), status=status)
        chips.paint_chip(painter, QRectF(10, 10, 200, 19), occurrence, "", chips.ChipStyle())
        text = chips.block_text(occurrence, BERLIN, details=False)
        chips.paint_block(painter, QRectF(10, 60, 200, 100), occurrence, text, chips.ChipStyle())
        painter.end()
        return image.pixelColor(190, 26), image.pixelColor(150, 150)  # past the words

    for status in (Status.PLANNED, Status.DONE):
        chip, block = inside(status)
        assert chip != background and block != palette.CELL, status
    chip, block = inside(Status.SKIPPED)
    assert chip == background  # the day shows through
    assert block == palette.CELL  # covering what is under it, as a done one does


def test_a_skipped_bar_going_on_into_the_next_week_has_no_edge_where_it_goes_on(
    qapp: QApplication,
) -> None:
    """A review: a let-go week split across two rows read as two dashed boxes."""
    background = QColor("#fdfbf9")
    skipped = replace(_occurrence(), status=Status.SKIPPED)

    def right_edge(open_right: bool) -> set[str]:
        image = QImage(300, 60, QImage.Format.Format_ARGB32)
        image.fill(background)
        painter = QPainter(image)
        painter.setFont(QFont("Sans Serif", 10))
        style = chips.ChipStyle(open_right=open_right)
        chips.paint_chip(painter, QRectF(10, 10, 60, 19), skipped, "", style)  # no badge
        painter.end()
        return {image.pixelColor(x, y).name() for x in range(66, 72) for y in range(14, 26)}

    assert right_edge(open_right=False) != {background.name()}  # closed: its dashed edge
    assert right_edge(open_right=True) == {background.name()}


def test_a_chosen_skipped_activitys_outline_is_drawn_at_full_strength(qapp: QApplication) -> None:
    """A skipped chip is quiet; the outline saying it is the chosen one is not (pale pink on
    grey, it could hardly be told apart)."""
    skipped = replace(_occurrence(), status=Status.SKIPPED)
    chip, block = QRectF(10, 10, 180, 20), QRectF(10, 60, 180, 60)
    for selected_at_once in (True, False):  # painted chosen, or chosen over a cached layer
        image = QImage(220, 140, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        style = chips.ChipStyle(selected=selected_at_once)
        chips.paint_chip(painter, chip, skipped, "Pottery class", style)
        text = chips.block_text(skipped, BERLIN, details=False)
        chips.paint_block(painter, block, skipped, text, style)
        if not selected_at_once:
            chips.paint_chip_selection(painter, chip, chips.ChipStyle(selected=True))
            chips.paint_block_selection(painter, block)
        painter.end()
        assert _near(image.pixelColor(100, 10), palette.ACCENT), image.pixelColor(100, 10).name()
        assert _near(image.pixelColor(100, 61), palette.ACCENT), image.pixelColor(100, 61).name()


def _painted_text(rect: QRectF, *, times_first: bool = False) -> list[str]:
    image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    painter = RecordingPainter(image)
    painter.setFont(QFont("Sans Serif", 10))
    occurrence = _occurrence()
    text = replace(chips.block_text(occurrence, BERLIN, details=False), times_first=times_first)
    chips.paint_block(painter, rect, occurrence, text, chips.ChipStyle())
    painter.end()
    return painter.texts


def _cut_times(texts: list[str]) -> list[str]:
    """Times cut short ("1…", "10:0…") or a dash alone on its line."""
    return [t for t in texts if (t[:1].isdigit() and t.endswith("…")) or t == "–"]


@pytest.mark.parametrize("times_first", [False, True])
@pytest.mark.parametrize("size", [(40, 20), (50, 20), (60, 20), (40, 36), (50, 36), (60, 50)])
def test_no_time_is_ever_cut_mid_number(
    qapp: QApplication, size: tuple[int, int], times_first: bool
) -> None:
    """A review: a block being dragged in a narrow week showed "1…", "10:0…", or its dash on
    a line of its own and no title; at rest, a US start showed "10:0…"."""
    for country in (QLocale.Country.UnitedKingdom, QLocale.Country.UnitedStates):
        QLocale.setDefault(QLocale(QLocale.Language.English, country))
        texts = _painted_text(QRectF(10, 10, *size), times_first=times_first)
        assert not _cut_times(texts), (country, texts)


def test_a_time_across_a_change_of_the_clocks_names_each_side(qapp: QApplication) -> None:
    """A US trial read "1:30 AM to 1:15 AM" for 45 minutes on a fall-back night: backwards. Each
    side says which clock it is on then; an ordinary span is written as before."""
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # before the clocks go back
    after = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=BERLIN)  # 45 minutes later
    assert labels.clock_span(first, after) == "02:30 CEST–02:15 CET"
    assert labels.clock_span(first.replace(hour=9), first.replace(hour=10)) == "09:30–10:30"


def test_a_zone_without_short_names_is_said_by_its_offset_across_the_change(
    qapp: QApplication,
) -> None:
    """Chile's clocks have no letters: "23:30 -03 to 23:15 -04" read as minus signs and a dash."""
    santiago = ZoneInfo("America/Santiago")
    first = datetime(2027, 4, 3, 23, 30, tzinfo=santiago)  # before the clocks go back
    after = datetime(2027, 4, 3, 23, 15, fold=1, tzinfo=santiago)
    assert labels.clock_span(first, after, " to ") == "23:30 UTC-3 to 23:15 UTC-4"
    assert labels.zone_name(datetime(2026, 12, 8, 12, tzinfo=ZoneInfo("Asia/Kolkata"))) == "IST"
    assert labels.zone_name(datetime(2026, 12, 8, 12, tzinfo=ZoneInfo("Asia/Kathmandu"))) == (
        "UTC+5:45"
    )


def test_a_title_too_wide_beside_the_pacing_dot_begins_below_it_whole(
    qapp: QApplication,
) -> None:
    """A trial's 90-minute "Coffee with Alex" read "Coff…" above empty room once a pacing
    dot took the first line's end; the same block without the dot wrapped its title."""
    for width in range(70, 132, 2):
        image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
        painter = RecordingPainter(image)
        painter.setFont(QFont("Sans Serif", 10))
        occurrence = _occurrence()
        text = chips.block_text(occurrence, BERLIN, details=False)
        flagged = chips.ChipStyle(flagged=True)
        chips.paint_block(painter, QRectF(10, 10, width, 90), occurrence, text, flagged)
        painter.end()
        cut = [t for t in painter.texts if t.startswith("Pott") and "…" in t]
        assert cut == [], (width, painter.texts)
        assert any(t.startswith("Pottery") for t in painter.texts), (width, painter.texts)


def test_a_done_block_covers_what_is_under_it(qapp: QApplication) -> None:
    """Two blocks side by side in one hour: a done one, faded, let the other's words show
    through its own (a re-trial)."""
    image = QImage(200, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("black"))  # what is under it: another block's words, say
    painter = QPainter(image)
    occurrence = replace(_occurrence(), status=Status.DONE)
    text = chips.block_text(occurrence, BERLIN, details=False)
    chips.paint_block(painter, QRectF(10, 10, 120, 150), occurrence, text, chips.ChipStyle())
    painter.end()
    assert image.pixelColor(100, 140).lightness() > 200  # faded, and light all through
