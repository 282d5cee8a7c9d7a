"""A small hand-made French article and its facts, for render/site tests (hostile text included)."""

from __future__ import annotations

from pathlib import Path

from generator.dossier import build_dossier
from generator.exports import make_exports
from generator.model import (
    Article, Claim, Event, Facts, LegalRef, Mention, Organisation, Paragraph, Person, Place,
    Quote, Removed, Source, Summary, SummarySentence,
)

P = {
    "p1": "Marie Dupont, maire de Lille, a dénoncé samedi 27 avril 2024 « une décision <script>alert(1)</script> inacceptable », a-t-elle déclaré.",
    "p2": "Selon elle, le site [x](javascript:alert(1)) aurait favorisé {{ 7*7 }} la fraude depuis janvier 2023, ce que l'entreprise conteste.",
    "p3": "# Titre piégé * _ ` | > - 1. En 2022, l'Arcom avait été saisie, rappelle l'AFP, en vertu de la loi du 7 juillet 2023.",
    "p4": "Vers avril 2024, « la situation est devenue intenable », avait glissé un proche du dossier. ![img](http://evil.example/x.png)",
}


def src(pid: str, needle: str, nth: int = 0) -> Source:
    text = P[pid]
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Source(paragraph=pid, start=start, end=start + len(needle))


def make_facts(slug: str = "exemple-lille", *, published: str | None = "2024-04-28", title: str | None = None) -> Facts:
    article = Article(
        slug=slug,
        title=title or "La maire de Lille <b>dénonce</b> [une décision](javascript:alert(1)) {{ 7*7 }}",
        outlet="Le Quotidien *du Nord*",
        published=published,
        reference_date=None if published else "2024-04-28",
        reference_basis="" if published else "date du fichier source",
        source_url="https://example.org/article?id=1&x=<y>",
        paragraphs=[Paragraph(id=k, text=v) for k, v in P.items()],
        removed=[Removed(text="Partager sur X <img src=x onerror=alert(1)>", reason="boutons de partage"),
                 Removed(text="ALAIN JOCARD / AFP", reason="crédit photo")],
    )
    q1_text = "une décision <script>alert(1)</script> inacceptable"
    q2_text = "la situation est devenue intenable"
    return Facts(
        article=article,
        people=[Person(id="per-dupont", name="Marie Dupont", roles=["maire de Lille"],
                       mentions=[Mention(text="Marie Dupont", source=src("p1", "Marie Dupont")),
                                 Mention(text="elle", source=src("p2", "elle"))])],
        organisations=[Organisation(id="org-arcom", name="Arcom", mentions=[Mention(text="l'Arcom", source=src("p3", "l'Arcom"))]),
                       Organisation(id="org-afp", name="AFP", mentions=[Mention(text="AFP", source=src("p3", "AFP"))])],
        places=[Place(id="pl-lille", name="Lille", mentions=[Mention(text="Lille", source=src("p1", "Lille"))])],
        quotes=[
            Quote(id="q-1", text=q1_text, speaker="Marie Dupont", speaker_id="per-dupont", cue="a dénoncé",
                  source=src("p1", q1_text), context=P["p1"]),
            Quote(id="q-2", text=q2_text, speaker=None, cue="avait glissé", source=src("p4", q2_text)),
        ],
        claims=[
            # nests the person mention "elle" and overlaps the event span below
            Claim(id="c-1", who="Marie Dupont", who_id="per-dupont", kind="indirect", cue="Selon",
                  what="le site [x](javascript:alert(1)) aurait favorisé {{ 7*7 }} la fraude depuis janvier 2023",
                  source=src("p2", "Selon elle, le site [x](javascript:alert(1)) aurait favorisé {{ 7*7 }} la fraude depuis janvier 2023")),
        ],
        events=[
            Event(id="e-3", date="2024-04", precision="month", approximate=True, date_text="Vers avril 2024",
                  text="« la situation est devenue intenable »", source=src("p4", "Vers avril 2024")),
            Event(id="e-1", date="2024-04-27", precision="day", date_text="samedi 27 avril 2024",
                  text="Marie Dupont dénonce une décision.", source=src("p1", "samedi 27 avril 2024")),
            Event(id="e-2", date="2023-01", precision="month", date_text="depuis janvier 2023",
                  text="Début de la fraude alléguée <script>x</script>.", source=src("p2", "la fraude depuis janvier 2023")),
            Event(id="e-0", date="2022", precision="year", date_text="En 2022",
                  text="L'Arcom est saisie.", source=src("p3", "En 2022")),
        ],
        legal=[LegalRef(id="l-1", mention="la loi du 7 juillet 2023",
                        instrument="Loi n° 2023-566 du 7 juillet 2023", knowledge_id="loi-2023-566-majorite-numerique",
                        source=src("p3", "la loi du 7 juillet 2023"))],
        summary=Summary(lead=P["p1"], lead_source=Source(paragraph="p1", start=0, end=len(P["p1"])),
                        key_points=[SummarySentence(text=P["p2"], source=Source(paragraph="p2", start=0, end=len(P["p2"])))]),
    )


def render_pages(facts: list[Facts], docs: Path, kb=None) -> list[Path]:
    """What the pipeline does around the render stage: merge the dossier, make the exports, render."""
    from generator.render import default_site_name, render_docs, site_articles

    articles = site_articles(facts)
    dossier, name = build_dossier(articles, kb), default_site_name(articles)
    exported = make_exports(articles, dossier, name)
    return render_docs(articles, dossier, exported, docs, site_name=name, kb=kb)


def sample_project(folder: Path, slugs: list[str]) -> Path:
    """A project in `folder` (the repository's mkdocs.yml and assets) whose docs/ hold one sample
    article per slug, one day apart from 1 March 2024: ready for `mkdocs build`."""
    import datetime as dt
    import shutil

    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(root / "docs" / "assets", folder / "docs" / "assets")
    facts = [make_facts(slug, published=(dt.date(2024, 3, 1) + dt.timedelta(days=i)).isoformat(),
                        title=f"Article {slug}") for i, slug in enumerate(slugs)]
    render_pages(facts, folder / "docs")
    return folder
