"""Briefing generator: French news articles -> sourced fact files -> MkDocs Material site and PDFs.

`pipeline.py` runs the stages in order (read seeds, plan, extract, correct, write facts, merge the
dossier, exports, render, MkDocs, PDF); each stage is a module or package of its own.
"""

__version__ = "0.1.0"
