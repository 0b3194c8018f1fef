"""`analyser email`: the graded reports back to the students, never twice."""

from __future__ import annotations

import os
from pathlib import Path

import click

from analyser.commands._output import echo_line

PASSWORD_ENV = "ANALYSER_SMTP_PASSWORD"


@click.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--from", "sender", required=True, help="Sender address, e.g. 'Prof. X <x@univ.fr>'.")
@click.option("--smtp-host", default="localhost", show_default=True)
@click.option("--smtp-port", type=int, default=None, help="Default: 25, 587 with --starttls, 465 with --ssl.")
@click.option("--starttls", "security", flag_value="starttls", help="Upgrade the connection with STARTTLS.")
@click.option("--ssl", "security", flag_value="ssl", help="Connect over SSL/TLS.")
@click.option("--user", default=None, help=f"SMTP login; the password comes from ${PASSWORD_ENV} or a prompt.")
@click.option("--insecure-login", is_flag=True,
              help="Allow --user without --starttls/--ssl to another machine (the password crosses the network in clear).")
@click.option("--send", is_flag=True, help="Really send (without it: write DIR/outbox/*.eml for review).")
@click.option("--resend", multiple=True, metavar="NAME", help="Send again to this student (name, e-mail or folder); repeatable.")
@click.option("--include-unresolved", is_flag=True,
              help="Also send reports whose flags you have not resolved in `analyser review` (held back by default).")
@click.option("--course", default="AI and chemistry", show_default=True, help="Course name for the subject line.")
def email(out_dir, sender, smtp_host, smtp_port, security, user, insecure_login, send, resend, include_unresolved, course):
    """E-mail each student their report (HTML body, plain-text part, report attached).

    DIR is the --out folder of `analyser grade`. Without --send the messages
    are written to DIR/outbox/ for review. With --send they are sent; a ledger
    in DIR records each one, so running again sends only what was not sent
    (a refused recipient is retried next time). The password is never taken
    from the command line. Reports whose flags are not resolved yet (manual
    review, uncertain scores: see `analyser review DIR`) are held back unless
    --include-unresolved (or --resend NAME for one student).
    """
    from analyser.mailing import email_reports
    from analyser.mailing.smtp import SmtpSettings

    settings = SmtpSettings(host=smtp_host, port=smtp_port, security=security or "none", user=user,
                            insecure_login=insecure_login)
    password = None
    if send and user:
        settings.check_login()  # said before the password is asked for, not after
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = click.prompt(f"SMTP password for {user}", hide_input=True, err=True)
    result = email_reports(out_dir, sender, send=send, smtp=settings, password=password,
                           resend=tuple(resend), course=course, include_unresolved=include_unresolved)

    if result.outbox is not None:
        click.echo(f"{len(result.written)} message(s) written to {result.outbox} for review; "
                   "run again with --send to send them.")
    else:
        click.echo(f"{len(result.sent)} message(s) sent.")
    if result.already_sent:
        click.echo(f"{len(result.already_sent)} already sent earlier (not sent again; use --resend NAME).")
    if result.changed_since_sent:
        echo_line(f"{len(result.changed_since_sent)} report(s) changed since they were sent: "
                  f"{', '.join(result.changed_since_sent)} (--resend NAME to send the new one).")
    # Slugs come from an editable students.json, reasons from servers: shown, never obeyed by the terminal.
    if result.held:
        echo_line(f"{len(result.held)} held for manual review until you resolve their flags in "
                  f"`analyser review {out_dir}` (or --include-unresolved, --resend NAME): {', '.join(result.held)}")
    if result.no_address:
        echo_line(f"{len(result.no_address)} without an e-mail address: {', '.join(result.no_address)}")
    if result.unreadable:
        click.echo(f"{len(result.unreadable)} skipped, their report is missing or damaged:", err=True)
        for slug, why in result.unreadable:
            echo_line(f"  - {slug}: {why}", err=True)
    if result.failed:
        click.echo(f"{len(result.failed)} failed (retried on the next run):", err=True)
        for slug, why in result.failed:
            echo_line(f"  - {slug}: {why}", err=True)
    if result.failed or result.unreadable:
        click.get_current_context().exit(1)
