"""The syllable table, the i/y rule and the decoding of Telex and VNI typed with the input method off: checked
syllable by syllable against encodings written here, independently of the decoder."""

import re
import unicodedata

import pytest

from search.backends.cluster import INDEX_SETTINGS
from search.backends.folding import mapping_rules
from search.syllables import decode, is_syllable, table, telex, vni
from search.text import Query, folded, searchable

from .test_search_engines import apply_mapping_char_filter

TONE_MARKS = {
    "\u0301": ("s", "1"),
    "\u0300": ("f", "2"),
    "\u0309": ("r", "3"),
    "\u0303": ("x", "4"),
    "\u0323": ("j", "5"),
}
# Each letter's keys, typed the usual way: Telex doubles the vowel or adds w, VNI adds a digit.
TELEX_LETTERS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}
VNI_LETTERS = {"â": "a6", "ê": "e6", "ô": "o6", "ă": "a8", "ơ": "o7", "ư": "u7", "đ": "d9"}


def canonical_syllables():
    """Every syllable of the table in its traditional spelling (the one decoding gives back)."""
    return sorted({form for forms in table().values() for form in forms.values()})


def tone_of(syllable):
    """(the syllable without its tone, the tone's combining mark or '')."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [mark for mark in decomposed if mark in TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONE_MARKS))
    return base, (tones[0] if tones else "")


def encodings(syllable, letters, tone_key, uo_spellings):
    """The ways a typist writes `syllable`: letters as `letters` says (ươ also as `uo_spellings`), the tone key at
    the very end or right after the vowels (before the final consonants)."""
    base, tone = tone_of(syllable)
    spellings = {"".join(letters.get(letter, letter) for letter in base)}
    if "ươ" in base:
        for spelled in uo_spellings:
            head, tail = base.split("ươ", 1)
            spellings.add(
                "".join(letters.get(letter, letter) for letter in head)
                + spelled
                + "".join(letters.get(letter, letter) for letter in tail)
            )
    if not tone:
        return spellings
    key = tone_key(tone)
    typed = set()
    for spelled in spellings:
        typed.add(spelled + key)
        final = re.search(r"(ch|nh|ng|c|m|n|p|t)$", spelled)
        if final:
            typed.add(spelled[: final.start()] + key + final.group())
    return typed


MARKED = [syllable for syllable in canonical_syllables() if not syllable.isascii()]


def test_the_table_holds_the_syllables_of_ordinary_words_and_not_foreign_ones():
    for word in ["đăng", "ký", "kí", "lý", "lí", "mỹ", "quý", "quí", "người", "khuya", "khuỷu", "giếng", "gì", "thuở"]:
        assert is_syllable(word), word
    for word in ["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "y", "ý", "uy", "yên", "quyết", "nghiêng", "gìn"]:
        assert is_syllable(word), word
    for word in ["buýt"]:  # the one loanword kept
        assert is_syllable(word), word
    # Spellings Vietnamese does not use: c/k, g/gh and ng/ngh before the wrong vowel, a stop with a level tone.
    for word in ["ce", "ghea", "ngha", "kan", "qa", "gya", "tàc", "mãp", "vneid", "bitexco", "ph"]:
        assert not is_syllable(word), word
    assert len(MARKED) > 10_000


# After the consonants where both are written, i and y are one vowel; y as a word, uy, ay, ây, yê, the quy family
# and the digraphs are left as they are.
I_Y_CASES = """
Đăng ký khai sinh => dang ki khai sinh
đăng kí khai sinh => dang ki khai sinh
Phiếu lý lịch tư pháp => phieu li lich tu phap
phiếu lí lịch => phieu li lich
Mỹ thuật, mĩ thuật => mi thuat, mi thuat
kỹ thuật, kĩ năng => ki thuat, ki nang
hy sinh, hi vọng => hi sinh, hi vong
tỷ lệ, tỉ lệ => ti le, ti le
bác sỹ, bác sĩ => bac si, bac si
Quý I, quí II, quĩ, quỹ => quy i, quy ii, quy, quy
quy định, qui định => quy dinh, quy dinh
y tế, ý kiến, Ỷ Lan => y te, y kien, y lan
thủy lợi, thui thủi, tuy nhiên => thuy loi, thui thui, tuy nhien
bàn tay, tây, cây, máy => ban tay, tay, cay, may
yên tĩnh, khuya, quyết, quỳnh, quýt, khuyên => yen tinh, khuya, quyet, quynh, quyt, khuyen
gì, ghi, nghỉ, chị, thi, trị, nhì, phí, khi => gi, ghi, nghi, chi, thi, tri, nhi, phi, khi
Sky, dây, mây => sky, day, may
"""


@pytest.mark.parametrize(("typed", "expected"), [line.split(" => ") for line in I_Y_CASES.strip().splitlines()])
def test_i_and_y_are_one_vowel_after_consonants_and_nowhere_else(typed, expected):
    assert searchable(typed) == expected
    assert searchable(unicodedata.normalize("NFD", typed)) == expected


def test_every_open_i_syllable_after_a_consonant_has_its_y_twin_and_both_fold_alike():
    """Syllable by syllable: C + i and C + y (with any tone) fold alike after b d đ h k l m n p r s t v x; every other
    syllable of the table folds as it did before the rule, except qui (= quy)."""
    twins = 0
    for syllable in MARKED + [s for s in canonical_syllables() if s.isascii()]:
        plain = folded(syllable)
        onset = plain[:-1]
        if len(plain) == 2 and plain[-1] in "iy" and onset in set("bdhklmnprstvx"):
            twin = syllable[:-1] + {"i": "y", "y": "i"}[plain[-1]] if syllable[-1] in "iy" else None
            twin = twin or syllable[:-1] + _swap_marked(syllable[-1])
            assert is_syllable(twin), (syllable, twin)
            assert searchable(twin) == searchable(syllable) == onset + "i"
            twins += 1
        elif plain in ("qui", "quy"):
            assert searchable(syllable) == "quy"
        else:
            assert searchable(syllable) == plain, syllable
    # 14 consonants (đ folds to d: 13 folded), i and y, six tones.
    assert twins == 14 * 2 * 6


def _swap_marked(letter):
    base, tone = tone_of(letter)
    return unicodedata.normalize("NFC", {"i": "y", "y": "i"}[base] + tone)


def cluster_analyzed(text):
    """The vi_folded analyzer as the index settings define it, applied in Python: char_filter, \\w+ tokens,
    lowercase, then each pattern_replace filter on each token ($1 read as Python's \\1)."""
    analysis = INDEX_SETTINGS["analysis"]
    tokens = re.findall(r"\w+", apply_mapping_char_filter(mapping_rules(), text))
    names = analysis["analyzer"]["vi_folded"]["filter"]
    out = []
    for token in tokens:
        for name in names:
            if name == "lowercase":
                token = token.lower()
                continue
            rule = analysis["filter"][name]
            token = re.sub(rule["pattern"], rule["replacement"].replace("$1", r"\1"), token)
        out.append(token)
    return out


def test_the_cluster_analyzer_applies_the_same_i_y_rule_to_every_syllable():
    for syllable in canonical_syllables():
        for form in ("NFC", "NFD"):
            assert cluster_analyzed(unicodedata.normalize(form, syllable.upper())) == [searchable(syllable)], syllable
    analyzed = cluster_analyzed("Đăng KÝ lý lịch, qui định, Y tế, thủy")
    assert analyzed == ["dang", "ki", "li", "lich", "quy", "dinh", "y", "te", "thuy"]


@pytest.mark.parametrize(
    ("decoder", "letters", "key", "uo_spellings"),
    [(telex, TELEX_LETTERS, 0, ("uow", "uwow")), (vni, VNI_LETTERS, 1, ("uo7", "u7o7"))],
    ids=["telex", "vni"],
)
def test_every_spelling_of_every_syllable_decodes_back(decoder, letters, key, uo_spellings):
    failures = []
    for syllable in MARKED:
        for typed in encodings(syllable, letters, lambda tone: TONE_MARKS[tone][key], uo_spellings):
            if decoder(typed) != syllable or decode(typed) != syllable:
                failures.append((typed, decoder(typed), syllable))
    assert failures == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ddawng kys khai sinh", "đăng ký khai sinh"),
        ("thur tucj", "thủ tục"),
        ("d9a8ng ky1", "đăng ký"),
        ("thu3 tu5c ho65 chie61u", "thủ tục hộ chiếu"),
        ("hoj chieeus", "họ chiếu"),
        ("nguowif cao tuooir", "người cao tuổi"),
        ("Chuwng thuwjc", "chưng thực"),
    ],
)
def test_a_query_typed_with_the_input_method_off_means_the_vietnamese_words(typed, meant):
    assert Query(typed).meant == meant


@pytest.mark.parametrize(
    "word",
    [
        *("VNeID", "Bitexco", "online", "email", "website", "covid", "visa", "passport", "iPhone", "Zalo"),
        *("Facebook", "download", "UBND", "QĐ", "4488", "2026", "B1", "ND", "CP", "Hanoi", "Vincom", "express"),
    ],
)
def test_english_words_names_and_document_numbers_are_not_decoded(word):
    assert decode(word.lower()) is None


def test_a_document_number_is_matched_as_typed():
    query = Query("4488/QĐ-UBND")
    assert query.choices == [["4488"], ["qd"], ["ubnd"]]
    assert query.meant == ""


def test_a_word_that_is_vietnamese_as_typed_is_never_decoded():
    # "ky" is a syllable (kỳ, ký without marks): typed without marks, not Telex for anything.
    assert Query("dang ky khai sinh").choices == [["dang"], ["ki"], ["khai"], ["sinh"]]
    # "tax" is no syllable, and decodes to "tã": both are tried.
    assert Query("tax").choices == [["tax", "ta"]]
