"""A plan: one person's instance of a program, anchored to a start date and a time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from planner.domain.ids import PlanId, ProgramId, StepNumber
from planner.domain.timezones import zone_info

#: Longest partner name accepted (a first name; the field is optional).
MAX_PARTNER_NAME = 80


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
    #: Since when the plan respects a request for no contact (None: it does not).
    no_contact_since: datetime | None = None

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
