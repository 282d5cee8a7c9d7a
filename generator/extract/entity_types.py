"""What kind of thing a name is: person, organisation or place, by how French names it.

spaCy's French models mislabel a lot in news text (job titles as organisations, a regulator
as a place, a sentence-initial verb as a place, a newspaper glued to a person's name). These
rules fix its labels with French grammar: websites by their domain, institutions by their head
noun ("parquet de Paris"), places by the preposition before them ("à Dijon") and by the
gazetteers that ship inside packages (babel's territory names).
"""

from __future__ import annotations

import re
import unicodedata

from babel import Locale
from spacy.tokens import Span

from .lexicon import LOCATIVE_BEFORE, MEDIA_NOUNS, ROLE_NOUNS

PERSON, ORG, PLACE = "person", "org", "place"

DOMAIN_RE = re.compile(r"\b(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:gg|fr|com|net|org|io|eu|tv|info|be|ch|ca|app)\b")
INSTITUTION_RE = re.compile(
    r"\b(?:(?:parquet|tribunal|cour|préfecture|mairie)(?: (?:national|judiciaire|correctionnel|administratif|"
    r"d['’]appel|de police|financier))?(?: (?:de|du|d['’]) ?[A-ZÉÈ][\w-]+(?: [A-ZÉÈ][\w-]+)?)"
    r"|(?:gendarmerie|police) (?:nationale|municipale|judiciaire)"
    r"|direction (?:générale|départementale|régionale|centrale)(?: (?:des|de la|du|de l['’]) [a-zéèêàç][\w'’-]*"
    r"(?: (?:(?:et|de|des|du|de la) )?(?!(?:et|la|le|les|l['’])\b)[a-zéèêàç][\w'’-]*)*))"
)
APOSTROPHE = "'’"


def fold(text: str) -> str:
    """Case-, accent-, hyphen- and apostrophe-insensitive key for merging name variants."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘`]", "'", text).casefold()
    return re.sub(r"[\s\-‐]+", " ", text).strip(" .,;:·")


def _territories() -> frozenset[str]:
    names = set(Locale("fr").territories.values())
    return frozenset(fold(n) for n in names)


TERRITORIES = _territories()


def strip_determiner(text: str, start: int) -> tuple[str, int]:
    """'du Nord' -> 'Nord', "l'Arcom" -> 'Arcom'; a capitalised article belongs to the name
    ('Le Parisien', 'La Croix'), since spaCy leaves ordinary determiners outside its entities."""
    for det in ("de la ", "de l'", "de l’", "du ", "des ", "le ", "la ", "les ", "l'", "l’", "au ", "aux ", "d'", "d’"):
        if text.startswith(det) and len(text) > len(det):
            return text[len(det):], start + len(det)
    return text, start


def _preceding_words(text: str, start: int, n: int = 3) -> str:
    return " ".join(text[:start].split()[-n:]).lower()


def _is_locative(text: str, start: int) -> bool:
    before = _preceding_words(text, start, 2)
    last = before.split()[-1] if before else ""
    last = last.rstrip(APOSTROPHE)
    return last in {"à", "en", "au", "aux", "vers"} or any(before.endswith(p) for p in LOCATIVE_BEFORE if " " in p)


def _is_subject_like(span: Span) -> bool:
    return any(t.dep_.startswith("nsubj") for t in span) or _preceding_words(span.doc.text, span.start_char, 1) == "par"


def classify(span: Span, text: str, start: int) -> str | None:
    """Decide person / org / place for one spaCy entity, or None to drop it."""
    label = span.label_
    doc_text = span.doc.text
    tokens = [t for t in span if not t.is_punct]
    if not tokens or not any(c.isalpha() for c in text):
        return None
    if DOMAIN_RE.fullmatch(text):
        return ORG
    if len(text) < 2 or text[0].islower():
        return None
    if all(not t.pos_ == "PROPN" for t in tokens) and tokens[0].is_sent_start and len(tokens) == 1:
        return None  # a capitalised common word opening a sentence ("Blocage", "Contacté")
    if tokens[0].lower_ in ROLE_NOUNS or tokens[0].lower_ in {"état"}:
        return None  # a job title is a role, not an organisation or a place
    before = _preceding_words(doc_text, span.start_char, 1)
    if before.endswith(("d'", "d’")) and label != "PER":
        return None  # "secrétaire d'État", "coup d'État": part of a phrase
    if label == "PER":
        if any(c.isdigit() for c in text) or text.isupper():
            return None
        return PERSON
    if tokens[0].lower_ in MEDIA_NOUNS:
        return ORG
    if fold(text) in TERRITORIES or _is_locative(doc_text, span.start_char):
        return PLACE
    if label == "ORG":
        return ORG
    if label == "LOC":
        return ORG if _is_subject_like(span) and not _is_locative(doc_text, span.start_char) and _looks_like_org(span) else PLACE
    return None  # MISC without a cue: too noisy to keep


def _looks_like_org(span: Span) -> bool:
    """A 'place' that acts (subject of a verb, agent after 'par') and is no known territory."""
    return fold(span.text) not in TERRITORIES


def split_glued_person(span: Span) -> list[tuple[str, Span]]:
    """'Journal du dimanche Marina Ferrari' -> media 'Journal du dimanche' + person 'Marina Ferrari'."""
    toks = list(span)
    if len(toks) >= 4 and toks[-1].pos_ == "PROPN" and toks[-2].pos_ == "PROPN" and toks[-2].text[0].isupper():
        head = span.doc[span.start : span.end - 2]
        if any(t.text[0].islower() for t in head):
            return [("head", head), (PERSON, span.doc[span.end - 2 : span.end])]
    # "confie à Ouest-France Maëlle Quéré": after "à"/"auprès de", a name glued to the outlet
    # the words were given to; the outlet is the addressee, the last two words the person
    if (span.label_ == "PER" and len(toks) >= 3 and all(t.pos_ == "PROPN" for t in toks[-2:])
            and "-" in toks[0].text and _preceding_words(span.doc.text, span.start_char, 2).endswith(("à", "auprès de", "auprès du"))):
        head = span.doc[span.start : span.end - 2]
        return [("head", head), (PERSON, span.doc[span.end - 2 : span.end])]
    return [("whole", span)]
