"""Matching typed words against titles and notes as a person reads them, not as bytes.

"cafe" finds "Café", "strasse" finds "Straße" and "ANGST" finds "angst": letters are
compared without case or accents (Unicode compatibility form, marks dropped, case-folded).
"""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """`text` without accents, in one case, with runs of white space made one space."""
    if text.isascii():  # most titles and notes: nothing to take apart
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def contains(text: str, needle: str) -> bool:
    """Whether `text` holds `needle`, where `needle` is already `folded()`."""
    return needle in folded(text)
