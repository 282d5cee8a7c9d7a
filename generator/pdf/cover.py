"""The cover and the table of contents of a PDF: title, sources with their dates, and the date the
facts stand at — the latest article's date, not the day of the run, so the same facts print the
same document on any day."""

from __future__ import annotations

import html
import re

from ..model import Article
from ..partialdate import PartialDate
from ..render.labels import french_date

Source = tuple[str, Article | None]  # (title in the site, the article's facts when known)


def facts_date(sources: list[Source]) -> PartialDate | None:
    """The latest date of the document's articles (publication, else reference date), or None."""
    dates = []
    for _title, art in sources:
        value = (art.published or art.reference_date) if art is not None else None
        if value:
            try:
                dates.append(PartialDate.coerce(value))
            except ValueError:
                pass  # not a date: says nothing about when the facts stand
    return max(dates) if dates else None


def _date_line(article: Article | None) -> str:
    if article is None:
        return ""
    if article.published:
        return f"publié le {french_date(article.published)}"
    if article.reference_date:
        return f"sans date de publication (date de référence déduite : {french_date(article.reference_date)})"
    return "date de publication inconnue"


def _source_item(fallback_title: str, art: Article | None) -> str:
    e = html.escape
    t = art.title if art is not None else fallback_title
    meta = " · ".join(x for x in [(art.outlet if art is not None and art.outlet else "média non précisé"),
                                   _date_line(art)] if x)
    url = art.source_url if art is not None else None
    url_html = (f'<br><a class="pdf-src-url" href="{e(url, quote=True)}">{e(url)}</a>'
                if url and re.match(r"https?://", url) else "")
    return f'<li><span class="pdf-src-title">{e(t)}</span><br><span class="pdf-src-meta">{e(meta)}</span>{url_html}</li>'


def cover(title: str, kicker: str, sources: list[Source], site_url: str) -> str:
    e = html.escape
    items = [_source_item(t, art) for t, art in sources]
    online = (f' Version en ligne : <a href="{e(site_url, quote=True)}">{e(site_url)}</a>.'
              if site_url.startswith(("http://", "https://")) else "")
    date = facts_date(sources)
    as_of = f"État au {e(date.label())} (date de l'article le plus récent). " if date else ""
    return (
        '<section class="pdf-cover">'
        f'<p class="pdf-kicker">{e(kicker)}</p>'
        f'<h1 class="pdf-title">{e(title)}</h1>'
        f'<h2>Source{"s" if len(items) > 1 else ""}</h2><ol>{"".join(items)}</ol>'
        f'<p class="pdf-generated">{as_of}Document généré par briefing : chaque fait renvoie aux mots '
        f'exacts de l\'article ; les affirmations restent attribuées à leurs auteurs.{online}</p>'
        '</section>'
    )


def toc(entries: list[tuple[int, str, str]]) -> str:
    e = html.escape
    lis = "".join(f'<li class="pdf-toc-{lvl}"><a href="#{e(anchor, quote=True)}">{e(label)}</a></li>'
                  for lvl, label, anchor in entries)
    return f'<nav class="pdf-toc"><h1 id="pdf-sommaire">Sommaire</h1><ul>{lis}</ul></nav>'


def created_meta(sources: list[Source]) -> str:
    """The PDF's creation date metadata: the facts' date too (none when no article is dated)."""
    date = facts_date(sources)
    return f'<meta name="dcterms.created" content="{date.iso}">' if date else ""


