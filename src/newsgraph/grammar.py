"""The grammar words of French that rules test, written once: determiners, prepositions
and their contractions and elisions (closed classes, shared by every room like
``types`` and ``text``). Content words are data, read through
:class:`~newsgraph.data.Lexicons`.

Tokens keep their elision mark (``d'``, ``d’``); :func:`newsgraph.text.fold` drops it
(``d``), so each family has its folded form too.

>>> sorted(DE_TOKENS)
["d'", 'de', 'des', 'du', 'd’']
>>> sorted(DE_FOLDED | DEFINITE_FOLDED)
['d', 'de', 'des', 'du', 'l', 'la', 'le']
"""
from __future__ import annotations

#: "de" contracted with the definite article ("du" = de le, "des" = de les)
DE_CONTRACTED = frozenset({"du", "des"})
#: "de" and its contractions
DE = DE_CONTRACTED | {"de"}
#: "de" elided before a vowel, with either apostrophe
ELIDED_DE = frozenset({"d'", "d’"})
#: every token of the "de" family
DE_TOKENS = DE | ELIDED_DE
#: the "de" family once folded ("d'" -> "d")
DE_FOLDED = DE | {"d"}
#: "à" contracted with the definite article ("au" = à le, "aux" = à les)
A_CONTRACTED = frozenset({"au", "aux"})
#: the definite article, elided with either apostrophe
DEFINITE_SINGULAR = frozenset({"le", "la", "l'", "l’"})
DEFINITE = DEFINITE_SINGULAR | {"les"}
#: the singular definite article once folded ("l'" -> "l")
DEFINITE_FOLDED = frozenset({"le", "la", "l"})
#: the contractions with a singular article ("du" = de le, "au" = à le)
CONTRACTED_SINGULAR = frozenset({"du", "au"})
#: the copula
COPULA = "être"
#: Function words skipped when an acronym is read off a name ("Front populaire pour la
#: démocratie" -> FPD): articles, prepositions and conjunctions, as words, as elided
#: tokens and folded.
ACRONYM_SKIP = DE_TOKENS | DE_FOLDED | DEFINITE | DEFINITE_FOLDED | A_CONTRACTED | {"pour", "et", "en", "à", "sur"}
