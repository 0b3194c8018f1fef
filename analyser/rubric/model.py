"""The typed form of a rubric file: what the checker and the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = (0, 1, 2, 3)
LANGUAGES = ("en", "fr")
BUILTIN_GROUPS = ("numbers", "names", "paper")  # computed by the scorer, not listed in the file


@dataclass(frozen=True)
class Vocabulary:
    """Terms one criterion looks for, all languages merged (a French analysis
    often uses English ML terms, so both lists are always searched)."""

    heading: tuple[str, ...] = ()
    mention: tuple[str, ...] = ()
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    weight: float
    description: str
    levels: dict[int, str]  # 0..3 -> descriptor
    feedback: dict[int, str]  # 0..3 -> what would raise the score from that level (English)
    questions: dict[str, list[str]]  # language -> guiding questions
    vocabulary: Vocabulary
    # Each level is reached when one of its rules (a list of group names) is
    # fully found; level 1 only needs a `mention` term.
    explain: tuple[tuple[str, ...], ...] = ()
    analyse: tuple[tuple[str, ...], ...] = ()
    # Its content is what could be done otherwise (alternatives): a sentence explains it
    # only when it proposes, where it explains any other criterion only when it does not.
    proposals: bool = False
    # Feedback in other languages ([criteria.feedback.fr]): language -> 0..3 -> text.
    translations: dict[str, dict[int, str]] = field(default_factory=dict)
    # The title in other languages (titles = { fr = "..." }): language -> title.
    titles: dict[str, str] = field(default_factory=dict)

    def title_in(self, language: str = "en") -> str:
        """The title in `language`, in English when the rubric has no translation."""
        return self.titles.get(language, self.title)

    def feedback_in(self, level: int, language: str = "en") -> str:
        """The feedback for `level` in `language`, in English when the rubric has no translation."""
        return self.translations.get(language, self.feedback)[level]


@dataclass(frozen=True)
class Penalties:
    late: float = 0.0
    over_page_limit: float = 0.0


@dataclass(frozen=True)
class CheckSettings:
    page_limit: int = 3
    words_per_page: int = 500
    due: str = ""  # ISO date-time or empty
    penalties: Penalties = field(default_factory=Penalties)


@dataclass(frozen=True)
class AnalysisSettings:
    """How `is_analysis` tells an analysis from a summary."""

    min_evaluative_share: float = 0.6  # evaluative / (evaluative + restating)
    max_copied_share: float = 0.15  # copied / all sentences
    # Sentences using the article's own words or numbers / all sentences, when the
    # article is known: evaluation that never touches the article analyses none.
    min_specific_share: float = 0.15
    evaluative: tuple[str, ...] = ()
    restating: tuple[str, ...] = ()
    # Terms that evaluate only in a sentence that does not restate the paper
    # ("because", "better": "the authors show it is better" restates a result).
    weak: tuple[str, ...] = ()
    # Empty praise ("interesting", "impressive"): not an evaluation by itself; a
    # praising sentence evaluates only with an `evaluative` term.
    praise: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoringSettings:
    """How evidence becomes a level beyond the criteria's own rules ([scoring])."""

    # Levels 2 and 3 need statements specific to the article: at least this many
    # of its specifics (its own words, quantities it states) in a criterion's sentences.
    min_specifics: int = 2
    summary_cap: int = 2  # the highest level of any criterion when `is_analysis` fails
    calibration: str = ""  # the calibration file (absolute path), "" when the rubric has none


@dataclass(frozen=True)
class Rubric:
    id: str
    title: str
    description: str
    scale: float
    criteria: list[Criterion]
    checks: CheckSettings
    analysis: AnalysisSettings
    path: str = ""
    scoring: ScoringSettings = field(default_factory=ScoringSettings)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.criteria)
