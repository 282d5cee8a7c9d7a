"""Bytes to text: BOMs, UTF-8, then the legacy code page that reads most like French.

Binary data is refused with a one-line error naming the file.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import BriefingError

_WESTERN = ("cp1252", "iso8859_15", "latin_1", "mac_roman")  # preference order for ties
# characters a French text is made of beyond ASCII; used to choose between legacy code pages
_FRENCH_CHARS = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’‘“”–—…€°\u00a0\u202f·")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if (b < 0x20 and b not in b"\t\n\r\f\v\x1b") or b == 0x7F)
    return controls > max(2, len(sample) // 100)


def _french_score(text: str) -> float:
    """Share of non-ASCII characters that belong to written French (1.0 when all do)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    return sum(c in _FRENCH_CHARS for c in non_ascii) / len(non_ascii)


def decode(data: bytes, path: Path) -> str:
    """Decode article bytes to text with '\\n' line endings; refuses binary data.

    Order: UTF-32/UTF-16 with BOM, UTF-8 (BOM optional, strict), then legacy encodings:
    charset-normalizer's best guess is trusted when it recognises a language with clearly less
    mess than the Western code pages; otherwise the Western code page (cp1252, ISO-8859-15,
    Latin-1, MacRoman) whose decoding looks most like French and least messy wins, cp1252
    first on ties.
    """
    text: str | None = None
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise BriefingError(path, f"broken {codec.upper()} text ({exc.reason} at byte {exc.start})") from None
            break
    if text is None:
        if _looks_binary(data):
            raise BriefingError(path, "binary file, not text (contains NUL or control bytes); "
                                      "expected a .txt, .md or .html article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data, path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\f\v")
    if controls > max(2, len(text) // 100):
        raise BriefingError(path, "binary file, not text (too many control characters)")
    return text


def _decode_legacy(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    candidates: list[tuple[float, float, int, str, str]] = []
    for rank, codec in enumerate(_WESTERN):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((-_french_score(decoded), mess_ratio(decoded, 1.0), rank, codec, decoded))
    best = from_bytes(data).best()
    if best is not None and best.encoding not in _WESTERN:
        western_mess = min((c[1] for c in candidates), default=1.0)
        if best.coherence >= 0.2 and best.chaos + 0.05 < western_mess:
            return str(best)
    if not candidates:
        raise BriefingError(path, "unknown text encoding (not UTF-8, UTF-16 or a Western code page)")
    candidates.sort(key=lambda c: (round(c[0], 2), round(c[1], 2), c[2]))
    return candidates[0][4]
