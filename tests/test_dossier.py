"""Dossier merges: one event from two articles, conflicting dates, one person under two name forms."""

from __future__ import annotations

from generator.dossier import build_dossier, merge_entities, merge_events, same_org, same_person
from generator.model import Article, Event, Facts, Organisation, Paragraph, Person, Quote, Source, Summary


def bundle(slug: str, text: str, *, events=(), people=(), orgs=(), quotes=(), outlet="Média", published="2024-05-02"):
    """A Facts bundle over one paragraph; each fact's span is where its words are in `text`."""

    def src(words: str) -> Source:
        start = text.index(words)
        return Source(paragraph="p1", start=start, end=start + len(words))

    article = Article(slug=slug, title=f"Article {slug}", outlet=outlet, published=published,
                      paragraphs=[Paragraph(id="p1", text=text)])
    return Facts(
        article=article,
        events=[Event(id=f"e{i}", date=d, precision=p, date_text=dt, text=t, source=src(dt))
                for i, (d, p, dt, t) in enumerate(events, 1)],
        people=[Person(id=f"per-{i}", name=n, roles=list(r)) for i, (n, r) in enumerate(people, 1)],
        organisations=[Organisation(id=f"org-{i}", name=n) for i, n in enumerate(orgs, 1)],
        quotes=[Quote(id=f"q{i}", text=q, speaker=sp, speaker_id=sid, source=src(q)) for i, (q, sp, sid) in enumerate(quotes, 1)],
        summary=Summary(lead=text),
    )


A_TEXT = ("Le 3 mars 2024, la préfète de la Somme a ordonné la fermeture du marché couvert d'Abbeville "
          "après l'effondrement d'une partie de la toiture. « Personne n'a été blessé », a dit Claire Vasseur. "
          "En 2021, la commune avait voté des travaux de rénovation de la halle.")
B_TEXT = ("La fermeture du marché couvert d'Abbeville a été ordonnée par la préfète dimanche 3 mars, "
          "une partie de la toiture s'étant effondrée. Vasseur, adjointe au maire, a rappelé que « la halle sera rouverte ».")
C_TEXT = ("Le 4 mars 2024, la préfète de la Somme a ordonné la fermeture du marché couvert d'Abbeville "
          "après l'effondrement d'une partie de la toiture.")

A = bundle("a-courrier", A_TEXT, outlet="Le Courrier picard", events=[
    ("2024-03-03", "day", "Le 3 mars 2024", "la préfète de la Somme a ordonné la fermeture du marché couvert d'Abbeville après l'effondrement d'une partie de la toiture"),
    ("2021", "year", "En 2021", "la commune avait voté des travaux de rénovation de la halle"),
], people=[("Claire Vasseur", ())], quotes=[("Personne n'a été blessé", "Claire Vasseur", "per-1")])
B = bundle("b-journal", B_TEXT, outlet="Le Journal d'Abbeville", events=[
    ("2024-03-03", "day", "dimanche 3 mars", "La fermeture du marché couvert d'Abbeville a été ordonnée par la préfète dimanche 3 mars, une partie de la toiture s'étant effondrée"),
], people=[("Vasseur", ("adjointe au maire",))], quotes=[("la halle sera rouverte", "Vasseur", "per-1")])
C = bundle("c-radio", C_TEXT, outlet="Radio Somme", events=[
    ("2024-03-04", "day", "Le 4 mars 2024", "la préfète de la Somme a ordonné la fermeture du marché couvert d'Abbeville après l'effondrement d'une partie de la toiture"),
])


def test_same_event_in_two_articles_is_one_item_with_both_sources():
    events = merge_events([A, B])
    march = [e for e in events if e.date == "2024-03-03"]
    assert len(march) == 1
    assert [(s.slug, s.event_id) for s in march[0].sources] == [("a-courrier", "e1"), ("b-journal", "e1")]
    assert not march[0].conflict
    assert len(events) == 2  # the 2021 vote stays on its own


