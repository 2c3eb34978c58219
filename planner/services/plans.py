"""Plan use cases: start a plan from a program, seed the demo, find the current plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from planner.domain.activities import Activity, create_activity, key_mover, validate_draft
from planner.domain.ids import PlanId, ProgramId, StepNumber, new_activity_uid
from planner.domain.plans import DEMO_SUFFIX, MAX_PARTNER_NAME, Plan, PlanDraft
from planner.domain.timezones import place_zone, same_zone, system_zone_name, zone_info
from planner.errors import InvalidInputError, NotFoundError, PlannerError
from planner.services import demo, programs
from planner.services.changes import ChangeKind, Changes
from planner.storage import db as storage_db

if TYPE_CHECKING:
    import peewee

    from planner.clock import Clock
    from planner.domain.programs import Program
    from planner.storage.repositories import (
        ActivityRepository,
        CompletionRepository,
        PlanRepository,
    )

#: Bounds of the pacing settings a person can choose.
MAX_CONTACTS_PER_WEEK = 14
MAX_GAP_HOURS = 24 * 14


class PlanService:
    """Creating and reading the plan a database holds (Rekindle keeps one plan per file)."""

    def __init__(
        self,
        *,
        db: peewee.SqliteDatabase,
        clock: Clock,
        plans: PlanRepository,
        activities: ActivityRepository,
        completions: CompletionRepository,
    ) -> None:
        self._db = db
        self._clock = clock
        self._plans = plans
        self._activities = activities
        self._completions = completions  # marks follow a start the zone change moved

    def outside_version(self) -> int:
        """A number that moves whenever another program (the command line, say) saved into
        this file; what this process saves leaves it alone."""
        return storage_db.outside_version(self._db)

    def current(self) -> Plan | None:
        """The plan in this file, if one was started."""
        return self._plans.first()

    def require(self) -> Plan:
        """The plan in this file, or a plain error when there is none yet."""
        plan = self._plans.first()
        if plan is None:
            raise NotFoundError("This file has no plan yet. Start one first (or run `demo`).")
        return plan

    def program_of(self, plan: Plan) -> Program:
        return programs.get_program(plan.program_id)

    def create(self, draft: PlanDraft) -> tuple[Plan, Changes]:
        """Start a plan at step 1 of its program."""
        program = programs.get_program(draft.program_id)
        zone_info(draft.zone)  # validates the name with a plain message
        partner = _partner_name(draft.partner_name)
        with storage_db.transaction(self._db):
            if self._plans.first() is not None:
                raise InvalidInputError("This file already holds a plan.")
            plan = self._plans.add(
                name=(draft.name or "").strip() or program.name,
                program_id=program.id,
                start=draft.start,
                zone=draft.zone,
                partner_name=partner,
                current_step=StepNumber(1),
                created=self._clock.now(),
            )
        return plan, Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES)

    def ensure(self, program_id: str | None = None, zone: str | None = None) -> Plan:
        """The existing plan, or a new one starting today from `program_id` when it names a
        built-in program (else the default one), in `zone` (else this computer's)."""
        plan = self._plans.first()
        if plan is not None:
            return plan
        zone = zone or system_zone_name()
        today = self._clock.today(zone_info(zone))
        known = {program.id for program in programs.builtin_programs()}
        chosen = ProgramId(program_id) if program_id in known else programs.DEFAULT_PROGRAM
        plan, _ = self.create(PlanDraft(chosen, today, zone))
        return plan

    def seed_demo(self, draft: PlanDraft) -> tuple[Plan, Changes]:
        """Start a plan and fill about eight weeks with a realistic mix of activities."""
        program = programs.get_program(draft.program_id)
        with storage_db.transaction(self._db):
            plan, _ = self.create(replace(draft, name=draft.name or program.name + DEMO_SUFFIX))
            now = self._clock.now()
            step_count = len(program.steps)
            activities = [
                create_activity(
                    validate_draft(item, step_count=step_count),
                    uid=new_activity_uid(),
                    plan_id=plan.id,
                    at=now,
                )
                for item in demo.demo_drafts(program, draft.start, draft.zone)
            ]
            self._activities.add_many(activities)
            # Begun at step 1, like any plan: the steps its past got through are recorded
            # as reached (seed_demo_history), so reopening one brings "you are here" back.
        return self._plans.get(plan.id), Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES)

    def discard_demo(self) -> Changes:
        """Remove the demo plan and all its examples, so the welcome can start the person's
        own plan in this file (one transaction). Refused for any plan of their own."""
        with storage_db.transaction(self._db):
            plan = self._plans.first()
            if plan is None or not plan.is_demo:
                raise InvalidInputError("Only the demo plan is set aside this way.")
            self._plans.delete(plan.id)
        return Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES)

    def set_current_step(self, plan_id: PlanId, step: StepNumber) -> Changes:
        plan = self._plans.get(plan_id)
        program = programs.get_program(plan.program_id)
        if not 1 <= step <= len(program.steps):
            raise InvalidInputError(f"Step {step} is not part of this plan.")
        with storage_db.transaction(self._db):
            self._plans.set_current_step(plan_id, step)
        return Changes(ChangeKind.PLAN)

    def set_partner_name(self, plan: Plan, name: str | None) -> Changes:
        """Store (or, blank, forget) the partner's name: exports leave it out by default."""
        partner = _partner_name(name)
        with storage_db.transaction(self._db):
            self._plans.set_partner_name(plan.id, partner)
        return Changes(ChangeKind.PLAN)

    def set_zone(self, plan: Plan, zone: str) -> Changes:
        """Show the plan in `zone`, and move the activities planned in its old zone there at
        the same clock times (domain.zone_move), their marks with them, all in one
        transaction: a plan begun in the wrong zone had no way to be set right but to start
        again (a trial). What keeps its moment (an import, a kept note) stays."""
        from planner.domain.zone_move import keeps_its_moment, on_the_same_clock

        place_zone(zone)  # a place's zone, or a plain refusal
        if same_zone(zone, plan.zone):
            return Changes(ChangeKind.PLAN)
        step_count = len(programs.get_program(plan.program_id).steps)
        now = self._clock.now()
        with storage_db.transaction(self._db):
            moved: list[Activity] = []
            for activity in self._activities.all_for(plan.id):
                if not same_zone(activity.zone, plan.zone) or keeps_its_moment(activity):
                    continue
                try:
                    draft = validate_draft(on_the_same_clock(activity, zone), step_count=step_count)
                except PlannerError as error:
                    raise InvalidInputError(
                        f"“{activity.title}” cannot keep its time in {zone}: {error.message}"
                    ) from None
                revised = activity.revised(draft, now)
                moved.append(revised)
                if _wall_clock(activity.start) != _wall_clock(revised.start):
                    # A one-off the clocks skip in the new zone: its marks follow its start.
                    self._completions.rekey(activity.uid, key_mover(activity, revised))
            self._activities.update_many(moved)
            self._plans.set_zone(plan.id, zone)
        return Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES, frozenset(a.uid for a in moved))

    def set_pacing(
        self, plan: Plan, contacts_per_week: int | None, min_gap_hours: int | None
    ) -> Changes:
        """Store the person's own pacing (None keeps the program's default)."""
        if contacts_per_week is not None and not 1 <= contacts_per_week <= MAX_CONTACTS_PER_WEEK:
            raise InvalidInputError(
                f"Contact activities per week must be between 1 and {MAX_CONTACTS_PER_WEEK}."
            )
        if min_gap_hours is not None and not 0 <= min_gap_hours <= MAX_GAP_HOURS:
            raise InvalidInputError(
                f"The time between two contact activities must be 0 to {MAX_GAP_HOURS} hours."
            )
        with storage_db.transaction(self._db):
            self._plans.set_pacing(plan.id, contacts_per_week, min_gap_hours)
        return Changes(ChangeKind.PLAN | ChangeKind.ACTIVITIES)


def _wall_clock(value: datetime | date) -> datetime | date:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


def _partner_name(name: str | None) -> str | None:
    """The partner's name as kept: trimmed, None when blank, refused when overlong."""
    partner = (name or "").strip() or None
    if partner is not None and len(partner) > MAX_PARTNER_NAME:
        raise InvalidInputError(f"Please keep the name under {MAX_PARTNER_NAME} characters.")
    return partner
