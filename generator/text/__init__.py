"""The one text core: how French text is folded for comparison, slugged, and which words are vocabulary.

Every module that compares names, searches text or makes an anchor uses these, so article-level and
dossier-level matching agree.
"""

from .fold import fold, slugify
from .french import MONTH_NAMES, MONTH_NUMBERS, WEEKDAY_NAMES, stop_words

__all__ = ["fold", "slugify", "MONTH_NAMES", "MONTH_NUMBERS", "WEEKDAY_NAMES", "stop_words"]
