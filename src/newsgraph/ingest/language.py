"""The language of an article, so that only French reaches the French pipeline.

A text mostly written in a script other than Latin is taken for that script's language
(Arabic, Chinese...). A Latin-script text goes to py3langid (Lui & Baldwin's langid.py,
modernised; BSD-3-Clause), whose naive Bayes model over byte n-grams of 97 languages
ships inside its wheel (4.6 MB, a NumPy array: nothing is fetched, nothing unpickled). It
was chosen over lingua (a 96 MB wheel) for its size; it loads once per process in about
a second and then takes well under a millisecond per article. On a few words it is
unsure ("Le Mali accuse la France." reads as Italian at 0.31): a guess below
:data:`CONFIDENT` keeps the language declared, French by default.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

#: The probability under which py3langid's answer is not taken.
CONFIDENT = 0.9
#: How much of a text is read: enough for a sure answer, little time.
SAMPLE = 3000
#: The language a script other than Latin is taken for (the first word of the letters'
#: Unicode names); "und" (undetermined) for the others.
_SCRIPTS = {"ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
            "CYRILLIC": "ru", "GREEK": "el", "HEBREW": "he", "DEVANAGARI": "hi", "THAI": "th"}


def script_language(text: str) -> str | None:
    """The language of a text mostly written in a script other than Latin, or None.

    >>> script_language("马里政府宣布召回大使。"), script_language("Le Mali proteste.")
    ('zh', None)
    """
    scripts: Counter[str] = Counter()
    for c in text[:2000]:
        if c.isalpha():
            scripts[unicodedata.name(c, "UNKNOWN").split(" ")[0]] += 1
    total = sum(scripts.values())
    if not total or scripts["LATIN"] * 2 >= total:
        return None
    return _SCRIPTS.get(scripts.most_common(1)[0][0], "und")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """``(language code, probability)`` of a text, by its script or by py3langid.

    >>> identify("Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten.")[0]
    'de'
    """
    other = script_language(text)
    if other:
        return other, 1.0
    lang, prob = _identifier().classify(text[:SAMPLE])
    return str(lang), float(prob)


def language_of(text: str, declared: str = "fr") -> str:
    """The language of an article: py3langid's answer where it is sure, else ``declared``.

    >>> language_of("El presidente del Gobierno se reunió el lunes en Madrid con su homólogo francés.")
    'es'
    >>> language_of("Le Mali accuse la France."), language_of("أعلنت الحكومة المالية أنها استدعت سفيرها")
    ('fr', 'ar')
    """
    lang, prob = identify(text)
    return lang if prob >= CONFIDENT else declared
