"""The local web pages: `analyser review` (the instructor's review page) and `analyser serve` (students).

Flask apps served on 127.0.0.1 only, on a random port, behind a secret token
given in the URL the command prints (`security.py` also refuses a wrong Host
header, other origins, and POSTs without the form's CSRF token). Flask is
imported only here, so `analyser --help` never pays for it.
"""
