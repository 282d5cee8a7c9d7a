"""Render stage: French date labels, escaping, fact links, timeline order, stale-page cleanup."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from _render_sample import P, make_facts, render_pages
from generator.knowledge import KnowledgeBase, KnowledgeEntry
from generator.render.glossary import with_glossary
from generator.render import (
    ARTICLE_PAGES, abbreviations, build_span_index, french_date, md_text, render_docs, safe_url,
)

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- french_date

@pytest.mark.parametrize(
    ("iso", "precision", "approx", "label"),
    [
        ("2024-04-27", "day", False, "27 avril 2024"),
        ("2024-04-01", "day", False, "1er avril 2024"),
        ("2023-01", "month", False, "janvier 2023"),
        ("2023-08-15", "month", False, "août 2023"),   # never finer than the precision
        ("2022", "year", False, "2022"),
        ("2022-07-14", "year", False, "2022"),
        ("2024-04", "month", True, "vers avril 2024"),
        ("2024-12-25", "day", True, "vers 25 décembre 2024"),
        ("2024", "day", False, "2024"),                 # never finer than the ISO string
        ("2024-02", None, False, "février 2024"),
    ],
)
def test_french_date(iso, precision, approx, label):
    assert french_date(iso, precision, approx) == label


def test_french_date_garbage_is_returned_not_invented():
    assert french_date("hier", "day") == "hier"
    assert french_date(None, "day") == "date inconnue"


# ---------------------------------------------------------------- escaping

@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "[x](javascript:alert(1))", "![](http://evil/x.png)", "{{ 7*7 }}",
     "{% include 'x' %}", "# titre", "> citation", "- puce", "1. liste", "a | b | c", "*gras* _it_ `code`",
     "--8<-- \"/etc/passwd\"", "!!! warning", "*[HTML]: piège", "{: #id .cls }", "<!-- x -->", "&amp; &lt;"],
)
def test_md_text_neutralises(hostile):
    out = str(md_text(hostile))
    for ch in "<>[]()`*_{}#|!&":
        # every special character is a numeric reference; no raw one is left
        assert ch not in out.replace("&#", "").replace(";", "") or ch == "&" and "&#" in out
    assert "\n" not in out
    assert not re.match(r"\s*([#>\-+*]|\d+\.)", out)


def test_md_text_collapses_lines_and_indentation():
    assert str(md_text("a\n\n    b\tc")) == "a b c"


def test_safe_url_rejects_non_http():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("/relative") is None
    assert "<" not in str(safe_url('https://example.org/?q="><script>'))


# ---------------------------------------------------------------- pages

@pytest.fixture()
def rendered(tmp_path: Path):
    docs = tmp_path / "docs"
    written = render_pages([make_facts()], docs)
    return docs, written


def test_all_pages_written(rendered):
    docs, written = rendered
    for fname, _title, _tpl in ARTICLE_PAGES:
        assert (docs / "exemple-lille" / fname).is_file()
    assert (docs / "index.md").is_file()
    assert (docs / "includes" / "abbreviations.md").is_file()
    assert (docs.parent / "generated" / "nav.yml").is_file()
    assert set(written) >= {docs / "index.md", docs / "exemple-lille" / "texte-source.md"}


def test_second_render_writes_nothing(tmp_path: Path):
    docs = tmp_path / "docs"
    render_pages([make_facts()], docs)
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    assert render_pages([make_facts()], docs) == []
    assert mtimes == {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def test_no_raw_article_markup_in_markdown(rendered):
    docs, _ = rendered
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        # the only script allowed: our schema.org JSON-LD data block, whose JSON has no '<' at all
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            assert "<" not in block and ">" not in block
        text = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
        assert "<script" not in text
        assert "javascript:" not in text
        assert "{{" not in text and "{%" not in text
        assert "![img]" not in text


def _ids_in_source(docs: Path, slug: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"', (docs / slug / "texte-source.md").read_text(encoding="utf-8")))


def test_every_fact_link_points_to_an_id_in_texte_source(rendered):
    docs, _ = rendered
    ids = _ids_in_source(docs, "exemple-lille")
    links = []
    for fname, _t, _tpl in ARTICLE_PAGES:
        text = (docs / "exemple-lille" / fname).read_text(encoding="utf-8")
        links += re.findall(r"\]\(texte-source\.md#([^ )\"]+)", text)
    assert len(links) >= 15
    missing = [a for a in links if a not in ids]
    assert not missing


def test_every_fact_with_a_span_has_an_anchor_and_the_exact_words(rendered):
    facts = make_facts()
    idx = build_span_index(facts)
    for q in facts.quotes:
        span = idx.by_key[("quote", q.id)]
        assert P[span.paragraph][span.start:span.end] == q.text
    for e in facts.events:
        assert ("event", e.id) in idx.by_key
    # nested/overlapping spans: the person mention "elle" lies inside claim c-1 and key point 1
    segs = idx.segments("p2")
    elle = [cover for text, cover, _ in segs if text == "elle"][0]
    assert {s.anchor for s in elle} == {"c-1", "per-dupont-m2", "point-1"}
    # segments glue back to the paragraph
    for pid in P:
        assert "".join(t for t, _, _ in idx.segments(pid)) == P[pid]


def test_invalid_span_gets_no_anchor_but_paragraph_fallback():
    facts = make_facts()
    facts.quotes[0].source.end = 10_000
    idx = build_span_index(facts)
    assert ("quote", "q-1") not in idx.by_key
    assert idx.target("quote", "q-1", facts.quotes[0].source) == "p1"


def test_timeline_in_date_order(rendered):
    docs, _ = rendered
    text = (docs / "exemple-lille" / "chronologie.md").read_text(encoding="utf-8")
    dates = re.findall(r'datetime="([^"]+)"', text)
    dates = [d.replace("&#45;", "-") for d in dates]
    assert dates == ["2022", "2023-01", "2024-04", "2024-04-27"]
    labels = re.findall(r"<time[^>]*>([^<]+)</time>", text)
    assert labels == ["2022", "janvier 2023", "vers avril 2024", "27 avril 2024"]


def test_quotes_grouped_and_unattributed(rendered):
    docs, _ = rendered
    text = (docs / "exemple-lille" / "citations.md").read_text(encoding="utf-8")
    assert "## Marie Dupont { #cit-per-dupont }" in text
    assert "Locuteur non précisé par l'article" in text
    assert text.index("Marie Dupont {") < text.index("Locuteur non précisé")


def test_claims_page_has_allegation_warning(rendered):
    docs, _ = rendered
    text = (docs / "exemple-lille" / "affirmations.md").read_text(encoding="utf-8")
    assert "!!! warning" in text
    assert text.index("!!! warning") < text.index("bf-claim")
    assert "<strong>Marie Dupont</strong>" in text


def test_reference_date_is_said_as_such(tmp_path: Path):
    docs = tmp_path / "docs"
    render_pages([make_facts(published=None)], docs)
    text = (docs / "exemple-lille" / "index.md").read_text(encoding="utf-8")
    assert "Date de référence (déduite" in text and "28 avril 2024" in text


def test_removed_furniture_listed(rendered):
    docs, _ = rendered
    text = (docs / "exemple-lille" / "texte-source.md").read_text(encoding="utf-8")
    assert re.search(r"^(!!!|\?\?\?\+) note", text, re.M)
    assert "ALAIN JOCARD / AFP" in text


def test_stale_article_pages_removed_but_hand_files_kept(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "briefing.css").write_text("/* hand */", encoding="utf-8")
    render_pages([make_facts("a-un"), make_facts("a-deux")], docs)
    (docs / "a-deux" / "notes.md").write_text("à la main", encoding="utf-8")
    render_pages([make_facts("a-un")], docs)
    assert (docs / "a-un" / "index.md").exists()
    assert not (docs / "a-deux" / "index.md").exists()
    assert (docs / "a-deux" / "notes.md").exists()      # not generated: kept
    assert (docs / "assets" / "briefing.css").exists()
    assert not (docs / "chronologie.md").exists()        # merged pages only for several articles
    nav = (tmp_path / "generated" / "nav.yml").read_text(encoding="utf-8")
    assert "a-deux" not in nav


@pytest.mark.parametrize("old_mark", [
    "<!-- généré par briefing (generator/render.py) : ne pas modifier à la main -->",  # pages, before the split
    "<!-- Glossaire généré par generator/render.py (extension abbr, ajouté à chaque page). -->",
])
def test_stale_pages_of_an_earlier_version_are_recognised_by_their_old_mark(tmp_path: Path, old_mark: str):
    docs = tmp_path / "docs"
    render_pages([make_facts("a-un"), make_facts("a-deux")], docs)
    old_page, edited = docs / "a-deux" / "index.md", docs / "a-deux" / "citations.md"
    old_page.write_text(old_mark + "\n\n# Ancienne synthèse\n", encoding="utf-8")
    edited.write_text("# Citations, récrites à la main\n", encoding="utf-8")  # mark removed: now the user's
    render_pages([make_facts("a-un")], docs)
    assert not old_page.exists() and edited.exists()


def test_nav_order_and_escaped_titles(rendered):
    docs, _ = rendered
    nav = (docs.parent / "generated" / "nav.yml").read_text(encoding="utf-8")
    titles = re.findall(r"^  - ([^:]+): exemple-lille/", nav, re.M)
    assert titles == ["Synthèse", "Chronologie", "Citations", "Acteurs", "Qui affirme quoi",
                      "Contexte juridique", "Texte source"]
    assert "<b>" not in nav and "&lt;b&gt;" in nav


def _kb(*entries: dict) -> KnowledgeBase:
    return KnowledgeBase([KnowledgeEntry(**e) for e in entries])


def test_glossary_comes_only_from_the_knowledge_base():
    assert abbreviations(None) == {}  # no hand-written expansion, not even of a well-known acronym
    kb = _kb({"id": "loi-x", "kind": "law", "official_title": "Loi n° 2030-1 du 2 janvier 2030 sur les exemples",
              "short_name": "Loi EXEMPLE", "sources": [{"url": "https://www.legifrance.gouv.fr/x"}]},
             {"id": "aut-x", "kind": "regulator", "official_title": "Autorité des essais (ADE)", "short_name": "ADE"},
             {"id": "evt", "kind": "event", "official_title": "Un fait", "short_name": "FAIT"})
    got = abbreviations(kb)
    assert got == {"ADE": "Autorité des essais", "EXEMPLE": "Loi n° 2030-1 du 2 janvier 2030 sur les exemples"}


def test_glossary_page_lists_the_base_abbreviations(tmp_path: Path):
    kb = _kb({"id": "aut-x", "kind": "regulator", "official_title": "Autorité des essais [bis]", "short_name": "ADE"})
    render_pages([make_facts()], tmp_path / "docs", kb=kb)
    text = (tmp_path / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    (line,) = text.splitlines()[2:]
    term, expansion = line.split(": ", 1)
    assert term == "*[ADE]" and expansion.startswith("Autorité des essais") and "]" not in expansion


def test_each_page_carries_only_the_glossary_lines_it_uses(tmp_path: Path):
    kb = _kb({"id": "aut-x", "kind": "regulator", "official_title": "Autorité des essais", "short_name": "ADE"},
             {"id": "aut-y", "kind": "regulator", "official_title": "Office des mesures", "short_name": "ODM"})
    abbrs = abbreviations(kb)
    page = "# Titre\n\nL'ADE a saisi le juge ; l'ADEX et « ODMS » ne sont pas des sigles du glossaire.\n"
    assert with_glossary(page, abbrs).endswith("\n\n*[ADE]: Autorité des essais\n")
    assert with_glossary("# Titre\n\nRien ici.\n", abbrs) == "# Titre\n\nRien ici.\n"
    facts = make_facts()
    render_pages([facts], tmp_path / "docs", kb=kb)
    for md in (tmp_path / "docs" / facts.article.slug).glob("*.md"):
        assert "*[ODM]" not in md.read_text(encoding="utf-8")  # no page of this article says ODM


def test_legal_page_writes_the_base_as_html_with_glossary_tooltips(tmp_path: Path):
    kb = _kb({"id": "loi-2023-566-majorite-numerique", "kind": "law", "official_title": "Loi n° 2023-566",
              "summary": "L'ADE contrôle <b>ces</b> règles.", "key_provisions": ["Saisine de l'ADE"],
              "sources": [{"url": "https://www.legifrance.gouv.fr/x"}]},
             {"id": "aut-x", "kind": "regulator", "official_title": "Autorité des essais", "short_name": "ADE"})
    docs = tmp_path / "docs"
    render_pages([make_facts()], docs, kb=kb)
    text = (docs / "exemple-lille" / "contexte-juridique.md").read_text(encoding="utf-8")
    block = text[text.index('<div class="admonition info">'):]
    block = block[:block.index("</div>")]
    assert '<p class="admonition-title">' in block and "!!!" not in block
    assert "<p>L'<abbr title=\"Autorité des essais\">ADE</abbr> contrôle &#60;b&#62;ces" in block
    assert "<li>Saisine de l'<abbr title=\"Autorité des essais\">ADE</abbr></li>" in block


def test_legal_page_uses_only_kb_and_article(tmp_path: Path):
    kb = _kb(
        {"id": "loi-2023-566-majorite-numerique", "kind": "law", "official_title": "Loi n° 2023-566 du 7 juillet 2023",
         "short_name": "Loi majorité numérique", "summary": "Résumé <i>sourcé</i>.",
         "key_provisions": ["Disposition A", "Disposition B"], "status": "En vigueur",
         "sources": [{"url": "https://www.legifrance.gouv.fr/x", "excerpt": "…"}, {"url": "javascript:alert(1)"}]},
        {"id": "evenement-apres", "kind": "event", "official_title": "Un événement postérieur",
         "summary": "Après.", "dates": {"fait": "2024-06-25"}, "concerns": ["marie dupont"]},
        {"id": "evenement-avant", "kind": "event", "official_title": "Un événement antérieur",
         "summary": "Avant.", "dates": {"fait": "2024-04-20"}, "concerns": ["Marie Dupont"]},
    )
    docs = tmp_path / "docs"
    render_pages([make_facts()], docs, kb=kb)
    text = (docs / "exemple-lille" / "contexte-juridique.md").read_text(encoding="utf-8")
    assert "Disposition B" in text and "legifrance" in text and "javascript:" not in text
    assert "&#60;i&#62;sourcé" in text
    assert "Depuis l'article" in text and "Ne provient pas de l'article" in text
    assert "25 juin 2024" in text and "Un événement postérieur" in text
    assert "Un événement antérieur" not in text  # before the article (2024-04-28): not a development


def _development_shown(tmp_path: Path, **entry: object) -> bool:
    """Whether the article's legal page shows, under "Depuis l'article", an entry dated after it."""
    kb = _kb({"id": "x-apres", "official_title": "Un fait postérieur", "summary": "Après.",
              "dates": {"fait": "2024-06-25"}, **entry})
    render_pages([make_facts()], tmp_path / "docs", kb=kb)
    text = (tmp_path / "docs" / "exemple-lille" / "contexte-juridique.md").read_text(encoding="utf-8")
    return "Un fait postérieur" in text


