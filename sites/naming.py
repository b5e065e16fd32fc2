"""Vietnamese names folded to ASCII for hostnames and slugs (đ -> d), as Quy chế Art. 5.2 asks."""

import re
import unicodedata

from anyascii import anyascii

from django.utils.text import slugify


def nfc(text):
    """Text as stored everywhere in the portal: Unicode NFC (TCVN 6909:2001)."""
    return unicodedata.normalize("NFC", text)


def fold(text):
    """ASCII transliteration of Vietnamese text: 'Đống Đa' -> 'Dong Da'."""
    return anyascii(nfc(text))


def hostname_label(name):
    """The hostname label of a unit: its name folded, lowercase, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", fold(name).lower())


def vietnamese_slug(title):
    """An ASCII slug from a Vietnamese title: 'Đăng ký khai sinh' -> 'dang-ky-khai-sinh'."""
    return slugify(fold(title))


def free_slug(base, taken):
    """`base`, or the first of base-2, base-3, ... not in `taken` (the slugs already used beside it)."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def has_control_character(text):
    """NUL, \\x01-\\x1f, DEL and the like: no name, query or title may hold one (PostgreSQL refuses NUL outright)."""
    return any(unicodedata.category(char) == "Cc" for char in text)
