"""Extract: pure functions from a parsed Doc to actors, roles, events and agreements."""
from .actors import demonym_mentions, entity_mentions
from .agreements import agreements
from .arguments import Scene, subject_pronouns
from .bodies import body_mentions
from .events import events
from .roles import person_roles

__all__ = ["entity_mentions", "demonym_mentions", "body_mentions", "person_roles", "events", "agreements",
           "Scene", "subject_pronouns"]
