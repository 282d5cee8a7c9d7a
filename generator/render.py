"""Render stage: fact bundles (`Facts`) -> Markdown pages for MkDocs Material.

One folder per article under `docs/<slug>/` (Synthèse, Chronologie, Citations, Acteurs,
Qui affirme quoi, Contexte juridique, Texte source), a dossier home `docs/index.md`, merged
timeline/who's-who pages when the dossier holds several articles, the glossary
`docs/includes/abbreviations.md`, and the navigation in a generated MkDocs parent config
(`generated/nav.yml`, pulled in by `INHERIT:` from the hand-editable `mkdocs.yml`).

Security: article text is hostile. Every string that reaches a template goes through
`md_text` (HTML-escaped and every Markdown/Jinja-significant character turned into a numeric
character reference), either explicitly or through the environment's `finalize` hook; only
values built here as `Markup` (links, anchors, checked URLs) pass unchanged. Templates never
re-render article text.

Fact links: `SpanIndex` gives each fact with a valid source span an anchor id. In
`texte-source.md` every paragraph is cut into segments at each span boundary; each covered
segment is `<span class="bf-seg" data-f="a b">` and an empty `<span class="bf-fa" id="a">`
marks where fact `a` begins. `assets/briefing.js` highlights all segments of the targeted fact.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote as _urlquote
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .dossier import Dossier
from .exports import Exports
from .knowledge import KnowledgeBase
from .model import Facts, Source
from .yamlio import AtomicBatch, write_atomic

TEMPLATES_DIR = Path(__file__).parent / "templates"
MANIFEST_NAME = ".briefing-generated.json"
GENERATED_MARK = "<!-- généré par briefing (generator/render.py) : ne pas modifier à la main -->"

# Per-article pages, in navigation order: (file, nav title, template)
ARTICLE_PAGES: list[tuple[str, str, str]] = [
    ("index.md", "Synthèse", "synthese.md.j2"),
    ("chronologie.md", "Chronologie", "chronologie.md.j2"),
    ("citations.md", "Citations", "citations.md.j2"),
    ("acteurs.md", "Acteurs", "acteurs.md.j2"),
    ("affirmations.md", "Qui affirme quoi", "affirmations.md.j2"),
    ("contexte-juridique.md", "Contexte juridique", "contexte-juridique.md.j2"),
    ("texte-source.md", "Texte source", "texte-source.md.j2"),
]

_PAGES_M = [(Markup(f), t, Markup(tpl)) for f, t, tpl in ARTICLE_PAGES]

# Abbreviations whose expansion is certain; kb entries may add more (never override these).
BASE_ABBREVIATIONS: dict[str, str] = {
    "AFP": "Agence France-Presse",
    "Arcom": "Autorité de régulation de la communication audiovisuelle et numérique",
    "ARCOM": "Autorité de régulation de la communication audiovisuelle et numérique",
    "CNIL": "Commission nationale de l'informatique et des libertés",
    "CSA": "Conseil supérieur de l'audiovisuel",
    "DGCCRF": "Direction générale de la concurrence, de la consommation et de la répression des fraudes",
    "DSA": "Digital Services Act, règlement (UE) 2022/2065 sur les services numériques",
    "Hadopi": "Haute Autorité pour la diffusion des œuvres et la protection des droits sur internet",
    "JDD": "Le Journal du dimanche",
    "JORF": "Journal officiel de la République française",
    "JUNALCO": "Juridiction nationale de lutte contre la criminalité organisée",
    "Junalco": "Juridiction nationale de lutte contre la criminalité organisée",
    "LCEN": "Loi n° 2004-575 du 21 juin 2004 pour la confiance dans l'économie numérique",
    "NDLR": "Note de la rédaction",
    "PCF": "Parti communiste français",
    "PNACO": "Parquet national anticriminalité organisée",
    "RGPD": "Règlement général sur la protection des données",
    "RN": "Rassemblement national",
    "SREN": "Loi n° 2024-449 du 21 mai 2024 visant à sécuriser et à réguler l'espace numérique",
    "UE": "Union européenne",
}

# --------------------------------------------------------------------------- escaping

# Characters with a meaning for Markdown, its extensions (attr_list, abbr, admonition, snippets,
# tables, footnotes), HTML or Jinja. Each becomes a numeric character reference: the browser shows
# the same character, no parser on the way acts on it.
_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~=:^\"&$%@")
_ESCAPES = {c: f"&#{ord(c)};" for c in _MD_SPECIAL}
_WS = re.compile(r"\s+")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


def md_text(value: Any) -> Markup:
    """Make any text render as literal text in Markdown *and* HTML (block or inline context).

    Whitespace (newlines, tabs, indentation) collapses to single spaces, so the text can never
    start a block (heading, list, quote, code, admonition, table row)."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    text = _CTRL.sub("", str(value))
    text = _WS.sub(" ", text).strip()
    return Markup(text.translate(_ESCAPE_TABLE))


