"""General French lexicons the extractors share: speech cues, roles, institutions.

These are words of the language (verbs of saying, job titles, kinds of institution),
never names taken from a particular article.
"""

# verbs that introduce reported speech (lemmas)
CUE_LEMMAS = frozenset("""
dire affirmer souligner dénoncer déplorer insurger estimer expliquer rappeler ajouter assurer écrire
déclarer indiquer préciser confier lancer poursuivre conclure répondre répliquer reconnaître admettre
avertir alerter annoncer accuser reprocher regretter juger considérer raconter témoigner détailler
s'insurger insister marteler martèler plaider prévenir promettre protester réclamer demander exiger
révéler confirmer démentir nier contester critiquer fustiger condamner saluer citer appeler affirmer
signaler noter observer commenter résumer tweeter twitter écrire publier évoquer mentionner invoquer
souhaiter espérer craindre redouter s'inquiéter inquiéter lâcher glisser souffler tonner pointer
menacer rassurer concéder qualifier avouer confesser rétorquer objecter ironiser plaisanter exclamer
s'exclamer indigner s'indigner agacer s'agacer étonner s'étonner alarmer s'alarmer émouvoir s'émouvoir
offusquer s'offusquer féliciter réjouir interroger emporter s'emporter renchérir abonder nuancer
tempérer clamer proclamer asséner trancher railler tacler cingler interpeller exhorter implorer
garantir jurer certifier répéter marteler avertir
""".split())

# verbs that report speech only as an incise right after the quote: "« … », reprend-elle",
# "« … », sourit le maire"; before a quote they mostly narrate ("il reprend le travail")
INCISE_CUE_LEMMAS = frozenset("""
reprendre continuer sourire soupirer amuser enchaîner relever compléter rapporter développer
justifier défendre réagir poursuivre résumer insister conclure
""".split())

# verbs whose complement clause is an attributed position (for claims), beyond the cues
CLAIM_EXTRA_LEMMAS = frozenset("penser croire soutenir prétendre constater".split())

# nouns naming a statement made by someone: "l'annonce de la gendarmerie : « … »"
SPEECH_NOUNS = frozenset("""
annonce communiqué déclaration message lettre courrier tweet post publication texte propos
réponse discours interview entretien tribune note avis
""".split())

# nouns of those who speak for a body named after them: "les services du parquet"
VOICE_NOUNS = frozenset("services porte-parole entourage".split())

# head nouns of job titles and roles: "le député du Nord", "la ministre", "l'élu"
ROLE_NOUNS = frozenset("""
ministre secrétaire député députée sénateur sénatrice élu élue maire président présidente
leader chef cheffe dirigeant dirigeante porte-parole procureur procureure préfet préfète juge
avocat avocate directeur directrice fondateur fondatrice patron patronne responsable conseiller
conseillère commissaire rapporteur rapporteure délégué déléguée gouverneur premier première
candidat candidate militant militante syndicaliste journaliste photographe chercheur chercheuse
spécialiste expert experte commandant commandante capitaine officier enquêteur enquêtrice
adjoint adjointe vice-président vice-présidente coordinateur coordinatrice administrateur
administratrice gérant gérante propriétaire créateur créatrice victime
""".split())

# head nouns of institutions: "le parquet de Paris", "la gendarmerie nationale"
INSTITUTION_NOUNS = frozenset("""
parquet tribunal cour gendarmerie police préfecture ministère mairie conseil commission agence
autorité direction office brigade assemblée sénat gouvernement parlement association syndicat
fédération parti société groupe collectif fondation observatoire institut haute
barreau ordre rectorat académie université hôpital clinique département région conférence
confédération union entreprise compagnie banque cabinet ambassade consulat état-major armée
""".split())

# media nouns that start an outlet's name: "le Journal du dimanche"
MEDIA_NOUNS = frozenset("journal radio magazine quotidien hebdomadaire chaîne revue télévision".split())

SUBJECT_PRONOUNS = {"il": "m", "elle": "f", "ils": "m", "elles": "f"}

# prepositions after which a proper noun is a place: "à Dijon", "en Bulgarie", "dans le Nord"
LOCATIVE_BEFORE = ("à", "en", "au", "aux", "dans le", "dans la", "dans les", "vers", "près de", "basée à", "basé à",
                   "commune de", "ville de", "village de", "habitants de")

# irregular forms of cue verbs the tagger may not lemmatise (present, past participle, imperfect)
_IRREGULAR = {
    "dire": "dit dis disent disait disaient dira", "écrire": "écrit écrivent écrivait écrira",
    "reconnaître": "reconnaît reconnaît reconnu reconnue reconnaissent", "admettre": "admet admis admettent",
    "promettre": "promet promis promettent", "répondre": "répond répondu répondent répondait",
    "conclure": "conclut conclu concluent", "poursuivre": "poursuit poursuivi poursuivent",
    "prévenir": "prévient prévenu préviennent", "soutenir": "soutient soutenu soutiennent",
    "craindre": "craint craignent", "contredire": "contredit", "lâcher": "lâche lâché",
    "concéder": "concède concèdent concédé", "répéter": "répète répètent répété", "rétorquer": "rétorque",
    "asséner": "assène assènent asséné", "reprendre": "reprend reprennent repris reprenait",
    "sourire": "sourit sourient souri souriait", "interroger": "interroge",
}


def _er_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    endings = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "era", "eront", "ant", "a", "ons", "ez")
    forms = {stem + e for e in endings}
    if stem.endswith("g"):
        forms |= {stem + "eait", stem + "eaient", stem + "eant", stem + "ea"}
    if stem.endswith("c"):
        forms |= {stem[:-1] + "ç" + e for e in ("ait", "aient", "ant", "a")}
    return forms


