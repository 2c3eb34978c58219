"""Help > Keyboard Shortcuts: every key the window answers to, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.ui import labels
from planner.ui.widgets import COMMAND_NAME, named

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


def _tr(text: str) -> str:
    return QCoreApplication.translate("shortcuts", text)


def _calendar_keys() -> list[tuple[str, str]]:
    """Keys the calendars take without a menu command of their own."""
    return [
        (_tr("Move between days or activities"), _tr("Arrow keys")),
        (_tr("Choose an activity in the month, or “+N more”"), _tr("Tab, Shift+Tab")),
        (_tr("Open the chosen activity"), _tr("Enter")),
        (_tr("See the whole of a crowded day, from its “+N more”"), _tr("Enter, Space")),
        (_tr("The chosen activity's or day's menu"), _tr("Menu key, Shift+F10")),
        (_tr("Move or stretch by 5 minutes instead of 15"), _tr("Shift while dragging")),
    ]


def plain_text(action: QAction) -> str:
    """An action's menu text without its mnemonic ("&Find…" reads "Find…")."""
    text = action.property(COMMAND_NAME) or action.text()  # Undo, not "Undo Delete “Walk”"
    return str(text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_text(action: QAction) -> str:
    """An action's keys as a keyboard names them ("Page Up, Alt+Left")."""
    return ", ".join(labels.keys_text(key) for key in action.shortcuts())


def _date_keys() -> list[tuple[str, str]]:
    """How a date or a time is typed: Tab leaves the field, the parts are reached otherwise."""
    return [
        (_tr("Go on to the next field"), _tr("Tab, Shift+Tab")),
        (_tr("Type over the whole date or time (“14 Dec”, “7:30”)"), _tr("Ctrl+A, then type")),
        (_tr("Change the part under the cursor by one"), _tr("Up, Down")),
        (_tr("Move to another part"), _tr("Left, Right")),
    ]


class ShortcutsDialog(QDialog):
    """The menus' commands that have keys, menu by menu, read from the menus themselves so
    the list says what the window does today; then the keys the calendars take directly."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.tree = named(QTreeWidget(), "shortcuts")
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # scrolls with the keyboard
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        for menu_action in menu_bar.actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            rows = [
                (plain_text(action), keys_text(action))
                for action in menu.actions()
                # Hidden where they do nothing (Previous Week on the Progress page).
                if not action.isSeparator() and action.shortcuts() and action.isVisible()
            ]
            self._add_group(plain_text(menu_action), rows)
        self._add_group(self.tr("In the calendar"), _calendar_keys())
        self._add_group(self.tr("In a date or time"), _date_keys())
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        room_on_screen = self.screen().availableGeometry()  # a small screen: it scrolls
        self.resize(min(520, room_on_screen.width() - 40), min(560, room_on_screen.height() - 80))

    def _add_group(self, title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        group = QTreeWidgetItem(self.tree, [title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFirstColumnSpanned(True)
        for command, keys in rows:
            QTreeWidgetItem(group, [command, keys])

    def rows(self) -> list[tuple[str, str, str]]:
        """(menu, command, keys) as listed: what a reader of the dialog sees."""
        listed = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            assert group is not None
            for child in range(group.childCount()):
                item = group.child(child)
                assert item is not None
                listed.append((group.text(0), item.text(0), item.text(1)))
        return listed
