"""What counts as text a person typed: readable characters, and something that shows."""

from __future__ import annotations

import itertools
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
    grapheme library: composed (an "é" typed as e and its accent is one), an emoji with its
    skin tone, a flag, a family of people joined, or a Hangul syllable written in its parts
    each one. A character of more than MAX_CLUSTER code points counts once per that many,
    so no title is long without seeming so."""
    return sum(1 for _cluster in _characters(words))


def shortened(words: str, limit: int) -> str:
    """`words` cut to at most `limit` characters as `length` counts them, never inside one
    (composed when cut; else as given)."""
    if length(words) <= limit:
        return words
    return "".join(itertools.islice(_characters(words), limit))


ZERO_WIDTH_JOINER = "\u200d"
#: The most code points one character is counted as (a family with skin tones has 11).
MAX_CLUSTER = 32


def _characters(words: str) -> Iterator[str]:
    """The characters of `words` (composed), each with the code points that belong to it:
    combining marks, joiners and what they join, variation selectors, skin tones, the tags
    of a subdivision flag, the second letter of a flag, a Hangul syllable's later parts."""
    current = ""
    for letter in unicodedata.normalize("NFC", words):
        if current and len(current) < MAX_CLUSTER and _belongs_to(current, letter):
            current += letter
            continue
        if current:
            yield current
        current = letter
    if current:
        yield current


def _belongs_to(current: str, letter: str) -> bool:
    """Whether `letter` goes on the character `current` has begun."""
    code, last = ord(letter), current[-1]
    if last == ZERO_WIDTH_JOINER:
        # What a joiner joins on, as emoji are joined (one more person of a family); letters
        # joined so are not one character, so not counted as one.
        return code >= 0x1F000 or 0x2190 <= code <= 0x2BFF
    if (
        letter == ZERO_WIDTH_JOINER
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (the flag of England, of Scotland)
        or 0xE0100 <= code <= 0xE01EF
        or unicodedata.category(letter) in ("Mn", "Me", "Mc")
    ):
        return True
    if _regional(code):  # a flag is two letters: the second goes on a first alone
        return len(current) == 1 and _regional(ord(current))
    jamo = _hangul(letter)
    return jamo is not None and _joins_hangul(_hangul(last), jamo)


def _regional(code: int) -> bool:
    return 0x1F1E6 <= code <= 0x1F1FF


def _hangul(letter: str) -> str | None:
    """A Hangul letter's part: L (leading), V (vowel), T (trailing), LV or LVT (a syllable)."""
    code = ord(letter)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return None


def _joins_hangul(before: str | None, part: str) -> bool:
    """Unicode's rule for a syllable written in parts (L V T)."""
    if before == "L":
        return part in ("L", "V", "LV", "LVT")
    if before in ("V", "LV"):
        return part in ("V", "T")
    return before in ("T", "LVT") and part == "T"
