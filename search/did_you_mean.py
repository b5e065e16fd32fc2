"""“Có phải bạn muốn tìm …”: when a search finds nothing or only a few pages, the query as the citizen probably
meant it: the words typed with the input method off, decoded ("ddawng kys" -> "đăng ký"), or else the query in
the wording of the closest titles (each syllable typed replaced by the nearest syllable of a title holding some
of them: "dang ky khai sihn" -> "đăng ký khai sinh"; one syllable no title comes near is left out, more
and nothing is offered)."""

from . import engine
from .text import WORD, Query, exact, searchable

# A search finding fewer pages than this gets a suggestion.
FEW = 3
# Titles read for their wording: the best of those holding any syllable typed.
TITLES = 5


def distance(a, b):
    """Edits from a to b: letters inserted, removed, changed, or two side by side swapped ("sihn" -> "sinh": 1)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            if previous2 is not None and i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _allowed(form):
    """How far a syllable typed may be from a title's: one slip in a short syllable, two in a longer one."""
    return 1 if len(form) <= 4 else 2


def reworded(query, title):
    """The query in the title's words (lower case, with the title's marks): each syllable typed replaced by the
    title's nearest one, when near enough; the others left out."""
    words = WORD.findall(exact(title))
    forms = [searchable(word) for word in words]
    chosen = []
    for choices in query.choices:
        scored = [(distance(typed, form), i) for typed in choices for i, form in enumerate(forms)]
        if scored:
            best, position = min(scored)
            if best <= _allowed(choices[0]):
                chosen.append(words[position])
    return " ".join(chosen)


def suggestion(text, total, filters):
    """What to offer a citizen whose search found `total` pages, or '' (they found enough, or nothing is near)."""
    query = Query(text)
    if total >= FEW or not query:
        return ""
    if query.meant:
        return query.meant
    typed = " ".join(query.folded_words)
    for title in engine.closest(text, filters, TITLES):
        wording = reworded(query, title)
        # A title near all the syllables typed but one (a slip of the hand): half a query in a title's words
        # ("dang ki khai sinh" -> "đống sinh" on a site without that procedure) helps nobody.
        if len(wording.split()) >= max(1, len(query.choices) - 1) and searchable(wording) != typed:
            return wording
    return ""
