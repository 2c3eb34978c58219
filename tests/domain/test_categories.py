"""Categories: stable ids for files and the command line, and what each implies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from planner import paths
from planner.domain.categories import Category
from planner.errors import InvalidInputError

IDS = [
    "self-care", "reflection", "growth", "space", "message",
    "meetup", "apology", "outing", "gesture", "other",
]  # fmt: skip


def test_ids_are_stable() -> None:
    assert [category.id for category in Category] == IDS


@pytest.mark.parametrize("text", ["meetup", "MEETUP", "  Meetup "])
def test_from_id_accepts_case_and_spaces(text: str) -> None:
    assert Category.from_id(text) is Category.MEETUP


def test_from_id_rejects_unknown_with_the_valid_list() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Category.from_id("romance")
    message = str(caught.value)
    assert "romance" in message
    assert all(category_id in message for category_id in IDS)


def test_contact_categories() -> None:
    contact = {category.id for category in Category if category.involves_contact}
    assert contact == {"message", "meetup", "apology", "outing", "gesture"}


def test_only_space_is_usually_all_day_and_counted_in_days() -> None:
    assert [category for category in Category if category.usually_all_day] == [Category.SPACE]
    assert Category.SPACE.typical_duration == timedelta(days=7)


@pytest.mark.parametrize("category", [c for c in Category if c is not Category.SPACE])
def test_timed_categories_have_a_length_under_a_day(category: Category) -> None:
    assert timedelta(0) < category.typical_duration < timedelta(days=1)


def test_colour_tokens_are_distinct() -> None:
    tokens = [category.colour_token for category in Category]
    assert len(set(tokens)) == len(tokens)


@pytest.mark.parametrize("category", list(Category))
def test_every_category_has_an_icon(category: Category) -> None:
    assert (paths.icons_dir() / f"{category.icon_name}.svg").is_file()
