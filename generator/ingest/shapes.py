"""Shapes of single lines that are page furniture, each with the reason recorded for it.

One line at a time, no context: the site's chrome (share, comment, subscribe, cookie and
reading-time widgets), empty or bare timestamps, slideshow counters and embedded-video labels,
reader-feedback and live-blog closing boxes, site promotions, photo captions ending in a credit.
The patterns are French web vocabulary and typography, never words of one given article.
"""

from __future__ import annotations

import re

UP = "A-ZÀ-ÖØ-Þ"
LOW = "a-zà-öø-ÿ"

_MONTH = r"(?:janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"


def _rx(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


NAVIGATION = _rx(
    r"quitter la version mobile",
    r"(?:[àa]\s+)?lire\s+(?:aussi|également|egalement|la suite)\b.*",
    r"(?:[àa]\s+)?(?:voir|découvrir)\s+(?:aussi|également|egalement)\b.*",
    r"[àa]\s+(?:voir|lire|découvrir|écouter|retenir|suivre)",
    r"l['’]essentiel|en bref|en résumé|en direct|direct",
    r"sur le même (?:sujet|thème)\b.*",
    r"(?:les\s+)?(?:articles?\s+)?(?:les\s+)?plus\s+(?:lus|partagés|commentés)\b.*",
    r"dans la même rubrique\b.*",
    r"(?:ceci|cela|ça)\s+pourrait\s+(?:également\s+|aussi\s+)?vous\s+intéresser",
    r"vous\s+(?:aimerez|pourriez aimer)\s+(?:aussi|également)\b.*",
    r"partager(?:\s+(?:sur|cet article|l['’]article|par|via)\b.*)?",
    r"short\s*url|lien court|copier le lien|envoyer par e-?mail",
    r"(?:s['’]abonner|abonnez-vous|je m['’]abonne|déjà abonné)\b.*",
    r"(?:newsletters?|(?:inscrivez-vous|abonnez-vous) à (?:la|notre|nos) newsletters?)\b.*",
    r"publicit[ée]|contenu sponsoris[ée]|sponsoris[ée]",
    r"(?:accepter|refuser|param[ée]trer|g[ée]rer)(?:\s+(?:les|tous les|mes))?\s+cookies\b.*",
    r"(?:ce site|nous)\s+utilis\w*\s+des cookies\b.*",
    r"[ée]couter\s+(?:cet|l['’])\s*article\b.*",
    r"retour en haut(?: de (?:la )?page)?",
    r"(?:suivez|retrouvez)-nous\b.*",
    r"\d+\s+commentaires?|commentaires?|r[ée]agir|imprimer|menu|rechercher|se connecter|connexion"
    r"|mon compte|fermer|accueil|facebook|twitter|linkedin|whatsapp|e-?mail|x",
)
READING_TIME = _rx(r"(?:temps de\s+)?lecture\s*:?\s*\d+\s*min\w*", r"temps de lecture",
                   r"\d+\s*min(?:utes?)?(?:\s+de lecture)?")
PAYWALL = _rx(r"(?:article\s+)?r[ée]serv[ée]e?s?\s+aux\s+abonn[ée]s\b.*",
              r"(?:la\s+)?lecture\s+(?:des|de cet|de l['’]|de nos)\s*articles?\b.*\br[ée]serv[ée]e?\b.*",
              r"(?:pour\s+)?(?:lire|consulter|d[ée]bloquer)\s+(?:la suite|cet article|l['’]article)\b.*abonn.*")
COMMENT_PROMPT = _rx(
    r"(?:connectez-vous|identifiez-vous|inscrivez-vous|cr[ée]ez un compte)\b.*"
    r"\b(?:conversation|commenter|commentaires?|r[ée]agir|discussion)\b.*",
    r"(?:as-tu|avez-vous)\s+quelque chose [àa] nous dire\s*\??",
    r".*\b(?:remarque|erreur|coquille)s?\b.*\b(?:formulaire|nous (?:[ée]crire|contacter|signaler|transmettre))\b.*",
)
EMBED = _rx(
    r"vid[ée]o\s*:\s*[\w .'’-]{1,30}",
    r"dur[ée]e(?:\s+de\s+la\s+vid[ée]o)?\s*:\s*[\d hmns:.]+",
    r"\d{1,3}\s*/\s*\d{1,3}",
    r"(?:voir|regarder|lire)\s+la\s+vid[ée]o|vid[ée]o|diaporama|en images|photos?",
)
LIVE_END = _rx(r"(?:\d{1,2}\s*[h:]\s*\d{0,2}\s*[:-]?\s*)?(?:ce|notre)\s+(?:live|direct)\s+est\s+"
               r"(?:maintenant\s+|désormais\s+|à présent\s+)?(?:termin[ée]|clos|fini)\b.*",
               r"merci d['’]avoir suivi\b.*")
# a promotion of the site's own coverage: an imperative to the reader and the vocabulary of coverage
PROMO = re.compile(
    r"^[^«“\"]{0,60}\b(?:suivez|retrouvez|découvrez|recevez|inscrivez-vous|abonnez-vous|téléchargez)\b"
    r".*\b(?:actu|actualités?|envoyés? spéciaux|newsletters?|notre direct|nos journalistes|notre"
    r" application|alertes?|notre rédaction)\b", re.I)
EMPTY_DATELINE = _rx(r"(?:publi[ée]|mis à jour|mise à jour|modifi[ée]|actualis[ée])(?:\s+le)?\s*:?")
DATELINE = _rx(r"(?:publi[ée]|mis à jour|mise à jour|modifi[ée]|actualis[ée])\s+le\b.*")
# a line that is only dates and times: "16.11.2023, 23:16", "Le 05 août à 16h24", "lundi 3 juin 2024 - 08:12"
_STAMP_PART = re.compile(
    rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.+Z-]+)?|\d{{1,2}}\s*[h:]\s*\d{{2}}(?:\s*min)?"
    rf"|\d{{1,2}}\s*h\b|(?:{_WEEKDAY}\s+)?(?:1er|\d{{1,2}})\s+{_MONTH}(?:\s+\d{{4}})?|{_WEEKDAY}"
    rf"|\b(?:le|à|a|il y a|publi[ée]|mis à jour|mise à jour|modifi[ée]|actualis[ée]|heure)\b|[\s,|·•/()–—-]+",
    re.I)