_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def html_attr(value: Any) -> Markup:
    """Text for an HTML attribute value (double-quoted), also inert for Markdown."""
    return md_text(value)


_SAFE_URL_CHARS = ":/?#[]@!$&'()*+,;=%~-._"


def safe_url(url: Any) -> Markup | None:
    """An http(s) URL fit for an href, or None (javascript:, data:, relative, garbage)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    quoted = _urlquote(url, safe=_SAFE_URL_CHARS)
    # entity-encode everything that is not plainly URL-safe ASCII (keeps Markdown off it too)
    return Markup("".join(c if c.isalnum() or c in "/:.?=%-" else f"&#{ord(c)};" for c in quoted))


def ext_link(url: Any, label: Any) -> Markup:
    """An external link as raw HTML (label escaped), or just the label when the URL is unusable."""
    href = safe_url(url)
    text = md_text(label)
    if href is None:
        return text
    return Markup(f'<a href="{href}" class="bf-ext" rel="noopener noreferrer">{text}</a>')


# --------------------------------------------------------------------------- dates

_FR_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


def _parse_iso(iso: str) -> tuple[int, int | None, int | None]:
    m = re.fullmatch(r"\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*", str(iso))
    if not m:
        raise ValueError(f"not an ISO date: {iso!r}")
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"bad month in {iso!r}")
    return y, mo, d


def french_date(iso: str | None, precision: str | None = None, approximate: bool = False) -> str:
    """A date label in French at the precision the text gives.

    ("2024-04-27", "day") -> "27 avril 2024"; ("2023-01", "month") -> "janvier 2023";
    ("2022", "year") -> "2022"; approximate -> "vers avril 2024". Never finer than the
    precision, never finer than the ISO string itself. Unparseable input comes back escaped-as-is
    by the templates (we return it unchanged)."""
    if not iso:
        return "date inconnue"
    try:
        y, mo, d = _parse_iso(iso)
    except ValueError:
        return str(iso)
    precision = precision or ("day" if d else "month" if mo else "year")
    if precision == "day" and d is None:
        precision = "month" if mo else "year"
    if precision == "month" and mo is None:
        precision = "year"
    if precision == "day":
        try:
            from babel.dates import format_date

            label = format_date(_dt.date(y, mo, d), format="long", locale="fr_FR")  # type: ignore[arg-type]
        except Exception:  # babel missing or invalid day: build it by hand
            label = f"{'1er' if d == 1 else d} {_FR_MONTHS[mo - 1]} {y}"  # type: ignore[index]
        if label.startswith("1 "):
            label = "1er " + label[2:]
    elif precision == "month":
        try:
            from babel.dates import format_date

            label = format_date(_dt.date(y, mo, 1), format="LLLL y", locale="fr_FR")  # type: ignore[arg-type]
        except Exception:
            label = f"{_FR_MONTHS[mo - 1]} {y}"  # type: ignore[index]
    else:
        label = str(y)
    return f"vers {label}" if approximate else label


def _sort_key(iso: str) -> tuple[int, int, int]:
    try:
        y, mo, d = _parse_iso(iso)
    except ValueError:
        return (99999, 0, 0)
    return (y, mo or 0, d or 0)


# --------------------------------------------------------------------------- fact spans

_ID_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _clean_id(raw: str) -> str:
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
        base = _clean_id(anchor_hint)
        anchor = base
        if anchor in self._used:
            anchor = _clean_id(f"{kind}-{base}")
        n = 2
        while anchor in self._used:
            anchor = f"{_clean_id(f'{kind}-{base}')}-{n}"
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
            return _clean_id(source.paragraph) if _clean_id(source.paragraph) == source.paragraph else None
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


def md_text_keep_spaces(value: str) -> Markup:
    """Like md_text but keeps single boundary spaces (segments are glued back together)."""
    text = _CTRL.sub("", value)
    text = _WS.sub(" ", text)
    return Markup("".join(_ESCAPES.get(c, c) for c in text))


# --------------------------------------------------------------------------- knowledge base

def _kb_get(kb: Any, kid: str | None) -> Any:
    if kb is None or not kid:
        return None
    try:
        getter = getattr(kb, "get", None)
        if callable(getter):
            return getter(kid)
        if isinstance(kb, dict):
            return kb.get(kid)
    except Exception:
        return None
    return None


def _kb_entries(kb: Any) -> list[Any]:
    if kb is None:
        return []
    for name in ("entries", "items"):
        val = getattr(kb, name, None)
        if callable(val):
            try:
                val = val()
            except Exception:
                val = None
        if isinstance(val, dict):
            return list(val.values())
        if isinstance(val, (list, tuple)):
            return list(val)
    if isinstance(kb, dict):
        return list(kb.values())
    try:
        return list(iter(kb))
    except TypeError:
        return []


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _kb_event_date(entry: Any) -> str | None:
    """The date of a kb event entry: `date` if it has one, else the first ISO day found in `dates`."""
    d = _attr(entry, "date")
    if isinstance(d, (_dt.date,)):
        return d.isoformat()
    if isinstance(d, str) and _ISO_RE.search(d):
        return _ISO_RE.search(d).group(0)  # type: ignore[union-attr]
    dates = _attr(entry, "dates") or {}
    found: list[str] = []
    values = dates.values() if isinstance(dates, dict) else dates if isinstance(dates, list) else []
    for v in values:
        if isinstance(v, _dt.date):
            found.append(v.isoformat())
        elif isinstance(v, str):
            found += [m.group(0) for m in _ISO_RE.finditer(v)]
    return min(found) if found else None


def _view_kb(entry: Any) -> dict[str, Any] | None:
    if entry is None:
        return None
    sources = []
    seen: set[str] = set()
    for s in _attr(entry, "sources", []) or []:
        url = _attr(s, "url")
        if safe_url(url) is not None and url not in seen:
            seen.add(url)
            sources.append({"url": url, "label": _source_label(url)})
    return {
        "id": _attr(entry, "id"),
        "kind": _attr(entry, "kind"),
        "official_title": _attr(entry, "official_title"),
        "short_name": _attr(entry, "short_name"),
        "summary": _attr(entry, "summary"),
        "key_provisions": list(_attr(entry, "key_provisions", []) or []),
        "status": _attr(entry, "status"),
        "sources": sources,
    }


def _source_label(url: str) -> str:
    try:
        host = urlsplit(url).netloc
    except ValueError:
        return url
    return host[4:] if host.startswith("www.") else host


# --------------------------------------------------------------------------- page context

@dataclass
class ArticleView:
    slug: str
    facts: Facts
    idx: SpanIndex
    date_label: str
    date_is_reference: bool
    sort_date: str


def _article_view(facts: Facts) -> ArticleView:
    a = facts.article
    if a.published:
        label, is_ref, sort = french_date(a.published, None), False, a.published
    elif a.reference_date:
        label, is_ref, sort = french_date(a.reference_date, None), True, a.reference_date
    else:
        label, is_ref, sort = "date de publication inconnue", False, ""
    return ArticleView(a.slug, facts, build_span_index(facts), label, is_ref, sort)


def _article_date(facts: Facts) -> str | None:
    return facts.article.published or facts.article.reference_date


def _clean_slug(slug: str) -> str:
    s = re.sub(r"[^a-z0-9-]+", "-", str(slug).lower()).strip("-")
    if not s or s in {"assets", "includes", "javascripts", "stylesheets", "search", "print_page", "pdf"}:
        s = f"article-{s or 'sans-nom'}"
    return s


def _make_env() -> Environment:
    def finalize(value: Any) -> Any:
        # Safety net: any plain string printed by a template is neutralised.
        if isinstance(value, str) and not isinstance(value, Markup):
            return md_text_keep_spaces(value)  # keeps " · " separators; never starts a block
        return value

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.filters["attr"] = html_attr
    env.filters["french_date"] = french_date
    env.filters["ext_link"] = ext_link
    env.globals["ext_link"] = ext_link
    env.globals["french_date"] = french_date
    return env


_SRC_KIND_LABEL = {
    "quote": "de la citation", "claim": "de l'affirmation", "event": "de l'événement",
    "legal": "de la référence", "person": "de la mention", "org": "de la mention",
    "place": "de la mention", "summary": "de la phrase",
}


def _fact_link_fn(view: ArticleView, prefix: str):
    """`src(kind, key, source)` -> Markup link to texte-source (or '' when there is nowhere to go)."""

    def src(kind: str, key: str, source: Source | None, label: str | None = None) -> Markup:
        anchor = view.idx.target(kind, key, source)
        if anchor is None:
            return Markup("")
        pnum = ""
        numbered = source is not None and re.fullmatch(r"p\d+", source.paragraph)
        if source is not None:
            pnum = f"§\u00a0{source.paragraph[1:]}" if numbered else "source"
        text = md_text(label or pnum or "source")
        # "§ 3" alone means nothing to a screen reader: add visually hidden words (a11y, link purpose)
        what = _SRC_KIND_LABEL.get(kind, "fait")
        where = f"paragraphe {source.paragraph[1:]}" if numbered else "texte source"
        hidden = f'<span class="bf-sr"> : source {what}, {where}</span>'
        return Markup(
            f'[{text}{hidden}]({prefix}texte-source.md#{anchor} "Voir les mots exacts dans le texte source")'
            "{ .bf-src }"
        )

    return src


def _in_sentence(facts: Facts, source: Source | None) -> Markup | None:
    """The sentence of the article holding `source`, its words in <strong> (inert HTML), or None."""
    if source is None:
        return None
    para = next((p for p in facts.article.paragraphs if p.id == source.paragraph), None)
    if para is None or not (0 <= source.start < source.end <= len(para.text)):
        return None
    a, b = 0, len(para.text)
    for s_start, s_end in para.sentences or []:
        if s_start <= source.start < s_end:
            a, b = s_start, max(s_end, source.end)
            break
    t = para.text
    return Markup(
        f"{md_text(t[a:source.start]) if t[a:source.start].strip() else ''}"
        f"{' ' if t[a:source.start][-1:].isspace() else ''}"
        f"<strong>{md_text(t[source.start:source.end])}</strong>"
        f"{' ' if t[source.end:b][:1].isspace() else ''}"
        f"{md_text(t[source.end:b]) if t[source.end:b].strip() else ''}"
    )


def _person_index(facts: Facts) -> dict[str, Any]:
    return {p.id: p for p in facts.people}


def _since(kb: Any, f: Facts) -> list[dict[str, Any]]:
    """Knowledge-base developments dated after the article: event entries, plus later dates of the
    legal entries the article cites. One row per entry: {kb, dates: [(iso, precision, approx, key)]}."""
    pub = f.article.published or f.article.reference_date
    if not pub or kb is None:
        return []
    cited = {lg.knowledge_id for lg in f.legal if lg.knowledge_id}
    rows: dict[str, dict[str, Any]] = {}
    dev_fn = getattr(kb, "developments_after", None)
    if callable(dev_fn):
        try:
            devs = list(dev_fn(pub))
        except Exception:
            devs = []
        for d in devs:
            entry = getattr(d, "entry", None)
            kind, eid = _attr(entry, "kind"), _attr(entry, "id")
            if kind != "event" and eid not in cited:
                continue
            row = rows.setdefault(eid, {"kb": _view_kb(entry), "dates": [], "first": d.date})
            row["dates"].append((d.date, getattr(d, "precision", None), bool(getattr(d, "approximate", False)),
                                 str(getattr(d, "key", "")).replace("_", " ")))
    else:
        for entry in _kb_entries(kb):
            if _attr(entry, "kind") != "event":
                continue
            d = _kb_event_date(entry)
            if d and _sort_key(d) > _sort_key(pub):
                rows[_attr(entry, "id")] = {"kb": _view_kb(entry), "dates": [(d, "day", False, "")], "first": d}
    return sorted(rows.values(), key=lambda r: (_sort_key(r["first"]), str(r["kb"]["id"])))


def _claim_groups(f: Facts, people: dict[str, Any]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for c in f.claims:
        key = c.who_id or c.who or ""
        if key not in groups:
            person = people.get(c.who_id) if c.who_id else None
            groups[key] = {
                "name": person.name if person else c.who,
                "roles": person.roles if person else [],
                "anchor": Markup(f"aff-{_clean_id(key)}" if key else "aff-auteur-non-precise"),
                "claims": [],
            }
        groups[key]["claims"].append(c)
    return [g for k, g in groups.items() if k] + ([groups[""]] if "" in groups else [])


def _context(view: ArticleView, kb: Any, site_name: str, prefix: str = "") -> dict[str, Any]:
    f = view.facts
    people = _person_index(f)

    # quotes grouped by speaker (order of first appearance), unattributed last
    groups: dict[str, dict[str, Any]] = {}
    for q in f.quotes:
        key = q.speaker_id or q.speaker or ""
        if key not in groups:
            person = people.get(q.speaker_id) if q.speaker_id else None
            name = person.name if person else q.speaker
            groups[key] = {
                "name": name,
                "person": person,
                "roles": person.roles if person else [],
                "anchor": Markup(f"cit-{_clean_id(key)}" if key else "cit-locuteur-non-precise"),
                "quotes": [],
            }
        groups[key]["quotes"].append(q)
    quote_groups = [g for k, g in groups.items() if k] + ([groups[""]] if "" in groups else [])

    # claims by person
    claims_by_person: dict[str, list[Any]] = {}
    quotes_by_person: dict[str, list[Any]] = {}
    for c in f.claims:
        if c.who_id:
            claims_by_person.setdefault(c.who_id, []).append(c)
    for q in f.quotes:
        if q.speaker_id:
            quotes_by_person.setdefault(q.speaker_id, []).append(q)

    porder = {p.id: i for i, p in enumerate(f.article.paragraphs)}
    events = sorted(
        f.events, key=lambda e: (_sort_key(e.date), porder.get(e.source.paragraph, 10**6), e.source.start)
    )

    # legal references grouped by knowledge entry (or alone when not identified)
    legal_groups: dict[str, dict[str, Any]] = {}
    for lg in f.legal:
        key = f"kb:{lg.knowledge_id}" if lg.knowledge_id else f"ref:{lg.id}"
        g = legal_groups.get(key)
        if g is None:
            entry = _view_kb(_kb_get(kb, lg.knowledge_id))
            title = (entry or {}).get("official_title") or lg.instrument or lg.mention
            g = legal_groups[key] = {
                "anchor": Markup("jur-" + _clean_id(lg.knowledge_id or lg.id)),
                "title": title,
                "instrument": lg.instrument,
                "knowledge_id": lg.knowledge_id,
                "kb": entry,
                "refs": [],
            }
        g["refs"].append(lg)
        if not g["instrument"] and lg.instrument:
            g["instrument"] = lg.instrument
    legal_rows = list(legal_groups.values())

    since = _since(kb, f)

    counts = [
        (label, n, Markup(page))
        for label, n, page in [
            ("citations", len(f.quotes), "citations.md"),
            ("affirmations attribuées", len(f.claims), "affirmations.md"),
            ("événements datés", len(f.events), "chronologie.md"),
            ("personnes", len(f.people), "acteurs.md#personnes"),
            ("organisations", len(f.organisations), "acteurs.md#organisations"),
            ("lieux", len(f.places), "acteurs.md#lieux"),
            ("références juridiques", len(f.legal), "contexte-juridique.md"),
            ("paragraphes", len(f.article.paragraphs), "texte-source.md"),
        ]
    ]

    return {
        "mark": Markup(GENERATED_MARK),
        "site_name": site_name,
        "view": view,
        "a": f.article,
        "f": f,
        "slug": view.slug,
        "prefix": prefix,
        "src": _fact_link_fn(view, prefix),
        "people": people,
        "quote_groups": quote_groups,
        "claims_by_person": claims_by_person,
        "quotes_by_person": quotes_by_person,
        "events": events,
        "legal_groups": legal_rows,
        "claim_groups": _claim_groups(f, people),
        "since": since,
        "counts": counts,
        "pages": _PAGES_M,
        "idx": view.idx,
        "render_paragraph": lambda pid: render_paragraph(view.idx, pid),
        "anchor_of": lambda pid: Markup(_clean_id(pid)),
        "actor_anchor": lambda kind, eid: Markup(f"{kind}-{_clean_id(eid)}"),
        "cit_anchor": lambda key: Markup(f"cit-{_clean_id(key)}"),
        "aff_anchor": lambda key: Markup(f"aff-{_clean_id(key)}"),
        "pnum": lambda pid: pid[1:] if re.fullmatch(r"p\d+", pid) else pid,
        "in_sentence": lambda source: _in_sentence(f, source),
    }


# --------------------------------------------------------------------------- abbreviations

_ABBR_KEY = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9&.\-]{0,15}$")


def abbreviations(kb: Any = None) -> dict[str, str]:
    """Base set plus kb abbreviations (kb `abbreviations` mapping, or entries whose short name is a
    single acronym-like word). Base entries win."""
    out: dict[str, str] = {}
    raw = _attr(kb, "abbreviations") if kb is not None else None
    if callable(raw):
        try:
            raw = raw()
        except Exception:
            raw = None
    if isinstance(raw, dict):
        out.update({str(k): str(v) for k, v in raw.items() if v})
    elif isinstance(raw, (list, tuple)):
        for item in raw:
            k = _attr(item, "abbr") or _attr(item, "short") or _attr(item, "term")
            v = _attr(item, "expansion") or _attr(item, "title") or _attr(item, "long")
            if k and v:
                out[str(k)] = str(v)
    for entry in _kb_entries(kb):
        short, title = _attr(entry, "short_name"), _attr(entry, "official_title")
        if (isinstance(short, str) and isinstance(title, str) and " " not in short.strip()
                and sum(c.isupper() for c in short) >= 2 and short not in out):
            out[short.strip()] = title
    out.update(BASE_ABBREVIATIONS)
    return {k: v for k, v in sorted(out.items()) if _ABBR_KEY.match(k)}


def _abbr_line(key: str, title: str) -> str:
    # abbr puts the title in an attribute (escaped by Python-Markdown); keep it one line, no ']'.
    title = _WS.sub(" ", title).replace("]", ")").strip()
    return f"*[{key}]: {title}"


# --------------------------------------------------------------------------- dossier pages and exports

# Dossier-level pages (several articles): (file, template)
DOSSIER_PAGES: list[tuple[str, str]] = [
    ("chronologie.md", "dossier-chronologie.md.j2"),
    ("acteurs.md", "dossier-acteurs.md.j2"),
    ("contexte-juridique.md", "dossier-contexte-juridique.md.j2"),
]


def _with_slug(f: Facts, slug: str) -> Facts:
    if f.article.slug == slug:
        return f
    return f.model_copy(update={"article": f.article.model_copy(update={"slug": slug})})


def _dossier_context(views: list[ArticleView], d: Dossier, kb: Any) -> dict[str, Any]:
    """Template context of the dossier pages: merged items with links into each article's pages."""
    by_slug = {v.slug: v for v in views}
    links = {v.slug: _fact_link_fn(v, f"{v.slug}/") for v in views}

    def src(slug: str, kind: str, key: str, source: Source | None) -> Markup:
        return links[slug](kind, key, source) if slug in links else Markup("")

    actor_prefix = {"person": "pers", "org": "org", "place": "lieu"}
    entity_ids = {e.id for kind in (d.people, d.organisations, d.places) for e in kind}
    events = []
    for e in d.events:
        events.append({
            "e": e,
            "anchor": Markup(_clean_id(e.id)),
            "sources": [{"s": s, "view": by_slug[s.slug]} for s in e.sources if s.slug in by_slug],
            "conflicts": [x for x in d.events if x.id in e.conflict_with],
        })
    legal = []
    for g in d.legal:
        legal.append({"g": g, "anchor": Markup(_clean_id(g.id)), "kb": _view_kb(_kb_get(kb, g.knowledge_id)),
                      "refs": [{"r": r.ref, "view": by_slug[r.slug]} for r in g.refs if r.slug in by_slug]})
    dated = [v.sort_date for v in views if v.sort_date]
    return {
        "dossier": d,
        "by_slug": by_slug,
        "dsrc": src,
        "dsrc_for": lambda slug: links[slug],
        "dossier_events": events,
        "dossier_legal": legal,
        "actor_link": lambda slug, kind, eid: Markup(f"{slug}/acteurs.md#{actor_prefix[kind]}-{_clean_id(eid)}"),
        "entity_anchor": lambda ent: Markup(_clean_id(ent.id)) if ent.id in entity_ids else Markup(""),
        "outlets": sorted({v.facts.article.outlet for v in views if v.facts.article.outlet}),
        "published_span": (min(dated), max(dated)) if dated else None,
    }


