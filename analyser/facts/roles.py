"""The role one mention gives a model: the paper's own, a baseline it compares
against, or a component (a part of its architecture, or a tool used around the
pipeline).

A mention counts for "main" when the paper speaks of the model in the first
person ("we propose", "our model", "we train"); for "baseline" when the model
stands after a comparison ("outperforms X", "compared with X"), beside
"baseline", "state of the art", or where the authors re-implement or re-train
it to compare; for "component" when it is a part of another model ("a GRU
readout", "a CNN head", "an ensemble of decision trees") or a tool that
produces something the pipeline uses ("embeddings computed with X", "the X
web server", "X was used to generate the routes"). Sentences citing others,
about the field in general or about what could be done give no role.
"""

from __future__ import annotations

import re

from analyser.facts.corpus import FIRST_PERSON, Hit

_COMPARE = re.compile(
    r"\b(?:outperform\w*|better than|superior to|compar(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:with|to|against)|"
    r"comparisons? (?:with|to|against|of)|"
    r"compar\w+ (?:the )?(?:performance|ability|accuracy|results)|"
    r"in comparison|relative to|against|versus|vs\.?|than|unlike|surpass\w*|beats?|improves? (?:on|upon))\b",
    re.I,
)
_BASELINE_WORDS = re.compile(
    r"\b(?:baselines?|state[- ]of[- ]the[- ]art (?:models?|methods?|approaches|baselines?)|"
    r"(?:than|over|to|with) (?:the )?(?:current )?state[- ]of[- ]the[- ]art|competing|reference (?:models?|methods?)|"
    r"benchmark(?:ed)? (?:models?|methods?|against)|other (?:models|methods)|for comparison|comparative)\b",
    re.I,
)
# "GCN and GAT serve as baselines": every model of the sentence is one.
_AS_BASELINE = re.compile(
    r"\bas (?:a |the )?(?:\w+ )?baselines?\b|\bbaselines?(?: models?| methods?)?\s*(?:such as|including|like|:|\()|"
    r"\bbaselines?\b[^.]{0,30}\b(?:is|are|was|were|include[sd]?)\b",
    re.I,
)
# Models the authors re-implement or re-train to compare against: baselines even
# when the paper says "we" ("we re-implemented X with the authors' settings").
# ("The surrogate is retrained after each round" is the paper's own loop: re-training
# counts only with the original settings of someone else's model.)
_REIMPLEMENTED = re.compile(
    r"\bre-?implement\w*|\bre-?ran\b|\bre-?run\b|"
    r"\breproduc(?:e|ed|ing)\s+(?:the\s+|their\s+)?(?:[\w\-]+\s+)?(?:results?|models?|implementations?|architectures?)\b|"
    r"\bre-?train\w*\b[^.;]{0,80}\b(?:default|original|published|official|authors'?|their own|their)\s+"
    r"(?:settings|hyper-?parameters|parameters|code|implementations?|repositor(?:y|ies)|architectures?)\b|"
    r"\bfor (?:a |the )?(?:fair(?:er)? |direct |meaningful )?comparisons?\b|\bas a comparison\b|\bto compare\b|"
    r"\bcomparative\b",
    re.I,
)
_BASELINE_AFTER = re.compile(r"\s*(?:models?\s+|methods?\s+)?baselines?\b", re.I)
_OUR_BEFORE = re.compile(r"\b(?:our|the proposed|the present)\s+(?:[\w\-]+\s+){0,2}$", re.I)

# A model used as a part of another ("the GRU is applied as a readout operator", "a
# GRU-based aggregation", "an MLP head") is a component, not a model of its own.
# (A model "used as the scoring function" or "as the reward" of another serves it.)
_PART_NOUNS = (r"(?:readout|read-out|aggregat\w*|operators?|layers?|modules?|blocks?|components?|pooling|"
               r"update (?:function|step)|message (?:function|passing)|gates?|cells?|units?|heads?|"
               r"scoring functions?|score functions?|rewards?|reward functions?|oracles?|filters?)")
# Right after the name only the sub-parts no whole model is called ("a GRU-based
# readout", "LSTM cells", "a CNN head"); "Transformer layers" may be the whole model.
_PART_RIGHT_AFTER = (r"(?:readout|read-out|aggregat\w*|operators?|pooling|update (?:function|step)|gates?|cells?|"
                     r"(?:prediction |output |classification |regression )?heads?)")
