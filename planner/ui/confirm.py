"""Questions that guard destructive actions, with buttons that say what they do."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    accept: str,
    reject: str,
    accept_is_default: bool = False,
) -> bool:
    """Ask `text`; True only if the person chose `accept`. The safe answer is the default,
    unless `accept` is the answer the question leads to and loses nothing; Escape always
    answers `reject`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    accept, reject = _with_access_keys(accept, reject)
    yes = box.addButton(accept, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if accept_is_default else keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is yes


def _with_access_keys(*texts: str) -> list[str]:
    """Each answer with a letter of its own to press with Alt (underlined), as every other
    dialog's have (a keyboard trial found "Delete" and "Keep It" without): its first
    letter not taken, unless it has one already."""
    keys = [re.search(r"&([^&])", text.replace("&&", "")) for text in texts]  # "&&": an "&"
    taken = {key.group(1).lower() for key in keys if key is not None}
    marked = []
    for text, key in zip(texts, keys, strict=True):
        if key is None:
            at = next((i for i, c in enumerate(text) if c.isalpha() and c.lower() not in taken),
                      None)  # fmt: skip
            if at is not None:
                taken.add(text[at].lower())
                text = text[:at] + "&" + text[at:]
        marked.append(text)
    return marked


def leave_unsaved(parent: QWidget, text: str, leave: Callable[[], None]) -> QMessageBox:
    """Ask, without blocking, whether to leave a form whose changes would be lost; `leave`
    runs only if the person chose to. Keep Editing is the default and Escape's answer."""
    question = QMessageBox(
        QMessageBox.Icon.Question, _tr("Leave without saving?"), text,
        QMessageBox.StandardButton.NoButton, parent,
    )  # fmt: skip
    question.setObjectName("leave_without_saving")
    leaving = question.addButton(
        _tr("&Leave Without Saving"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = question.addButton(_tr("&Keep Editing"), QMessageBox.ButtonRole.RejectRole)
    question.setDefaultButton(keep)
    question.setEscapeButton(keep)

    def answered() -> None:
        question.deleteLater()
        if question.clickedButton() is leaving:
            leave()

    question.finished.connect(answered)
    question.open()
    return question


def say_refused(dialog: QDialog, label: QLabel, refused: str) -> None:
    """Say in `label` why `dialog`'s words could not be kept, and that they still are, the
    dialog grown to hold it (its words stay: see words_kept)."""
    from planner.ui import room

    label.setText(words_kept(refused))
    label.show()
    room.make_room(dialog)


def words_kept(refused: str) -> str:
    """Why words written could not be kept, and that they are still there to try again."""
    return _tr("%1 Your words are still here: try again when that is put right.").replace(
        "%1", refused
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("confirm", text)


class AsksBeforeLeaving:
    """Mixed into a QDialog (first among its bases): Cancel, Escape or closing the window ask
    before dropping what was written there (`has_unsaved_changes`), in `leave_question`'s
    words; an untouched form just closes."""

    _leaving = False  # the person chose to leave what they wrote

    def has_unsaved_changes(self) -> bool:
        return False

    def leave_question(self) -> str:
        return _tr("What you wrote here will not be kept.")

    def reject(self) -> None:
        dialog = cast("QDialog", self)
        if self._leaving or not self.has_unsaved_changes():
            super().reject()  # type: ignore[misc]  # QDialog's, next in the bases
            return

        def leave() -> None:
            self._leaving = True
            dialog.reject()
            owner = dialog.parentWidget()
            if owner is not None:
                # The question and the dialog closed at once: a window manager (openbox)
                # could leave no window active, and the keys then went nowhere (a keyboard
                # trial: 3 leaves in 10). The window the dialog belongs to takes them.
                window = owner.window()
                QTimer.singleShot(0, window, window.activateWindow)

        leave_unsaved(dialog, self.leave_question(), leave)