# --------------------------------------------------------------------------- nav

def _nav_yaml(views: list[ArticleView], site_name: str, merged: bool) -> str:
    nav: list[Any] = [{"Accueil du dossier": "index.md"}]
    if merged:
        nav.append({"Chronologie du dossier": "chronologie.md"})
        nav.append({"Acteurs du dossier": "acteurs.md"})
        nav.append({"Contexte juridique du dossier": "contexte-juridique.md"})
    articles = [{_nav_title(v.facts.article.title): [{title: f"{v.slug}/{fname}"} for fname, title, _ in ARTICLE_PAGES]}
                for v in views]
    # A dossier's articles sit in one section: with Material's navigation.prune each page then
    # carries only the open article's pages, so page size and build time stay linear in N.
    nav += [{"Articles du dossier": articles}] if merged else articles
    doc = {"site_name": _nav_title(site_name), "nav": nav}
    header = (
        "# Généré par generator/render.py à chaque rendu : ne pas modifier.\n"
        "# mkdocs.yml l'inclut par INHERIT ; ce que mkdocs.yml définit l'emporte.\n"
    )
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)


def _nav_title(title: str) -> str:
    # MkDocs/Material print nav titles and site_name without escaping: escape here.
    t = _WS.sub(" ", _CTRL.sub("", str(title or ""))).strip() or "Sans titre"
    if len(t) > 120:
        t = t[:117] + "…"
    # Material prints it raw in text and attributes (aria-label="…"), and escaped in title="…":
    # escape only what is needed (< > " and & that would start a character reference), so the
    # tooltip of an ordinary title ("Tech&Co", "l'Arcom") is not shown double-escaped.
    t = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", t)
    return t.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# --------------------------------------------------------------------------- entry point

