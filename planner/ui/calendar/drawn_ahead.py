"""Ranges a calendar view drew ahead of time, kept by everything their pixels depend on.

The month view and the week and day grids draw the ranges either side of the one shown while
the person looks (see `visible.read_ahead`), so Next and Previous copy pixels. What such a
drawing depends on is its key: the days, the survey read for them (the hub replaces it on any
change), the filters, the size, the screen's pixel ratio and today (its tint).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from PySide6.QtWidgets import QWidget

    from planner.ui.calendar.visible import VisibleRange
    from planner.ui.hub import Hub

#: How many ranges a view keeps drawn (the previous and the next, and the one shown).
KEPT = 3

#: Events after which what was drawn no longer looks right (another screen, font or palette).
LOOK_CHANGES = frozenset({
    QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
    QEvent.Type.ScreenChangeInternal, QEvent.Type.DevicePixelRatioChange,
})  # fmt: skip

Key = tuple[object, ...]
_Layer = TypeVar("_Layer")


def key(
    view: QWidget, hub: Hub, days: Sequence[date], data: VisibleRange, *more: object
) -> Key | None:
    """What a range drawn by `view` depends on (`more`: the view's own, such as its size);
    None when it cannot be kept (read before the first paint, or no size yet).

    The survey's identity stands for its contents: whoever keeps a drawing keeps `data`, and
    with it the survey, so that identity is not reused while the key is held.
    """
    if data.source is None or view.width() <= 0 or view.height() <= 0:
        return None
    return (tuple(days), id(data.source), hub.hidden_categories, hub.hidden_steps,
            view.devicePixelRatioF(), hub.today(), *more)  # fmt: skip


class DrawnAhead(Generic[_Layer]):
    """The last KEPT drawings of a view, by key, the most recently used last."""

    def __init__(self) -> None:
        self._layers: OrderedDict[Key, _Layer] = OrderedDict()

    def __contains__(self, wanted: Key) -> bool:
        return wanted in self._layers

    def get(self, wanted: Key | None) -> _Layer | None:
        """The drawing kept for `wanted` (and it is now the most recently used), if any."""
        if wanted is None or wanted not in self._layers:
            return None
        self._layers.move_to_end(wanted)
        return self._layers[wanted]

    def put(self, wanted: Key, layer: _Layer) -> None:
        self._layers[wanted] = layer
        while len(self._layers) > KEPT:
            self._layers.popitem(last=False)

    def clear(self) -> None:
        self._layers.clear()
