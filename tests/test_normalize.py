import pytest

from claims.normalize import fold_words, normalize_name, normalize_url, searchable_words

KATAIB_HEZBOLLAH = "kataib hezbollah"


@pytest.mark.parametrize(
    "spelling",
    [
        "Kata’ib Hezbollah",
        "Kata'ib Hezbollah",
        "Kataib Hezbollah",
        "KATAIB HEZBOLLAH",
        "Kata‘ib  Hezbollah",
    ],
)
def test_the_spellings_of_kataib_hezbollah_in_the_articles_fold_together(spelling):
    assert normalize_name(spelling) == KATAIB_HEZBOLLAH


@pytest.mark.parametrize("spelling", ["Kataeb Hezbollah", "Kata'ib Hizbollah", "Kataeb Hizbollah"])
def test_transliteration_variants_stay_different_because_fuzzy_matching_is_done_elsewhere(
    spelling,
):
    assert normalize_name(spelling) != KATAIB_HEZBOLLAH


@pytest.mark.parametrize(
    "spelling",
    ["al-Muhandis", "al Muhandis", "Al-Muhandis", "el-Muhandis", "al‐Muhandis", "AL—MUHANDIS"],
)
def test_the_arabic_article_folds_whatever_its_vowel_case_or_hyphen(spelling):
    assert normalize_name(spelling) == normalize_name("al-Muhandis")


def test_the_article_is_folded_inside_a_full_name():
    assert normalize_name("Abu Mahdi al-Muhandis") == normalize_name("Abu Mahdi Al Muhandis")


def test_a_word_merely_ending_in_al_is_not_taken_for_the_article():
    assert normalize_name("Real Madrid") == "real madrid"


def test_diacritics_are_removed():
    assert normalize_name("Qāssem Soleimanī") == normalize_name("Qassem Soleimani")


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",  # zero-width space
        "\u200d",  # zero-width joiner
        "\u200f",  # right-to-left mark
        "\u202e",  # right-to-left override
        "\ufeff",  # byte order mark
    ],
)
def test_invisible_format_characters_are_dropped(invisible):
    assert normalize_name(f"Kata{invisible}ib Hez{invisible}bollah{invisible}") == KATAIB_HEZBOLLAH


@pytest.mark.parametrize(
    "apostrophe",
    [
        "\u02bc",  # modifier letter apostrophe ʼ
        "\u2032",  # prime ′
        "\uff07",  # fullwidth apostrophe ＇
        "\u2019",  # right single quotation mark ’
        "`",
    ],
)
def test_lookalike_apostrophes_fold(apostrophe):
    assert normalize_name(f"Kata{apostrophe}ib Hezbollah") == KATAIB_HEZBOLLAH


def test_an_acute_accent_used_as_an_apostrophe_folds():
    assert normalize_name("Kata´ib Hezbollah") == KATAIB_HEZBOLLAH


@pytest.mark.parametrize("mark", ["\u02be", "\u02bf"])
def test_transliteration_marks_for_hamza_and_ayn_fold(mark):
    assert normalize_name(f"Kata{mark}ib Hezbollah") == KATAIB_HEZBOLLAH


def test_fullwidth_letters_fold():
    assert normalize_name("ＫＡＴＡＩＢ Ｈｅｚｂｏｌｌａｈ") == KATAIB_HEZBOLLAH


def test_whitespace_of_any_kind_and_length_collapses_to_one_space():
    assert normalize_name("  Kataib\t\n\u00a0 Hezbollah \u3000") == KATAIB_HEZBOLLAH


@pytest.mark.parametrize("name", ["", "   ", "'", "-–—", "“ ’ ”", "\u200b\ufeff"])
def test_a_name_with_no_letter_or_digit_gives_an_empty_key(name):
    assert normalize_name(name) == ""


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/strike",
        "http://example.com/news/strike",
        "https://www.example.com/news/strike",
        "HTTPS://WWW.EXAMPLE.COM/news/strike",
        "https://example.com:443/news/strike",
        "http://example.com:80/news/strike",
        "https://example.com/news/strike/",
        "https://example.com/news/strike#comments",
        "https://example.com/news/strike?utm_source=twitter&utm_medium=social",
        "https://example.com/news/strike?fbclid=IwAR0abc",
        "https://example.com/news/strike?gclid=xyz",
    ],
)
def test_urls_of_the_same_document_fold_together(url):
    assert normalize_url(url) == "example.com/news/strike"


