"""Type aliases shared across newsgraph."""
from __future__ import annotations

import os
from typing import Literal, Union

PathLike = Union[str, "os.PathLike[str]"]

ActorType = Literal["Person", "Organization", "Country"]
Modality = Literal["asserted", "planned", "negated", "reported", "hypothetical"]
Status = Literal["done", "skipped", "failed"]
AgreementStatus = Literal["proposed", "signed", "in_force", "suspended", "denounced", "ended"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
#: A character span ``(start, end)`` in an article's original text.
CharSpan = tuple[int, int]
