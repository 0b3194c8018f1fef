"""The rubric files: the default encodes the spec; malformed files are rejected with line numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.rubric import RubricError, load_rubric, problems_in
from analyser.rubric.loader import find_rubric

SPEC_IDS = ["context", "framing", "model", "optimisation", "overfitting", "alternatives"]


def test_default_rubric_encodes_the_spec():
    rubric = load_rubric()
    assert rubric.id == "ml-paper-analysis"
    assert [c.id for c in rubric.criteria] == SPEC_IDS
    assert rubric.scale == 20
    assert {c.weight for c in rubric.criteria} == {1.0}
    assert rubric.checks.page_limit == 3 and rubric.checks.words_per_page == 500
    assert rubric.checks.due == ""
    assert rubric.checks.penalties.late == 0 and rubric.checks.penalties.over_page_limit == 0
    for criterion in rubric.criteria:
        assert sorted(criterion.levels) == [0, 1, 2, 3]
        assert sorted(criterion.feedback) == [0, 1, 2, 3]
        assert criterion.questions["en"] and criterion.questions["fr"]
        assert criterion.vocabulary.mention and criterion.explain and criterion.analyse
    # Spec wording, e.g. the framing's level 2 and the overfitting's level 1.
    assert "learning type + task + what the inputs and targets are" in rubric.criterion("framing").levels[2]
    assert "the model might overfit" in rubric.criterion("overfitting").levels[1]


def test_spec_level_descriptors_are_all_in_the_rubric(shared_dir):
    spec = (shared_dir / "rubric-spec.md").read_text(encoding="utf-8")
    rubric = load_rubric()
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \| (.+?) \| (.+?) \|$", spec, flags=re.MULTILINE)
    assert len(rows) == 6
    for criterion_id, one, two, three in rows:
        levels = load_rubric().criterion(criterion_id).levels
        assert one.replace("\\", "") in levels[1]
        assert two in levels[2]
        assert three in levels[3]
    assert rubric.criterion("model").title


def test_rubric_by_name_and_by_path(tmp_path):
    default = find_rubric(None)
    assert load_rubric("ml-paper-analysis") is load_rubric(str(default))  # parsed once, cached
    copy = tmp_path / "mine.toml"
    copy.write_text(default.read_text(encoding="utf-8").replace('id = "ml-paper-analysis"', 'id = "mine"', 1), encoding="utf-8")
    assert load_rubric(copy).id == "mine"


def test_unknown_rubric_name_is_a_clear_error():
    with pytest.raises(RubricError, match="no rubric named 'nope'.*ml-paper-analysis"):
        load_rubric("nope")


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    source = find_rubric(None).read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "broken.toml"
    path.write_text(source.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_unknown_key_is_reported_with_its_line(tmp_path):
    path = _broken(tmp_path, 'title = "Model"\n', 'title = "Model"\nwieght = 2\n')
    with pytest.raises(RubricError) as error:
        load_rubric(path)
    message = str(error.value)
    assert f"line {_line_of(path, 'wieght = 2')}: unknown key 'wieght'" in message
    assert str(path) in message and "\n" not in message


def test_missing_level_is_reported(tmp_path):
    path = _broken(tmp_path, '3 = "Complete: the question, why ML helps', '4 = "Complete: the question, why ML helps')
    problems = problems_in(path)
    assert any("unknown level '4' in feedback" in p for p in problems)
    assert any("missing level 3 in feedback" in p and "line " in p for p in problems)


@pytest.mark.parametrize("weight, expected", [("-1", "must be positive"), ('"heavy"', "must be int or float")])
def test_bad_weight_is_reported(tmp_path, weight, expected):
    path = _broken(tmp_path, 'title = "Model"\ntitles = { fr = "Modèle" }\nweight = 1',
                   f'title = "Model"\ntitles = {{ fr = "Modèle" }}\nweight = {weight}')
    problems = problems_in(path)
    line = _line_of(path, f"weight = {weight}")
    assert any(f"line {line}:" in p and expected in p for p in problems), problems


def test_bad_types_and_unknown_groups_are_reported(tmp_path):
    path = _broken(tmp_path, "page_limit = 3", 'page_limit = "three"')
    assert any("'page_limit' must be int" in p for p in problems_in(path))
    path = _broken(tmp_path, 'explain = [["loss", "optimiser"], ', 'explain = [["loss", "optimizer"], ')
    assert any("names group 'optimizer'" in p for p in problems_in(path))
    path = _broken(tmp_path, 'due = ""', 'due = "next friday"')
    assert any("'due' is not an ISO date-time" in p for p in problems_in(path))


def test_proposals_must_be_a_boolean(tmp_path):
    path = _broken(tmp_path, "proposals = true", 'proposals = "yes"')
    assert any("'proposals' must be bool" in p for p in problems_in(path))
    assert load_rubric().criterion("alternatives").proposals and not load_rubric().criterion("model").proposals


def test_toml_syntax_error_names_the_line(tmp_path):
    path = _broken(tmp_path, "scale = 20", "scale = = 20")
    with pytest.raises(RubricError, match=r"not valid TOML: .*line \d+"):
        load_rubric(path)


def test_rubric_validate_command(tmp_path):
    runner = CliRunner()
    good = runner.invoke(cli, ["rubric", "validate", str(find_rubric(None))])
    assert good.exit_code == 0, good.output
    assert "valid rubric" in good.output
    path = _broken(tmp_path, 'title = "Training"\n', 'title = "Training"\ncolour = "red"\n')
    bad = runner.invoke(cli, ["rubric", "validate", str(path)])
    assert bad.exit_code == 1
    assert f"line {_line_of(path, 'colour')}: unknown key 'colour'" in bad.output


def test_rubric_show_command_prints_criteria_and_questions():
    runner = CliRunner()
    result = runner.invoke(cli, ["rubric", "show"])
    assert result.exit_code == 0, result.output
    for criterion_id in SPEC_IDS:
        assert f"[{criterion_id}]" in result.output
    assert "page limit 3" in result.output
    french = runner.invoke(cli, ["rubric", "show", "ml-paper-analysis", "--lang", "fr"])
    assert "Quelle question scientifique" in french.output


def test_rubric_show_of_a_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["rubric", "show", str(tmp_path / "none.toml")])
    assert result.exit_code == 2
    assert "error:" in result.output and "none.toml" in result.output


def test_the_documented_example_rubric_is_valid(tmp_path):
    readme = Path(__file__).resolve().parent.parent / "docs" / "rubric-format.md"
    example = re.search(r"```toml\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.DOTALL).group(1)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    assert problems_in(path) == []
    rubric = load_rubric(path)
    assert rubric.checks.penalties.late == 2.0 and rubric.criterion("data").weight == 2
    assert rubric.criterion("data").feedback_in(1, "fr").startswith("Dites d'où")


def test_every_format_key_is_documented():
    readme = Path(__file__).resolve().parent.parent / "docs" / "rubric-format.md"
    from analyser.rubric import validate as v

    text = readme.read_text(encoding="utf-8")
    keys = v.TOP_KEYS | v.CHECK_KEYS | v.PENALTY_KEYS | v.ANALYSIS_KEYS | v.SCORING_KEYS | v.CRITERION_KEYS | v.VOCABULARY_KEYS
    missing = sorted(key for key in keys if key not in text)
    assert missing == []


def test_default_rubric_has_french_feedback_for_every_level():
    rubric = load_rubric()
    for criterion in rubric.criteria:
        assert sorted(criterion.translations["fr"]) == [0, 1, 2, 3]
        assert criterion.feedback_in(0, "fr") != criterion.feedback[0]
        assert criterion.feedback_in(2, "de") == criterion.feedback[2]  # no translation: English


def test_french_feedback_levels_and_languages_are_validated(tmp_path):
    path = _broken(tmp_path, '3 = "Complet : la question, l', '4 = "Complet : la question, l')
    problems = problems_in(path)
    assert any("unknown level '4' in feedback.fr" in p for p in problems)
    assert any("missing level 3 in feedback.fr" in p and "line " in p for p in problems)
    path = _broken(tmp_path, "[criteria.feedback.fr]", "[criteria.feedback.de]")
    line = _line_of(path, "[criteria.feedback.de]")
    assert any(f"line {line}: unknown language 'de' in feedback" in p for p in problems_in(path))


def test_rubric_show_in_french_gives_the_french_feedback():
    result = CliRunner().invoke(cli, ["rubric", "show", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "Situez le travail" in result.output


def test_criterion_titles_have_translations_with_an_english_fallback(tmp_path):
    rubric = load_rubric()
    assert rubric.criterion("context").title_in("fr") == "Contexte"
    assert rubric.criterion("context").title_in("en") == rubric.criterion("context").title
    bad = tmp_path / "bad.toml"
    text = (Path(__file__).resolve().parent.parent / "rubrics" / "ml-paper-analysis.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('titles = { fr = "Contexte" }', 'titles = { de = "Kontext" }'), encoding="utf-8")
    assert any("unknown language 'de' in titles" in problem for problem in problems_in(bad))
