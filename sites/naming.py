"""Vietnamese names folded to ASCII for hostnames and slugs (đ -> d), as Quy chế Art. 5.2 asks."""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from django.utils.text import slugify


def nfc(text):
    """Text as stored everywhere in the portal: Unicode NFC (TCVN 6909:2001)."""
    return unicodedata.normalize("NFC", text)


# anyascii reads its table a character at a time in a Python loop: folding an import's texts was 4% of the
# importer's time. It transliterates each character alone, so text folded a word at a time is the same, and the
# words of Vietnamese text (its syllables) repeat endlessly: they are kept, those of a normal length only.
_fold_word = lru_cache(maxsize=32768)(anyascii)
WORD_KEPT = 40


def fold(text):
    """ASCII transliteration of Vietnamese text: 'Đống Đa' -> 'Dong Da'."""
    text = nfc(text)
    if text.isascii():
        return text
    return " ".join([_fold_word(word) if len(word) <= WORD_KEPT else anyascii(word) for word in text.split(" ")])


def hostname_label(name):
    """The hostname label of a unit: its name folded, lowercase, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", fold(name).lower())


def vietnamese_slug(title):
    """An ASCII slug from a Vietnamese title: 'Đăng ký khai sinh' -> 'dang-ky-khai-sinh'."""
    return slugify(fold(title))


def free_slug(base, taken):
    """`base`, or the first of base-2, base-3, ... not in `taken` (the slugs already used beside it)."""
    return free_numbered_slug(base, taken)[0]


def free_numbered_slug(base, taken, start=1):
    """free_slug's slug and its number (1 for `base` itself), looking from number `start` on: a caller giving many
    slugs of one base (an import of an archive where a title recurs) goes on from the number it reached, every
    number below it being taken, instead of walking them all again for each page."""
    number = start
    slug = base if number == 1 else f"{base}-{number}"
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug, number


def has_control_character(text):
    """NUL, \\x01-\\x1f, DEL and the like: no name, query or title may hold one (PostgreSQL refuses NUL outright)."""
    return any(unicodedata.category(char) == "Cc" for char in text)