def _cue_forms(lemmas: frozenset[str]) -> frozenset[str]:
    forms: set[str] = set()
    for lemma in lemmas:
        verb = lemma.removeprefix("s'")
        if verb.endswith("er"):
            forms |= _er_forms(verb)
        forms |= set(_IRREGULAR.get(verb, "").split())
    return frozenset(forms)


CUE_FORMS = _cue_forms(CUE_LEMMAS | (frozenset(_IRREGULAR) - INCISE_CUE_LEMMAS))
INCISE_CUE_FORMS = _cue_forms(INCISE_CUE_LEMMAS) - CUE_FORMS

# capitalised common nouns of the State: "la République", "l'État", "la Confédération" name no place
# and, alone, no organisation either ("procureur de la République de Paris", "chef de l'État")
STATE_NOUNS = frozenset("""
état etat république republique nation confédération confederation gouvernement constitution
""".split())

# nouns that announce an organisation's name right after them: "l'application X", "le parti X"
ORG_CUE_NOUNS = frozenset("""
application appli plateforme site réseau messagerie marque enseigne société groupe entreprise
parti mouvement syndicat association club chaîne journal émission magazine quotidien hebdomadaire
radio fédération collectif fondation banque assureur opérateur constructeur laboratoire startup
""".split())

# head nouns of local institutions, named after their town: "le tribunal de Tulle", "le CHU de Nantes"
LOCAL_INSTITUTIONS = (
    "parquet", "tribunal", "cour", "préfecture", "sous-préfecture", "mairie", "rectorat", "académie",
    "commissariat", "hôpital", "CHU", "CHR", "CHRU", "clinique", "centre hospitalier", "lycée", "collège",
    "école", "université", "conseil départemental", "conseil régional", "conseil municipal", "gendarmerie",
    "maison d'arrêt", "maison d’arrêt", "centre pénitentiaire", "barreau", "conseil de prud'hommes",
    "festival", "salon", "foire", "musée", "théâtre", "opéra", "port autonome", "aéroport",
)
# institutions a definite article points to in the article's own town: "le parquet", "la mairie"
DEFINITE_INSTITUTIONS = ("parquet", "mairie", "préfecture", "gendarmerie", "sous-préfecture")
# what may follow the head noun: "tribunal correctionnel", "centre hospitalier universitaire"
INSTITUTION_QUALIFIERS = (
    "nationale", "national", "judiciaire", "correctionnel", "administratif", "d'appel", "d’appel",
    "d'assises", "d’assises", "de police", "financier", "de commerce", "de grande instance", "universitaire",
    "régional", "intercommunal", "professionnel", "agricole", "privé", "privée", "public", "publique",
    "général", "générale", "technologique", "militaire", "départemental", "municipal", "municipale",
    "pour mineurs", "des mineurs", "pour enfants",
)
# institutions complete without a town: "le tribunal correctionnel", "la cour d'assises", "le rectorat"
BARE_INSTITUTIONS = (
    "tribunal correctionnel", "tribunal judiciaire", "tribunal administratif", "tribunal de commerce",
    "tribunal pour enfants", "cour d'assises", "cour d’assises", "cour d'appel", "cour d’appel",
    "ministère public", "rectorat", "conseil départemental", "conseil régional", "conseil municipal",
    "parquet national financier", "parquet national antiterroriste", "conseil de discipline",
)

# head nouns that open an organisation's name even in lower case: "le ministère des Affaires étrangères"
ORG_HEADS = INSTITUTION_NOUNS | frozenset("""
ministère comité commission agence autorité conseil cour office haut-commissariat secrétariat
établissement université académie rectorat centre caisse chambre
""".split())

# sports roles whose complement is a club, even when written as its town: "l'entraîneur de Lorient"
CLUB_ROLE_NOUNS = frozenset("""
entraîneur entraîneuse coach joueur joueuse attaquant attaquante défenseur défenseure gardien gardienne
buteur buteuse ailier capitaine supporter supporteur supporters supporteurs
""".split())

# head nouns of legal instruments: "l'Accord de 1990", "la Loi de 1905" name a text, not an organisation
LEGAL_INSTRUMENT_NOUNS = frozenset("""
accord accords loi lois traité traités décret règlement directive ordonnance circulaire arrêté code
""".split())

# phrases after which a name is a news medium: "dans les colonnes du Figaro", "au micro de France Bleu"
MEDIA_CUE_PHRASES = (
    "dans les colonnes de", "dans les colonnes du", "dans les colonnes d'", "dans les colonnes d’",
    "au micro de", "au micro du", "au micro d'", "au micro d’", "à l'antenne de", "à l’antenne de",
    "sur l'antenne de", "sur l’antenne de", "sur le plateau de", "sur le plateau du", "à la une de",
    "à la une du", "dans un entretien accordé à", "dans un entretien accordé au", "dans une interview accordée à",
    "dans une interview accordée au", "dans une interview à", "dans un entretien à", "dans un entretien au",
)

# words that make a paragraph a match report: there "face à Lorient", "Lorient s'impose" name the club
MATCH_WORDS = frozenset("""
match matchs matches but buts victoire défaite nul score mi-temps journée championnat ligue coupe
penalty pénalty équipe adversaire vainqueur
""".split())
# verbs whose subject, in a match report, is a team: "Lorient s'impose", "Brest a battu Nantes"
MATCH_VERBS = frozenset("imposer battre gagner perdre emporter affronter dominer égaliser marquer recevoir".split())