_PART_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,20}\)\s*)?(?:(?:is|was|are|were)\s+)?(?:(?:then\s+)?(?:applied|used|employed|adopted|utili[sz]ed)\s+)?"
    r"(?:as|for)\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?" + _PART_NOUNS + r"\b"
    r"|^[\s\-]*(?:based\s+)?" + _PART_RIGHT_AFTER + r"\b"
    r"|^\s*(?:(?:is|was|are|were)\s+)?(?:(?:applied|used|employed)\s+)?to\s+(?:aggregate|read out|pool|update|combine)\b"
    # "an SVM classifier of DRD2 activity was used as the scoring function"
    r"|^\s*(?:[\w\-]+\s+){0,5}?(?:is|was|are|were)\s+(?:then\s+)?(?:applied|used|employed|adopted|utili[sz]ed)\s+as\s+"
    r"(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?(?:scoring|score|reward|oracle|filter)\w*\b",
    re.I,
)
# "an ensemble of decision trees", "a committee of neural networks", "each decision
# tree" of a forest: the members of a model, not a model of their own.
_MEMBER_OF = re.compile(r"\b(?:ensembles?|committee|collection|combination|stack|bag)\s+of\s+(?:[\w\-]+\s+){0,3}$"
                        r"|\b(?:each|every|individual|the individual)\s+(?:[\w\-]+\s+)?$", re.I)
# A tool around the pipeline: named with its kind ("the X web server", "the X
# package"), or producing something the pipeline uses ("embeddings computed with X",
# "routes obtained from X", "X was used to generate the conformers").
_TOOL_NOUN = (r"(?:software|package|program|code|toolkit|tool|library|service|server|web ?server|API|platform|"
              r"suite|interface|engine|plug-?in)")
_TOOL_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?(?:[\w\-.]+\s+)?" + _TOOL_NOUN + r"s?\b"
    r"|^\s*(?:\([^)]{0,30}\)\s*)?(?:(?:is|was|are|were)\s+)?(?:then\s+)?(?:used|employed|applied|utili[sz]ed|called|queried|run)\s+"
    r"(?:\w+\s+){0,2}?(?:to|for)\s+(?:\w+\s+){0,1}?(?:comput|calculat|obtain|generat|extract|pars|embed|encod|featuri[sz]|"
    r"annotat|label|judg|evaluat|scor|segment|fragment|visuali[sz]|sampl|search|retriev|dock|optimi[sz]\w*\s+(?:the\s+)?geometr|"
    r"relax|plan|propos)\w*"
    r"|^\s*(?:\([^)]{0,30}\)\s*)?[\s\-]*(?:embeddings?|vectors?)\b",
    re.I,
)
_TOOL_BEFORE = re.compile(
    r"\b" + _TOOL_NOUN + r"s?\s+(?:called\s+|named\s+)?$"
    r"|\b(?:computed|calculated|obtained|generated|estimated|annotated|label(?:l)?ed|extracted|parsed|embedded|encoded|"
    r"featuri[sz]ed|judged|scored|segmented|fragmented|retrieved|docked|relaxed|planned|proposed)\s+"
    r"(?:\w+\s+){0,3}?(?:with|using|by|via|through|from)\s+(?:the\s+|an?\s+)?(?:[\w\-]+\s+){0,2}$"
    # a model that gives a score the pipeline optimises: "an affinity score, which was implemented by a random forest"
    r"|\b(?:scores?|rewards?|objectives?)\b[^.;]{0,60}?\b(?:implemented|predicted|computed|calculated|given|provided|"
    r"estimated)\s+(?:by|with|using)\s+(?:the\s+|an?\s+)?(?:[\w\-]+\s+){0,2}$",
    re.I,
)


def _first_comma_outside_brackets(text: str, start: int) -> int:
    """"Compared with X (i.e., a forest), our Y": the comma of "i.e.," ends nothing."""
    depth = 0
    for position in range(start, len(text) - 1):
        char = text[position]
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char == "," and depth == 0 and text[position + 1] == " ":
            return position
    return -1


_IDEAS_AFTER = re.compile(r"^[\s\-]*(?:strateg(?:y|ies)|tricks?|ideas?|concepts?|principles?|practices?|"
                          r"literature|communit(?:y|ies)|paradigms?)\b", re.I)
# "MACE, which includes the atomic cluster expansion": a part of the model named before.
_INCLUDED_BY = re.compile(
    r"\b(?:which|that)\s+(?:includes?|incorporates?|contains?|builds? on|is built on|is based on)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}$", re.I)


_BASELINE_BEFORE = re.compile(r"\bbaselines?\b", re.I)
# The agent of a passive comparison, the name right after it.
_BEATEN_BY = re.compile(r"\b(?:outperformed|surpassed|beaten|bettered|exceeded|outclassed)\s+by\s+(?:the\s+|our\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_AS_OTHERS_DID = re.compile(r"\bas (?:used|done|reported|proposed|described|implemented|in) (?:by|in)?\s*"
                            r"(?:[\w\-+]+\s*\d*\s*(?:,|and)?\s*){0,3}$", re.I)


