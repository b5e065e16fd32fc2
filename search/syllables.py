"""Vietnamese syllables as written, generated from the orthography: onsets x rhymes x tones, with the spelling rules
that tie them (c/k/q, g/gh, ng/ngh, gi, iê/yê, the medial o/u, stops taking only the sắc and nặng tones).

Citizen search uses the table for two things:
- the i/y rule (`search.text.unify_spelling`): after the consonants below, "kí" and "ký", "lí" and "lý", "mĩ" and
  "mỹ" are one syllable spelled two ways (both accepted: the 1984 rules and today's textbooks write i, most
  administrative texts y), and "qui" is the older spelling of "quy";
- decoding what was typed with Telex or VNI while the input method was off ("ddawng kys", "d9ang ky1") back into
  the syllable meant, only when the word typed is not a syllable itself and its decoding is one (`decode`).

The tone mark sits where the traditional rule puts it ("hòa", "thủy", "khỏe", the spelling of most texts here);
the newer placement ("hoà", "thuỷ", "khoẻ") is a valid spelling too (`is_syllable`).
"""

import unicodedata
from functools import cache

ONSETS = (
    *("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"),
    *("p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"),
)
# After these consonants a lone /i/ in an open syllable is written i or y (kí/ký, hi/hy, tỉ/tỷ); after the digraphs
# (ch, kh, nh, ph, th, tr, gh, ngh) and gi only i is written. Folded, đ is d.
Y_ONSETS = "bdhklmnprstvx"
# Rhymes without the medial /w/, by main vowel.
_PLAIN = """
    a ac ach ai am an ang anh ao ap at au ay   ăc ăm ăn ăng ăp ăt   âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et   ê êch êm ên ênh êp êt êu   i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot   ô ôc ôi ôm ôn ông ôp ôt   ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt   ư ưa ưc ưi ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
"""
# Rhymes with the medial /w/: written o before a, ă, e and u before the others; after q the u is the onset's ("qu"),
# so "qu" takes these rhymes without their first letter (qua, quăng, que, quân, quê, quy, quyết, quơ) and quốc.
_MEDIAL = """
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
    uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu uơ
"""
PLAIN_RHYMES, MEDIAL_RHYMES = tuple(_PLAIN.split()), tuple(_MEDIAL.split())
FRONT = ("i", "e", "ê", "y")  # k, gh, ngh come before these; c, g, ng before the others
NO_MEDIAL = {"b", "m", "p", "ph", "v", "c", "k", "gh", "ngh", "gi", "qu"}  # labials, and the spellings above
# Loanwords that break the rules above and are in everyday use: "buýt" (xe buýt).
LOANS = {"b": ["uyt"]}
STOPS = ("c", "ch", "p", "t")  # a syllable ending in a stop takes only the sắc or nặng tone
# The tones as combining marks, by their Telex and VNI keys: sắc, huyền, hỏi, ngã, nặng.
TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
TELEX_TONES = dict(zip("sfrxj", TONES, strict=True))
VNI_TONES = dict(zip("12345", TONES, strict=True))
VOWELS = "aăâeêioôơuưy"
SHAPED = "ăâêôơư"
FINALS = ("ch", "nh", "ng", "c", "m", "n", "p", "t")


def _rhymes(onset):
    """The rhymes this onset takes, spelled as they are after it."""
    if onset == "qu":
        return [*{rhyme[1:] for rhyme in MEDIAL_RHYMES}, "ôc", "i"]  # "qui": the older spelling of "quy"
    rhymes = list(PLAIN_RHYMES)
    if onset not in NO_MEDIAL:
        rhymes += MEDIAL_RHYMES
    rhymes += LOANS.get(onset, [])
    if onset == "" or onset in {"đ", *Y_ONSETS}:
        rhymes.append("y")  # "y" as a word; "ký", "lý", "mỹ" beside "kí", "lí", "mĩ"
    spelled = []
    for rhyme in rhymes:
        front = rhyme.startswith(FRONT)
        if onset in ("c", "g", "ng") and front or onset in ("k", "gh", "ngh") and not front:
            continue
        if onset == "gi":
            if rhyme in ("ia", "iu") or rhyme.startswith(("o", "y")) and rhyme != "o":
                continue
            rhyme = rhyme[1:] if rhyme.startswith("i") else rhyme  # gi + in -> "gin", gi + iêng -> "giêng"
        elif onset == "" and rhyme.startswith("iê"):
            rhyme = "y" + rhyme[1:]  # "yên", "yêu"
        spelled.append(rhyme)
    return spelled


