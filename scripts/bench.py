#!/usr/bin/env python3
"""Benchmark the pipeline on a dossier of N articles (`make bench`).

For each N (default 50, 100, 200) a throw-away project is built in a temporary folder: the real seed
articles repeated under distinct slugs, the project's mkdocs.yml, docs/assets and knowledge base. Then:

- cold extraction  `briefing extract seeds/* --out facts -q` on an empty facts/ (model load included)
- render           `briefing render -q`
- mkdocs           `mkdocs build --strict`
- warm extraction  the same extract again, nothing changed (content-hash cache: no spaCy at all)
- warm build       `briefing build -q` again, nothing changed (extract + render + mkdocs)
- peak RSS         largest resident size of the CLI processes (os.wait4 rusage of each child)
- bare spaCy vs extraction (issue 3), in one process over the same paragraphs, model loaded once:
  `nlp.pipe` alone, then `extract_many` (nlp.pipe + every extraction rule), and their ratio;
  plus the bare pass with `n_process=2` to show whether a second process pays on this machine.

Usage: scripts/bench.py [--sizes 50,100,200] [--keep] [--no-compare]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFING_NO_CACHE",)}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of the child, stdout); exits on failure."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=errf)
        _pid, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errf.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), errf.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:4])}… failed ({proc.returncode}):\n{stderr[-2000:]}")
    return dt, usage.ru_maxrss / 1024, stdout


def make_project(root: Path, n: int, seeds: list[Path]) -> list[str]:
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    if (ROOT / "knowledge").is_dir():
        shutil.copytree(ROOT / "knowledge", root / "knowledge")
    (root / "seeds").mkdir()
    names = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        name = f"{i + 1:04d}-{src.stem}{src.suffix}"
        shutil.copy(src, root / "seeds" / name)
        names.append(f"seeds/{name}")
    return names


def compare(project: Path) -> dict[str, float]:
    """In this process: bare nlp.pipe vs extraction over the project's articles (model loaded once)."""
    sys.path.insert(0, str(ROOT))
    from generator.extract import extract_articles
    from generator.extract import load_nlp
    from generator.ingest import read_article
    from generator.knowledge import load_knowledge

    paths = sorted(p for p in (project / "seeds").iterdir() if p.suffix.lower() in SUFFIXES)
    articles = [read_article(p) for p in paths]
    kb = load_knowledge(project / "knowledge") if (project / "knowledge").is_dir() else None
    t0 = time.perf_counter()
    nlp = load_nlp()
    load = time.perf_counter() - t0
    texts = [p.text for a in articles for p in a.paragraphs]
    list(nlp.pipe(texts[:8]))  # warm-up (lazy initialisation), same for both
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    list(extract_articles(articles, kb, n_process=1, nlp=nlp))
    extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=2):
        pass
    bare2 = time.perf_counter() - t0
    return {"load": load, "bare": bare, "extract": extract, "bare2": bare2,
            "paragraphs": len(texts), "chars": sum(map(len, texts))}


def bench_size(n: int, seeds: list[Path], *, keep: bool, do_compare: bool) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    try:
        files = make_project(root, n, seeds)
        r: dict[str, float] = {"n": n}
        r["cold"], rss1, _ = run([PY, "-m", "generator", "extract", *files, "--out", "facts", "-q"], root)
        r["render"], rss2, _ = run([PY, "-m", "generator", "render", "-q"], root)
        r["mkdocs"], rss3, _ = run([PY, "-m", "mkdocs", "build", "--strict", "-q"], root)
        r["warm"], rss4, _ = run([PY, "-m", "generator", "extract", *files, "--out", "facts", "-q"], root)
        r["warm_build"], rss5, _ = run([PY, "-m", "generator", "build", "-q"], root)
        r["rss"] = max(rss1, rss2, rss3, rss4, rss5)
        r["rss_extract"] = rss1
        r["rss_warm"] = rss4
        if do_compare:
            _dt, rss6, out = run([PY, str(Path(__file__).resolve()), "--_compare", str(root)], root)
            r.update(json.loads(out.strip().splitlines()[-1]))
            r["rss_compare"] = rss6
        return r
    finally:
        if keep:
            print(f"  kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


def table(rows: list[dict[str, float]]) -> str:
    head = ("| N | cold extract s | articles/s | render s | mkdocs s | warm extract s (% of cold) | "
            "warm build s | peak RSS MB | bare nlp.pipe s | extraction s | ratio | bare n_process=2 s |")
    lines = [head, "|" + "|".join(["---"] * 12) + "|"]
    for r in rows:
        cmp_cols = ("—", "—", "—", "—")
        if "bare" in r:
            cmp_cols = (f"{r['bare']:.1f}", f"{r['extract']:.1f}", f"{r['extract'] / r['bare']:.2f}", f"{r['bare2']:.1f}")
        lines.append(
            f"| {int(r['n'])} | {r['cold']:.1f} | {r['n'] / r['cold']:.2f} | {r['render']:.1f} | {r['mkdocs']:.1f} | "
            f"{r['warm']:.2f} ({100 * r['warm'] / r['cold']:.1f} %) | {r['warm_build']:.1f} | {r['rss']:.0f} | "
            + " | ".join(cmp_cols) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="50,100,200", help="comma-separated corpus sizes (default 50,100,200)")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of real articles to repeat")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects")
    ap.add_argument("--no-compare", action="store_true", help="skip the bare spaCy vs extraction comparison")
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
    print(f"bench: {len(seeds)} seed article(s), sizes {sizes}, {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = []
    t0 = time.perf_counter()
    for n in sizes:
        r = bench_size(n, seeds, keep=args.keep, do_compare=not args.no_compare)
        rows.append(r)
        print(f"  N={n}: cold {r['cold']:.1f} s, warm {r['warm']:.2f} s, render {r['render']:.1f} s, "
              f"mkdocs {r['mkdocs']:.1f} s ({time.perf_counter() - t0:.0f} s elapsed)", file=sys.stderr)
    print(table(rows))
    if "bare" in rows[-1]:
        print("\nratio = extraction (nlp.pipe + all rules) / bare nlp.pipe over the same paragraphs, "
              "same process, model loaded once (target ≤ 1.15).")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine inflates every figure)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
