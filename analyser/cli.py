"""The `analyser` command line: a thin, lazily loaded layer over the library.

Sub-commands are listed here with their one-line help, and their modules are
imported only when they run, so `analyser --help` stays fast (no numpy,
scikit-learn or pypdf at start-up).
"""

from __future__ import annotations

import importlib
import sys

import click

from analyser import __version__
from analyser.errors import AnalyserError
from analyser.safe_text import for_terminal

# name -> (module:attribute of the click command, one-line help for the listing)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("analyser.commands.extract:extract", "Extract clean, page-aware text from a document."),
    "fetch": ("analyser.commands.fetch:fetch", "Fetch an article by arXiv id, DOI, URL or local PDF."),
    "search": ("analyser.commands.fetch:search", "Search arXiv, ChemRxiv or bioRxiv for articles."),
    "facts": ("analyser.commands.facts:facts", "Show the ML facts of an article, with quotes and pages."),
    "template": ("analyser.commands.template:template", "Write a 3-page analysis template pre-filled from an article."),
    "check": ("analyser.commands.check:check", "Score an analysis against the rubric and explain every point."),
    "rubric": ("analyser.commands.rubric:rubric", "Show or validate rubric files."),
    "grade": ("analyser.commands.grade:grade", "Grade a whole class: reports, class overview, gradebook."),
    "review": ("analyser.commands.review:review", "Review a graded class in the browser; your decisions are the grades."),
    "email": ("analyser.commands.email:email", "E-mail the graded reports to the students (once each)."),
    "serve": ("analyser.commands.review:serve", "Check a draft in the browser, on this computer only."),
    "demo": ("analyser.commands.demo:demo", "Run the whole pipeline offline on bundled data."),
    "lab": ("analyser.commands.lab:lab", "Run the course's ML experiments (analyser.lab)."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module_name, attribute = COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Listing must not import the sub-command modules.
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, short) in COMMANDS.items()])

    def invoke(self, ctx: click.Context):
        from analyser.sources.waiting import listening

        try:
            with listening(_say_wait):
                return super().invoke(ctx)
        except AnalyserError as error:
            # File names and names in messages come from students: no terminal escape may act.
            click.echo(f"error: {for_terminal(str(error))}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


def _say_wait(seconds: float, host: str, reason: str) -> None:
    """A wait of the network code (rate limited...), said on stderr: silence would look like a hang."""
    click.echo(f"waiting {seconds:.0f} s for {for_terminal(host)} ({reason})...", err=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analyser")
def cli() -> None:
    """analyser: fetch research articles, see their ML facts, write and grade ML analyses.

    \b
    Students:   search, fetch, facts, template, check, serve
    Instructor: grade, review, email, rubric
    Both:       extract, lab, demo (the whole pipeline on bundled data)
    """


def main() -> None:
    """Run the CLI; every user error ends as one line on stderr and a non-zero status."""
    from analyser.termination import Terminated, on_sigterm_unwind

    on_sigterm_unwind()  # `kill` unwinds: temporary files are removed, workers stopped
    try:
        result = cli.main(prog_name="analyser", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.format_message())
        sys.exit(error.exit_code)
    except click.UsageError as error:
        # click prints a multi-line usage block; one line with a pointer to --help reads better.
        where = error.ctx.command_path if error.ctx else "analyser"
        click.echo(f"error: {error.format_message()} (see `{where} --help`)", err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        click.echo(f"error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except Terminated as stop:
        click.echo("terminated", err=True)
        sys.exit(stop.code)
    # A command's return value is not an exit status unless it is one (ctx.exit).
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
