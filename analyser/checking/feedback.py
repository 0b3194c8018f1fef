"""What would raise a criterion's score, in the submission's language.

The rubric's feedback for the level reached, preceded by why the score was
held lower when one of the spec's rules held it: statements the article
contradicts (with its own words), generic statements without this article's
specifics, a text that reads as a summary.
"""

from __future__ import annotations

from analyser.checking import calibration
from analyser.checking.criteria import CriterionResult

MAX_CLAIMS = 2

_HELD = {
    "en": {
        "wrong": "Held at 1: the article says otherwise ({claims}); check these statements against the paper.",
        "wrong_anyway": "The article says otherwise ({claims}); check these statements against the paper.",
        "unsupported": "Held at 1: some statements are not in the article ({claims}); check them against the paper.",
        "unsupported_anyway": "Some statements are not in the article ({claims}); check them against the paper.",
        "generic": "Held at 1: what you write here is generic; say what this article does (its model, data, "
                   "numbers, results) to reach level 2.",
        "summary": "Held at {cap}: the text reads as a summary (see the is_analysis check); judge and question the "
                   "paper's choices to reach level 3.",
    },
    "fr": {
        "wrong": "Maintenu à 1 : l'article dit autre chose ({claims}) ; vérifiez ces affirmations dans l'article.",
        "wrong_anyway": "L'article dit autre chose ({claims}) ; vérifiez ces affirmations dans l'article.",
        "unsupported": "Maintenu à 1 : certaines affirmations ne sont pas dans l'article ({claims}) ; vérifiez-les dans l'article.",
        "unsupported_anyway": "Certaines affirmations ne sont pas dans l'article ({claims}) ; vérifiez-les dans l'article.",
        "generic": "Maintenu à 1 : ce que vous écrivez ici est générique ; dites ce que fait cet article (son modèle, "
                   "ses données, ses chiffres, ses résultats) pour atteindre le niveau 2.",
        "summary": "Maintenu à {cap} : le texte se lit comme un résumé (voir le contrôle is_analysis) ; jugez et "
                   "questionnez les choix de l'article pour atteindre le niveau 3.",
    },
}


def for_criterion(result: CriterionResult, language: str = "en") -> str:
    texts = _HELD.get(language, _HELD["en"])
    parts = []
    chosen = calibration.holding_claims(result)
    if chosen:
        # They are said even when the level was low anyway.
        claims = "; ".join(f"{claim.claim.split(':', 1)[0]} \u2014 {claim.detail}" for claim in chosen[:MAX_CLAIMS])
        key = "wrong" if result.wrong else "unsupported"
        parts.append(texts[key if "wrong" in result.held else key + "_anyway"].format(claims=claims))
    if "generic" in result.held:
        parts.append(texts["generic"])
    if "summary" in result.held:
        parts.append(texts["summary"].format(cap=result.score))
    parts.append(result.criterion.feedback_in(result.score, language))
    return " ".join(parts)
