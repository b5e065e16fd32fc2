"""Vietnamese text for search: folding (NFC or NFD, any case, đ -> d), the i/y rule, query syllables (with what
Telex or VNI keystrokes decode to), highlighted snippets."""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape

from sites.naming import fold

from .syllables import Y_ONSETS, decode

WORD = re.compile(r"\w+")
SNIPPET_WORDS = 30
MAX_QUERY = 255


def folded(text):
    """'Thủ tục HỘ CHIẾU' (NFC or NFD) -> 'thu tuc ho chieu'; 'Đăng ký' -> 'dang ky'."""
    return fold(text).lower()


# The i/y rule, on folded syllables: after these consonants a lone i or y is one vowel spelled two ways (kí/ký,
# lí/lý, mĩ/mỹ: both fold to "ki", "li", "mi"), and "qui" is the older spelling of "quy". "y" as a word, "uy"
# (thủy/thui differ), "ay", "ây", "yê" and the quy family are left as they are. (pattern, Python replacement,
# Elasticsearch replacement): the cluster analyser applies the same rules per token (search/backends/cluster.py).
SPELLING_RULES = (
    (f"([{Y_ONSETS}])y", r"\1i", "$1i"),
    ("qui", "quy", "quy"),
)
_SPELLING = [(re.compile(rf"\b{pattern}\b"), replacement) for pattern, replacement, _ in SPELLING_RULES]


def unify_spelling(folded_text):
    """'dang ky ly lich' -> 'dang ki li lich'; 'qui dinh' -> 'quy dinh'; 'y te', 'thuy', 'tay' unchanged."""
    for pattern, replacement in _SPELLING:
        folded_text = pattern.sub(replacement, folded_text)
    return folded_text


def searchable(text):
    """What is indexed and matched: the text folded, its i/y spellings made one ('Đăng ký' -> 'dang ki')."""
    return unify_spelling(folded(text))


@lru_cache(maxsize=50_000)
def _searchable_syllable(word):
    """One syllable made searchable, remembered: the texts of a results page repeat a few thousand syllables, and
    marking the query in its ten snippets and titles folded some 1,300 of them one by one (4.3 ms; 1.6 with this)."""
    return searchable(word)


def indexed(text):
    """The folded text as indexed: its syllables (\\w+) made searchable, one space apart ('Quyết định 4488/QĐ-UBND' ->
    'quyet dinh 4488 qd ubnd'), so that every engine's tokenizer sees the syllables a query is cut into
    (PostgreSQL's parser would read '4488/qd-ubnd' as one path)."""
    return " ".join(WORD.findall(searchable(text)))


def exact(text):
    """Text as the exact-diacritic columns hold it: NFC, lower case."""
    return unicodedata.normalize("NFC", text).lower()


def normalise(text):
    """What an editor typed, as stored: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())[:MAX_QUERY]


def query_key(text):
    """What pins are matched and queries counted on: folded, i/y made one, single spaces ('Hộ  CHIẾU' -> 'ho chieu';
    'Quy hoạch' and 'qui hoach' -> 'quy hoach'; 'đăng ký' and 'dang ki' -> 'dang ki'), as search matches them."""
    return " ".join(searchable(text or "").split())[:MAX_QUERY]


class Query:
    """The syllables of what a citizen typed: exact, and as matched (folded, i/y made one); what the words typed
    with the input method off decode to ("ddawng kys" -> "đăng ký"); whether any diacritic was typed or decoded.

    Matching takes, for each syllable, any of its `choices`: the word as typed (so "VNeID", "tax" still match
    themselves) and, when it is not Vietnamese as typed but decodes to a syllable, the decoded one."""

    def __init__(self, text):
        self.text = exact(text or "")
        self.words = WORD.findall(self.text)
        typed = [searchable(word) for word in self.words]
        self.decoded = [decode(word) for word in self.words]
        # For each syllable: what is matched (as typed, then decoded); ranked as a phrase: decoded where decoded.
        self.choices = [
            [form, *([searchable(meant)] if meant and searchable(meant) != form else [])]
            for form, meant in zip(typed, self.decoded, strict=True)
        ]
        self.folded_words = [choices[-1] for choices in self.choices]
        self.exact_words = [meant or word for word, meant in zip(self.words, self.decoded, strict=True)]
        # Exact syllables that rank higher: as typed and as decoded ("tax" and "tã": both may be meant).
        self.exact_any = list(dict.fromkeys([*self.words, *filter(None, self.decoded)]))
        # Typed without any mark ("thu tuc"): an exact match means nothing, "thu" is not "thủ".
        self.has_marks = [folded(word) for word in self.exact_words] != self.exact_words

    @property
    def alternatives(self):
        """Whether some syllable may be matched two ways (a decoded word)."""
        return any(len(choices) > 1 for choices in self.choices)

    @property
    def meant(self):
        """The query with its decoded words ('ddawng kys khai sinh' -> 'đăng ký khai sinh'), or ''."""
        return " ".join(self.exact_words) if any(self.decoded) else ""

    def __bool__(self):
        return bool(self.words)


def _window(spans, matched):
    """Index of the first word of the SNIPPET_WORDS-word window holding the most distinct query words."""
    best, best_count = 0, -1
    for position in matched:
        start = max(0, position - 5)
        count = len({spans[i][2] for i in range(start, min(len(spans), start + SNIPPET_WORDS)) if i in matched})
        if count > best_count:
            best, best_count = start, count
    return best


def highlight(text, query, whole=False):
    """HTML of `text` (or of a window of it) with the query's syllables, folded, marked: <mark>Thủ tục</mark>."""
    wanted = {form for choices in query.choices for form in choices}
    spans = [(m.start(), m.end(), _searchable_syllable(m.group())) for m in WORD.finditer(text)]
    matched = {i for i, (_, _, word) in enumerate(spans) if word in wanted}
    if whole or not spans:
        first, last = 0, len(spans)
    else:
        first = _window(spans, matched) if matched else 0
        last = min(len(spans), first + SNIPPET_WORDS)
    parts = ["…" if first > 0 else ""]
    cursor = spans[first][0] if spans and not whole else 0
    for i in range(first, last):
        start, end, _ = spans[i]
        parts.append(escape(text[cursor:start]))
        word = escape(text[start:end])
        parts.append(f"<mark>{word}</mark>" if i in matched else word)
        cursor = end
    if whole or last == len(spans):
        parts.append(escape(text[cursor:]))
    else:
        parts.append("…")
    return "".join(parts).replace("</mark> <mark>", " ")
