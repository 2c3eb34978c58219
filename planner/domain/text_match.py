"""Matching typed words against titles and notes as a person reads them, not as bytes.

"cafe" finds "Café", "strasse" finds "Straße" and "ANGST" finds "angst": letters are
compared without case or accents (Unicode compatibility form, marks dropped, case-folded).
"""

from __future__ import annotations

import unicodedata

#: Letters whose mark is part of the letter itself, so Unicode cannot take it off.
_WHOLE_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "þ": "th", "æ": "ae", "œ": "oe"}
)


def folded(text: str) -> str:
    """`text` without accents, in one case, with runs of white space made one space."""
    if text.isascii():  # most titles and notes: nothing to take apart
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_WHOLE_LETTERS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def contains(text: str, needle: str) -> bool:
    """Whether `text` holds `needle`, where `needle` is already `folded()`."""
    return needle in folded(text)
