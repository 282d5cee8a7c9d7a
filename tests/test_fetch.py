"""generator/fetch.py against a real HTTP server on 127.0.0.1 (tests/_web.py): every refusal is
one BriefingError naming the URL and the problem; nothing here reaches outside 127.0.0.1."""

from __future__ import annotations

import socket

import pytest

from _web import web_server
from generator.errors import BriefingError
from generator.fetch import fetch


@pytest.fixture(scope="module")
def site():
    with web_server() as (base, server):
        yield base, server


def _refusal(url: str, **kwargs) -> str:
    with pytest.raises(BriefingError) as info:
        fetch(url, **kwargs)
    message = str(info.value)
    assert message.startswith(url + ": "), message  # names the URL the user gave
    assert "\n" not in message
    return message


def test_fetches_the_article_page_as_text(site):
    base, _ = site
    page = fetch(f"{base}/article.html")
    assert page.final_url == f"{base}/article.html"
    assert "la préfecture de Lozère saisit l'Arcom" in page.html


def test_declared_charset_is_honoured(site):
    base, _ = site
    assert "préfète de la Lozère" in fetch(f"{base}/latin1.html").html


def test_follows_a_redirect_and_keeps_both_urls(site):
    base, _ = site
    page = fetch(f"{base}/court/a1")
    assert (page.url, page.final_url) == (f"{base}/court/a1", f"{base}/article.html")


def test_sends_a_user_agent_naming_the_tool(site):
    base, server = site
    fetch(f"{base}/article.html")
    agent = server.seen_agents[-1]
    assert agent.startswith("briefing/") and "urllib3" not in agent


@pytest.mark.parametrize("path, problem", [
    ("/absent.html", "HTTP 404 Not Found"),
    ("/error.html", "HTTP 500"),
    ("/loop-a", "redirect loop"),
    ("/chain/1", "more than 5 redirects"),
    ("/to-file", "redirected to a non-http(s) URL (file:///etc/passwd)"),
    ("/image.png", "not an HTML page (Content-Type: image/png)"),
    ("/binary.html", "not an HTML page (binary content)"),
    ("/notes.txt", "not an HTML page (Content-Type: text/plain)"),
])
def test_bad_pages_are_refused_with_the_reason(site, path, problem):
    base, _ = site
    assert problem in _refusal(base + path)


def test_a_page_above_the_size_limit_is_refused_before_reading_it(site):
    base, _ = site
    assert "page too big" in _refusal(f"{base}/big.html", max_bytes=1_000_000)


def test_a_server_that_does_not_answer_times_out(site):
    base, _ = site
    assert "too slow" in _refusal(f"{base}/slow.html", timeout=0.5)


def test_a_server_that_trickles_bytes_is_stopped_by_the_overall_deadline(site):
    base, _ = site
    assert "too slow" in _refusal(f"{base}/trickle.html", timeout=1.0)


def test_refused_connection():
    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        assert "connection refused" in _refusal(f"http://127.0.0.1:{port}/article.html", timeout=2)


def test_unknown_host_name(monkeypatch):
    """The resolver is the one part replaced: a real DNS query would leave 127.0.0.1."""
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    assert "host name 'journal.example' not found (DNS)" in _refusal("https://journal.example/a.html")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a.html", "file:///etc/hostname", "javascript:alert(1)"])
def test_only_http_and_https(url):
    assert "only http:// and https://" in _refusal(url)
