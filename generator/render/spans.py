"""The source-span index: an anchor in texte-source.md for every fact whose span is valid.

Every paragraph is cut into segments at each span boundary; each covered segment is
`<span class="bf-seg" data-f="a b">` and an empty `<span class="bf-fa" id="a">` marks where fact
`a` begins. `assets/briefing.js` highlights all segments of the targeted fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..model import Facts, Source
from .escape import md_text_keep_spaces

_ID_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def clean_id(raw: str) -> str:
    """An HTML id from any text: ASCII letters, digits, "-" and "_", starting with a letter."""
    s = _ID_SAFE.sub("-", str(raw)).strip("-") or "f"
    if not s[0].isalpha():
        s = "f-" + s
    return s


@dataclass
class Span:
    anchor: str
    kind: str
    paragraph: str
    start: int
    end: int
    label: str = ""


@dataclass
class SpanIndex:
    """Anchors of one article's facts in texte-source.md. Facts whose span is invalid get no
    anchor; links to them fall back to their paragraph (when it exists)."""

    paragraphs: dict[str, str]
    spans: list[Span] = field(default_factory=list)
    by_key: dict[tuple[str, str], Span] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._used |= set(self.paragraphs) | {"texte-source", "elements-retires", "paragraphes"}

    def add(self, kind: str, key: str, anchor_hint: str, source: Source | None, label: str = "") -> None:
        if source is None:
            return
        text = self.paragraphs.get(source.paragraph)
        if text is None or not (0 <= source.start < source.end <= len(text)):
            return
        base = clean_id(anchor_hint)
        anchor = base
        if anchor in self._used:
            anchor = clean_id(f"{kind}-{base}")
        n = 2
        while anchor in self._used:
            anchor = f"{clean_id(f'{kind}-{base}')}-{n}"
            n += 1
        self._used.add(anchor)
        span = Span(anchor, kind, source.paragraph, source.start, source.end, label)
        self.spans.append(span)
        self.by_key[(kind, key)] = span

    def target(self, kind: str, key: str, source: Source | None) -> str | None:
        """Anchor (without '#') a link to this fact should use, or None."""
        span = self.by_key.get((kind, key))
        if span:
            return span.anchor
        if source is not None and source.paragraph in self.paragraphs:
            return clean_id(source.paragraph) if clean_id(source.paragraph) == source.paragraph else None
        return None

    def segments(self, pid: str) -> list[tuple[str, list[Span], list[Span]]]:
        """Cut paragraph `pid` at every span boundary: [(text, covering spans, spans starting here)]."""
        text = self.paragraphs[pid]
        spans = [s for s in self.spans if s.paragraph == pid]
        cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
        out = []
        for a, b in zip(cuts, cuts[1:]):
            cover = [s for s in spans if s.start <= a and b <= s.end]
            starting = [s for s in spans if s.start == a]
            out.append((text[a:b], cover, starting))
        return out


def build_span_index(facts: Facts) -> SpanIndex:
    """Every fact of the article that points at its words: quotes, claims, events, legal references,
    entity mentions, the lead and the key points."""
    idx = SpanIndex({p.id: p.text for p in facts.article.paragraphs})
    for q in facts.quotes:
        idx.add("quote", q.id, q.id, q.source, "citation")
    for c in facts.claims:
        idx.add("claim", c.id, c.id, c.source, "affirmation")
    for e in facts.events:
        idx.add("event", e.id, e.id, e.source, "événement")
    for lg in facts.legal:
        idx.add("legal", lg.id, lg.id, lg.source, "référence juridique")
    for kind, items in (("person", facts.people), ("org", facts.organisations), ("place", facts.places)):
        for ent in items:
            for i, m in enumerate(ent.mentions, 1):
                idx.add(kind, f"{ent.id}#{i}", f"{ent.id}-m{i}", m.source, "mention")
    s = facts.summary
    if s.lead_source is not None:
        idx.add("summary", "lead", "chapo", s.lead_source, "chapô")
    for i, kp in enumerate(s.key_points, 1):
        idx.add("summary", f"kp{i}", f"point-{i}", kp.source, "point clé")
    return idx


def render_paragraph(idx: SpanIndex, pid: str) -> Markup:
    """Paragraph text as inert HTML with fact segments and anchors."""
    parts: list[str] = []
    for text, cover, starting in idx.segments(pid):
        for s in starting:
            parts.append(f'<span class="bf-fa" id="{s.anchor}" data-for="{s.anchor}"></span>')
        body = md_text_keep_spaces(text)
        if cover:
            ids = " ".join(s.anchor for s in cover)
            kinds = " ".join(sorted({s.kind for s in cover}))
            parts.append(f'<span class="bf-seg" data-f="{ids}" data-k="{kinds}">{body}</span>')
        else:
            parts.append(str(body))
    return Markup("".join(parts))
