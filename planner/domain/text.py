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
    """How many characters `words` holds as a person counts them: Unicode's grapheme
    clusters (an "é" typed as e and its accent, an emoji with its skin tone, a flag, a
    family joined, a Hangul syllable in parts, a Devanagari conjunct like क्ष, each one).
    A cluster of more than MAX_CLUSTER code points counts once per that many, so no title
    is long without seeming so."""
    return sum(_weight(cluster) for cluster in _clusters(words))


def shortened(words: str, limit: int) -> str:
    """`words` cut to at most `limit` characters as `length` counts them, between clusters
    only (composed when cut; else as given): one heavier than what is left goes whole."""
    if length(words) <= limit:
        return words
    kept: list[str] = []
    for cluster in _clusters(words):
        limit -= _weight(cluster)
        if limit < 0:
            break
        kept.append(cluster)
    return "".join(kept)


#: The most code points one character is counted as. The longest emoji a keyboard offers (a
#: kiss or a family, with skin tones) has 11; at 32, 3,000 emoji chained by joiners passed
#: as 188 characters.
MAX_CLUSTER = 16


def _weight(cluster: str) -> int:
    return -(-len(cluster) // MAX_CLUSTER)  # once per MAX_CLUSTER code points, rounded up


def _clusters(words: str) -> Iterator[str]:
    """The characters of `words` (composed): grapheme clusters, by the `regex` module's
    current Unicode rules (a hand-written approximation missed Indic conjuncts and Thai)."""
    import regex  # here: 20 ms to import, and only a title being checked needs it

    for found in regex.finditer(r"\X", unicodedata.normalize("NFC", words)):
        yield found.group()
