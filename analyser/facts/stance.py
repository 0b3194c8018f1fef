"""Who a sentence speaks of, and how: the paper's own work, other people's, the
field in general, or what might be done.

A fact of the paper is what the paper itself does. A sentence weighs less as
evidence of that when it cites someone else ("Smith et al. proposed..."), speaks
of the field in general ("random forests are widely used", "ML can classify,
regress and generate"), or of what would or could be done ("fingerprints could
represent the solvents"). The paper speaking in the first person ("we", "our",
"this work") speaks of its own work.
"""

from __future__ import annotations

import re

# The paper speaking of its own work.
FIRST_PERSON = re.compile(
    # "here" as "in this paper" opens the sentence ("Here, a Transformer was employed") or says
    # whose the thing is ("the model proposed here"); "as will be outlined here" is about the text
    r"\b(?:we|our|ours|us|this (?:work|study|paper|article)|the present (?:work|study)|herein|"
    r"the proposed|(?:developed|introduced|proposed|presented|employed|used|studied|considered) here)\b|^\W*here\b",
    re.I,
)
# Of the work it compares against or sets itself apart from.
ABOUT_OTHERS = re.compile(
    r"\b(?:baselines?|state[- ]of[- ]the[- ]art|competing|compared? (?:with|to)|outperform\w*|"
    r"previous(?:ly)?|existing|conventional|traditional)\b",
    re.I,
)
# Someone else's work ("Smith et al. proposed...").
CITES_OTHERS = re.compile(
    r"\bet al\b|\b(?:proposed|introduced|developed|reported|presented) by\b|"
    r"\b(?:previous|prior|earlier|recent) (?:work|studies|study|reports?)\b|"
    r"\b(?:were|was|have been|has been)\s+previously\s+(?:used|employed|applied|proposed|reported|shown|described)\b|"
    r"\b(?:were|was|have been|has been)\s+(?:shown|reported|demonstrated|described)\s+previously\b|"
    # a superscript citation as the subject: "19 performed the first-principles calculations on 45 oxides"
    # (a count would be followed by its noun)
    r"^\s*\d{1,3}(?:\s*[,\u2013\-]\s*\d{1,3})*\s+(?:performed|reported|showed|used|trained|proposed|developed|"
    r"demonstrated|found|applied|introduced|described|studied|investigated|presented|predicted|computed|calculated|"
    r"employed|obtained|built|constructed|fitted)\b",
    re.I,
)
# The field in general: what methods usually do, have done, or can do.
GENERAL = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?been\s+(?:\w+ly\s+)?(?:used|applied|employed|adopted|developed|proposed|"
    r"shown|demonstrated|explored|reported|studied|investigated|utili[sz]ed|leveraged|implemented|successful)\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:commonly|widely|often|typically|frequently|usually|generally|increasingly|"
    r"traditionally|routinely|extensively|popularly)\s+(?:used|applied|employed|adopted|utili[sz]ed)\b"
    r"|\b(?:commonly|widely|often|typically|frequently|usually|traditionally|routinely)\s+"
    r"(?:\w+ed|computes?|relies|rely|requires?|uses?|involves?|makes?|takes?|needs?)\b"
    r"|\bcan\s+(?:also\s+|then\s+|thus\s+|therefore\s+)?(?:be\s+)?(?:used|applied|employed|adopted|utili[sz]ed)\b"
    r"|\b(?:can|may)\s+(?:also\s+)?(?:use|employ|apply|rely|include|help|provide|benefit)\b"
    r"|\b(?:common|typical|popular|well-known|prominent)\s+(?:examples?|choices?|approach(?:es)?|methods?)\b"
    r"|\b(?:stands?|serves?|is (?:regarded|considered|known|seen)) as (?:a |an )?(?:\w+ ){0,2}(?:asset|tool|method|approach|choice|framework|technique)s?\b"
    r"|\bin recent years\b|\brecent(?:ly)?\s+(?:advances|years|developments|progress|successes)\b"
    r"|\b(?:many|numerous|various|a (?:wide )?(?:variety|range|number) of)\s+(?:studies|works|approaches|"
    r"methods|researchers|groups|applications|tasks|models|fields|domains|areas)\b"
    r"|\b(?:machine learning|deep learning|ML|AI|artificial intelligence)\b[^.;]{0,40}\b(?:can|could|may|has|have|is|are)\b"
    r"[^.;]{0,20}\b(?:used|applied|employed|capable|able|promising|powerful|success\w*|transform\w*|revolution\w*)",
    re.I,
)
# What would, could or might be done, or is left for the future.
HYPOTHETICAL = re.compile(
    r"\b(?:would|might)\b|(?<!\bwe )\bcould\b|\bfuture (?:work|studies|research|directions?|efforts?)\b|"
    r"\bin (?:the )?future\b|\bremains? to be\b|\b(?:is|are) left for\b|\bit (?:will|may) be (?:interesting|useful|worth)\b|"
    # an illustration of what may happen: "for instance, some measures may be binary classifications"
    r"\bfor (?:instance|example)\b[^.;]{0,80}\b(?:may|might|can)\s+(?:\w+ly\s+)?be\b",
    re.I,
)

CITED_FACTOR = 0.3
GENERAL_FACTOR = 0.35
HYPOTHETICAL_FACTOR = 0.3


def cites_others(text: str) -> bool:
    """"We use the data set of Smith et al." is still about this paper's work."""
    return bool(CITES_OTHERS.search(text)) and not FIRST_PERSON.search(text)


def general(text: str) -> bool:
    """About the field, not about this paper's work (the paper saying "we" is not)."""
    return bool(GENERAL.search(text)) and not FIRST_PERSON.search(text)


def hypothetical(text: str) -> bool:
    return bool(HYPOTHETICAL.search(text))


def factor(text: str) -> float:
    """How much a sentence counts as evidence of what the paper itself does, from
    whom and how it speaks (its place in the paper is weighed elsewhere)."""
    value = 1.0
    if cites_others(text):
        value *= CITED_FACTOR
    elif general(text):
        value *= GENERAL_FACTOR
    if hypothetical(text):
        value *= HYPOTHETICAL_FACTOR
    return value
