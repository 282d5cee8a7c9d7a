#!/usr/bin/env python3
"""Benchmark every stage of the pipeline on dossiers of N articles (`make bench`).

For each N a throw-away project is made in a temporary folder: the seed articles repeated under
distinct slugs and *varied* (names of people and places replaced by generated ones, so the dossier
merge meets new people as well as recurring ones; a publication date one day apart per article, so
the dossier spans months and years as a real one does), with the project's mkdocs.yml, docs/assets
and knowledge base. Each stage then runs as a subprocess of its own, and its resource usage is read
from `os.wait4` (it covers the stage's own worker processes too):

- extract    `briefing extract seeds/* --out facts -q` on an empty facts/ (cold: model load included)
- render     `briefing render -q`
- mkdocs     `mkdocs build --strict`
- pdf        `briefing pdf -q` (the dossier PDF and one PDF per article)
- add one    one more article, then `briefing extract` again: the re-extracted count and the time
             (the content-hash cache must leave the N others alone), then `briefing build -q`

Per stage: wall time, CPU time (user + system of the stage and its children: on a shared machine
wall time grows with the others' load, CPU time much less), the ratio to the previous size, and peak
resident memory (the largest process of the stage). Per size: pages, size of site/ and of the search
index. Up to `--compare-max` articles, the extraction is also compared with a bare spaCy pass over the
same paragraphs, in one process, model loaded once: what our rules cost over spaCy's own work.

Usage: scripts/bench.py [--sizes 50,100,200] [--skip pdf,add] [--compare-max 200] [--pdf-max 200]
                        [--pdf-engine weasyprint|chromium] [--add-max 400] [--keep] [--json FILE]
Default sizes keep `make bench` to a few minutes; the issue's table is `--sizes 50,100,200,400,1000`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
STAGES = ("extract", "render", "mkdocs", "pdf")
FIRST_DAY = dt.date(2022, 1, 3)
VARIANTS = 25  # each seed's names come in this many versions: at 1,000 articles a person recurs ~10 times


@dataclass
class Run:
    wall: float      # seconds
    cpu: float       # user + system seconds, children included
    rss: float       # MB, largest process
    stdout: str = ""


@dataclass
class Size:
    n: int
    stages: dict[str, Run] = field(default_factory=dict)
    pages: int = 0
    site_mb: float = 0.0
    search_mb: float = 0.0
    add_one_extracted: int = -1
    compare: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- running a stage

def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_NO_CACHE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run(cmd: list[str], cwd: Path) -> Run:
    """Run one stage; its wall time, CPU time and peak RSS (wait4 rusage); exits on failure."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=errf)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errf.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), errf.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:4])}… failed ({proc.returncode}):\n{stderr[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


# --------------------------------------------------------------------------- a varied dossier

_NAME_PAIR = re.compile(r"\b([A-ZÉÈ][a-zéèêëîïôöûüç]{2,})[ -]([A-ZÉÈ][a-zéèêëîïôöûüçA-Z]{2,})\b")
_NOT_NAMES = {"Le", "La", "Les", "Un", "Une", "Des", "Du", "De", "En", "Au", "Aux", "Pour", "Par", "Dans",
              "Selon", "Mais", "Et", "Il", "Elle", "Ils", "Elles", "Ce", "Cette", "Ces", "Son", "Sa", "Ses",
              "Leur", "Sur", "Avec", "Sans", "Depuis", "Lors", "Après", "Avant", "Chez", "Quand", "Comme",
              "Parti", "Assemblée", "Conseil", "Cour", "Tribunal", "Ministère", "Ministre", "Président",
              "Mardi", "Lundi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"}
_SYLLABLES = ("ba", "ber", "ca", "dor", "fa", "gal", "la", "lou", "mar", "mo", "ni", "pel", "ra", "ri",
              "sau", "tel", "va", "vi", "zan", "que")
_ENDINGS = ("and", "el", "ot", "ier", "in", "ard", "eau", "et", "on", "y")


def _generated_word(word: str, variant: int) -> str:
    """A made-up proper name standing for `word` in this variant (stable across runs)."""
    h = zlib.crc32(f"{word}/{variant}".encode())
    parts = [_SYLLABLES[(h >> (5 * k)) % len(_SYLLABLES)] for k in range(1 + h % 2)]
    return ("".join(parts) + _ENDINGS[(h >> 20) % len(_ENDINGS)]).capitalize()


