"""The instructor's decisions on a graded class: the review queue, reviews.json, and applying them.

Automatic scores are proposals; the grade is the instructor's. `decisions`
reads and writes `OUT/reviews.json` (the format is documented there),
`apply` turns a student's automatic report and the instructor's decision into
the report everyone sees (report, gradebook, overview, e-mail), and `queue`
orders what to look at first. The web page itself is `analyser.web`.
Nothing here imports a web framework.
"""
