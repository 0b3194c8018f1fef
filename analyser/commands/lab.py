"""`analyser lab`: list and run the course's ML experiments (analyser.lab)."""

from __future__ import annotations

import click

from analyser.lab.experiments import EXPERIMENTS


@click.group()
def lab() -> None:
    """Run the course's ML experiments: numbers, a PNG plot and a JSON of the figures."""


@lab.command("list")
def list_experiments() -> None:
    """List the experiments with what each shows."""
    width = max(map(len, EXPERIMENTS))
    for name, (_, description) in EXPERIMENTS.items():
        click.echo(f"{name:<{width}}  {description}")


@lab.command("run")
@click.argument("name")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder for NAME.png and NAME.json.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed of the data and the models.")
@click.option("--quick", is_flag=True, help="Smaller sizes and fewer repeats (seconds, for a first look).")
@click.option("--model", default=None, help="learning-curve: the model (linear, ridge, softmax, tree, forest, adaboost, gboost, mlp, knn).")
@click.option("--dataset", default=None, help="learning-curve: the data (xnor, iris, salary, linear).")
def run(name: str, out_dir: str, seed: int, quick: bool, model: str | None, dataset: str | None) -> None:
    """Run experiment NAME (see `analyser lab list`) and print its key figures.

    Example: analyser lab run learning-curve --model forest --dataset iris --out figures
    """
    from analyser.lab.experiments import run_experiment

    options = {key: value for key, value in (("model", model), ("dataset", dataset)) if value is not None}
    done = run_experiment(name, out_dir, seed=seed, quick=quick, **options)
    for line in done.summary():
        click.echo(line)
    for path in done.files:
        click.echo(f"wrote {path}")