@pytest.mark.parametrize("entry, shown", [
    ({"kind": "event", "concerns": ["Marie Dupont"]}, True),        # a person of the article
    ({"kind": "office", "concerns": ["l’ARCOM"]}, False),            # not the name the article gives
    ({"kind": "office", "concerns": ["ARCOM", "Autre"]}, True),      # an organisation, folded alike
    ({"kind": "event", "concerns": ["Jean Martin"]}, False),         # another affair's event
    ({"kind": "event"}, False),                                      # concerns nobody: never shown
    ({"kind": "law"}, False),                                        # a law the article does not cite
    ({"kind": "law", "id": "loi-2023-566-majorite-numerique"}, True),  # a law it cites
])
def test_a_development_is_shown_only_on_an_article_it_relates_to(tmp_path: Path, entry, shown):
    assert _development_shown(tmp_path, **entry) is shown


# ---------------------------------------------------------------- what render receives

def test_site_articles_give_safe_unique_slugs_in_publication_order():
    from generator.render import site_articles

    facts = [make_facts("Assets", published="2024-05-02"), make_facts("été/2024", published="2024-04-01"),
             make_facts("ete-2024", published=None), make_facts("été/2024", published="2023-12-31")]
    got = [(f.article.slug, f.article.published or f.article.reference_date) for f in site_articles(facts)]
    # "Assets" would take docs/assets/; two articles may not share a folder; undated by reference date
    assert got == [("ete-2024-3", "2023-12-31"), ("ete-2024", "2024-04-01"), ("ete-2024-2", "2024-04-28"),
                   ("article-assets", "2024-05-02")]


