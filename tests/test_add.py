"""generator/add.py: URLs fetched from a real server on 127.0.0.1 and files land in seeds/ as the
build will read them; any bad source writes nothing."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from _web import web_server
from generator.add import add_sources
from generator.errors import BriefingError
from generator.ingest import read_article

TITLE = "Réseaux sociaux : la préfecture de Lozère saisit l'Arcom après une campagne de harcèlement"
FULL_SLUG = "reseaux-sociaux-la-prefecture-de-lozere-saisit-l-arcom-apres-une-campagne-de-harcelement"
SLUG = "reseaux-sociaux-la-prefecture-de-lozere-saisit-l-arcom-apres"  # the title's words within 60 characters
WHEN = datetime(2025, 3, 15, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def site():
    with web_server() as (base, _server):
        yield base


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    return tmp_path / "seeds"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_url_becomes_a_seed_whose_source_url_reaches_the_article(site, seeds):
    [added] = add_sources([f"{site}/article.html"], seeds, now=WHEN)
    assert added.title == TITLE
    assert added.target == seeds / f"{SLUG}.html"
    assert len(SLUG) <= 60 < len(SLUG + "-une") and FULL_SLUG.startswith(SLUG + "-")
    article = read_article(added.target)  # exactly what `briefing build` will read
    assert article.source_url == f"{site}/article.html"
    assert article.title == TITLE and article.outlet == "La Gazette du Causse"
    assert "fetched: '2025-03-15T09:30:00Z'" in added.target.read_text(encoding="utf-8")


def test_after_a_redirect_the_served_url_is_the_source_and_the_asked_one_is_kept(site, seeds):
    [added] = add_sources([f"{site}/court/a1"], seeds, slug="lozere", now=WHEN)
    assert added.target.name == "lozere.html"
    assert read_article(added.target).source_url == f"{site}/article.html"
    assert f"requested_url: {site}/court/a1" in added.target.read_text(encoding="utf-8")


def test_a_page_in_a_legacy_charset_is_saved_as_utf8(site, seeds):
    [added] = add_sources([f"{site}/latin1.html"], seeds, slug="latin1")
    assert "La préfète de la Lozère" in added.target.read_text(encoding="utf-8")
    assert read_article(added.target).paragraphs[0].text.startswith("La préfète de la Lozère, Hélène Marchand")


def test_a_file_is_copied_under_its_own_name(tmp_path, seeds):
    src = tmp_path / "Mon Article été.txt"
    src.write_text("Un titre de test\n\nLe conseil municipal a voté le budget mardi soir.\n", encoding="utf-8")
    [added] = add_sources([str(src)], seeds)
    assert added.target == seeds / "mon-article-ete.txt"
    assert added.target.read_bytes() == src.read_bytes()
    assert added.title == "Un titre de test"


def test_a_page_without_article_text_is_refused(site, seeds):
    with pytest.raises(BriefingError, match=r"/menu-only.html: no article"):
        add_sources([f"{site}/menu-only.html"], seeds)
    assert _files(seeds) == []


def test_a_taken_slug_is_refused_and_the_existing_seed_kept(site, seeds):
    (seeds / f"{SLUG}.txt").write_text("Déjà là\n\nUn autre texte.\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=f"slug '{SLUG}' is already taken"):
        add_sources([f"{site}/article.html"], seeds)
    assert _files(seeds) == [f"{SLUG}.txt"]
    assert (seeds / f"{SLUG}.txt").read_text(encoding="utf-8").startswith("Déjà là")


def test_one_bad_source_writes_nothing_at_all(site, seeds):
    with pytest.raises(BriefingError, match="/absent.html: HTTP 404"):
        add_sources([f"{site}/article.html", f"{site}/absent.html"], seeds)
    assert _files(seeds) == []


def test_the_same_article_twice_in_one_call_is_refused(site, seeds):
    with pytest.raises(BriefingError, match="already taken"):
        add_sources([f"{site}/article.html", f"{site}/court/a1"], seeds)
    assert _files(seeds) == []


def test_a_missing_file_hints_at_urls(seeds):
    with pytest.raises(BriefingError, match="www.journal.fr/a.html: file not found .*http:// or https://"):
        add_sources(["www.journal.fr/a.html"], seeds)


def test_no_seeds_folder_is_a_clear_error(tmp_path, site):
    with pytest.raises(BriefingError, match="seeds folder not found"):
        add_sources([f"{site}/article.html"], tmp_path / "seeds")
