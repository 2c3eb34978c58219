"""What counts as text a person typed: readable characters, and something that shows."""

from __future__ import annotations

import unicodedata

from planner.errors import InvalidInputError

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