def test_render_prints_the_dossier_it_is_given(tmp_path: Path):
    """Render merges nothing itself: the dossier pages show the merge they receive."""
    from generator.dossier import build_dossier
    from generator.exports import make_exports
    from generator.render import render_docs, site_articles

    articles = site_articles([make_facts(), make_facts("second", published="2024-05-02", title="Second")])
    dossier = build_dossier(articles)
    kept = dossier.model_copy(update={"events": [e for e in dossier.events if e.precision == "year"]})
    render_docs(articles, kept, make_exports(articles, kept, "Dossier"), tmp_path / "docs", site_name="Dossier")
    chrono = (tmp_path / "docs" / "chronologie.md").read_text(encoding="utf-8")
    assert "L&#39;Arcom est saisie" in chrono or "L'Arcom est saisie" in chrono
    assert "Marie Dupont dénonce" not in chrono and "Marie Dupont dénonce" in (
        tmp_path / "docs" / "exemple-lille" / "chronologie.md").read_text(encoding="utf-8")


def test_render_in_two_processes_writes_the_serial_pages(tmp_path):
    """The facts read and the article pages rendered by a forked helper (generator/forked.py) are
    the ones one process makes, byte for byte."""
    from generator.dossier import build_dossier
    from generator.exports import make_exports
    from generator.render import default_site_name, site_articles
    from generator.store import read_all

    serial_facts, parallel_facts = read_all(ROOT / "facts"), read_all(ROOT / "facts", parallel=True)
    assert len(serial_facts) >= 4 and parallel_facts == serial_facts
    articles = site_articles(serial_facts)
    dossier, name = build_dossier(articles), default_site_name(articles)
    exported = make_exports(articles, dossier, name)
    for parallel in (False, True):
        render_docs(articles, dossier, exported, tmp_path / str(parallel), site_name=name, parallel=parallel)
    one = {p.relative_to(tmp_path / "False"): p.read_bytes() for p in (tmp_path / "False").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "True"): p.read_bytes() for p in (tmp_path / "True").rglob("*") if p.is_file()}
    assert len(one) >= len(articles) * 7 and one == two


def test_a_broken_fact_file_read_by_the_helper_is_the_serial_error(tmp_path):
    from generator.errors import BriefingError
    from generator.store import read_all

    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", facts)
    last = sorted(d for d in facts.iterdir() if (d / "article.yaml").exists())[-1]
    (last / "quotes.yaml").write_text("- id: q-1\n  text: [unclosed\n", encoding="utf-8")
    errors = []
    for parallel in (False, True):
        with pytest.raises(BriefingError) as exc:
            read_all(facts, parallel=parallel)
        errors.append(str(exc.value))
    assert "quotes.yaml" in errors[0] and errors[1] == errors[0]