def site_articles(facts: list[Facts]) -> list[Facts]:
    """The articles as the site shows them, decided before the dossier merge links to their pages:
    each slug safe and unique as a docs/ folder name, articles in publication order."""
    seen: set[str] = set()
    out = []
    for f in facts:
        base = slug = _clean_slug(f.article.slug)
        n = 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        out.append(_with_slug(f, slug))
    return sorted(out, key=lambda f: (_article_date(f) or "9999", f.article.slug))


def default_site_name(articles: list[Facts]) -> str:
    """One article: its title; several: a dossier."""
    return articles[0].article.title if len(articles) == 1 else "Dossier de presse"


def render_docs(
    articles: list[Facts],
    dossier: Dossier,
    exported: Exports,
    docs_dir: Path,
    *,
    site_name: str,
    kb: KnowledgeBase | None = None,
    nav_file: Path | None = None,
) -> list[Path]:
    """Write the Markdown pages of `articles` (from `site_articles`), their merged `dossier` and the
    `exported` files into `docs_dir`; return the paths written (changed).

    Files are written atomically and only when their content changed. Pages generated by an
    earlier run for articles no longer in the dossier are removed (only files listed in the
    manifest `docs_dir/.briefing-generated.json`; hand-written files such as assets are never
    touched). The navigation goes to `nav_file` (default `docs_dir/../generated/nav.yml`)."""
    docs_dir = Path(docs_dir)
    nav_file = Path(nav_file) if nav_file else docs_dir.parent / "generated" / "nav.yml"
    env = _make_env()
    views = [_article_view(f) for f in articles]
    merged = len(views) > 1

    outputs: dict[Path, str] = {}
    for v in views:
        ctx = _context(v, kb, site_name)
        for fname, _title, tpl in ARTICLE_PAGES:
            outputs[docs_dir / v.slug / fname] = env.get_template(tpl).render(ctx)

    home_ctx = {
        "mark": Markup(GENERATED_MARK),
        "site_name": site_name,
        "views": views,
        "merged": merged,
        "pages": _PAGES_M,
        **_dossier_context(views, dossier, kb),
    }
    outputs[docs_dir / "index.md"] = env.get_template("home.md.j2").render(home_ctx)
    if merged:
        for fname, tpl in DOSSIER_PAGES:
            outputs[docs_dir / fname] = env.get_template(tpl).render(home_ctx)
    for rel, text in exported.files.items():
        outputs[docs_dir / rel] = text
    for rel, block in exported.jsonld.items():
        if docs_dir / rel in outputs:
            outputs[docs_dir / rel] += block

    abbr = abbreviations(kb)
    outputs[docs_dir / "includes" / "abbreviations.md"] = (
        "<!-- Glossaire généré par generator/render.py (extension abbr, ajouté à chaque page). -->\n\n"
        + "\n".join(_abbr_line(k, t) for k, t in abbr.items()) + "\n"
    )

    # every page staged beside its target, then all renamed in: a crash leaves docs/ as it was
    with AtomicBatch() as batch:
        for path, text in outputs.items():
            batch.add(path, text)
        batch.add(nav_file, _nav_yaml(views, site_name, merged))
    written = batch.written

    _remove_stale(docs_dir, set(outputs))
    return written


