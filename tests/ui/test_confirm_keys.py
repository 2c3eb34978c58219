"""A question's answers each have a letter to press with Alt (a keyboard trial found the
delete question's "Delete" and "Keep It" without)."""

from __future__ import annotations

import pytest
from planner.ui import confirm
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot


@pytest.mark.parametrize(("chosen", "answer"), [("&Delete", True), ("&Keep It", False)])
def test_each_answer_has_a_letter_of_its_own(qtbot: QtBot, chosen: str, answer: bool) -> None:
    seen: list[list[str]] = []

    def answer_it() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip
        if not boxes:
            QTimer.singleShot(10, answer_it)
            return
        buttons = boxes[0].buttons()
        seen.append(sorted(button.text() for button in buttons))
        next(button for button in buttons if button.text() == chosen).click()

    QTimer.singleShot(0, answer_it)
    said = confirm.ask(None, "Delete Activity", "Delete “Walk”?", accept="Delete",
                       reject="Keep It")  # fmt: skip
    assert said is answer
    assert seen == [["&Delete", "&Keep It"]]


def test_two_answers_starting_alike_get_letters_of_their_own() -> None:
    assert confirm._with_access_keys("Skip", "Start") == ["&Skip", "S&tart"]
    assert confirm._with_access_keys("&Leave Without Saving", "Keep") == [
        "&Leave Without Saving", "&Keep"
    ]  # fmt: skip


def test_an_ampersand_in_an_answer_is_no_letter_of_its_own() -> None:
    """A review: "Save && Close" (an "&" shown) counted as having its letter already."""
    assert confirm._with_access_keys("Save && Close", "Skip") == ["&Save && Close", "S&kip"]
