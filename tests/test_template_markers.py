"""The markers that tell a template's guidance from a student's text, through every reader's mangling."""

from __future__ import annotations

import pytest

from analyser.template_markers import END_MARK, is_template_text, strip_template_text

GUIDE = f"Guiding question: Is there enough data for the model's capacity? {END_MARK}"
FACT = f"From the article, p. 4 — Model: random forest — “We used 500 trees.” {END_MARK}"
STUDENT = "The random split puts near-duplicate compounds on both sides, so the test error is optimistic."


@pytest.mark.parametrize(
    "line",
    [
        GUIDE,
        f"> {FACT}",
        f"- Question to ask: is the split random? {END_MARK}",
        f"Budget de mots\u00a0: environ 230 mots. {END_MARK}",  # French, no-break space before the colon
        f"Dans l’article, p. 3 — Tâche : regression {END_MARK}",  # curly apostrophe from Word
        "[Your name]",
        "[Écrivez votre analyse ici : environ 230 mots]",
        "## ML analysis of “A general-purpose framework”",
    ],
)
def test_template_lines_are_recognised(line):
    assert is_template_text(line)
    assert strip_template_text(line).strip() == ""


@pytest.mark.parametrize("line", [STUDENT, "Name: Marie Curie", "", "1. Context", "I question the reminder they give."])
def test_student_lines_are_not(line):
    assert not is_template_text(line)
    assert strip_template_text(line) == line


def test_student_text_between_guidance_is_kept_whole():
    text = "\n".join(["## 5. Over/underfitting", GUIDE, "", FACT, "", STUDENT, "", "[Write your analysis here: about 220 words]"])
    assert strip_template_text(text).split() == ["##", "5.", "Over/underfitting", *STUDENT.split()]


def test_a_wrapped_guidance_paragraph_is_removed_whole():
    # A PDF export breaks a long paragraph over lines; only the last carries the mark.
    wrapped = ["Guiding question: Is there enough data", "for the model's capacity? How was it", f"validated? {END_MARK}"]
    assert strip_template_text("\n".join([*wrapped, STUDENT])).strip() == STUDENT


def test_a_paragraph_cut_by_a_page_break_is_removed_whole():
    text = "\n".join(["Guiding question: Is there", "", f"enough data for the model's capacity? {END_MARK}", STUDENT])
    assert strip_template_text(text).strip() == STUDENT


def test_guidance_joined_on_one_line_keeps_the_student_text_after_it():
    # A Markdown reader joins a block quote into one line; a student typed right after it.
    assert strip_template_text(f"{GUIDE} {FACT} {STUDENT}").strip() == STUDENT


def test_an_unterminated_prefix_line_never_eats_the_student_text():
    # The title has no end mark; what follows it is the student's until another guidance line.
    text = "\n".join(["# ML analysis of “Title”", "", "Name: Marie Curie", STUDENT, GUIDE, "Last words."])
    assert strip_template_text(text).split() == ["Name:", "Marie", "Curie", *STUDENT.split(), "Last", "words."]


def test_a_placeholder_wrapped_over_two_lines_goes():
    assert strip_template_text("Before [Write your analysis\nhere: about 230 words] after").split() == ["Before", "after"]


def test_a_page_that_opens_on_the_rest_of_a_guidance_paragraph():
    # Readers that cut pages by word count split paragraphs; the checker strips page by page.
    page = "\n".join(["so that 30 compounds were chosen.” ¶ Word budget: about 230 words. ¶", "", STUDENT])
    assert strip_template_text(page).strip() == STUDENT
    wrapped = "\n".join(["the model's capacity? How was it", f"validated? {END_MARK}", STUDENT])
    assert strip_template_text(wrapped).strip() == STUDENT
    # A page that opens on the student's own paragraph keeps it.
    assert strip_template_text(f"{STUDENT}\n\n{GUIDE}").strip() == STUDENT


def test_a_placeholder_cut_by_a_page_break_goes_from_both_pages():
    first_page = "6. Alternatives\n\n[Écrivez votre analyse ici"
    second_page = f": environ 220 mots] {END_MARK}\n\n{STUDENT}"
    assert strip_template_text(first_page).split() == ["6.", "Alternatives"]
    assert strip_template_text(second_page).strip() == STUDENT


@pytest.mark.parametrize("cut", ["Guiding", "From the", "Budget de", "[Write your", "["])
def test_a_page_that_ends_inside_a_guidance_prefix_drops_the_piece(cut):
    assert strip_template_text(f"{STUDENT}\n\n{cut}").strip() == STUDENT
    # Only at the very end of a page: the same words inside the text are the student's.
    if not cut.startswith("["):  # (a placeholder's opening is the template's anywhere)
        assert strip_template_text(f"{cut}\n{STUDENT}").split()[0] == cut.split()[0]


# --- Markdown: guidance in HTML comments -------------------------------------

COMMENT = "\n".join(["<!--", "Word budget: about 230 words.", GUIDE.replace(f" {END_MARK}", ""),
                     "[Write your analysis here: about 230 words]", "-->"])


@pytest.mark.parametrize("line", ["<!--", "-->", "<!-- anything at all -->", "  <!-- Guiding question: why? -->"])
def test_comment_lines_are_the_templates(line):
    assert is_template_text(line)


def test_a_comment_goes_whole_and_the_student_text_around_it_stays():
    text = "\n".join(["## 1. Context", "", COMMENT, STUDENT, "", "Last words --> here."])
    kept = ["##", "1.", "Context", *STUDENT.split(), "Last", "words", "-->", "here."]
    assert strip_template_text(text).split() == kept
    # As a Markdown reader gives it: the comment joined on one line.
    joined = " ".join(COMMENT.splitlines())
    assert strip_template_text(f"{joined}\n\n{STUDENT}").strip() == STUDENT


def test_a_comment_cut_by_a_page_break_goes_from_both_pages():
    joined = " ".join(COMMENT.splitlines())
    cut = len(joined) // 2
    first_page, second_page = f"{STUDENT}\n\n{joined[:cut]}", f"{joined[cut:]}\n\n{STUDENT}"
    assert strip_template_text(first_page).strip() == STUDENT
    assert strip_template_text(second_page).strip() == STUDENT
    # A page that opens on the student's own paragraph, arrows and all, keeps it (only a
    # "-->" that ends a line closes a comment cut at the page's start).
    assert strip_template_text(f"A --> B, then C.\n\n{STUDENT}").split()[:3] == ["A", "-->", "B,"]
