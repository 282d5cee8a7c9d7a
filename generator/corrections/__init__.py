"""Human corrections: `facts/<slug>/corrections.yaml`, applied on every run after extraction.

The file is a YAML list; each item is one correction, applied in file order:

    - fix_speaker: q-3            # quote id
      speaker: Gérald Darmanin    # a person's name or id (null: the article does not say)
    - drop: c-7                   # any fact id: quote, claim, event, legal ref, person, org, place
    - add: quote                  # quote | claim | event | person | organisation | place | legal
      text: "le texte exact"      # must be in the article word for word: its span is computed
      speaker: Fabien Roussel
    - rename: person-2
      name: Gérald Darmanin
    - merge: person-5             # merged into the other entity (mentions, roles, aliases, quotes)
      into: person-2
    - review: q-1                 # a person checked this fact: shown "✔ vérifié" on the pages

Every item may also carry `note:` (free text, kept for humans) and `expect:` (the target's words,
or a part of them, when the correction was written: quote text, claim words, event date words or
clause, legal mention or entity name). With `expect`, a correction whose id now names another fact
is re-targeted to the one fact holding those words, or reported; it never silently lands on the
wrong fact.

A correction whose target no longer exists is reported as a warning (`FILE:LINE: …`) and skipped;
an added fact whose words are not in the article is an error. The tool never writes this file.
"""

from .apply import apply_corrections, apply_corrections_file, check_added_words
from .format import CORRECTIONS_FILE, Correction, load_corrections, parse_corrections

__all__ = ["CORRECTIONS_FILE", "Correction", "apply_corrections", "apply_corrections_file", "check_added_words",
           "load_corrections", "parse_corrections"]
