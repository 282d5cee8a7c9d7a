"""Machine-readable exports: facts.json, TimelineJS timeline.json (partial dates stay partial), schema.org JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from _render_sample import make_facts, render_pages

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("exports") / "docs"
    render_pages([make_facts(), make_facts("second", published="2024-05-02", title="Second article")], docs)
    return docs


def test_facts_json_holds_every_fact_and_the_merges(docs):
    data = json.loads((docs / "facts.json").read_text(encoding="utf-8"))
    assert [a["article"]["slug"] for a in data["articles"]] == ["exemple-lille", "second"]
    assert {len(a["quotes"]) for a in data["articles"]} == {2}
    d = data["dossier"]
    assert [a["slug"] for a in d["articles"]] == ["exemple-lille", "second"]
    # the same four events in both articles: merged, each with its two sources
    assert len(d["events"]) == 4 and all(len(e["sources"]) == 2 for e in d["events"])
    assert [p["name"] for p in d["people"]] == ["Marie Dupont"] and len(d["people"][0]["quotes"]) == 2


def test_timeline_json_is_timelinejs_with_partial_dates(docs):
    tl = json.loads((docs / "timeline.json").read_text(encoding="utf-8"))
    assert tl["title"]["text"]["headline"]
    dates = {json.dumps(e["start_date"], sort_keys=True): e for e in tl["events"]}
    assert set(dates) == {
        '{"year": "2022"}', '{"month": "1", "year": "2023"}', '{"month": "4", "year": "2024"}',
        '{"day": "27", "month": "4", "year": "2024"}'}
    for e in tl["events"]:
        assert set(e) >= {"start_date", "text", "unique_id"} and e["text"]["headline"]
        assert all(v.isdigit() for v in e["start_date"].values())
    assert dates['{"year": "2022"}']["display_date"] == "2022"
    assert dates['{"month": "4", "year": "2024"}']["display_date"] == "vers avril 2024"


def _ld(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    blocks = LD.findall(text)
    for b in blocks:
        assert "<" not in b and ">" not in b and "{{" not in b  # inert inside the page
    return [json.loads(b) for b in blocks]


def test_json_ld_types_in_the_pages(docs):
    (home,) = _ld(docs / "index.md")
    assert home["@context"] == "https://schema.org"
    assert [n["@type"] for n in home["@graph"]] == ["NewsArticle", "NewsArticle"]
    assert home["@graph"][0]["publisher"] == {"@type": "Organization", "name": "Le Quotidien *du Nord*"}
    (art,) = _ld(docs / "exemple-lille" / "index.md")
    assert art["@type"] == "NewsArticle" and art["datePublished"] == "2024-04-28"
    assert "<b>" in art["headline"]          # the data is the article's own text, decoded by JSON
    (cit,) = _ld(docs / "exemple-lille" / "citations.md")
    quotes = cit["@graph"]
    assert {q["@type"] for q in quotes} == {"Quotation"}
    assert quotes[0]["text"] == "une décision <script>alert(1)</script> inacceptable"
    assert quotes[0]["spokenByCharacter"] == {"@type": "Person", "name": "Marie Dupont"}
    assert "spokenByCharacter" not in quotes[1]  # speaker unknown: none invented
    (aff,) = _ld(docs / "exemple-lille" / "affirmations.md")
    assert [c["@type"] for c in aff["@graph"]] == ["Claim"] and aff["@graph"][0]["author"]["name"] == "Marie Dupont"


def test_exports_are_not_rewritten_when_unchanged(docs):
    before = {p: p.stat().st_mtime_ns for p in docs.glob("*.json")}
    written = render_pages([make_facts(), make_facts("second", published="2024-05-02", title="Second article")], docs)
    assert not [p for p in written if p.suffix == ".json"]
    assert before == {p: p.stat().st_mtime_ns for p in docs.glob("*.json")}


def test_an_organisation_speaker_is_an_organization_in_json_ld():
    from generator.exports import quotations
    from generator.model import Article, Facts, Organisation, Paragraph, Quote, Source, Summary

    text = "« Le site est fermé », annonce le parquet de Lyon."
    article = Article(slug="x", title="T", paragraphs=[Paragraph(id="p1", text=text)])
    org = Organisation(id="org-1", name="parquet de Lyon")
    quote = Quote(id="q-1", text="Le site est fermé", speaker="parquet de Lyon", speaker_id="org-1",
                  source=Source(paragraph="p1", start=2, end=19))
    facts = Facts(article=article, organisations=[org], quotes=[quote], summary=Summary(lead=text))
    assert quotations(facts)[0]["spokenByCharacter"] == {"@type": "Organization", "name": "parquet de Lyon"}