_STAMP_CORE = re.compile(rf"\d{{1,2}}\s*[h:]\s*\d{{2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}\s+{_MONTH}", re.I)

# photo credits at the end of a caption: "… (Photo, AFP)", "… (Laura Dupont/Agence)", "… © X", "… DR", "… AB/CD"
CAPTION_CREDIT = re.compile(
    rf"(?:\((?:[Pp]hotos?|[Cc]r[ée]dits?|[Ii]llustration|[Ii]mage)\b[^()]*\)"
    rf"|\(\s*[{UP}][^()/]{{0,40}}/[^()]{{1,40}}\)"
    rf"|©\s*\S[^©]{{0,40}}"
    rf"|(?<=[.!?…»)])\s*(?:DR|D\.R\.|[{UP}]{{2,4}}/[{UP}]{{2,4}})"
    rf")\s*$")


def shape_reason(line: str) -> str | None:
    """The furniture a line is by its shape alone, or None when it may be article text."""
    s = line.strip().rstrip(" :›>»→.")
    if len(s) <= 300 and LIVE_END.fullmatch(s):
        return "fin du direct"
    if len(s) > 250:
        return None
    if NAVIGATION.fullmatch(s):
        # a "Lire aussi …" teaser may be long; other chrome is short
        return "navigation du site" if len(s) <= 120 or re.match(r"(?:[àa]\s+)?(?:lire|voir)\b", s, re.I) else None
    for rx, reason in ((READING_TIME, "temps de lecture"), (PAYWALL, "accès réservé aux abonnés"),
                       (COMMENT_PROMPT, "invitation à commenter ou à écrire à la rédaction"),
                       (EMBED, "diaporama ou vidéo intégrée"), (EMPTY_DATELINE, "date de publication (vide)")):
        if rx.fullmatch(s):
            return reason
    if len(s) <= 200 and PROMO.search(s):
        return "promotion du site"
    if is_timestamp(s):
        return "horodatage"
    return None


def is_timestamp(line: str) -> bool:
    """Only dates, times and their glue words: a page's time stamp, not a sentence."""
    return len(line) <= 80 and bool(_STAMP_CORE.search(line)) and not _STAMP_PART.sub("", line).strip(" .:")


def caption_with_credit(line: str, split_sentences) -> bool:
    """A short caption closed by a photo credit ('Sur le quai, lundi. (Jeanne Dupont/Agence)')."""
    m = CAPTION_CREDIT.search(line)
    if not m or len(line) > 300:
        return False
    caption = line[: m.start()].strip()
    return bool(caption) and len(split_sentences(caption)) <= 2
