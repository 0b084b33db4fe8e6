"""Extract: pure functions from a parsed Doc to actors, roles, events and agreements."""
from .actors import entity_mentions
from .events import events
from .model import EntityMention, Event, Role

__all__ = ["entity_mentions", "events", "EntityMention", "Event", "Role"]
