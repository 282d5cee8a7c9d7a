"""Legal context of the dossier: the legal references of every article, grouped by `knowledge_id`
(or by the instrument / mention when the knowledge base does not know them)."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..model import Facts
from ..text import fold, slugify
from .names import org_key
from .views import LegalSource, MergedLegal

def merge_legal(bundles: list[Facts], kb: KnowledgeBase | None = None) -> list[MergedLegal]:
    groups: dict[str, MergedLegal] = {}
    for f in bundles:
        for lg in f.legal:
            key = f"kb:{lg.knowledge_id}" if lg.knowledge_id else "ref:" + org_key(lg.instrument or lg.mention)
            g = groups.get(key)
            if g is None:
                entry = kb.get(lg.knowledge_id) if lg.knowledge_id and kb is not None else None
                title = entry.official_title if entry is not None else None
                anchor = slugify(lg.knowledge_id or lg.instrument or lg.mention)
                g = groups[key] = MergedLegal(id=f"jur-{anchor or len(groups) + 1}", knowledge_id=lg.knowledge_id,
                                              title=title or lg.instrument or lg.mention, instrument=lg.instrument)
            if not g.instrument and lg.instrument:
                g.instrument = lg.instrument
            g.refs.append(LegalSource(slug=f.article.slug, ref=lg))
    return sorted(groups.values(), key=lambda g: (-len(g.slugs), g.knowledge_id is None, fold(g.title)))
