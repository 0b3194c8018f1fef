"""`analyser.facts` on the real article PDFs of ../shared/papers, and the `facts` command."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from analyser.cli import cli
from analyser.documents import load
from analyser.facts import extract

LABELLED = [
    "baghishov2026-mlip-tradeoff",
    "eckhoff2021-magnetic-hdnnp-sacsf",
    "jiang2023-pharmhgt-molecular-property",
    "jowhar2024-ddx3x-gc-rf",
    "wang2025-constrained-composite-bo-particles",
]


@pytest.fixture(scope="module")
def labels(eval_dev_dir) -> dict:
    return json.loads((eval_dev_dir / "paper-facts.json").read_text())


@pytest.fixture(scope="module")
def papers(papers_dir) -> dict:
    """slug -> (Document, PaperFacts) for every PDF, read once for the module."""
    found = {}
    for path in sorted(papers_dir.glob("*.pdf")):
        document = load(path)
        found[path.stem] = (document, extract(document))
    return found


def _within(found: set[str], required: list[str], allowed: list[str]) -> bool:
    return set(required) <= found <= set(required) | set(allowed)


@pytest.mark.parametrize("slug", LABELLED)
def test_labelled_paper_facts(papers, labels, slug):
    truth = labels[slug]
    _, facts = papers[slug]
    assert _within(facts.values("learning_type"), truth["learning_type"], truth["learning_type_allowed"])
    assert _within(facts.values("tasks"), truth["tasks"], truth["tasks_allowed"])
    assert _within(facts.main_families(), truth["main_families"], truth["main_families_allowed"])
    assert _within(facts.values("validation"), truth["validation"], truth["validation_allowed"])
    expected = truth["n_samples"]
    if expected is None:
        assert facts.data.n_samples is None
    else:
        assert facts.data.n_samples == pytest.approx(expected, rel=0.1)


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def test_every_item_has_evidence_found_on_its_page(papers):
    """Each quote is real text of the page it names (the output explains itself)."""
    for slug, (document, facts) in papers.items():
        squashed = [_squash(page.text) for page in document.pages]
        # a sentence may run on to the next page
        pages = {number: "".join(squashed[number - 1 : number + 1]) for number in range(1, len(squashed) + 1)}
        data = facts.to_dict()
        items = [
            *data["learning_type"], *data["tasks"], *data["models"], *data["validation"],
            *data["regularisation"], *data["metrics"], *data["data"]["datasets"],
            *data["data"]["representation"], *data["optimisation"]["loss"],
            *data["optimisation"]["optimiser"], *data["optimisation"]["hyperparameters"],
        ]
        for item in items:
            assert item["evidence"], (slug, item)
            for evidence in item["evidence"]:
                piece = _squash(evidence["quote"].strip("…").split("…")[0])[:60]
                assert piece in pages[evidence["page"]], (slug, evidence)


def test_models_cited_only_in_references_are_left_out(papers):
    document, facts = papers["eckhoff2021-magnetic-hdnnp-sacsf"]
    # The reference list names zinc-oxide neural network potentials, Gaussian
    # approximation potentials and more; the paper's own model is the HDNNP.
    assert facts.main_families() == {"mlp"}
    assert "kernel" not in {model.family for model in facts.models}


def test_baselines_of_a_benchmark_paper(papers):
    _, facts = papers["jiang2023-pharmhgt-molecular-property"]
    main = {model.name for model in facts.models if model.role == "main"}
    baselines = {model.name for model in facts.models if model.role == "baseline"}
    assert "PharmHGT" in main
    assert baselines and "PharmHGT" not in baselines
    assert {"BBBP", "BACE", "ClinTox", "Tox21", "SIDER", "ESOL", "FreeSolv", "Lipophilicity"} <= facts.values("datasets")
    assert facts.data.split is not None and facts.data.split["train"] == pytest.approx(0.8)


def test_questions_come_with_reasons(papers):
    for slug, (_, facts) in papers.items():
        assert facts.questions, slug
        for question in facts.questions:
            assert question.text.endswith("?") and question.reason, (slug, question)


def test_facts_command_text_and_json(papers_dir):
    path = papers_dir / "eckhoff2021-magnetic-hdnnp-sacsf.pdf"
    runner = CliRunner()
    result = runner.invoke(cli, ["facts", str(path)])
    assert result.exit_code == 0, result.output
    assert "Learning type: supervised" in result.output
    assert re.search(r"main\s+HDNNP \(mlp\)", result.output)
    assert re.search(r'p\.\d+ \[', result.output)  # quotes come with page and section
    assert "Questions to ask:" in result.output

    result = runner.invoke(cli, ["facts", str(path), "--format", "json", "--pdf-engine", "pypdf"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["data"]["n_samples"] == 3101
    assert {label["value"] for label in data["validation"]} == {"hold-out"}


def test_facts_command_errors_are_one_line(tmp_path):
    runner = CliRunner()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    result = runner.invoke(cli, ["facts", str(broken)])
    assert result.exit_code == 2
    assert result.output.startswith("error:") and "broken.pdf" in result.output
    assert "Traceback" not in result.output

    # Not a file: resolved as an identifier, offline, from an empty cache.
    result = runner.invoke(cli, ["facts", "arXiv:2301.01234", "--offline"])
    assert result.exit_code == 2
    assert result.output.startswith("error:")
    assert len(result.output.strip().splitlines()) == 1


def test_facts_command_module_is_light():
    """`analyser facts --help` must not pay for numpy, pypdf or the vocabularies."""
    import subprocess
    import sys

    code = (
        "import sys, analyser.commands.facts\n"
        "heavy = {'numpy', 'sklearn', 'pypdf', 'pypdfium2', 'matplotlib', 'requests', 'arxiv', 'analyser.facts'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_facts_command_on_markdown(shared_dir, tmp_path):
    source = shared_dir / "papers" / "text" / "eckhoff2021-magnetic-hdnnp-sacsf.md"
    if not source.is_file():
        pytest.skip("no ground-truth text")
    result = CliRunner().invoke(cli, ["facts", str(source), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["data"]["n_samples"] == 3101
    assert "mlp" in {model["family"] for model in data["models"] if model["role"] == "main"}


def test_a_folder_is_named_as_a_folder(tmp_path):
    from click.testing import CliRunner

    from analyser.cli import cli

    result = CliRunner().invoke(cli, ["facts", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path}: is a folder, not an article"
