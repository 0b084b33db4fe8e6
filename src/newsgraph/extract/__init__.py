"""Extract: pure functions from a parsed Doc to actors, roles, events and agreements."""
from .actors import demonym_mentions, entity_mentions
from .agreements import agreements
from .arguments import Scene
from .bodies import body_mentions
from .events import events
from .model import Agreement, Claim, Conflict, EntityMention, Event, EventMention, Role, StatusChange
from .roles import person_roles

__all__ = ["entity_mentions", "demonym_mentions", "body_mentions", "person_roles", "events", "agreements",
           "Scene", "EntityMention", "Event", "EventMention", "Claim", "Conflict", "Role", "Agreement",
           "StatusChange"]
