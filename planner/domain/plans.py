"""A plan: one person's instance of a program, anchored to a start date and a time zone."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.timezones import zone_info

if TYPE_CHECKING:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from planner.domain.ids import PlanId, ProgramId, StepNumber

#: Longest partner name accepted (a first name; the field is optional).
MAX_PARTNER_NAME = 80


class SetAside(enum.Enum):
    """Why contact is set aside; the value is what the file stores."""

    ASKED = "asked"  # the partner asked for no contact
    GROWTH = "growth"  # the person chose to focus on their own growth for now


#: How often the Today panel asks whether the plan still feels right, unless the plan says.
DEFAULT_CHECKIN_WEEKS = 3


#: What a demo plan's name ends with ("Eleven steps to reconnect (demo)").
DEMO_SUFFIX = " (demo)"


@dataclass(frozen=True, slots=True)
class Plan:
    """What the user is following; `zone` is the IANA zone the views show times in."""

    id: PlanId
    name: str
    program_id: ProgramId
    start: date
    zone: str
    partner_name: str | None
    current_step: StepNumber
    #: The person's own pacing: None keeps the program's default for each step.
    contacts_per_week: int | None = None
    #: Hours wanted between two contact activities; None keeps the default (a day).
    min_gap_hours: int | None = None
    #: Since when contact is set aside (None: it is not), and why: "asked" when the partner
    #: asked for no contact, "growth" when the person chose to focus on their own growth.
    no_contact_since: datetime | None = None
    boundary_reason: SetAside | None = None
    #: How often the Today panel asks whether the plan still feels right (None: every 3 weeks,
    #: 0: never), and the day it was last answered.
    checkin_weeks: int | None = None
    last_checkin: date | None = None
    #: When the plan was started in the app (its `start` may be weeks before).
    created: datetime | None = None
    #: The day up to which the days lived were looked at for the steps they complete (None:
    #: never), so that a step reached by days passing is recorded once (see
    #: ProgressService.record_days_lived) and one reopened by hand after stays open.
    steps_checked_on: date | None = None

    @property
    def contact_set_aside(self) -> bool:
        return self.no_contact_since is not None

    @property
    def is_demo(self) -> bool:
        """Whether this is the demo plan (named so when seeded; a plan is never renamed)."""
        return self.name.endswith(DEMO_SUFFIX)

    def checkin_due(self, today: date) -> bool:
        """Whether it is time to ask, gently, if the plan still feels right."""
        weeks = DEFAULT_CHECKIN_WEEKS if self.checkin_weeks is None else self.checkin_weeks
        if weeks <= 0:
            return False
        since = self.last_checkin or self.start
        if self.last_checkin is None and self.created is not None:
            # Not on the first day: a plan begun three weeks back had asked at once (a trial).
            since = max(since, self.created.astimezone(self.tz).date())
        return (today - since).days >= weeks * 7

    @property
    def tz(self) -> ZoneInfo:
        """The plan's zone as a ZoneInfo."""
        return zone_info(self.zone)


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """What a user chooses when starting a plan."""

    program_id: ProgramId
    start: date
    zone: str
    partner_name: str | None = None
    name: str | None = None