def _vowel_run(word, onset):
    """(start, end) of the vowels of `word` after its onset; in "gì", "gìn", "giếng" the i is gi's own."""
    start = len(onset)
    if onset == "gi" and (len(word) == 2 or word[2] not in VOWELS):
        start = 1
    end = start
    while end < len(word) and word[end] in VOWELS:
        end += 1
    return start, end


def _tone_position(word, onset, new_style=False):
    start, end = _vowel_run(word, onset)
    run = word[start:end]
    shaped = [i for i, letter in enumerate(run) if letter in SHAPED]
    if shaped:
        return start + shaped[-1]
    if end < len(word) or len(run) == 1:
        return end - 1
    if len(run) == 3:
        return start + 1  # oai, oay, uya, uyu: the middle vowel
    if new_style and run in ("oa", "oe", "uy"):
        return start + 1
    return start


def _with_tone(word, position, tone):
    return unicodedata.normalize("NFC", word[: position + 1] + tone + word[position + 1 :])


@cache
def table():
    """{untoned spelling: {tone mark or "": the syllable}} of every Vietnamese syllable, tone placed traditionally."""
    syllables = {}
    for onset in ONSETS:
        for rhyme in _rhymes(onset):
            word = onset + rhyme
            tones = TONES[::4] if rhyme.endswith(STOPS) else TONES
            forms = syllables.setdefault(word, {"": word})
            for tone in tones:
                forms[tone] = _with_tone(word, _tone_position(word, onset), tone)
    return syllables


@cache
def syllables():
    """Every valid syllable, lower case NFC, with the tone in either placement ("hòa" and "hoà")."""
    found = set()
    for onset in ONSETS:
        for rhyme in _rhymes(onset):
            word = onset + rhyme
            for tone in table()[word]:
                if tone:
                    found.add(_with_tone(word, _tone_position(word, onset, new_style=True), tone))
    for forms in table().values():
        found.update(forms.values())
    return frozenset(found)


def is_syllable(word):
    return unicodedata.normalize("NFC", word.lower()) in syllables()


def _lookup(states, tone):
    for state in states:
        forms = table().get(state)
        if forms and tone in forms:
            return forms[tone]
    return None


HOOKS = {"u": "ư", "o": "ơ", "a": "ă"}
HATS = {"a": "â", "e": "ê", "o": "ô"}


def _hooked(word, letters, inline):
    """The spellings a horn or breve key may have meant on `word`: ươ first (Unikey's "uow"), then the letter just
    before the key, then any other of `letters` that takes one."""
    states = []
    for pair in ("uo", "ưo", "uơ"):
        if pair in word:
            states.append(word.replace(pair, "ươ", 1))
    positions = [i for i, letter in enumerate(word) if letter in letters]
    if inline is not None and inline in positions:
        positions.remove(inline)
        positions.insert(0, inline)
    states += [word[:i] + HOOKS[word[i]] + word[i + 1 :] for i in positions]
    return states


def _hatted(word, letters, inline):
    """The spellings a circumflex key may have meant: the letter just before the key first, then the others."""
    positions = [i for i, letter in enumerate(word) if letter in letters]
    if inline is not None and inline in positions:
        positions.remove(inline)
        positions.insert(0, inline)
    return [word[:i] + HATS[word[i]] + word[i + 1 :] for i in positions]


