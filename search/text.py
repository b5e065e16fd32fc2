"""Vietnamese text for search: folding (NFC or NFD, any case, đ -> d), query syllables, highlighted snippets."""

import re
import unicodedata

from django.utils.html import escape

from sites.naming import fold

WORD = re.compile(r"\w+")
SNIPPET_WORDS = 30
MAX_QUERY = 255


def folded(text):
    """'Thủ tục HỘ CHIẾU' (NFC or NFD) -> 'thu tuc ho chieu'; 'Đăng ký' -> 'dang ky'."""
    return fold(text).lower()


def exact(text):
    """Text as the exact-diacritic columns hold it: NFC, lower case."""
    return unicodedata.normalize("NFC", text).lower()


def normalise(text):
    """What an editor typed, as stored: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())[:MAX_QUERY]


def query_key(text):
    """What pins are matched and queries counted on: folded, lower case, single spaces ('Hộ  CHIẾU' -> 'ho chieu')."""
    return " ".join(folded(text or "").split())[:MAX_QUERY]


class Query:
    """The syllables of what a citizen typed, exact and folded, and whether they typed any diacritic."""

    def __init__(self, text):
        self.text = exact(text or "")
        self.words = WORD.findall(self.text)
        self.folded_words = [folded(word) for word in self.words]
        # Typed without any mark ("thu tuc"): an exact match means nothing, "thu" is not "thủ".
        self.has_marks = self.folded_words != self.words

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
    wanted = set(query.folded_words)
    spans = [(m.start(), m.end(), folded(m.group())) for m in WORD.finditer(text)]
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
