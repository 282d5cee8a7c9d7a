"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving the pages `briefing add` meets:
a saved French article, a 404, a redirect loop, a binary file, a slow answer, text that is not HTML."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE = (Path(__file__).parent / "fixtures" / "web" / "article.html").read_bytes()
SLOW_SECONDS = 3.0


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.seen_agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path.split("?")[0])
        if route is None:
            self._send(404, b"<html><body><h1>Introuvable</h1></body></html>")
        else:
            route(self)


def _trickle(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.end_headers()
    for _ in range(40):  # 8 s of one byte every 0.2 s: each read is quick, the whole is slow
        try:
            h.wfile.write(b" ")
            h.wfile.flush()
        except OSError:
            return
        time.sleep(0.2)


ROUTES = {
    "/article.html": lambda h: h._send(200, ARTICLE),
    "/latin1.html": lambda h: h._send(200, ARTICLE.decode("utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"')
                                      .encode("iso-8859-1"), "text/html; charset=iso-8859-1"),
    "/court/a1": lambda h: h._send(301, Location="/article.html"),
    "/loop-a": lambda h: h._send(302, Location="/loop-b"),
    "/loop-b": lambda h: h._send(302, Location="/loop-a"),
    "/chain/1": lambda h: h._send(302, Location="/chain/2"),
    **{f"/chain/{i}": (lambda i: lambda h: h._send(302, Location=f"/chain/{i + 1}"))(i) for i in range(2, 20)},
    "/to-file": lambda h: h._send(302, Location="file:///etc/passwd"),
    "/image.png": lambda h: h._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image/png"),
    "/binary.html": lambda h: h._send(200, b"\x00\x01\x02\x03" * 500),
    "/notes.txt": lambda h: h._send(200, "Notes de lecture, pas une page web.\n".encode(), "text/plain; charset=utf-8"),
    "/slow.html": lambda h: (time.sleep(SLOW_SECONDS), h._send(200, ARTICLE)),
    "/trickle.html": _trickle,
    "/big.html": lambda h: h._send(200, b"<html><body><p>" + b"texte " * 400_000 + b"</p></body></html>"),
    "/menu-only.html": lambda h: h._send(200, "<!DOCTYPE html><html lang='fr'><head><title>Accueil</title></head><body>"
                                           "<nav><a href='/'>Accueil</a> <a href='/b'>Blog</a></nav></body></html>".encode()),
    "/error.html": lambda h: h._send(500, b"<html><body>Erreur interne</body></html>"),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (timeout tests) breaks the pipe: expected, not news


@contextmanager
def web_server():
    """Yield (base URL http://127.0.0.1:PORT, server) for a server running in a daemon thread;
    `server.seen_agents` lists the User-Agent of every request."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.seen_agents = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
