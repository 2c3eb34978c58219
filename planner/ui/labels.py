"""User-visible names for domain codes (the domain returns ids; words live in the UI)."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QKeySequence

from planner.domain import reminders
from planner.domain.categories import Category
from planner.domain.completions import MOOD_MAX, MOOD_MIN
from planner.domain.occurrences import Status

if TYPE_CHECKING:
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from planner.domain.activities import Activity

#: Qt's short key names, as a keyboard's own keys are labelled ("PgDown" is "Page Down").
_KEY_NAMES = {"PgUp": "Page Up", "PgDown": "Page Down", "Return": "Enter", "Del": "Delete",
              "Ins": "Insert"}  # fmt: skip
_KEY_NAME = re.compile(r"(?<!\w)(" + "|".join(_KEY_NAMES) + r")(?!\w)")

#: A day written day first, as the app's patterns are: weekday?, day, month, year?.
_DAY_FIRST = re.compile(r"(?:(dddd?) )?d (MMMM?)(?: (yyyy))?")


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def clock(moment: datetime | time | QTime) -> str:
    """A time of day as this computer's language writes it: 18:30, or 6:30 PM in the US."""
    shown = moment if isinstance(moment, QTime) else QTime(moment.hour, moment.minute)
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


def clock_span(start: datetime, end: datetime, separator: str = "–") -> str:
    """From one time of day to another, as `clock` writes each; across a change of the
    clocks, each with its zone's name, as 1:30 to 1:15 on a fall-back night reads backwards
    otherwise (a US trial): "1:30 AM EDT to 1:15 AM EST"."""
    if start.tzinfo is not None and start.utcoffset() != end.utcoffset():
        return f"{clock(start)} {zone_name(start)}{separator}{clock(end)} {zone_name(end)}"
    return f"{clock(start)}{separator}{clock(end)}"


def zone_name(moment: datetime) -> str:
    """The short name of `moment`'s zone then ("EDT", "CET"), or, where the zone has none
    and the database writes its offset ("-03" in São Paulo, read beside a time as a minus
    sign), that offset from UTC: "UTC-3", "UTC+5:30"."""
    name = moment.tzname() or ""
    offset = moment.utcoffset()
    if offset is None or (name and name[0] not in "+-"):
        return name
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def hour_mark(hour: int) -> str:
    """An hour on the time grid's edge, as `clock` writes it: 07:00, 07.00 or 07 h 00; where
    the clock has twelve hours, without its minutes (7 AM, 7 a.m., 오전 7)."""
    locale = QLocale()
    shape = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if "a" in shape.lower():
        shape = re.sub(r"\s*[:.]?\s*m+", "", shape, count=1)
    return locale.toString(QTime(hour, 0), shape)


def month_first() -> bool:
    """Whether this computer's language writes the month before the day and the year last,
    as the US does ("Sunday, December 6, 2026")."""
    written = re.sub(r"d{3,4}", "", QLocale().dateFormat(QLocale.FormatType.LongFormat))
    day, month, year = (written.find(letter) for letter in "dMy")
    return 0 <= month < day < year


def day_format(pattern: str) -> str:
    """`pattern`, written day first as the app writes it in English ("dddd d MMMM yyyy"),
    as this computer's language writes it: "dddd, MMMM d, yyyy" where the month comes
    first, and in other languages as their own long date is written, with its order and
    punctuation ("dddd, d. MMMM yyyy" in German; a German trial read "Montag 7 Dezember")."""
    found = _DAY_FIRST.fullmatch(pattern)
    if found is None:
        return pattern
    weekday, month, year = found.groups()
    locale = QLocale()
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        return _in_own_words(locale.dateFormat(QLocale.FormatType.LongFormat),
                             weekday, month, year is not None)  # fmt: skip
    if not month_first():
        return pattern
    text = f"{month} d"
    if weekday:
        text = f"{weekday}, {text}"
    return f"{text}, yyyy" if year else text


