#!/usr/bin/env python3
"""Extraction quality on the gold articles of tests/gold/ (`make eval`).

Every gold article is extracted in ONE `briefing extract` call (one model load), each given its gold
`published` date as front matter (the date is metadata of the page, not of the copied text), then
tests/gold/score.py scores the fact files. Printed: score.py's SUMMARY line, then, per article and
category, each miss, each false positive and each wrong or missing speaker, so a change to a rule
shows which facts it won or lost.

Usage: scripts/eval.py [--gold DIR] [--keep DIR] [--only SUBSTRING] [--json] [--quiet]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BRIEFING = Path(sys.executable).with_name("briefing")


def load_scorer(gold_dir: Path):
    """score.py of the gold folder, imported as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("gold_score", gold_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_ids(gold_dir: Path, only: str | None) -> list[str]:
    ids = sorted(p.name[: -len(".gold.yaml")] for p in gold_dir.glob("*.gold.yaml"))
    return [i for i in ids if not only or only in i]


def stage_inputs(gold_dir: Path, ids: list[str], dest: Path) -> list[Path]:
    """Each article text with its gold publication date as front matter (none when the gold has none)."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for gid in ids:
        gold = yaml.safe_load((gold_dir / f"{gid}.gold.yaml").read_text(encoding="utf-8")) or {}
        text = (gold_dir / f"{gid}.txt").read_text(encoding="utf-8")
        pub = gold.get("published")
        path = dest / f"{gid}.txt"
        path.write_text((f"---\npublished: {pub}\n---\n" if pub else "") + text, encoding="utf-8")
        paths.append(path)
    return paths


def extract(paths: list[Path], facts: Path) -> None:
    cmd = [str(BRIEFING), "extract", *map(str, paths), "--out", str(facts), "-q",
           "--knowledge", str(ROOT / "knowledge")]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"error: briefing extract failed: {done.stderr.strip() or done.stdout.strip()}")


def score(gold_dir: Path, facts: Path, ids: list[str]) -> tuple[dict, dict]:
    """Per-article results and the summary, computed by score.py itself (its main prints, so call its parts)."""
    scorer = load_scorer(gold_dir)
    results = {}
    for gid in ids:
        gold = yaml.safe_load((gold_dir / f"{gid}.gold.yaml").read_text(encoding="utf-8"))
        src = (gold_dir / f"{gid}.txt").read_text(encoding="utf-8")
        results[gid] = scorer.score_article(gold, scorer.find_facts(facts, gid, gold.get("title", "")), src)
    return results, summarise(results)


def summarise(results: dict) -> dict:
    """Same averages and counts as score.py's SUMMARY line."""
    def mean(xs):
        xs = [x for x in xs if x is not None]
        return round(sum(xs) / len(xs), 3) if xs else None
    s = {k: mean([r[k]["prf"][2] for r in results.values()])
         for k in ("people", "organisations", "places", "quotes", "events")}
    s["speaker_acc"] = mean([r["quotes"]["speaker_acc"] for r in results.values()])
    wrong = [w for r in results.values() for w in r["quotes"]["speaker_wrong"]]
    s["speakers_misattributed"] = sum(1 for w in wrong if w[2])
    s["speakers_missing"] = sum(1 for w in wrong if not w[2])
    s["laws_recall"] = mean([r["laws"]["recall"] for r in results.values()])
    s["quotes_not_in_source"] = sum(len(r["quotes"]["not_in_source"]) for r in results.values())
    s["furniture_leaks"] = sum(len(r["cleaning"]["furniture_leaks"]) for r in results.values())
    s["title_repeats_in_body"] = sum(r["cleaning"]["title_in_body"] for r in results.values())
    s["titles_wrong"] = sum(not r["cleaning"]["title_ok"] for r in results.values())
    s["articles"] = len(results)
    return s


def error_counts(results: dict) -> dict[str, int]:
    """Errors per category over all articles: misses + false positives (+ wrong speakers, leaks)."""
    counts = {}
    for k in ("people", "organisations", "places", "quotes", "events"):
        counts[f"{k}_missed"] = sum(len(r[k]["missed"]) for r in results.values())
        counts[f"{k}_extra"] = sum(len(r[k]["extra"]) for r in results.values())
    wrong = [w for r in results.values() for w in r["quotes"]["speaker_wrong"]]
    counts["speakers_misattributed"] = sum(1 for w in wrong if w[2])
    counts["speakers_missing"] = sum(1 for w in wrong if not w[2])
    counts["furniture_leaks"] = sum(len(r["cleaning"]["furniture_leaks"]) for r in results.values())
    return counts


def article_lines(gid: str, r: dict) -> list[str]:
    """Readable errors of one article, grouped by category; empty when it is perfect."""
    lines = []
    for k in ("people", "organisations", "places", "quotes", "events"):
        for m in r[k]["missed"]:
            lines.append(f"  {k:13} missed  {m}")
        for e in r[k]["extra"]:
            lines.append(f"  {k:13} extra   {e}")
    for text, gold, got in r["quotes"]["speaker_wrong"]:
        verdict = f"WRONG   {got!r} (gold {gold!r})" if got else f"missing (gold {gold!r})"
        lines.append(f"  {'speaker':13} {verdict}  « {text}… »")
    for q in r["quotes"]["not_in_source"]:
        lines.append(f"  {'quotes':13} not in source  {q[:60]}")
    for b in r["cleaning"]["furniture_leaks"]:
        lines.append(f"  {'furniture':13} leaked  {b[:70]}")
    if r["laws"]["recall"] is not None and r["laws"]["recall"] < 1:
        lines.append(f"  {'laws':13} recall {r['laws']['recall']} of {r['laws']['n']}")
    if not r["cleaning"]["title_ok"]:
        lines.append(f"  {'title':13} wrong")
    return [f"== {gid}", *lines] if lines else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    ap.add_argument("--keep", type=Path, help="write the fact files here (kept) instead of a temporary folder")
    ap.add_argument("--only", help="only the gold articles whose id contains this")
    ap.add_argument("--json", action="store_true", help="print the summary, error counts and results as JSON")
    ap.add_argument("--quiet", action="store_true", help="print only the SUMMARY line and the error counts")
    args = ap.parse_args(argv)
    ids = gold_ids(args.gold, args.only)
    if not ids:
        sys.exit(f"error: {args.gold}: no gold article (*.gold.yaml) matches")
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp:
        facts = args.keep or Path(tmp) / "facts"
        extract(stage_inputs(args.gold, ids, Path(tmp) / "in"), facts)
        results, summary = score(args.gold, facts, ids)
    if args.json:
        print(json.dumps({"summary": summary, "errors": error_counts(results), "articles": results},
                         ensure_ascii=False, indent=1))
        return 0
    print("SUMMARY (mean F1 per article):", json.dumps(summary, ensure_ascii=False))
    print("ERRORS", json.dumps(error_counts(results), ensure_ascii=False))
    if not args.quiet:
        for gid, r in results.items():
            for line in article_lines(gid, r):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
