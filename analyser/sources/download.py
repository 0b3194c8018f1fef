"""Download a PDF and make sure it is one.

Sites behind Cloudflare (bioRxiv, ChemRxiv) answer scripts with 403 or an HTML
"Just a moment..." page, and arXiv answers an HTML "File unavailable" page
while a PDF is being built: none of these may be saved as paper.pdf.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import requests

from analyser.atomic import atomic_path
from analyser.sources.errors import BROWSER_HINT, NotAPdfError, PdfUnavailableError, SourceError, storage_error
from analyser.sources import deadline
from analyser.sources.http import deadline_error, host_of

CHUNK = 64 * 1024
_HEAD = 1024  # the PDF header may sit anywhere in the first 1024 bytes
_TAIL = 2048  # ...and %%EOF near the end (some writers append a few bytes after it)


def looks_like_pdf_start(head: bytes) -> bool:
    return b"%PDF-" in head[:_HEAD]


def looks_like_pdf_end(tail: bytes) -> bool:
    return b"%%EOF" in tail[-_TAIL:]


def check_pdf_file(path: Path) -> None:
    """Raise NotAPdfError (naming the file) unless it starts and ends like a PDF."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
            handle.seek(max(0, size - _TAIL))
            tail = handle.read()
    except OSError as error:
        raise NotAPdfError(f"cannot read it ({error.strerror})", path=str(path)) from None
    if not looks_like_pdf_start(head):
        raise NotAPdfError("not a PDF (no %PDF header)", path=str(path))
    if not looks_like_pdf_end(tail):
        raise NotAPdfError("truncated PDF (no %%EOF end marker); download it again", path=str(path))


def check_whole_pdf(path: Path, *, shown: str | None = None) -> None:
    """Raise NotAPdfError unless the whole file is a PDF PDFium can open, with at least one page.

    What enters the cache is read by every later command: a truncated
    download given a forged "%%EOF" passes `check_pdf_file` (it starts and
    ends like a PDF) and would be served as the article for ever. So the
    file is opened, after the bounds on its inflated size (a bomb must not
    reach PDFium here either).
    """
    shown = shown or str(path)
    check_pdf_file(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NotAPdfError(f"cannot read it ({error.strerror})", path=shown) from None
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    from analyser.documents.bounds import check_pdf_streams
    from analyser.documents.errors import TooLargeError

    try:
        check_pdf_streams(data, shown)
        document = pdfium.PdfDocument(data, password="")
    except TooLargeError as error:
        raise NotAPdfError(str(error).removeprefix(f"{shown}: "), path=shown) from None
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_raw.FPDF_ERR_PASSWORD:
            return  # whole, only locked: reading it says "encrypted PDF", which is the truth
        raise NotAPdfError("damaged or truncated PDF (PDFium cannot open it); download it again",
                           path=shown) from None
    try:
        if len(document) == 0:
            raise NotAPdfError("a PDF without any page; download it again", path=shown)
    finally:
        document.close()


def download_pdf(session: requests.Session, url: str, dest: Path, *, max_bytes: int, ident: str,
                 landing_url: str | None = None) -> Path:
    """Stream `url` into `dest` (atomically) after checking it is a complete PDF."""
    hint = BROWSER_HINT.format(url=landing_url or url, ident=ident)
    # One deadline for the request and the whole body: a server trickling bytes must not hold us.
    request_scope = getattr(session, "request_scope", None)
    with request_scope(url) if request_scope else nullcontext():
        return _download(session, url, dest, max_bytes=max_bytes, hint=hint)


def _download(session: requests.Session, url: str, dest: Path, *, max_bytes: int, hint: str) -> Path:
    response = session.get(url, stream=True, headers={"Accept": "application/pdf"})
    with response:
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if response.status_code in (401, 403, 451):
            raise PdfUnavailableError(
                f"{host_of(url)} refused the download (HTTP {response.status_code}); {hint}",
                url=url, status=response.status_code)
        if response.status_code == 404:
            raise PdfUnavailableError(f"no PDF at {url} (HTTP 404); {hint}", url=url, status=404)
        if response.status_code != 200:
            raise SourceError(f"{host_of(url)} answered HTTP {response.status_code} for {url}",
                              url=url, status=response.status_code)
        declared = int(response.headers.get("Content-Length") or 0)
        if declared > max_bytes:
            raise NotAPdfError(f"{url} is {declared / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB "
                               "limit (ANALYSER_MAX_PDF_MB)", url=url)
        try:
            with atomic_path(dest) as tmp:
                with tmp.open("wb") as out:
                    size, head, tail = _stream(response, out, url=url, max_bytes=max_bytes)
                if "html" in content_type or not looks_like_pdf_start(head):
                    challenge = b"Just a moment" in head or b"challenge-platform" in head
                    what = "a bot-check page" if challenge else f"a {content_type or 'non-PDF'} page"
                    raise NotAPdfError(f"{host_of(url)} sent {what} instead of the PDF; {hint}", url=url)
                if not looks_like_pdf_end(tail) or (declared and size < declared):
                    raise NotAPdfError(f"the PDF from {url} is truncated ({size} bytes); try again with --refresh",
                                       url=url)
                try:
                    check_whole_pdf(tmp, shown=url)  # before it enters the cache, never after
                except NotAPdfError as error:
                    raise NotAPdfError(f"{error}; try again with --refresh", url=url) from None
        except requests.RequestException:
            raise  # an OSError too, but a network one: not ours to rename
        except OSError as error:
            # The folder cannot be made or the disk is full / read-only.
            raise storage_error(error, "write the downloaded PDF", dest) from None
    return dest


def _stream(response: requests.Response, out, *, url: str, max_bytes: int) -> tuple[int, bytes, bytes]:
    size, head, tail = 0, b"", b""
    try:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise NotAPdfError(f"{url} is over the {max_bytes / 2**20:.0f} MB limit (ANALYSER_MAX_PDF_MB)",
                                   url=url)
            if len(head) < _HEAD:
                head += chunk[: _HEAD - len(head)]
            tail = (tail + chunk)[-_TAIL:]
            out.write(chunk)
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError):
        if deadline.expired():
            raise deadline_error(url) from None
        # The server closed the connection before Content-Length was reached.
        raise NotAPdfError(f"the download of {url} was cut short ({size} bytes); try again with --refresh",
                           url=url) from None
    if deadline.expired():  # without a Content-Length, a cut answer ends like a whole one
        raise deadline_error(url)
    return size, head, tail
