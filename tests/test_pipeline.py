"""The pipeline end to end, in a subprocess: same input, same facts, whatever the day of the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]

# Loaded first by every Python started with this folder on PYTHONPATH: the clock reads the year FAKE_YEAR.
FAKE_CLOCK = '''
import datetime as _dt
import os

_YEAR = int(os.environ["FAKE_YEAR"])


def _shift(value):
    return value.replace(year=_YEAR, day=min(value.day, 28))


_REAL_DATE, _REAL_DATETIME = _dt.date, _dt.datetime


class _Date(_dt.date):
    @classmethod
    def today(cls):
        return _shift(_REAL_DATE.today())


class _DateTime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return _shift(_REAL_DATETIME.now(tz))

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return _shift(_REAL_DATETIME.utcnow())


_dt.date, _dt.datetime = _Date, _DateTime
'''

# no publication date and no year near the relative dates: a clock read would decide their year
ARTICLES = {
    "conseil.txt": "Le conseil municipal vote le budget\n\n"
                   "Le conseil municipal de Villeneuve a voté mardi soir le budget de la commune. "
                   "« C'est un budget de responsabilité », a déclaré le maire, Paul Martin.\n\n"
                   "La séance s'est tenue le lundi 3 juin, après un report faute de quorum.",
    "greve.txt": "Grève à l'usine\n\n"
                 "Les salariés de l'usine Dupont ont cessé le travail lundi. Selon la syndicaliste Anne Leroy, "
                 "la direction a promis une réponse avant la fin du mois de mars.\n\n"
                 "Une première grève avait eu lieu l'an dernier, en octobre.",
}


def _extract_under(year: int, tmp_path: Path) -> dict[str, bytes]:
    clock = tmp_path / f"clock-{year}"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(FAKE_CLOCK, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{clock}:{ROOT}", "FAKE_YEAR": str(year),
           "BRIEFING_NO_CACHE": "1"}
    seen = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.date.today().year)"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert seen.stdout.strip() == str(year), seen.stderr  # the fake clock is in effect
    out = tmp_path / f"facts-{year}"
    done = subprocess.run([sys.executable, "-m", "generator", "extract", *sorted(ARTICLES), "--out", str(out), "-q",
                           "--knowledge", str(ROOT / "knowledge")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.yaml"))}


def test_facts_do_not_depend_on_the_day_of_the_run(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    early, late = _extract_under(2019, tmp_path), _extract_under(2031, tmp_path)
    assert len(early) == 2 * 9 and early.keys() == late.keys()
    assert early == late
