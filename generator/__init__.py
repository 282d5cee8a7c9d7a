"""Briefing generator: French news articles -> sourced fact files -> MkDocs Material site.

Stages (one direction): ingest -> extract -> (facts/*.yaml) -> render -> site.
"""

__version__ = "0.1.0"
