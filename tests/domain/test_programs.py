"""Program data: both shipped files parse strictly, and malformed data is refused."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from planner import paths
from planner.domain.categories import Category
from planner.domain.ids import StepNumber
from planner.domain.programs import CRITERION_KINDS, OrderHint, Program, parse_program
from planner.errors import NotFoundError, ProgramDataError
from planner.services import programs

GENDERED = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


def shipped() -> dict[str, Program]:
    return {program.id: program for program in programs.builtin_programs()}


def test_both_programs_ship_in_order() -> None:
    assert [p.id for p in programs.builtin_programs()] == ["five-steps", "eleven-steps"]


@pytest.mark.parametrize(("program_id", "count"), [("five-steps", 5), ("eleven-steps", 11)])
def test_program_has_numbered_steps(program_id: str, count: int) -> None:
    program = shipped()[program_id]
    assert program.name.strip()
    assert program.description.strip()
    assert program.source.strip()
    assert [step.number for step in program.steps] == list(range(1, count + 1))


@pytest.mark.parametrize("program_id", ["five-steps", "eleven-steps"])
def test_every_step_has_guidance_suggestions_and_criteria(program_id: str) -> None:
    for step in shipped()[program_id].steps:
        assert step.title.strip(), step.number
        assert step.purpose.strip(), step.number
        assert len(step.guidance) > 40, step.number
        assert step.suggestions, step.number
        assert step.criteria, step.number
        for suggestion in step.suggestions:
            assert suggestion.title.strip()
            assert suggestion.duration.total_seconds() > 0
            assert isinstance(suggestion.category, Category)
            if suggestion.all_day:
                assert suggestion.duration.seconds == 0  # whole days
        for criterion in step.criteria:
            assert criterion.kind in CRITERION_KINDS
            assert criterion.count >= 1
            assert criterion.description.strip()
            assert (criterion.category is not None) == (criterion.kind == "category_done")


def test_a_space_period_is_suggested_as_all_day() -> None:
    for program in programs.builtin_programs():
        space = [s for step in program.steps for s in step.suggestions if s.category.id == "space"]
        assert space, program.id
        assert all(s.all_day for s in space)


@pytest.mark.parametrize(
    ("program_id", "limits"),
    [("five-steps", [1, 1, 1, 1, 2]), ("eleven-steps", [1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3])],
)
def test_contact_pace_is_gentle_early_and_grows_once_talking_resumes(
    program_id: str, limits: list[int]
) -> None:
    steps = shipped()[program_id].steps
    assert [step.contacts_per_week for step in steps] == limits
    assert limits == sorted(limits)  # never stricter later on


def test_apology_waits_for_reflection_and_outing_for_reconnection() -> None:
    five, eleven = shipped()["five-steps"], shipped()["eleven-steps"]
    assert five.order_hints == (
        OrderHint(Category.APOLOGY, (StepNumber(1),)),
        OrderHint(Category.OUTING, (StepNumber(5),)),
    )
    assert eleven.order_hints == (
        OrderHint(Category.APOLOGY, (StepNumber(1), StepNumber(2))),
        OrderHint(Category.OUTING, (StepNumber(5),)),
    )
    # The steps named are the ones about looking inward and about reconnecting.
    assert [eleven.step(n).title for n in (1, 2, 5)] == [
        "Understand what went wrong",
        "Look at your own part",
        "Reconnect gently",
    ]


def test_get_program_by_id_and_unknown_id() -> None:
    assert programs.get_program("eleven-steps").id == "eleven-steps"
    assert programs.DEFAULT_PROGRAM == "eleven-steps"
    with pytest.raises(NotFoundError, match="five-steps, eleven-steps"):
        programs.get_program("twelve-steps")


def test_program_step_lookup() -> None:
    program = shipped()["five-steps"]
    assert program.step(1).number == 1
    assert program.step(5).number == 5
    with pytest.raises(ProgramDataError):
        program.step(6)
    with pytest.raises(ProgramDataError):
        program.step(0)


@pytest.mark.parametrize("program_id", ["five-steps", "eleven-steps"])
def test_shipped_text_is_gender_neutral(program_id: str) -> None:
    program = shipped()[program_id]
    texts = [program.description]
    for step in program.steps:
        texts += [step.title, step.purpose, step.guidance]
        texts += [s.title for s in step.suggestions]
        texts += [c.description for c in step.criteria]
    offending = [text for text in texts if GENDERED.search(text)]
    assert offending == []


def test_gender_check_would_catch_gendered_words() -> None:
    # Guards the regex itself: these must match, and words merely containing them must not.
    for sample in ["Give him room.", "His trust", "her friends", "Ask how he feels."]:
        assert GENDERED.search(sample), sample
    for sample in ["Help them", "other", "where the heart is", "shelter", "this"]:
        assert not GENDERED.search(sample), sample


# --- strict parsing -----------------------------------------------------------------------------


@pytest.fixture
def raw() -> dict[str, Any]:
    """The five-steps file as decoded JSON, fresh for each test."""
    text = (paths.programs_dir() / "five-steps.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_raw_data_parses(raw: dict[str, Any]) -> None:
    assert parse_program(raw) == shipped()["five-steps"]


def test_unknown_program_key_is_rejected(raw: dict[str, Any]) -> None:
    raw["author"] = "someone"
    with pytest.raises(ProgramDataError, match="author"):
        parse_program(raw)


def test_unknown_step_key_is_rejected(raw: dict[str, Any]) -> None:
    raw["steps"][1]["extra"] = True
    with pytest.raises(ProgramDataError, match="step 2"):
        parse_program(raw)


def test_missing_key_is_rejected(raw: dict[str, Any]) -> None:
    del raw["steps"][0]["guidance"]
    with pytest.raises(ProgramDataError):
        parse_program(raw)


def test_bad_suggestion_category_is_rejected(raw: dict[str, Any]) -> None:
    raw["steps"][0]["suggested_activities"][0]["category"] = "romance"
    with pytest.raises(ProgramDataError, match="romance"):
        parse_program(raw)


def test_bad_criterion_category_is_rejected(raw: dict[str, Any]) -> None:
    raw["steps"][0]["criteria"][0]["category"] = "nope"
    with pytest.raises(ProgramDataError, match="nope"):
        parse_program(raw)


def test_unknown_criterion_kind_is_rejected(raw: dict[str, Any]) -> None:
    raw["steps"][0]["criteria"][0]["kind"] = "vibes"
    with pytest.raises(ProgramDataError, match="vibes"):
        parse_program(raw)


def test_out_of_order_steps_are_rejected(raw: dict[str, Any]) -> None:
    raw["steps"][1], raw["steps"][2] = raw["steps"][2], raw["steps"][1]
    with pytest.raises(ProgramDataError, match="out of order"):
        parse_program(raw)


def test_skipped_step_number_is_rejected(raw: dict[str, Any]) -> None:
    del raw["steps"][2]
    with pytest.raises(ProgramDataError, match="out of order"):
        parse_program(raw)


@pytest.mark.parametrize("value", [0, -3, 1.5, "30", True])
def test_non_positive_or_non_integer_duration_is_rejected(raw: dict[str, Any], value: Any) -> None:
    raw["steps"][0]["suggested_activities"][0]["duration_minutes"] = value
    with pytest.raises(ProgramDataError, match="duration_minutes"):
        parse_program(raw)


def test_empty_text_is_rejected(raw: dict[str, Any]) -> None:
    raw["steps"][0]["purpose"] = "   "
    with pytest.raises(ProgramDataError, match="purpose"):
        parse_program(raw)


def test_no_steps_is_rejected(raw: dict[str, Any]) -> None:
    raw["steps"] = []
    with pytest.raises(ProgramDataError):
        parse_program(raw)


def test_parsing_does_not_modify_its_input(raw: dict[str, Any]) -> None:
    before = copy.deepcopy(raw)
    parse_program(raw)
    assert raw == before


@pytest.mark.parametrize("value", [0, -1, 2.5, "2", True, None])
def test_contacts_per_week_must_be_a_positive_whole_number(raw: dict[str, Any], value: Any) -> None:
    raw["steps"][3]["contacts_per_week"] = value
    with pytest.raises(ProgramDataError, match=r"step 4.*contacts_per_week"):
        parse_program(raw)


def test_missing_contacts_per_week_is_rejected(raw: dict[str, Any]) -> None:
    del raw["steps"][0]["contacts_per_week"]
    with pytest.raises(ProgramDataError, match="step 1"):
        parse_program(raw)


def test_missing_order_hints_are_rejected(raw: dict[str, Any]) -> None:
    del raw["order_hints"]
    with pytest.raises(ProgramDataError, match="order_hints"):
        parse_program(raw)


def test_no_order_hints_at_all_is_fine(raw: dict[str, Any]) -> None:
    raw["order_hints"] = []
    assert parse_program(raw).order_hints == ()


@pytest.mark.parametrize(
    ("hints", "fragment"),
    [
        ({"category": "apology"}, "expected keys"),
        ({"category": "apology", "after_steps": [1], "why": "x"}, "expected keys"),
        ({"category": "romance", "after_steps": [1]}, "romance"),
        ({"category": "apology", "after_steps": []}, "after_steps"),
        ({"category": "apology", "after_steps": [6]}, "1-5"),
        ({"category": "apology", "after_steps": [0]}, "after_steps"),
        ({"category": "apology", "after_steps": [2, 1]}, "increasing"),
        ({"category": "apology", "after_steps": [1, 1]}, "increasing"),
        ({"category": "apology", "after_steps": ["1"]}, "after_steps"),
        ({"category": "apology", "after_steps": [True]}, "after_steps"),
        ({"category": "apology", "after_steps": 1}, "after_steps"),
    ],
)
def test_malformed_order_hint_is_rejected(
    raw: dict[str, Any], hints: dict[str, Any], fragment: str
) -> None:
    raw["order_hints"] = [hints]
    with pytest.raises(ProgramDataError, match=fragment):
        parse_program(raw)


def test_order_hints_must_be_a_list(raw: dict[str, Any]) -> None:
    raw["order_hints"] = {"category": "apology", "after_steps": [1]}
    with pytest.raises(ProgramDataError, match="order_hints"):
        parse_program(raw)


def test_two_hints_for_one_category_are_rejected(raw: dict[str, Any]) -> None:
    raw["order_hints"].append({"category": "apology", "after_steps": [2]})
    with pytest.raises(ProgramDataError, match="already"):
        parse_program(raw)
