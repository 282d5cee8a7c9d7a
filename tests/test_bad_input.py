"""Bad input, one test per case of issue 7: a correct result, or one line `error: FILE: problem` with a
non-zero exit status, no traceback, and nothing already written lost. Crashes injected in the middle
of a run leave the previous facts/ and docs/ exactly as they were.

The CLI runs in-process (typer's CliRunner), so the spaCy model is loaded once for the module."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.model import Article
from generator.store import read_facts
from generator.yamlio import load_yaml

TEXT = """Le maire de Lyon, Grégoire Doucet, a présenté lundi 3 juin 2024 un plan pour la rénovation des écoles.
« Nous allons rénover quarante écoles d’ici à 2026 », a déclaré l’élu écologiste devant le conseil municipal.
Selon l’opposition, ce plan coûtera plus de 200 millions d’euros à la ville, soit un effort inédit depuis 2015.
"""


def article_text(title: str = "Lyon veut rénover ses écoles", body: str = TEXT) -> str:
    return f"{title}\n\n{body}"


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    res = CliRunner().invoke(app, list(args))
    assert "Traceback" not in (res.stdout + res.stderr)
    return res


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with facts/ already written by an earlier run (what must never be lost)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    (tmp_path / "old.txt").write_text(article_text("Un article déjà traité"), encoding="utf-8")
    res = run("extract", "old.txt", "--out", "facts", "-q")
    assert res.exit_code == 0, res.stderr
    return tmp_path


def refused(project: Path, name: str, message: str, *extra: str) -> None:
    """The run fails with exactly one line naming the file, and facts/ is untouched."""
    before = snapshot(project / "facts")
    res = run("extract", name, "--out", "facts", *extra)
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith(f"error: {name}") and message in lines[0], lines[0]
    assert snapshot(project / "facts") == before


def extracted(project: Path, name: str, *extra: str) -> tuple[Article, str]:
    res = run("extract", name, "--out", "facts", "-q", *extra)
    assert res.exit_code == 0, res.stderr
    from generator.ingest import slugify

    folder = project / "facts" / slugify(name)
    return load_yaml(folder / "article.yaml", Article), res.stderr


# --------------------------------------------------------------------------- refused with one line


def test_empty_file(project):
    (project / "vide.txt").write_bytes(b"")
    refused(project, "vide.txt", "file is empty")


def test_whitespace_only(project):
    (project / "blanc.txt").write_bytes(b" \n\t\r\n\xc2\xa0 \n" * 50)
    refused(project, "blanc.txt", "only whitespace")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,    # an image renamed .txt
    b"PK\x03\x04" + bytes(200) + b"word/document.xml",                  # a .docx renamed .txt
    bytes((i * 37 + 11) % 256 for i in range(4096)),                    # noise
], ids=["png", "zip", "noise"])
def test_binary_file(project, data):
    (project / "binaire.txt").write_bytes(data)
    refused(project, "binaire.txt", "binary file")


def test_front_matter_not_valid_yaml(project):
    (project / "fm.md").write_text("---\ntitle: \"Titre\nout: [\n---\n" + article_text(), encoding="utf-8")
    refused(project, "fm.md", "invalid YAML front matter")


def test_front_matter_never_closed(project):
    (project / "fm.md").write_text("---\ntitle: Titre\n" + article_text(), encoding="utf-8")
    refused(project, "fm.md", "never closed")


def test_front_matter_impossible_date(project):
    # PyYAML itself raises ValueError building the date 2024-02-30: still one line
    (project / "fm.md").write_text("---\npublished: 2024-02-30\n---\n" + article_text(), encoding="utf-8")
    refused(project, "fm.md", "day is out of range for month")


def test_front_matter_nested_too_deeply(project):
    (project / "fm.md").write_text("---\ntitle: " + "[" * 3000 + "\n---\n" + article_text(), encoding="utf-8")
    refused(project, "fm.md", "invalid YAML front matter")


def test_50_mb_file_is_refused_without_reading_it(project):
    big = project / "enorme.txt"
    with open(big, "wb") as fh:  # 50 MB (sparse: costs no disk)
        fh.truncate(50_000_000)
    tracemalloc.start()
    t = time.perf_counter()
    refused(project, "enorme.txt", "file is 50.0 MB, above the 5 MB limit")
    elapsed = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 5 and peak < 20_000_000, (elapsed, peak)


def test_max_size_option(project):
    (project / "petit.txt").write_text(article_text(), encoding="utf-8")
    refused(project, "petit.txt", "above the 100 bytes limit", "--max-size", "0.0001")
    art, _ = extracted(project, "petit.txt", "--max-size", "0.5")
    assert art.paragraphs


def test_slug_collision(project):
    (project / "Été.txt").write_text(article_text(), encoding="utf-8")
    (project / "ete.txt").write_text(article_text(), encoding="utf-8")
    before = snapshot(project / "facts")
    res = run("extract", "Été.txt", "ete.txt", "--out", "facts")
    assert res.exit_code == 1
    assert res.stderr.strip() == "error: ete.txt: slug 'ete' is also the slug of Été.txt; rename one file or pass --slug"
    assert snapshot(project / "facts") == before


def test_one_bad_file_among_good_ones_writes_nothing(project):
    (project / "bon.txt").write_text(article_text(), encoding="utf-8")
    (project / "vide.txt").write_bytes(b"")
    before = snapshot(project / "facts")
    res = run("extract", "bon.txt", "vide.txt", "--out", "facts")
    assert res.exit_code == 1 and res.stderr.strip() == "error: vide.txt: file is empty"
    assert snapshot(project / "facts") == before


# --------------------------------------------------------------------------- handled: a correct result


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_encodings(project, codec):
    body = TEXT.replace("’", "'") if codec == "latin-1" else TEXT + "Le budget atteint 3 € par élève… « c’est peu », dit-il.\n"
    (project / "ancien.txt").write_bytes(article_text("Lyon : l'été des écoles", body).encode(codec))
    art, _ = extracted(project, "ancien.txt")
    text = " ".join(p.text for p in art.paragraphs)
    assert art.title == "Lyon : l'été des écoles"
    assert "Le maire de Lyon, Grégoire Doucet, a présenté" in text
    assert "élu écologiste" in text and "\ufffd" not in text
    if codec == "cp1252":
        assert "3 € par élève…" in text and "c’est peu" in text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(project, codec):
    data = article_text().encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    (project / "seize.txt").write_bytes(data)
    art, _ = extracted(project, "seize.txt")
    assert art.title == "Lyon veut rénover ses écoles" and "d’ici à 2026" in art.paragraphs[1].text


def test_html_page_given_as_txt(project):
    html = ("<!DOCTYPE html><html lang=\"fr\"><head><title>Lyon veut rénover ses écoles</title>"
            "<script>window.x = 1</script><style>p{}</style></head><body><nav><a href=\"/\">Accueil</a> "
            "<a href=\"/politique\">Politique</a></nav><article><h1>Lyon veut rénover ses écoles</h1>"
            + "".join(f"<p>{line}</p>" for line in TEXT.strip().splitlines())
            + "</article><footer>© Le Journal 2024 — Mentions légales</footer></body></html>")
    (project / "page.txt").write_text(html, encoding="utf-8")
    art, _ = extracted(project, "page.txt")
    text = "\n".join(p.text for p in art.paragraphs)
    assert "Grégoire Doucet" in text and "<" not in text and "window.x" not in text and "Mentions légales" not in text


def test_language_declared_not_french_warns_and_continues(project):
    (project / "en.md").write_text("---\nlanguage: en\n---\n" + article_text(), encoding="utf-8")
    art, stderr = extracted(project, "en.md")
    assert art.language == "en"
    assert stderr.strip() == ("warning: en.md: language 'en' is not French; extraction is tuned for French, "
                              "so people, quotes and dates may be missed or wrong")


def test_english_text_without_front_matter_warns(project):
    body = ("The mayor of Lyon said on Monday that the city would renovate forty schools by 2026, and the "
            "opposition has warned that the plan will cost more than 200 million euros. It is the largest "
            "effort of this kind since 2015, and the council has been asked to vote on it in June.\n") * 2
    (project / "english.txt").write_text(article_text("Lyon to renovate schools", body), encoding="utf-8")
    art, stderr = extracted(project, "english.txt")
    assert art.paragraphs and "looks like 'en', not French" in stderr


def test_unknown_language_code(project):
    (project / "xx.md").write_text("---\nlanguage: klingon\n---\n" + article_text(), encoding="utf-8")
    _art, stderr = extracted(project, "xx.md")
    assert "language 'klingon' is not French" in stderr


def test_file_names_with_spaces_accents_and_url_unsafe_characters(project):
    name = "Mon article — été #1 ?&=%20 (copie).txt"
    (project / name).write_text(article_text(), encoding="utf-8")
    res = run("extract", name, "--out", "facts", "-q")
    assert res.exit_code == 0, res.stderr
    assert (project / "facts" / "mon-article-ete-1-20-copie" / "article.yaml").is_file()
    # stable: the same name gives the same slug on every run and machine
    res = run("extract", name, "--out", "facts", "-q")
    assert sorted(p.name for p in (project / "facts").iterdir() if not p.name.startswith(".")) == [
        "mon-article-ete-1-20-copie", "old"]
    # and the pages of that slug render
    res = run("render", "--facts", "facts", "--docs", "docs", "-q")
    assert res.exit_code == 0, res.stderr
    assert (project / "docs" / "mon-article-ete-1-20-copie" / "citations.md").is_file()


def test_non_latin_file_name_gets_a_safe_slug(project):
    (project / "日本語の記事.txt").write_text(article_text(), encoding="utf-8")
    res = run("extract", "日本語の記事.txt", "--out", "facts", "-q")
    assert res.exit_code == 0, res.stderr
    slugs = [p.name for p in (project / "facts").iterdir() if not p.name.startswith(".") and p.name != "old"]
    assert len(slugs) == 1 and slugs[0].isascii() and slugs[0].replace("-", "").isalnum()


# --------------------------------------------------------------------------- crashes in the middle of a run


@pytest.fixture
def two_articles(project):
    """Two articles already extracted and rendered; then both change on disk (a run would rewrite them)."""
    for n in (1, 2):
        (project / f"a{n}.txt").write_text(article_text(f"Premier état de l'article {n}"), encoding="utf-8")
    res = run("extract", "a1.txt", "a2.txt", "--out", "facts", "-q")
    assert res.exit_code == 0, res.stderr
    res = run("render", "--facts", "facts", "--docs", "docs", "-q")
    assert res.exit_code == 0, res.stderr
    for n in (1, 2):
        (project / f"a{n}.txt").write_text(article_text(f"Second état de l'article {n}",
                                                        TEXT.replace("quarante", "cinquante")), encoding="utf-8")
    return project


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_crash_while_writing_the_second_article_keeps_previous_facts(two_articles, monkeypatch):
    import generator.store as store

    real = store.write_facts
    calls = []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device (injected)")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "write_facts", crash_on_second)
    before = snapshot(two_articles / "facts")
    res = CliRunner().invoke(app, ["extract", "a1.txt", "a2.txt", "--out", "facts", "-q"])
    assert res.exit_code != 0 and isinstance(res.exception, OSError) and len(calls) == 2
    assert snapshot(two_articles / "facts") == before  # article 1 was staged, never half-committed
    assert _no_temp_files(two_articles / "facts")
    assert read_facts(two_articles / "facts" / "a1").article.title == "Premier état de l'article 1"
    # the next run (no crash) writes both
    monkeypatch.setattr(store, "write_facts", real)
    assert run("extract", "a1.txt", "a2.txt", "--out", "facts", "-q").exit_code == 0
    assert read_facts(two_articles / "facts" / "a2").article.title == "Second état de l'article 2"


def test_crash_while_rendering_the_second_article_keeps_previous_docs(two_articles, monkeypatch):
    import generator.render.article as render

    run("extract", "a1.txt", "a2.txt", "--out", "facts", "-q")  # new facts: every page would change
    real = render.page_context
    calls = []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("injected crash while rendering")
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "page_context", crash_on_second)
    before = snapshot(two_articles / "docs")
    res = CliRunner().invoke(app, ["render", "--facts", "facts", "--docs", "docs", "-q"])
    assert res.exit_code != 0 and isinstance(res.exception, RuntimeError)
    assert snapshot(two_articles / "docs") == before


def test_crash_while_writing_docs_keeps_previous_docs(two_articles, monkeypatch):
    from generator.yamlio import AtomicBatch

    run("extract", "a1.txt", "a2.txt", "--out", "facts", "-q")
    real = AtomicBatch.add
    calls = []

    def crash_on_fifth(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise OSError(28, "No space left on device (injected)")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(AtomicBatch, "add", crash_on_fifth)
    before = snapshot(two_articles / "docs")
    res = CliRunner().invoke(app, ["render", "--facts", "facts", "--docs", "docs", "-q"])
    assert res.exit_code != 0 and len(calls) == 5
    assert snapshot(two_articles / "docs") == before and _no_temp_files(two_articles / "docs")
    monkeypatch.setattr(AtomicBatch, "add", real)
    assert run("render", "--facts", "facts", "--docs", "docs", "-q").exit_code == 0
    assert snapshot(two_articles / "docs") != before


def test_build_with_a_crash_in_extraction_keeps_facts_and_docs(two_articles, monkeypatch):
    """`briefing build`: a crash while writing facts happens before any page is touched."""
    import generator.store as store

    (two_articles / "seeds").mkdir()
    for n in (1, 2):
        (two_articles / f"a{n}.txt").rename(two_articles / "seeds" / f"a{n}.txt")
    real = store.write_facts
    calls = []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressing Ctrl-C mid-write
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "write_facts", crash_on_second)
    facts_before, docs_before = snapshot(two_articles / "facts"), snapshot(two_articles / "docs")
    res = CliRunner().invoke(app, ["build", "--quiet"])
    assert res.exit_code != 0
    assert snapshot(two_articles / "facts") == facts_before and snapshot(two_articles / "docs") == docs_before
    assert _no_temp_files(two_articles)
