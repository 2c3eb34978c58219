"""Typed ids, so a plan id is never passed where a step number is expected."""

from __future__ import annotations

import uuid
from typing import NewType

PlanId = NewType("PlanId", int)
ActivityUid = NewType("ActivityUid", str)
StepNumber = NewType("StepNumber", int)
ProgramId = NewType("ProgramId", str)


def new_activity_uid() -> ActivityUid:
    """A globally unique, stable UID (also the iCalendar UID on export)."""
    return ActivityUid(f"{uuid.uuid4()}@rekindle")
