"""The folding table of the cluster engine's analyzer, generated from the fold the SQL engines use.

`search.text.folded` folds with anyascii after NFC ('Hộ CHIẾU' -> 'ho chieu'). Elasticsearch without the ICU plugin
has no such fold (and `asciifolding` is Lucene's own table), so the cluster analyzer is a `mapping` char_filter built
here from `sites.naming.fold` itself: every Vietnamese letter with every tone, upper and lower case, to what anyascii
makes of it (ộ -> o, Đ -> D), and every combining mark an NFD text carries to nothing; a `lowercase` filter follows.
tests/test_search_engines.py applies these rules in Python and checks they give exactly `folded()`.
"""

import unicodedata

from sites.naming import fold

# The letters that carry marks, and the five tones (huyền, sắc, ngã, hỏi, nặng) as combining marks.
MARKED_VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0303\u0309\u0323"
# NFD spells ă, â, ê, ô, ơ, ư with a breve, a circumflex or a horn after the vowel, and the tone after that.
COMBINING_MARKS = TONES + "\u0302\u0306\u031b"


def vietnamese_letters():
    """Every precomposed Vietnamese letter besides plain ASCII: each vowel with each tone, and đ; both cases."""
    letters = ["đ"]
    for vowel in MARKED_VOWELS:
        for tone in ("", *TONES):
            letters.append(unicodedata.normalize("NFC", vowel + tone))
    lower = [letter for letter in letters if not letter.isascii()]
    return sorted({*lower, *(letter.upper() for letter in lower)})


def folding_table():
    """{character: its fold}: the precomposed letters as anyascii folds them, the combining marks to nothing."""
    table = {letter: fold(letter) for letter in vietnamese_letters()}
    table.update(dict.fromkeys(COMBINING_MARKS, ""))
    return table


def _rule_key(character):
    # Elasticsearch reads \uXXXX in mapping rules; a bare combining mark would be unreadable in the settings.
    return f"\\u{ord(character):04x}" if unicodedata.combining(character) else character


def mapping_rules():
    """The `mappings` of the char_filter: 'ộ => o', 'Đ => D', '\\u0323 => '."""
    return [f"{_rule_key(character)} => {folded}" for character, folded in folding_table().items()]