def _remove_stale(docs_dir: Path, current: set[Path]) -> None:
    manifest = docs_dir / MANIFEST_NAME
    rels = sorted(p.relative_to(docs_dir).as_posix() for p in current)
    old: list[str] = []
    if manifest.exists():
        try:
            old = list(json.loads(manifest.read_text(encoding="utf-8")).get("files", []))
        except (ValueError, AttributeError, OSError):
            old = []
    keep = set(rels)
    root = docs_dir.resolve()
    for rel in old:
        if rel in keep or not isinstance(rel, str) or rel.startswith("assets/"):
            continue
        path = (docs_dir / rel).resolve()
        if root not in path.parents or not path.is_file():
            continue
        try:
            head = path.read_text(encoding="utf-8")[:400]
        except (OSError, UnicodeDecodeError):
            continue
        if GENERATED_MARK not in head and "généré par generator/render.py" not in head.lower():
            continue  # edited by hand since: leave it
        path.unlink()
        parent = path.parent
        while parent != root and root in parent.parents and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    write_atomic(manifest, json.dumps({"files": rels}, ensure_ascii=False, indent=1) + "\n")


def load_dossier(facts_root: Path, slugs: Iterable[str] | None = None) -> list[Facts]:
    """Convenience: read `facts/<slug>/*.yaml` folders into Facts bundles."""
    from .model import FACT_FILES
    from .yamlio import load_yaml

    out = []
    dirs = [facts_root / s for s in slugs] if slugs else sorted(p for p in facts_root.iterdir() if p.is_dir())
    for d in dirs:
        if not (d / "article.yaml").exists():
            continue
        data: dict[str, Any] = {}
        for fname, (fld, model) in FACT_FILES.items():
            path = d / fname
            if not path.exists():
                continue
            many = fld not in ("article", "summary")
            data[fld] = load_yaml(path, model, many=many)
        data.setdefault("summary", {"lead": ""})
        out.append(Facts(**data))
    return out
