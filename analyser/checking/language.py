"""The language a submission is written in, from its share of common words.

A French analysis uses many English ML terms ("random forest", "dropout"),
so technical words prove nothing; the little words do: "the", "of", "is" in
English, "le", "des", "est" in French. The language whose stopwords are the
more frequent wins; English when neither is clearly there.
"""

from __future__ import annotations

import re

from analyser.checking.terms import fold

LANGUAGES = ("en", "fr")

# Frequent function words of each language, folded; none belongs to both.
_STOPWORDS = {
    "en": frozenset(
        "the of and to is are was were be been that this these those with for on by from as it its "
        "which what who not but or have has had they their them we our would could should will can "
        "than then there into also more most only such very how why when while because".split()
    ),
    "fr": frozenset(
        "le la les des du de et est sont etait etaient ete un une que qui dans pour par sur au aux avec "
        "ce cette ces il ils elle elles nous on ne pas plus mais ou leur leurs sa son ses se qu c d l n "
        "comme aussi tres donc car dont entre sans sous cela ceci lorsque quand pourquoi".split()
    ),
}
MIN_STOPWORDS = 20  # fewer: too little text to tell; English is assumed


def detect(text: str) -> str:
    """"en" or "fr": the language with the larger share of its stopwords in `text`."""
    counts = {language: 0 for language in LANGUAGES}
    for word in re.findall(r"\w+", fold(text)):
        for language in LANGUAGES:
            if word in _STOPWORDS[language]:
                counts[language] += 1
    if sum(counts.values()) < MIN_STOPWORDS:
        return "en"
    return "fr" if counts["fr"] > counts["en"] else "en"


MIN_OWN_WORDS = 50  # fewer words of the student's own: too few to tell alone


def detect_submission(own_text: str, full_text: str, headings=()) -> str:
    """The language of a submission: from the student's own words when there are
    enough; else from the whole text, a template's guidance and headings included
    (a French template barely filled in is still a French analysis)."""
    if len(own_text.split()) >= MIN_OWN_WORDS:
        return detect(own_text)
    headings_text = " ".join(str(getattr(h, "text", h)) for h in headings or ())
    return detect(" ".join((headings_text, full_text or own_text)))