def role_of(hit: Hit) -> str | None:
    """"main", "baseline", "component", "used" (plainly used in the methods, nobody's
    said) or None (no sign)."""
    sent = hit.sent
    text = sent.text
    if sent.cites_others or sent.general or sent.hypothetical:
        return None  # someone else's work, the field in general, or what could be done
    if re.search(re.escape(hit.matched) + r"(?:\d{1,3}(?:[,\u2013\-]\d{1,3})*|\s?\[\d{1,3}\])(?![\d.])", text):
        return None  # "The MGSSL21 designed...": the name carries a citation, the work is cited
    before, after = text[: hit.start], text[hit.end :]
    if _IDEAS_AFTER.match(after):
        return None  # "extrapolating common CNN strategies to GCNs": an idea borrowed, no model
    if _AS_OTHERS_DID.search(before):
        return None  # "a split of 60,000-5000-4239 as used by SchNet and MEGNet": their work, cited
    ours = bool(_OUR_BEFORE.search(before))
    if _PART_AFTER.match(after) or _MEMBER_OF.search(before) or _INCLUDED_BY.search(before):
        return "component"
    if not ours and _BASELINE_BEFORE.search(before):
        return "baseline"  # "the baseline models are trained using the LightGBM package"
    if not ours and (_TOOL_AFTER.match(after) or _TOOL_BEFORE.search(before)):
        return "component"
    if not ours and _BASELINE_AFTER.match(after):
        return "baseline"  # "an LSTM baseline"
    if _AS_BASELINE.search(text):
        return "main" if ours else "baseline"
    if not ours and _REIMPLEMENTED.search(text):
        return "baseline"
    winner = _BEATEN_BY.search(before)
    if winner:
        # "the SMILES models were outperformed by the Graph Transformer": the agent won the
        # comparison, so it is the paper's own, unless the paper's own is what was beaten
        return "baseline" if FIRST_PERSON.search(before[:winner.start()]) else "main"
    cues = [match.start() for pattern in (_COMPARE, _BASELINE_WORDS) if (match := pattern.search(text))]
    if cues:
        start = min(cues)
        end = len(text)
        if not text[:start].strip(" \"'(“"):  # "Compared with X, our Y...": the compared part ends at the first comma
            comma = _first_comma_outside_brackets(text, start)
            end = comma if comma > 0 else end
        if start <= hit.start < end and not ours:
            return "baseline"
        return "main" if FIRST_PERSON.search(text) else None
    if FIRST_PERSON.search(text):
        return "main"
    if sent.kind == "methods":
        return "used"
    return None


# A name as papers write models: "Roost", "ElemNet", "XGBoost", "SchNet", "GPT-4".
_PROPER_NAME = re.compile(r"(?<![\w\-])(?:[A-Z][a-z]+[A-Z][\w\-]*|[A-Z]{2,}[\w\-]*|[A-Z][a-z]{2,}(?:-\w+)?)(?![\w\-])")
# ("against" alone is mostly a biological target: activity "against JAK2", compounds
# "docked against" a protein; a competitor is benchmarked or evaluated against.)
_AFTER_CUE = re.compile(
    r"\b(?:compar(?:e|es|ed|ing)\s+(?:[\w\-]+\s+){0,3}?(?:with|to|against)|comparisons? (?:with|to|against)|outperform\w*|better than|superior to|versus|vs\.?|"
    r"(?:benchmark\w*|evaluat\w*|assess\w*|validat\w*|measured|tested|compet\w*)\s+(?:[\w\-]+\s+){0,3}?against|than)"
    r"\s+(?P<rest>[^.;:]{0,120})",
    re.I,
)
_LIST_END = re.compile(r"\b(?:on|in|for|at|across|which|that|when|while|with|by|using|against|of)\b")
# Words of the document itself, not names of models.
_NOT_NAMES = {"Figure", "Figures", "Fig", "Table", "Tables", "Section", "Supplementary", "Equation", "Eq", "Appendix"}


def compared_names(corpus) -> set[str]:
    """Proper names the paper compares its work against ("compared to Roost, ElemNet
    and RF baselines"): other people's models, even those no vocabulary knows."""
    names: set[str] = set()
    for sent in corpus.sentences:
        if sent.cites_others:
            continue
        for match in _AFTER_CUE.finditer(sent.text):
            rest = match.group("rest")
            end = _LIST_END.search(rest)
            rest = rest[: end.start()] if end else rest
            names.update(name.group(0) for name in _PROPER_NAME.finditer(rest) if name.group(0) not in _NOT_NAMES)
    return names