def vary(text: str, variant: int) -> str:
    """The text with its two-word capitalised names (people, towns) swapped for generated ones,
    every occurrence of each word alike (so 'Roussel' alone follows 'Fabien Roussel')."""
    if variant == 0:
        return text
    words = {w for m in _NAME_PAIR.finditer(text) if m.group(1) not in _NOT_NAMES for w in m.groups()}
    if not words:
        return text
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: _generated_word(m.group(1), variant), text)


def _with_date(text: str, day: dt.date, title_suffix: str) -> str:
    """Set `published:` (front matter added when absent) and make the title distinct."""
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        head = re.sub(r"(?m)^published:.*\n?", "", head).rstrip("\n")
        head += f"\npublished: '{day.isoformat()}'"
    else:
        head, body = f"published: '{day.isoformat()}'", text
    first, _, rest = body.lstrip("\n").partition("\n")
    return f"---\n{head}\n---\n{first} {title_suffix}\n{rest}"


def article_text(seeds: list[Path], i: int) -> tuple[str, str]:
    """(file name, text) of the dossier's i-th article (0-based)."""
    src = seeds[i % len(seeds)]
    copy_no = i // len(seeds)
    text = src.read_text(encoding="utf-8")
    text = vary(text, copy_no % VARIANTS)
    text = _with_date(text, FIRST_DAY + dt.timedelta(days=i), f"({copy_no + 1})")
    return f"{i + 1:04d}-{src.stem}.md", text


def make_project(root: Path, n: int, seeds: list[Path]) -> list[str]:
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    if (ROOT / "knowledge").is_dir():
        shutil.copytree(ROOT / "knowledge", root / "knowledge")
    (root / "seeds").mkdir()
    return [add_article(root, seeds, i) for i in range(n)]


def add_article(root: Path, seeds: list[Path], i: int) -> str:
    name, text = article_text(seeds, i)
    (root / "seeds" / name).write_text(text, encoding="utf-8")
    return f"seeds/{name}"


# --------------------------------------------------------------------------- extraction vs bare spaCy

def compare(project: Path) -> dict[str, float]:
    """In this process: bare nlp.pipe vs extraction over the project's articles (model loaded once)."""
    sys.path.insert(0, str(ROOT))
    from generator.extract import extract_articles
    from generator.extract import load_nlp
    from generator.ingest import read_article
    from generator.resources import knowledge_folders, load_knowledge_base

    paths = sorted(p for p in (project / "seeds").iterdir() if p.suffix.lower() in SUFFIXES)
    articles = [read_article(p) for p in paths]
    own = project / "knowledge"
    kb = load_knowledge_base(knowledge_folders(own if own.is_dir() else None))
    nlp = load_nlp()
    texts = [p.text for a in articles for p in a.paragraphs]
    list(nlp.pipe(texts[:8]))  # warm-up (lazy initialisation), same for both
    t0 = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    bare = time.process_time() - t0
    t0 = time.process_time()
    list(extract_articles(articles, kb, n_process=1, nlp=nlp))
    extract = time.process_time() - t0
    return {"bare": bare, "extract": extract, "paragraphs": len(texts)}


# --------------------------------------------------------------------------- one size

def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _extracted_count(stdout: str) -> int:
    """Articles the CLI reports as extracted (one '<slug>: N personnes, …' line each)."""
    return sum(1 for ln in stdout.splitlines() if re.match(r"^\S+: \d+ personnes", ln))


