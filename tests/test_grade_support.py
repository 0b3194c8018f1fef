"""Builders for the grading tests: a real mbox of a small class, real submissions.

(Named test_grade_* so that it belongs with the grading tests; it holds one
test of the builders themselves.)
"""

from __future__ import annotations

import hashlib
import mailbox
from email.message import EmailMessage
from pathlib import Path

DUE = "2026-03-01T23:59:00+01:00"
PAPER_SLUG = "jiang2023-pharmhgt-molecular-property"
LINK = "https://doi.org/10.1038/s42004-023-00857-x"

GOOD = """# ML analysis of PharmHGT (Jiang et al., 2023)

Name: {name}
Article: {link}

## Context
Predicting molecular properties such as toxicity or solubility before synthesis saves time and money,
which is why machine learning is useful here: assays are slow and the chemical space is huge.
The paper argues that atom-level graph networks miss functional groups, and adds a fragment view.

## The ML problem and the data
This is supervised learning: classification (BBBP, Tox21, HIV) and regression (ESOL, FreeSolv).
The inputs are molecular graphs built with RDKit and BRICS fragments; the targets are measured labels.
The MoleculeNet sets range from 642 to 41,127 molecules and are split 0.8/0.1/0.1 with random and scaffold splits.

## The model
PharmHGT is a heterogeneous graph transformer with three views (atoms, fragments, junctions) fused by attention,
then a fully connected layer. I think the fragment view suits these data because functional groups drive toxicity.

## Training
The paper does not state the loss or the optimiser; presumably cross-entropy and mean squared error with Adam.
Without the tuning protocol we cannot judge whether the baselines were tuned as carefully, which weakens the comparison.

## Overfitting
The scaffold split is harder: the ESOL RMSE rises from 0.680 to 0.839, which suggests near-duplicates help the random split.
With 642 molecules, FreeSolv is small for a transformer and its standard deviation of 0.516 shows high variance,
so I would not trust the claimed gain there.

## Alternatives
A random forest on fingerprints would be cheaper and often competitive on small sets, which would test whether the transformer is needed.
Self-supervised pre-training on unlabelled molecules could help the small sets, at a higher computational cost.
"""

SUMMARY = """{name}
Analysis of {link}

The paper presents PharmHGT, a heterogeneous graph transformer for molecular property prediction.
The authors use BRICS to divide molecules into fragments. They build a graph with two types of nodes.
The model learns three views of the molecule. The features are aggregated through message passing.
The authors test the model on nine datasets from MoleculeNet. The datasets are split 0.8/0.1/0.1.
PharmHGT achieves higher ROC-AUC on the classification datasets. The code is available on GitHub.
"""


def analysis(name: str, *, variant: str = "", link: str = LINK) -> str:
    """A good analysis; `variant` adds a sentence so that two texts differ."""
    return GOOD.format(name=name, link=link) + (f"\n{variant}\n" if variant else "")


def mail(sender: str, date: str, subject: str, *, body: str = "Please find my analysis attached.",
         attachments: list[tuple[str, bytes, str]] = ()) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "teacher@example.org"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = f"<{hashlib.sha1((sender + date + subject).encode()).hexdigest()}@test>"
    message.set_content(body)
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def class_messages() -> list[EmailMessage]:
    """The class of the issue: late, no attachment, two versions, corrupt PDF, hostile file name, <script>."""
    md = "text/markdown"
    return [
        mail("Alice Martin <alice@etu.example.fr>", "Thu, 26 Feb 2026 10:00:00 +0100", "analysis",
             attachments=[("alice.md", analysis("Alice Martin").encode(), md)]),
        # Two versions: the second (on time) is graded, both are listed.
        mail("Bob Durand <bob@etu.example.fr>", "Tue, 24 Feb 2026 09:00:00 +0100", "draft",
             attachments=[("bob-v1.txt", SUMMARY.format(name="Bob Durand", link=LINK).encode(), "text/plain")]),
        mail("Bob Durand <bob@etu.example.fr>", "Sat, 28 Feb 2026 22:00:00 +0100", "final",
             attachments=[("bob-v2.md", analysis("Bob Durand", variant="Bob adds one more remark on leakage between splits.").encode(), md)]),
        # Late: after the due date.
        mail("Carol Petit <carol@etu.example.fr>", "Mon, 02 Mar 2026 08:00:00 +0100", "late, sorry",
             attachments=[("carol.txt", SUMMARY.format(name="Carol Petit", link=LINK).encode(), "text/plain")]),
        # No attachment: the analysis is the body.
        mail("Dan Roux <dan@etu.example.fr>", "Sun, 01 Mar 2026 12:00:00 +0100", "my analysis",
             body=analysis("Dan Roux", variant="Dan wrote this in the body of the e-mail.")),
        # A corrupt PDF: flagged for manual review, the others go on.
        mail("Erin Blanc <erin@etu.example.fr>", "Sat, 28 Feb 2026 10:00:00 +0100", "pdf",
             attachments=[("erin.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, truncated", "application/pdf")]),
        # A hostile attachment name: must land inside the output folder.
        mail("Frank Noir <frank@etu.example.fr>", "Sat, 28 Feb 2026 11:00:00 +0100", "analysis",
             attachments=[("../../etc/passwd", analysis("Frank Noir", variant="Frank's file had a strange name.").encode(), "text/plain")]),
        # Untrusted text: a script must stay inert in every report.
        mail('"Grace <script>document.title=1</script>" <grace@etu.example.fr>', "Sat, 28 Feb 2026 12:00:00 +0100",
             "analysis", attachments=[("grace.md", (analysis("Grace Vert") + SCRIPT).encode(), md)]),
    ]


SCRIPT = "\n<script>document.body.setAttribute('data-pwned', 'yes')</script>\n<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">\n"


def write_mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(str(path))
    for message in messages:
        box.add(mailbox.mboxMessage(message))
    box.close()
    return path


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mtime of every file: to prove the inputs were not touched."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_class_mbox_holds_every_case(tmp_path):
    box = mailbox.mbox(str(write_mbox(tmp_path / "class.mbox", class_messages())))
    senders = [m["From"] for m in box]
    assert len(senders) == 8 and sum("bob@" in s for s in senders) == 2


def prime_cache(pdf: Path, link: str = LINK, title: str = "PharmHGT") -> str:
    """Put an article in the sources cache (ANALYSER_CACHE_DIR), as `analyser fetch` would."""
    from analyser.sources import parse_identifier
    from analyser.sources.cache import Cache
    from analyser.sources.model import Paper

    key = parse_identifier(link).canonical
    cache = Cache()
    cache.store(key, Paper(identifier=key, title=title, doi=key.removeprefix("doi:")))
    cache.attach(key, pdf)
    return key
