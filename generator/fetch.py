"""Fetch one article page over HTTP(S) for `briefing add URL`.

urllib3 (already beneath trafilatura) rather than trafilatura's own fetcher, because its fetcher
returns None on every failure: a journalist must read *why* a URL was refused. Redirects are
followed here, one hop at a time, so a loop is named as a loop and every hop is checked to be
http(s). The body is read in chunks, so a page above the size limit or a server that trickles
bytes is stopped early instead of being read whole.
"""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (ConnectTimeoutError, LocationParseError, NameResolutionError,
                                NewConnectionError, ProtocolError, ReadTimeoutError, SSLError)

from .errors import BriefingError

DEFAULT_TIMEOUT = 20.0  # seconds, for the whole fetch (connect, redirects, body)
DEFAULT_MAX_BYTES = 5_000_000  # the article size limit of `briefing extract`
DEFAULT_MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
CHUNK = 64 * 1024


def user_agent() -> str:
    """Names the tool and its version, so a site's logs say who fetched the page."""
    try:
        v = version("briefing")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        v = "0"
    return f"briefing/{v} (sourced press briefings; one page per request, on a person's demand)"


@dataclass(frozen=True)
class Page:
    """A fetched HTML page: the URL asked for, the URL it was served from, and its text."""

    url: str
    final_url: str
    html: str


def check_url(url: str) -> None:
    """Only http(s) URLs with a host: no file://, ftp://, data:."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise BriefingError(url, f"invalid URL ({exc})") from None
    if parts.scheme.lower() not in {"http", "https"}:
        raise BriefingError(url, "only http:// and https:// URLs can be fetched")
    if not parts.hostname:
        raise BriefingError(url, "invalid URL: no host name")


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
          max_redirects: int = DEFAULT_MAX_REDIRECTS) -> Page:
    """GET `url` and return its HTML; any failure is one BriefingError naming the URL."""
    check_url(url)
    deadline = time.monotonic() + timeout
    pool = urllib3.PoolManager(headers={"User-Agent": user_agent(),
                                        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                                        "Accept-Language": "fr,en;q=0.5"},
                               retries=False)
    current, seen = url, [url]
    while True:
        resp = _request(pool, url, current, deadline)
        if resp.status not in REDIRECTS:
            break
        location = resp.headers.get("Location")
        resp.release_conn()
        if not location:
            raise BriefingError(url, f"HTTP {resp.status} redirect without a Location header")
        current = urljoin(current, location)
        if current in seen:
            raise BriefingError(url, f"redirect loop ({' -> '.join(seen + [current])})")
        if len(seen) > max_redirects:
            raise BriefingError(url, f"more than {max_redirects} redirects (last: {current})")
        seen.append(current)
        if urlsplit(current).scheme.lower() not in {"http", "https"}:
            raise BriefingError(url, f"redirected to a non-http(s) URL ({current})")
    try:
        _check_response(url, resp, max_bytes)
        body = _read_body(url, resp, max_bytes, deadline, timeout)
    finally:
        resp.release_conn()
    return Page(url=url, final_url=current, html=_decode(url, body, resp.headers.get("Content-Type", "")))


def _request(pool: urllib3.PoolManager, url: str, current: str, deadline: float):
    left = deadline - time.monotonic()
    if left <= 0:
        raise BriefingError(url, "too slow: the page did not arrive in time (timeout)")
    try:
        return pool.request("GET", current, redirect=False, preload_content=False,
                            timeout=urllib3.Timeout(connect=left, read=left))
    except Exception as exc:  # noqa: BLE001 - every network failure becomes one named line
        raise BriefingError(url, _network_problem(exc, current, left)) from None


def _network_problem(exc: Exception, url: str, timeout: float) -> str:
    """The user's words for a urllib3 failure."""
    if isinstance(exc, NameResolutionError):
        return f"host name {urlsplit(url).hostname!r} not found (DNS)"
    if isinstance(exc, NewConnectionError):
        refused = isinstance(exc.__context__, OSError) and exc.__context__.errno == errno.ECONNREFUSED
        return "connection refused" if refused or "refused" in str(exc).lower() else f"cannot connect ({exc})"
    if isinstance(exc, (ConnectTimeoutError, ReadTimeoutError)):
        return f"too slow: no answer within {timeout:.0f} s (timeout)"
    if isinstance(exc, SSLError):
        return f"TLS/SSL error ({exc})"
    if isinstance(exc, LocationParseError):
        return f"invalid URL ({exc})"
    if isinstance(exc, ProtocolError):
        return f"connection broken ({exc})"
    return f"cannot fetch ({type(exc).__name__}: {exc})"


def _check_response(url: str, resp, max_bytes: int) -> None:
    """Status, content type and announced size, before any byte of the body is read."""
    if resp.status >= 400:
        raise BriefingError(url, f"HTTP {resp.status} {resp.reason or ''}".rstrip())
    if resp.status != 200:
        raise BriefingError(url, f"HTTP {resp.status}: expected 200 with the page")
    ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        raise BriefingError(url, f"not an HTML page (Content-Type: {ctype})")
    length = resp.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise BriefingError(url, f"page too big: {int(length):,} bytes, above the {max_bytes:,}-byte limit")


def _read_body(url: str, resp, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks, size = [], 0
    try:
        while chunk := resp.read1(CHUNK):  # whatever has arrived: the deadline is checked often
            size += len(chunk)
            if size > max_bytes:
                raise BriefingError(url, f"page too big: more than {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise BriefingError(url, f"too slow: the page did not arrive within {timeout:.0f} s (timeout)")
            chunks.append(chunk)
    except BriefingError:
        raise
    except Exception as exc:  # noqa: BLE001 - read timeout, reset connection, bad gzip
        raise BriefingError(url, _network_problem(exc, url, timeout)) from None
    return b"".join(chunks)


def _decode(url: str, body: bytes, content_type: str) -> str:
    """Text of the page: the charset the server declares when it decodes cleanly, else the
    same guessing as for a saved file (UTF-8, then legacy code pages)."""
    from .ingest import decode

    if not body.strip():
        raise BriefingError(url, "empty page")
    if b"\x00" in body[:4096]:
        raise BriefingError(url, "not an HTML page (binary content)")
    charset = next((p.split("=", 1)[1].strip(" \"'") for p in content_type.split(";")[1:]
                    if p.strip().lower().startswith("charset=")), None)
    if charset:
        try:
            return body.decode(charset).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(body, url)
    except BriefingError as exc:
        raise BriefingError(url, f"not an HTML page ({exc.message})") from None
