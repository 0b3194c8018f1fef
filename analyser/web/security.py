"""What keeps the local pages to the person who started them.

- Bound to 127.0.0.1 (server.py): nothing is served to other machines.
- A secret token, in the URL the command prints: the first request carrying
  it gets an HttpOnly, SameSite=Strict cookie and is redirected to the same
  page without it (so it stays out of the history); any request with
  neither is refused (403). Other users of the machine cannot guess it.
- The Host header must be 127.0.0.1:PORT or localhost:PORT: a page on
  another site that re-points its own name at 127.0.0.1 (DNS rebinding) is
  refused even though its requests reach us.
- A request from another origin (the Origin header, or Sec-Fetch-Site:
  cross-site) is refused, and every POST must carry the page's CSRF token.
- Each response forbids framing, sniffing, caching and a Referer to other sites,
  and carries a Content-Security-Policy allowing only our own script.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlencode

TOKEN_PARAMETER = "token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def install(app, token: str) -> None:
    """Guard every request of `app` (a Flask app); `app.config["PORT"]` is set once the server listens."""
    from flask import abort, redirect, request

    csrf = new_secret()
    app.config["CSRF_TOKEN"] = csrf
    app.jinja_env.globals["csrf_token"] = csrf

    def cookie_name() -> str:
        return f"analyser_{app.config.get('PORT', 0)}"

    @app.before_request
    def _guard():
        port = app.config.get("PORT")
        allowed = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if request.host not in allowed:
            abort(403, "wrong Host header: this page is served to http://127.0.0.1 only")
        origin = request.headers.get("Origin")
        if origin is not None and origin not in {f"http://{host}" for host in allowed}:
            abort(403, "request from another origin")
        if request.headers.get("Sec-Fetch-Site") == "cross-site":
            abort(403, "request from another site")
        given = request.args.get(TOKEN_PARAMETER)
        if given is not None:
            if not hmac.compare_digest(given, token):
                abort(403, "wrong token: use the address the command printed")
            if request.method == "GET":
                rest = {k: v for k, v in request.args.items() if k != TOKEN_PARAMETER}
                response = redirect(request.path + (f"?{urlencode(rest)}" if rest else ""), code=303)
                response.set_cookie(cookie_name(), token, httponly=True, samesite="Strict", path="/")
                return response
        elif not hmac.compare_digest(request.cookies.get(cookie_name(), ""), token):
            abort(403, "no token: open the address the command printed (it holds the token)")
        if request.method not in ("GET", "HEAD"):
            sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
            if not hmac.compare_digest(sent, csrf):
                abort(403, "missing or wrong form token (CSRF): reload the page")
        return None

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make Chromium send Origin: null
        response.headers["Cache-Control"] = "no-store"
        return response