def day_number(day: date) -> str | None:
    """The day of the month alone, as it begins a range ("21 to 27 December"), in this
    computer's digits and with its period where the language writes one ("21." in German);
    None where the day does not come first in a date (in Japanese or Hungarian the range
    had read as nothing, the year between the two days: a review), so the range names both
    days in full."""
    locale = QLocale()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return str(day.day)
    fields = _parts(_in_own_words(locale.dateFormat(QLocale.FormatType.LongFormat),
                                  None, "MMMM", True))[1::2]  # fmt: skip
    if not fields or fields[0] not in ("d", "dd"):
        return None
    text = _parts(locale.dateFormat(QLocale.FormatType.LongFormat))
    mark = "." if text[text.index(fields[0]) + 1].startswith(".") else ""
    return f"{locale.toString(day.day)}{mark}"


#: What joins a weekday to the rest when it ends a date: commas (Arabic's too) and spaces.
_JOINING = " ,\u060c\u202f\u00a0"


def _parts(written: str) -> list[str]:
    """A date format cut into the texts between its fields and the fields (runs of d, M or
    y outside quotes), in turn: text, field, text, ..., text."""
    parts, text, index = [], "", 0
    while index < len(written):
        letter = written[index]
        if letter == "'":  # quoted words are text, whatever letters they hold
            close = written.find("'", index + 1)
            close = len(written) - 1 if close < 0 else close
            text += written[index : close + 1]
            index = close + 1
        elif letter in "dMy":
            run = index
            while run < len(written) and written[run] == letter:
                run += 1
            parts += [text, written[index:run]]
            text, index = "", run
        else:
            text += letter
            index += 1
    return [*parts, text]


def _in_own_words(long: str, weekday: str | None, month: str, year: bool) -> str:
    """A language's long date format (weekday, day, month name and year) cut to the parts
    asked for: the weekday as `weekday`, the month name as `month`, the year only if `year`.

    A field left out takes its words with it: the text after it where it comes first
    ("Montag, ", "2026年"), the text before it and after it where it comes last ("de 2026",
    a Russian year's mark). In the middle it takes the text after it when that holds words
    or a period of its own (Latvian "2026. gada "), else the joining before it. A weekday
    that comes last takes only the commas and spaces before it, as the day's own mark comes
    before them (Hungarian "7.,", Lithuanian "7 d.,")."""
    parts = _parts(long)

    def cut(field: str) -> None:
        if field not in parts[1::2]:
            return
        index = parts.index(field)
        before, after = parts[index - 1], parts[index + 1]
        if index == 1:  # first
            parts[index - 1 : index + 2] = [before]
        elif index == len(parts) - 2:  # last
            kept = before.rstrip(_JOINING) if field == "dddd" else ""
            parts[index - 1 : index + 2] = [kept]
        elif "'" in after or after.lstrip().startswith(".") or any(c.isalpha() for c in after):
            parts[index : index + 2] = []
        else:
            parts[index - 1 : index + 1] = []

    if weekday is None:
        cut("dddd")
    if not year:
        cut("yyyy")
    text = "".join(parts).strip(_JOINING)
    if weekday is not None:
        text = text.replace("dddd", weekday)  # the only run of four d's
    if month == "MMM":
        text = text.replace("MMMM", "MMM")
    return text


def day_text(day: date, pattern: str) -> str:
    """`day` in words, `pattern` (day first, see day_format) in this computer's order."""
    return QLocale().toString(QDate(day.year, day.month, day.day), day_format(pattern))


def category_label(category: Category) -> str:
    """A short, friendly name for a category."""
    return {
        Category.SELF_CARE: _tr("Self-care"),
        Category.REFLECTION: _tr("Reflection & journaling"),
        Category.GROWTH: _tr("Personal growth"),
        Category.SPACE: _tr("Space (no contact)"),
        Category.MESSAGE: _tr("Message or call"),
        Category.MEETUP: _tr("Low-pressure meetup"),
        Category.APOLOGY: _tr("Apology conversation"),
        Category.OUTING: _tr("Shared outing"),
        Category.GESTURE: _tr("Caring gesture"),
        Category.OTHER: _tr("Other"),
    }[category]