def test_query_parameters_are_sorted_and_kept():
    assert normalize_url("https://example.com/a?page=2&id=7&utm_campaign=x") == (
        "example.com/a?id=7&page=2"
    )
    assert normalize_url("https://example.com/a?id=7&page=2") == normalize_url(
        "https://example.com/a?page=2&id=7"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com:8443/a", "https://example.com/a"),
        ("http://example.com:443/a", "http://example.com/a"),
        ("https://example.com/a", "https://example.com/b"),
        ("https://example.com/a?id=1", "https://example.com/a?id=2"),
        ("https://example.com/a", "https://example.org/a"),
    ],
)
def test_urls_of_different_documents_stay_different(first, second):
    assert normalize_url(first) != normalize_url(second)


def test_a_non_default_port_is_kept_in_the_key():
    assert normalize_url("https://example.com:8443/a") == "example.com:8443/a"


@pytest.mark.parametrize("url", ["", "   "])
def test_a_blank_url_gives_an_empty_key(url):
    assert normalize_url(url) == ""


# Arabic-script variants: each rule of ARABIC_SCRIPT_FOLDS with real names, both ways.
@pytest.mark.parametrize(
    ("one", "other", "rule"),
    [
        ("الحشد الشعبي", "الحشـــد الشعبي", "tatweel"),
        ("قاسم سليماني", "قاسم سلیمانی", "Arabic ya and Persian ye"),
        ("كتائب حزب الله", "کتائب حزب الله", "Arabic kaf and Persian keheh"),
        ("مصطفى", "مصطفي", "alef maqsura and ya"),
        ("مدرسة", "مدرسه", "ta marbuta and ha"),
        ("أبو مهدي المهندس", "ابو مهدي المهندس", "hamza above alef"),
        ("إيران", "ايران", "hamza below alef"),
        ("آل", "ال", "madda"),
        ("ٱلله", "الله", "alef wasla"),
        ("مؤسسة", "موسسه", "hamza on waw"),
        ("كتائب", "كتايب", "hamza on ya"),
        ("كَتَائِبُ حِزْبِ اللّٰه", "كتائب حزب الله", "harakat, shadda and the dagger alef"),
        ("سپاه پاسداران", "سپاه\u200cپاسداران", "non-joiner inside a Persian compound"),
        ("قاسم سلیمانی", "قاسم سلی\u200dمانی", "joiner dropped"),
        ("ذَٰلِكَ الْكِتَٰبُ", "ذلك الكتب", "dagger alef"),
        ("بِسْمِ ٱللَّهِ", "بسم الله", "alef wasla and harakat"),
        ("لَهُۥ", "له", "Quranic small waw"),
        ("فِيهِۦ", "فيه", "Quranic small ya"),
        ("مِنۢ", "من", "Quranic small high meem"),
        ("ٱلۡكِتَٰبِ", "الكتب", "Quranic rounded sukun"),
        ("عَلَيۡهِمۡ ۚ", "عليهم", "Quranic pause mark"),
        ("لواء ٢٢", "لواء 22", "Arabic-Indic digits"),
        ("تیپ ۲۲", "تیپ 22", "Persian digits"),
    ],
)
def test_arabic_script_variants_fold_together(one, other, rule):
    assert normalize_name(one) == normalize_name(other), rule
    assert normalize_name(other) == normalize_name(one), rule


def test_a_joiner_between_arabic_letters_is_dropped():
    assert normalize_name("حزب\u200dالله") == normalize_name("حزبالله")


def test_different_arabic_names_stay_different():
    assert normalize_name("كتائب حزب الله") != normalize_name("حزب الله")
    assert normalize_name("سليماني") != normalize_name("سليمان")


def test_a_non_joiner_cannot_split_a_latin_name():
    assert normalize_name("Kata\u200cib Hezbollah") == KATAIB_HEZBOLLAH


@pytest.mark.parametrize(
    ("texts", "words"),
    [
        (["Milley: Kata’ib Hezbollah did it."], " milley kataib hezbollah did it "),
        (["the U.S. and al-Muhandis"], " the u s and almuhandis "),
        # The hamza comes off its seat as diacritics do: كتائب is found as كتايب too.
        (["كتائب حزب الله", "Kataib Hizbullah"], " كتايب حزب الله | kataib hizbullah "),
        (["A quote", ""], " a quote "),
    ],
)
def test_searchable_words_are_folded_whole_words_between_spaces(texts, words):
    assert searchable_words(*texts) == words
    assert fold_words(texts[0]) == words.strip().split(" | ")[0]