def test_different_dates_for_the_same_event_are_flagged_not_merged():
    events = merge_events([A, C])
    closing = [e for e in events if e.date in ("2024-03-03", "2024-03-04")]
    assert len(closing) == 2                       # never silently merged
    assert all(e.conflict for e in closing)
    a, c = sorted(closing, key=lambda e: e.date)
    assert a.conflict_with == [c.id] and c.conflict_with == [a.id]
    assert [s.slug for s in a.sources] == ["a-courrier"] and [s.slug for s in c.sources] == ["c-radio"]
    assert not [e for e in events if e.date == "2021"][0].conflict


def test_events_of_one_article_are_never_merged_or_flagged_together():
    text = "En janvier 2023, deux hommes ont été arrêtés pour des faits commis en juillet 2022 sur le site."
    one = bundle("solo", text, events=[
        ("2023-01", "month", "En janvier 2023", text), ("2022-07", "month", "en juillet 2022", text)])
    events = merge_events([one])
    assert len(events) == 2 and not any(e.conflict for e in events)


def test_one_person_under_two_name_forms_is_merged_with_roles_and_quotes_of_each_article():
    d = build_dossier([A, B])
    vasseur = [p for p in d.people if "Vasseur" in p.name]
    assert len(vasseur) == 1
    p = vasseur[0]
    assert p.name == "Claire Vasseur" and p.variants == ["Vasseur"]
    assert [(r.role, r.slugs) for r in p.roles] == [("adjointe au maire", ["b-journal"])]
    assert sorted(m.slug for m in p.members) == ["a-courrier", "b-journal"]
    assert sorted((q.slug, q.quote.text) for q in p.quotes) == [
        ("a-courrier", "Personne n'a été blessé"), ("b-journal", "la halle sera rouverte")]


def test_name_rules_are_general():
    assert same_person("Roussel", "Fabien Roussel") and same_person("F. Roussel", "Fabien Roussel")
    assert same_person("Jean-Luc Mélenchon", "jean luc melenchon") and same_person("M. Durand", "Paul Durand")
    assert not same_person("Fabien", "Fabien Roussel")           # a first name alone is not a surname
    assert not same_person("Marie Roussel", "Fabien Roussel")
    assert same_org("coco.gg", "Coco.gg") and same_org("Coco", "Coco.gg")
    assert same_org("Grande Synthe", "Grande-Synthe") and same_org("le parquet de Paris", "Parquet de Paris")
    assert same_org("PCF", "Parti communiste français")
    assert not same_org("Coco.fr", "Coco.gg") and not same_org("Arcom", "CNIL")


def test_short_form_fitting_two_people_stays_apart():
    x = bundle("x", "Paul Martin et Anne Martin.", people=[("Paul Martin", ()), ("Anne Martin", ())])
    y = bundle("y", "Martin a parlé.", people=[("Martin", ())])
    names = sorted(p.name for p in merge_entities([x, y], "person"))
    assert names == ["Anne Martin", "Martin", "Paul Martin"]


def test_organisations_merge_under_the_most_complete_name():
    x = bundle("x", "coco.gg et Coco.", orgs=["coco.gg"])
    y = bundle("y", "Coco.gg encore.", orgs=["Coco.gg"])
    z = bundle("z", "Coco fermé.", orgs=["Coco"])
    orgs = merge_entities([x, y, z], "org")
    assert len(orgs) == 1 and orgs[0].name == "Coco.gg" and orgs[0].slugs == ["x", "y", "z"]


def test_dossier_span_and_sources():
    d = build_dossier([A, B, C])
    assert [a.slug for a in d.articles] == ["a-courrier", "b-journal", "c-radio"]
    assert d.first_date == "2021" and d.last_date == "2024-05-02"
    assert len(d.conflicts) == 2


def test_dossier_pages_do_not_depend_on_the_hash_seed(tmp_path):
    """Name variants are ordered deterministically, so an unchanged dossier rewrites no page."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    pages = []
    for seed in ("1", "2"):
        docs = tmp_path / seed / "docs"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "generator", "render", "--docs", str(docs), "-q"],
                              cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        pages.append((docs / "acteurs.md").read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert "\n- **Arcom**" in pages[0]  # one list item per line, not glued to the previous one