def mark_label(status: Status) -> str:
    """The menu wording for marking an occurrence with `status`, with the access keys the
    Edit menu gives them (D is Delete's wherever the two meet)."""
    return {
        Status.DONE: _tr("Mark as D&one"),
        Status.SKIPPED: _tr("Mark as S&kipped"),
        Status.PLANNED: _tr("Back to &Planned"),
    }[status]


def mood_label(mood: int) -> str:
    """A mood from 1 to 5 in plain words: faces would read as judgement, words as a note."""
    words = {1: _tr("Heavy"), 2: _tr("Low"), 3: _tr("Okay"), 4: _tr("Good"), 5: _tr("Light")}
    return words[min(max(mood, MOOD_MIN), MOOD_MAX)]


def reminder_label(minutes: int, all_day: bool) -> str:
    """A reminder offset in words; for an all-day activity the start is its local midnight."""
    named = {
        (reminders.AT_START, False): _tr("At the start"),
        (reminders.TEN_MINUTES, False): _tr("10 minutes before"),
        (reminders.ONE_HOUR, False): _tr("1 hour before"),
        (reminders.ONE_DAY, False): _tr("1 day before"),
        (reminders.AT_START, True): _tr("At the start of the day (%1)"),
        (reminders.EVENING_BEFORE, True): _tr("The evening before (%2)"),
        (reminders.ONE_DAY, True): _tr("1 day before (%1)"),
    }
    found = named.get((minutes, all_day))
    if found is not None:
        midnight, evening = clock(QTime(0, 0)), clock(QTime(18, 0))
        return found.replace("%1", midnight).replace("%2", evening)
    days, rest = divmod(minutes, reminders.MINUTES_PER_DAY)
    hours, rest = divmod(rest, 60)
    parts = [
        text.replace("%1", str(count))
        for count, text in ((days, _tr("%1 d")), (hours, _tr("%1 h")), (rest, _tr("%1 min")))
        if count
    ]
    return _tr("%1 before").replace("%1", " ".join(parts)) if parts else _tr("At the start")


def status_word(status: Status) -> str:
    """How a status reads inside a sentence ("marking it skipped")."""
    return {
        Status.DONE: _tr("done"),
        Status.SKIPPED: _tr("skipped"),
        Status.PLANNED: _tr("planned again"),
    }[status]


#: Put before a done occurrence's title, wherever it is listed or drawn.
DONE_MARK = "✓"


def marked_title(title: str, status: Status) -> str:
    """`title`, with the done mark before it when `status` is done."""
    return f"{DONE_MARK} {title}" if status is Status.DONE else title


def repeat_text(rule: str, *, start: datetime | date, zone: ZoneInfo) -> str:
    """A repeat in words, its dates as the app writes them ("Every Monday and Thursday, 8
    times"); the rule itself if it cannot be read."""
    from datetime import date as date_type

    from planner.domain import recurrence
    from planner.errors import RecurrenceError

    try:
        return recurrence.describe(
            rule, start=start, zone=zone,
            write_date=lambda day: day_text(day, "d MMMM yyyy"),
            write_month_day=lambda month, day: day_text(date_type(2000, month, day), "d MMMM"),
        )  # fmt: skip
    except RecurrenceError:
        return rule


def repeats(activity: Activity) -> str:
    """How `activity` repeats, in words ("" when it does not)."""
    from planner.domain.timezones import zone_info

    if activity.rrule is None:
        return ""
    return repeat_text(activity.rrule, start=activity.start, zone=zone_info(activity.zone))


def weekday_short(day: date) -> str:
    """A day's short name in this computer's language ("Mon", "Mo.")."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def keys_text(sequence: QKeySequence) -> str:
    """A shortcut as a person reads it off their keyboard: "Page Down", "Ctrl+Enter" where
    Qt writes "PgDown" and "Ctrl+Return" (a Mac keeps its own symbols; other languages
    get Qt's own translated names, which these English ones do not match)."""
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    if sys.platform == "darwin":
        return native
    return _KEY_NAME.sub(lambda found: _KEY_NAMES[found.group(1)], native)