def _inline(state, letters):
    return len(state) - 1 if state[-1:] and state[-1] in letters else None


def _barred(states):
    """đ for the d the word starts with (Telex "dd" or a late "d", VNI "9"); None when it starts otherwise."""
    if not states or not all(state.startswith("d") for state in states):
        return None
    return ["đ" + state[1:] for state in states]


class _Keys:
    """The spellings a run of keystrokes may stand for, as the keys come, and the tone typed."""

    def __init__(self):
        self.states, self.tone, self.vowel = [""], "", False

    def letter(self, key):
        if key in "fjwz":
            return False  # not a letter of Vietnamese
        self.states = [state + key for state in self.states]
        self.vowel = self.vowel or key in "aeiouy"
        return True

    def set_tone(self, tone, rest=""):
        if self.tone or not self.vowel or any(later in "aeiouy" for later in rest):
            return False  # two tones, a tone before any vowel, or (Telex) a vowel after it: a word, not keystrokes
        self.tone = tone
        return True

    def hook(self, letters):
        self.states = [hooked for state in self.states for hooked in _hooked(state, letters, _inline(state, letters))]
        return bool(self.states)

    def hat(self, letters, plain=None):
        states = [hatted for state in self.states for hatted in _hatted(state, letters, _inline(state, letters))]
        if plain:  # Telex: a second a, e or o may be just that vowel ("ngoeo")
            states += [state + plain for state in self.states]
        self.states = states
        return bool(states)

    def result(self, keys):
        found = _lookup(self.states, self.tone)
        return found if found != keys else None


def telex(word):
    """The syllable `word` types in Telex ("ddawng" -> "đăng", "kys" -> "ký", "thuowr" -> "thuở"), or None."""
    keys = word.lower()
    if not (keys.isascii() and keys.isalpha()) or len(keys) > 12:
        return None
    typed = _Keys()
    for position, key in enumerate(keys):
        if key in TELEX_TONES and typed.vowel:
            ok = typed.set_tone(TELEX_TONES[key], keys[position + 1 :])
        elif key == "w" and not typed.vowel:
            typed.states, typed.vowel, ok = [state + "ư" for state in typed.states], True, True  # "nhw" -> "như"
        elif key == "w":
            ok = typed.hook("uoa")
        elif key == "d" and (typed.vowel or typed.states == ["d"]):
            typed.states = _barred(typed.states)
            ok = typed.states is not None
        elif key in HATS and typed.vowel and any(key in state for state in typed.states):
            ok = typed.hat(key, plain=key)
        else:
            ok = typed.letter(key)
        if not ok:
            return None
    return typed.result(keys)


def vni(word):
    """The syllable `word` types in VNI ("d9a8ng" -> "đăng", "ky1" -> "ký", "thuo73" -> "thuở"), or None."""
    keys = word.lower()
    if not (keys.isascii() and keys.isalnum()) or keys.isalpha() or not keys[0].isalpha() or len(keys) > 12:
        return None
    typed = _Keys()
    for key in keys:
        if key in VNI_TONES:
            ok = typed.set_tone(VNI_TONES[key])  # a digit is no letter: a vowel may follow ("chie61u")
        elif key == "6":
            ok = typed.vowel and typed.hat("aeo")
        elif key == "7":
            ok = typed.vowel and typed.hook("uo")
        elif key == "8":
            ok = typed.vowel and typed.hook("a")
        elif key == "9":
            typed.states = _barred(typed.states)
            ok = typed.states is not None
        elif key.isalpha():
            ok = typed.letter(key)
        else:
            ok = False
        if not ok:
            return None
    return typed.result(keys)


def decode(word):
    """The syllable a word typed with the input method off stands for, or None: only a word that is not a
    syllable itself and whose Telex or VNI decoding is one."""
    word = word.lower()
    if is_syllable(word):
        return None
    return telex(word) or vni(word)
