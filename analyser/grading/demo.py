"""`analyser demo`: the whole pipeline, offline, on bundled data.

The bundle (analyser/demo_data/) holds one real open-access article (CC BY,
see its ATTRIBUTION.md) and the analyses of a small fictional class, with the
e-mails that carried them (class.json). The demo writes the analysis
template, builds the class mailbox, grades it against the bundled article
(passed explicitly, so no network is needed) and writes the e-mails to the
outbox for review. Nothing is sent.
"""

from __future__ import annotations

import json
import mailbox
import tempfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from analyser import atomic
from analyser.dates import parse_due

DATA = Path(__file__).resolve().parent.parent / "demo_data"
ARTICLE = "jiang2023-pharmhgt-molecular-property.pdf"
DEFAULT_OUT = Path("analyser-demo")


@dataclass
class DemoResult:
    out_dir: Path
    article: Path
    mailbox: Path
    grades: Path
    template: Path | None
    outbox: Path | None
    students: int
    notes: list[str] = field(default_factory=list)
    """What the demo could not do (e.g. no template module in this installation)."""
    held: list[str] = field(default_factory=list)
    """Reports with uncertain scores or flags, kept out of the outbox until the instructor reviews them."""


def run_demo(out_dir: Path = DEFAULT_OUT, *, jobs: int = 1) -> DemoResult:
    from analyser.grading.pipeline import grade_class
    from analyser.mailing.outbox import email_reports

    from analyser.grading.outdir import make_output_dir, write_failure

    out_dir = Path(out_dir)
    make_output_dir(out_dir)
    spec = json.loads((DATA / "class.json").read_text(encoding="utf-8"))
    try:
        article = _copy_article(out_dir / "article")
        notes: list[str] = []
        template = _template(article, out_dir / "template", notes)
        mailbox = out_dir / "class-inbox.mbox"
        if not mailbox.exists():  # built once: a rebuilt .docx differs in its zip dates and would be graded again
            atomic.write_bytes(mailbox, build_mailbox(spec))
    except OSError as error:
        raise write_failure(error, out_dir) from None
    grades = out_dir / "grades"
    result = grade_class([mailbox], grades, due=parse_due(spec["due"]), jobs=jobs, offline=True, paper=str(article))
    mail = email_reports(grades, spec["instructor"], send=False, course=spec["course"])
    return DemoResult(out_dir=out_dir, article=article, mailbox=mailbox, grades=grades, template=template,
                      outbox=mail.outbox, students=len(result.students), notes=notes, held=mail.held)


def _copy_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (ARTICLE, "ATTRIBUTION.md"):
        target = folder / name
        if not target.exists():
            atomic.write_bytes(target, (DATA / "article" / name).read_bytes())
    return folder / ARTICLE


def _template(article: Path, folder: Path, notes: list[str]) -> Path | None:
    from analyser.errors import AnalyserError
    from analyser.template import make_template

    folder.mkdir(parents=True, exist_ok=True)
    try:
        result = make_template(article, fmt="md", out=folder / "analysis-template.md", force=True, offline=True)
    except AnalyserError as error:
        # The grading half of the demo is still worth showing.
        notes.append(f"the analysis template could not be written: {error}")
        return None
    return result.path


def build_mailbox(spec: dict) -> bytes:
    """The class's e-mails as one mbox, in the order they arrived."""
    # The mailbox module writes the "From " separators and escapes body lines for us.
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "class.mbox"
        box = mailbox.mbox(str(path))
        for item in spec["messages"]:
            box.add(mailbox.mboxMessage(_message(item)))
        box.close()
        return path.read_bytes()


def _message(item: dict) -> EmailMessage:
    message = EmailMessage()
    message["From"] = item["from"]
    message["To"] = "instructor@example.org"
    message["Subject"] = item["subject"]
    message["Date"] = item["date"]
    message["Message-ID"] = make_msgid(idstring=item["subject"].replace(" ", "."), domain="demo.example")
    source = (DATA / "submissions" / (item.get("attachment") or item["body"])).read_text(encoding="utf-8")
    if item.get("keep_sections"):
        source = _first_sections(source, item["keep_sections"])
    if "body" in item:
        message.set_content(source)
        return message
    message.set_content("Hello,\n\nplease find my analysis attached.\n")
    stem = Path(item["attachment"]).stem
    if item["as"] == "docx":
        message.add_attachment(_docx(source), maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                               filename=f"{stem}.docx")
    else:
        message.add_attachment(source, subtype="markdown" if item["as"] == "md" else "plain",
                               filename=f"{stem}.{item['as']}")
    return message


def _first_sections(markdown: str, count: int) -> str:
    kept, seen = [], 0
    for line in markdown.splitlines():
        if line.startswith("## "):
            seen += 1
            if seen > count:
                break
        kept.append(line)
    return "\n".join(kept) + "\n"


def _docx(markdown: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in markdown.splitlines():
        if line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

