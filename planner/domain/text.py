"""What counts as text a person typed: readable characters, and something that shows."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from planner.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Unicode categories that draw nothing: separators, controls and format marks (U+200B...).
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def shows_something(text: str) -> bool:
    """Whether `text` draws anything: not only blanks or invisible marks (a zero-width space)."""
    return not all(unicodedata.category(letter) in _INVISIBLE for letter in text)


def check_readable(*texts: str) -> None:
    """Refuse text that is not text: bytes a terminal passed on that are not UTF-8 reach Python
    as lone surrogates, which no file can store."""
    for words in texts:
        if any(0xD800 <= ord(letter) <= 0xDFFF for letter in words):
            raise InvalidInputError(
                "Some of the text is not readable (it holds bytes that are not UTF-8). Please "
                "type it again, or set your terminal to UTF-8."
            )


def length(words: str) -> int:
    """How many characters `words` holds as a person counts them, near enough without a
    grapheme library: composed (an "é" typed as e and its accent is one), and what only
    shapes or joins its neighbour not counted (a family emoji, three people joined, is one)."""
    return sum(counts for _letter, counts in _letters(words))


def shortened(words: str, limit: int) -> str:
    """`words` cut to at most `limit` characters as `length` counts them, never between a
    letter and the accent or joiner that belongs to it (composed when cut; else as given)."""
    if length(words) <= limit:
        return words
    kept, counted = [], 0
    for letter, counts in _letters(words):
        if counts:
            if counted == limit:
                break
            counted += 1
        kept.append(letter)
    return "".join(kept)


ZERO_WIDTH_JOINER = "\u200d"


def _letters(words: str) -> Iterator[tuple[str, bool]]:
    """Each code point of `words` (composed), and whether it begins a character of its own:
    not a combining mark, a joiner, a variation selector, nor what a joiner joins on."""
    joined = False
    for letter in unicodedata.normalize("NFC", words):
        shaping = (
            letter == ZERO_WIDTH_JOINER
            or "\ufe00" <= letter <= "\ufe0f"
            or unicodedata.category(letter) in ("Mn", "Me", "Mc")
        )
        yield letter, not (shaping or joined)
        joined = letter == ZERO_WIDTH_JOINER