def bench_size(n: int, seeds: list[Path], *, skip: set[str], compare_max: int, pdf_max: int, add_max: int,
               pdf_engine: str, keep: bool) -> Size:
    root = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    briefing = [PY, "-m", "generator"]
    try:
        files = make_project(root, n, seeds)
        r = Size(n)
        cmds = {"extract": [*briefing, "extract", *files, "--out", "facts", "-q"],
                "render": [*briefing, "render", "-q"],
                "mkdocs": [PY, "-m", "mkdocs", "build", "--strict", "-q"],
                "pdf": [*briefing, "pdf", "-q", "--engine", pdf_engine]}
        for stage in STAGES:
            if stage not in skip and (stage != "pdf" or n <= pdf_max):
                r.stages[stage] = run(cmds[stage], root)
                print(f"    {stage}: {r.stages[stage].wall:.1f} s", file=sys.stderr)
        site = root / "site"
        r.pages = sum(1 for _ in site.rglob("index.html")) if site.is_dir() else 0
        r.site_mb = _folder_mb(site) if site.is_dir() else 0.0
        index = site / "search" / "search_index.json"
        r.search_mb = index.stat().st_size / 1e6 if index.is_file() else 0.0
        if "add" not in skip and n <= add_max:
            files.append(add_article(root, seeds, n))
            added = run([*briefing, "extract", *files, "--out", "facts"], root)
            r.stages["add one: extract"] = added
            r.add_one_extracted = _extracted_count(added.stdout)
            r.stages["add one: build"] = run([*briefing, "build", "-q"], root)
        if n <= compare_max:
            out = run([PY, str(Path(__file__).resolve()), "--_compare", str(root)], root).stdout
            r.compare = json.loads(out.strip().splitlines()[-1])
        return r
    finally:
        if keep:
            print(f"  kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------- report

def _ratio(now: float, before: float | None) -> str:
    return f"×{now / before:.2f}" if before else "—"


def stage_table(rows: list[Size]) -> str:
    names = [s for s in [*STAGES, "add one: extract", "add one: build"] if any(s in r.stages for r in rows)]
    lines = ["| stage | N | wall s | ×prev | CPU s | ×prev | peak RSS MB |", "|---|---|---|---|---|---|---|"]
    for name in names:
        prev: Run | None = None
        for r in rows:
            s = r.stages.get(name)
            if s is None:
                continue
            lines.append(f"| {name} | {r.n} | {s.wall:.1f} | {_ratio(s.wall, prev and prev.wall)} | {s.cpu:.1f} | "
                         f"{_ratio(s.cpu, prev and prev.cpu)} | {s.rss:.0f} |")
            prev = s
    return "\n".join(lines)


def size_table(rows: list[Size]) -> str:
    lines = ["| N | cold total wall s (CPU s) | pages | site/ MB | search index MB | add one: re-extracted | "
             "extraction / bare spaCy (CPU) |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        total = [s for k, s in r.stages.items() if k in STAGES]
        cmp_col = (f"{r.compare['extract']:.1f} / {r.compare['bare']:.1f} s = {r.compare['extract'] / r.compare['bare']:.2f}"
                   if r.compare else "—")
        added = str(r.add_one_extracted) if r.add_one_extracted >= 0 else "—"
        lines.append(f"| {r.n} | {sum(s.wall for s in total):.0f} ({sum(s.cpu for s in total):.0f}) | {r.pages} | "
                     f"{r.site_mb:.1f} | {r.search_mb:.2f} | {added} | {cmp_col} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="50,100,200", help="comma-separated dossier sizes (default 50,100,200)")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of real articles to vary")
    ap.add_argument("--skip", default="", help="comma-separated stages to skip: extract,render,mkdocs,pdf,add")
    ap.add_argument("--compare-max", type=int, default=200, help="bare spaCy comparison up to this size (default 200)")
    ap.add_argument("--pdf-max", type=int, default=200,
                    help="PDF stage up to this size (default 200; one PDF per article: a linear cost)")
    ap.add_argument("--pdf-engine", default="weasyprint", choices=("weasyprint", "chromium"),
                    help="engine of the PDF stage (default weasyprint)")
    ap.add_argument("--add-max", type=int, default=400,
                    help="add-one-article rebuild up to this size (default 400: the issue's figure)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects")
    ap.add_argument("--json", type=Path, help="also write the raw figures to this file")
    ap.add_argument("--_compare", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._compare:
        print(json.dumps(compare(args._compare)))
        return
    seeds = sorted(p for p in args.seeds.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not seeds:
        sys.exit(f"bench: no article in {args.seeds}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    print(f"bench: {len(seeds)} seed article(s), sizes {sizes}, {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows, t0 = [], time.perf_counter()
    for n in sizes:
        print(f"  N={n}", file=sys.stderr)
        rows.append(bench_size(n, seeds, skip=skip, compare_max=args.compare_max, pdf_max=args.pdf_max,
                               add_max=args.add_max, pdf_engine=args.pdf_engine, keep=args.keep))
        print(f"  N={n} done ({time.perf_counter() - t0:.0f} s elapsed)", file=sys.stderr)
        if args.json:
            args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1) + "\n", encoding="utf-8")
    print(stage_table(rows) + "\n\n" + size_table(rows))
    print("\nCPU s = user + system time of the stage and its worker processes (wall time also counts waiting "
          "for the other work on the machine).\nextraction / bare spaCy: CPU time of extract_articles (nlp.pipe + "
          "every rule, and the one-time loading of the gazetteers) over that of a bare nlp.pipe on the same paragraphs, one process.")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
