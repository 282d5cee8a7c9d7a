"""Extractive summary: lead and key points are the article's own sentences, in order."""

from __future__ import annotations

BODY = """
Le conseil municipal de Vierzon a voté jeudi la fermeture de la piscine Jean-Moulin, construite en 1968.

« Nous n’avons plus les moyens de la chauffer », a expliqué la maire, Hélène Dargent, devant les élus.

L’opposition dénonce une décision prise sans concertation. Selon Karim Belkadi, conseiller d’opposition, une pétition a réuni 3000 signatures en une semaine.

Les travaux d’un nouveau centre aquatique doivent commencer en janvier 2026. Le chantier coûtera douze millions d’euros, financés en partie par la région.

Les nageurs du club local s’entraîneront d’ici là à Bourges, à trente kilomètres.
"""


def test_lead_and_key_points_are_verbatim_sentences_in_order(extract):
    facts = extract(BODY)
    s = facts.summary
    assert s.lead and s.lead_source is not None
    lead_para = facts.article.paragraph(s.lead_source.paragraph)
    assert lead_para.text[s.lead_source.start : s.lead_source.end] == s.lead
    assert s.key_points, "a five-paragraph article has key points"
    order = {p.id: i for i, p in enumerate(facts.article.paragraphs)}
    positions = []
    for kp in s.key_points:
        para = facts.article.paragraph(kp.source.paragraph)
        assert para.text[kp.source.start : kp.source.end] == kp.text
        # a key point is one whole sentence of the paragraph, as ingest split it (never a fragment)
        assert (kp.source.start, kp.source.end) in para.sentences
        assert kp.text[-1] in ".!?»\"…" and (kp.text[0].isupper() or kp.text[0] in "«\"")
        positions.append((order[kp.source.paragraph], kp.source.start))
    assert positions == sorted(positions)
    assert s.lead not in [kp.text for kp in s.key_points]


def test_key_points_prefer_attributed_and_dated_sentences(extract):
    facts = extract(BODY)
    texts = " ".join(kp.text for kp in facts.summary.key_points)
    assert "Nous n’avons plus les moyens" in texts
    assert "janvier 2026" in texts
